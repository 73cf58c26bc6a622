package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.Finess;
import fr.hygie.identity.InvalidIdentifier;
import fr.hygie.identity.Nir;
import fr.hygie.identity.Rpps;
import fr.hygie.record.ContentType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing of the input parsers with jqwik (many generated inputs per run, shrunk to a minimal example
 * when one fails): identifier parsers only ever refuse with {@link InvalidIdentifier}, and agree with
 * their non-throwing {@code check}; content sniffing never throws; a PDF with active content is
 * refused however its names are spelled (PDF name escapes {@code #xx}) or wherever they hide
 * (compressed object streams). Findings stay here as {@code @Example}s (regression tests).
 */
class IdentifierAndUploadFuzzProperties {

    // --- identifiers: NIR, RPPS, FINESS ---

    @Property(tries = 3000)
    void aNirIsEitherParsedOrRefusedWithInvalidIdentifier(@ForAll("identifierLike") String raw) {
        assertOnlyInvalidIdentifier(raw, Nir::parse, Nir::check);
    }

    @Property(tries = 3000)
    void anRppsIsEitherParsedOrRefusedWithInvalidIdentifier(@ForAll("identifierLike") String raw) {
        assertOnlyInvalidIdentifier(raw, Rpps::parse, Rpps::check);
    }

    @Property(tries = 3000)
    void aFinessIsEitherParsedOrRefusedWithInvalidIdentifier(@ForAll("identifierLike") String raw) {
        assertOnlyInvalidIdentifier(raw, Finess::parse, Finess::check);
    }

    @Property(tries = 1000)
    void anyUnicodeTextIsEitherAnIdentifierOrAnInvalidIdentifier(@ForAll @Size(max = 40) String raw) {
        assertOnlyInvalidIdentifier(raw, Nir::parse, Nir::check);
        assertOnlyInvalidIdentifier(raw, Rpps::parse, Rpps::check);
        assertOnlyInvalidIdentifier(raw, Finess::parse, Finess::check);
    }

    @Example
    void nullAndEmptyIdentifiersAreRefusedCleanly() {
        for (String raw : new String[] {null, "", " ", "\u00a0", "2A", "ß".repeat(15), "٠١٢٣٤٥٦٧٨٩٠١٢٣٤"}) {
            assertOnlyInvalidIdentifier(raw, Nir::parse, Nir::check);
            assertOnlyInvalidIdentifier(raw, Rpps::parse, Rpps::check);
            assertOnlyInvalidIdentifier(raw, Finess::parse, Finess::check);
        }
    }

    /** Strings of the right lengths and alphabet (digits, 2A/2B, spaces), where the parsers' branches are. */
    @Provide
    Arbitrary<String> identifierLike() {
        Arbitrary<String> structured = Arbitraries.strings().withChars("0123456789AB ab\u00a0\t").ofMinLength(0).ofMaxLength(18);
        Arbitrary<String> corsican = Arbitraries.strings().numeric().ofLength(13).map(s -> s.substring(0, 5) + "2A" + s.substring(7));
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(20);
        return Arbitraries.oneOf(structured, corsican, anything);
    }

    private static <T> void assertOnlyInvalidIdentifier(String raw, Function<String, T> parse, Function<String, Optional<InvalidIdentifier>> check) {
        boolean refused;
        try {
            parse.apply(raw);
            refused = false;
        } catch (InvalidIdentifier e) {
            refused = true;
            assertThat(e.getMessage()).as("message of a refusal never echoes the input").doesNotContain(raw == null || raw.length() < 5 ? "\0" : raw);
        }
        assertThat(check.apply(raw).isPresent()).as("check agrees with parse for %s", raw).isEqualTo(refused);
    }

    // --- uploads: content sniffing and PDF active content ---

    @Property(tries = 2000)
    void sniffingAnyBytesNeverThrows(@ForAll @Size(max = 300) byte[] bytes) {
        Optional<ContentType> type = ContentType.sniff(bytes);
        ContentType.pdfHasActiveContent(bytes);
        if (type.isPresent() && type.get() == ContentType.PDF) {
            assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        }
    }

    @Property(tries = 500)
    void aPdfWithActiveContentIsRecognisedHoweverItsNamesAreEscaped(@ForAll("activeNames") String name, @ForAll long escapeMask) {
        StringBuilder escaped = new StringBuilder("/");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            escaped.append((escapeMask >>> (i % 64) & 1) == 1 ? String.format("#%02X", (int) c) : String.valueOf(c));
        }
        byte[] pdf = pdf("<< /Type /Catalog /Names << " + escaped + " 5 0 R >> >>");
        assertThat(ContentType.sniff(pdf)).hasValue(ContentType.PDF);
        assertThat(ContentType.pdfHasActiveContent(pdf)).as("PDF with %s", escaped).isTrue();
    }

    @Property(tries = 100)
    void aPdfWithActiveContentInsideACompressedObjectStreamIsRecognised(@ForAll("activeNames") String name) {
        byte[] hidden = deflate("1 0 2 50 << /Type /Action /S /" + name + " /JS (app.alert(1)) >>");
        byte[] pdf = pdfWithStream("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " + hidden.length + " >>", hidden);
        assertThat(ContentType.pdfHasActiveContent(pdf)).isTrue();
    }

    @Example
    void anOrdinaryPdfWithCompressedTextIsAccepted() {
        byte[] page = deflate("BT /F1 12 Tf 72 720 Td (Compte rendu de biologie) Tj ET");
        byte[] pdf = pdfWithStream("<< /Length " + page.length + " /Filter /FlateDecode >>", page);
        assertThat(ContentType.sniff(pdf)).hasValue(ContentType.PDF);
        assertThat(ContentType.pdfHasActiveContent(pdf)).isFalse();
    }

    @Example
    void aCorruptCompressedStreamDoesNotHideActiveContentNorBreakTheCheck() {
        byte[] garbage = {0x78, (byte) 0x9c, 1, 2, 3, 4, 5};
        byte[] pdf = pdfWithStream("<< /Length 7 /Filter /FlateDecode >>", garbage);
        assertThat(ContentType.pdfHasActiveContent(pdf)).isFalse();
    }

    @Provide
    Arbitrary<String> activeNames() {
        return Arbitraries.of("JavaScript", "JS", "Launch", "EmbeddedFile", "OpenAction", "AA", "RichMedia", "XFA");
    }

    private static byte[] pdf(String catalog) {
        return ("%PDF-1.7\n1 0 obj\n" + catalog + "\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] pdfWithStream(String dict, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("%PDF-1.7\n1 0 obj\n" + dict + "\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        out.writeBytes("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] deflate(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(9))) {
            d.write(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
