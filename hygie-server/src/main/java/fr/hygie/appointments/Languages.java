package fr.hygie.appointments;

import java.util.LinkedHashMap;
import java.util.Map;

/** Languages a professional may declare (ISO 639-1) and their French names, for filters and pages. */
public final class Languages {

    private static final Map<String, String> LABELS = labels();

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fr", "français");
        m.put("en", "anglais");
        m.put("es", "espagnol");
        m.put("de", "allemand");
        m.put("it", "italien");
        m.put("pt", "portugais");
        m.put("ar", "arabe");
        m.put("zh", "chinois");
        m.put("ru", "russe");
        m.put("tr", "turc");
        m.put("ro", "roumain");
        m.put("pl", "polonais");
        m.put("vi", "vietnamien");
        m.put("lsf", "langue des signes française");
        return java.util.Collections.unmodifiableMap(m);
    }

    private Languages() {
    }

    public static Map<String, String> all() {
        return LABELS;
    }

    public static String label(String code) {
        return LABELS.getOrDefault(code, code);
    }

    public static boolean known(String code) {
        return LABELS.containsKey(code);
    }
}
