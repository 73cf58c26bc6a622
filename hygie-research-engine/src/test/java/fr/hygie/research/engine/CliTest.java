package fr.hygie.research.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliTest {

    private final Fixture f = Fixture.get();

    @Test
    void anExtractionPrintsParsableProgressAndAResult() throws IOException {
        Path spec = f.root.resolve("cli-spec.json");
        Files.writeString(spec, Specs.aggregates(0));
        Fixture.Run r = f.run("extract", "--warehouse", f.warehouse.toString(), "--spec", spec.toString(), "--out",
                f.root.resolve("runs/cli").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).allMatch(l -> l.matches("PROGRESS stage=[a-z.]+ done=\\d+ total=\\d+") || l.startsWith("RESULT "));
        assertThat(lines).contains("PROGRESS stage=extract.done done=6 total=6");
        assertThat(lines.get(lines.size() - 1)).startsWith("RESULT extract cohort=");
    }

    @Test
    void aBadSpecificationFailsWithItsCause() throws IOException {
        Path spec = f.root.resolve("bad-spec.json");
        Files.writeString(spec, Specs.anonymised().replace("\"k\": 11", "\"k\": 0"));
        Fixture.Run r = f.run("extract", "--warehouse", f.warehouse.toString(), "--spec", spec.toString(), "--out",
                f.root.resolve("runs/bad").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: invalid specification:").contains("k");
        assertThat(r.out()).doesNotContain("RESULT");
    }

    @Test
    void pseudonymisedRowsWithoutAKeyFail() throws IOException {
        Path spec = f.root.resolve("nokey-spec.json");
        Files.writeString(spec, Specs.pseudonymised("PRJ-NOKEY"));
        Fixture.Run r = f.run("extract", "--warehouse", f.warehouse.toString(), "--spec", spec.toString(), "--out",
                f.root.resolve("runs/nokey").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--key-file");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(f.run("extract", "--warehouse", "x").exit()).isEqualTo(2);
        assertThat(f.run("frobnicate").exit()).isEqualTo(2);
        Fixture.Run r = f.run("warehouse", "--source", "synth:/nonexistent", "--out", f.root.resolve("runs/none").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("has no persons.ndjson");
        Fixture.Run missing = f.run("extract", "--warehouse", f.root.resolve("nowhere").toString(), "--spec",
                f.root.resolve("nowhere.json").toString(), "--out", f.root.resolve("runs/x").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");
    }
}
