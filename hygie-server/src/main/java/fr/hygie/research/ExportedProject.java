package fr.hygie.research;

import java.util.List;

/**
 * A research project as the operator's export carries it (« réversibilité »): the project with its whole
 * submission, status, dated steps (private notes included) and results; the login of its researcher as kept
 * when the project came from another platform before that researcher had an account here ({@code null}
 * otherwise: the login is then the account's); and the dated counts of its extraction runs (the membership,
 * which names persons, and the engine's output files under HYGIE_HOME do not travel).
 */
public record ExportedProject(Project project, String researcherLogin, List<ExtractionRun> runs) {

    public ExportedProject {
        runs = List.copyOf(runs);
    }
}
