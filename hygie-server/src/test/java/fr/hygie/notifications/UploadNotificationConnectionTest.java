package fr.hygie.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ContentType;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An upload must never need a second pooled connection to notify the person (issue 13, pool starvation found
 * in session 3): the in-app notification is written after the upload's commit, from the event publication
 * registry, on another thread, once the upload's connection is back in the pool. Before, the listener opened a
 * new transaction while the upload's connection was still bound to the request thread, so N concurrent uploads
 * needed 2N connections and 32 users emptied a pool of 20.
 */
@HygieIntegrationTest
class UploadNotificationConnectionTest {

    /** Bound on how long the asynchronous notification may take on a loaded machine; not a timing assertion. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    @Autowired
    Cast cast;

    @Autowired
    Documents documents;

    @Autowired
    Notifications notifications;

    @Autowired
    DataSource dataSource;

    @Test
    void anUploadThatGetsThePoolsLastConnectionStillNotifiesThePerson() throws Exception {
        PatientId person = cast.patient(cast.newPatient());
        Actor medecin = cast.actor("medecin");
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);

        List<Connection> held = new ArrayList<>();
        AddOutcome outcome;
        try {
            // Every connection but one is taken: the upload gets the last one, and nothing else is left.
            for (int i = 0; i < pool.getMaximumPoolSize() - 1; i++) {
                held.add(pool.getConnection());
            }
            outcome = documents.add(medecin, document(person), JournalChannel.WEB);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }

        assertThat(outcome).isInstanceOf(AddOutcome.Added.class);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(notifications.unread(person)).isEqualTo(1));
        assertThat(notifications.of(person, 10).get(0).text())
                .isEqualTo("Un nouveau document a été ajouté à votre espace santé.");
    }

    @Test
    void moreConcurrentUploadsThanPooledConnectionsAllSucceedAndEachIsNotified() throws Exception {
        int uploads = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize() + 12;
        List<PatientId> persons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            persons.add(cast.patient(cast.newPatient()));
        }
        Actor medecin = cast.actor("medecin");

        ExecutorService threads = Executors.newFixedThreadPool(uploads);
        try {
            List<Future<AddOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                PatientId person = persons.get(i % persons.size());
                outcomes.add(threads.submit(() -> documents.add(medecin, document(person), JournalChannel.WEB)));
            }
            for (Future<AddOutcome> f : outcomes) {
                assertThat(f.get()).isInstanceOf(AddOutcome.Added.class);
            }
        } finally {
            threads.shutdown();
        }
        for (PatientId person : persons) {
            await().atMost(EVENTUALLY).untilAsserted(() ->
                    assertThat(notifications.unread(person)).isEqualTo(uploads / persons.size()));
        }
    }

    private static NewDocument document(PatientId person) {
        return new NewDocument(person, "11488-4", "Compte rendu de consultation", LocalDate.now(), Set.of(),
                ContentType.TEXT, "Consultation sans particularité".getBytes(StandardCharsets.UTF_8));
    }
}
