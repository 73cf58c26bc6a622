package fr.hygie.journal;

import fr.hygie.platform.security.PublicRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Wiring of the journal: its public pages (the checkpoint key and the checkpoints carry no health data
 * and must be verifiable by anyone) and the scheduled checkpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class JournalConfiguration {

    @Bean
    PublicRoutes journalPublicRoutes() {
        return PublicRoutes.of(JournalController.PUBLIC_KEY, JournalController.CHECKPOINTS);
    }

    /** Signs a checkpoint every {@code hygie.journal.checkpoint-interval}; not in one-shot subcommands. */
    @Component
    @ConditionalOnProperty(name = "hygie.cli.active", havingValue = "false", matchIfMissing = true)
    static class ScheduledCheckpoints {

        private static final Logger log = LoggerFactory.getLogger(ScheduledCheckpoints.class);
        private final Checkpoints checkpoints;

        ScheduledCheckpoints(Checkpoints checkpoints) {
            this.checkpoints = checkpoints;
        }

        @Scheduled(fixedDelayString = "${hygie.journal.checkpoint-interval:PT10M}",
                initialDelayString = "${hygie.journal.checkpoint-interval:PT10M}")
        void checkpoint() {
            try {
                checkpoints.takeIfChanged();
            } catch (RuntimeException e) {
                // The next run retries; the verifier and the published list show the gap.
                log.error("Scheduled journal checkpoint failed", e);
            }
        }
    }
}
