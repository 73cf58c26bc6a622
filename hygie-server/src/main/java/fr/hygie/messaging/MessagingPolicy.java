package fr.hygie.messaging;

import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Role;
import java.util.Set;

/**
 * The rules of the secure messaging (DOMAIN "Secure messaging"), as pure functions of the facts: no
 * Spring, no SQL. {@link Conversations} gathers the facts and journals the answer.
 *
 * <ul>
 * <li>Only a professional or a care structure starts a conversation; a professional may always write to a
 * person (DOMAIN "without consent a professional may still send … messages"), blocked or not: refusing
 * would reveal the block.</li>
 * <li>The person replies in their conversations; they may start a new conversation with a professional
 * (or a structure's mailbox) who already wrote to them, and may send a prescription (a record document of
 * type 57833-6) to a pharmacy they already used. "Already used" means: an earlier conversation with that
 * pharmacy (the pharmacist, or the pharmacy's mailbox, or for a pharmacist the mailbox of their
 * pharmacy), or a recorded dispensation there ({@link Conversations#recordDispensation}).</li>
 * <li>No patient-to-patient messages; nothing between professionals here either.</li>
 * <li>A representative reads with READ_MESSAGES and writes with WRITE_MESSAGES, then within the person's
 * own rules.</li>
 * <li>Counter agents, administrators, researchers, reviewers, auditors and human-contact staff never
 * read nor write messages: their content is health data.</li>
 * </ul>
 */
public final class MessagingPolicy {

    /** LOINC "Prescription for medication" (ordonnance). */
    public static final String PRESCRIPTION_TYPE = "57833-6";
    /** TRE_G15 pharmacien. */
    public static final String PHARMACIST = "21";

    static final MessagingWording ROLE_REFUSED = MessagingWording.ROLE_REFUSED;
    static final MessagingWording NO_MANDATE_TEXT = MessagingWording.NO_MANDATE;
    static final MessagingWording READ_SCOPE_TEXT = MessagingWording.READ_SCOPE;
    static final MessagingWording WRITE_SCOPE_TEXT = MessagingWording.WRITE_SCOPE;
    static final MessagingWording NOT_PARTICIPANT_TEXT = MessagingWording.NOT_PARTICIPANT;
    static final MessagingWording PATIENT_TO_PATIENT_TEXT = MessagingWording.PATIENT_TO_PATIENT;
    static final MessagingWording CARE_TO_CARE_TEXT = MessagingWording.CARE_TO_CARE;
    static final MessagingWording NEVER_WROTE_TEXT = MessagingWording.NEVER_WROTE;
    static final MessagingWording PHARMACY_PRESCRIPTION_TEXT = MessagingWording.PHARMACY_NEEDS_A_PRESCRIPTION;
    static final MessagingWording PHARMACY_UNKNOWN_TEXT = MessagingWording.PHARMACY_NOT_USED_BEFORE;
    static final MessagingWording UNKNOWN_PROFESSIONAL_TEXT = MessagingWording.UNKNOWN_PROFESSIONAL;

    /**
     * Who acts: role, whether it is the person's own space ({@code ownSpace}), the scopes of the active
     * mandate when acting for someone else ({@code mandateScopes}, null when there is none), and for a
     * professional whether the profession is known.
     */
    public record Writer(Role role, boolean ownSpace, Set<MandateScope> mandateScopes, boolean professionKnown) {

        public static Writer professional(boolean professionKnown) {
            return new Writer(Role.PROFESSIONAL, false, null, professionKnown);
        }

        public static Writer person() {
            return new Writer(Role.PATIENT, true, null, false);
        }

        public static Writer representative(Role role, Set<MandateScope> scopes) {
            return new Writer(role, false, scopes, false);
        }

        public static Writer other(Role role) {
            return new Writer(role, false, null, false);
        }
    }

    /** The recipient of a new conversation and what is known of the person's history with them. */
    public enum RecipientKind { PATIENT, PROFESSIONAL, STRUCTURE }

    public record Recipient(RecipientKind kind, boolean alreadyWroteToThePerson, boolean pharmacy, boolean pharmacyAlreadyUsed,
            boolean carriesPrescription) {

        public static Recipient patient() {
            return new Recipient(RecipientKind.PATIENT, false, false, false, false);
        }
    }

    /** May this writer open (read) a conversation? {@code participant}: the care party is the writer (or their structure). */
    public MessagingDecision mayRead(Writer w, boolean participant) {
        return access(w, participant, MandateScope.READ_MESSAGES, READ_SCOPE_TEXT);
    }

