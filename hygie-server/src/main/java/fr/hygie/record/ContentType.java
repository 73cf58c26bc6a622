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
     * The check looks for the PDF name objects that trigger them, in the raw bytes, after undoing the
     * two ways a name can be disguised: {@code #xx} escapes inside names ({@code /J#61vaScript} is
     * {@code /JavaScript}, ISO 32000-1 §7.3.5) and Flate-compressed streams, where PDF 1.5 object streams
     * keep whole dictionaries. A PDF whose streams inflate beyond {@link #MAX_INFLATED_BYTES} cannot be
     * checked and counts as active (fail closed: a compression bomb is refused too).
     */
    public static boolean pdfHasActiveContent(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        if (hasActiveName(raw)) {
            return true;
        }
        long budget = MAX_INFLATED_BYTES;
        int from = 0;
        while (true) {
            int keyword = raw.indexOf("stream", from);
            if (keyword < 0) {
                return false;
            }
            int data = keyword + "stream".length();
            if (data < raw.length() && raw.charAt(data) == '\r') {
                data++;
            }
            if (keyword >= 3 && raw.startsWith("end", keyword - 3) || data >= raw.length() || raw.charAt(data) != '\n') {
                from = keyword + 1;
                continue;
            }
            data++;
            int end = raw.indexOf("endstream", data);
            if (end < 0) {
                end = raw.length();
            }
            java.util.zip.Inflater inflater = new java.util.zip.Inflater();
            try {
                inflater.setInput(bytes, data, end - data);
                byte[] buffer = new byte[64 * 1024];
                StringBuilder inflated = new StringBuilder();
                while (!inflater.finished() && !inflater.needsInput()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                        break;
                    }
                    budget -= n;
                    if (budget < 0) {
                        return true;
                    }
                    inflated.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
                if (hasActiveName(inflated.toString())) {
                    return true;
                }
            } catch (java.util.zip.DataFormatException e) {
                // Not a Flate stream (an image, another filter): nothing a viewer would run as a name.
            } finally {
                inflater.end();
            }
            from = end;
        }
    }

    /** The most a PDF's compressed streams may inflate to while being checked for active content. */
    static final long MAX_INFLATED_BYTES = 64L * 1024 * 1024;

    private static final java.util.regex.Pattern NAME_ESCAPE = java.util.regex.Pattern.compile("#([0-9A-Fa-f]{2})");

    private static boolean hasActiveName(String pdfText) {
        String raw = pdfText.indexOf('#') < 0 ? pdfText
                : NAME_ESCAPE.matcher(pdfText).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        String.valueOf((char) Integer.parseInt(m.group(1), 16))));
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
