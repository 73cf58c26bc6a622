package fr.hygie.research.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.research.engine.extract.ExtractionSpec;
import fr.hygie.research.engine.extract.SpecParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpecificationTest {

    private final SpecParser parser = new SpecParser();

    private ExtractionSpec parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String replace(String spec, String from, String to) {
        assertThat(spec).contains(from);
        return spec.replace(from, to);
    }

    @Test
    void aValidSpecificationGetsItsDefaults() {
        ExtractionSpec s = parse(Specs.anonymised());
        assertThat(s.projectId()).isEqualTo("PRJ-ANON");
        assertThat(s.output().k()).isEqualTo(11);
        assertThat(s.output().l()).isEqualTo(2);
        assertThat(s.output().ageBand()).isEqualTo(5);
        assertThat(s.output().dateGranularity()).isEqualTo("MONTH");
        ExtractionSpec p = parse(Specs.pseudonymised("P1"));
        assertThat(p.output().smallCellThreshold()).isEqualTo(11);
        assertThat(p.cohort().ageMin()).isEqualTo(18);
        assertThat(p.output().ageBand()).isEqualTo(1);
        assertThat(parse(Specs.aggregates(0)).output().ageBand()).isEqualTo(10);
    }

    @Test
    void badSpecificationsAreRefusedWithWhatToFix() {
        String ok = Specs.anonymised();
        assertThatThrownBy(() -> parse("{not json")).hasMessageStartingWith("invalid specification: not JSON");
        assertThatThrownBy(() -> parse(replace(ok, "\"schemaVersion\": 1,", "")))
                .hasMessageContaining("schemaVersion is missing");
        assertThatThrownBy(() -> parse(replace(ok, "\"schemaVersion\": 1", "\"schemaVersion\": 2")))
                .hasMessageContaining("schemaVersion 2 is not supported");
        assertThatThrownBy(() -> parse(replace(ok, "PUBLIC_HEALTH", "ADVERTISING")))
                .hasMessageContaining("prohibited by EHDS art. 54");
        assertThatThrownBy(() -> parse(replace(ok, "\"k\": 11", "\"k\": 1"))).hasMessageContaining("invalid specification")
                .hasMessageContaining("k");
        assertThatThrownBy(() -> parse(replace(ok, "ANONYMISED_ROWS", "RAW_ROWS")))
                .hasMessageContaining("invalid specification").hasMessageContaining("mode");
        assertThatThrownBy(() -> parse(replace(ok, "\"commune\", \"condition:E11\"", "\"nir\", \"condition:E11\"")))
                .hasMessageContaining("invalid specification").hasMessageContaining("variables");
        assertThatThrownBy(() -> parse(replace(ok, "[\"age\", \"sex\", \"commune\"]", "[\"age\", \"sex\", \"region\"]")))
                .hasMessageContaining("quasi-identifier region is not among the variables");
        assertThatThrownBy(() -> parse(replace(ok, "\"k\": 11", "\"k\": 11, \"dateGranularity\": \"DAY\"")))
                .hasMessageContaining("dateGranularity");
        assertThatThrownBy(() -> parse(replace(ok, "\"projectId\"", "\"extra\": 1, \"projectId\"")))
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> parse(replace(Specs.aggregates(0), "\"condition:J45\"", "\"measurement_last:4548-4\"")))
                .hasMessageContaining("AGGREGATES counts persons");
    }
}
