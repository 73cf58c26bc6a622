package fr.hygie.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An application as stored, public in full except the contact e-mail (shown to reviewers only). */
public record ServiceApplication(UUID id, String reference, ApplicationStatus status, Instant submittedAt, Instant statusChangedAt,
        String serviceName, String description, String publisher, String contactEmail, String hostingProvider,
        String hostingCountry, String hostingLawCountry, String certifications, String dataUsed, String dataPurpose,
        String businessModel, boolean sellsData, boolean advertising, String accessibilityStatement, String footprint,
        List<String> redirectUris, List<String> requestedScopes, boolean confidential, String clientId) {
}
