package fr.hygie.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SynthCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesTheFourFilesAndASummary(@TempDir Path dir) throws Exception {
        int code = run("--persons", "1000", "--seed", "5", "--out", dir.resolve("pop").toString());

        assertThat(code).isZero();
        assertThat(text(err)).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("pop/persons.ndjson"))).hasSize(1000)
                .allSatisfy(line -> assertThat(line).startsWith("{\"index\":").endsWith("}"));
        assertThat(Files.readAllLines(dir.resolve("pop/professionals.ndjson"))).hasSize(20);
        assertThat(Files.readAllLines(dir.resolve("pop/structures.ndjson"))).hasSize(10);
        assertThat(Files.size(dir.resolve("pop/events.ndjson"))).isPositive();
        assertThat(text(out)).contains("persons:       1000").contains("professionals: 20").contains("structures:    10");
    }

    @Test
    void sameArgumentsGiveIdenticalFiles(@TempDir Path dir) throws Exception {
        run("--persons", "1000", "--seed", "5", "--out", dir.resolve("a").toString());
        run("--seed", "5", "--out", dir.resolve("b").toString(), "--persons", "1000");

        for (String file : List.of("structures.ndjson", "professionals.ndjson", "persons.ndjson", "events.ndjson")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
    }

    static List<List<String>> badArguments() {
        return List.of(
                List.of(),
                List.of("--persons", "1000", "--seed", "1"),
                List.of("--persons", "abc", "--seed", "1", "--out", "x"),
                List.of("--persons", "999", "--seed", "1", "--out", "x"),
                List.of("--persons", "1000001", "--seed", "1", "--out", "x"),
                List.of("--persons", "1000", "--seed", "1.5", "--out", "x"),
                List.of("--persons", "1000", "--seed", "1", "--out"),
                List.of("--persons", "1000", "--seed", "1", "--out", "x", "--colour", "blue"),
                List.of("--persons", "1000", "--persons", "2000", "--seed", "1", "--out", "x"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsGiveAClearMessageAndExitCode2(List<String> args) {
        int code = run(args.toArray(String[]::new));

        assertThat(code).isEqualTo(2);
        assertThat(text(err)).startsWith("error: ").contains("usage:");
        assertThat(text(out)).isEmpty();
    }

    private int run(String... args) {
        return SynthCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8);
    }
}
