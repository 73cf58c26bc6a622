package fr.hygie.oversight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Age bands and régions for reports by group (coverage, bias): coarse on purpose, so that groups stay
 * large enough to be published (see {@link SmallCounts}).
 */
public final class Territories {

    public static final String UNKNOWN = "Inconnue";

    private final Map<String, String> regionByDepartement;

    private Territories(Map<String, String> regionByDepartement) {
        this.regionByDepartement = Map.copyOf(regionByDepartement);
    }

    public static Territories shipped() {
        try (InputStream in = Territories.class.getClassLoader().getResourceAsStream("oversight/regions.csv")) {
            Map<String, String> map = new HashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && !line.startsWith("departement;") && line.contains(";")) {
                    String[] f = line.split(";");
                    map.put(f[0].trim(), f[1].trim());
                }
            }
            return new Territories(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The région of an INSEE commune code (« 69388 » → Auvergne-Rhône-Alpes). */
    public String region(String communeInsee) {
        if (communeInsee == null || communeInsee.length() < 2) {
            return UNKNOWN;
        }
        String c = communeInsee.trim();
        String dep = c.startsWith("97") || c.startsWith("98") ? c.substring(0, Math.min(3, c.length())) : c.substring(0, 2);
        return regionByDepartement.getOrDefault(dep, UNKNOWN);
    }

    public static String ageBand(int age) {
        if (age < 18) {
            return "0-17";
        }
        if (age < 25) {
            return "18-24";
        }
        if (age < 50) {
            return "25-49";
        }
        if (age < 65) {
            return "50-64";
        }
        if (age < 75) {
            return "65-74";
        }
        return "75+";
    }
}
