package fr.hygie.research.engine;

import com.zaxxer.hikari.HikariDataSource;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.crypto.Pseudonyms;
import fr.hygie.research.ExtractionLauncher;
import fr.hygie.research.ExtractionRequest;
import fr.hygie.research.ExtractionRuns;
import fr.hygie.research.ObjectionPolicy;
import fr.hygie.research.ObjectionRow;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.Objections;
import fr.hygie.research.RunOutcome;
import fr.hygie.research.RunReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the research engine (moteur d'extraction, {@code hygie-research-engine}) in its own JVM — Spark never
 * runs inside the server (STACK-NOTES, "Research engine") — for one project, and reports the run through
 * {@link ExtractionRuns#recordRun}.
 *
 * <p>One run: the objections in force at the snapshot ({@link Objections#objectionsAt}) are written to a
 * CSV; the project's key ({@link Pseudonyms#rawKeyForResearchEngine}) to a 0600 file in a 0700 temporary
 * folder deleted after the run; the specification ({@link ExtractionSpecs}) to a JSON file. Then
 * {@code warehouse --source jdbc:…} and {@code extract} run one after the other, with
 * {@code SPARK_LOCAL_IP=127.0.0.1} and the database credentials in the environment (never on the command
 * line, where any user of the machine could read them). Each {@code PROGRESS} line is stored
 * ({@link EngineRuns}) for the project pages. On success the disclosure report is checked, the membership
 * ({@code OUT/membership}: platform ids) is recorded in the platform and never leaves it, and only
 * {@code OUT/project} is moved to {@code HYGIE_HOME/research/<project>/<run>/} for the team. The working
 * folder (a pseudonymous copy of the record) is deleted whatever happens.
 *
 * <p>Properties: {@code hygie.research.engine.jar} (default: {@code hygie-research-engine/target/hygie-research-engine-*.jar}
 * of the source tree the server runs from), {@code hygie.research.engine.master} (default {@code local[*]}),
 * {@code hygie.research.engine.java-options} (default {@code -Xmx1g}), {@code hygie.research.engine.partitions}.
 */
@Component
public class EngineProcessLauncher implements ExtractionLauncher, DisposableBean {

    static final String NAME = "hygie-research-engine (Spark, JVM séparée)";
    private static final Logger log = LoggerFactory.getLogger(EngineProcessLauncher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern UUID_TOKEN = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_CAUSE = 600;

    /** A run stops with a cause the project pages show (French, no data). */
    static final class EngineFailure extends Exception {
        private static final long serialVersionUID = 1L;

        EngineFailure(String message) {
            super(message);
        }
    }

    private final Objections objections;
    private final ExtractionRuns runs;
    private final EngineRuns engineRuns;
    private final Pseudonyms pseudonyms;
    private final HygieHome home;
    private final Clock clock;
    private final DataSource dataSource;
    private final String jarProperty;
    private final String master;
    private final String javaOptions;
    private final int partitions;
    private final ExecutorService executor;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    EngineProcessLauncher(Objections objections, ExtractionRuns runs, EngineRuns engineRuns, Pseudonyms pseudonyms, HygieHome home,
            Clock clock, DataSource dataSource, @Value("${hygie.research.engine.jar:}") String jarProperty,
            @Value("${hygie.research.engine.master:local[*]}") String master,
            @Value("${hygie.research.engine.java-options:-Xmx1g}") String javaOptions,
            @Value("${hygie.research.engine.partitions:4}") int partitions) {
        this.objections = objections;
        this.runs = runs;
        this.engineRuns = engineRuns;
        this.pseudonyms = pseudonyms;
        this.home = home;
        this.clock = clock;
        this.dataSource = dataSource;
        this.jarProperty = jarProperty;
        this.master = master.isBlank() ? "local[*]" : master;
        this.javaOptions = javaOptions;
        this.partitions = Math.max(1, partitions);
        // One extraction at a time: Spark in local mode takes every core it is given (2 on our machines).
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "research-engine");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The administration's launch: the run is recorded at once (progress on the project page), then runs in the background. */
    @Override
    public void launch(ExtractionRequest request) {
        Instant snapshot = snapshotNow();
        UUID run = engineRuns.start(request.project(), NAME, snapshot);
        Optional<String> missing = unavailable();
        if (missing.isPresent()) {
            engineRuns.failed(run, missing.get());
            return;
        }
        executor.submit(() -> execute(run, snapshot, request, ProgressListener.none()));
    }

    /** Runs an extraction now, in the caller's thread (the {@code research run} subcommand, tests). */
    public EngineRun run(ExtractionRequest request, ProgressListener listener) {
        Instant snapshot = snapshotNow();
        UUID run = engineRuns.start(request.project(), NAME, snapshot);
        execute(run, snapshot, request, listener);
        return engineRuns.byId(run).orElseThrow();
    }

    /** Why the engine cannot run here (French, for the pages and the command), or empty when its jar is found. */
    public Optional<String> unavailable() {
        try {
            engineJar();
            return Optional.empty();
        } catch (EngineFailure e) {
            return Optional.of(e.getMessage());
        }
    }

    private Instant snapshotNow() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void execute(UUID run, Instant snapshot, ExtractionRequest request, ProgressListener listener) {
        Path work = null;
        Path keyDir = null;
        try {
            Path jar = engineJar();
            ExtractionSpecs.Spec spec = ExtractionSpecs.build(request);
            engineRuns.describe(run, spec.mode(), spec.unmapped().isEmpty() ? null
                    : "Données demandées non extraites (aucune correspondance avec les variables du moteur) : "
                            + String.join(" ; ", spec.unmapped()) + ".");
            if (spec.variables().isEmpty()) {
                throw new EngineFailure("Aucune donnée demandée par le projet ne correspond à une variable du moteur d'extraction : "
                        + "rien n'a été extrait. Nommez les données par leurs codes (CIM-10, ATC, LOINC) ou par âge, sexe, département.");
            }
            work = home.dir("research-work").resolve(run.toString());
            Files.createDirectories(work);
            Path objectionsCsv = work.resolve("objections.csv");
            writeObjections(objectionsCsv, objections.objectionsAt(snapshot));
            Path specFile = work.resolve("spec.json");
            Files.writeString(specFile, spec.json(), StandardCharsets.UTF_8);
            keyDir = Files.createTempDirectory("hygie-engine-key-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path keyFile = Files.createFile(keyDir.resolve("project.key"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            byte[] key = pseudonyms.rawKeyForResearchEngine("project-" + request.project().value());
            try {
                Files.write(keyFile, key, StandardOpenOption.TRUNCATE_EXISTING);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            Path warehouse = work.resolve("warehouse");
            Path out = work.resolve("out");
            Database db = database();
            engine(jar, work, run, listener, db, "warehouse", List.of("warehouse", "--source", db.url(), "--out", warehouse.toString(),
                    "--snapshot-time", snapshot.toString(), "--objections", objectionsCsv.toString(),
                    "--partitions", Integer.toString(partitions)));
            engine(jar, work, run, listener, db, "extract", List.of("extract", "--warehouse", warehouse.toString(),
                    "--spec", specFile.toString(), "--key-file", keyFile.toString(), "--out", out.toString()));

            List<UUID> included = membership(out.resolve("membership").resolve("included.csv"));
            List<UUID> excludedIds = membership(out.resolve("membership").resolve("excluded-by-objection.csv"));
            Path project = out.resolve("project");
            checkDisclosure(project, spec, included, excludedIds);

            Map<UUID, String> excluded = new LinkedHashMap<>();
            Map<UUID, Set<ObjectionScope>> inForce = objections.inForceAt(excludedIds, snapshot);
            for (UUID p : excludedIds) {
                excluded.put(p, ObjectionPolicy.reason(inForce.getOrDefault(p, Set.of()), request.profile())
                        .map(ObjectionScope::code).orElse(""));
            }
            RunOutcome outcome = runs.recordRun(new RunReport(request.project(), snapshot, NAME, included, excluded));
            if (outcome instanceof RunOutcome.Refused refused) {
                throw new EngineFailure("La plateforme a refusé le compte rendu de l'extraction : " + refused.message()
                        + " Rien n'a été remis à l'équipe.");
            }
            UUID recorded = ((RunOutcome.Recorded) outcome).run().id();
            List<String> files = release(project, engineRuns.releaseFolder(request.project(), run));
            engineRuns.succeeded(run, recorded, included.size(), excluded.size(), files);
            log.info("Research engine run {} of project {} done: {} included, {} excluded by objection, {} files released",
                    run, request.project().value(), included.size(), excluded.size(), files.size());
        } catch (EngineFailure e) {
            log.warn("Research engine run {} of project {} failed", run, request.project().value());
            engineRuns.failed(run, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Research engine run {} failed on a file operation: {}", run, e.getClass().getSimpleName());
            engineRuns.failed(run, "Erreur de fichier sur la plateforme pendant l'extraction (" + e.getClass().getSimpleName()
                    + ") : rien n'a été remis à l'équipe.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engineRuns.failed(run, "Extraction interrompue par l'arrêt de la plateforme : rien n'a été remis à l'équipe.");
        } catch (RuntimeException e) {
            log.warn("Research engine run {} failed: {}", run, e.getClass().getName());
            engineRuns.failed(run, "Erreur interne de la plateforme pendant l'extraction (" + e.getClass().getSimpleName()
                    + ") : rien n'a été remis à l'équipe.");
        } finally {
            // The key never outlives the run; the working folder holds a pseudonymous copy of the record.
            deleteQuietly(keyDir);
            deleteQuietly(work);
        }
    }

    /** The database the engine reads, and its credentials (handed over in the environment only). */
    record Database(String url, String user, String password) {
    }

    private Database database() throws EngineFailure {
        try {
            HikariDataSource h = dataSource instanceof HikariDataSource d ? d : dataSource.unwrap(HikariDataSource.class);
            return new Database(h.getJdbcUrl(), h.getUsername(), h.getPassword());
        } catch (SQLException e) {
            throw new EngineFailure("La connexion à la base de données de la plateforme est introuvable pour le moteur d'extraction.");
        }
    }

    private void engine(Path jar, Path work, UUID run, ProgressListener listener, Database db, String job, List<String> args)
            throws IOException, InterruptedException, EngineFailure {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : javaOptions.strip().split("\\s+")) {
            if (!o.isEmpty()) {
                command.add(o);
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        command.add("--master");
        command.add(master);
        Path stderr = work.resolve(job + "-stderr.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("HYGIE_RESEARCH_JDBC_USER");
        env.remove("HYGIE_RESEARCH_JDBC_PASSWORD");
        if (db.user() != null) {
            env.put("HYGIE_RESEARCH_JDBC_USER", db.user());
        }
        if (db.password() != null) {
            env.put("HYGIE_RESEARCH_JDBC_PASSWORD", db.password());
        }
        Process p = pb.start();
        running.add(p);
        Map<String, String> result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Optional<EngineLines.Progress> progress = EngineLines.progress(line);
                if (progress.isPresent()) {
                    EngineLines.Progress pr = progress.get();
                    engineRuns.progress(run, pr.stage(), pr.done(), pr.total());
                    listener.progress(pr.stage(), pr.done(), pr.total());
                }
                Optional<Map<String, String>> res = EngineLines.result(line);
                if (res.isPresent()) {
                    result = res.get();
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                throw new EngineFailure("Le moteur d'extraction a échoué à l'étape « " + (job.equals("warehouse") ? "entrepôt" : "extraction")
                        + " » (code " + code + ") : " + cause(stderr));
            }
            if (result == null || !job.equals(result.get("job"))) {
                throw new EngineFailure("Le moteur d'extraction s'est arrêté sans compte rendu (étape " + job + ").");
            }
        } finally {
            running.remove(p);
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }
    }

    /** The engine's one-line cause ("error: …" on stderr), else its last line. */
    private static String cause(Path stderr) {
        try (Stream<String> lines = Files.lines(stderr, StandardCharsets.UTF_8)) {
            List<String> all = lines.filter(l -> !l.isBlank()).toList();
            String c = all.stream().filter(l -> l.startsWith("error: ")).map(l -> l.substring(7)).findFirst()
                    .orElse(all.isEmpty() ? "aucune cause donnée" : all.get(all.size() - 1));
            return c.length() > MAX_CAUSE ? c.substring(0, MAX_CAUSE) + "…" : c;
        } catch (IOException | UncheckedIOException e) {
            return "aucune cause lisible";
        }
    }

    /** Objections in force at the snapshot, as the engine reads them (its codes for purposes and organisation kinds). */
    private static void writeObjections(Path file, List<ObjectionRow> rows) throws IOException {
        StringBuilder csv = new StringBuilder("person_source_id,scope,recorded_at\n");
        for (ObjectionRow r : rows) {
            csv.append(r.personId()).append(',').append(ExtractionSpecs.engineScope(r.scope())).append(',').append(r.recordedAt()).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    private static List<UUID> membership(Path csv) throws IOException, EngineFailure {
        if (!Files.isRegularFile(csv)) {
            throw new EngineFailure("Le moteur d'extraction n'a pas produit la liste " + csv.getFileName() + ".");
        }
        List<UUID> ids = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            try {
                ids.add(UUID.fromString(comma < 0 ? line.strip() : line.substring(0, comma).strip()));
            } catch (IllegalArgumentException e) {
                throw new EngineFailure("La liste " + csv.getFileName() + " du moteur contient un identifiant invalide (ligne " + (i + 1) + ").");
            }
        }
        return ids;
    }

    /**
     * Nothing reaches the team unless the engine's disclosure report agrees with the membership and with the
     * specification, and the anonymisation checks passed; and no released text file carries the platform id of
     * a person of the snapshot (the project's own id, in its manifest, is not one).
     */
    static void checkDisclosure(Path project, ExtractionSpecs.Spec spec, List<UUID> includedIds, List<UUID> excludedIds)
            throws EngineFailure, IOException {
        int included = includedIds.size();
        int excluded = excludedIds.size();
        Set<String> platformIds = new java.util.HashSet<>();
        includedIds.forEach(id -> platformIds.add(id.toString()));
        excludedIds.forEach(id -> platformIds.add(id.toString()));
        Path reportFile = project.resolve("disclosure-report.json");
        if (!Files.isRegularFile(reportFile)) {
            throw new EngineFailure("Le moteur n'a pas produit son rapport de divulgation : rien n'est remis à l'équipe.");
        }
        JsonNode report = JSON.readTree(reportFile.toFile());
        List<String> problems = new ArrayList<>();
        JsonNode specJson = JSON.readTree(spec.json());
        if (!report.path("projectId").asString("").equals(specJson.path("projectId").asString(""))) {
            problems.add("le rapport concerne un autre projet");
        }
        if (!report.path("mode").asString("").equals(spec.mode())) {
            problems.add("le mode de sortie diffère de la spécification");
        }
        if (report.path("cohortSize").asLong(-1) != included) {
            problems.add("l'effectif de la cohorte (" + report.path("cohortSize").asLong(-1) + ") diffère de la liste des personnes incluses (" + included + ")");
        }
        if (report.path("objectorsExcluded").asLong(-1) != excluded) {
            problems.add("le nombre de personnes écartées par leur opposition diffère de la liste");
        }
        if (spec.mode().equals("ANONYMISED_ROWS") && report.path("rowsReleased").asLong(0) > 0) {
            JsonNode a = report.path("anonymisation");
            if (a.path("kReached").asLong(0) < a.path("kRequired").asLong(Long.MAX_VALUE)) {
                problems.add("k-anonymat non atteint");
            }
            if (!a.path("lReached").isNull() && !a.path("lReached").isMissingNode()
                    && a.path("lReached").asLong(0) < a.path("lRequired").asLong(Long.MAX_VALUE)) {
                problems.add("l-diversité non atteinte");
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(project)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if ((name.endsWith(".csv") || name.endsWith(".json")) && Files.isRegularFile(f)) {
                    try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                        if (lines.anyMatch(l -> UUID_TOKEN.matcher(l).results()
                                .anyMatch(m -> platformIds.contains(m.group().toLowerCase(java.util.Locale.ROOT))))) {
                            problems.add("le fichier " + name + " contient un identifiant de la plateforme");
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineFailure("Contrôles de divulgation non satisfaits (" + String.join(" ; ", problems)
                    + ") : rien n'est remis à l'équipe.");
        }
    }

    /** Moves the released files (and only them: no membership) to the project team's folder. */
    private static List<String> release(Path project, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(project)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.startsWith(".") && !name.startsWith("_")) {
                    Files.move(f, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The engine's jar: {@code hygie.research.engine.jar}, else the one built in the source tree the server runs from. */
    Path engineJar() throws EngineFailure {
        if (!jarProperty.isBlank()) {
            Path p = Path.of(jarProperty).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                throw new EngineFailure("Le moteur d'extraction indiqué par la propriété hygie.research.engine.jar (" + p
                        + ") est introuvable : corrigez ce chemin.");
            }
            return p;
        }
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        List<Path> looked = new ArrayList<>();
        for (Path base : cwd.getParent() == null ? List.of(cwd) : List.of(cwd, cwd.getParent())) {
            Path target = base.resolve("hygie-research-engine").resolve("target");
            looked.add(target);
            if (!Files.isDirectory(target)) {
                continue;
            }
            var matcher = FileSystems.getDefault().getPathMatcher("glob:hygie-research-engine-*.jar");
            try (Stream<Path> files = Files.list(target)) {
                Optional<Path> jar = files.filter(f -> matcher.matches(f.getFileName()))
                        .filter(f -> !f.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
                        .max(Comparator.comparing(f -> f.toFile().lastModified()));
                if (jar.isPresent() && Files.isDirectory(target.resolve("lib"))) {
                    return jar.get();
                }
            } catch (IOException e) {
                // Unreadable folder: same answer as a missing jar, below.
            }
        }
        throw new EngineFailure("Le moteur d'extraction (hygie-research-engine) est introuvable : aucun fichier "
                + "hygie-research-engine-*.jar avec son dossier lib/ dans " + looked + ". Construisez-le avec "
                + "« ./mvnw -B -q -pl hygie-research-engine -am -DskipTests package » ou indiquez son chemin avec la propriété "
                + "hygie.research.engine.jar.");
    }

    private static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the research engine's working folder {}", root);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }
}
