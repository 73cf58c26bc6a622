package fr.hygie.identity;

import static fr.hygie.support.StatementCounting.counting;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.database.ChangeAnnouncements;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Persons' rows are kept in memory between pages (issue 13, docs/adr/0005-persons-rows-kept-in-memory.md), and a
 * change made outside this server's code (another process, an operator's SQL: the application itself only inserts)
 * is seen as soon as the table's announcement is heard: one test per kind of change (traits, INS status, a row
 * deleted — an erasure or the loser of a merge —, a whole table), and the rules (nothing uncommitted kept, nothing
 * kept while not listening, snapshot transactions bypass). Real PostgreSQL, real triggers; statements counted on the
 * real pool (a counting wrapper, no mock). Each test first fills the cache, so that a stale entry would be caught.
 */
@HygieIntegrationTest
class PersonRowsKeptInMemoryTest {

    @Autowired
    Cast cast;
    @Autowired
    Patients patients;
    @Autowired
    PersonRows rows;
    @Autowired
    ChangeAnnouncements listener;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NamedParameterJdbcTemplate batch;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void theRecordPagesSecondReadOfAPersonSendsNoStatement() {
        PatientId person = cast.patient(cast.newPatient());
        AtomicInteger statements = new AtomicInteger();
        Patients counted = counted(statements);

        Patient first = counted.byId(person).orElseThrow();
        Patient second = counted.byId(person).orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(statements).as("one statement for the first read, none for the second").hasValue(1);
    }

    @Test
    void traitsChangedByAnotherProcessAreSeenOnceAnnounced() {
        PatientId person = cast.patient(cast.newPatient());
        assertThat(patients.byId(person).orElseThrow().usedName()).isNull();

        jdbc.sql("UPDATE identity.patient SET used_name = 'MARTIN', first_names = 'ALICE MARIE' WHERE id = :id")
                .param("id", person.value()).update();
        awaitListenerCaughtUp();

        Patient now = patients.byId(person).orElseThrow();
        assertThat(now.usedName()).isEqualTo("MARTIN");
        assertThat(now.displayName()).isEqualTo("Alice Martin");
    }

    @Test
    void anInsQualificationByAnotherProcessIsSeenOnceAnnounced() {
        PatientId person = provisional();
        assertThat(patients.byId(person).orElseThrow().insStatus()).isEqualTo("PROVISIONAL");

        jdbc.sql("UPDATE identity.patient SET ins_status = 'VALIDATED' WHERE id = :id").param("id", person.value()).update();
        awaitListenerCaughtUp();

        assertThat(patients.byId(person).orElseThrow().insStatus()).isEqualTo("VALIDATED");
    }

    @Test
    void aPersonDeletedByAnotherProcessIsNoLongerFound() {
        PatientId person = provisional();
        assertThat(patients.byId(person)).isPresent();

        jdbc.sql("DELETE FROM identity.patient_identifier WHERE patient_id = :id").param("id", person.value()).update();
        jdbc.sql("DELETE FROM identity.patient WHERE id = :id").param("id", person.value()).update();
        awaitListenerCaughtUp();

        assertThat(patients.byId(person)).isEmpty();
    }

    @Test
    void aTruncateIsAnnouncedAndDropsEverythingKept() {
        List<String> triggers = jdbc.sql("""
                SELECT tgname FROM pg_trigger WHERE tgrelid = 'identity.patient'::regclass AND NOT tgisinternal ORDER BY tgname""")
                .query(String.class).list();
        assertThat(triggers).containsExactly("patient_announce", "patient_announce_truncate");
        PatientId person = cast.patient(cast.newPatient());
        patients.byId(person);
        assertThat(rows.size()).isPositive();

        // What the truncate trigger announces (the shared test database cannot be truncated).
        jdbc.sql("SELECT 1 FROM pg_notify('hygie_identity_persons', 'all')").query((rs, n) -> 1).list();
        awaitListenerCaughtUp();

        assertThat(rows.size()).isZero();
    }