    /** May this writer reply in an existing conversation? */
    public MessagingDecision mayReply(Writer w, boolean participant) {
        return access(w, participant, MandateScope.WRITE_MESSAGES, WRITE_SCOPE_TEXT);
    }

    /** May this writer start a new conversation with this recipient? */
    public MessagingDecision mayStart(Writer w, Recipient r) {
        switch (w.role()) {
            case PROFESSIONAL:
                if (!w.professionKnown()) {
                    return MessagingDecision.refuse(MessagingReason.UNKNOWN_PROFESSIONAL, UNKNOWN_PROFESSIONAL_TEXT);
                }
                return r.kind() == RecipientKind.PATIENT ? MessagingDecision.allow(MessagingReason.PROFESSIONAL_MAY_WRITE)
                        : MessagingDecision.refuse(MessagingReason.CARE_SIDE_WRITES_TO_PERSONS_ONLY, CARE_TO_CARE_TEXT);
            case PATIENT:
            case REPRESENTATIVE:
                MessagingDecision asWho = personSide(w, MandateScope.WRITE_MESSAGES, WRITE_SCOPE_TEXT);
                if (asWho.refused()) {
                    return asWho;
                }
                if (r.kind() == RecipientKind.PATIENT) {
                    return MessagingDecision.refuse(MessagingReason.NO_PATIENT_TO_PATIENT, PATIENT_TO_PATIENT_TEXT);
                }
                if (r.alreadyWroteToThePerson()) {
                    return allowAs(w, MessagingReason.PROFESSIONAL_ALREADY_WROTE);
                }
                if (r.pharmacy()) {
                    if (!r.carriesPrescription()) {
                        return MessagingDecision.refuse(MessagingReason.PHARMACY_NEEDS_A_PRESCRIPTION, PHARMACY_PRESCRIPTION_TEXT);
                    }
                    if (!r.pharmacyAlreadyUsed()) {
                        return MessagingDecision.refuse(MessagingReason.PHARMACY_NOT_USED_BEFORE, PHARMACY_UNKNOWN_TEXT);
                    }
                    return allowAs(w, MessagingReason.PRESCRIPTION_TO_KNOWN_PHARMACY);
                }
                return MessagingDecision.refuse(MessagingReason.PROFESSIONAL_NEVER_WROTE, NEVER_WROTE_TEXT);
            default:
                return MessagingDecision.refuse(MessagingReason.ROLE_NEVER_READS_MESSAGES, ROLE_REFUSED);
        }
    }

    private MessagingDecision access(Writer w, boolean participant, MandateScope scope, MessagingWording scopeText) {
        switch (w.role()) {
            case PROFESSIONAL:
                if (!participant) {
                    return MessagingDecision.refuse(MessagingReason.NOT_A_PARTICIPANT, NOT_PARTICIPANT_TEXT);
                }
                return MessagingDecision.allow(MessagingReason.PARTICIPANT);
            case PATIENT:
            case REPRESENTATIVE:
                // The conversation belongs to the person acted for: the caller checked it is theirs.
                if (!participant) {
                    return MessagingDecision.refuse(MessagingReason.NOT_A_PARTICIPANT, NOT_PARTICIPANT_TEXT);
                }
                return personSide(w, scope, scopeText);
            default:
                return MessagingDecision.refuse(MessagingReason.ROLE_NEVER_READS_MESSAGES, ROLE_REFUSED);
        }
    }

    private static MessagingDecision personSide(Writer w, MandateScope scope, MessagingWording scopeText) {
        if (w.role() == Role.PATIENT && w.ownSpace()) {
            return MessagingDecision.allow(MessagingReason.PATIENT_OWN_MESSAGES);
        }
        if (w.mandateScopes() == null) {
            return MessagingDecision.refuse(MessagingReason.NO_MANDATE, NO_MANDATE_TEXT);
        }
        if (!w.mandateScopes().contains(scope)) {
            return MessagingDecision.refuse(MessagingReason.MANDATE_SCOPE_MISSING, scopeText);
        }
        return MessagingDecision.allow(MessagingReason.REPRESENTATIVE_WITHIN_MANDATE);
    }

    private static MessagingDecision allowAs(Writer w, MessagingReason reason) {
        // The journal keeps the reason of the start; a representative's basis is visible in "acting for".
        return MessagingDecision.allow(reason);
    }
}
