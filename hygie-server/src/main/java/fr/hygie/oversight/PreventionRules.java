package fr.hygie.oversight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The versioned rule set of the prevention reminders, read from {@code oversight/prevention-rules.csv}:
 * the calendars are data that a reviewer reads and approves, not code. Pure evaluation.
 */
public record PreventionRules(String version, List<PreventionRule> rules) {

    public static final String RESOURCE = "oversight/prevention-rules.csv";

    public PreventionRules {
        rules = List.copyOf(rules);
    }

    /** The rules shipped with this build. */
    public static PreventionRules shipped() {
        try (InputStream in = PreventionRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PreventionRules parse(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String version = null;
        List<PreventionRule> rules = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("version=")) {
                version = line.substring("version=".length()).trim();
                continue;
            }
            String[] f = line.split(";", -1);
            if (f.length != 10) {
                throw new IllegalArgumentException("prevention rule with " + f.length + " fields instead of 10: " + f[0]);
            }
            rules.add(new PreventionRule(f[0].trim(), f[1].trim(), f[2].trim(), Integer.parseInt(f[3].trim()),
                    Integer.parseInt(f[4].trim()), Integer.parseInt(f[5].trim()), refs(f[6]), refs(f[7]), f[8].trim(), f[9].trim()));
        }
        if (version == null) {
            throw new IllegalArgumentException("prevention rules without a version= line");
        }
        return new PreventionRules(version, rules);
    }

    private static List<PreventionRule.CodeRef> refs(String field) {
        return field.isBlank() ? List.of()
                : Arrays.stream(field.split("\\|")).map(String::trim).map(PreventionRule.CodeRef::parse).toList();
    }

    public List<DueReminder> due(PersonFacts person, LocalDate today) {
        return rules.stream().map(r -> r.evaluate(person, today)).flatMap(Optional::stream).toList();
    }

    public Optional<PreventionRule> rule(String code) {
        return rules.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
