package fr.hygie.access.internal;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.platform.database.SideConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hears the changes of relationship facts committed by OTHER processes on the same database (a subcommand such as
 * {@code ./hygie import} run while the server serves, an operator's SQL): the access tables' triggers announce every
 * changed row on {@code hygie_access_facts} at commit (migration {@code V20261129_2019}), and this evicts the
 * matching entries of {@link RelationshipCache}. This server's own changes are evicted synchronously by
 * {@link AccessStore} before the changing call returns; their announcements arrive here too and evict again
 * (harmless).
 *
 * <p>It holds one connection of its own (outside the pool) for {@code LISTEN}. While it is not listening (start-up, connection lost,
 * database restarting) the cache is not used at all: announcements could be missed, so every decision reads the
 * database until it listens again, and then everything kept before is dropped
 * (docs/adr/0001-relationship-facts-cached-in-one-server.md).
 */
public final class RelationshipChangeListener implements SmartLifecycle {

    static final String CHANNEL = "hygie_access_facts";
    private static final Logger log = LoggerFactory.getLogger(RelationshipChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final int MAX_TOKENS = 1_000;

    private final DataSource dataSource;
    private final RelationshipCache cache;
    /** Synchronisation tokens heard ({@code sync:<token>}), for tests that must know the listener caught up. */
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    RelationshipChangeListener(DataSource dataSource, RelationshipCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
    }

    @Override
    public void start() {
        running = true;
        // Listen before the server takes requests, so that the cache serves from the first one; if the database
        // does not answer now, the thread keeps trying and the cache stays unused meanwhile.
        try {
            listen();
        } catch (SQLException e) {
            log.warn("Not listening to relationship changes yet ({}): access decisions read the database meanwhile", e.getMessage());
            closeQuietly();
        }
        Thread t = new Thread(this::run, "hygie-access-facts-listener");
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
        cache.watched(false);
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

    /** Whether the announcement {@code sync:<token>} was heard (announcements arrive in commit order). */
    public boolean heard(String token) {
        return tokens.contains(token);
    }

    private void listen() throws SQLException {
        Connection c = ownConnection();
        connection = c;
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
        // From here every later change is announced to us: drop what was kept before, then use the cache.
        cache.watched(true);
        log.info("Listening to relationship changes: access decisions use the relationship cache");
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
                    apply(heard);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                cache.watched(false);
                closeQuietly();
                log.warn("Lost the relationship-change listener ({}): access decisions read the database until it listens again",
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

    /** One eviction pass for everything heard at once (an import announces thousands of rows). */
    private void apply(PGNotification[] heard) {
        Set<RelationshipCache.Key> pairs = new HashSet<>();
        Set<PatientId> patients = new HashSet<>();
        Set<ProfessionalId> professionals = new HashSet<>();
        boolean all = false;
        Set<String> syncs = new HashSet<>();
        for (PGNotification n : heard) {
            String[] part = n.getParameter().split(":", 3);
            try {
                switch (part[0]) {
                    case "pair" -> pairs.add(new RelationshipCache.Key(new PatientId(UUID.fromString(part[1])),
                            new ProfessionalId(UUID.fromString(part[2]))));
                    case "patient" -> patients.add(new PatientId(UUID.fromString(part[1])));
                    case "professional" -> professionals.add(new ProfessionalId(UUID.fromString(part[1])));
                    case "sync" -> syncs.add(part[1]);
                    default -> all = true;
                }
            } catch (RuntimeException unreadable) {
                // Fail safe: an announcement we cannot read drops everything.
                all = true;
            }
        }
        cache.changedElsewhere(pairs, patients, professionals, all);
        // Only after the eviction: a test that heard its token knows the changes committed before it are evicted.
        if (tokens.size() > MAX_TOKENS) {
            tokens.clear();
        }
        tokens.addAll(syncs);
    }

    /**
     * A connection of its own, outside the application's pool: {@code LISTEN} holds it for the server's life, and a
     * pooled one would take a connection from every request's share (with the pool's last connections held, uploads
     * waited for one: {@code UploadNotificationConnectionTest}).
     */
    private Connection ownConnection() throws SQLException {
        return SideConnections.connection(dataSource, "hygie-access-facts-listener");
    }

    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try (Statement s = c.createStatement()) {
                // Back in the pool, the connection must not keep collecting announcements for its next borrower.
                s.execute("UNLISTEN *");
            } catch (SQLException broken) {
                // A broken connection is not reused by the pool.
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // The connection is gone either way; the pool replaces it.
            }
        }
    }
}
