package fr.hygie.access;

import fr.hygie.identity.PatientId;

/** What the actor wants to touch: a document, a section of the profile, or the space as a whole. */
public sealed interface AccessTarget permits DocumentFacts, ProfileSection, PatientScope {

    PatientId patient();

    /** The object type written in the journal. */
    String objectType();

    /** The object id written in the journal, or null. */
    String objectId();
}
