package fr.hygie.record;

import java.nio.ByteBuffer;
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

    /**
     * What the bytes are, if they are one of the accepted types: a PDF by its signature; otherwise strict UTF-8
     * without NUL, then a CDA R2 document (first character, after leading white space and a byte order mark, an
     * opening angle bracket, with a ClinicalDocument root in the HL7 v3 namespace), a FHIR JSON resource (an opening
     * brace and a {@code "resourceType"}), or plain text.
     *
     * <p>Checked without building the text (issue 13: a 100 KB upload made a 200 KB String only to be looked at):
     * the bytes are decoded in small chunks by the same strict decoder, and the ASCII markers are searched in the
     * bytes themselves, which in valid UTF-8 is the same as searching the text (an ASCII byte never occurs inside a
     * multi-byte character). Same answers as decoding the whole text ({@code ContentTypeSniffingTest}).
     */
    public static Optional<ContentType> sniff(byte[] bytes) {
        if (bytes.length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-') {
            return Optional.of(PDF);
        }
        // U+0000 decodes only from the byte 0 in strict UTF-8 (the overlong C0 80 is malformed).
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        int first = firstSignificantChar(bytes);
        if (first == MALFORMED) {
            return Optional.empty();
        }
        if (first == '<') {
            // A CDA R2 document: a ClinicalDocument root in the HL7 v3 namespace.
            return contains(bytes, CLINICAL_DOCUMENT) && contains(bytes, HL7_V3) ? Optional.of(CDA) : Optional.empty();
        }
        if (first == '{') {
            return contains(bytes, RESOURCE_TYPE) ? Optional.of(FHIR_JSON) : Optional.empty();
        }
        return Optional.of(TEXT);
    }

    private static final int MALFORMED = -2;
    private static final byte[] CLINICAL_DOCUMENT = "<ClinicalDocument".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HL7_V3 = "urn:hl7-org:v3".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESOURCE_TYPE = "\"resourceType\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * The first character after the leading white space ({@link String#stripLeading}) and then one byte order mark,
     * or -1 when there is none, or {@link #MALFORMED} when the bytes are not strict UTF-8 (checked to the end).
     */
    private static int firstSignificantChar(byte[] bytes) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.min(bytes.length + 1, 4096));
        int first = -1;
        boolean leading = true;
        java.nio.charset.CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                return MALFORMED;
            }
            out.flip();
            while (first == -1 && out.hasRemaining()) {
                char c = out.get();
                if (leading && Character.isWhitespace(c)) {
                    continue;
                }
                if (leading && c == '\uFEFF') {
                    leading = false; // one mark, right after the white space; what follows it counts as it is
                    continue;
                }
                first = c;
            }
        } while (result.isOverflow());
        out.clear();
        if (decoder.flush(out).isError()) {
            return MALFORMED;
        }
        return first;
    }

    private static boolean contains(byte[] bytes, byte[] marker) {
        outer:
        for (int i = 0; i <= bytes.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
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
}
