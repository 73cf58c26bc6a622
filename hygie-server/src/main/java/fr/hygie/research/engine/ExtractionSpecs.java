package fr.hygie.research.engine;

import fr.hygie.research.ExtractionRequest;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.Purpose;
import fr.hygie.research.RequestedVariable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an approved project into the engine's extraction specification (spécification d'extraction,
 * {@code extraction-spec-v1.schema.json}). Pure: no database, no clock.
 *
 * <p>A project's requested data are free text written for the committee; the engine needs codes. The
 * mapping is deliberately literal, so that nothing is released that the permit does not name
 * (minimisation, EHDS art. 66):
 * <ul>
 * <li>engine codes written in the text are taken as they are ({@code condition:E11}, {@code drug:A10},
 * {@code measurement_last:4548-4});</li>
 * <li>"âge"/"naissance" → {@code age}, "sexe" → {@code sex}, "commune"/"département"/"région" → the one
 * territorial variable (the first named);</li>
 * <li>CIM-10 codes (a category about diagnoses or the word "CIM") → {@code condition:<code>}; ATC codes (a
 * category about drugs or vaccines, or the word "ATC") → {@code drug:<code>}; LOINC codes, and "HbA1c" →
 * {@code measurement_last:<code>}. Code ranges ("J00-J22") are not expanded;</li>
 * <li>a requested "identifiant pseudonymisé" asks for pseudonymised rows (it must be justified like any
 * other datum, EHDS art. 66(3)); "agrégats"/"effectifs" ask for aggregates; otherwise anonymised rows
 * (k = 11) — the least identifying form that keeps one row a person;</li>
 * <li>a population described as adults ("adulte") is cut at 18 years, minors ("mineur", "enfant") below 18.</li>
 * </ul>
 * Requested data that map to nothing are listed in {@link Spec#unmapped()} and shown to the team; a
 * project where nothing maps is not run.
 */
final class ExtractionSpecs {

    /** The built specification, its output mode, and the requested data that could not be mapped. */
    record Spec(String json, String mode, List<String> variables, List<String> unmapped) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ENGINE_CODE = Pattern.compile(
            "\\b(?:condition|condition_first_date|drug):[A-Z][0-9A-Z.]{1,9}\\b|\\bmeasurement_last:[0-9]{1,7}-[0-9]\\b");
    private static final Pattern CODE_RANGE = Pattern.compile("\\b[A-Z][0-9]{2}(?:\\.[0-9A-Z]{1,4})?\\s*-\\s*[A-Z][0-9]{2}(?:\\.[0-9A-Z]{1,4})?\\b");
    private static final Pattern CIM10 = Pattern.compile("\\b[A-Z][0-9]{2}(?:\\.?[0-9A-Z]{1,4})?\\b");
    private static final Pattern ATC = Pattern.compile("\\b[A-Z][0-9]{2}(?:[A-Z](?:[A-Z](?:[0-9]{2})?)?)?\\b");
    private static final Pattern LOINC = Pattern.compile("\\b[0-9]{1,7}-[0-9]\\b");
    private static final Pattern AGE = Pattern.compile("\\bages?\\b");
    private static final Set<String> TERRITORIAL = Set.of("commune", "department", "region");

    private ExtractionSpecs() {
    }

    static Spec build(ExtractionRequest request) {
        Set<String> variables = new LinkedHashSet<>();
        List<String> unmapped = new ArrayList<>();
        boolean pseudonymised = false;
        boolean aggregates = false;
        for (RequestedVariable v : request.variables()) {
            String text = v.variable() == null ? "" : v.variable();
            String category = plain(v.category());
            String plain = plain(text);
            Set<String> found = new LinkedHashSet<>();
            Matcher m = ENGINE_CODE.matcher(text);
            while (m.find()) {
                found.add(m.group());
            }
            String rest = ENGINE_CODE.matcher(text).replaceAll(" ");
            boolean hadRange = CODE_RANGE.matcher(rest).find();
            rest = CODE_RANGE.matcher(rest).replaceAll(" ");
            if (plain.contains("pseudonym")) {
                pseudonymised = true;
                found.add("(pseudonyme)");
            }
            if (plain.contains("agreg") || plain.contains("effectif") || plain.contains("comptage")) {
                aggregates = true;
                found.add("(agrégats)");
            }
            if (AGE.matcher(plain).find() || plain.contains("naissance")) {
                found.add("age");
            }
            if (plain.contains("sexe")) {
                found.add("sex");
            }
            if (plain.contains("commune")) {
                found.add("commune");
            }
            if (plain.contains("departement")) {
                found.add("department");
            }
            if (plain.contains("region")) {
                found.add("region");
            }
            boolean diagnoses = category.contains("diagnostic") || category.contains("maladie") || category.contains("antecedent")
                    || plain.contains("cim");
            boolean drugs = category.contains("medicament") || category.contains("traitement") || category.contains("vaccin")
                    || plain.contains("atc");
            String withoutLoinc = LOINC.matcher(rest).replaceAll(" ");
            Matcher loinc = LOINC.matcher(rest);
            while (loinc.find()) {
                found.add("measurement_last:" + loinc.group());
            }
            if (plain.contains("hba1c")) {
                found.add("measurement_last:4548-4");
            }
            if (diagnoses && !drugs) {
                Matcher c = CIM10.matcher(withoutLoinc.replace("CIM-10", " ").replace("HbA1c", " "));
                while (c.find()) {
                    found.add("condition:" + c.group());
                }
            } else if (drugs) {
                Matcher c = ATC.matcher(withoutLoinc.replace("HbA1c", " "));
                while (c.find()) {
                    found.add("drug:" + c.group());
                }
            }
            found.forEach(f -> {
                if (!f.startsWith("(")) {
                    variables.add(f);
                }
            });
            if (found.isEmpty() || hadRange && found.stream().noneMatch(f -> f.startsWith("condition:") || f.startsWith("drug:"))) {
                unmapped.add(v.variable());
            }
        }
        // The engine accepts one territorial variable: keep the first requested.
        String territory = variables.stream().filter(TERRITORIAL::contains).findFirst().orElse(null);
        variables.removeIf(x -> TERRITORIAL.contains(x) && !x.equals(territory));
        String mode = pseudonymised ? "PSEUDONYMISED_ROWS" : aggregates ? "AGGREGATES" : "ANONYMISED_ROWS";
        if (mode.equals("AGGREGATES")) {
            // A per-person value cannot be counted (the engine refuses it): it is not extracted.
            variables.stream().filter(x -> x.startsWith("measurement_last:")).forEach(x -> unmapped.add(x + " (valeur individuelle)"));
            variables.removeIf(x -> x.startsWith("measurement_last:"));
        }

        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("projectId", "project-" + request.project().value());
        root.put("purpose", purpose(request.profile().purpose()));
        root.put("organisationKind", organisationKind(request.profile().organisationKind()));
        root.put("placeOfProcessing", request.profile().place().name());
        String population = plain(request.population());
        if (population.contains("adulte") || population.contains("majeur")) {
            root.putObject("cohort").putObject("age").put("min", 18);
        } else if (population.contains("mineur") || population.contains("enfant")) {
            root.putObject("cohort").putObject("age").put("max", 17);
        }
        ArrayNode vars = root.putArray("variables");
        variables.forEach(vars::add);
        ObjectNode output = root.putObject("output");
        output.put("mode", mode);
        if (mode.equals("ANONYMISED_ROWS")) {
            ArrayNode qis = output.putArray("quasiIdentifiers");
            variables.stream().filter(x -> x.equals("age") || x.equals("sex") || TERRITORIAL.contains(x)).forEach(qis::add);
            output.put("k", 11);
        } else if (mode.equals("AGGREGATES")) {
            output.put("smallCellThreshold", 11);
        }
        return new Spec(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), mode, List.copyOf(variables),
                List.copyOf(unmapped));
    }

    /** The engine's code of an EHDS art. 53 purpose (the engine says IMPROVING_CARE for point f). */
    static String purpose(Purpose p) {
        return p == Purpose.CARE_IMPROVEMENT ? "IMPROVING_CARE" : p.name();
    }

    /** The engine's code of an organisation kind (NON_PROFIT for private non-profit bodies). */
    static String organisationKind(OrganisationKind k) {
        return k == OrganisationKind.PRIVATE_NON_PROFIT ? "NON_PROFIT" : k.name();
    }

    /**
     * An objection scope as the engine reads it: the same rule ({@link fr.hygie.research.ObjectionPolicy}),
     * with the engine's codes for purposes and organisation kinds.
     */
    static String engineScope(String scope) {
        return switch (scope) {
            case "PURPOSE:CARE_IMPROVEMENT" -> "PURPOSE:IMPROVING_CARE";
            case "ORG_KIND:PRIVATE_NON_PROFIT" -> "ORG_KIND:NON_PROFIT";
            default -> scope;
        };
    }

    private static String plain(String s) {
        if (s == null) {
            return "";
        }
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
