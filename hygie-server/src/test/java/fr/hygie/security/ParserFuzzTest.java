package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.hygie.identity.Finess;
import fr.hygie.identity.InvalidIdentifier;
import fr.hygie.identity.Nir;
import fr.hygie.identity.Rpps;
import fr.hygie.record.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Coverage-guided fuzz targets (Jazzer) of the identifier parsers and of upload checking.
 *
 * <p>Every build runs them in regression mode: each replays the empty input and its seeds under
 * {@code src/test/resources/fr/hygie/security/ParserFuzzTestInputs/<method>/} (real assertions, the
 * findings of earlier fuzzing included). {@code JAZZER_FUZZ=1} fuzzes one target for its
 * {@code maxDuration} (command in docs/security.md, "How to run"); a crashing input is written to
 * that folder and becomes a regression test once committed. The jqwik counterparts
 * ({@link IdentifierAndUploadFuzzProperties}) generate thousands of inputs in every build.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void identifierParsersOnlyEverRefuseWithInvalidIdentifier(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();
        parsedOrRefused(raw, Nir::parse, Nir::check, Nir::value);
        parsedOrRefused(raw, Rpps::parse, Rpps::check, Rpps::value);
        parsedOrRefused(raw, Finess::parse, Finess::check, Finess::value);
    }

    @FuzzTest(maxDuration = "10m")
    void contentSniffingAndPdfCheckNeverThrow(byte[] bytes) {
        Optional<ContentType> type = ContentType.sniff(bytes);
        boolean active = ContentType.pdfHasActiveContent(bytes);
        if (type.isPresent() && type.get() == ContentType.PDF) {
            assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        }
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        if (raw.contains("/JavaScript") || raw.contains("/Launch") || raw.contains("/EmbeddedFile")) {
            assertThat(active).as("a plain active-content name is always found").isTrue();
        }
    }

    /** Either a value whose canonical form parses to itself, or InvalidIdentifier — and check() agrees. */
    private static <T> void parsedOrRefused(String raw, Function<String, T> parse, Function<String, Optional<InvalidIdentifier>> check,
            Function<T, String> value) {
        T parsed;
        try {
            parsed = parse.apply(raw);
        } catch (InvalidIdentifier refused) {
            assertThat(check.apply(raw)).as("check agrees with parse").isPresent();
            return;
        }
        assertThat(check.apply(raw)).as("check agrees with parse").isEmpty();
        assertThat(value.apply(parse.apply(value.apply(parsed)))).as("canonical form is stable").isEqualTo(value.apply(parsed));
    }
}
