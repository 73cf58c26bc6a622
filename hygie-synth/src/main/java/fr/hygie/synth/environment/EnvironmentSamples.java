package fr.hygie.synth.environment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sample environment and living-conditions datasets (« données environnementales et conditions de vie ») for
 * the demo of Hygie's territory pages, in the import schema of {@code docs/territory-datasets.md}
 * ({@code niveau,code,periode,variable,valeur}).
 *
 * <p>Covers every commune and département of the bundled {@code synth/communes.csv}. Values are invented but
 * plausible in order of magnitude (PM2.5, NO2 rise with town size; O3 and heat days rise southwards; monthly
 * PM2.5 peaks in winter); they are NOT measurements and must never be presented as such. Deterministic: the same
 * seed gives the same bytes.
 */
public final class EnvironmentSamples {

    /** The year of the annual values; monthly PM2.5 covers its twelve months. */
    public static final int YEAR = 2025;
    public static final long DEFAULT_SEED = 20261129L;

    private record Commune(String insee, String departement, double latitude, double longitude, long population) {
    }

    private final long seed;
    private final List<Commune> communes;

    public EnvironmentSamples(long seed) {
        this.seed = seed;
        this.communes = readCommunes();
    }

    /** The CSV text (UTF-8, LF line ends). */
    public String csv() {
        StringBuilder out = new StringBuilder();
        out.append("# Jeu d'exemple généré par hygie-synth (EnvironmentSamples, graine ").append(seed)
                .append(") : valeurs fictives, pas des mesures.\n");
        out.append("niveau,code,periode,variable,valeur\n");
        for (Commune c : communes) {
            SplittableRandom r = random("commune", c.insee());
            double size = Math.log10(Math.max(1000, c.population()));
            double south = Math.max(0, 46.5 - c.latitude());
            line(out, "commune", c.insee(), String.valueOf(YEAR), "pm25", clip(4.0 + 1.7 * (size - 3) + 0.5 * south + gauss(r, 0.9), 2, 60));
            line(out, "commune", c.insee(), String.valueOf(YEAR), "no2", clip(6.0 + 6.5 * (size - 3) + gauss(r, 2.5), 2, 90));
            line(out, "commune", c.insee(), String.valueOf(YEAR), "o3", clip(48.0 + 4.5 * south - 1.2 * (size - 3) + gauss(r, 2.0), 20, 120));
        }
        Map<String, List<Commune>> byDepartement = new LinkedHashMap<>();
        for (Commune c : communes) {
            byDepartement.computeIfAbsent(c.departement(), d -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<Commune>> e : byDepartement.entrySet()) {
            String d = e.getKey();
            List<Commune> cs = e.getValue();
            double lat = cs.stream().mapToDouble(Commune::latitude).average().orElse(46.5);
            double lon = cs.stream().mapToDouble(Commune::longitude).average().orElse(2.5);
            long population = cs.stream().mapToLong(Commune::population).sum();
            boolean overseas = d.length() == 3;
            SplittableRandom r = random("departement", d);
            double south = Math.max(0, 46.5 - lat);
            double continental = Math.max(0, lon - 2.0);
            double heat = overseas ? 40 + gauss(r, 8) : 4 + 3.2 * south + 1.2 * continental + gauss(r, 2.0);
            line(out, "departement", d, String.valueOf(YEAR), "jours_chaleur", clip(heat, 0, 180));
            double deprivation = (overseas ? 2.2 : 0) + 0.35 * (Math.log10(Math.max(1000, population)) - 5) + gauss(r, 0.8);
            line(out, "departement", d, String.valueOf(YEAR), "indice_defavorisation", clip(deprivation, -5, 5));
            double crowding = (overseas ? 14 : 4) + 2.5 * (Math.log10(Math.max(1000, population)) - 5) + gauss(r, 1.2);
            line(out, "departement", d, String.valueOf(YEAR), "suroccupation_logement", clip(crowding, 0.5, 40));
            double yearly = cs.stream().mapToDouble(c -> 4.0 + 1.7 * (Math.log10(Math.max(1000, c.population())) - 3)).average().orElse(8);
            for (int month = 1; month <= 12; month++) {
                double seasonal = 1 + 0.35 * Math.cos(2 * Math.PI * (month - 1) / 12.0);
                line(out, "departement", d, String.format(Locale.ROOT, "%d-%02d", YEAR, month), "pm25",
                        clip(yearly * seasonal + gauss(r, 0.6), 2, 80));
            }
        }
        return out.toString();
    }

    /** Writes {@link #csv()} to {@code file}. */
    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(csv());
        }
    }

    /** {@code java -cp hygie-synth.jar fr.hygie.synth.environment.EnvironmentSamples FILE [SEED]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: EnvironmentSamples FILE [SEED]");
        }
        new EnvironmentSamples(args.length == 2 ? Long.parseLong(args[1]) : DEFAULT_SEED).write(Path.of(args[0]));
    }

    private SplittableRandom random(String level, String code) {
        return new SplittableRandom(seed * 31 + (level + ":" + code).hashCode());
    }

    private static double gauss(SplittableRandom r, double sd) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double clip(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static void line(StringBuilder out, String level, String code, String period, String variable, double value) {
        out.append(level).append(',').append(code).append(',').append(period).append(',').append(variable).append(',')
                .append(String.format(Locale.ROOT, "%.1f", value)).append('\n');
    }

    private static List<Commune> readCommunes() {
        try (InputStream in = EnvironmentSamples.class.getResourceAsStream("/synth/communes.csv")) {
            if (in == null) {
                throw new IllegalStateException("synth/communes.csv missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Commune> list = new ArrayList<>();
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                list.add(new Commune(f[0], f[3], Double.parseDouble(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8])));
            }
            return List.copyOf(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
