package fr.hygie.territory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The administrative geography (« Code officiel géographique »): the 101 départements with their région, read
 * once from the bundled {@code territory/departements.csv}. A commune belongs to the département given by its
 * INSEE code (2 characters, or 3 overseas). Immutable.
 */
@Component
public class Geography {

    static final String RESOURCE = "territory/departements.csv";

    private final Map<String, Territory> departements;
    private final Map<String, Territory> regions;
    private final Territory france;

    public Geography() {
        Map<String, Territory> deps = new LinkedHashMap<>();
        Map<String, List<Territory>> byRegion = new LinkedHashMap<>();
        Map<String, String> regionNames = new LinkedHashMap<>();
        for (String[] f : rows()) {
            Territory d = new Territory(TerritoryLevel.DEPARTEMENT, f[0], f[1], f[2], Double.parseDouble(f[4]), Double.parseDouble(f[5]));
            deps.put(d.code(), d);
            byRegion.computeIfAbsent(f[2], r -> new ArrayList<>()).add(d);
            regionNames.put(f[2], f[3]);
        }
        Map<String, Territory> regs = new LinkedHashMap<>();
        byRegion.keySet().stream().sorted().forEach(code -> {
            List<Territory> ds = byRegion.get(code);
            regs.put(code, new Territory(TerritoryLevel.REGION, code, regionNames.get(code), Territory.FRANCE_CODE,
                    ds.stream().mapToDouble(Territory::latitude).average().orElse(0),
                    ds.stream().mapToDouble(Territory::longitude).average().orElse(0)));
        });
        this.departements = Collections.unmodifiableMap(deps);
        this.regions = Collections.unmodifiableMap(regs);
        this.france = new Territory(TerritoryLevel.FRANCE, Territory.FRANCE_CODE, "France", null, 46.6, 2.4);
    }

    public List<Territory> departements() {
        return List.copyOf(departements.values());
    }

    public List<Territory> regions() {
        return List.copyOf(regions.values());
    }

    public Territory france() {
        return france;
    }

    /** The territories of one level, in COG order. */
    public List<Territory> at(TerritoryLevel level) {
        switch (level) {
            case DEPARTEMENT:
                return departements();
            case REGION:
                return regions();
            default:
                return List.of(france);
        }
    }

    public Optional<Territory> find(TerritoryLevel level, String code) {
        if (code == null) {
            return Optional.empty();
        }
        switch (level) {
            case DEPARTEMENT:
                return Optional.ofNullable(departements.get(code.strip().toUpperCase(java.util.Locale.ROOT)));
            case REGION:
                return Optional.ofNullable(regions.get(code.strip()));
            default:
                return Territory.FRANCE_CODE.equalsIgnoreCase(code.strip()) ? Optional.of(france) : Optional.empty();
        }
    }

    /** The département of a commune INSEE code, if it is one of ours. */
    public Optional<Territory> departementOfCommune(String insee) {
        if (insee == null || insee.length() != 5) {
            return Optional.empty();
        }
        String code = insee.startsWith("97") || insee.startsWith("98") ? insee.substring(0, 3) : insee.substring(0, 2);
        return Optional.ofNullable(departements.get(code.toUpperCase(java.util.Locale.ROOT)));
    }

    /** The département's région code, or the région's parent ({@code FR}). */
    public String parentOf(TerritoryLevel level, String code) {
        return find(level, code).map(Territory::parentCode).orElse(null);
    }

    private static List<String[]> rows() {
        try (InputStream in = Geography.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
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
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
