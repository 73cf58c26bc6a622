package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Coverage-guided fuzzing (Jazzer) of FHIR search parameters sent by a logged-in professional (the API accepts the
 * browser session): whatever names and values a caller sends — SQL, path tricks, broken dates and numbers, unknown
 * modifiers, huge counts — the answer is a Bundle or an OperationOutcome, never a server error, and never a stack
 * trace or the name of an internal class. Every build replays the seeds under
 * {@code src/test/resources/fr/hygie/security/FhirSearchFuzzTestInputs/} (regression mode); {@code JAZZER_FUZZ=1}
 * fuzzes (docs/security.md, "How to run").
 */
@HygieIntegrationTest
class FhirSearchFuzzTest {

    private static final String[] TYPES = {"Patient", "DocumentReference", "Observation", "Condition", "AllergyIntolerance",
        "MedicationStatement", "Immunization", "Consent", "AuditEvent", "Communication", "MedicationRequest", "ServiceRequest",
        "Appointment", "Slot", "Practitioner", "Organization", "ResearchStudy"};
    private static final String[] PARAMETERS = {"patient", "subject", "identifier", "type", "category", "code", "date", "_count",
        "_sort", "name", "family", "given", "birthdate", "status", "_id", "_lastUpdated", "patient:missing", "date:above", "code:text",
        "_include", "_revinclude", "_elements", "_summary", "_total", "_getpagesoffset", "_format", "title"};

    @LocalServerPort
    int port;

    private WebSession medecin;

    @FuzzTest(maxDuration = "5m")
    void aFhirSearchAnswersABundleOrAnOutcomeWhateverItIsGiven(FuzzedDataProvider data) {
        // Jazzer's SSRF detector refuses network connections; this target talks to its own server only.
        try (SilentCloseable local = BugDetectors.allowNetworkConnections((host, p) -> "localhost".equals(host) && p == port)) {
            search(data);
        }
    }

    private void search(FuzzedDataProvider data) {
        if (medecin == null) {
            medecin = new WebSession(port).loggedInAs("medecin");
        }
        StringBuilder query = new StringBuilder("/fhir/").append(data.pickValue(TYPES)).append('?');
        int parameters = data.consumeInt(0, 4);
        for (int i = 0; i < parameters; i++) {
            String name = data.consumeBoolean() ? data.pickValue(PARAMETERS) : data.consumeString(20);
            query.append(enc(name)).append('=').append(enc(data.consumeString(80))).append('&');
        }
        HttpResponse<String> r = medecin.request("GET", query.toString(), Map.of("Accept", "application/fhir+json"), null);
        assertThat(r.statusCode()).as(query.toString()).isIn(200, 400, 403, 404, 422);
        assertThat(r.body()).as(query.toString()).contains("\"resourceType\"")
                .doesNotContain("\tat ", "at fr.hygie.", "at ca.uhn.", "org.postgresql", "SQLException", "PSQLException");
        if (r.statusCode() != 200) {
            assertThat(r.body()).contains("OperationOutcome");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
