package fr.hygie.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of the journal (validation groupée): one writer thread takes every draft waiting in its
 * queue and writes them in ONE transaction, so that N concurrent readers pay one durable commit (one
 * WAL flush, {@code synchronous_commit} unchanged) instead of N. Each caller waits until the batch
 * holding its entry has committed: "the journal records before data leave" still holds.
 *
 * <p>The writer has its own connection (a pool of one, outside the application's pool): callers wait
 * while holding a pooled connection, so a writer borrowing from the same pool could starve.
 *
 * <p>A chain whose head another transaction holds (an import, a write that journals in its own
 * transaction) is skipped ({@code SKIP LOCKED}) and retried with the next batch, so that one long
 * transaction never stalls the entries of every other patient.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Entries per transaction at most: bounds the transaction's size and its locks. */
    static final int MAX_BATCH = 512;

    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private final Clock clock;
    private final Duration maxWait;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private Thread thread;
    private volatile boolean closed;

    /** One caller's drafts: written together, in one batch, or not at all. */
    private record Pending(List<JournalEntryDraft> drafts, CompletableFuture<List<JournalEntry>> done, long deadlineNanos) {
    }

    GroupCommitWriter(DataSource shared, Clock clock, Duration maxWait) {
        this.clock = clock;
        this.maxWait = maxWait;
        this.ownPool = shared instanceof HikariDataSource h ? ownPool(h) : null;
        this.dataSource = ownPool != null ? ownPool : shared;
    }

    /** A pool of one connection to the same database, with batched inserts rewritten as multi-row inserts. */
    private static HikariDataSource ownPool(HikariDataSource shared) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(shared.getJdbcUrl());
        c.setUsername(shared.getUsername());
        c.setPassword(shared.getPassword());
        if (shared.getDriverClassName() != null) {
            c.setDriverClassName(shared.getDriverClassName());
        }
        c.setPoolName((shared.getPoolName() == null ? "hygie" : shared.getPoolName()) + "-journal");
        c.setMaximumPoolSize(1);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(10_000);
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(c);
    }

    /** Queues the drafts and returns once the batch holding them has committed; fails closed. */
    List<JournalEntry> append(List<JournalEntryDraft> drafts) {
        if (closed) {
            throw new IllegalStateException("Journal writer stopped: nothing may be read without journaling");
        }
        start();
        CompletableFuture<List<JournalEntry>> done = new CompletableFuture<>();
        queue.add(new Pending(List.copyOf(drafts), done, System.nanoTime() + maxWait.toNanos()));
        try {
            return done.get(maxWait.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Journal append failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the journal entry was being written", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Journal entry not committed in time", e);
        }
    }

    private void start() {
        synchronized (lifecycle) {
            if (thread == null && !closed) {
                thread = new Thread(this::run, "hygie-journal-writer");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private void run() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        ChainWriter writer = new ChainWriter(jdbc, new JdbcTemplate(dataSource));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        List<Pending> deferred = new ArrayList<>();
        while (!closed || !queue.isEmpty() || !deferred.isEmpty()) {
            List<Pending> batch = new ArrayList<>(deferred);
            deferred.clear();
            try {
                // Waits for work only when nothing is deferred; a deferred entry is retried after a short pause.
                Pending first = queue.poll(batch.isEmpty() ? 100 : 2, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
            queue.drainTo(batch, Math.max(0, MAX_BATCH - batch.size()));
            if (batch.isEmpty()) {
                continue;
            }
            deferred.addAll(writeBatch(writer, tx, batch));
        }
    }

    /** Writes what it can lock in one transaction; returns the callers to retry (a chain held elsewhere). */
    private List<Pending> writeBatch(ChainWriter writer, TransactionTemplate tx, List<Pending> batch) {
        List<Pending> written = new ArrayList<>(batch.size());
        List<List<JournalEntry>> entries = new ArrayList<>(batch.size());
        try {
            tx.executeWithoutResult(status -> {
                List<JournalEntryDraft> all = new ArrayList<>();
                batch.forEach(p -> all.addAll(p.drafts()));
                Map<String, ChainWriter.Head> heads = writer.lockHeads(new ArrayList<>(ChainWriter.byChain(all).keySet()), true);
                // A caller's drafts go in only if every one of its chains is locked (all or nothing per caller).
                List<JournalEntryDraft> drafts = new ArrayList<>();
                for (Pending p : batch) {
                    if (p.drafts().stream().allMatch(d -> heads.containsKey(Journal.chainOf(d.patientId())))) {
                        written.add(p);
                        drafts.addAll(p.drafts());
                    }
                }
                Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
                List<JournalEntry> out = drafts.isEmpty() ? List.of()
                        : writer.write(drafts, ChainWriter.byChain(drafts), heads, at);
                int i = 0;
                for (Pending p : written) {
                    entries.add(out.subList(i, i + p.drafts().size()));
                    i += p.drafts().size();
                }
            });
        } catch (RuntimeException e) {
            log.error("Journal batch of {} callers failed; they get an error", batch.size(), e);
            batch.forEach(p -> p.done().completeExceptionally(e));
            return List.of();
        }
        for (int i = 0; i < written.size(); i++) {
            written.get(i).done().complete(List.copyOf(entries.get(i)));
        }
        Set<Pending> committed = Collections.newSetFromMap(new IdentityHashMap<>());
        committed.addAll(written);
        List<Pending> retry = new ArrayList<>();
        long now = System.nanoTime();
        for (Pending p : batch) {
            if (committed.contains(p)) {
                continue;
            }
            if (now - p.deadlineNanos() > 0 || closed) {
                p.done().completeExceptionally(new IllegalStateException("Journal chain locked for too long"));
            } else {
                retry.add(p);
            }
        }
        return retry;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            closed = true;
            t = thread;
        }
        if (t != null) {
            try {
                t.join(maxWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.forEach(p -> p.done().completeExceptionally(new IllegalStateException("Journal writer stopped")));
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
