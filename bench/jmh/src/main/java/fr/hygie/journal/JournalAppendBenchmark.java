package fr.hygie.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
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
 * <p>This class sits in the package {@code fr.hygie.journal} only to call the module's package-private
 * constructor without a Spring context; it changes nothing of the module.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalAppendBenchmark {

    /** Distinct patients the entries spread over: concurrent appends rarely meet on one chain. */
    private static final int PATIENTS = 10_000;

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
                .start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(10); // Hikari's and Spring Boot's default, as in the server
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/journal").load().migrate();
        journal = new Journal(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), dataSource, Clock.systemUTC());
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        patients = new UUID[PATIENTS];
        for (int i = 0; i < PATIENTS; i++) {
            patients[i] = UUID.randomUUID();
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
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
    @Threads(64)
    public JournalEntry groupCommitSixtyFourThreads() {
        return journal.appendCommitted(draft(anyPatient()));
    }

    @Benchmark
    @Threads(256)
    public JournalEntry groupCommitTwoHundredFiftySixThreads() {
        return journal.appendCommitted(draft(anyPatient()));
    }

    @Benchmark
    @Threads(64)
    public JournalEntry groupCommitSixtyFourThreadsOnePatient() {
        return journal.appendCommitted(draft(patients[0]));
    }
}
