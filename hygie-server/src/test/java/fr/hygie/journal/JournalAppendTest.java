package fr.hygie.journal;

import static fr.hygie.journal.Drafts.DR_MARTIN;
import static fr.hygie.journal.Drafts.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@JournalTest
class JournalAppendTest {

    @Autowired
    Journal journal;

    @Autowired
    JournalVerifier verifier;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void eachEntryLinksToThePreviousOneOfItsPatientsChain() {
        UUID patient = UUID.randomUUID();
        JournalEntry first = journal.append(read(DR_MARTIN, patient));
        JournalEntry second = journal.append(read(DR_MARTIN, patient));
        JournalEntry third = journal.append(read(DR_MARTIN, patient));

        assertThat(List.of(first.seq(), second.seq(), third.seq())).containsExactly(1L, 2L, 3L);
        assertThat(first.chain()).isEqualTo(patient.toString());
        assertThat(prevHash(patient, 1)).isEqualTo("00".repeat(32));
        assertThat(prevHash(patient, 2)).isEqualTo(first.hash());
        assertThat(prevHash(patient, 3)).isEqualTo(second.hash());
        assertThat(journal.countForPatient(patient)).isEqualTo(3);
        assertThat(journal.forPatient(patient, 0, 2)).extracting(JournalEntry::seq).containsExactly(3L, 2L);
        assertThat(journal.forPatient(patient, 2, 10)).containsExactly(first);
    }

    @Test
    void theEntryReadBackIsTheEntryAppended() {
        UUID patient = UUID.randomUUID();
        JournalActor caregiver = new JournalActor(UUID.randomUUID(), "Paul Durand", "REPRESENTATIVE");
        JournalActor patientActor = new JournalActor(UUID.randomUUID(), "Jeanne Durand", "PATIENT");
        JournalEntry appended = journal.append(new JournalEntryDraft(caregiver, patientActor, patient,
                JournalAction.EXPORT, "Bundle", "b-1", JournalDecision.PERMIT, "MANDATE", JournalChannel.API, ""));

        assertThat(journal.forPatient(patient, 0, 1)).containsExactly(appended);
        assertThat(appended.actingFor()).isEqualTo(patientActor);
        assertThat(appended.justification()).isEmpty();
        assertThat(appended.at().getNano() % 1000).isZero();
    }

