package fr.hygie.research;

import java.util.List;
import java.util.Set;

/**
 * A submission as typed by the researcher (codes as posted by the form). {@code declaredUses}: the
 * codes of {@link ProhibitedUse} the project says it will pursue; any of them gets the project refused.
 */
public record NewProject(String title, String summary, String purpose, String legalBasis, String organisation,
        String organisationKind, String place, String team, String population, String durationMonths, String funding,
        String publicBenefit, List<RequestedVariable> variables, Set<String> declaredUses) {

    public NewProject {
        variables = variables == null ? List.of() : List.copyOf(variables);
        declaredUses = declaredUses == null ? Set.of() : Set.copyOf(declaredUses);
    }
}
