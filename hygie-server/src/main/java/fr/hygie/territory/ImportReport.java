package fr.hygie.territory;

import java.util.List;

/**
 * The outcome of an environment dataset import (« rapport d'import »): all lines stored, or nothing stored and
 * every error listed by line and column (all-or-nothing).
 */
public record ImportReport(boolean imported, int dataLines, int values, List<LineError> errors) {

    /** One problem: line number in the file (1 = first line), column name, French reason. */
    public record LineError(int line, String column, String reason) {

        @Override
        public String toString() {
            return "ligne " + line + ", colonne « " + column + " » : " + reason;
        }
    }

    public ImportReport {
        errors = List.copyOf(errors);
    }
}
