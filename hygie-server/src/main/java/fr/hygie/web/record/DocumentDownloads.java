package fr.hygie.web.record;

import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentContent;
import fr.hygie.record.DocumentFile;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How a permitted reader downloads a document: as an attachment, never rendered as active content. */
final class DocumentDownloads {

    private DocumentDownloads() {
    }

    static ResponseEntity<byte[]> attachment(DocumentFile doc) {
        ContentType type = doc.contentType();
        String ext = switch (type) {
            case PDF -> "pdf";
            case TEXT -> "txt";
            case CDA -> "xml";
            case FHIR_JSON -> "json";
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type.mime()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("document-" + doc.clinicalDate() + "." + ext, StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(doc.bytes());
    }

    /** Text-like content shown in the page (escaped by Thymeleaf); null for a PDF. */
    static String inlineText(DocumentContent doc) {
        return doc.summary().contentType() == ContentType.PDF ? null : new String(doc.bytes(), StandardCharsets.UTF_8);
    }
}
