package fr.hygie.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The matrice d'habilitation: which profession (TRE_G15 code) may see which document type (LOINC
 * code, or a Hygie pseudo-type for profile sections and wishes). It is data, loaded once at start-up
 * from a versioned CSV ({@code access/matrice-habilitation-v1.csv}), and immutable afterwards.
 *
 * <p>A type the matrix does not know is visible to médecins (10) only: a new document type must
 * not leak to every profession before someone decided who should see it (fail closed, except for
 * the profession that the DMP treats as the reference reader of the whole record). An unknown
 * profession sees nothing.
 */
public final class HabilitationMatrix {

    /** Médecin, in TRE_G15. */
    public static final String MEDECIN = "10";

    /** One row: a document type, its French label, and the professions that may see it. */
    public record Row(String typeCode, String label, Set<String> allowedProfessions) {
        public Row {
            allowedProfessions = Set.copyOf(allowedProfessions);
        }
    }

    private final String version;
    private final List<String> professions;
    private final Map<String, Row> rows;

    private HabilitationMatrix(String version, List<String> professions, Map<String, Row> rows) {
        this.version = version;
        this.professions = List.copyOf(professions);
        this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /**
     * Reads the CSV: a header {@code type_code,label,10,21,…}, then one row per type with Y/N cells.
     * Lines starting with {@code #} are comments. Anything else than Y or N is an error: a matrix
     * that cannot be read must stop the start-up, not silently open or close access.
     */
    public static HabilitationMatrix parse(String version, Reader csv) {
        Objects.requireNonNull(version, "version");
        try (BufferedReader in = new BufferedReader(csv)) {
            List<String> professions = null;
            Map<String, Row> rows = new LinkedHashMap<>();
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (professions == null) {
                    if (cells.length < 3 || !cells[0].trim().equals("type_code") || !cells[1].trim().equals("label")) {
                        throw new IllegalArgumentException("matrix header must be type_code,label,<profession codes>");
                    }
                    professions = new ArrayList<>();
                    for (int i = 2; i < cells.length; i++) {
                        professions.add(cells[i].trim());
                    }
                    continue;
                }
                if (cells.length != professions.size() + 2) {
                    throw new IllegalArgumentException("matrix line " + number + ": expected " + (professions.size() + 2) + " cells");
                }
                String type = cells[0].trim();
                List<String> allowed = new ArrayList<>();
                for (int i = 0; i < professions.size(); i++) {
                    String cell = cells[i + 2].trim();
                    if (cell.equals("Y")) {
                        allowed.add(professions.get(i));
                    } else if (!cell.equals("N")) {
                        throw new IllegalArgumentException("matrix line " + number + ": cell must be Y or N, got '" + cell + "'");
                    }
                }
                if (rows.put(type, new Row(type, cells[1].trim(), Set.copyOf(allowed))) != null) {
                    throw new IllegalArgumentException("matrix line " + number + ": type " + type + " appears twice");
                }
            }
            if (professions == null) {
                throw new IllegalArgumentException("matrix is empty");
            }
            return new HabilitationMatrix(version, professions, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of the matrix in force (e.g. "v1"), shown to auditors and in the docs. */
    public String version() {
        return version;
    }

    public List<String> professions() {
        return professions;
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    public boolean knows(String typeCode) {
        return typeCode != null && rows.containsKey(typeCode);
    }

    /** May a professional of {@code professionCode} see a document of {@code typeCode}? */
    public boolean allows(String professionCode, String typeCode) {
        if (professionCode == null) {
            return false;
        }
        Row row = typeCode == null ? null : rows.get(typeCode);
        if (row == null) {
            return MEDECIN.equals(professionCode);
        }
        return row.allowedProfessions().contains(professionCode);
    }
}
