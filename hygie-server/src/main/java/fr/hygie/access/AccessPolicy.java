package fr.hygie.access;

import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Role;
import java.util.Objects;

/**
 * The rules of "who may see what" (DOMAIN), as one pure function of the facts: no Spring, no SQL, no
 * clock. {@link AccessControl} gathers the facts and journals the answer.
 *
 * <p>Choices written down here because the texts leave them open:
 * <ul>
 * <li>Any professional may ADD a document to a person's space, blocked or not: sending without
 * consent is allowed (DOMAIN), and refusing a blocked professional's write would tell them they are
 * blocked, which a restriction must never reveal (EHDS art. 8).</li>
 * <li>The author of a document always sees what they wrote, even when blocked or when the matrix or
 * MASQUE_PS would hide it: they know it exists, hiding it would only reveal the restriction.</li>
 * <li>A block applies inside an emergency session. The session opens all the same and the record
 * simply looks empty, so that the block stays invisible; the journal records every refusal.</li>
 * <li>The médecin traitant is subject to the matrix like everyone (médecins see every type), but
 * cannot be blocked and sees MASQUE_PS documents.</li>
 * <li>A representative's writes: adding needs MANAGE_SHARING; changing or deleting an existing item
 * needs MANAGE_SHARING and VIEW_DOCUMENTS and that the item be visible to them.</li>
 * <li>The person may delete any document they can see in their space and change only what they
 * added themself (a professional's document is changed by its author).</li>
 * </ul>
 */
public final class AccessPolicy {

    /** Minimum length of the written justification of an emergency access. */
    public static final int MIN_JUSTIFICATION_LENGTH = 15;

    private final HabilitationMatrix matrix;

    public AccessPolicy(HabilitationMatrix matrix) {
        this.matrix = Objects.requireNonNull(matrix, "matrix");
    }

    public HabilitationMatrix matrix() {
        return matrix;
    }

    public AccessDecision decide(AccessRequest r) {
        Role role = r.actor().role();
        if ((r.action() == AccessAction.OPEN_EMERGENCY_SESSION || r.action() == AccessAction.OPEN_REGULATION_SESSION)
                && role != Role.PROFESSIONAL) {
            return AccessDecision.deny(ReasonCode.NOT_A_PROFESSIONAL);
        }
        switch (role) {
            case PROFESSIONAL:
                return professional(r);
            case PATIENT:
            case REPRESENTATIVE:
                return personOrRepresentative(r);
            default:
                // COUNTER_AGENT, ADMIN, AUDITOR, RESEARCHER, REVIEWER, HUMAN_CONTACT: never medical content.
                return AccessDecision.deny(ReasonCode.ROLE_NEVER_SEES_CONTENT);
        }
    }

    // ------------------------------------------------------------------ the person and their representatives

    private AccessDecision personOrRepresentative(AccessRequest r) {
        if (r.actingFor() != null && !r.actingFor().equals(r.patient())) {
            return AccessDecision.deny(ReasonCode.ACTING_FOR_SOMEONE_ELSE);
        }
        boolean self = r.actor().role() == Role.PATIENT && r.patient().equals(r.actor().ownPatient());
        if (self) {
            return self(r);
        }
        if (r.mandate() == null) {
            return AccessDecision.deny(ReasonCode.NO_MANDATE);
        }
        return representative(r, r.mandate());
    }

    private AccessDecision self(AccessRequest r) {
        AccessTarget t = r.target();
        if (hiddenFromPatient(t)) {
            // Nothing may be done to, nor learnt about, a document the person cannot see yet.
            return AccessDecision.deny(ReasonCode.INVISIBLE_TO_PATIENT);
        }
        switch (r.action()) {
            case RELEASE:
                return AccessDecision.deny(ReasonCode.NOT_THE_AUTHOR);
            case UPDATE:
                if (t instanceof DocumentFacts && ((DocumentFacts) t).author() != null) {
                    return AccessDecision.deny(ReasonCode.NOT_THE_AUTHOR);
                }
                return AccessDecision.permit(ReasonCode.PATIENT_OWN_RECORD);
            default: // READ, LIST, CREATE, DELETE, MASK, MANAGE_SHARING, MANAGE_REPRESENTATIVES
                return AccessDecision.permit(ReasonCode.PATIENT_OWN_RECORD);
        }
    }

    private static boolean hiddenFromPatient(AccessTarget t) {
        return t instanceof DocumentFacts && ((DocumentFacts) t).labelled(ConfidentialityLabel.INVISIBLE_PATIENT);
    }

