package fr.hygie.messaging;

/** A care party the person may start a conversation with, and why (e.g. "ordonnance seulement" for a pharmacy). */
public record EligibleRecipient(CareParty party, String name, boolean prescriptionOnly) {
}
