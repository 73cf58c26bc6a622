package fr.hygie.research;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public registry of research projects (registre public, DOMAIN "Secondary use"; EHDS art. 57 and 61(4)):
 * every project from its submission, with its purpose, team, data, status and dates, decisions with their
 * reasons, how many persons its latest extraction included and how many objections excluded, and its
 * results. Built from {@link RegistryEntry}, which holds public fields only.
 */
@Service
public class Registry {

    private final Projects projects;
    private final JdbcClient jdbc;

    Registry(Projects projects, JdbcClient jdbc) {
        this.projects = projects;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<RegistryEntry> list(RegistryFilter filter) {
        Map<UUID, Object[]> counts = latestCounts();
        Instant now = projects.now();
        return projects.all().stream().filter(filter::accepts).map(p -> entry(p, counts.get(p.id().value()), now)).toList();
    }

    @Transactional(readOnly = true)
    public Optional<RegistryEntry> entry(ProjectId id) {
        Map<UUID, Object[]> counts = latestCounts();
        Instant now = projects.now();
        return projects.byId(id).map(p -> entry(p, counts.get(p.id().value()), now));
    }

    private Map<UUID, Object[]> latestCounts() {
        Map<UUID, Object[]> out = new HashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (project_id) project_id, included_count, excluded_count, snapshot_at
                FROM research.extraction_run ORDER BY project_id, recorded_at DESC, id DESC""")
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), new Object[] {rs.getInt(2), rs.getInt(3), rs.getTimestamp(4).toInstant()});
                });
        return out;
    }

    private static RegistryEntry entry(Project p, Object[] counts, Instant now) {
        ProjectSubmission s = p.submission();
        List<RegistryEntry.Variable> variables = s.variables().stream()
                .map(v -> new RegistryEntry.Variable(v.category(), v.variable(), v.justification())).toList();
        List<RegistryEntry.Step> steps = p.steps().stream().map(st -> new RegistryEntry.Step(st.decision().name(),
                st.decision().label(), st.to().name(), RegistryEntry.bodyRole(st.actorRole()), RegistryEntry.body(st.actorRole()), st.reasons(), st.decidedAt(), st.dueAt(),
                st.late())).toList();
        RegistryEntry.Results results = p.results().map(r -> new RegistryEntry.Results(r.summary(), r.negative(), r.publishedAt()))
                .orElse(null);
        return new RegistryEntry(p.id().toString(), s.title(), s.summary(), s.purpose().name(), s.purpose().label(), s.legalBasis(),
                s.organisation(), s.organisationKind().name(), s.organisationKind().label(), s.place().name(), s.place().label(),
                s.team(), s.population(), s.durationMonths(), s.funding(), s.publicBenefit(), variables, p.status().name(),
                p.status().label(), p.submittedAt(), p.statusSince(), p.dueAt().orElse(null), p.late(now), steps,
                counts == null ? null : (Integer) counts[0], counts == null ? null : (Integer) counts[1],
                counts == null ? null : (Instant) counts[2], results);
    }
}
