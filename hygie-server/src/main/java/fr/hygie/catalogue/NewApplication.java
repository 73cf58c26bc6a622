package fr.hygie.catalogue;

import java.util.Map;

/**
 * What a publisher files (« dossier de candidature au référencement »): the service, the publisher and a
 * contact e-mail, the hosting (provider, country and the law it is subject to, as ISO country codes),
 * certifications (e.g. HDS), the data used and why, the business model with the two declarations the
 * rules look at (sale of data, advertising), the accessibility statement, the footprint measurements,
 * the OAuth redirect URIs and scopes the app asks for, and the self-assessment on the grid.
 */
public record NewApplication(String serviceName, String description, String publisher, String contactEmail,
        String hostingProvider, String hostingCountry, String hostingLawCountry, String certifications, String dataUsed,
        String dataPurpose, String businessModel, boolean sellsData, boolean advertising, String accessibilityStatement,
        String footprint, String redirectUris, String requestedScopes, boolean confidential,
        Map<Criterion, Assessment> selfAssessment) {

    public NewApplication {
        selfAssessment = selfAssessment == null ? Map.of() : Map.copyOf(selfAssessment);
    }
}
