package fr.hygie.research.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's stdout protocol (docs/research-engine.md): {@code PROGRESS stage=<name> done=<n> total=<m>}
 * lines while it works, one {@code RESULT <job> key=value…} line at the end. Lines carry counts, never data.
 */
final class EngineLines {

    /** One progress line. */
    record Progress(String stage, long done, long total) {
    }

    private static final Pattern PROGRESS = Pattern.compile("^PROGRESS stage=([A-Za-z0-9._-]{1,64}) done=(\\d{1,9}) total=(\\d{1,9})$");
    private static final Pattern RESULT = Pattern.compile("^RESULT ([a-z]+)((?: [A-Za-z]+=\\S*)*)$");

    private EngineLines() {
    }

    static Optional<Progress> progress(String line) {
        Matcher m = PROGRESS.matcher(line.strip());
        return m.matches() ? Optional.of(new Progress(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))))
                : Optional.empty();
    }

    /** The key/value pairs of a RESULT line, with the job under {@code "job"}. */
    static Optional<Map<String, String>> result(String line) {
        Matcher m = RESULT.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("job", m.group(1));
        for (String pair : m.group(2).strip().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Optional.of(out);
    }
}
