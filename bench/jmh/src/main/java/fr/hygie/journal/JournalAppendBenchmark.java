package fr.hygie.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journal append (journal des accès) with real, durable commits: an embedded PostgreSQL 17 started here
 * with {@code synchronous_commit=on} and {@code fsync=on}, the journal's own Flyway migration, and the
 * module's real {@link Journal} in a Spring transaction (the head row is locked until commit, as in
 * the server). One operation = one committed transaction; {@code appendTenInOneTransaction} writes 10
 * entries per commit (a record listing journals one entry per document shown). The {@code groupCommit…}
 * benchmarks call {@link Journal#appendCommitted} outside any transaction, as a reader does: one entry
 * per call, committed (durably) together with the entries of the other threads.
 *
 * <p>Each iteration prints one {@code [journal]} line (issue 13, session 8): entries, group-commit batches and their
 * mean size (and how many ran as one statement in autocommit, session 9), PostgreSQL commits and WAL syncs (count and mean duration, {@code track_wal_io_timing}), and the CPU
 * per entry of this JVM and of its PostgreSQL (postmaster and backends, reaped ones included), from {@code /proc}.
 * The rate alone says little on a shared machine; the CPU per entry and the batch size say more.
 *
 * <p>This class sits in the package {@code fr.hygie.journal} only to call the module's package-private
 * constructor without a Spring context; it changes nothing of the module.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalAppendBenchmark {

    /** Distinct patients the entries spread over: concurrent appends rarely meet on one chain. */
    private static final int PATIENTS = 10_000;

    /**
     * Group-commit leaders (batches in flight at once); the server's is {@code GroupCommitWriter.LEADERS} (2 since
     * session 8). Compare with {@code -p leaders=2,3} (session 8, quiet: 2 appended more at 16, 64 and 256 writers).
     */
    @Param("2")
    public int leaders;

    /**
     * Callers queued before a second batch opens while one is in flight: 2 is the server's since session 11, 1 the
     * former rule (lead whenever a place is free). Compare with {@code -p queuedForASecondBatch=1,2}.
     */
    @Param("2")
    public int queuedForASecondBatch;

    /**
     * Mean pause of each paced reader, in milliseconds (each pause a random ½–1½ of it): 40 gives ~1,500 entries/s
     * from 64 readers. On a loaded machine, where a WAL sync takes 2–4 ms instead of ~0.5 ms, a longer pause keeps the
     * ratio of the gap between arrivals to the flush that a quiet machine has at 1,500/s (e.g. 240: ~260/s).
     */
    @Param("40")
    public int pacedPauseMillis;

    private EmbeddedPostgres postgres;
    private HikariDataSource dataSource;
    private Journal journal;
    private TransactionTemplate tx;
    private UUID[] patients;
    private final JournalActor actor = new JournalActor(UUID.randomUUID(), "Dr Bench", "PROFESSIONAL");

    @Setup(Level.Trial)
    public void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "50")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("track_wal_io_timing", "on")
                .start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(10); // Hikari's and Spring Boot's default, as in the server
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/journal").load().migrate();
        journal = new Journal(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), dataSource, Clock.systemUTC(),
                leaders, queuedForASecondBatch);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        patients = new UUID[PATIENTS];
        for (int i = 0; i < PATIENTS; i++) {
            patients[i] = UUID.randomUUID();
        }
    }

    private Counters before;
    private Counters measured = Counters.ZERO;

    @Setup(Level.Iteration)
    public void beforeIteration() {
        before = counters();
    }

    @TearDown(Level.Iteration)
    public void afterIteration(IterationParams params) {
        Counters d = counters().minus(before);
        boolean measurement = params.getType() == IterationType.MEASUREMENT;
        if (measurement) {
            measured = measured.plus(d);
        }
        System.out.println(report(measurement ? "measured" : "warm-up", d) + ", load " + loadAverage());
    }

    /** What one iteration (or the measured ones) cost and how the entries were grouped. */
    private static String report(String label, Counters d) {
        double s = d.nanos / 1e9;
        return String.format(Locale.ROOT, "[journal] %s: %.1f s, %d entries (%.0f /s), %d batches (mean %.1f callers, %d on a kept head,"
                        + " %d sent back, %d in autocommit),"
                        + " %d PostgreSQL commits, %d WAL syncs (mean %.2f ms, %.1f entries per sync),"
                        + " CPU per entry JVM %.3f ms + PostgreSQL %.3f ms",
                label, s, d.entries, d.entries / s, d.batches, d.callers / (double) Math.max(1, d.batches), d.guessed,
                d.sentBack, d.autocommitted, d.commits,
                d.walSyncs, d.walSyncMillis / Math.max(1, d.walSyncs), d.entries / (double) Math.max(1, d.walSyncs),
                d.jvmTicks * 10.0 / Math.max(1, d.entries), d.postgresTicks * 10.0 / Math.max(1, d.entries));
    }

    private record Counters(long nanos, long entries, long batches, long callers, long guessed, long sentBack,
            long autocommitted, long commits, long walSyncs, double walSyncMillis, long jvmTicks, long postgresTicks) {
        static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Counters minus(Counters o) {
            return new Counters(nanos - o.nanos, entries - o.entries, batches - o.batches, callers - o.callers,
                    guessed - o.guessed, sentBack - o.sentBack, autocommitted - o.autocommitted, commits - o.commits, walSyncs - o.walSyncs, walSyncMillis - o.walSyncMillis, jvmTicks - o.jvmTicks,
                    postgresTicks - o.postgresTicks);
        }

        Counters plus(Counters o) {
            return new Counters(nanos + o.nanos, entries + o.entries, batches + o.batches, callers + o.callers,
                    guessed + o.guessed, sentBack + o.sentBack, autocommitted + o.autocommitted, commits + o.commits, walSyncs + o.walSyncs, walSyncMillis + o.walSyncMillis, jvmTicks + o.jvmTicks,
                    postgresTicks + o.postgresTicks);
        }
    }

    private Counters counters() {
        GroupCommitWriter.Stats g = journal.groupCommitStats();
        // PostgreSQL's statistics are flushed by each backend at most once a second: right over the measurement as a
        // whole, approximate per iteration.
        Map<String, Object> pg = new JdbcTemplate(dataSource).queryForMap("""
                SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits,
                       w.wal_sync AS syncs, w.wal_sync_time AS sync_ms, pg_backend_pid() AS pid
                FROM pg_stat_wal w""");
        long postmaster = Long.parseLong(stat(Long.toString(((Number) pg.get("pid")).longValue()))[3]);
        return new Counters(System.nanoTime(), g.entries(), g.batches(), g.callers(), g.guessed(), g.sentBack(), g.autocommitted(),
                ((Number) pg.get("commits")).longValue(), ((Number) pg.get("syncs")).longValue(),
                ((Number) pg.get("sync_ms")).doubleValue(), ticks("self", false), postgresTicks(postmaster));
    }

    /** CPU ticks (1/100 s) of the postmaster, of its reaped children and of its live children. */
    private static long postgresTicks(long postmaster) {
        long total = ticks(Long.toString(postmaster), true);
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    String[] f = stat(name);
                    if (f != null && Long.parseLong(f[3]) == postmaster) {
                        total += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return total;
    }

    private static long ticks(String pid, boolean withReapedChildren) {
        String[] f = stat(pid);
        long t = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return withReapedChildren ? t + Long.parseLong(f[15]) + Long.parseLong(f[16]) : t;
    }

    /** The fields of /proc/PID/stat numbered as in proc(5) from 0 (the command name, which may hold spaces, blanked); null if gone. */
    private static String[] stat(String pid) {
        try {
            String s = Files.readString(Path.of("/proc", pid, "stat"));
            String[] tail = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
            String[] f = new String[tail.length + 2];
            f[0] = pid;
            f[1] = "";
            System.arraycopy(tail, 0, f, 2, tail.length);
            return f;
        } catch (IOException e) {
            return null;
        }
    }

    private static String loadAverage() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return l[0] + " " + l[1] + " " + l[2];
        } catch (IOException e) {
            return "?";
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        System.out.println(report("all measured iterations", measured));
        journal.destroy();
        long entries = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM journal.entry", Long.class);
        if (entries == 0) {
            throw new IllegalStateException("no entry was written");
        }
        dataSource.close();
        postgres.close();
    }

    private JournalEntryDraft draft(UUID patient) {
        return new JournalEntryDraft(actor, null, patient, JournalAction.READ, "DocumentReference",
                UUID.randomUUID().toString(), JournalDecision.PERMIT, "CARE_TEAM", JournalChannel.WEB, null);
    }

    private UUID anyPatient() {
        return patients[ThreadLocalRandom.current().nextInt(PATIENTS)];
    }

    @Benchmark
    @Threads(1)
    public JournalEntry appendOneThread() {
        UUID p = anyPatient();
        return tx.execute(s -> journal.append(draft(p)));
    }

    @Benchmark
    @Threads(8)
    public JournalEntry appendEightThreads() {
        UUID p = anyPatient();
        return tx.execute(s -> journal.append(draft(p)));
    }

    @Benchmark
    @Threads(8)
    public List<JournalEntry> appendTenInOneTransactionEightThreads() {
        UUID p = anyPatient();
        List<JournalEntryDraft> drafts = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
            drafts.add(draft(p));
        }
        return tx.execute(s -> journal.appendAll(drafts));
    }

    @Benchmark
    @Threads(8)
    public JournalEntry appendEightThreadsOnePatient() {
        return tx.execute(s -> journal.append(draft(patients[0])));
    }

    // Group commit (Journal.appendCommitted, what AccessControl uses for reads): each call returns once its
    // entry is durably committed, in a transaction shared with the entries of the other threads.

    @Benchmark
    @Threads(1)
    public JournalEntry groupCommitOneThread() {
        return journal.appendCommitted(draft(anyPatient()));
    }

    @Benchmark
    @Threads(8)
    public JournalEntry groupCommitEightThreads() {
        return journal.appendCommitted(draft(anyPatient()));
    }

    @Benchmark
    @Threads(16)
    public JournalEntry groupCommitSixteenThreads() {
        return journal.appendCommitted(draft(anyPatient()));
    }

    @Benchmark
    @Threads(64)
    public JournalEntry groupCommitSixtyFourThreads() {
        return journal.appendCommitted(draft(anyPatient()));
    }

    @Benchmark
    @Threads(256)
    public JournalEntry groupCommitTwoHundredFiftySixThreads() {
        return journal.appendCommitted(draft(anyPatient()));
    }

    /**
     * A moderate, spread arrival rate rather than a closed loop (issue 13, session 11): 64 readers each pausing a random
     * ½–1½ × {@link #pacedPauseMillis} after their entry (20–60 ms by default: ~1,500 entries per second at most, the rate
     * of the professional's read at 1,500 req/s). The rate is set by the pauses; what compares is the batch size, the
     * WAL syncs and the CPU per entry.
     */
    @Benchmark
    @Threads(64)
    public JournalEntry groupCommitPacedSixtyFourThreads() {
        JournalEntry e = journal.appendCommitted(draft(anyPatient()));
        long mean = pacedPauseMillis * 1_000_000L;
        java.util.concurrent.locks.LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(mean / 2, mean * 3 / 2));
        return e;
    }

    @Benchmark
    @Threads(64)
    public JournalEntry groupCommitSixtyFourThreadsOnePatient() {
        return journal.appendCommitted(draft(patients[0]));
    }
}
