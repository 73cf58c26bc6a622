package fr.hygie.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens to the PostgreSQL channels of the caches kept in memory, on ONE connection of its own (outside the
 * application's pool), and hands what it hears on each channel to that channel's {@link Subscriber}: how a server keeps
 * a cache of rows true to changes made by OTHER processes on the same database (a subcommand run while the server
 * serves, an operator's SQL), whose triggers {@code NOTIFY} at commit. One bean for the application; each module's
 * cache subscribes when it is created, before the application starts (docs/adr/0001, docs/adr/0005).
 *
 * <p>While it is not listening (start-up, connection lost, database restarting) it tells every subscriber so, which must
 * then not use what it keeps: announcements could be missed. When it listens again (to every channel) it says so, and
 * each subscriber drops everything kept before. Announcements {@code sync:<token>} on any channel are kept for tests
 * that must know the listener caught up ({@link #heard(String)}); they are handed over too.
 */
public final class ChangeAnnouncements implements SmartLifecycle {

    /** What a cache does with the announcements of its channel. */
    public interface Subscriber {

        /** True once listening (drop everything kept, then keep again); false when announcements may be missed. */
        void listening(boolean listening);

        /** The payloads heard at once on its channel, in commit order (an import announces thousands of rows). */
        void heard(List<String> payloads);
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeAnnouncements.class);
    static final String APPLICATION_NAME = "hygie-change-listener";
    private static final int POLL_MILLIS = 500;
    private static final int MAX_TOKENS = 1_000;

    private final DataSource dataSource;
    /** Channel → its subscriber, fixed before {@link #start()}. */
    private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    public ChangeAnnouncements(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * {@code subscriber} is told about {@code channel} (a PostgreSQL identifier of lower-case letters, digits and
     * underscores; one subscriber per channel). Before {@link #start()} only: a channel added later would be listened
     * to late, and its subscriber would never be told it listens.
     */
    public synchronized void subscribe(String channel, Subscriber subscriber) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain channel name: " + channel);
        }
        if (running) {
            throw new IllegalStateException("Subscribe to " + channel + " before the application starts");
        }
        if (subscribers.putIfAbsent(channel, subscriber) != null) {
            throw new IllegalStateException("The channel " + channel + " has a subscriber already");
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (subscribers.isEmpty()) {
            return;
        }
        // Listen before the server takes requests, so that the caches serve from the first one; if the database does
        // not answer now, the thread keeps trying and the caches stay unused meanwhile.
        try {
            listen();
        } catch (SQLException e) {
            log.warn("Not listening to {} yet ({}): their caches are not used meanwhile", subscribers.keySet(), e.getMessage());
            closeQuietly();
        }
        Thread t = new Thread(this::run, APPLICATION_NAME);
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
        subscribers.values().forEach(s -> s.listening(false));
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
        Connection c = SideConnections.connection(dataSource, APPLICATION_NAME);
        connection = c;
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String channel : subscribers.keySet()) {
                s.execute("LISTEN " + channel);
            }
        }
        // From here every later change of every channel is announced to us.
        subscribers.values().forEach(s -> s.listening(true));
        log.info("Listening to {}", subscribers.keySet());
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
                    handOver(heard);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                subscribers.values().forEach(s -> s.listening(false));
                closeQuietly();
                log.warn("Lost the listener of {} ({}): their caches are not used until it listens again", subscribers.keySet(),
                        e.getMessage());
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

    /** Each channel's payloads to its subscriber, in commit order; then the synchronisation tokens. */
    private void handOver(PGNotification[] heard) {
        Map<String, List<String>> byChannel = new LinkedHashMap<>();
        for (PGNotification n : heard) {
            byChannel.computeIfAbsent(n.getName(), k -> new ArrayList<>()).add(n.getParameter());
        }
        byChannel.forEach((channel, payloads) -> {
            Subscriber s = subscribers.get(channel);
            if (s != null) {
                s.heard(payloads);
            }
        });
        // Only after the subscribers' evictions: a test that heard its token knows earlier changes are evicted.
        if (tokens.size() > MAX_TOKENS) {
            tokens.clear();
        }
        for (PGNotification n : heard) {
            if (n.getParameter().startsWith("sync:")) {
                tokens.add(n.getParameter().substring(5));
            }
        }
    }

    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try (Statement s = c.createStatement()) {
                // When the connection came from a pool (not a Hikari one), it must not keep collecting announcements.
                s.execute("UNLISTEN *");
            } catch (SQLException broken) {
                // A broken connection is not reused.
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // The connection is gone either way.
            }
        }
    }
}
