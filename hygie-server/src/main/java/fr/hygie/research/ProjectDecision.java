package fr.hygie.research;

import fr.hygie.identity.Role;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The moves of a project's route, each made by one role from one status. The research engine's
 * extraction is recorded by the platform itself ({@code SYSTEM}) when a launcher reports a run.
 */
public enum ProjectDecision implements fr.hygie.platform.Labelled {
    /** The reviewer (comité) finds the file complete. */
    COMPLETE("Dossier complet", ProjectStatus.SUBMITTED, ProjectStatus.COMPLETE, Set.of(Role.REVIEWER)),
    /** The reviewer sends the file back to the researcher. */
    INCOMPLETE("Dossier incomplet", ProjectStatus.SUBMITTED, ProjectStatus.INCOMPLETE, Set.of(Role.REVIEWER)),
    /** The researcher completes the file and sends it again. */
    RESUBMIT("Dossier complété", ProjectStatus.INCOMPLETE, ProjectStatus.SUBMITTED, Set.of(Role.RESEARCHER)),
    FAVOURABLE("Avis favorable", ProjectStatus.COMPLETE, ProjectStatus.ETHICS_FAVOURABLE, Set.of(Role.REVIEWER)),
    UNFAVOURABLE("Avis défavorable", ProjectStatus.COMPLETE, ProjectStatus.ETHICS_UNFAVOURABLE, Set.of(Role.REVIEWER)),
    /** The data-protection authority (CNIL) authorises the processing. */
    AUTHORISE("Autorisation accordée", ProjectStatus.ETHICS_FAVOURABLE, ProjectStatus.AUTHORISED, Set.of(Role.AUDITOR)),
    REFUSE("Autorisation refusée", ProjectStatus.ETHICS_FAVOURABLE, ProjectStatus.REFUSED, Set.of(Role.AUDITOR)),
    /** The platform's administration and the team sign the data agreement: ready for extraction. */
    SIGN_AGREEMENT("Convention signée", ProjectStatus.AUTHORISED, ProjectStatus.AGREEMENT_SIGNED, Set.of(Role.ADMIN)),
    /** A first extraction run was reported by the research engine. */
    EXTRACTION("Extraction réalisée", ProjectStatus.AGREEMENT_SIGNED, ProjectStatus.EXTRACTION_DONE, Set.of()),
    /** The team publishes its results, whatever they are (EHDS art. 61(4)). */
    PUBLISH_RESULTS("Résultats publiés", ProjectStatus.EXTRACTION_DONE, ProjectStatus.RESULTS_PUBLISHED, Set.of(Role.RESEARCHER)),
    CLOSE("Projet clos", ProjectStatus.RESULTS_PUBLISHED, ProjectStatus.CLOSED, Set.of(Role.RESEARCHER, Role.ADMIN));

    private final String label;
    private final ProjectStatus from;
    private final ProjectStatus to;
    private final Set<Role> roles;

    ProjectDecision(String label, ProjectStatus from, ProjectStatus to, Set<Role> roles) {
        this.label = label;
        this.from = from;
        this.to = to;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public String label() {
        return label;
    }

    public ProjectStatus from() {
        return from;
    }

    public ProjectStatus to() {
        return to;
    }

    /** Who may make this move; empty for the platform's own move (extraction). */
    public Set<Role> roles() {
        return roles;
    }

    /** The moves a role may make from a status (for the reviewers' forms). */
    public static java.util.List<ProjectDecision> available(ProjectStatus status, Role role) {
        return java.util.Arrays.stream(values()).filter(d -> d.from == status && d.roles.contains(role)).toList();
    }

    public static Optional<ProjectDecision> parse(String code) {
        for (ProjectDecision d : values()) {
            if (d.name().equals(code)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
