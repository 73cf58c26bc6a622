package fr.hygie.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.cli.Console;
import fr.hygie.support.HygieIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code ./hygie territory import FILE}: 0 when imported, 1 with the list of errors, 2 on bad usage. */
@HygieIntegrationTest
class TerritoryCommandsTest {

    @Autowired
    TerritoryCommands.Import command;
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);

    @Test
    void aValidFileIsImportedWithASummary() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.csv"), "niveau,code,periode,variable,valeur\ndepartement,33,2017,jours_chaleur,21\n");
        assertThat(command.run(List.of(file.toString()), console)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Import réussi : 1 lignes, 1 valeurs enregistrées.");
    }

    @Test
    void aFileWithErrorsExitsWithOneAndListsThem() throws IOException {
        Path file = Files.writeString(dir.resolve("ko.csv"),
                "niveau,code,periode,variable,valeur\ndepartement,33,2017,jours_chaleur,21\ndepartement,99,2017,jours_chaleur,400\n");
        assertThat(command.run(List.of(file.toString()), console)).isEqualTo(1);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("Import refusé, rien n'a été enregistré : 2 erreur(s) sur 2 lignes de données.")
                .contains("ligne 3, colonne « code »").contains("ligne 3, colonne « valeur »");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(command.run(List.of(), console)).isEqualTo(2);
        assertThat(command.run(List.of(dir.resolve("absent.csv").toString()), console)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./hygie territory import").contains("Fichier introuvable");
    }
}
