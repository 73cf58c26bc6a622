package fr.hygie.territory;

import fr.hygie.platform.Labelled;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of an environment dataset import (« rapport d'import »): all lines stored, or nothing stored and
 * every error listed by line and column (all-or-nothing).
 */
public record ImportReport(boolean imported, int dataLines, int values, List<LineError> errors) {

    /**
     * The reasons of a refused line as codes: {@link #label()} is the French MessageFormat pattern (the command line
     * prints it); pages say {@code code.territory.ImportReport.Wording.<CODE>} in the reader's language.
     */
    public enum Wording {
        NO_DATA_LINES("le fichier ne contient aucune ligne de données."),
        HEADER_WRONG("l''en-tête doit être exactement « {0} » (trouvé « {1} »)."),
        EMPTY_FILE("le fichier est vide : l''en-tête « {0} » manque."),
        COLUMN_COUNT("la ligne a {0} colonnes au lieu de 5 (séparateur : la virgule ; décimales avec un point)."),
        LEVEL("« {0} » n''est pas un niveau accepté (commune ou departement)."),
        COMMUNE_CODE("« {0} » n''est pas un code commune INSEE valide (5 caractères, par exemple 75056 ou 2A004)."),
        COMMUNE_WITHOUT_DEPARTEMENT("la commune « {0} » n''appartient à aucun département connu."),
        DEPARTEMENT_CODE("« {0} » n''est pas un code de département connu (01 à 95, 2A, 2B, 971 à 976)."),
        PERIOD("« {0} » n''est pas une période AAAA ou AAAA-MM."),
        VARIABLE("« {0} » n''est pas une variable connue ({1})."),
        VALUE_EMPTY("la valeur est vide."),
        VALUE_NOT_A_NUMBER("« {0} » n''est pas un nombre (décimales avec un point, par exemple 12.5)."),
        VALUE_OUT_OF_RANGE("la valeur {0} est hors de l''intervalle plausible pour {1} ({2} à {3} {4})."),
        DUPLICATE("doublon : {0} pour {1} en {2} figure déjà plus haut dans le fichier.");

        private final String label;

        Wording(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The unit of an environment variable as an argument of a reason: its French unit in the French sentence, the
     * reader's language on pages ({@code code.territory.EnvironmentVariable.<CONSTANT>.unit}).
     */
    public record Unit(EnvironmentVariable variable) implements Labelled {

        @Override
        public String label() {
            return variable.unit();
        }

        @Override
        public String toString() {
            return variable.unit();
        }
    }

    /**
     * One problem: line number in the file (1 = first line), column name, French reason, and the same reason as a
     * code with its arguments for pages: texts, numbers as {@link BigDecimal} (as many decimals as their scale,
     * written in the reader's language: « 12,5 » in French, « 12.5 » in English) and {@link Unit}s.
     */
    public record LineError(int line, String column, String reason, Wording wording, List<Object> args) {

        public LineError {
            args = args == null ? List.of() : List.copyOf(args);
        }

        static LineError of(int line, String column, Wording wording, Object... args) {
            String french = args.length == 0 ? wording.label()
                    : MessageFormat.format(wording.label(), Arrays.stream(args).map(LineError::french).toArray());
            return new LineError(line, column, french, wording, List.of(args));
        }

        /** An argument as the French sentence says it (the command line and the log of the import print it). */
        private static Object french(Object arg) {
            if (arg instanceof BigDecimal number) {
                return Numbers.fr(number.doubleValue(), Math.max(0, number.scale()));
            }
            return arg instanceof Labelled code ? code.label() : arg;
        }

        @Override
        public String toString() {
            return "ligne " + line + ", colonne « " + column + " » : " + reason;
        }
    }

    public ImportReport {
        errors = List.copyOf(errors);
    }
}
