package fr.hygie.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Waits for the asynchronous after-commit listeners ({@code @ApplicationModuleListener}, e.g. the in-app
 * notifications) to have handled every event about one person: Spring Modulith's event publication registry
 * records each publication in the publishing transaction and completes it once its listener has committed. A test
 * that checks a notification, or its absence, calls this first; asserting absence without it would prove nothing.
 */
@Component
public class AsyncListeners {

    /** A bound for a loaded 2-core machine, so that a lost event fails the test instead of hanging it; not a timing assertion. */
    private static final Duration AT_MOST = Duration.ofSeconds(90);

    private final JdbcClient jdbc;

    AsyncListeners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns once no event publication mentioning this id is still waiting for its listener. */
    public void awaitHandled(UUID about) {
        await().atMost(AT_MOST).until(() -> jdbc.sql("""
                SELECT count(*) FROM event_publication
                WHERE completion_date IS NULL AND serialized_event LIKE :about
                """).param("about", "%" + about + "%").query(Long.class).single() == 0L);
    }
}
