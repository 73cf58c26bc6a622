package fr.hygie.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymsTest {

    static final String PATIENT = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

    @TempDir
    Path dir;

    MasterKeys masterKeys;
    EnvelopeEncryption envelope;

    @BeforeEach
    void setUp() {
        masterKeys = MasterKeys.openOrCreate(dir.resolve("master-keyset.json"));
        envelope = new EnvelopeEncryption(masterKeys);
    }

    Pseudonyms pseudonyms() {
        return new Pseudonyms(dir.resolve("pseudonyms"), envelope);
    }

    @Test
    void aPseudonymEqualsPlainJavaHmacSha256WithTheRawKey() {
        Pseudonyms pseudonyms = pseudonyms();

        String viaTink = pseudonyms.pseudonym("project-42", PATIENT);
        byte[] raw = pseudonyms.rawKeyForResearchEngine("project-42");

        assertThat(raw).hasSize(32);
        assertThat(viaTink).hasSize(64).matches("[0-9a-f]+")
                .isEqualTo(Pseudonyms.hmacSha256Hex(raw, PATIENT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theHelperIsStandardHmacSha256() {
        // RFC 4231, test case 2.
        assertThat(Pseudonyms.hmacSha256Hex("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void twoProjectsSeeUnrelatedPseudonymsOfTheSamePatient() {
        Pseudonyms pseudonyms = pseudonyms();

        assertThat(pseudonyms.pseudonym("project-1", PATIENT)).isNotEqualTo(pseudonyms.pseudonym("project-2", PATIENT));
        assertThat(pseudonyms.rawKeyForResearchEngine("project-1"))
                .isNotEqualTo(pseudonyms.rawKeyForResearchEngine("project-2"));
    }

    @Test
    void aProjectKeepsItsPseudonymsAcrossRestarts() {
        String first = pseudonyms().pseudonym("project-1", PATIENT);

        assertThat(pseudonyms().pseudonym("project-1", PATIENT)).isEqualTo(first);
        assertThat(pseudonyms().pseudonym("project-1", "another patient")).isNotEqualTo(first);
    }

    @Test
    void theKeyFileIsSealedUnderTheMasterKeys() throws Exception {
        Pseudonyms pseudonyms = pseudonyms();
        pseudonyms.pseudonym("project-1", PATIENT);
        byte[] raw = pseudonyms.rawKeyForResearchEngine("project-1");

        Path file = dir.resolve("pseudonyms/project-1.sealed");
        assertThat(latin1(Files.readAllBytes(file))).doesNotContain(latin1(raw));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void pseudonymKeysSurviveRotationAndRetirementOnceReWrapped() {
        Pseudonyms pseudonyms = pseudonyms();
        String before = pseudonyms.pseudonym("project-1", PATIENT);
        masterKeys.rotate();

        assertThat(pseudonyms.rewrapAll(envelope)).isEqualTo(1);
        masterKeys.retireOld();

        assertThat(pseudonyms().pseudonym("project-1", PATIENT)).isEqualTo(before);
    }

    @Test
    void aPurposeCannotEscapeTheKeysFolder() {
        assertThatThrownBy(() -> pseudonyms().pseudonym("../master-keyset", PATIENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** One char per byte, so that a byte sequence search becomes a substring search. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
