package fr.hygie.journal;

/** Outcome of the access decision: refusals are journaled too (DOMAIN: "every … refusal is recorded"). */
public enum JournalDecision {
    PERMIT, DENY
}
