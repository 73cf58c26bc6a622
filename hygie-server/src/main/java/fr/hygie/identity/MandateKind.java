package fr.hygie.identity;

/** Why someone may act for a person. */
public enum MandateKind {
    /** Parent or guardian of a minor (représentant légal), until the minor turns 16. */
    LEGAL_REPRESENTATIVE,
    /** A relative or friend the person chose (aidant). */
    CAREGIVER,
    /** A health mediator, digital adviser or France services agent the person chose (médiateur). */
    MEDIATOR
}
