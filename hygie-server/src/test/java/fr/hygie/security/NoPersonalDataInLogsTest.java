package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private static final String NIR_IN_SQL = "169107512345644";

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    /**
     * A database error never carries the value that caused it: PostgreSQL's detail (« Key (x)=(…) already exists »)
     * and a failed batch's parameters stay out of the exception's message and stack trace, so a 500's logged stack
     * trace cannot quote them (the pool sets the driver's {@code logServerErrorDetail=false}).
     */
    @Test
    void aDatabaseErrorDoesNotQuoteTheValueThatCausedIt() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE nir_probe (nir TEXT PRIMARY KEY)");
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO nir_probe (nir) VALUES (?)")) {
                insert.setString(1, NIR_IN_SQL);
                insert.executeUpdate();
                java.sql.SQLException duplicate = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        insert::executeUpdate);
                assertThat(stackTrace(duplicate)).contains("nir_probe_pkey").doesNotContain(NIR_IN_SQL);
                insert.setString(1, NIR_IN_SQL);
                insert.addBatch();
                java.sql.SQLException batch = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        insert::executeBatch);
                assertThat(stackTrace(batch)).doesNotContain(NIR_IN_SQL);
            } finally {
                st.execute("DROP TABLE IF EXISTS nir_probe");
            }
        }
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        for (Throwable next = t instanceof java.sql.SQLException e ? e.getNextException() : null; next != null;
                next = next instanceof java.sql.SQLException e ? e.getNextException() : null) {
            next.printStackTrace(new java.io.PrintWriter(out));
        }
        return out.toString();
    }

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

    // One value per malformed input below: NIR-shaped, and a secret-looking token.
    private static final String NIR_IN_FHIR_ID = "169047512345614";
    private static final String NIR_IN_FHIR_BODY = "273017512345650";
    private static final String SECRET = "s3cr3t-" + java.util.UUID.randomUUID().toString().replace("-", "");

    /**
     * HAPI's ExceptionHandlingInterceptor warned "Failure during REST processing: …ResourceNotFoundException: Resource
     * Patient/&lt;id&gt; is not known" with whatever the URL held, and its parser warned about an invalid value quoting it.
     */
    @Test
    void aNirInAFhirIdOrInAFhirBodyIsNeverLogged(CapturedOutput output) {
        WebSession accueil = new WebSession(port).loggedInAs("accueil");
        Map<String, String> json = Map.of("Content-Type", "application/fhir+json", "Accept", "application/fhir+json");
        assertThat(accueil.request("GET", "/fhir/Patient/" + NIR_IN_FHIR_ID, json, null).statusCode()).isEqualTo(404);
        assertThat(accueil.request("GET", "/fhir/DocumentReference/" + NIR_IN_FHIR_ID + "?_format=" + SECRET, json, null).statusCode())
                .isBetween(400, 499);
        HttpResponse<String> created = accueil.request("POST", "/fhir/Patient", json, "{\"resourceType\":\"Patient\",\"birthDate\":\""
                + NIR_IN_FHIR_BODY + "\",\"gender\":\"" + SECRET + "\"}");
        assertThat(created.statusCode()).isBetween(400, 499);
        assertThat(created.body()).doesNotContain(NIR_IN_FHIR_BODY);
        assertThat(output.getAll()).doesNotContain(NIR_IN_FHIR_ID).doesNotContain(NIR_IN_FHIR_BODY).doesNotContain(SECRET);
    }

    /**
     * Requests Tomcat or the security firewall refuse before any controller (bad %-encoding in the path or the query,
     * characters not allowed in the request line, an encoded "../", a malformed header name, an oversized header), and
     * a header value with a control character: no log line quotes the request. Finding: Tomcat's Http11Processor logged
     * the whole request target or header line ("Invalid character found in the request target [/…?q=&lt;NIR&gt;{…}]") at
     * INFO; its level is WARN since (application.properties).
     */
    @Test
    void malformedRequestsAreRefusedWithoutTheirContentInTheLogs(CapturedOutput output) throws Exception {
        String nir = "281057512345689";
        List<String> requests = List.of(
                "GET /rendez-vous?q=%ZZ" + nir + "&k=" + SECRET + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /dossier/%ZZ" + nir + SECRET + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /rendez-vous?q=" + nir + "{" + SECRET + "} HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /fhir/Patient/%2e%2e%2f" + nir + SECRET + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Secret: " + nir + "\u0085" + SECRET + "\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Secret" + nir + "(: " + SECRET + "\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + nir + SECRET + "a".repeat(20_000) + "\r\n\r\n");
        List<String> answers = new ArrayList<>();
        for (String request : requests) {
            answers.add(raw(request));
        }
        // Refused with a 400, except the control character in a header value: Tomcat reads it (ISO-8859-1 obs-text) and
        // the security firewall checks a header only when the application reads it, which no page does with X-Secret.
        assertThat(answers).as("status lines of the malformed requests")
                .containsExactly("HTTP/1.1 400 ", "HTTP/1.1 400 ", "HTTP/1.1 400 ", "HTTP/1.1 400 ", "HTTP/1.1 200 ", "HTTP/1.1 400 ",
                        "HTTP/1.1 400 ");
        assertThat(output.getAll()).doesNotContain(nir).doesNotContain(SECRET);
    }

    /** Sends bytes as they are (ISO-8859-1) and returns the status line. */
    private String raw(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            return status == null ? "(closed)" : status;
        }
    }
}
