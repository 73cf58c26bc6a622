package fr.hygie.web.record;

import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentContent;
import fr.hygie.record.DocumentFile;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/** How a permitted reader downloads a document: as an attachment, never rendered as active content. */
final class DocumentDownloads {

    private DocumentDownloads() {
    }

    /**
     * Sends the document as an attachment: its type, {@code Content-Disposition: attachment} with a file name made of its
     * clinical date, a sandboxing CSP that replaces the pages' policy, {@code Cache-Control: no-store} (Spring Security's
     * cache headers, written at commit, then leave it as it is), its length, then its bytes in one write.
     * <p>
     * Written to the response by the controller rather than returned as a {@code ResponseEntity<byte[]>}: the same
     * headers and bytes, without Spring MVC's return-value machinery (choosing among ~15 return-value handlers, copying
     * the entity's headers, the not-modified check, the message converter: 2.9 % of the request threads' CPU on a
     * record read where 40 % of the requests are downloads; issue 13, docs/benchmarks.md « Session 11 — the request's
     * path outside our code, again »). Called only once the policy permitted the read: a refusal never reaches it.
     */
    static void send(DocumentFile doc, HttpServletResponse response) throws IOException {
        ContentType type = doc.contentType();
        String ext = switch (type) {
            case PDF -> "pdf";
            case TEXT -> "txt";
            case CDA -> "xml";
            case FHIR_JSON -> "json";
        };
        byte[] bytes = doc.bytes();
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("document-" + doc.clinicalDate() + "." + ext, StandardCharsets.UTF_8).build().toString());
        response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(type.mime());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Text-like content shown in the page (escaped by Thymeleaf); null for a PDF. */
    static String inlineText(DocumentContent doc) {
        return doc.summary().contentType() == ContentType.PDF ? null : new String(doc.bytes(), StandardCharsets.UTF_8);
    }
}