    /**
     * A representative does what the person could do, no more, and only within the scopes of the
     * mandate: VIEW_DOCUMENTS to see, MANAGE_SHARING to change (plus VIEW_DOCUMENTS to change a
     * document, which one must see to act on); a parent never reaches what is hidden from parents.
     */
    private AccessDecision representative(AccessRequest r, MandateFacts m) {
        boolean onDocument = r.target() instanceof DocumentFacts;
        switch (r.action()) {
            case MANAGE_REPRESENTATIVES:
                return AccessDecision.deny(ReasonCode.REPRESENTATIVE_CANNOT_DELEGATE);
            case READ:
            case LIST:
                if (!m.allows(MandateScope.VIEW_DOCUMENTS)) {
                    return AccessDecision.deny(ReasonCode.MANDATE_SCOPE_MISSING);
                }
                break;
            default:
                if (!m.allows(MandateScope.MANAGE_SHARING) || (onDocument && !m.allows(MandateScope.VIEW_DOCUMENTS))) {
                    return AccessDecision.deny(ReasonCode.MANDATE_SCOPE_MISSING);
                }
                break;
        }
        AccessDecision asThePerson = self(r);
        if (asThePerson.denied()) {
            return asThePerson;
        }
        if (onDocument && m.kind() == MandateKind.LEGAL_REPRESENTATIVE
                && ((DocumentFacts) r.target()).labelled(ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX)) {
            return AccessDecision.deny(ReasonCode.INVISIBLE_TO_LEGAL_REPRESENTATIVES);
        }
        return AccessDecision.permit(ReasonCode.REPRESENTATIVE_WITHIN_MANDATE);
    }

    // ------------------------------------------------------------------ professionals

    private AccessDecision professional(AccessRequest r) {
        ActorFacts a = r.actor();
        if (a.professional() == null || a.professionCode() == null || a.professionCode().isBlank()) {
            return AccessDecision.deny(ReasonCode.UNKNOWN_PROFESSIONAL);
        }
        AccessTarget t = r.target();
        boolean author = t instanceof DocumentFacts && a.professional().equals(((DocumentFacts) t).author());
        switch (r.action()) {
            case OPEN_EMERGENCY_SESSION:
            case OPEN_REGULATION_SESSION:
                return emergency(r);
            case CREATE:
                return AccessDecision.permit(ReasonCode.PROFESSIONAL_MAY_SEND);
            case UPDATE:
            case DELETE:
            case RELEASE:
                if (t instanceof DocumentFacts) {
                    return author ? AccessDecision.permit(ReasonCode.AUTHOR) : AccessDecision.deny(ReasonCode.NOT_THE_AUTHOR);
                }
                return AccessDecision.deny(ReasonCode.RESERVED_TO_PATIENT);
            case MASK:
            case MANAGE_SHARING:
            case MANAGE_REPRESENTATIVES:
                return AccessDecision.deny(ReasonCode.RESERVED_TO_PATIENT);
            default: // READ, LIST
                return author ? AccessDecision.permit(ReasonCode.AUTHOR) : professionalRead(r);
        }
    }

    private AccessDecision professionalRead(AccessRequest r) {
        RelationshipFacts rel = r.relationship();
        // Rule 1: a basis for the access, and no block (the médecin traitant cannot be blocked).
        ReasonCode basis;
        if (rel.treatingPhysician()) {
            basis = ReasonCode.TREATING_PHYSICIAN;
        } else if (rel.blocked()) {
            return AccessDecision.deny(ReasonCode.BLOCKED);
        } else if (rel.authorised()) {
            basis = ReasonCode.CARE_TEAM_AUTHORISED;
        } else if (rel.emergencySessionActive()) {
            basis = ReasonCode.EMERGENCY_ACCESS;
        } else {
            return AccessDecision.deny(ReasonCode.NOT_IN_CARE_TEAM);
        }
        AccessTarget t = r.target();
        String type = t instanceof DocumentFacts ? ((DocumentFacts) t).typeCode()
                : t instanceof ProfileSection ? ((ProfileSection) t).sectionCode() : null;
        if (t instanceof PatientScope) {
            return AccessDecision.permit(basis); // listing the space: each item is decided on its own
        }
        // Rule 2: the matrice d'habilitation, even for authorised professionals.
        if (!matrix.allows(r.actor().professionCode(), type)) {
            return AccessDecision.deny(ReasonCode.MATRIX_FORBIDS_TYPE);
        }
        // Rule 3: MASQUE_PS hides from professionals except the author (above) and the médecin traitant.
        if (t instanceof DocumentFacts && ((DocumentFacts) t).labelled(ConfidentialityLabel.MASQUE_PS) && !rel.treatingPhysician()) {
            return AccessDecision.deny(ReasonCode.MASKED_FOR_PROFESSIONALS);
        }
        return AccessDecision.permit(basis);
    }

    /**
     * CSP L1111-17: a professional may open the record of a person unable to consent, with a written
     * justification, unless the person turned emergency access off beforehand; the centre 15
     * regulator has the same right under the same opt-out. A block does not stop the session from
     * opening (that would reveal it); it still hides the record inside the session.
     */
    private AccessDecision emergency(AccessRequest r) {
        if (r.action() == AccessAction.OPEN_REGULATION_SESSION && !r.relationship().regulator()) {
            return AccessDecision.deny(ReasonCode.NOT_A_REGULATOR);
        }
        if (r.justification() == null || r.justification().strip().length() < MIN_JUSTIFICATION_LENGTH) {
            return AccessDecision.deny(ReasonCode.JUSTIFICATION_TOO_SHORT);
        }
        if (!r.relationship().emergencyAccessAllowedByPatient()) {
            return AccessDecision.deny(ReasonCode.EMERGENCY_ACCESS_DISABLED_BY_PATIENT);
        }
        return AccessDecision.permit(ReasonCode.EMERGENCY_ACCESS);
    }
}
