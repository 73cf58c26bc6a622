package fr.hygie.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The access journal (journal des accès): appends entries to per-patient hash chains and gives a
 * patient their own journal.
 *
 * <p>Fail closed (ARCHITECTURE: "if the journal cannot be written, the read fails"): {@link #append}
 * joins the caller's transaction and throws when it cannot write, so the caller's work rolls back with
 * it; {@link #appendCommitted} (reads) returns only once its entry is durably committed and throws
 * otherwise, so the caller shows nothing.
 *
 * <p>Locking: an append locks its chain's head row ({@code SELECT … FOR UPDATE}) until its transaction
 * ends; appends for different patients never wait on each other. A caller that journals several
 * patients in one transaction should use {@link #appendAll}, which locks heads in chain order (no
 * deadlock between two such callers). {@link #appendCommitted} goes through one writer thread that
 * commits the entries of all concurrent readers together (group commit, see {@link GroupCommitWriter}).
 */
@Service
public class Journal implements DisposableBean {

    /** The chain of events that concern no patient (settings, key rotation…). */
    public static final String PLATFORM_CHAIN = "platform";

    /** How long a reader waits for its entry's batch before failing closed. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final ChainWriter chains;
    private final GroupCommitWriter groupCommit;
    private final Clock clock;
    /** Key of the transaction resource that says "this transaction holds journal chain locks". */
    private final Object lockMarker = new Object();

    @Autowired
    Journal(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, Clock clock) {
        this(jdbc, template, dataSource, clock, GroupCommitWriter.LEADERS);
    }

    /** With this many group-commit leaders (batches in flight): for the journal's benchmark. */
    Journal(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, Clock clock, int groupCommitLeaders) {
        this(jdbc, template, dataSource, clock, groupCommitLeaders, GroupCommitWriter.QUEUED_FOR_A_SECOND_BATCH);
    }

    /**
     * With this many group-commit leaders, and this many callers queued before a second batch opens while one is in
     * flight (1: the former rule, 2: the server's): for the journal's benchmark.
     */
    Journal(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, Clock clock, int groupCommitLeaders,
            int queuedForASecondBatch) {
        this.jdbc = jdbc;
        this.chains = new ChainWriter(jdbc, template);
        this.groupCommit = new GroupCommitWriter(dataSource, clock, MAX_WAIT, groupCommitLeaders, queuedForASecondBatch);
        this.clock = clock;
    }

    /** The chain that holds a patient's entries. */
    public static String chainOf(UUID patientId) {
        return patientId == null ? PLATFORM_CHAIN : patientId.toString();
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public JournalEntry append(JournalEntryDraft draft) {
        return appendAll(List.of(draft)).get(0);
    }

    /** Appends in the given order (within a chain) and returns the entries in that order. */
    @Transactional(propagation = Propagation.REQUIRED)
    public List<JournalEntry> appendAll(List<JournalEntryDraft> drafts) {
        if (drafts == null || drafts.isEmpty()) {
            return List.of();
        }
        drafts.forEach(Journal::validate);
        markChainsLockedByThisTransaction();
        return chains.write(drafts, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Appends one entry in a transaction of its own, grouped with the entries other threads are
     * appending at the same moment (group commit), and returns once it is durably committed. For
     * reads: the caller shows data only after this returns, so the journal records before data leave
     * (ARCHITECTURE "data flow"), and one WAL flush serves every concurrent reader. The entry stays
     * even if the caller's transaction later rolls back: it records the decision taken.
     *
     * <p>When the caller's transaction already journaled (it holds chain locks until it ends), the
     * entry joins that transaction instead, as {@link #append} does: the writer could not lock the
     * chain before the caller commits, and the caller would wait for the writer.
     */
    public JournalEntry appendCommitted(JournalEntryDraft draft) {
        return appendAllCommitted(List.of(draft)).get(0);
    }

    /** {@link #appendCommitted} for several entries, written in order in the same transaction. */
    public List<JournalEntry> appendAllCommitted(List<JournalEntryDraft> drafts) {
        if (drafts == null || drafts.isEmpty()) {
            return List.of();
        }
        drafts.forEach(Journal::validate);
        if (TransactionSynchronizationManager.hasResource(lockMarker)) {
            return appendAll(drafts);
        }
        return groupCommit.append(drafts);
    }

    /** The group commit's counters (batches, callers, entries): for the journal's benchmark and diagnosis. */
    GroupCommitWriter.Stats groupCommitStats() {
        return groupCommit.stats();
    }

    @Override
    public void destroy() {
        groupCommit.close();
    }

    /** Remembers, until the transaction ends, that it holds journal chain locks. */
    private void markChainsLockedByThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(lockMarker)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(lockMarker, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(lockMarker);
            }
        });
    }

    /** A patient's journal, newest first (the patient reads their own journal: DOMAIN "Access journal"). */
    @Transactional(readOnly = true)
    public List<JournalEntry> forPatient(UUID patientId, int offset, int limit) {
        return jdbc.sql("SELECT " + StoredEntry.COLUMNS
                        + " FROM journal.entry WHERE chain = :chain ORDER BY seq DESC OFFSET :offset LIMIT :limit")
                .param("chain", chainOf(patientId)).param("offset", Math.max(0, offset))
                .param("limit", Math.max(0, limit))
                .query((rs, n) -> StoredEntry.read(rs).toEntry()).list();
    }

    public long countForPatient(UUID patientId) {
        return jdbc.sql("SELECT seq FROM journal.chain_head WHERE chain = :chain")
                .param("chain", chainOf(patientId)).query(Long.class).optional().orElse(0L);
    }

    /** A draft the journal cannot record faithfully is a bug of the caller: refuse before writing anything. */
    static void validate(JournalEntryDraft d) {
        if (d == null) {
            throw new IllegalArgumentException("Journal entry draft is null");
        }
        validate(d.actor(), "actor");
        if (d.actingFor() != null) {
            validate(d.actingFor(), "actingFor");
        }
        require(d.action() != null, "action");
        require(d.objectType() != null && !d.objectType().isBlank(), "objectType");
        require(d.decision() != null, "decision");
        require(d.channel() != null, "channel");
    }

    private static void validate(JournalActor a, String field) {
        require(a != null, field);
        require(a.displayName() != null && !a.displayName().isBlank(), field + ".displayName");
        require(a.role() != null && !a.role().isBlank(), field + ".role");
    }

    private static void require(boolean ok, String field) {
        if (!ok) {
            throw new IllegalArgumentException("Journal entry draft without " + field);
        }
    }
}
