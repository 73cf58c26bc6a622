package fr.hygie.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.platform.Ids;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.MasterKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDocumentStoreTest {

    @TempDir
    Path dir;

    LocalDocumentStore store() {
        return new LocalDocumentStore(dir.resolve("documents"));
    }

    static List<Path> filesUnder(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aBlobReadsBackAsWritten() {
        LocalDocumentStore store = store();
        UUID id = Ids.newId();
        byte[] blob = {1, 2, 3, 4};

        store.put(id, blob);

        assertThat(store.exists(id)).isTrue();
        assertThat(store.get(id)).isEqualTo(blob);
    }

    @Test
    void blobsFanOutOnTheRandomTailOfTheirId() throws Exception {
        LocalDocumentStore store = store();
        UUID id = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3fab12");

        store.put(id, new byte[] {42});

        Path expected = dir.resolve("documents/ab/12/" + id);
        assertThat(filesUnder(dir.resolve("documents"))).containsExactly(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(expected))).isEqualTo("rw-------");
    }

    @Test
    void aNewBlobIsWrittenInPlaceOwnerOnlyAndReadsBack() throws Exception {
        LocalDocumentStore store = store();
        UUID id = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3fcd34");
        byte[] blob = new byte[100 * 1024];
        new java.util.Random(7).nextBytes(blob);

        store.putNew(id, blob);

        Path expected = dir.resolve("documents/cd/34/" + id);
        assertThat(filesUnder(dir.resolve("documents"))).containsExactly(expected);
        assertThat(store.get(id)).isEqualTo(blob);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(expected))).isEqualTo("rw-------");
        assertThat(store.ids()).containsExactly(id);
    }

    @Test
    void aNewBlobUnderAnIdAlreadyStoredReplacesItAsPutDoes() throws Exception {
        LocalDocumentStore store = store();
        UUID id = Ids.newId();
        store.putNew(id, "first".getBytes(StandardCharsets.UTF_8));

        store.putNew(id, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(store.get(id)).asString(StandardCharsets.UTF_8).isEqualTo("second");
        assertThat(filesUnder(dir.resolve("documents"))).containsExactly(store.pathOf(id));
    }

    @Test
    void aNewBlobBeyondTheLimitIsRefusedBeforeAnythingIsWritten() throws Exception {
        LocalDocumentStore store = store();

        assertThatThrownBy(() -> store.putNew(Ids.newId(), new byte[(int) DocumentStore.MAX_BLOB_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(filesUnder(dir.resolve("documents"))).isEmpty();
    }

    @Test
    void aReplacementLeavesNoTemporaryFileBehind() throws Exception {
        LocalDocumentStore store = store();
        UUID id = Ids.newId();
        store.put(id, "first".getBytes(StandardCharsets.UTF_8));

        store.put(id, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(store.get(id)).asString(StandardCharsets.UTF_8).isEqualTo("second");
        assertThat(filesUnder(dir.resolve("documents"))).containsExactly(store.pathOf(id));
    }

    @Test
    void anInterruptedWriteLeavesThePreviousContentAndIsNotListed() throws Exception {
        LocalDocumentStore store = store();
        UUID id = Ids.newId();
        store.put(id, "complete".getBytes(StandardCharsets.UTF_8));
        // What a crash in the middle of a second write leaves: a partial temporary file beside it.
        Path partial = store.pathOf(id).resolveSibling(AtomicFiles.TEMP_PREFIX + id + "-crashed");
        Files.write(partial, "comp".getBytes(StandardCharsets.UTF_8));

        assertThat(store.get(id)).asString(StandardCharsets.UTF_8).isEqualTo("complete");
        try (Stream<UUID> ids = store.ids()) {
            assertThat(ids).containsExactly(id);
        }
    }

    @Test
    void deleteRemovesTheFile() {
        LocalDocumentStore store = store();
        UUID id = Ids.newId();
        store.put(id, new byte[] {1});

        assertThat(store.delete(id)).isTrue();

        assertThat(store.exists(id)).isFalse();
        assertThat(store.pathOf(id)).doesNotExist();
        assertThat(store.delete(id)).isFalse();
    }

    @Test
    void readingAnAbsentDocumentSaysWhichOne() {
        UUID id = Ids.newId();

        assertThatThrownBy(() -> store().get(id))
                .isInstanceOf(DocumentNotFoundException.class)
                .hasMessageContaining(id.toString());
    }

    @Test
    void idsListsEveryStoredDocument() {
        LocalDocumentStore store = store();
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        UUID c = Ids.newId();
        store.put(a, new byte[] {1});
        store.put(b, new byte[] {2});
        store.put(c, new byte[] {3});
        store.delete(b);

        try (Stream<UUID> ids = store.ids()) {
            assertThat(ids).containsExactlyInAnyOrder(a, c);
        }
    }

    @Test
    void twentyMegabytesOfContentFitButNotMore() {
        LocalDocumentStore store = store();
        EnvelopeEncryption envelope = new EnvelopeEncryption(MasterKeys.openOrCreate(dir.resolve("k.json")));
        UUID id = Ids.newId();
        byte[] content = new byte[(int) DocumentStore.MAX_CONTENT_BYTES];

        store.put(id, envelope.seal(content, EnvelopeEncryption.bindTo("record.document", id)).ciphertext());

        assertThat(store.exists(id)).isTrue();
        assertThatThrownBy(() -> store.put(Ids.newId(), new byte[(int) DocumentStore.MAX_BLOB_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void aKnownPlaintextNeverAppearsInTheStoredFiles() throws Exception {
        LocalDocumentStore store = store();
        MasterKeys keys = MasterKeys.openOrCreate(dir.resolve("keys/master-keyset.json"));
        EnvelopeEncryption envelope = new EnvelopeEncryption(keys);
        byte[] known = "NIR 1 84 12 76 451 089 46 — séropositivité VIH".repeat(50).getBytes(StandardCharsets.UTF_8);
        byte[] probe = "séropositivité VIH".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            UUID id = Ids.newId();
            EnvelopeEncryption.Sealed sealed = envelope.seal(known, EnvelopeEncryption.bindTo("record.document", id));
            store.put(id, sealed.ciphertext());
            assertThat(envelope.open(new EnvelopeEncryption.Sealed(sealed.wrappedKey(), store.get(id)),
                    EnvelopeEncryption.bindTo("record.document", id))).isEqualTo(known);
        }

        List<Path> files = filesUnder(dir);
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            assertThat(latin1(Files.readAllBytes(f))).as(f.toString()).doesNotContain(latin1(probe));
        }
    }

    /** One char per byte, so that a byte sequence search becomes a substring search. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
