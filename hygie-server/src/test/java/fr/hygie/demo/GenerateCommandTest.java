package fr.hygie.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.platform.cli.Console;
import fr.hygie.support.HygieIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@HygieIntegrationTest
class GenerateCommandTest {

    @Autowired
    GenerateCommand command;

    @Autowired
    Patients patients;

    @Autowired
    Professionals professionals;

    @Test
    void generateLoadsAPopulationAndLoadingItAgainCreatesNothingTwice() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), false);
        long before = patients.count();
        assertThat(command.run(List.of("--persons", "1000", "--seed", "99"), console)).isZero();
        long afterFirst = patients.count();
        assertThat(afterFirst - before).isBetween(990L, 1000L); // a few NIRs may coincide with the demo population's
        long pros = professionals.count();
        assertThat(command.run(List.of("--persons", "1000", "--seed", "99"), console)).isZero();
        assertThat(patients.count()).isEqualTo(afterFirst);
        assertThat(professionals.count()).isEqualTo(pros);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1000 personnes").contains("100 %");
    }

    @Test
    void badArgumentsAreRefusedWithUsage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(command.run(List.of("--persons", "ten"), console)).isEqualTo(2);
        assertThat(command.run(List.of("--persons", "10"), console)).isEqualTo(2);
        assertThat(command.run(List.of("--colour", "blue"), console)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage").contains("entre 1000 et 1000000");
    }
}
