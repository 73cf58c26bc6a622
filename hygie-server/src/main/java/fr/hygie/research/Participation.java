package fr.hygie.research;

import java.time.Instant;
import java.util.Optional;

/**
 * One project as a person sees it on "Mes données dans la recherche": their data were included in its
 * latest run, or left out because of their objection ({@code excludedBy}).
 */
public record Participation(ProjectId project, String title, Purpose purpose, String organisation, ProjectStatus status,
        Instant snapshot, boolean included, Optional<ObjectionScope> excludedBy) {
}
