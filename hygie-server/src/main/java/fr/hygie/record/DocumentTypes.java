package fr.hygie.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bundled catalogue of document types ({@code record/document-types.csv}). */
public final class DocumentTypes {

    private static final DocumentTypes BUNDLED = load();

    private final Map<String, DocumentType> byCode;

    private DocumentTypes(Map<String, DocumentType> byCode) {
        this.byCode = byCode;
    }

    public static DocumentTypes bundled() {
        return BUNDLED;
    }

    public Optional<DocumentType> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public String label(String code) {
        return find(code).map(DocumentType::label).orElse(code);
    }

    public List<DocumentType> all() {
        return List.copyOf(byCode.values());
    }

    private static DocumentTypes load() {
        Map<String, DocumentType> map = new LinkedHashMap<>();
        try (var in = DocumentTypes.class.getResourceAsStream("/record/document-types.csv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("code;")).forEach(l -> {
                String[] f = l.split(";", -1);
                map.put(f[0], new DocumentType(f[0], f[1], f[2]));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DocumentTypes(map);
    }
}
