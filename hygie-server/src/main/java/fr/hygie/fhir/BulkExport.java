package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.Ids;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * FHIR Bulk Data export (« export en masse », Bulk Data Access IG 2.0), asynchronous:
 * <ul>
 * <li>{@code GET /fhir/$export}: the whole platform, for an administrator (role ADMIN);</li>
 * <li>{@code GET /fhir/Patient/$export} or {@code /fhir/Patient/{id}/$export}: a person's own data
 * (GDPR art. 20 portability), for the person or their representative, every read decided and
 * journaled as on the web;</li>
 * <li>{@code Prefer: respond-async} is required: 202 with {@code Content-Location} to
 * {@code /fhir/$export-status/{job}}; polling gives 202 with {@code X-Progress}, then 200 with the
 * manifest; files at {@code /fhir/$export-file/{job}/{Type}.ndjson}, served only to the job's owner;
 * {@code DELETE} on the status URL deletes the job.</li>
 * </ul>
 * Jobs run one at a time on a small executor; their files live under {@code HYGIE_HOME/exports/} and are
 * deleted after the retention period ({@code hygie.fhir.export.retention}, 24 h by default). Each job is
 * journaled as EXPORT (on the platform chain, or on the person's chain).
 */
@Component
class BulkExport {

    private static final Logger log = LoggerFactory.getLogger(BulkExport.class);
    private static final Pattern STATUS = Pattern.compile("^/\\$export-status/([0-9a-f-]{36})$");
    private static final Pattern FILE = Pattern.compile("^/\\$export-file/([0-9a-f-]{36})/([A-Za-z]+)\\.ndjson$");
    private static final Pattern PATIENT_EXPORT = Pattern.compile("^/Patient/([0-9a-f-]{36})/\\$export$");

    enum State { RUNNING, DONE, FAILED }

    static final class Job {
        final UUID id;
        final UUID owner;
        final String request;
        final Instant started;
        final Path dir;
        volatile State state = State.RUNNING;
        volatile long done;
        volatile long total;
        final Map<String, Long> counts = new TreeMap<>();

        Job(UUID id, UUID owner, String request, Instant started, Path dir) {
            this.id = id;
            this.owner = owner;
            this.request = request;
            this.started = started;
            this.dir = dir;
        }
    }

    private final FhirExporter exporter;
    private final FhirContext fhir;
    private final HygieHome home;
    private final Journal journal;
    private final Mandates mandates;
    private final Clock clock;
    private final Duration retention;
    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fhir-bulk-export");
        t.setDaemon(true);
        return t;
    });

    BulkExport(FhirExporter exporter, FhirContext fhir, HygieHome home, Journal journal, Mandates mandates, Clock clock,
            @Value("${hygie.fhir.export.retention:PT24H}") Duration retention) {
        this.exporter = exporter;
        this.fhir = fhir;
        this.home = home;
        this.journal = journal;
        this.mandates = mandates;
        this.clock = clock;
        this.retention = retention;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    @EventListener(ApplicationReadyEvent.class)
    void purgeAtStart() {
        purgeExpired();
    }

    boolean handles(String path) {
        return "/$export".equals(path) || "/Patient/$export".equals(path) || PATIENT_EXPORT.matcher(path).matches()
                || STATUS.matcher(path).matches() || FILE.matcher(path).matches();
    }

    void serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        FhirCaller caller;
        try {
            caller = FhirCaller.current();
        } catch (RuntimeException e) {
            Outcomes.write(fhir, response, 401, Outcomes.of(IssueSeverity.ERROR, IssueType.LOGIN, "Authentification requise."));
            return;
        }
        Matcher status = STATUS.matcher(path);
        Matcher file = FILE.matcher(path);
        if (status.matches()) {
            status(caller, UUID.fromString(status.group(1)), request, response);
        } else if (file.matches()) {
            file(caller, UUID.fromString(file.group(1)), file.group(2), response);
        } else if (!"GET".equals(request.getMethod())) {
            Outcomes.write(fhir, response, 405, Outcomes.of(IssueSeverity.ERROR, IssueType.NOTSUPPORTED, "$export s'appelle en GET."));
        } else {
            kickOff(caller, path, request, response);
        }
    }

    private void kickOff(FhirCaller caller, String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.contains("respond-async")) {
            Outcomes.write(fhir, response, 400, Outcomes.of(IssueSeverity.ERROR, IssueType.INVALID,
                    "L'export en masse est asynchrone : ajoutez l'en-tête « Prefer: respond-async »."));
            return;
        }
        String format = request.getParameter("_outputFormat");
        if (format != null && !Set.of("application/fhir+ndjson", "application/ndjson", "ndjson").contains(format)) {
            Outcomes.write(fhir, response, 400, Outcomes.of(IssueSeverity.ERROR, IssueType.NOTSUPPORTED, "Format de sortie : NDJSON uniquement."));
            return;
        }
        Set<String> types = new LinkedHashSet<>("/$export".equals(path) ? FhirExporter.TYPES : FhirExporter.PERSON_TYPES);
        String typeParam = request.getParameter("_type");
        if (typeParam != null && !typeParam.isBlank()) {
            types.retainAll(Arrays.stream(typeParam.split(",")).map(String::trim).toList());
        }
        types.removeIf(t -> !caller.scopes().allows(t, SmartScopes.Interaction.READ));
        HygieUser user = caller.user();
        List<PatientId> persons;
        if ("/$export".equals(path)) {
            if (user.role() != Role.ADMIN) {
                Outcomes.write(fhir, response, 403, Outcomes.of(IssueSeverity.ERROR, IssueType.FORBIDDEN,
                        "L'export de toute la plateforme est réservé à l'administration."));
                return;
            }
            persons = null;
        } else {
            Matcher m = PATIENT_EXPORT.matcher(path);
            List<PatientId> mine = new java.util.ArrayList<>();
            user.patientId().ifPresent(mine::add);
            mandates.activeFor(user.accountId()).forEach(x -> mine.add(x.patient()));
            persons = m.matches() ? mine.stream().filter(p -> p.value().toString().equals(m.group(1))).toList()
                    : user.patientId().map(List::of).orElse(List.of());
            persons = persons.stream().filter(p -> caller.mayReach("Patient", SmartScopes.Interaction.READ, p)).toList();
            if (persons.isEmpty()) {
                // The same answer for someone else's id as for an unknown one.
                Outcomes.write(fhir, response, 404, Outcomes.of(IssueSeverity.ERROR, IssueType.NOTFOUND,
                        "Aucune donnée personnelle à exporter pour ce compte."));
                return;
            }
        }
        purgeExpired();
        UUID id = Ids.newId();
        Path dir = home.dir("exports").resolve(id.toString());
        Files.createDirectories(dir);
        String url = request.getRequestURL().toString() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Job job = new Job(id, user.accountId().value(), url, clock.instant(), dir);
        jobs.put(id, job);
        journal(caller, persons, id);
        List<PatientId> targets = persons;
        executor.submit(() -> run(job, caller, targets, types));
        String base = request.getRequestURL().toString();
        base = base.substring(0, base.indexOf("/fhir/") + "/fhir".length());
        response.setStatus(202);
        response.setHeader("Content-Location", base + "/$export-status/" + id);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(fhir.newJsonParser().encodeResourceToString(Outcomes.of(IssueSeverity.INFORMATION,
                IssueType.INFORMATIONAL, "Export en cours de préparation.")).getBytes(StandardCharsets.UTF_8));
    }

    private void journal(FhirCaller caller, List<PatientId> persons, UUID jobId) {
        HygieUser u = caller.user();
        JournalActor actor = new JournalActor(u.accountId().value(), u.displayName(), u.role().name());
        if (persons == null) {
            journal.append(new JournalEntryDraft(actor, null, null, JournalAction.EXPORT, "BulkExport", jobId.toString(),
                    JournalDecision.PERMIT, "ADMIN_EXPORT", JournalChannel.FHIR, null));
            return;
        }
        for (PatientId p : persons) {
            journal.append(new JournalEntryDraft(actor, null, p.value(), JournalAction.EXPORT, "BulkExport", jobId.toString(),
                    JournalDecision.PERMIT, "PORTABILITY", JournalChannel.FHIR, null));
        }
    }

    private void run(Job job, FhirCaller caller, List<PatientId> persons, Set<String> types) {
        Map<String, Writer> writers = new HashMap<>();
        IParser parser = fhir.newJsonParser().setPrettyPrint(false);
        FhirExporter.Sink sink = (type, resource) -> write(job, writers, parser, type, resource);
        try {
            if (persons == null) {
                job.total = exporter.patientCount();
                exporter.exportAll(types, sink, n -> job.done = n);
            } else {
                job.total = persons.size();
                for (PatientId p : persons) {
                    exporter.exportPerson(caller, p, types, sink);
                    job.done++;
                }
            }
            for (Writer w : writers.values()) {
                w.close();
            }
            job.state = State.DONE;
        } catch (RuntimeException | IOException e) {
            log.error("Bulk export {} failed", job.id, e);
            job.state = State.FAILED;
            for (Writer w : writers.values()) {
                try {
                    w.close();
                } catch (IOException ignored) {
                    // the job is failed already
                }
            }
        }
    }

    private static void write(Job job, Map<String, Writer> writers, IParser parser, String type, Resource resource) {
        try {
            Writer w = writers.get(type);
            if (w == null) {
                w = Files.newBufferedWriter(job.dir.resolve(type + ".ndjson"), StandardCharsets.UTF_8);
                writers.put(type, w);
            }
            w.write(parser.encodeResourceToString(resource));
            w.write('\n');
            synchronized (job.counts) {
                job.counts.merge(type, 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Job owned(FhirCaller caller, UUID id) {
        Job job = jobs.get(id);
        return job != null && job.owner.equals(caller.user().accountId().value()) ? job : null;
    }

    private void status(FhirCaller caller, UUID id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Job job = owned(caller, id);
        if (job == null) {
            Outcomes.write(fhir, response, 404, Outcomes.of(IssueSeverity.ERROR, IssueType.NOTFOUND, "Export inconnu."));
            return;
        }
        if ("DELETE".equals(request.getMethod())) {
            delete(job);
            response.setStatus(202);
            return;
        }
        if (job.state == State.RUNNING) {
            long percent = job.total == 0 ? 0 : Math.min(99, job.done * 100 / job.total);
            response.setStatus(202);
            response.setHeader("X-Progress", percent + " %");
            response.setHeader("Retry-After", "2");
            return;
        }
        if (job.state == State.FAILED) {
            Outcomes.write(fhir, response, 500, Outcomes.of(IssueSeverity.ERROR, IssueType.EXCEPTION, "L'export a échoué."));
            return;
        }
        String base = request.getRequestURL().toString();
        base = base.substring(0, base.indexOf("/$export-status/"));
        StringBuilder json = new StringBuilder("{\"transactionTime\":\"").append(job.started).append("\",\"request\":\"")
                .append(job.request.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\"requiresAccessToken\":true,\"output\":[");
        boolean first = true;
        synchronized (job.counts) {
            for (Map.Entry<String, Long> e : job.counts.entrySet()) {
                json.append(first ? "" : ",").append("{\"type\":\"").append(e.getKey()).append("\",\"url\":\"").append(base)
                        .append("/$export-file/").append(job.id).append('/').append(e.getKey()).append(".ndjson\",\"count\":")
                        .append(e.getValue()).append('}');
                first = false;
            }
        }
        json.append("],\"error\":[]}");
        response.setStatus(200);
        response.setHeader("Expires", job.started.plus(retention).toString());
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void file(FhirCaller caller, UUID id, String type, HttpServletResponse response) throws IOException {
        Job job = owned(caller, id);
        Path f = job == null || job.state != State.DONE ? null : job.dir.resolve(type + ".ndjson");
        if (f == null || !Files.isRegularFile(f)) {
            Outcomes.write(fhir, response, 404, Outcomes.of(IssueSeverity.ERROR, IssueType.NOTFOUND, "Fichier d'export inconnu."));
            return;
        }
        response.setStatus(200);
        response.setContentType("application/fhir+ndjson");
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(f, out);
        }
    }

    /** Deletes jobs (and their files) older than the retention period, and leftovers of a previous run. */
    void purgeExpired() {
        Instant limit = clock.instant().minus(retention);
        jobs.values().removeIf(j -> {
            if (j.state != State.RUNNING && j.started.isBefore(limit)) {
                deleteFiles(j.dir);
                return true;
            }
            return false;
        });
        Path root = home.dir("exports");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> !jobs.containsKey(uuidOrNull(d.getFileName().toString()))).filter(d -> {
                try {
                    return Files.getLastModifiedTime(d).toInstant().isBefore(limit);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(BulkExport::deleteFiles);
        } catch (IOException e) {
            log.warn("Cannot list the export folder: {}", e.getMessage());
        }
    }

    private void delete(Job job) {
        jobs.remove(job.id);
        if (job.state != State.RUNNING) {
            deleteFiles(job.dir);
        }
    }

    private static UUID uuidOrNull(String s) {
        return DirectoryResourceProviders.uuid(s).orElse(null);
    }

    private static void deleteFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("Cannot delete export file {}: {}", p.getFileName(), e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("Cannot delete export folder: {}", e.getMessage());
        }
    }
}
