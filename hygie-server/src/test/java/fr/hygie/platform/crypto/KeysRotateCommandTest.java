package fr.hygie.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.platform.Ids;
import fr.hygie.platform.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation end to end: master keys, a module's rows of wrapped keys, and the operator's command. */
class KeysRotateCommandTest {

    @TempDir
    Path dir;

    MasterKeys masterKeys;
    EnvelopeEncryption envelope;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console;

    /** What a module keeps: one wrapped key and one ciphertext per row. */
    static final class DocumentRows implements WrappedKeyHolder {
        final Map<UUID, EnvelopeEncryption.Sealed> rows = new LinkedHashMap<>();

        @Override
        public String name() {
            return "record.documents";
        }

        @Override
        public long rewrapAll(EnvelopeEncryption envelope) {
            rows.replaceAll((id, s) -> new EnvelopeEncryption.Sealed(envelope.rewrap(s.wrappedKey()), s.ciphertext()));
            return rows.size();
        }

        UUID add(EnvelopeEncryption envelope, String text) {
            UUID id = Ids.newId();
            rows.put(id, envelope.seal(text.getBytes(StandardCharsets.UTF_8), ad(id)));
            return id;
        }

        String read(EnvelopeEncryption envelope, UUID id) {
            return new String(envelope.open(rows.get(id), ad(id)), StandardCharsets.UTF_8);
        }

        static byte[] ad(UUID id) {
            return EnvelopeEncryption.bindTo("record.document", id);
        }
    }

    @BeforeEach
    void setUp() {
        masterKeys = MasterKeys.openOrCreate(dir.resolve("keys/master-keyset.json"));
        envelope = new EnvelopeEncryption(masterKeys);
        console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dataSealedBeforeRotationOpensAfterIt() throws Exception {
        DocumentRows documents = new DocumentRows();
        UUID old = documents.add(envelope, "compte rendu opératoire");

        int code = new KeysRotateCommand(masterKeys, envelope, List.<WrappedKeyHolder>of(documents)).run(List.of(), console);

        assertThat(code).isZero();
        assertThat(documents.read(envelope, old)).isEqualTo("compte rendu opératoire");
        assertThat(masterKeys.status().keys()).hasSize(2).allMatch(MasterKeys.KeyInfo::enabled);
        assertThat(output())
                .contains("Nouvelle clé maîtresse primaire : " + masterKeys.status().primaryId())
                .contains("record.documents : 1 clé(s) re-chiffrée(s)")
                .contains("Re-chiffrement terminé : 1 clé(s)");
    }

    @Test
    void retiringOldKeysLeavesOnlyReWrappedDataReadable() throws Exception {
        DocumentRows documents = new DocumentRows();
        UUID rewrapped = documents.add(envelope, "ordonnance");
        // A row that no holder reports: it stays wrapped under the old master key.
        UUID forgottenId = Ids.newId();
        EnvelopeEncryption.Sealed forgotten = envelope.seal("oubliée".getBytes(StandardCharsets.UTF_8),
                DocumentRows.ad(forgottenId));

        int code = new KeysRotateCommand(masterKeys, envelope, List.<WrappedKeyHolder>of(documents))
                .run(List.of("--retire-old"), console);

        assertThat(code).isZero();
        assertThat(output()).contains("Anciennes clés maîtresses désactivées : 1");
        assertThat(documents.read(envelope, rewrapped)).isEqualTo("ordonnance");
        assertThatThrownBy(() -> envelope.open(forgotten, DocumentRows.ad(forgottenId)))
                .isInstanceOf(SealedDataUnreadableException.class);
        assertThat(masterKeys.status().enabledCount()).isEqualTo(1);
    }

    @Test
    void afterARotationOldContentStillOpensAndNewContentIsWrappedUnderTheNewKeyOnly() throws Exception {
        DocumentRows documents = new DocumentRows();
        UUID old = documents.add(envelope, "bilan sanguin");
        Path before = dir.resolve("keys-before-rotation.json");
        java.nio.file.Files.copy(masterKeys.file(), before);

        int primary = masterKeys.rotate(); // no re-wrap: the old row stays under the old key
        UUID fresh = documents.add(envelope, "radiographie");

        assertThat(masterKeys.status().primaryId()).isEqualTo(primary);
        assertThat(documents.read(envelope, old)).as("old content under the old, still enabled key").isEqualTo("bilan sanguin");
        assertThat(documents.read(envelope, fresh)).isEqualTo("radiographie");
        // The keyset as it was before the rotation opens the old row but not the new one: the new row used the new key.
        EnvelopeEncryption beforeRotation = new EnvelopeEncryption(MasterKeys.openOrCreate(before));
        assertThat(documents.read(beforeRotation, old)).isEqualTo("bilan sanguin");
        assertThatThrownBy(() -> documents.read(beforeRotation, fresh)).isInstanceOf(SealedDataUnreadableException.class);
        // And with only the new key left enabled, the new row still opens.
        masterKeys.retireOld();
        assertThat(documents.read(envelope, fresh)).isEqualTo("radiographie");
    }

    @Test
    void sealedTextTokensSurviveRotationOnceReWrapped() {
        UUID row = Ids.newId();
        byte[] ad = EnvelopeEncryption.bindTo("record.note", row);
        String token = envelope.sealText("antécédents familiaux", ad);
        masterKeys.rotate();

        String rewrapped = envelope.rewrapText(token);
        masterKeys.retireOld();

        assertThat(envelope.openText(rewrapped, ad)).isEqualTo("antécédents familiaux");
        assertThatThrownBy(() -> envelope.openText(token, ad)).isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void everyHolderIsReportedWithItsCount() throws Exception {
        DocumentRows documents = new DocumentRows();
        documents.add(envelope, "a");
        documents.add(envelope, "b");
        Pseudonyms pseudonyms = new Pseudonyms(dir.resolve("keys/pseudonyms"), envelope);
        pseudonyms.pseudonym("project-1", "patient");

        int code = new KeysRotateCommand(masterKeys, envelope, List.of(documents, pseudonyms)).run(List.of(), console);

        assertThat(code).isZero();
        assertThat(output()).contains("record.documents : 2 clé(s)").contains("platform.pseudonym-keys : 1 clé(s)")
                .contains("Re-chiffrement terminé : 3 clé(s)");
    }

    @Test
    void aFailingHolderStopsTheRotationBeforeRetiringAnything() throws Exception {
        DocumentRows documents = new DocumentRows();
        UUID id = documents.add(envelope, "résultat de biologie");
        List<String> called = new ArrayList<>();
        WrappedKeyHolder broken = new WrappedKeyHolder() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public long rewrapAll(EnvelopeEncryption e) {
                called.add("broken");
                throw new IllegalStateException("database unavailable");
            }
        };

        int code = new KeysRotateCommand(masterKeys, envelope, List.of(broken, documents))
                .run(List.of("--retire-old"), console);

        assertThat(code).isEqualTo(1);
        assertThat(called).containsExactly("broken");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken").contains("database unavailable");
        assertThat(masterKeys.status().enabledCount()).isEqualTo(2);
        assertThat(documents.read(envelope, id)).isEqualTo("résultat de biologie");
    }

    @Test
    void anUnknownOptionIsBadUsageAndRotatesNothing() throws Exception {
        int code = new KeysRotateCommand(masterKeys, envelope, List.of()).run(List.of("--force"), console);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage");
        assertThat(masterKeys.status().keys()).hasSize(1);
    }
}
