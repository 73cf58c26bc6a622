package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The site map (plan du site) is the second way to find a page besides the menu (RGAA 12.1, WCAG 2.4.5): linked
 * from every page's footer, open to everyone, and for a logged-in account it lists at least every page its dashboard
 * offers — each of which opens.
 */
@HygieIntegrationTest
class SiteMapTest {

    private static final Pattern MAIN = Pattern.compile("<main[^>]*>(.*)</main>", Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile("href=\"([^\"#?]+)\"");

    @LocalServerPort
    int port;

    @Test
    void aVisitorFindsThePublicPagesAndNoPrivateOne() {
        WebSession visitor = new WebSession(port);
        HttpResponse<String> home = visitor.get("/");
        assertThat(home.body()).contains("href=\"/plan-du-site\"");
        HttpResponse<String> map = visitor.get("/plan-du-site");
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(links(map.body())).contains("/", "/login", "/activer", "/rendez-vous", "/droits", "/droits/facile", "/aide",
                "/contact", "/algorithmes", "/recherche/registre", "/catalogue", "/territoires")
                .doesNotContain("/accueil", "/dossier", "/pro/patients", "/admin");
        for (String link : links(map.body())) {
            assertThat(visitor.get(link).statusCode()).as(link).isEqualTo(200);
        }
        assertThat(new WebSession(port).get("/plan-du-site?lang=en").body()).contains("<h1>Site map</h1>", "Pages open to everyone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient", "patient2", "mineur", "medecin", "medecin2", "pharmacien", "infirmier", "dentiste",
            "kine", "aidant", "accueil", "chercheur", "comite", "cnil", "conseiller", "admin", "ars"})
    void everyPageOfTheDashboardIsOnTheSiteMapAndOpens(String login) {
        WebSession session = new WebSession(port).loggedInAs(login);
        Set<String> dashboard = links(session.get("/accueil").body());
        Set<String> map = links(session.get("/plan-du-site").body());
        assertThat(dashboard).isNotEmpty();
        assertThat(map).contains("/accueil").containsAll(dashboard).doesNotContain("/login");
        for (String link : map) {
            // A representative who has not chosen whom they act for is first sent to choose (/agir-pour).
            HttpResponse<String> r = session.follow(session.get(link));
            assertThat(r.statusCode()).as(login + " " + link).isEqualTo(200);
        }
    }

    /** The links of the page's main content (not the menu or the footer). */
    private static Set<String> links(String page) {
        Matcher main = MAIN.matcher(page);
        assertThat(main.find()).as("a <main> element").isTrue();
        Set<String> out = new LinkedHashSet<>();
        Matcher m = HREF.matcher(main.group(1));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
