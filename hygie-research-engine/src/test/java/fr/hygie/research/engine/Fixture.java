package fr.hygie.research.engine;

import fr.hygie.research.engine.warehouse.SynthNdjsonSource;
import fr.hygie.synth.GenerationSpec;
import fr.hygie.synth.NdjsonPopulationWriter;
import fr.hygie.synth.SynthPerson;
import fr.hygie.synth.SyntheticPopulation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * What the engine's tests share in their one JVM: one Spark session, one synthetic population of 10,000
 * persons (hygie-synth, seed 7), its objections and one warehouse snapshot built from them. Built on
 * first use, reused by every test class (a Spark session and a warehouse take seconds to build).
 */
public final class Fixture {

    public static final int PERSONS = 10_000;
    public static final String SNAPSHOT = "2026-01-01T00:00:00Z";
    public static final byte[] KEY_A = bytes(32, 1);
    public static final byte[] KEY_B = bytes(32, 2);

    private static Fixture instance;

    public final SparkSession spark;
    public final Path root;
    public final Path synth;
    public final Path objections;
    public final Path warehouse;
    public final Path keyA;
    public final Path keyB;
    public final List<SynthPerson> persons = new ArrayList<>();

    public static synchronized Fixture get() {
        if (instance == null) {
            instance = new Fixture();
        }
        return instance;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    private Fixture() {
        try {
            root = Path.of("target", "engine-test").toAbsolutePath();
            Files.createDirectories(root);
            synth = root.resolve("synth");
            SyntheticPopulation population = new SyntheticPopulation(new GenerationSpec(PERSONS, 7));
            try (NdjsonPopulationWriter w = new NdjsonPopulationWriter(synth)) {
                population.writeTo(w);
            }
            for (int i = 0; i < PERSONS; i++) {
                persons.add(population.person(i));
            }
            objections = root.resolve("objections.csv");
            Files.writeString(objections, objectionsCsv());
            keyA = root.resolve("project-a.key");
            keyB = root.resolve("project-b.key");
            Files.write(keyA, KEY_A);
            Files.write(keyB, KEY_B);
            spark = SparkSessions.create("local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
            warehouse = root.resolve("warehouse");
            Run r = run("warehouse", "--source", "synth:" + synth, "--out", warehouse.toString(),
                    "--snapshot-time", SNAPSHOT, "--objections", objections.toString());
            if (r.exit != 0) {
                throw new IllegalStateException("warehouse failed: " + r.err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Person i objects according to i % 20: 0 GLOBAL, 1 PURPOSE:SCIENTIFIC_RESEARCH, 2 ORG_KIND:COMMERCIAL,
     * 3 PLACE:FRANCE_ONLY, 4 PLACE:EU_ONLY, 5 GLOBAL recorded after the snapshot, 6 GLOBAL withdrawn before
     * the snapshot, 7 PURPOSE:OFFICIAL_STATISTICS; others have no objection.
     */
    static String objectionsCsv() {
        StringBuilder b = new StringBuilder("person_source_id,scope,recorded_at,withdrawn_at\n");
        for (int i = 0; i < PERSONS; i++) {
            String id = SynthNdjsonSource.personSourceId(i);
            switch (i % 20) {
                case 0 -> b.append(id).append(",GLOBAL,2025-03-01T10:00:00Z,\n");
                case 1 -> b.append(id).append(",PURPOSE:SCIENTIFIC_RESEARCH,2025-03-01T10:00:00Z,\n");
                case 2 -> b.append(id).append(",ORG_KIND:COMMERCIAL,2025-03-01T10:00:00Z,\n");
                case 3 -> b.append(id).append(",PLACE:FRANCE_ONLY,2025-03-01T10:00:00Z,\n");
                case 4 -> b.append(id).append(",PLACE:EU_ONLY,2025-03-01T10:00:00Z,\n");
                case 5 -> b.append(id).append(",GLOBAL,2026-02-01T10:00:00Z,\n");
                case 6 -> b.append(id).append(",GLOBAL,2024-01-01T10:00:00Z,2025-06-01T00:00:00Z\n");
                case 7 -> b.append(id).append(",PURPOSE:OFFICIAL_STATISTICS,2025-03-01T10:00:00Z,\n");
                default -> {
                }
            }
        }
        return b.toString();
    }

    public record Run(int exit, String out, String err) {
    }

    public Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EngineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> spark);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes the specification and runs an extraction into {@code root/runs/<name>}. */
    public Path extract(String name, String spec, Path keyFile) {
        try {
            Path dir = root.resolve("runs").resolve(name);
            Files.createDirectories(dir.getParent());
            Path specFile = root.resolve("runs").resolve(name + ".spec.json");
            Files.writeString(specFile, spec);
            List<String> args = new ArrayList<>(List.of("extract", "--warehouse", warehouse.toString(), "--spec",
                    specFile.toString(), "--out", dir.toString()));
            if (keyFile != null) {
                args.add("--key-file");
                args.add(keyFile.toString());
            }
            Run r = run(args.toArray(new String[0]));
            if (r.exit != 0) {
                throw new IllegalStateException("extract " + name + " failed (" + r.exit + "): " + r.err);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
