package fr.hygie.platform.storage;

import fr.hygie.platform.HygieHome;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StorageConfiguration {

    /**
     * The local folder store; an S3-compatible one will be chosen here by a property. The heartbeat and expiry of
     * the pauses of erasures a backup holds ({@code HYGIE_STORAGE_ERASURE_PAUSE_HEARTBEAT}, default 30 s;
     * {@code HYGIE_STORAGE_ERASURE_PAUSE_EXPIRY}, default 10 min): docs/security.md, "Backup and restore".
     */
    @Bean
    DocumentStore documentStore(HygieHome home, Clock clock,
            @Value("${hygie.storage.erasure-pause-heartbeat:PT30S}") Duration heartbeat,
            @Value("${hygie.storage.erasure-pause-expiry:PT10M}") Duration expiry, DeferredErasures deferred) {
        return new LocalDocumentStore(home.dir("documents"), heartbeat, expiry, clock, deferred);
    }

    /** The erasures a backup deferred, in the platform's schema: carried out after a restart too (docs/security.md). */
    @Bean
    DeferredErasures deferredErasures(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new JdbcDeferredErasures(jdbc, transactions, clock);
    }
}
