package fr.hygie.support;

import fr.hygie.platform.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One real PostgreSQL server for the whole test JVM, and a fresh database (and a fresh HYGIE_HOME)
 * for every Spring context: each cached context starts from an empty schema that Flyway builds.
 * Registered in {@code META-INF/spring.factories} of the test resources.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Started once, stopped by the JVM's shutdown (zonky registers a hook). */
    private static final class Server {
        static final EmbeddedPostgresServer INSTANCE = EmbeddedPostgresServer.startTemporary();
    }

    public static String adminUrl() {
        return Server.INSTANCE.jdbcUrl();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getEnvironment().containsProperty("hygie.test.no-database")) {
            return;
        }
        String name = "hygie_test_" + DATABASES.incrementAndGet();
        String admin = Server.INSTANCE.jdbcUrl();
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        String home;
        try {
            home = Files.createTempDirectory("hygie-home-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("hygie-test-database", Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", "postgres",
                "hygie.home", home)));
    }
}
