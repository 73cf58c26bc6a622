package fr.hygie.security;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.hygie.identity.Finess;
import fr.hygie.identity.InvalidIdentifier;
import fr.hygie.identity.Nir;
import fr.hygie.identity.Rpps;
import fr.hygie.record.ContentType;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Coverage-guided fuzz targets (Jazzer), run on demand only:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl hygie-server test -Dtest=ParserFuzzTest} (each target runs for its
 * {@code maxDuration}; a crashing input is written under
 * {@code src/test/resources/fr/hygie/security/ParserFuzzTestInputs/<target>/} and is replayed first by every later run).
 *
 * <p>Not in the default build: Jazzer's regression mode took 106 s for these two targets on our loaded
 * 2-core machines (agent and instrumentation set-up) and installs its sanitizer hooks in the test JVM
 * that the Spring tests share. Every build runs the jqwik counterparts instead, with thousands of
 * generated inputs: {@link IdentifierAndUploadFuzzProperties}.
 */
@EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+", disabledReason = "fuzzing on demand: JAZZER_FUZZ=1")
class ParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void identifierParsersOnlyEverRefuseWithInvalidIdentifier(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();
        parseOrRefuse(() -> Nir.parse(raw));
        parseOrRefuse(() -> Rpps.parse(raw));
        parseOrRefuse(() -> Finess.parse(raw));
        Nir.check(raw);
        Rpps.check(raw);
        Finess.check(raw);
    }

    @FuzzTest(maxDuration = "60s")
    void contentSniffingAndPdfCheckNeverThrow(byte[] bytes) {
        ContentType.sniff(bytes);
        ContentType.pdfHasActiveContent(bytes);
    }

    private static void parseOrRefuse(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidIdentifier expected) {
            // the one allowed refusal
        }
    }
}
