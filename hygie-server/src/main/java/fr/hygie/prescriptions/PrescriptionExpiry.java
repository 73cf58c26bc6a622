package fr.hygie.prescriptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires READY prescriptions past their validity every {@code hygie.prescriptions.expiry-interval}; not in subcommands. */
@Component
@ConditionalOnProperty(name = "hygie.cli.active", havingValue = "false", matchIfMissing = true)
class PrescriptionExpiry {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionExpiry.class);
    private final Prescriptions prescriptions;

    PrescriptionExpiry(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Scheduled(fixedDelayString = "${hygie.prescriptions.expiry-interval:PT1H}", initialDelayString = "PT1M")
    void expire() {
        try {
            int n = prescriptions.expireDue();
            if (n > 0) {
                log.info("Expired {} prescriptions", n);
            }
        } catch (RuntimeException e) {
            // The next run retries; a pharmacy accepting an expired one is refused anyway (checked on acceptance).
            log.error("Prescription expiry failed", e);
        }
    }
}
