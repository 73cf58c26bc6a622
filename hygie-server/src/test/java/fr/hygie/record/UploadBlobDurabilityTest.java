package fr.hygie.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.access.AccessControl;
import fr.hygie.access.Actor;
import fr.hygie.access.SharingSettings;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.record.internal.BlobWriteThreads;
import fr.hygie.record.internal.DocumentRepository;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new document's ciphertext is written and fsynced on another thread while the upload asks for the decision and
 * inserts its row (issue 13, docs/benchmarks.md « Session 7 — upload »): the row must still commit only once the blob
 * is durable, and a failed write must leave no row, no journal entry and no blob. {@link Documents} is built here on
 * the context's own beans (real database, real policy, real journal, the real store underneath) with a store that
 * lets the test hold or fail one write.
 */
@HygieIntegrationTest
class UploadBlobDurabilityTest {

    @Autowired
    Cast cast;

    @Autowired
    AccessControl access;

    @Autowired
    SharingSettings sharing;

    @Autowired
    DocumentRepository repository;

    @Autowired
    EnvelopeEncryption envelope;

    @Autowired
    DocumentStore store;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Clock clock;

    @Autowired
    Patients patients;

    @Autowired
    BlobWriteThreads blobWrites;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Journal journal;

    @Test
    void theRowCommitsOnlyOnceItsBlobIsWrittenAndSynced() {
        PatientId person = cast.patient(cast.newPatient());
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch committed = new CountDownLatch(1);
        // The write is held back until the upload has committed — or 2 s at most. An upload that committed without
        // waiting for its blob releases it at once and the order below is then « committed, blob durable »; one that
        // waits for its blob commits only after these 2 s and the write.
        Documents documents = documentsOver(new HoldingStore(store, (id, blob) -> {
            try {
                committed.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.putNew(id, blob);
            order.add("blob durable");
        }));
        AddOutcome outcome = transactions.execute(status -> {
            AddOutcome added = documents.add(cast.actor("medecin"), RecordStorageTest.doc(person, text("bilan"), null), JournalChannel.WEB);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    order.add("committed");
                    committed.countDown();
                }
            });
            return added;
        });
        assertThat(outcome).isInstanceOf(AddOutcome.Added.class);
        assertThat(order).containsExactly("blob durable", "committed");
        UUID id = ((AddOutcome.Added) outcome).document().id().value();
        assertThat(store.exists(id)).isTrue();
        assertThat(new String(store.get(id), StandardCharsets.UTF_8)).doesNotContain("bilan");
    }

    @Test
    void aFailedWriteLeavesNoRowNoJournalEntryAndNoBlob() {
        PatientId person = cast.patient(cast.newPatient());
        long rows = rows(person);
        long entries = journal.countForPatient(person.value());
        List<UUID> attempted = new CopyOnWriteArrayList<>();
        Documents documents = documentsOver(new HoldingStore(store, (id, blob) -> {
            attempted.add(id);
            // Half the blob reached the disk, then the disk failed.
            store.putNew(id, java.util.Arrays.copyOf(blob, blob.length / 2));
            throw new UncheckedIOException(new java.io.IOException("disque plein (test)"));
        }));
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> documents.add(cast.actor("medecin"),
                RecordStorageTest.doc(person, text("compte rendu"), null), JournalChannel.WEB)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("disque plein");
        assertThat(attempted).hasSize(1);
        assertThat(rows(person)).isEqualTo(rows);
        assertThat(journal.countForPatient(person.value())).isEqualTo(entries);
        assertThat(store.exists(attempted.get(0))).isFalse();
    }

    private Documents documentsOver(DocumentStore writes) {
        return new Documents(access, sharing, repository, envelope, writes, events, clock, patients, blobWrites);
    }

    private long rows(PatientId person) {
        return jdbc.sql("SELECT count(*) FROM record.document WHERE patient_id = :p").param("p", person.value())
                .query(Long.class).single();
    }

    private static byte[] text(String words) {
        return ("Document de test : " + words).getBytes(StandardCharsets.UTF_8);
    }

    /** The context's store, but a new blob's write ({@code putNew}) is done by the test's {@code write}. */
    private record HoldingStore(DocumentStore store, BiConsumer<UUID, byte[]> write) implements DocumentStore {

        @Override
        public void putNew(UUID id, byte[] blob) {
            write.accept(id, blob);
        }

        @Override
        public void put(UUID id, byte[] blob) {
            store.put(id, blob);
        }

        @Override
        public byte[] get(UUID id) {
            return store.get(id);
        }

        @Override
        public boolean exists(UUID id) {
            return store.exists(id);
        }

        @Override
        public boolean delete(UUID id) {
            return store.delete(id);
        }

        @Override
        public boolean erase(UUID id) {
            return store.erase(id);
        }

        @Override
        public int completeDeferredErasures() {
            return store.completeDeferredErasures();
        }

        @Override
        public int deferredErasures() {
            return store.deferredErasures();
        }

        @Override
        public ErasurePause pauseErasures() {
            return store.pauseErasures();
        }

        @Override
        public boolean erasuresPaused() {
            return store.erasuresPaused();
        }

        @Override
        public int endAbandonedPauses() {
            return store.endAbandonedPauses();
        }

        @Override
        public Stream<UUID> ids() {
            return store.ids();
        }

        @Override
        public int removeInterruptedWrites(long before) {
            return store.removeInterruptedWrites(before);
        }
    }
}
