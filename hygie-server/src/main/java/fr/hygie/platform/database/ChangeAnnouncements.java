package fr.hygie.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens to one PostgreSQL channel on a connection of its own (outside the application's pool) and hands what it
 * hears to a {@link Subscriber}: how a server keeps a cache of rows true to changes made by OTHER processes on the
 * same database (a subcommand run while the server serves, an operator's SQL), whose triggers {@code NOTIFY} at
 * commit. While it is not listening (start-up, connection lost, database restarting) it tells the subscriber so, which
 * must then not use what it keeps: announcements could be missed. When it listens again it says so, and the
 * subscriber drops everything kept before. Announcements {@code sync:<token>} are kept for tests that must know the
 * listener caught up ({@link #heard(String)}); they are handed over too.
 */
public final class ChangeAnnouncements implements SmartLifecycle {

    /** What a cache does with the announcements of its channel. */
    public interface Subscriber {

        /** True once listening (drop everything kept, then keep again); false when announcements may be missed. */
        void listening(boolean listening);

        /** The payloads heard at once, in commit order (an import announces thousands of rows). */
        void heard(List<String> payloads);
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeAnnouncements.class);
    private static final int POLL_MILLIS = 500;
    private static final int MAX_TOKENS = 1_000;

    private final DataSource dataSource;
    private final String channel;
    private final Subscriber subscriber;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    /** {@code channel}: a PostgreSQL identifier of lower-case letters, digits and underscores. */
    public ChangeAnnouncements(DataSource dataSource, String channel, Subscriber subscriber) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.subscriber = subscriber;
    }

    @Override
    public void start() {
        running = true;
        // Listen before the server takes requests, so that the cache serves from the first one; if the database does
        // not answer now, the thread keeps trying and the cache stays unused meanwhile.
        try {
            listen();
        } catch (SQLException e) {
            log.warn("Not listening to {} yet ({}): its cache is not used meanwhile", channel, e.getMessage());
            closeQuietly();
        }
        Thread t = new Thread(this::run, "hygie-listener-" + channel);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
        subscriber.listening(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (phase Integer.MAX_VALUE - 1) and the application's other lifecycles. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Whether the announcement {@code sync:<token>} was heard and handed over (announcements arrive in commit order). */
    public boolean heard(String token) {
        return tokens.contains(token);
    }

    private void listen() throws SQLException {
        Connection c = SideConnections.connection(dataSource, "hygie-listener-" + channel);
        connection = c;
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + channel);
        }
        // From here every later change is announced to us.
        subscriber.listening(true);
        log.info("Listening to {}", channel);
    }

    private void run() {
        long backoff = 1_000;
        while (running) {
            try {
                Connection c = connection;
                if (c == null) {
                    listen();
                    backoff = 1_000;
                    c = connection;
                }
                PGNotification[] heard = c.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (heard != null && heard.length > 0) {
                    List<String> payloads = new ArrayList<>(heard.length);
                    for (PGNotification n : heard) {
                        payloads.add(n.getParameter());
                    }
                    subscriber.heard(payloads);
                    // Only after the subscriber's eviction: a test that heard its token knows earlier changes are evicted.
                    if (tokens.size() > MAX_TOKENS) {
                        tokens.clear();
                    }
                    for (String p : payloads) {
                        if (p.startsWith("sync:")) {
                            tokens.add(p.substring(5));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                subscriber.listening(false);
                closeQuietly();
                log.warn("Lost the listener of {} ({}): its cache is not used until it listens again", channel, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // The connection is gone either way.
            }
        }
    }
}
