package fr.hygie.fhir;

import fr.hygie.access.AccessControl;
import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import org.springframework.stereotype.Component;

/**
 * May this caller read this person's {@code Patient} resource? The web's decision point answers
 * ({@link AccessControl#checkPatientAction}, READ of "Patient", channel FHIR), which journals the
 * decision before anything leaves. A person acting for someone else (a parent, a caregiver) acts
 * "for" that person, so the journal shows "X acting for Y".
 *
 * <p>One addition, written down because the policy has no case for it: a counter agent (agent
 * d'accueil) who helps someone may look the person up by INS and sees their identity only (the
 * Patient resource holds no medical content). The policy refuses counter agents all health content,
 * so this lookup is journaled here, as a PERMIT with reason {@value #COUNTER_LOOKUP}, on the person's
 * chain, so the person and the auditors see it.
 */
@org.springframework.stereotype.Component
class PatientAccess {

    static final String OBJECT_TYPE = "Patient";
    static final String COUNTER_LOOKUP = "COUNTER_AGENT_IDENTITY_LOOKUP";

    private final AccessControl access;
    private final Journal journal;

    PatientAccess(AccessControl access, Journal journal) {
        this.access = access;
        this.journal = journal;
    }

    boolean mayRead(FhirCaller caller, PatientId patient) {
        HygieUser user = caller.user();
        if (user.role() == Role.COUNTER_AGENT) {
            journal.append(new JournalEntryDraft(new JournalActor(user.accountId().value(), user.displayName(), user.role().name()),
                    null, patient.value(), JournalAction.READ, OBJECT_TYPE, null, JournalDecision.PERMIT, COUNTER_LOOKUP,
                    JournalChannel.FHIR, null));
            return true;
        }
        boolean own = patient.equals(user.patientId().orElse(null));
        Actor actor = (user.role() == Role.PATIENT || user.role() == Role.REPRESENTATIVE) && !own
                ? Actor.actingFor(user, patient) : Actor.of(user);
        return access.checkPatientAction(actor, patient, JournalAction.READ, OBJECT_TYPE, JournalChannel.FHIR).permitted();
    }
}
