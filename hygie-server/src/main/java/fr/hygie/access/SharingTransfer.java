package fr.hygie.access;

import fr.hygie.access.internal.AccessStore;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a person's sharing choices out of and into (« paramètres de confidentialité ») from an export into this
 * platform: authorisations, blocks, the médecin traitant, the emergency-access opt-out and the objection
 * to sharing additions with the care team. These are the person's own past acts, replayed by the
 * operator when a platform moves (« réversibilité »): no access decision is taken (nobody is acting
 * for the person), the dates they were made on are kept, and every change is journaled on the person's
 * chain as an IMPORT by the platform. Idempotent: a choice already in place is left alone. The same
 * business rules as the web apply (the médecin traitant cannot be blocked). {@link #choicesOf} reads
 * them for the operator's whole-platform export, which its caller journals once (as for documents).
 */
@Service
public class SharingTransfer {

    static final String IMPORTER = "Import de données (réversibilité)";

    /** What importing one choice did. {@code refusal} (French, for the operator's summary) when a rule forbids it. */
    public record Outcome(boolean created, String refusal) {
        static Outcome added() {
            return new Outcome(true, null);
        }

        static Outcome alreadyThere() {
            return new Outcome(false, null);
        }

        static Outcome refused(String why) {
            return new Outcome(false, why);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    private final AccessStore store;
    private final Professionals professionals;
    private final Journal journal;
    private final Clock clock;

    SharingTransfer(AccessStore store, Professionals professionals, Journal journal, Clock clock) {
        this.store = store;
        this.professionals = professionals;
        this.journal = journal;
        this.clock = clock;
    }

    /** A person's sharing choices as they stand, for the operator's export. */
    public record Choices(CareTeamMembers careTeam, PatientSettings settings) {
    }

    /**
     * The choices of a person without an access decision: only for the operator's export of the whole
     * platform (réversibilité), journaled once by its caller; never for a person-facing read.
     */
    @Transactional(readOnly = true)
    public Choices choicesOf(PatientId patient) {
        return new Choices(new CareTeamMembers(patient, store.treatingPhysician(patient), store.authorised(patient),
                store.blocked(patient)), store.settings(patient));
    }

    @Transactional
    public Outcome authorisation(PatientId patient, ProfessionalId professional, Instant since) {
        if (professionals.byId(professional).isEmpty()) {
            return Outcome.refused("professionnel inconnu de l'annuaire");
        }
        if (!store.authorise(patient, professional, micros(since), null)) {
            return Outcome.alreadyThere();
        }
        journal(patient, CareTeam.OBJECT_TYPE, professional.toString(), "AUTHORISATION");
        return Outcome.added();
    }

    @Transactional
    public Outcome block(PatientId patient, ProfessionalId professional, Instant since) {
        if (professionals.byId(professional).isEmpty()) {
            return Outcome.refused("professionnel inconnu de l'annuaire");
        }
        if (store.isTreatingPhysician(patient, professional)) {
            return Outcome.refused("le médecin traitant ne peut pas être bloqué");
        }
        if (!store.block(patient, professional, micros(since), null)) {
            return Outcome.alreadyThere();
        }
        journal(patient, CareTeam.OBJECT_TYPE, professional.toString(), "BLOCK");
        return Outcome.added();
    }

    /** The médecin traitant since {@code since}; a person who already has one keeps theirs. */
    @Transactional
    public Outcome treatingPhysician(PatientId patient, ProfessionalId professional, LocalDate since) {
        if (professionals.byId(professional).isEmpty()) {
            return Outcome.refused("professionnel inconnu de l'annuaire");
        }
        if (store.treatingPhysician(patient).isPresent()) {
            return Outcome.alreadyThere();
        }
        if (store.isBlocked(patient, professional)) {
            return Outcome.refused("un professionnel bloqué ne peut pas être médecin traitant");
        }
        store.declareTreatingPhysician(Ids.newId(), patient, professional, since, null);
        journal(patient, CareTeam.TREATING_PHYSICIAN, professional.toString(), "TREATING_PHYSICIAN");
        return Outcome.added();
    }

    /** CSP L1111-17: emergency access on or off as the person chose. */
    @Transactional
    public Outcome emergencyAccess(PatientId patient, boolean allowed) {
        if (store.settings(patient).emergencyAccessAllowed() == allowed) {
            return Outcome.alreadyThere();
        }
        store.setEmergencyAccessAllowed(patient, allowed, clock.instant().truncatedTo(ChronoUnit.MICROS));
        journal(patient, SharingSettings.OBJECT_TYPE, "emergency-access", "EMERGENCY_ACCESS");
        return Outcome.added();
    }

    /** The person's objection (or not) to sharing professionals' additions with the care team. */
    @Transactional
    public Outcome shareAdditionsWithCareTeam(PatientId patient, boolean share) {
        if (store.settings(patient).shareAdditionsWithCareTeam() == share) {
            return Outcome.alreadyThere();
        }
        store.setShareAdditionsWithCareTeam(patient, share, clock.instant().truncatedTo(ChronoUnit.MICROS));
        journal(patient, SharingSettings.OBJECT_TYPE, "share-additions", "SHARE_ADDITIONS");
        return Outcome.added();
    }

    private void journal(PatientId patient, String objectType, String objectId, String what) {
        // The kind of choice goes with the object id: the justification field is for emergency accesses only.
        journal.append(new JournalEntryDraft(JournalActor.system(IMPORTER), null, patient.value(), JournalAction.IMPORT, objectType,
                what + ":" + objectId, JournalDecision.PERMIT, "PLATFORM_IMPORT", JournalChannel.SYSTEM, null));
    }

    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
