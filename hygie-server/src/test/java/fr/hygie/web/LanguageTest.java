package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** French first, English on request (?lang=en, remembered), {@code <html lang>} follows. */
@HygieIntegrationTest
class LanguageTest {

    @LocalServerPort
    int port;

    @Test
    void pagesAreFrenchByDefault() {
        WebSession web = new WebSession(port);
        String home = web.get("/").body();
        assertThat(home).contains("<html lang=\"fr\"").contains("Votre espace santé, sous votre contrôle");
        assertThat(home).containsPattern("<a [^>]*lang=\"en\"[^>]*>English</a>");
    }

    @Test
    void englishIsChosenWithLangAndRememberedUntilSwitchedBack() {
        WebSession web = new WebSession(port);
        String english = web.get("/aide?lang=en").body();
        assertThat(english).contains("<html lang=\"en\"").contains("Talk to a person").contains("Skip to content");
        assertThat(english).containsPattern("<a [^>]*lang=\"fr\"[^>]*>Français</a>");
        assertThat(web.get("/droits").body()).contains("<html lang=\"en\"").contains("Your rights over your health data");
        assertThat(web.get("/droits?lang=fr").body()).contains("<html lang=\"fr\"").contains("Vos droits sur vos données de santé");
        assertThat(web.get("/").body()).contains("<html lang=\"fr\"");
    }

    @Test
    void anUnknownLanguageIsIgnored() {
        WebSession web = new WebSession(port);
        assertThat(web.get("/?lang=de").body()).contains("<html lang=\"fr\"");
        assertThat(web.get("/?lang=%22%3E%3Cscript%3E").body()).contains("<html lang=\"fr\"").doesNotContain("<script>");
    }

    @Test
    void theLoggedInLayoutAndDashboardAreTranslated() {
        WebSession web = new WebSession(port).loggedInAs("patient");
        String dashboard = web.get("/accueil?lang=en").body();
        assertThat(dashboard).contains("Hello Marie Durand", "Your personal health space.", "Log out", "Act for someone");
    }

    @Test
    void theEasyToReadRightsPageIsPublicAndLinkedFromTheRightsPage() {
        WebSession web = new WebSession(port);
        assertThat(web.get("/droits").body()).contains("href=\"/droits/facile\"");
        var easy = web.get("/droits/facile");
        assertThat(easy.statusCode()).isEqualTo(200);
        assertThat(easy.body()).contains("facile à lire et à comprendre", "Vous pouvez dire non.");
    }

    @Test
    void everyTextExistsInFrenchAndEnglishAndTheDefaultBundleIsFrench() throws IOException {
        Properties fr = load("/messages_fr.properties");
        Properties en = load("/messages_en.properties");
        Properties fallback = load("/messages.properties");
        assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(fr.keySet());
        assertThat(fallback).isEqualTo(fr);
        assertThat(fr.keySet()).isNotEmpty();
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = LanguageTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
