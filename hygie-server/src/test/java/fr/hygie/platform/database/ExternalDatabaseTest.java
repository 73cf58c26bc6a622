package fr.hygie.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.HygieApplication;
import fr.hygie.identity.Accounts;
import fr.hygie.support.TestDatabaseInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * HYGIE_DATABASE_URL points Hygie at an external PostgreSQL: nothing embedded starts, the schema is
 * built there and the demo cast lives there.
 */
class ExternalDatabaseTest {

    @Test
    void withHygieDatabaseUrlNoEmbeddedServerStartsAndTheDataGoToTheExternalServer() throws Exception {
        String admin = TestDatabaseInitializer.adminUrl();
        String name = "hygie_external_" + System.nanoTime();
        try (var c = DriverManager.getConnection(admin, "postgres", ""); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;
        Path home = Files.createTempDirectory("hygie-external-");
        try (var context = new SpringApplicationBuilder(HygieApplication.class)
                .web(WebApplicationType.NONE)
                .properties("hygie.test.no-database=true", "hygie.home=" + home, "hygie.database.url=" + url,
                        "hygie.database.user=postgres", "hygie.database.password=", "hygie.demo.persons=0")
                .run()) {
            assertThat(context.getBean(Accounts.class).byUsername("medecin")).isPresent();
            try (var c = context.getBean(DataSource.class).getConnection()) {
                assertThat(c.getMetaData().getURL()).isEqualTo(url);
            }
            // No embedded PostgreSQL data folder was created under HYGIE_HOME.
            assertThat(home.resolve("postgres")).doesNotExist();
            assertThat(context.getBean(DatabaseConfiguration.EmbeddedPostgresHolder.class).server()).isNull();
        }
    }

    @Test
    void whenTheEmbeddedServerCannotStartTheMessageSaysHowToUseAnExternalOne() {
        var e = new EmbeddedDatabaseUnavailableException(new RuntimeException("initdb: error: cannot be run as root"));
        assertThat(e.getMessage()).contains("HYGIE_DATABASE_URL").contains("unshare");
    }
}
