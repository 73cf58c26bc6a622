package fr.hygie.research.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fr.hygie.research.engine.EngineException;
import fr.hygie.research.engine.extract.ExtractionSpec.Cohort;
import fr.hygie.research.engine.extract.ExtractionSpec.MeasurementCriterion;
import fr.hygie.research.engine.extract.ExtractionSpec.Mode;
import fr.hygie.research.engine.extract.ExtractionSpec.Output;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates a specification: JSON syntax, then the bundled JSON Schema (draft 2020-12), then
 * the rules a schema cannot say (quasi-identifiers among the variables, EHDS art. 54 purposes named as
 * such). Every refusal is an {@link EngineException} whose message says what to fix.
 */
public final class SpecParser {

    public static final String SCHEMA_RESOURCE = "/fr/hygie/research/engine/extraction-spec-v1.schema.json";
    public static final int SCHEMA_VERSION = 1;

    /** EHDS art. 54: purposes that no permit may carry. Named so that the refusal can cite the article. */
    private static final Set<String> PROHIBITED = Set.of("ADVERTISING", "MARKETING", "INSURANCE", "CREDIT",
            "EMPLOYMENT", "REIDENTIFICATION", "RE_IDENTIFICATION", "HARMFUL_DECISIONS", "HARMFUL_PRODUCTS");

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonSchema schema;

    public SpecParser() {
        try (InputStream in = SpecParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bundled specification schema", e);
        }
    }

    public ExtractionSpec parse(byte[] json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new EngineException("invalid specification: not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new EngineException("invalid specification: expected a JSON object");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null) {
            throw new EngineException("invalid specification: schemaVersion is missing (this engine reads version "
                    + SCHEMA_VERSION + ")");
        }
        if (!version.isInt() || version.intValue() != SCHEMA_VERSION) {
            throw new EngineException("invalid specification: schemaVersion " + version
                    + " is not supported (this engine reads version " + SCHEMA_VERSION + ")");
        }
        JsonNode purpose = root.get("purpose");
        if (purpose != null && purpose.isTextual() && PROHIBITED.contains(purpose.asText())) {
            throw new EngineException("invalid specification: purpose " + purpose.asText()
                    + " is prohibited by EHDS art. 54 (Regulation (EU) 2025/327)");
        }
        Set<ValidationMessage> errors = schema.validate(root);
        if (!errors.isEmpty()) {
            Set<String> sorted = new TreeSet<>();
            errors.forEach(m -> sorted.add(m.getMessage()));
            throw new EngineException("invalid specification: " + String.join("; ", sorted));
        }
        return build(root);
    }

    private ExtractionSpec build(JsonNode root) {
        List<String> variables = strings(root.get("variables"));
        JsonNode o = root.get("output");
        Mode mode = Mode.valueOf(o.get("mode").asText());
        List<String> qis = strings(o.get("quasiIdentifiers"));
        List<String> sensitive = strings(o.get("sensitiveAttributes"));
        for (String q : qis) {
            if (!variables.contains(q)) {
                throw new EngineException("invalid specification: quasi-identifier " + q + " is not among the variables");
            }
        }
        for (String s : sensitive) {
            if (!variables.contains(s)) {
                throw new EngineException("invalid specification: sensitive attribute " + s + " is not among the variables");
            }
            if (qis.contains(s)) {
                throw new EngineException("invalid specification: " + s + " cannot be both a quasi-identifier and a sensitive attribute");
            }
        }
        long territorial = variables.stream().filter(v -> v.equals("commune") || v.equals("department") || v.equals("region")).count();
        if (territorial > 1) {
            throw new EngineException("invalid specification: request one territorial variable (commune, department or region), not "
                    + territorial);
        }
        if (mode == Mode.AGGREGATES) {
            for (String v : variables) {
                if (v.startsWith("measurement_last:")) {
                    throw new EngineException("invalid specification: " + v
                            + " is a per-person value; AGGREGATES counts persons (use it with a row mode)");
                }
            }
        }
        if (mode != Mode.ANONYMISED_ROWS && (!qis.isEmpty() || !sensitive.isEmpty())) {
            // Harmless, but a sign of a misunderstanding worth stopping for.
            throw new EngineException("invalid specification: quasiIdentifiers and sensitiveAttributes apply to ANONYMISED_ROWS only");
        }
        int k = o.path("k").asInt(11);
        int l = o.has("l") ? o.get("l").asInt() : sensitive.isEmpty() ? 1 : 2;
        int defaultBand = mode == Mode.PSEUDONYMISED_ROWS ? 1 : mode == Mode.ANONYMISED_ROWS ? 5 : 10;
        Output output = new Output(mode, qis, sensitive, k, l, o.path("maxSuppressionRate").asDouble(0.05),
                o.path("smallCellThreshold").asInt(11), o.path("rounding").asInt(0),
                o.path("ageBand").asInt(defaultBand), o.path("dateGranularity").asText("MONTH"));

        JsonNode c = root.path("cohort");
        List<MeasurementCriterion> measurements = new ArrayList<>();
        for (JsonNode m : c.path("measurements")) {
            measurements.add(new MeasurementCriterion(m.get("loinc").asText(),
                    m.has("min") ? m.get("min").asDouble() : null, m.has("max") ? m.get("max").asDouble() : null));
        }
        Integer ageMin = c.path("age").has("min") ? c.path("age").get("min").asInt() : null;
        Integer ageMax = c.path("age").has("max") ? c.path("age").get("max").asInt() : null;
        if (ageMin != null && ageMax != null && ageMin > ageMax) {
            throw new EngineException("invalid specification: cohort.age.min is above cohort.age.max");
        }
        LocalDate from = date(c.path("period").get("from"), "cohort.period.from");
        LocalDate to = date(c.path("period").get("to"), "cohort.period.to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new EngineException("invalid specification: cohort.period.from is after cohort.period.to");
        }
        Cohort cohort = new Cohort(strings(c.get("conditions")), strings(c.get("drugs")), List.copyOf(measurements),
                ageMin, ageMax, strings(c.get("sex")), strings(c.path("territory").get("regions")),
                strings(c.path("territory").get("departments")), strings(c.path("territory").get("communes")), from, to);
        return new ExtractionSpec(SCHEMA_VERSION, root.get("projectId").asText(), root.get("purpose").asText(),
                root.get("organisationKind").asText(), root.get("placeOfProcessing").asText(),
                date(root.get("referenceDate"), "referenceDate"), cohort, variables, output);
    }

    private static LocalDate date(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new EngineException("invalid specification: " + field + " is not a date (" + node.asText() + ")");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return List.copyOf(out);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
