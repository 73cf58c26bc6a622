package fr.hygie.journal;

import com.zaxxer.hikari.HikariDataSource;
import fr.hygie.platform.database.SideConnections;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of the journal (validation groupée): the entries of concurrent readers are written in
 * ONE transaction, so that N readers pay one durable commit (one WAL flush, {@code synchronous_commit}
 * unchanged) instead of N. Each caller returns only once the batch holding its entry has committed:
 * "the journal records before data leave" still holds.
 *
 * <p>Leader/follower, no writer thread: a caller queues its drafts, then, if one of the {@link #LEADERS}
 * leader places is free, becomes a leader and writes everything waiting itself (no hand-off to another
 * thread, which costs a scheduling delay per entry on a busy machine); otherwise it parks until a leader
 * has written its entry. While a batch is in flight, a second one opens only once two callers wait
 * ({@link #QUEUED_FOR_A_SECOND_BATCH}, session 11): a caller alone waits for the batch in flight. Several leaders write at once on their own connections: while one batch waits
 * for its WAL flush, the next is already being inserted (the disk's ~6 ms per flush no longer idles the
 * CPU). A leader that leaves wakes the oldest waiting caller if entries remain, so the queue never stalls.
 *
 * <p>The leaders' connections come from a small pool of their own, outside the application's pool: callers
 * wait while holding a pooled connection, so a leader borrowing from that pool could starve.
 *
 * <p>Leaders of this writer never contend for a chain in the database: a leader claims its batch's chains in
 * memory first ({@link #writing}) and leaves the entries of a chain another leader is writing in the queue, for
 * that leader or the next one (issue 13: when every reader reads one person's record, the other leaders used to
 * open a transaction that locked nothing, and their callers waited 2 ms and queued again, per attempt).
 * A chain whose head another transaction holds (an import, a write that journals in its own transaction,
 * another process) is skipped ({@code SKIP LOCKED}) and its caller retries shortly after with a later batch,
 * so that one long transaction never stalls the entries of every other patient.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Entries per transaction at most: bounds the transaction's size and its locks. */
    static final int MAX_BATCH = 1024;
    /**
     * Batches in flight at once (one connection each): one inserting while another waits for its flush. Two since
     * session 8: fewer leaders make fewer, larger batches (1.45× the callers per batch of three), and on a quiet machine
     * two leaders appended more entries per second than three at 16, 64 and 256 writers (5,388 / 14,034 / 22,602 against
     * 3,962 / 9,901 / 19,462, docs/benchmarks.md « Session 8 — after the merges »). A constructor argument too, so that
     * the benchmark can compare them (`-p leaders=2,3`).
     */
    static final int LEADERS = 2;
    /**
     * Callers that must wait in the queue (the caller itself included) before a caller opens a batch while another
     * batch is in flight (issue 13, session 11). With no batch in flight a caller leads at once, as before. While one
     * is in flight, a caller alone in the queue waits for that batch to end (its leader wakes the oldest caller when it
     * leaves) instead of opening a second batch of one caller: at a moderate rate of reads (1,500 req/s, arrivals
     * spread in time) the two leader places otherwise write one caller per batch, i.e. one statement, one commit and
     * one WAL flush per read, where at saturation the queue fills and batches are larger. As soon as a second caller
     * waits, a second batch opens, so under load two batches are in flight as before. 1 restores the former rule (lead
     * whenever a place is free); a constructor argument, so that the benchmark can compare them.
     */
    static final int QUEUED_FOR_A_SECOND_BATCH = 2;
    /** A follower re-checks at least this often (a safety net: a leader that leaves wakes the next one). */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Pause before retrying an entry whose chain another transaction holds. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private final Clock clock;
    private final Duration maxWait;
    private final ChainWriter writer;
    private final TransactionTemplate tx;
    private final ConcurrentLinkedDeque<Pending> queue = new ConcurrentLinkedDeque<>();
    /** The chains a leader of this writer is writing now, each with that leader's batch token. */
    private final ConcurrentHashMap<String, Object> writing = new ConcurrentHashMap<>();
    private final int leaderPlaces;
    private final Semaphore leaders;
    /** See {@link #QUEUED_FOR_A_SECOND_BATCH}: 1 or 2. */
    private final int queuedForASecondBatch;
    /**
     * The head of each chain as this writer last committed it: a guess, checked by the database under the lock
     * (ChainWriter#writeWhereHeadsAre), wrong only when another writer moved the chain since — then that chain is
     * locked and read as usual. Never trusted without that check.
     */
    private final ConcurrentHashMap<String, ChainWriter.Head> known = new ConcurrentHashMap<>();
    /** Heads kept at most (one per chain recently written): about 100 bytes each. */
    static final int KNOWN_HEADS = 100_000;
    /** Callers sent back because the database held one of their chains (SKIP LOCKED): for tests and diagnosis. */
    private final LongAdder sentBack = new LongAdder();
    /** Callers written on a head kept from the previous batch (no lock-and-read statement): for tests and diagnosis. */
    private final LongAdder guessed = new LongAdder();
    /** Transactions committed by leaders, and the callers and entries they carried: the mean batch (issue 13). */
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedCallers = new LongAdder();
    private final LongAdder batchedEntries = new LongAdder();
    /** Of those, the batches written by one statement in autocommit (every head as kept, no BEGIN/COMMIT). */
    private final LongAdder autocommitted = new LongAdder();
    /**
     * Whether a batch whose heads are all kept runs as one statement in autocommit: only on the writer's own pool, whose
     * connections are in autocommit outside a transaction by construction (on another data source, always a transaction).
     */
    private final boolean autocommit;
    private volatile boolean closed;

    /** One caller's drafts: written together, in one batch, or not at all. */
    private static final class Pending {
        final List<JournalEntryDraft> drafts;
        final Thread caller = Thread.currentThread();
        final long deadlineNanos;
        /** The chains its drafts go to. */
        final Set<String> chains;
        /** Set once: the committed entries, or the failure. */
        volatile List<JournalEntry> entries;
        volatile RuntimeException failure;
        /** Set by a leader that could not lock one of the chains: the caller queues the drafts again. */
        volatile boolean retry;

        Pending(List<JournalEntryDraft> drafts, long deadlineNanos) {
            this.drafts = drafts;
            this.deadlineNanos = deadlineNanos;
            Set<String> c = new TreeSet<>();
            drafts.forEach(d -> c.add(Journal.chainOf(d.patientId())));
            this.chains = c;
        }

        boolean finished() {
            return entries != null || failure != null;
        }

        void complete(List<JournalEntry> result) {
            entries = result;
            LockSupport.unpark(caller);
        }

        void fail(RuntimeException e) {
            failure = e;
            LockSupport.unpark(caller);
        }

        void retryLater() {
            retry = true;
            LockSupport.unpark(caller);
        }
    }

    GroupCommitWriter(DataSource shared, Clock clock, Duration maxWait) {
        this(shared, clock, maxWait, LEADERS);
    }

    GroupCommitWriter(DataSource shared, Clock clock, Duration maxWait, int leaderPlaces) {
        this(shared, clock, maxWait, leaderPlaces, QUEUED_FOR_A_SECOND_BATCH);
    }

    GroupCommitWriter(DataSource shared, Clock clock, Duration maxWait, int leaderPlaces, int queuedForASecondBatch) {
        if (leaderPlaces < 1) {
            throw new IllegalArgumentException("At least one leader place");
        }
        if (queuedForASecondBatch < 1 || queuedForASecondBatch > 2) {
            throw new IllegalArgumentException("One or two callers queued before a second batch opens");
        }
        this.queuedForASecondBatch = queuedForASecondBatch;
        this.clock = clock;
        this.maxWait = maxWait;
        this.leaderPlaces = leaderPlaces;
        this.leaders = new Semaphore(leaderPlaces);
        this.ownPool = ownPool(shared, leaderPlaces);
        this.dataSource = ownPool != null ? ownPool : shared;
        this.autocommit = ownPool != null;
        this.writer = new ChainWriter(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** A pool of one connection per leader to the same database, with batched inserts rewritten as multi-row inserts. */
    private static HikariDataSource ownPool(DataSource shared, int leaderPlaces) {
        return SideConnections.poolLike(shared, "journal").map(c -> {
            c.setMaximumPoolSize(leaderPlaces);
            c.setMinimumIdle(0);
            c.setConnectionTimeout(10_000);
            c.setAutoCommit(true); // Hikari's default, relied upon: a batch of kept heads commits by itself (writeBatch)
            // The batch's statement (ChainWriter, WRITE_IF_HEADS_ARE) was planned again at every execution: PostgreSQL's
            // custom plans for its unnest arrays cost 0.4-0.5 ms per batch in the bind step, about half of the batch's
            // PostgreSQL CPU; the generic plan (index lookups of the heads, whatever the arrays' length) is planned once
            // per connection (session 9, docs/benchmarks.md « Session 9 — journal »).
            c.setConnectionInitSql("SET plan_cache_mode = force_generic_plan");
            c.addDataSourceProperty("reWriteBatchedInserts", "true");
            return new HikariDataSource(c);
        }).orElse(null);
    }

    /** Queues the drafts and returns once the batch holding them has committed; fails closed. */
    List<JournalEntry> append(List<JournalEntryDraft> drafts) {
        if (closed) {
            throw new IllegalStateException("Journal writer stopped: nothing may be read without journaling");
        }
        Pending mine = new Pending(List.copyOf(drafts), System.nanoTime() + maxWait.toNanos());
        queue.add(mine);
        while (true) {
            if (mine.entries != null) {
                return mine.entries;
            }
            if (mine.failure != null) {
                throw mine.failure;
            }
            if (mine.retry) {
                if (System.nanoTime() - mine.deadlineNanos > 0 || closed) {
                    throw new IllegalStateException("Journal chain locked for too long");
                }
                LockSupport.parkNanos(this, RETRY_NANOS);
                mine.retry = false;
                queue.add(mine);
            }
            // A caller whose chain a leader is writing now waits for that leader (which takes the queue again or
            // wakes the next caller when it leaves) instead of leading: leading would only poll the whole queue and
            // put it back (JFR of RecordReadBenchmark, 64 threads on one person: 15 % of the journal's samples).
            if (!anyWritten(mine.chains) && mayOpenABatch() && leaders.tryAcquire()) {
                boolean wrote;
                try {
                    wrote = lead(mine);
                } finally {
                    leaders.release();
                }
                if (wrote) {
                    // Released BEFORE looking at the queue: a caller that queued while this leader held its
                    // place and found no free place is then seen here (its entry is in the queue) and woken.
                    wakeNext();
                    continue;
                }
                // Everything waiting goes to chains other leaders are writing: they (or the caller they wake
                // when they leave) take it. Checked again AFTER the place is released: a leader that left
                // in between saw no free place or had not yet seen these entries in the queue.
                if (mine.finished() || mine.retry || !anyWritten(mine.chains)) {
                    continue;
                }
            } else if (mine.finished()) {
                continue;
            }
            if (System.nanoTime() - mine.deadlineNanos > 0) {
                throw new IllegalStateException("Journal entry not committed in time");
            }
            LockSupport.parkNanos(this, PARK_NANOS);
            if (Thread.interrupted()) {
                // The entry may still be written (it records the decision taken); the caller shows nothing.
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the journal entry was being written");
            }
        }
    }

    /**
     * Writes batches of whatever waits until the caller's own entry is written (or taken by another leader);
     * false when it wrote nothing because every entry waiting goes to a chain another leader is writing.
     */
    private boolean lead(Pending mine) {
        boolean wrote = false;
        while (!mine.finished() && !mine.retry) {
            Object token = new Object();
            List<Pending> batch = new ArrayList<>();
            List<Pending> deferred = new ArrayList<>();
            List<String> claimed = new ArrayList<>();
            for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
                if (claim(p.chains, token, claimed)) {
                    batch.add(p);
                } else {
                    deferred.add(p);
                }
            }
            // Back at the head of the queue, in their order, for the leader writing their chains.
            for (int i = deferred.size() - 1; i >= 0; i--) {
                queue.addFirst(deferred.get(i));
            }
            try {
                if (batch.isEmpty()) {
                    return wrote; // another leader holds the caller's entry or its chain
                }
                if (closed) {
                    batch.forEach(p -> p.fail(new IllegalStateException("Journal writer stopped")));
                    return true;
                }
                writeBatch(batch);
                wrote = true;
            } finally {
                claimed.forEach(c -> writing.remove(c, token));
            }
        }
        return wrote;
    }

    /** Claims every chain for this batch (those it already holds count); false if another leader writes one. */
    private boolean claim(Set<String> chains, Object token, List<String> claimed) {
        for (String chain : chains) {
            Object holder = writing.putIfAbsent(chain, token);
            if (holder == null) {
                claimed.add(chain);
            } else if (holder != token) {
                return false; // the chains it claimed stay with this batch until it ends: harmless
            }
        }
        return true;
    }

    /** Whether another leader is writing one of these chains now (it wakes the next caller when it leaves). */
    private boolean anyWritten(Set<String> chains) {
        for (String chain : chains) {
            if (writing.containsKey(chain)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a caller may open a batch now ({@link #QUEUED_FOR_A_SECOND_BATCH}): when no batch is in flight, or when
     * at least two callers wait in the queue (its first and last differ: O(1), no count kept). A caller that may not
     * parks; the leader in flight wakes the oldest caller when it leaves ({@link #wakeNext}), and a caller that queues
     * meanwhile sees two waiting and opens the batch for both. Its entry is never left without a leader: every leader
     * that leaves looks at the queue after releasing its place.
     */
    private boolean mayOpenABatch() {
        if (queuedForASecondBatch == 1 || leaders.availablePermits() == leaderPlaces) {
            return true;
        }
        Pending first = queue.peekFirst();
        return first != null && first != queue.peekLast();
    }

    /** Wakes the oldest waiting caller, who then leads, if entries wait and a leader place is free. */
    private void wakeNext() {
        Pending next = queue.peek();
        if (next != null && leaders.availablePermits() > 0) {
            LockSupport.unpark(next.caller);
        }
    }

    /**
     * Writes what it can lock; callers whose chain is held elsewhere retry later. When every caller's head is kept from
     * a previous batch (nearly always on a warm server), the batch's one statement runs in autocommit: PostgreSQL
     * commits it by itself, as durably ({@code synchronous_commit} unchanged, the driver returns after the commit), and
     * the {@code BEGIN} and the {@code COMMIT} round trip go (issue 13, docs/benchmarks.md « Session 9 — journal »).
     * Callers whose head moved meanwhile are then written in a transaction of their own, as are batches holding a
     * caller without a kept head.
     */
    private void writeBatch(List<Pending> batch) {
        List<Pending> fast = new ArrayList<>();
        List<Pending> rest = new ArrayList<>();
        Map<String, ChainWriter.Head> expected = new HashMap<>();
        for (Pending p : batch) {
            ChainWriter.Head head = p.chains.size() == 1 ? known.get(p.chains.iterator().next()) : null;
            if (head != null) {
                expected.put(p.chains.iterator().next(), head);
                fast.add(p);
            } else {
                rest.add(p);
            }
        }
        if (autocommit && rest.isEmpty()) {
            List<Pending> written = new ArrayList<>(fast.size());
            List<List<JournalEntry>> entries = new ArrayList<>(fast.size());
            try {
                writeWhereHeadsAre(fast, expected, instant(), written, entries, rest);
            } catch (RuntimeException e) {
                failed(batch, e);
                return;
            }
            if (!written.isEmpty()) {
                committed(written, entries);
                autocommitted.increment();
            }
            if (rest.isEmpty()) {
                return;
            }
            fast = List.of();
            batch = rest; // moved by another writer since, or held by another transaction: locked and read below
            rest = new ArrayList<>(rest);
        }
        writeInTransaction(batch, fast, expected, rest);
    }

    private Instant instant() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The callers of one chain whose head this writer committed last, in one statement that locks, moves and inserts
     * where the head is still as committed (the database checks it under the lock): those written go to
     * {@code written}/{@code entries}, the others to {@code rest} (their kept head dropped).
     */
    private void writeWhereHeadsAre(List<Pending> fast, Map<String, ChainWriter.Head> expected, Instant at,
            List<Pending> written, List<List<JournalEntry>> entries, List<Pending> rest) {
        List<JournalEntryDraft> drafts = new ArrayList<>();
        fast.forEach(p -> drafts.addAll(p.drafts));
        List<JournalEntry> out = writer.writeWhereHeadsAre(drafts, ChainWriter.byChain(drafts), expected, at).entries();
        int i = 0;
        for (Pending p : fast) {
            List<JournalEntry> mine = out.subList(i, i + p.drafts.size());
            i += p.drafts.size();
            if (mine.get(0) != null) {
                guessed.increment();
                written.add(p);
                entries.add(mine);
            } else {
                known.remove(p.chains.iterator().next());
                rest.add(p);
            }
        }
    }

    /** The whole batch in one transaction: the callers with a kept head first, then the others locked and read. */
    private void writeInTransaction(List<Pending> batch, List<Pending> fast, Map<String, ChainWriter.Head> expected,
            List<Pending> rest) {
        List<Pending> written = new ArrayList<>(batch.size());
        List<List<JournalEntry>> entries = new ArrayList<>(batch.size());
        try {
            tx.executeWithoutResult(status -> {
                Instant at = instant();
                List<Pending> others = new ArrayList<>(rest);
                if (!fast.isEmpty()) {
                    writeWhereHeadsAre(fast, expected, at, written, entries, others);
                }
                if (others.isEmpty()) {
                    return;
                }
                // Lock their heads (skipping those another transaction holds), then write.
                List<JournalEntryDraft> all = new ArrayList<>();
                others.forEach(p -> all.addAll(p.drafts));
                Map<String, ChainWriter.Head> heads = writer.lockHeads(new ArrayList<>(ChainWriter.byChain(all).keySet()), true);
                // A caller's drafts go in only if every one of its chains is locked (all or nothing per caller).
                List<JournalEntryDraft> drafts = new ArrayList<>();
                List<Pending> locked = new ArrayList<>();
                for (Pending p : others) {
                    if (heads.keySet().containsAll(p.chains)) {
                        locked.add(p);
                        drafts.addAll(p.drafts);
                    }
                }
                List<JournalEntry> out = drafts.isEmpty() ? List.of()
                        : writer.write(drafts, ChainWriter.byChain(drafts), heads, at);
                int i = 0;
                for (Pending p : locked) {
                    written.add(p);
                    entries.add(out.subList(i, i + p.drafts.size()));
                    i += p.drafts.size();
                }
            });
        } catch (RuntimeException e) {
            failed(batch, e);
            return;
        }
        committed(written, entries);
        if (written.size() < batch.size()) {
            for (Pending p : batch) {
                if (!p.finished()) {
                    sentBack.increment();
                    p.retryLater();
                }
            }
        }
    }

    /** The heads kept are only a guess the database checks; after a failure, guess no more for these chains. */
    private void failed(List<Pending> batch, RuntimeException e) {
        batch.forEach(p -> known.keySet().removeAll(p.chains));
        log.error("Journal batch of {} callers failed; they get an error", batch.size(), e);
        batch.forEach(p -> p.fail(e));
    }

    /** After the durable commit of these callers' entries: the heads kept, the counters, and only then the callers go on. */
    private void committed(List<Pending> written, List<List<JournalEntry>> entries) {
        remember(entries);
        batches.increment();
        batchedCallers.add(written.size());
        written.forEach(p -> batchedEntries.add(p.drafts.size()));
        for (int i = 0; i < written.size(); i++) {
            written.get(i).complete(List.copyOf(entries.get(i)));
        }
    }

    /** Keeps each written chain's new head (its last entry), committed: the next batch's guess. */
    private void remember(List<List<JournalEntry>> written) {
        Map<String, JournalEntry> last = new HashMap<>();
        for (List<JournalEntry> entries : written) {
            for (JournalEntry e : entries) {
                last.merge(e.chain(), e, (a, b) -> a.seq() >= b.seq() ? a : b);
            }
        }
        if (known.size() + last.size() > KNOWN_HEADS) {
            known.clear(); // a bound, not a cache policy: a head not kept is only locked and read again
        }
        last.forEach((chain, e) -> known.put(chain, new ChainWriter.Head(e.seq(), HexFormat.of().parseHex(e.hash()))));
    }

    /** How many callers were written on a head kept from a previous batch. */
    long guessed() {
        return guessed.sum();
    }

    /**
     * Batches committed so far, with the callers and entries they carried, the callers written on a kept head,
     * those sent back, and the batches committed by one statement in autocommit (for benchmarks and diagnosis).
     */
    record Stats(long batches, long callers, long entries, long guessed, long sentBack, long autocommitted) {
    }

    Stats stats() {
        return new Stats(batches.sum(), batchedCallers.sum(), batchedEntries.sum(), guessed.sum(), sentBack.sum(),
                autocommitted.sum());
    }

    /** How many callers a batch sent back so far because another transaction held one of their chains. */
    long sentBack() {
        return sentBack.sum();
    }

    @Override
    public void close() {
        closed = true;
        long until = System.nanoTime() + maxWait.toNanos();
        // Lets the batches in flight finish before the connections go.
        while (leaders.availablePermits() < leaderPlaces && System.nanoTime() - until < 0) {
            try {
                if (leaders.tryAcquire(leaderPlaces, 100, TimeUnit.MILLISECONDS)) {
                    leaders.release(leaderPlaces);
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            p.fail(new IllegalStateException("Journal writer stopped"));
        }
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
