package fr.hygie.research.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/** Reads outputs back as plain text, independently of the engine's own code paths. */
final class OutputFiles {

    private OutputFiles() {
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file as text: Parquet decoded (each cell as a string), everything else as UTF-8. */
    static String text(Path file) {
        try {
            if (file.toString().endsWith(".parquet")) {
                StringBuilder b = new StringBuilder();
                for (Row r : Fixture.get().spark.read().parquet(file.toString()).collectAsList()) {
                    for (int i = 0; i < r.length(); i++) {
                        b.append(r.isNullAt(i) ? "" : String.valueOf(r.get(i))).append(i + 1 < r.length() ? "," : "\n");
                    }
                }
                return b.toString();
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A simple CSV as header → column values (no quoted commas in our outputs). */
    static List<Map<String, String>> csv(Path file) {
        List<String> lines = text(file).lines().toList();
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    static Map<String, String> hashes(Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (Path f : files(dir)) {
            try {
                out.put(dir.relativize(f).toString(), fr.hygie.research.engine.io.Storage.sha256(Files.readAllBytes(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
