package fr.hygie.catalogue;

import java.time.Instant;

/** A reviewer's current score on one criterion, public with its comment. */
public record ReviewScore(Criterion criterion, int score, String comment, String reviewerName, Instant scoredAt) {
}
