package fr.hygie.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.HygieProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the data live. In order: an external server ({@code HYGIE_DATABASE_URL}), Spring's own
 * {@code spring.datasource.url} (used by the tests), otherwise the embedded PostgreSQL under
 * {@code HYGIE_HOME/postgres}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** Taken before the database is touched; released after it is stopped (beans are destroyed in reverse order). */
    @Bean(destroyMethod = "close")
    ServerLock serverLock(HygieHome home, @Value("${hygie.server.single-instance:false}") boolean singleInstance) {
        return singleInstance ? ServerLock.take(home.root(), home.dir("run")) : ServerLock.none();
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgresHolder embeddedPostgres(HygieProperties properties, HygieHome home, ServerLock serverLock,
            @Value("${spring.datasource.url:}") String springUrl) {
        if (properties.database().external() || !springUrl.isBlank()) {
            return new EmbeddedPostgresHolder(null);
        }
        return new EmbeddedPostgresHolder(
                EmbeddedPostgresServer.startOrAttach(home.root().resolve("postgres"), home.dir("run")));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(HygieProperties properties, EmbeddedPostgresHolder embedded,
            @Value("${spring.datasource.url:}") String springUrl,
            @Value("${spring.datasource.username:}") String springUser,
            @Value("${spring.datasource.password:}") String springPassword,
            @Value("${hygie.database.pool-size:20}") int poolSize) {
        HikariConfig config = new HikariConfig();
        if (properties.database().external()) {
            config.setJdbcUrl(properties.database().url());
            config.setUsername(properties.database().user());
            config.setPassword(properties.database().password());
        } else if (!springUrl.isBlank()) {
            config.setJdbcUrl(springUrl);
            config.setUsername(springUser.isBlank() ? null : springUser);
            config.setPassword(springPassword.isBlank() ? null : springPassword);
        } else {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername("postgres");
        }
        config.setPoolName("hygie");
        SideConnections.withoutValuesInErrors(config);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /**
     * The one listener of the caches' change announcements (one connection for every channel); the caches subscribe
     * when they are created ({@link ChangeAnnouncements#subscribe}).
     */
    @Bean
    ChangeAnnouncements changeAnnouncements(javax.sql.DataSource dataSource) {
        return new ChangeAnnouncements(dataSource);
    }

    /** Holds the embedded server when there is one, so that Spring stops it after the pool. */
    record EmbeddedPostgresHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

}
