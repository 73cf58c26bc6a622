package fr.hygie.research;

import java.time.Instant;
import java.util.List;

/**
 * A project as the public registry shows it (registre public des projets): only public fields. Never the
 * run membership, never the reviewers' private notes, never the researcher's account; a step shows the
 * body that decided (committee, authority, administration, team), not a person's account.
 */
public record RegistryEntry(String id, String title, String summary, String purpose, String purposeLabel, String legalBasis,
        String organisation, String organisationKind, String organisationKindLabel, String place, String placeLabel, String team,
        String population, int durationMonths, String funding, String publicBenefit, List<Variable> variables, String status,
        String statusLabel, Instant submittedAt, Instant statusSince, Instant dueAt, boolean late, List<Step> steps,
        Integer included, Integer excludedByObjections, Instant lastSnapshot, Results results) {

    /** A requested variable and its justification. */
    public record Variable(String category, String variable, String justification) {
    }

    /**
     * A public step: the move, the body that made it (its role code {@code bodyRole}, for pages in other
     * languages, and its French name), the reasons, the date and the deadline.
     */
    public record Step(String decision, String decisionLabel, String status, String bodyRole, String body, String reasons, Instant decidedAt,
            Instant dueAt, boolean late) {
    }

    /** Published results (negative results are results). */
    public record Results(String summary, boolean negative, Instant publishedAt) {
    }

    /** The role code of the body that makes a move: the role, or {@code SYSTEM} for the platform's own moves. */
    static String bodyRole(String role) {
        switch (role == null ? "" : role) {
            case "REVIEWER":
            case "AUDITOR":
            case "ADMIN":
            case "RESEARCHER":
                return role;
            default:
                return "SYSTEM";
        }
    }

    /** The name of the body that makes a move, by role: what the registry shows instead of a person. */
    static String body(String role) {
        switch (role) {
            case "REVIEWER":
                return "Comité éthique et scientifique";
            case "AUDITOR":
                return "Autorité de protection des données (CNIL)";
            case "ADMIN":
                return "Administration de la plateforme";
            case "RESEARCHER":
                return "Équipe du projet";
            default:
                return "Plateforme (moteur d'extraction)";
        }
    }
}
