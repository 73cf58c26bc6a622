package fr.hygie.research;

import java.time.Instant;

/** A project's published results: a summary in plain words, negative results included (EHDS art. 61(4)). */
public record Results(String summary, boolean negative, Instant publishedAt) {
}
