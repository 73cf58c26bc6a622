package fr.hygie.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.synth.environment.EnvironmentSamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Import of environment datasets: every error reported by line and column, all-or-nothing, values per département. */
@HygieIntegrationTest
class EnvironmentImportTest {

    @Autowired
    EnvironmentData environment;

    @Test
    void everyWrongLineIsReportedWithItsNumberColumnAndReasonAndNothingIsStored() {
        String csv = """
                # commentaire
                niveau,code,periode,variable,valeur
                commune,75056,2019,no2,31.5
                canton,75056,2019,no2,31.5
                commune,7505,2019,no2,31.5
                departement,20,2019,no2,31.5
                commune,75056,19,no2,31.5
                commune,75056,2019,benzene,1.0
                commune,75056,2019,o3,douze
                commune,75056,2019,o3,900
                commune,75056,2019,no2,30.0
                commune,75056,2019
                departement,59,2019-13,pm25,12,5
                """;
        ImportReport report = environment.importCsv("erreurs.csv", new StringReader(csv), "test");
        assertThat(report.imported()).isFalse();
        assertThat(report.dataLines()).isEqualTo(11);
        assertThat(report.errors()).extracting(e -> e.line() + ":" + e.column()).containsExactly(
                "4:niveau", "5:code", "6:code", "7:periode", "8:variable", "9:valeur", "10:valeur", "11:code", "12:niveau", "13:niveau");
        assertThat(report.errors().get(0).reason()).contains("« canton » n'est pas un niveau accepté");
        // the command line and the APIs keep the French sentence; pages get the limits as numbers and the unit as a code
        assertThat(report.errors().get(6).reason()).isEqualTo("la valeur 900 est hors de l'intervalle plausible pour o3 (0 à 500 µg/m³).");
        assertThat(report.errors().get(6).args()).containsExactly("900", "o3", new java.math.BigDecimal("0"), new java.math.BigDecimal("500"),
                new ImportReport.Unit(EnvironmentVariable.O3));
        assertThat(report.errors().get(7).reason()).contains("doublon");
        assertThat(report.errors().get(0).toString()).isEqualTo("ligne 4, colonne « niveau » : « canton » n'est pas un niveau accepté (commune ou departement).");
        // line 3 was valid, but nothing is stored when any line is wrong
        assertThat(environment.byDepartement(EnvironmentVariable.NO2, "2019")).doesNotContainKey("75");
    }

    @Test
    void aWrongHeaderOrAnEmptyFileIsRefused() {
        assertThat(environment.importCsv("x.csv", new StringReader("code;valeur\n75;1\n"), "test").errors())
                .singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(1));
        assertThat(environment.importCsv("x.csv", new StringReader(""), "test").errors()).hasSize(1);
        assertThat(environment.importCsv("x.csv", new StringReader("niveau,code,periode,variable,valeur\n"), "test").imported()).isFalse();
    }

    @Test
    void aValidFileIsStoredAndCommunesAreAveragedIntoTheirDepartementUnlessItHasItsOwnValue() {
        String csv = """
                niveau,code,periode,variable,valeur
                commune,69123,2018,no2,30.0
                commune,69259,2018,no2,20.0
                commune,13055,2018,no2,40.0
                departement,13,2018,no2,25.0
                """;
        ImportReport report = environment.importCsv("ok.csv", new StringReader(csv), "test");
        assertThat(report.imported()).isTrue();
        assertThat(report.values()).isEqualTo(4);
        assertThat(environment.byDepartement(EnvironmentVariable.NO2, "2018"))
                .containsEntry("69", 25.0).containsEntry("13", 25.0).hasSize(2);
        assertThat(environment.byRegion(EnvironmentVariable.NO2, "2018").get("84")).isCloseTo(25.0, within(1e-9));
        // importing again replaces the values
        environment.importCsv("ok2.csv", new StringReader("niveau,code,periode,variable,valeur\ndepartement,13,2018,no2,27.5\n"), "test");
        assertThat(environment.byDepartement(EnvironmentVariable.NO2, "2018")).containsEntry("13", 27.5);
    }

    @Test
    void theBundledDemoDatasetIsTheSynthGeneratorOutputAndImportsWithoutError() throws IOException {
        String generated = new EnvironmentSamples(EnvironmentSamples.DEFAULT_SEED).csv();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TerritoryDemoData.SAMPLE)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(generated);
        }
        ImportReport report = environment.importCsv("demo.csv", new StringReader(generated), "test");
        assertThat(report.errors()).isEmpty();
        assertThat(report.values()).isEqualTo(197 * 3 + 101 * 15);
        assertThat(environment.byDepartement(EnvironmentVariable.PM25, "2025")).hasSize(101);
        assertThat(environment.monthlyMeans(EnvironmentVariable.PM25)).hasSize(12);
    }
}