    @Test
    void textWithTabsNewlinesBackslashesAndAccentsIsStoredExactlyAndStillVerifies() {
        // Entries are written with COPY's text format: every character it treats specially must come back as written.
        UUID patient = UUID.randomUUID();
        String awkward = "motif :\tligne 1\nligne 2\r\\N \\x00 \\\\ 'cité' \"guillemets\" é à ç – 🩺 fin\\";
        JournalActor actor = new JournalActor(UUID.randomUUID(), "Dr Tab\tNew\nLine \\ Élise", "PROFESSIONAL");
        JournalEntryDraft draft = new JournalEntryDraft(actor, null, patient, JournalAction.EMERGENCY_ACCESS,
                "Patient", "obj\\\t1", JournalDecision.PERMIT, "EMERGENCY", JournalChannel.WEB, awkward);

        // A batch of COPY_FROM entries is written with COPY, a single entry with an INSERT: both must store it exactly.
        List<JournalEntry> copied = journal.appendAllCommitted(java.util.Collections.nCopies(ChainWriter.COPY_FROM, draft));
        JournalEntry inserted = journal.append(draft);

        List<JournalEntry> readBack = journal.forPatient(patient, 0, ChainWriter.COPY_FROM + 1);
        List<JournalEntry> expected = new ArrayList<>(copied);
        expected.add(inserted);
        java.util.Collections.reverse(expected);
        assertThat(readBack).containsExactlyElementsOf(expected);
        assertThat(readBack).allSatisfy(e -> {
            assertThat(e.justification()).isEqualTo(awkward);
            assertThat(e.actor().displayName()).isEqualTo(actor.displayName());
            assertThat(e.objectId()).isEqualTo("obj\\\t1");
        });
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void eventsWithoutPatientGoToThePlatformChain() {
        JournalEntry e = journal.append(new JournalEntryDraft(JournalActor.system("rotation des clés"), null, null,
                JournalAction.KEY_ROTATION, "Keyset", null, JournalDecision.PERMIT, null, JournalChannel.SYSTEM, null));

        assertThat(e.chain()).isEqualTo(Journal.PLATFORM_CHAIN);
        assertThat(e.actor().accountId()).isNull();
    }

    @Test
    void aListReadAppendsOneEntryPerDocumentInOrder() {
        UUID patient = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        journal.append(read(DR_MARTIN, patient));

        List<JournalEntry> entries = journal.appendAll(List.of(read(DR_MARTIN, patient), read(DR_MARTIN, other),
                read(DR_MARTIN, patient), read(DR_MARTIN, patient)));

        assertThat(entries).extracting(JournalEntry::seq).containsExactly(2L, 1L, 3L, 4L);
        assertThat(entries).extracting(JournalEntry::chain)
                .containsExactly(patient.toString(), other.toString(), patient.toString(), patient.toString());
        assertThat(prevHash(patient, 3)).isEqualTo(entries.get(0).hash());
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void concurrentAppendsBuildContiguousValidChains() throws Exception {
        List<UUID> patients = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        journal.append(read(DR_MARTIN, patients.get((thread * 7 + i) % patients.size())));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(patients.stream().mapToLong(journal::countForPatient).sum()).isEqualTo(1600);
        for (UUID p : patients) {
            long n = journal.countForPatient(p);
            List<Long> seqs = jdbc.sql("SELECT seq FROM journal.entry WHERE chain = :c ORDER BY seq")
                    .param("c", p.toString()).query(Long.class).list();
            assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, (int) n).mapToObj(i -> (long) i).toList());
        }
        VerificationReport report = verifier.verify();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.entries()).isGreaterThanOrEqualTo(1600);
    }

    @Test
    void groupCommittedAppendsFromManyThreadsBuildContiguousValidChainsMixedWithTransactionalOnes() throws Exception {
        List<UUID> patients = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<JournalEntry> returned = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        UUID p = patients.get((thread * 3 + i) % patients.size());
                        if (thread % 4 == 0) {
                            // Some writers journal in their own transaction, on the same chains.
                            journal.append(read(DR_MARTIN, p));
                        } else {
                            returned.add(journal.appendCommitted(read(DR_MARTIN, p)));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(returned).hasSize(1200).doesNotContainNull();
        assertThat(patients.stream().mapToLong(journal::countForPatient).sum()).isEqualTo(1600);
        for (UUID p : patients) {
            long n = journal.countForPatient(p);
            List<Long> seqs = jdbc.sql("SELECT seq FROM journal.entry WHERE chain = :c ORDER BY seq")
                    .param("c", p.toString()).query(Long.class).list();
            assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, (int) n).mapToObj(i -> (long) i).toList());
        }
        // What each caller got back is what was stored (the entry it may show data after).
        for (JournalEntry e : returned.subList(0, 50)) {
            assertThat(jdbc.sql("SELECT encode(hash, 'hex') FROM journal.entry WHERE id = :id").param("id", e.id())
                    .query(String.class).single()).isEqualTo(e.hash());
        }
        assertThat(verifier.verify().firstBreak()).isNull();
    }

    @Test
    void readersOfOnePersonAreNeverSentBackByTheirOwnGroupCommitLeaders() throws Exception {
        // Every reader reads one person's record (RecordReadBenchmark): the writer's leaders claim the chain in
        // memory, so no leader opens a transaction on a chain another leader is writing (issue 13). Only another
        // transaction (not a leader of this writer) may hold a chain and send its callers back.
        UUID patient = UUID.randomUUID();
        List<JournalEntry> returned = java.util.Collections.synchronizedList(new ArrayList<>());
        try (GroupCommitWriter writer = new GroupCommitWriter(dataSource, java.time.Clock.systemUTC(),
                java.time.Duration.ofSeconds(30))) {
            ExecutorService pool = Executors.newFixedThreadPool(24);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 24; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            returned.addAll(writer.append(List.of(read(DR_MARTIN, patient))));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(writer.sentBack()).isZero();
        }

        assertThat(returned).hasSize(960).doesNotContainNull();
        assertThat(jdbc.sql("SELECT seq FROM journal.entry WHERE chain = :c ORDER BY seq").param("c", patient.toString())
                .query(Long.class).list()).containsExactlyElementsOf(IntStream.rangeClosed(1, 960).mapToObj(i -> (long) i).toList());
        assertThat(verifier.verify().firstBreak()).isNull();
    }

    @Test
    void withTwoLeaderPlacesConcurrentReadersStillGetContiguousVerifiedChainsAndEveryEntryIsCounted() throws Exception {
        // The benchmark compares 2 and 3 leader places (issue 13, session 8): every guarantee must hold with either,
        // and the counters it reports (batches, callers, entries) must add up to what was written.
        List<UUID> patients = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();
        List<JournalEntry> returned = java.util.Collections.synchronizedList(new ArrayList<>());
        GroupCommitWriter.Stats stats;
        try (GroupCommitWriter writer = new GroupCommitWriter(dataSource, java.time.Clock.systemUTC(),
                java.time.Duration.ofSeconds(30), 2)) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 20; i++) {
                            UUID p = patients.get((thread + i) % patients.size());
                            // One caller in four journals two entries at once (a list and a read).
                            returned.addAll(writer.append(i % 4 == 0 ? List.of(read(DR_MARTIN, p), read(DR_MARTIN, p))
                                    : List.of(read(DR_MARTIN, p))));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            stats = writer.stats();
        }

        assertThat(returned).hasSize(400).doesNotContainNull();
        assertThat(stats.callers()).isEqualTo(320);
        assertThat(stats.entries()).isEqualTo(400);
        assertThat(stats.batches()).isBetween(1L, 320L);
        for (UUID p : patients) {
            assertThat(jdbc.sql("SELECT seq FROM journal.entry WHERE chain = :c ORDER BY seq").param("c", p.toString())
                    .query(Long.class).list()).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        }
        assertThat(verifier.verify().firstBreak()).isNull();
    }

    @Test
    void whileABatchIsInFlightALoneCallerWaitsForItAndASecondBatchOpensOnlyOnceTwoCallersWait() throws Exception {
        // Issue 13, session 11: at a moderate rate of reads the two leader places used to write one caller per batch
        // (one statement, one commit, one WAL flush per read). A caller alone in the queue while a batch is in flight
        // now waits for that batch; a second batch opens as soon as two callers wait, and carries both. The first
        // batch is held in flight by its clock (read once per batch, by its leader).
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger batchesStarted = new java.util.concurrent.atomic.AtomicInteger();
        java.time.Clock held = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                batchesStarted.incrementAndGet();
                try {
                    gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return java.time.Instant.now();
            }
        };
        UUID first = UUID.randomUUID();
        UUID lone = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        GroupCommitWriter.Stats stats;
        try (GroupCommitWriter writer = new GroupCommitWriter(dataSource, held, java.time.Duration.ofSeconds(30))) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Future<List<JournalEntry>> a = pool.submit(() -> writer.append(List.of(read(DR_MARTIN, first))));
                awaitUntil(() -> batchesStarted.get() == 1); // the first batch in flight, held
                java.util.concurrent.atomic.AtomicReference<Thread> loneThread = new java.util.concurrent.atomic.AtomicReference<>();
                Future<List<JournalEntry>> b = pool.submit(() -> {
                    loneThread.set(Thread.currentThread());
                    return writer.append(List.of(read(DR_MARTIN, lone)));
                });
                // Parked in the writer (a follower), or — the former rule — leading a second batch, held by the clock.
                awaitUntil(() -> batchesStarted.get() > 1
                        || (loneThread.get() != null && java.util.concurrent.locks.LockSupport.getBlocker(loneThread.get()) == writer));
                assertThat(batchesStarted.get()).isEqualTo(1);
                assertThat(b.isDone()).isFalse();

                Future<List<JournalEntry>> c = pool.submit(() -> writer.append(List.of(read(DR_MARTIN, third))));
                awaitUntil(() -> batchesStarted.get() == 2); // two callers wait: a second batch opens, for both
                gate.countDown();

                assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS)).extracting(JournalEntry::seq).containsExactly(1L);
                assertThat(b.get(30, java.util.concurrent.TimeUnit.SECONDS)).extracting(JournalEntry::seq).containsExactly(1L);
                assertThat(c.get(30, java.util.concurrent.TimeUnit.SECONDS)).extracting(JournalEntry::seq).containsExactly(1L);
            } finally {
                gate.countDown();
                pool.shutdown();
            }
            stats = writer.stats();
        }
        assertThat(batchesStarted.get()).isEqualTo(2);
        assertThat(stats.batches()).isEqualTo(2);
        assertThat(stats.callers()).isEqualTo(3);
        assertThat(List.of(rows(first), rows(lone), rows(third))).containsOnly(1L);
        assertThat(verifier.verify().firstBreak()).isNull();
    }

    /** Waits (at most 30 s, then fails) until the condition holds: an ordering between threads, not a timing. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - until).as("condition not reached in 30 s").isNegative();
            Thread.sleep(1);
        }
    }

    @Test
    void aGroupCommitNeedsAtLeastOneLeaderPlace() {
        assertThatThrownBy(() -> new GroupCommitWriter(dataSource, java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommitWriter(dataSource, java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(1), 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChainMovedByAnotherWriterBetweenTwoBatchesIsReadAgainNotGuessed() {
        // The group commit keeps the head it committed last as a guess for the next batch (issue 13); a change
        // journaled in its own transaction moves the chain meanwhile: the guess must be refused by the database
        // and the head read again, never written over.
        UUID patient = UUID.randomUUID();
        try (GroupCommitWriter writer = new GroupCommitWriter(dataSource, java.time.Clock.systemUTC(),
                java.time.Duration.ofSeconds(30))) {
            JournalEntry first = writer.append(List.of(read(DR_MARTIN, patient))).get(0);
            JournalEntry second = journal.append(read(DR_MARTIN, patient));
            JournalEntry third = writer.append(List.of(read(DR_MARTIN, patient))).get(0);
            JournalEntry fourth = writer.append(List.of(read(DR_MARTIN, patient))).get(0);

            assertThat(List.of(first.seq(), second.seq(), third.seq(), fourth.seq())).containsExactly(1L, 2L, 3L, 4L);
            assertThat(prevHash(patient, 3)).isEqualTo(second.hash());
            assertThat(prevHash(patient, 4)).isEqualTo(third.hash());
            assertThat(writer.sentBack()).isZero();
            // The fourth went on the head the writer kept from the third: the guess is used when right.
            assertThat(writer.guessed()).isEqualTo(1);
            // The third's statement in autocommit wrote nothing (the head had moved) and counts for nothing; the
            // fourth's is the only batch committed by its one statement alone.
            assertThat(writer.stats().autocommitted()).isEqualTo(1);
            assertThat(writer.stats().batches()).isEqualTo(3);
        }
        assertThat(rows(patient)).isEqualTo(4L);
        assertThat(verifier.verify().firstBreak()).isNull();
    }

    @Test
    void aBatchWhoseHeadsAreAllKeptIsCommittedByItsOneStatementAndSeenByAnotherConnectionWhenTheCallerGoesOn() {
        // Issue 13, session 9: when every caller's head is kept, the batch's one statement runs in autocommit (no
        // BEGIN, no COMMIT round trip). The entry must still be committed when append returns: another connection
        // sees it at once, and nothing stays open on the writer's connection.
        UUID patient = UUID.randomUUID();
        try (GroupCommitWriter writer = new GroupCommitWriter(dataSource, java.time.Clock.systemUTC(),
                java.time.Duration.ofSeconds(30))) {
            writer.append(List.of(read(DR_MARTIN, patient)));
            assertThat(writer.stats().autocommitted()).isZero(); // no head kept yet: locked and read in a transaction

            for (int i = 2; i <= 4; i++) {
                List<JournalEntry> written = writer.append(List.of(read(DR_MARTIN, patient), read(DR_MARTIN, patient)));

                assertThat(written).extracting(JournalEntry::seq).containsExactly(2L * i - 2, 2L * i - 1);
                assertThat(rows(patient)).isEqualTo(2L * i - 1);
                assertThat(jdbc.sql("SELECT seq FROM journal.chain_head WHERE chain = :c").param("c", patient.toString())
                        .query(Long.class).single()).isEqualTo(2L * i - 1);
            }
            assertThat(writer.stats().autocommitted()).isEqualTo(3);
            assertThat(writer.stats().batches()).isEqualTo(4);
            assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND state LIKE 'idle in transaction%'").query(Long.class).single()).isZero();
        }
        assertThat(prevHash(patient, 7)).isEqualTo(jdbc.sql("SELECT hash FROM journal.entry WHERE chain = :c AND seq = 6")
                .param("c", patient.toString()).query((rs, n) -> HexFormat.of().formatHex(rs.getBytes(1))).single());
        assertThat(verifier.verify().firstBreak()).isNull();
    }

    @Test
    void aGroupCommittedEntryIsCommittedBeforeTheCallerGoesOnAndSurvivesItsRollback() {
        UUID patient = UUID.randomUUID();

        tx.executeWithoutResult(status -> {
            JournalEntry e = journal.appendCommitted(read(DR_MARTIN, patient));
            // Committed already: seen by a transaction of its own, whatever the caller does next.
            TransactionTemplate separate = new TransactionTemplate(tx.getTransactionManager(),
                    new org.springframework.transaction.support.DefaultTransactionDefinition(
                            org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW));
            Long seenElsewhere = separate.execute(s -> rows(patient));
            assertThat(seenElsewhere).isEqualTo(1L);
            assertThat(e.seq()).isEqualTo(1);
            status.setRollbackOnly();
        });

        assertThat(rows(patient)).isEqualTo(1L);
        assertThat(verifier.verify().firstBreak()).isNull();
    }

    @Test
    void aTransactionThatAlreadyJournaledAppendsItsReadInTheSameTransaction() {
        UUID patient = UUID.randomUUID();

        tx.executeWithoutResult(status -> {
            journal.append(read(DR_MARTIN, patient));
            // This transaction holds the chain's head until it ends: the read's entry joins it
            // (the group writer could not lock that chain before this transaction commits).
            JournalEntry second = journal.appendCommitted(read(DR_MARTIN, patient));
            assertThat(second.seq()).isEqualTo(2);
            status.setRollbackOnly();
        });

        assertThat(rows(patient)).isZero();
    }

    @Test
    void severalEntriesOfOneCallerAreGroupCommittedTogetherInOrder() {
        UUID patient = UUID.randomUUID();

        List<JournalEntry> entries = journal.appendAllCommitted(List.of(read(DR_MARTIN, patient), read(DR_MARTIN, patient),
                read(DR_MARTIN, patient)));

        assertThat(entries).extracting(JournalEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(prevHash(patient, 3)).isEqualTo(entries.get(1).hash());
        assertThatThrownBy(() -> journal.appendAllCommitted(List.of(read(DR_MARTIN, patient),
                new JournalEntryDraft(DR_MARTIN, null, patient, null, "X", null, JournalDecision.PERMIT, null,
                        JournalChannel.WEB, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
        assertThat(rows(patient)).isEqualTo(3L);
    }

    @Test
    void aDraftMissingARequiredFieldIsRefusedAndNothingIsWritten() {
        UUID patient = UUID.randomUUID();
        JournalEntryDraft noAction = new JournalEntryDraft(DR_MARTIN, null, patient, null, "DocumentReference",
                null, JournalDecision.PERMIT, null, JournalChannel.WEB, null);

        assertThatThrownBy(() -> journal.appendAll(List.of(read(DR_MARTIN, patient), noAction)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
        assertThatThrownBy(() -> journal.append(new JournalEntryDraft(new JournalActor(null, " ", "PROFESSIONAL"),
                null, patient, JournalAction.READ, "X", null, JournalDecision.PERMIT, null, JournalChannel.WEB, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor.displayName");
        assertThat(journal.countForPatient(patient)).isZero();
        assertThat(rows(patient)).isZero();
    }

    @Test
    void whenTheJournalCannotBeWrittenTheCallersWorkFailsAndNothingRemains() {
        UUID patient = UUID.randomUUID();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            journal.append(read(DR_MARTIN, patient));
            // From here on the database refuses every write of this transaction.
            jdbc.sql("SET TRANSACTION READ ONLY").update();
            journal.append(read(DR_MARTIN, patient));
        })).hasMessageContaining("read-only");

        assertThat(rows(patient)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM journal.chain_head WHERE chain = :c").param("c", patient.toString())
                .query(Long.class).single()).isZero();
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEntry() {
        UUID patient = UUID.randomUUID();
        journal.append(read(DR_MARTIN, patient));

        assertThatThrownBy(() -> jdbc.sql("UPDATE journal.entry SET action = 'DELETE' WHERE chain = :c")
                .param("c", patient.toString()).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM journal.entry WHERE chain = :c")
                .param("c", patient.toString()).update()).hasMessageContaining("append-only");
        assertThat(rows(patient)).isEqualTo(1L);
    }

    private long rows(UUID patient) {
        return jdbc.sql("SELECT count(*) FROM journal.entry WHERE chain = :c").param("c", patient.toString())
                .query(Long.class).single();
    }

    private String prevHash(UUID patient, long seq) {
        byte[] prev = jdbc.sql("SELECT prev_hash FROM journal.entry WHERE chain = :c AND seq = :s")
                .param("c", patient.toString()).param("s", seq).query(byte[].class).single();
        return HexFormat.of().formatHex(prev);
    }
}
