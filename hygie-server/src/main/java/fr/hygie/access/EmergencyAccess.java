package fr.hygie.access;

import fr.hygie.access.AccessControl.Facts;
import fr.hygie.access.internal.AccessProperties;
import fr.hygie.access.internal.AccessStore;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency access (accès en mode « bris de glace », CSP L1111-17): a professional facing an immediate
 * risk opens a time-limited session on the record of a person unable to consent, with a written
 * justification, unless the person turned emergency access off beforehand. The SAMU / centre 15
 * regulator has the same right under the same opt-out. The person is alerted at their next visit;
 * auditors see every session in the journal.
 *
 * <p>A block still applies inside a session. The session opens all the same (refusing it would tell
 * the professional they are blocked) and the record simply looks empty to them.
 */
@Service
public class EmergencyAccess {

    static final String OBJECT_TYPE = "EmergencySession";

    private final AccessControl access;
    private final AccessStore store;
    private final AccessProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EmergencyAccess(AccessControl access, AccessStore store, AccessProperties properties, ApplicationEventPublisher events,
            Clock clock) {
        this.access = access;
        this.store = store;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public EmergencyOpening openEmergencySession(Actor actor, PatientId patient, String justification, EmergencyKind kind,
            JournalChannel channel) {
        Facts f = access.facts(actor, patient);
        UUID id = Ids.newId();
        PatientScope target = new PatientScope(patient, OBJECT_TYPE, id.toString());
        AccessAction action = kind == EmergencyKind.REGULATION_CENTRE_15 ? AccessAction.OPEN_REGULATION_SESSION
                : AccessAction.OPEN_EMERGENCY_SESSION;
        String written = justification == null ? null : justification.strip();
        AccessDecision d = access.decide(f, action, target, written);
        access.record(f, JournalAction.EMERGENCY_ACCESS, target, d, channel, written);
        if (d.denied()) {
            return refused(d.reason());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        EmergencySession session = new EmergencySession(id, f.actorFacts().professional(), patient, written, kind, now,
                now.plus(properties.emergencySessionDuration()), Optional.empty());
        store.insertSession(session, actor.user().accountId());
        events.publishEvent(new EmergencyAccessOpened(id, patient, session.professional(), now));
        return new EmergencyOpening.Opened(session);
    }

    /**
     * The open session of this professional on this person, for the banner on every page of the session. No
     * transaction: at most one statement, and none when the relationship facts say no session is open (issue 13).
     */
    public Optional<EmergencySession> activeSession(ProfessionalId professional, PatientId patient) {
        return store.activeSession(professional, patient, clock.instant());
    }

    /** Emergency accesses the person has not seen yet: shown to the person (or a MANAGE_SHARING representative). */
    @Transactional
    public List<EmergencySession> unseenEmergencyAccesses(Actor actor, PatientId patient, JournalChannel channel) {
        Facts f = access.facts(actor, patient);
        PatientScope target = new PatientScope(patient, OBJECT_TYPE);
        AccessDecision d = access.decide(f, AccessAction.MANAGE_SHARING, target, null);
        access.record(f, JournalAction.READ, target, d, channel, null);
        return d.permitted() ? store.unseenSessions(patient) : List.of();
    }

    /** The person saw the alert: marks every unseen session as seen; returns how many. */
    @Transactional
    public int acknowledge(Actor actor, PatientId patient, JournalChannel channel) {
        Facts f = access.facts(actor, patient);
        PatientScope target = new PatientScope(patient, OBJECT_TYPE);
        AccessDecision d = access.decide(f, AccessAction.MANAGE_SHARING, target, null);
        access.record(f, JournalAction.UPDATE, target, d, channel, null);
        return d.permitted() ? store.acknowledge(patient, clock.instant()) : 0;
    }

    private static EmergencyOpening.Refused refused(ReasonCode reason) {
        return switch (reason) {
            case EMERGENCY_ACCESS_DISABLED_BY_PATIENT -> new EmergencyOpening.Refused(reason, EmergencyOpening.Wording.DISABLED_BY_PATIENT);
            case JUSTIFICATION_TOO_SHORT -> new EmergencyOpening.Refused(reason, EmergencyOpening.Wording.JUSTIFICATION_TOO_SHORT,
                    AccessPolicy.MIN_JUSTIFICATION_LENGTH);
            case NOT_A_REGULATOR -> new EmergencyOpening.Refused(reason, EmergencyOpening.Wording.NOT_A_REGULATOR);
            default -> new EmergencyOpening.Refused(reason, EmergencyOpening.Wording.PROFESSIONALS_ONLY);
        };
    }
}
