package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.sql.SQLException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The FHIR API while the database cannot be reached: 503 OperationOutcome of type {@code transient} with
 * {@code Retry-After}, whether the failure happens in a resource provider (HAPI's error hook) or in the
 * security chain before it (the filter); any other error keeps its usual answer. End to end, against a
 * PostgreSQL really stopped: {@code security.DatabaseRestartIT}.
 */
class FhirOutageTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final CannotGetJdbcConnectionException DOWN = new CannotGetJdbcConnectionException("pool timeout",
            new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));

    @Test
    void aProviderThatCannotReachTheDatabaseGivesA503TransientOutcomeWithRetryAfterAndNoDetail() {
        HygieFhirServer server = new HygieFhirServer(FHIR, List.of(), null, null, null);
        ServletRequestDetails request = new ServletRequestDetails();

        BaseServerResponseException answer = server.new Hooks().outgoing(request, new RuntimeException("wrapped", DOWN));

        assertThat(answer.getStatusCode()).isEqualTo(503);
        assertThat(answer.getResponseHeaders()).containsEntry("Retry-After", List.of("30"));
        OperationOutcome outcome = (OperationOutcome) answer.getOperationOutcome();
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(answer.getMessage() + outcome.getIssueFirstRep().getDiagnostics()).doesNotContain("127.0.0.1", "pool", "SQL");
        assertThat(server.new Hooks().outgoing(request, new IllegalStateException("a bug")).getStatusCode()).isEqualTo(500);
    }

    @Test
    void theSecurityChainFailingOnTheDatabaseGivesA503OutcomeAndOtherErrorsPassThrough() throws Exception {
        FhirOutageFilter filter = new FhirOutageFilter(FHIR);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/fhir/Patient"), response, (req, res) -> {
            throw DOWN;
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"transient\"").doesNotContain("127.0.0.1", "Exception");
        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/fhir/Patient"), new MockHttpServletResponse(),
                (req, res) -> {
                    throw new IllegalStateException("a bug");
                })).isInstanceOf(IllegalStateException.class);
    }
}
