package fr.hygie.record;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The content types a document may have, recognised by their bytes, never by a file name or a
 * declared type alone (a PDF is a PDF because it starts with {@code %PDF-}).
 */
public enum ContentType {
    PDF("application/pdf"),
    TEXT("text/plain"),
    CDA("application/cda+xml"),
    FHIR_JSON("application/fhir+json");

    private final String mime;

    ContentType(String mime) {
        this.mime = mime;
    }

    public String mime() {
        return mime;
    }

    public static Optional<ContentType> fromMime(String mime) {
        for (ContentType t : values()) {
            if (t.mime.equalsIgnoreCase(mime)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** What the bytes are, if they are one of the accepted types. */
    public static Optional<ContentType> sniff(byte[] bytes) {
        if (bytes.length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-') {
            return Optional.of(PDF);
        }
        Optional<String> text = utf8(bytes);
        if (text.isEmpty() || text.get().indexOf('\0') >= 0) {
            return Optional.empty();
        }
        String t = text.get().stripLeading();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        if (t.startsWith("<")) {
            // A CDA R2 document: a ClinicalDocument root in the HL7 v3 namespace.
            return t.contains("<ClinicalDocument") && t.contains("urn:hl7-org:v3") ? Optional.of(CDA) : Optional.empty();
        }
        if (t.startsWith("{")) {
            return t.contains("\"resourceType\"") ? Optional.of(FHIR_JSON) : Optional.empty();
        }
        return Optional.of(TEXT);
    }

    /**
     * A PDF may carry active content (JavaScript, launch actions, embedded files): such a PDF is refused.
     * The check looks for the PDF name objects that trigger them, in the raw bytes.
     */
    public static boolean pdfHasActiveContent(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        return raw.contains("/JavaScript") || raw.contains("/JS") || raw.contains("/Launch")
                || raw.contains("/EmbeddedFile") || raw.contains("/OpenAction") || raw.contains("/AA")
                || raw.contains("/RichMedia") || raw.contains("/XFA");
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
