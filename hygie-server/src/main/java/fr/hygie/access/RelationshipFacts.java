package fr.hygie.access;

/**
 * What links a professional actor to the person: médecin traitant, authorised, blocked, an open
 * emergency session, centre 15 regulator; and the person's emergency-access setting.
 */
public record RelationshipFacts(boolean treatingPhysician, boolean authorised, boolean blocked,
        boolean emergencySessionActive, boolean regulator, boolean emergencyAccessAllowedByPatient) {

    /** No relationship at all; emergency access left on (the default setting). */
    public static final RelationshipFacts NONE = new RelationshipFacts(false, false, false, false, false, true);

    public RelationshipFacts withTreatingPhysician(boolean v) {
        return new RelationshipFacts(v, authorised, blocked, emergencySessionActive, regulator, emergencyAccessAllowedByPatient);
    }

    public RelationshipFacts withAuthorised(boolean v) {
        return new RelationshipFacts(treatingPhysician, v, blocked, emergencySessionActive, regulator, emergencyAccessAllowedByPatient);
    }

    public RelationshipFacts withBlocked(boolean v) {
        return new RelationshipFacts(treatingPhysician, authorised, v, emergencySessionActive, regulator, emergencyAccessAllowedByPatient);
    }

    public RelationshipFacts withEmergencySession(boolean v) {
        return new RelationshipFacts(treatingPhysician, authorised, blocked, v, regulator, emergencyAccessAllowedByPatient);
    }

    public RelationshipFacts withRegulator(boolean v) {
        return new RelationshipFacts(treatingPhysician, authorised, blocked, emergencySessionActive, v, emergencyAccessAllowedByPatient);
    }

    public RelationshipFacts withEmergencyAccessAllowed(boolean v) {
        return new RelationshipFacts(treatingPhysician, authorised, blocked, emergencySessionActive, regulator, v);
    }
}
