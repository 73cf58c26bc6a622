package fr.hygie.research;

import java.util.List;

/** What a researcher declared at submission: all of it is public in the registry. */
public record ProjectSubmission(String title, String summary, Purpose purpose, String legalBasis, String organisation,
        OrganisationKind organisationKind, ProcessingPlace place, String team, String population, int durationMonths,
        String funding, String publicBenefit, List<RequestedVariable> variables) {

    public ProjectSubmission {
        variables = List.copyOf(variables);
    }

    public ProjectProfile profile() {
        return new ProjectProfile(purpose, organisationKind, place);
    }
}
