package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hostile files sent through the professional's upload form, as a browser sends them (multipart, declared type
 * chosen by the sender): an archive and a PDF with active content are refused with their French reason on the form
 * page, and nothing reaches the person's record. The parsers themselves are fuzzed in
 * {@code security.ParserFuzzTest}; this proves the web path applies them (docs/security.md).
 */
@HygieIntegrationTest
class HostileUploadPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Test
    void anArchiveAndAPdfWithActiveContentAreRefusedOnTheFormAndLeaveTheRecordEmpty() throws IOException {
        String login = cast.newPatient();
        String id = cast.patient(login).toString();
        WebSession gp = new WebSession(port).loggedInAs("medecin");
        Map<String, String> fields = Map.of("type", "11502-2", "title", "Piece hostile", "date", "2026-11-01");

        gp.get("/pro/patients/" + id + "/ajouter");
        HttpResponse<String> zipAsZip = gp.postMultipart("/pro/patients/" + id + "/ajouter", fields, "file", "bilan.zip",
                "application/zip", zip());
        assertRefused(zipAsZip, "pas accepté : déposez un PDF");

        gp.get("/pro/patients/" + id + "/ajouter");
        HttpResponse<String> zipAsPdf = gp.postMultipart("/pro/patients/" + id + "/ajouter", fields, "file", "bilan.pdf",
                "application/pdf", zip());
        assertThat(zipAsPdf.statusCode()).isLessThan(500);
        assertThat(zipAsPdf.body()).containsAnyOf("pas accepté : déposez un PDF", "ne correspond pas à son type annoncé");

        gp.get("/pro/patients/" + id + "/ajouter");
        HttpResponse<String> activePdf = gp.postMultipart("/pro/patients/" + id + "/ajouter", fields, "file", "bilan.pdf",
                "application/pdf", pdfWithJavaScript());
        assertRefused(activePdf, "Ce PDF contient du contenu actif");

        // Nothing was stored: the professional's view and the person's own view of her record show no such document.
        assertThat(gp.get("/pro/patients/" + id).body()).doesNotContain("Piece hostile").contains("Aucun document à afficher");
        assertThat(new WebSession(port).loggedInAs(login).get("/dossier").body()).doesNotContain("Piece hostile");

        // The same form with an ordinary text file is accepted: the refusals above are about the content.
        gp.get("/pro/patients/" + id + "/ajouter");
        HttpResponse<String> plain = gp.postMultipart("/pro/patients/" + id + "/ajouter", fields, "file", "bilan.txt",
                "text/plain", "Glycémie à jeun 0,95 g/L.\n".getBytes(StandardCharsets.UTF_8));
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(gp.get("/pro/patients/" + id).body()).contains("Piece hostile");
    }

    private static void assertRefused(HttpResponse<String> answer, String reason) {
        assertThat(answer.statusCode()).isLessThan(500).isNotEqualTo(302);
        assertThat(answer.body()).contains(reason).doesNotContainIgnoringCase("exception");
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("compte-rendu.txt"));
            zip.write("Compte rendu".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static byte[] pdfWithJavaScript() {
        return ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>\n"
                + "endobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
