package fr.hygie.access;

import fr.hygie.access.internal.AccessStore;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
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
    static final ControlOutcome.Wording NOT_ALLOWED = ControlOutcome.Wording.REGULATORS_NOT_ALLOWED;

    private final AccessStore store;
    private final Journal journal;
    private final Clock clock;

    Regulators(AccessStore store, Journal journal, Clock clock) {
        this.store = store;
        this.journal = journal;
        this.clock = clock;
    }

    @Transactional
    public ControlOutcome add(HygieUser admin, ProfessionalId professional) {
        if (!allowed(admin, professional, "add")) {
            return ControlOutcome.refused(ReasonCode.RESERVED_TO_ADMINISTRATORS, NOT_ALLOWED);
        }
        store.addRegulator(professional, clock.instant(), admin.accountId());
        log.info("Regulator {} added by account {}", professional, admin.accountId());
        return ControlOutcome.done(ReasonCode.ADMINISTRATOR);
    }

    @Transactional
    public ControlOutcome remove(HygieUser admin, ProfessionalId professional) {
        if (!allowed(admin, professional, "remove")) {
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

    /** Journals the attempt on the platform chain (it concerns no patient) and says whether it is allowed. */
    private boolean allowed(HygieUser user, ProfessionalId professional, String what) {
        boolean admin = user.role() == Role.ADMIN;
        journal.append(new JournalEntryDraft(new JournalActor(user.accountId().value(), user.displayName(), user.role().name()),
                null, null, JournalAction.SETTINGS_CHANGE, "Regulator", what + ":" + professional,
                admin ? JournalDecision.PERMIT : JournalDecision.DENY,
                (admin ? ReasonCode.ADMINISTRATOR : ReasonCode.RESERVED_TO_ADMINISTRATORS).name(), JournalChannel.WEB, null));
        return admin;
    }
}
