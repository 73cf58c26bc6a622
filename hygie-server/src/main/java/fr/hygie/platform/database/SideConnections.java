package fr.hygie.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Connections to the application's database outside the application's pool, with the same settings: the journal's
 * group commit has a pool of its own (its leaders never wait behind requests), the access facts listener holds one
 * connection for {@code LISTEN} for the server's life (a pooled one would take a connection from every request's
 * share: {@code UploadNotificationConnectionTest}).
 */
public final class SideConnections {

    private SideConnections() {
    }

    /**
     * PostgreSQL's error details quote the values (« Key (nir)=(…) already exists »), and a failed batch's exception
     * quotes its parameters: every connection Hygie opens keeps them out of exception messages, hence out of any
     * logged stack trace (docs/security.md, {@code NoPersonalDataInLogsTest}).
     */
    static void withoutValuesInErrors(HikariConfig config) {
        config.addDataSourceProperty("logServerErrorDetail", "false");
    }

    /**
     * A pool's settings for the same database as {@code shared} (address, user, driver, no values in errors), named
     * after it with {@code suffix}; empty when {@code shared} is not a Hikari pool (then the caller uses it as is).
     */
    public static Optional<HikariConfig> poolLike(DataSource shared, String suffix) {
        if (!(shared instanceof HikariDataSource pool)) {
            return Optional.empty();
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pool.getJdbcUrl());
        c.setUsername(pool.getUsername());
        c.setPassword(pool.getPassword());
        if (pool.getDriverClassName() != null) {
            c.setDriverClassName(pool.getDriverClassName());
        }
        c.setPoolName((pool.getPoolName() == null ? "hygie" : pool.getPoolName()) + "-" + suffix);
        withoutValuesInErrors(c);
        return Optional.of(c);
    }

    /**
     * One connection of its own to the same database as {@code shared}, named {@code applicationName} in
     * {@code pg_stat_activity}; the caller closes it. When {@code shared} is not a Hikari pool, one of its connections.
     */
    public static Connection connection(DataSource shared, String applicationName) throws SQLException {
        Optional<HikariConfig> like = poolLike(shared, applicationName);
        if (like.isEmpty()) {
            return shared.getConnection();
        }
        HikariConfig c = like.get();
        Properties props = new Properties();
        props.putAll(c.getDataSourceProperties());
        if (c.getUsername() != null) {
            props.setProperty("user", c.getUsername());
        }
        if (c.getPassword() != null) {
            props.setProperty("password", c.getPassword());
        }
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(c.getJdbcUrl(), props);
    }
}
