package fr.hygie.synth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Command line: {@code java -cp hygie-synth.jar fr.hygie.synth.SynthCli --persons N --seed S --out DIR}.
 * Writes structures.ndjson, professionals.ndjson, persons.ndjson and events.ndjson into DIR and
 * prints a summary. Exit codes: 0 done, 2 bad arguments, 1 failure while writing.
 */
public final class SynthCli {

    static final String USAGE = "usage: java -cp hygie-synth.jar fr.hygie.synth.SynthCli --persons N --seed S --out DIR\n"
            + "  --persons N  number of persons, " + GenerationSpec.MIN_PERSONS + " to " + GenerationSpec.MAX_PERSONS + "\n"
            + "  --seed S     any 64-bit integer; same seed and size give byte-identical files\n"
            + "  --out DIR    output directory (created if missing; files in it are overwritten)";

    private SynthCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command and returns its exit code; all output goes to the given streams. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Integer persons = null;
        Long seed = null;
        Path dir = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                }
                if (!arg.equals("--persons") && !arg.equals("--seed") && !arg.equals("--out")) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--persons" -> {
                        if (persons != null) {
                            throw new IllegalArgumentException("--persons given twice");
                        }
                        persons = parseInt(value, "--persons");
                        if (persons < GenerationSpec.MIN_PERSONS || persons > GenerationSpec.MAX_PERSONS) {
                            throw new IllegalArgumentException("--persons must be between " + GenerationSpec.MIN_PERSONS
                                    + " and " + GenerationSpec.MAX_PERSONS + ", got " + persons);
                        }
                    }
                    case "--seed" -> {
                        if (seed != null) {
                            throw new IllegalArgumentException("--seed given twice");
                        }
                        try {
                            seed = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--seed must be an integer, got '" + value + "'");
                        }
                    }
                    default -> {
                        if (dir != null) {
                            throw new IllegalArgumentException("--out given twice");
                        }
                        if (value.isBlank()) {
                            throw new IllegalArgumentException("--out must name a directory");
                        }
                        dir = Path.of(value);
                    }
                }
            }
            if (persons == null || seed == null || dir == null) {
                throw new IllegalArgumentException("missing " + (persons == null ? "--persons" : seed == null ? "--seed" : "--out"));
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }

        long start = System.nanoTime();
        GenerationSpec spec = new GenerationSpec(persons, seed);
        try (NdjsonPopulationWriter writer = new NdjsonPopulationWriter(dir)) {
            new SyntheticPopulation(spec).writeTo(writer);
            double seconds = (System.nanoTime() - start) / 1e9;
            long events = writer.eventCounts().values().stream().mapToLong(Long::longValue).sum();
            out.println("Synthetic population, seed " + seed + ", written to " + dir.toAbsolutePath());
            out.println("  structures:    " + writer.structureCount());
            out.println("  professionals: " + writer.professionalCount());
            out.println("  persons:       " + writer.personCount());
            out.println("  events:        " + events);
            for (Map.Entry<String, Long> e : writer.eventCounts().entrySet()) {
                out.println("    " + e.getKey() + ": " + e.getValue());
            }
            out.println(String.format(Locale.ROOT, "  time:          %.1f s", seconds));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("error: could not write the population to " + dir + ": " + e);
            return 1;
        }
    }

    private static int parseInt(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, got '" + value + "'");
        }
    }
}
