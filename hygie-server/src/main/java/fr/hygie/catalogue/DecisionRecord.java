package fr.hygie.catalogue;

import java.time.Instant;

/** A public decision: when, what, why, by whom ({@code automatic} for the refusal rules). */
public record DecisionRecord(Instant at, ApplicationStatus status, boolean automatic, String reasons, String reviewerName) {
}
