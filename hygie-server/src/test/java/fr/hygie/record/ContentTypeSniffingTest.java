package fr.hygie.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Content sniffing checks the bytes without building the text (issue 13), and must answer exactly as the former
 * check, which decoded the whole text: kept here as the reference. Generated inputs mix what the decision turns on —
 * leading white space (ASCII and Unicode), byte order marks, the markers of CDA and FHIR JSON, multi-byte
 * characters, malformed UTF-8 (truncated, overlong, surrogates), NUL — and are long enough to cross the decoder's
 * chunks.
 */
class ContentTypeSniffingTest {

    @Property(tries = 3000)
    void sniffingAnswersAsDecodingTheWholeText(@ForAll("contents") byte[] bytes) {
        assertThat(ContentType.sniff(bytes)).isEqualTo(reference(bytes));
    }

    @Property(tries = 1000)
    void sniffingAnyBytesAnswersAsDecodingTheWholeText(@ForAll byte[] bytes) {
        assertThat(ContentType.sniff(bytes)).isEqualTo(reference(bytes));
    }

    @Example
    void theBenchmarksHundredKilobytesOfFrenchTextIsText() {
        StringBuilder s = new StringBuilder();
        for (int line = 0; s.length() < 100 * 1024 - 80; line++) {
            s.append("Ligne ").append(line).append(" : glycémie à jeun 0,95 g/L, HbA1c 5,6 %, créatinine 8 mg/L.\n");
        }
        byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(ContentType.sniff(text)).hasValue(ContentType.TEXT);
        int firstAccent = 0;
        while (text[firstAccent] >= 0) {
            firstAccent++;
        }
        byte[] truncated = java.util.Arrays.copyOf(text, firstAccent + 1);
        assertThat(truncated[truncated.length - 1]).isNegative();
        assertThat(ContentType.sniff(truncated)).as("a multi-byte character cut at the end").isEmpty();
    }

    @Example
    void markersDecideAfterWhiteSpaceAndOneByteOrderMark() {
        String cda = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>";
        assertThat(ContentType.sniff(utf8(" \n\u2003\uFEFF" + cda))).hasValue(ContentType.CDA);
        assertThat(ContentType.sniff(utf8("\uFEFF\uFEFF" + cda))).as("a second mark is text").hasValue(ContentType.TEXT);
        assertThat(ContentType.sniff(utf8("\uFEFF " + cda))).hasValue(ContentType.TEXT);
        assertThat(ContentType.sniff(utf8("<html>urn:hl7-org:v3</html>"))).isEmpty();
        assertThat(ContentType.sniff(utf8("\t{\"resourceType\":\"Patient\"}"))).hasValue(ContentType.FHIR_JSON);
        assertThat(ContentType.sniff(utf8("{\"a\":1}"))).isEmpty();
        assertThat(ContentType.sniff(utf8("   "))).hasValue(ContentType.TEXT);
        assertThat(ContentType.sniff(new byte[] {'a', 0, 'b'})).isEmpty();
        assertThat(ContentType.sniff(new byte[] {'a', (byte) 0xC0, (byte) 0x80})).as("overlong NUL").isEmpty();
    }

    /** Pieces that matter to the decision, concatenated, sometimes repeated to cross the decoder's chunks. */
    @Provide
    Arbitrary<byte[]> contents() {
        List<byte[]> pieces = List.of(utf8(" "), utf8("\n"), utf8("\t"), utf8("\u2003"), utf8("\u00a0"), utf8("\u3000"),
                utf8("\uFEFF"), utf8("<"), utf8("{"), utf8("<ClinicalDocument"), utf8("urn:hl7-org:v3"),
                utf8("\"resourceType\""), utf8("é"), utf8("texte"), utf8("\uD83D\uDE00"), new byte[] {0},
                new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xFF}, utf8("%PDF-"), utf8("x".repeat(5000)), utf8("é".repeat(3000)));
        return Arbitraries.of(pieces).list().ofMaxSize(12).map(list -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    /** The former sniffing, which decoded the whole text into a String. */
    static Optional<ContentType> reference(byte[] bytes) {
        if (bytes.length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-') {
            return Optional.of(ContentType.PDF);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (text.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        String t = text.stripLeading();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        if (t.startsWith("<")) {
            return t.contains("<ClinicalDocument") && t.contains("urn:hl7-org:v3") ? Optional.of(ContentType.CDA) : Optional.empty();
        }
        if (t.startsWith("{")) {
            return t.contains("\"resourceType\"") ? Optional.of(ContentType.FHIR_JSON) : Optional.empty();
        }
        return Optional.of(ContentType.TEXT);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
