package fr.hygie.prescriptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The bundled formulary subset (« liste restreinte ») a prescriber picks from: about a hundred common
 * medications with their ATC code and about twenty laboratory tests with their LOINC code. Source and
 * licence are in {@code prescriptions/formulaire.csv}.
 */
@Component
public class Formulary {

    static final String RESOURCE = "/prescriptions/formulaire.csv";

    /** One entry: its id in the list, what it is, its code (ATC or LOINC), its French label and form. */
    public record Entry(String id, PrescriptionKind kind, String code, String label, String form) {

        public String display() {
            return label + ", " + form;
        }
    }

    private final Map<String, Entry> entries;

    public Formulary() {
        this.entries = load();
    }

    public List<Entry> of(PrescriptionKind kind) {
        return entries.values().stream().filter(e -> e.kind() == kind).toList();
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(id == null ? null : entries.get(id.strip()));
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> map = new LinkedHashMap<>();
        try (InputStream in = Formulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>(r.lines().toList());
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(";", -1);
                if (f.length != 5) {
                    throw new IllegalStateException("Bad formulary line: " + line);
                }
                map.put(f[0], new Entry(f[0], PrescriptionKind.valueOf(f[1]), f[2], f[3], f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
