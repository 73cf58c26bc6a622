package fr.hygie.access;

import fr.hygie.access.internal.AccessStore;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The professionals allowed to open emergency sessions as SAMU / centre 15 regulators (médecins
 * régulateurs), managed by administrators.
 */
@Service
public class Regulators {

    private static final Logger log = LoggerFactory.getLogger(Regulators.class);
    static final String NOT_ALLOWED = "Seul un administrateur gère la liste des médecins régulateurs.";

    private final AccessStore store;
    private final Clock clock;

    Regulators(AccessStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Transactional
    public ControlOutcome add(HygieUser admin, ProfessionalId professional) {
        if (admin.role() != Role.ADMIN) {
            return ControlOutcome.refused(ReasonCode.RESERVED_TO_ADMINISTRATORS, NOT_ALLOWED);
        }
        store.addRegulator(professional, clock.instant(), admin.accountId());
        log.info("Regulator {} added by account {}", professional, admin.accountId());
        return ControlOutcome.done(ReasonCode.ADMINISTRATOR);
    }

    @Transactional
    public ControlOutcome remove(HygieUser admin, ProfessionalId professional) {
        if (admin.role() != Role.ADMIN) {
            return ControlOutcome.refused(ReasonCode.RESERVED_TO_ADMINISTRATORS, NOT_ALLOWED);
        }
        store.removeRegulator(professional);
        log.info("Regulator {} removed by account {}", professional, admin.accountId());
        return ControlOutcome.done(ReasonCode.ADMINISTRATOR);
    }

    @Transactional(readOnly = true)
    public boolean isRegulator(ProfessionalId professional) {
        return store.isRegulator(professional);
    }

    @Transactional(readOnly = true)
    public List<ProfessionalId> all() {
        return store.regulators();
    }
}