    @Test
    void anUnreadableAnnouncementDropsEverythingKept() {
        PatientId person = cast.patient(cast.newPatient());
        patients.byId(person);
        assertThat(rows.size()).isPositive();

        rows.heard(List.of("patient:not-a-uuid"));

        assertThat(rows.size()).isZero();
    }

    @Test
    void aRowInsertedByATransactionThatRollsBackIsNeverKept() {
        PatientId inserted = transactions.execute(status -> {
            PatientId p = provisional();
            assertThat(patients.byId(p)).as("the transaction sees its own row").isPresent();
            status.setRollbackOnly();
            return p;
        });

        assertThat(patients.byId(inserted)).isEmpty();
    }

    @Test
    void nothingKeptIsUsedWhileTheListenerDoesNotListen() {
        PatientId person = cast.patient(cast.newPatient());
        AtomicInteger statements = new AtomicInteger();
        Patients counted = counted(statements);
        counted.byId(person);
        try {
            rows.listening(false);
            assertThat(rows.size()).as("dropped when announcements may be missed").isZero();
            counted.byId(person);
            counted.byId(person);
            assertThat(statements).as("every read goes to the database").hasValue(3);
        } finally {
            rows.listening(true);
        }
        counted.byId(person);
        counted.byId(person);
        assertThat(statements).hasValue(4);
    }

    @Test
    void aSnapshotTransactionNeitherReadsNorFillsTheCache() {
        PatientId person = cast.patient(cast.newPatient());
        Patient row = patients.byId(person).orElseThrow();
        TransactionTemplate repeatable = new TransactionTemplate(transactions.getTransactionManager());
        repeatable.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        AtomicInteger loads = new AtomicInteger();
        // Counted at the load (inside a transaction the counting pool would hand out the transaction's own connection).
        java.util.function.Supplier<Optional<Patient>> load = () -> {
            loads.incrementAndGet();
            return Optional.of(row);
        };

        repeatable.executeWithoutResult(status -> {
            rows.byId(person, load);
            rows.byId(person, load);
        });

        assertThat(loads).as("both reads went to the database, though the row was kept").hasValue(2);
    }

    @Test
    void aReadThatOverlapsAnEvictionIsNotKept() {
        PatientId person = cast.patient(cast.newPatient());
        Patient row = patients.byId(person).orElseThrow();
        rows.heard(List.of("patient:" + person.value()));

        Optional<Patient> read = rows.byId(person, () -> {
            // A change is announced while this read is on its way back from the database.
            rows.heard(List.of("patient:" + person.value()));
            return Optional.of(row);
        });

        assertThat(read).contains(row);
        AtomicInteger loads = new AtomicInteger();
        rows.byId(person, () -> {
            loads.incrementAndGet();
            return Optional.of(row);
        });
        assertThat(loads).as("the overlapping read was not kept").hasValue(1);
    }

    private PatientId provisional() {
        String id = UUID.randomUUID().toString();
        return patients.registerProvisional(List.of(new NewProvisionalPatient("DUPONT", "JEANNE", LocalDate.of(1980, 3, 1),
                Sex.FEMALE, "75056", InsStatus.PROVISIONAL, null, null, null, null, null, null,
                List.of(new ForeignIdentifier("urn:test:persons", id))))).get(0).id();
    }

    private Patients counted(AtomicInteger statements) {
        DataSource counted = counting(dataSource, statements);
        return new Patients(JdbcClient.create(counted), new NamedParameterJdbcTemplate(counted), rows);
    }

    /** Announcements arrive in commit order: once our token is heard, every change committed before it is evicted. */
    private void awaitListenerCaughtUp() {
        String token = UUID.randomUUID().toString();
        jdbc.sql("SELECT 1 FROM pg_notify('hygie_identity_persons', :t)").param("t", "sync:" + token).query((rs, n) -> 1).list();
        // A bound, not a timing assertion: the listener polls every 500 ms.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!listener.heard(token)) {
            assertThat(System.nanoTime()).as("the person-change listener never heard the announcement").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

}
