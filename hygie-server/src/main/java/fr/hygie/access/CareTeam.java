package fr.hygie.access;

import fr.hygie.access.AccessControl.Facts;
import fr.hygie.access.internal.AccessStore;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.Ids;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The person's care team (équipe de soins) as they control it: the médecin traitant, the professionals
 * they authorised and those they blocked. Only the person, or a representative whose mandate has
 * MANAGE_SHARING, changes it; every change and every refusal is journaled.
 */
@Service
public class CareTeam {

    static final String OBJECT_TYPE = "CareTeam";
    static final String TREATING_PHYSICIAN = "CareTeam.treatingPhysician";
    static final ControlOutcome.Wording NOT_ALLOWED = ControlOutcome.Wording.CARE_TEAM_NOT_ALLOWED;

    private final AccessControl access;
    private final AccessStore store;
    private final Professionals professionals;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final fr.hygie.journal.Journal journal;

    CareTeam(AccessControl access, AccessStore store, Professionals professionals, ApplicationEventPublisher events, Clock clock,
            fr.hygie.journal.Journal journal) {
        this.journal = journal;
        this.access = access;
        this.store = store;
        this.professionals = professionals;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public ControlOutcome authorise(Actor actor, PatientId patient, ProfessionalId professional, JournalChannel channel) {
        ControlOutcome outcome = decide(actor, patient, professional, OBJECT_TYPE, JournalAction.AUTHORISE, channel, null, null);
        if (outcome.done() && store.authorise(patient, professional, clock.instant(), actor.user().accountId())) {
            events.publishEvent(new ProfessionalAuthorised(patient, professional));
        }
        return outcome;
    }

    @Transactional
    public ControlOutcome revokeAuthorisation(Actor actor, PatientId patient, ProfessionalId professional, JournalChannel channel) {
        ControlOutcome outcome = decide(actor, patient, professional, OBJECT_TYPE, JournalAction.REVOKE_AUTHORISATION, channel, null, null);
        if (outcome.done()) {
            store.revokeAuthorisation(patient, professional);
        }
        return outcome;
    }

    /** Blocks a professional: they will see nothing, and nothing will tell them. The médecin traitant cannot be blocked. */
    @Transactional
    public ControlOutcome block(Actor actor, PatientId patient, ProfessionalId professional, JournalChannel channel) {
        ControlOutcome outcome = decide(actor, patient, professional, OBJECT_TYPE, JournalAction.BLOCK, channel,
                store.isTreatingPhysician(patient, professional) ? ReasonCode.TREATING_PHYSICIAN_CANNOT_BE_BLOCKED : null,
                ControlOutcome.Wording.TREATING_PHYSICIAN_CANNOT_BE_BLOCKED);
        if (outcome.done()) {
            store.block(patient, professional, clock.instant(), actor.user().accountId());
        }
        return outcome;
    }

    @Transactional
    public ControlOutcome unblock(Actor actor, PatientId patient, ProfessionalId professional, JournalChannel channel) {
        ControlOutcome outcome = decide(actor, patient, professional, OBJECT_TYPE, JournalAction.UNBLOCK, channel, null, null);
        if (outcome.done()) {
            store.unblock(patient, professional);
        }
        return outcome;
    }

    /** Declares the médecin traitant from {@code since}; the previous one (if any) ends that day. */
    @Transactional
    public ControlOutcome declareTreatingPhysician(Actor actor, PatientId patient, ProfessionalId professional, LocalDate since,
            JournalChannel channel) {
        Optional<Professional> pro = professionals.byId(professional);
        ReasonCode refusal = null;
        ControlOutcome.Wording message = null;
        if (pro.isEmpty()) {
            refusal = ReasonCode.UNKNOWN_PROFESSIONAL;
            message = ControlOutcome.Wording.UNKNOWN_PROFESSIONAL;
        } else if (!HabilitationMatrix.MEDECIN.equals(pro.get().professionCode())) {
            refusal = ReasonCode.NOT_A_PHYSICIAN;
            message = ControlOutcome.Wording.NOT_A_PHYSICIAN;
        } else if (store.isBlocked(patient, professional)) {
            refusal = ReasonCode.BLOCKED_PROFESSIONAL_CANNOT_BE_TREATING_PHYSICIAN;
            message = ControlOutcome.Wording.BLOCKED_CANNOT_BE_TREATING_PHYSICIAN;
        }
        ControlOutcome outcome = decide(actor, patient, professional, TREATING_PHYSICIAN, JournalAction.AUTHORISE, channel, refusal, message);
        if (outcome.done()) {
            store.declareTreatingPhysician(Ids.newId(), patient, professional, since, actor.user().accountId());
        }
        return outcome;
    }

    /**
     * Records médecins traitants known from the insurer's register when loading a population (generated
     * data, a migration): no person is acting, so no access decision; each declaration is journaled on
     * the person's chain as an IMPORT by the platform. Persons who already have one are left alone.
     */
    @Transactional
    public int importTreatingPhysicians(java.util.Map<PatientId, ProfessionalId> declarations, LocalDate since) {
        java.util.Map<PatientId, ProfessionalId> known = store.treatingPhysicians(declarations.keySet());
        java.util.List<fr.hygie.journal.JournalEntryDraft> entries = new java.util.ArrayList<>();
        int added = 0;
        for (var d : declarations.entrySet()) {
            if (known.containsKey(d.getKey())) {
                continue;
            }
            store.declareTreatingPhysician(Ids.newId(), d.getKey(), d.getValue(), since, null);
            entries.add(new fr.hygie.journal.JournalEntryDraft(fr.hygie.journal.JournalActor.system("Import du registre des médecins traitants"),
                    null, d.getKey().value(), JournalAction.IMPORT, TREATING_PHYSICIAN, d.getValue().toString(),
                    fr.hygie.journal.JournalDecision.PERMIT, "PLATFORM_IMPORT", JournalChannel.SYSTEM, null));
            added++;
        }
        journal.appendAll(entries);
        return added;
    }

    /**
     * The current médecin traitant of each of these persons (absent when none is declared), without an
     * access decision: for supervised platform algorithms (module oversight) that route an algorithmic
     * suggestion to the professional who must validate it. It reveals no health data; the routing and
     * every validation are journaled by the caller.
     */
    public java.util.Map<PatientId, ProfessionalId> treatingPhysiciansOf(java.util.Collection<PatientId> patients) {
        return store.treatingPhysicians(patients);
    }

    /** The care team as the person or a MANAGE_SHARING representative sees it; empty for anyone else. */
    @Transactional
    public Optional<CareTeamMembers> careTeamOf(Actor actor, PatientId patient, JournalChannel channel) {
        Facts f = access.facts(actor, patient);
        PatientScope target = new PatientScope(patient, OBJECT_TYPE);
        AccessDecision d = access.decide(f, AccessAction.MANAGE_SHARING, target, null);
        access.record(f, JournalAction.READ, target, d, channel, null);
        if (d.denied()) {
            return Optional.empty();
        }
        return Optional.of(new CareTeamMembers(patient, store.treatingPhysician(patient), store.authorised(patient), store.blocked(patient)));
    }

    /**
     * Access check first (only the person or MANAGE_SHARING), then the business rule; the journal
     * records the final answer, so a refused block appears as refused, not as permitted.
     */
    private ControlOutcome decide(Actor actor, PatientId patient, ProfessionalId professional, String objectType, JournalAction action,
            JournalChannel channel, ReasonCode businessRefusal, ControlOutcome.Wording businessMessage) {
        Facts f = access.facts(actor, patient);
        PatientScope target = new PatientScope(patient, objectType, professional.toString());
        AccessDecision d = access.decide(f, AccessAction.MANAGE_SHARING, target, null);
        if (d.permitted() && businessRefusal != null) {
            d = AccessDecision.deny(businessRefusal);
        }
        access.record(f, action, target, d, channel, null);
        if (d.permitted()) {
            return ControlOutcome.done(d.reason());
        }
        return ControlOutcome.refused(d.reason(), businessRefusal != null && d.reason() == businessRefusal ? businessMessage : NOT_ALLOWED);
    }
}
