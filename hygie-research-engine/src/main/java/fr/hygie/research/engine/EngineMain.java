package fr.hygie.research.engine;

import fr.hygie.research.engine.extract.ExtractionJob;
import fr.hygie.research.engine.io.Storage;
import fr.hygie.research.engine.warehouse.JdbcSource;
import fr.hygie.research.engine.warehouse.SynthNdjsonSource;
import fr.hygie.research.engine.warehouse.WarehouseJob;
import fr.hygie.research.engine.warehouse.WarehouseSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Command line of the research engine, run in its own JVM (by hand, or later launched by the server's
 * research module). Stdout carries only {@code PROGRESS stage=… done=… total=…} lines and a final
 * {@code RESULT …} line; diagnostics go to stderr. Exit codes: 0 done, 1 failed (cause on stderr,
 * one line starting with "error: "), 2 bad usage.
 */
public final class EngineMain {

    static final String USAGE = String.join("\n",
            "usage: hygie-research-engine <command> [options]",
            "  warehouse --source synth:DIR|jdbc:postgresql://HOST/DB --out DIR",
            "            [--snapshot-time ISO_INSTANT] [--objections FILE.csv|DIR.parquet] [--concept-map FILE.csv]",
            "            [--partitions N (jdbc)]",
            "  extract   --warehouse DIR --spec spec.json --out DIR [--key-file FILE] [--objections FILE]",
            "common:     [--master SPARK_MASTER (default local[*], or $HYGIE_SPARK_MASTER)] [--conf key=value]...",
            "Paths may be local or any Hadoop-compatible URI (hdfs://, s3a://...). JDBC credentials come from",
            "$HYGIE_RESEARCH_JDBC_USER and $HYGIE_RESEARCH_JDBC_PASSWORD.");

    private static final Set<String> WAREHOUSE_OPTIONS = Set.of("--source", "--out", "--snapshot-time", "--objections",
            "--concept-map", "--partitions", "--master", "--conf");
    private static final Set<String> EXTRACT_OPTIONS = Set.of("--warehouse", "--spec", "--out", "--key-file",
            "--objections", "--master", "--conf");

    private EngineMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, null));
    }

    /**
     * Runs one command. With {@code session == null} a session is created from the options and stopped at
     * the end; a given session (tests) is used and left running.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Supplier<SparkSession> session) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Map<String, String> options = new HashMap<>();
        Map<String, String> conf = new LinkedHashMap<>();
        try {
            Set<String> allowed = switch (command) {
                case "warehouse" -> WAREHOUSE_OPTIONS;
                case "extract" -> EXTRACT_OPTIONS;
                default -> throw new IllegalArgumentException("unknown command '" + command + "'");
            };
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                if (!allowed.contains(a)) {
                    throw new IllegalArgumentException("unknown option '" + a + "' for " + command);
                }
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = rest.get(++i);
                if (a.equals("--conf")) {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--conf needs key=value");
                    }
                    conf.put(v.substring(0, eq), v.substring(eq + 1));
                } else if (options.put(a, v) != null) {
                    throw new IllegalArgumentException(a + " given twice");
                }
            }
            List<String> required = command.equals("warehouse") ? List.of("--source", "--out")
                    : List.of("--warehouse", "--spec", "--out");
            for (String r : required) {
                if (!options.containsKey(r)) {
                    throw new IllegalArgumentException("missing " + r);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }

        Progress progress = new Progress(out);
        RunLog log = new RunLog(Clock.systemUTC());
        SparkSession spark = null;
        String logTarget = null;
        try {
            spark = session != null ? session.get() : SparkSessions.create(options.get("--master"), conf);
            if (command.equals("warehouse")) {
                logTarget = Storage.child(Storage.normalise(options.get("--out")), "warehouse.log");
                Instant snapshot = options.containsKey("--snapshot-time") ? parseInstant(options.get("--snapshot-time"))
                        : Instant.now().truncatedTo(ChronoUnit.SECONDS);
                Map<String, Long> counts = new WarehouseJob(spark, progress, log).run(source(options), options.get("--out"),
                        snapshot, options.get("--objections"), options.get("--concept-map"));
                out.println("RESULT warehouse persons=" + counts.get("person") + " snapshotTime=" + snapshot);
            } else {
                logTarget = Storage.child(Storage.normalise(options.get("--out")), "run.log");
                byte[] spec = readLocalOrRemote(spark, options.get("--spec"), "specification");
                byte[] key = options.containsKey("--key-file") ? readLocalOrRemote(spark, options.get("--key-file"), "key file")
                        : null;
                ExtractionJob.Result r = new ExtractionJob(spark, progress, log).run(options.get("--warehouse"), spec, key,
                        options.get("--objections"), options.get("--out"));
                if (key != null) {
                    Arrays.fill(key, (byte) 0);
                }
                out.println("RESULT extract cohort=" + r.report().get("cohortSize") + " objectorsExcluded="
                        + r.report().get("objectorsExcluded") + " rowsReleased=" + r.report().get("rowsReleased"));
            }
            writeLog(spark, logTarget, log);
            return 0;
        } catch (EngineException e) {
            log.info("failed: " + e.getMessage());
            writeLog(spark, logTarget, log);
            err.println("error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            log.info("failed: internal error " + e.getClass().getName());
            writeLog(spark, logTarget, log);
            err.println("error: internal error in the research engine: " + e);
            return 1;
        } finally {
            if (session == null && spark != null) {
                spark.stop();
            }
        }
    }

    private static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new EngineException("--snapshot-time must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '"
                    + value + "'");
        }
    }

    private static WarehouseSource source(Map<String, String> options) {
        String s = options.get("--source");
        if (s.startsWith("synth:")) {
            return new SynthNdjsonSource(s.substring("synth:".length()));
        }
        if (s.startsWith("jdbc:postgresql:")) {
            int partitions;
            try {
                partitions = Integer.parseInt(options.getOrDefault("--partitions", "8"));
            } catch (NumberFormatException e) {
                throw new EngineException("--partitions must be an integer");
            }
            return new JdbcSource(s, System.getenv("HYGIE_RESEARCH_JDBC_USER"), System.getenv("HYGIE_RESEARCH_JDBC_PASSWORD"),
                    partitions);
        }
        throw new EngineException("--source must be synth:DIR (hygie-synth NDJSON) or jdbc:postgresql://… , got '" + s + "'");
    }

    private static byte[] readLocalOrRemote(SparkSession spark, String location, String what) {
        Path local = Path.of(location);
        try {
            if (!location.contains("://")) {
                if (!Files.isRegularFile(local)) {
                    throw new EngineException("The " + what + " " + location + " does not exist or is not a file");
                }
                return Files.readAllBytes(local);
            }
        } catch (IOException e) {
            throw new EngineException("Cannot read the " + what + " " + location + ": " + e.getMessage(), e);
        }
        return new Storage(spark).readBytes(location);
    }

    private static void writeLog(SparkSession spark, String target, RunLog log) {
        if (spark == null || target == null) {
            return;
        }
        try {
            new Storage(spark).writeString(target, log.text());
        } catch (RuntimeException e) {
            // The log is a convenience; its failure must not hide the run's own outcome.
        }
    }
}
