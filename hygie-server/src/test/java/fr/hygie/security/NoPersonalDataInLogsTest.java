package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No health data and no NIR in any log line (conventions, "Logs"): a value a person typed in the
 * wrong field is refused with a 400, and the log says which parameter and which kind of error, never
 * the value. Spring's {@code DefaultHandlerExceptionResolver} warns "Resolved [...]" with the
 * exception's message, which quotes the rejected value ({@code For input string: "…"}, Jackson's
 * {@code Unrecognized token '…'}); {@code platform.web.QuietExceptionResolver} replaces that line. A FHIR
 * search parameter in the wrong format is a 400 logged without its value ({@code fhir.HygieFhirServer}).
 */
@HygieIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsTest {

    // NIR-shaped values (13 digits + key), as someone would paste them into the wrong field; one per test,
    // since the captured output of a test class is cumulative.
    private static final String NIR = "185077512345678";
    private static final String NIR_IN_JSON = "285127512345621";
    private static final String NIR_IN_PAGE = "192036912345633";
    private static final String NIR_IN_FHIR = "278056912345690";

    @LocalServerPort
    int port;

    @Test
    void aNirTypedIntoANumberParameterIsRefusedWithoutBeingLogged(CapturedOutput output) {
        WebSession cnil = new WebSession(port).loggedInAs("cnil");
        HttpResponse<String> r = cnil.get("/audit?jours=" + NIR);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(output.getAll()).contains("MethodArgumentTypeMismatchException").contains("jours").doesNotContain(NIR);
    }

    @Test
    void aNirInUnreadableJsonIsRefusedWithoutBeingLogged(CapturedOutput output) {
        WebSession accueil = new WebSession(port).loggedInAs("accueil");
        HttpResponse<String> r = accueil.postJson("/api/v1/patients", "{\"matricule\": N" + NIR_IN_JSON + "}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain(NIR_IN_JSON);
        assertThat(output.getAll()).contains("HttpMessageNotReadableException").doesNotContain(NIR_IN_JSON);
    }

    @Test
    void aNirInTheSecondMistypedParameterOfAPageIsNotLoggedEither(CapturedOutput output) {
        WebSession cnil = new WebSession(port).loggedInAs("cnil");
        HttpResponse<String> r = cnil.get("/audit?jours=30&page=" + NIR_IN_PAGE);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(output.getAll()).contains("'page'").doesNotContain(NIR_IN_PAGE);
    }

    @Test
    void aNirInAFhirSearchParameterIsRefusedWithoutBeingLogged(CapturedOutput output) {
        // Finding: HAPI's date parser failed with a 500 whose logged stack trace quoted the value.
        HttpResponse<String> r = new WebSession(port).get("/fhir/Slot?start=" + NIR_IN_FHIR);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain(NIR_IN_FHIR);
        assertThat(output.getAll()).contains("FHIR GET Slot refused").doesNotContain(NIR_IN_FHIR);
    }
}
