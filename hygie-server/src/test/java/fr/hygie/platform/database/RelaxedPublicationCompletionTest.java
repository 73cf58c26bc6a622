package fr.hygie.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.hygie.support.HygieIntegrationTest;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Only the completion of an event publication is relaxed (issue 13), and only inside its own transaction: the setting
 * ends with that transaction, so the pooled connection never carries it into a change's commit.
 */
@HygieIntegrationTest
class RelaxedPublicationCompletionTest {

    @Autowired
    EventPublicationRepository publications;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private String synchronousCommit() {
        return jdbc.sql("SHOW synchronous_commit").query(String.class).single();
    }

    private long backend() {
        return jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single();
    }

    @Test
    void aCompletionCommitsWithoutWaitingForTheDiskAndTheNextTransactionOnTheSameConnectionWaitsAgain() throws Exception {
        // Every pooled connection but one is held, so that both transactions below run on the same connection.
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < pool.getMaximumPoolSize() - 1) {
                held.add(pool.getConnection());
            }
            // The test server runs with synchronous_commit off (zonky's default); production's is on: the session is set
            // as in production, on the one connection left.
            long before = backend();
            jdbc.sql("SET synchronous_commit TO on").update();
            long[] during = new long[1];
            String relaxed = tx.execute(status -> {
                assertThat(synchronousCommit()).isEqualTo("on");
                publications.markCompleted(UUID.randomUUID(), Instant.now());
                during[0] = backend();
                return synchronousCommit();
            });
            assertThat(relaxed).isEqualTo("off");

            long[] after = new long[1];
            String next = tx.execute(status -> {
                after[0] = backend();
                return synchronousCommit();
            });
            assertThat(List.of(during[0], after[0])).as("same pooled connection").containsOnly(before);
            assertThat(next).as("a change committed next on that connection is durable").isEqualTo("on");
        } finally {
            jdbc.sql("RESET synchronous_commit").update();
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void anythingElseTheRegistryWritesStaysDurable() {
        String setting = tx.execute(status -> {
            jdbc.sql("SET LOCAL synchronous_commit TO on").update(); // production's setting (the test server's is off)
            publications.findIncompletePublications();
            return synchronousCommit();
        });
        assertThat(setting).isEqualTo("on");
    }
}
