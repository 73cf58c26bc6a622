package fr.hygie.web.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.catalogue.ApplicationStatus;
import fr.hygie.catalogue.Applications;
import fr.hygie.catalogue.Catalogue;
import fr.hygie.catalogue.Criterion;
import fr.hygie.catalogue.ServiceApplication;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The publisher's side over plain HTTP (no account, no JavaScript): status link, client id, a secret shown once. */
@HygieIntegrationTest
class PublisherStatusLinkTest {

    private static final Pattern LINK = Pattern.compile("href=\"/catalogue/candidature/([A-Za-z0-9_-]{43})\"");
    private static final Pattern SECRET = Pattern.compile("une seule fois : <code>([^<]+)</code>");

    @LocalServerPort
    int port;

    @Autowired
    Catalogue catalogue;

    @Autowired
    Cast cast;

    @Test
    void aConfidentialAppReferencedGetsItsClientIdAndASecretShownOnceThroughTheStatusLink() {
        WebSession publisher = new WebSession(port);
        publisher.get("/catalogue/candidater");
        var a = Applications.clean("openid launch/patient patient/Observation.rs");
        Map<String, String> form = new LinkedHashMap<>(Map.of("serviceName", a.serviceName(), "description", a.description(),
                "publisher", a.publisher(), "contactEmail", a.contactEmail(), "hostingProvider", a.hostingProvider(), "hostingCountry", "FR",
                "hostingLawCountry", "FR", "dataUsed", a.dataUsed(), "dataPurpose", a.dataPurpose(), "businessModel", a.businessModel()));
        form.putAll(Map.of("sellsData", "non", "advertising", "non", "accessibilityStatement", a.accessibilityStatement(),
                "footprint", a.footprint(), "redirectUris", "https://serveur.example/retour", "requestedScopes", a.requestedScopes(),
                "clientType", "confidentiel"));
        for (Criterion c : Criterion.values()) {
            form.put("self_" + c.key(), "2");
            form.put("self_comment_" + c.key(), "Justification.");
        }
        HttpResponse<String> applied = publisher.postForm("/catalogue/candidater", form);
        assertThat(applied.statusCode()).isEqualTo(200);
        Matcher link = LINK.matcher(applied.body());
        assertThat(link.find()).isTrue();
        String token = link.group(1);
        ServiceApplication app = catalogue.byStatusToken(token).orElseThrow();
        assertThat(app.confidential()).isTrue();
        assertThat(publisher.get("/catalogue/candidature/" + token).body()).contains("en cours d&#39;examen").doesNotContain("client_id");

        catalogue.score(cast.user("comite"), app.id(), Applications.allScored(2));
        catalogue.decide(cast.user("comite"), app.id(), ApplicationStatus.REFERENCED, "Conforme à la grille de référencement.");

        HttpResponse<String> status = publisher.get("/catalogue/candidature/" + token);
        assertThat(status.body()).contains(catalogue.byId(app.id()).orElseThrow().clientId()).doesNotContain("une seule fois");
        Matcher first = SECRET.matcher(publisher.postForm("/catalogue/candidature/" + token + "/secret", Map.of()).body());
        assertThat(first.find()).isTrue();
        assertThat(publisher.get("/catalogue/candidature/" + token).body()).doesNotContain(first.group(1));
        Matcher second = SECRET.matcher(publisher.postForm("/catalogue/candidature/" + token + "/secret", Map.of()).body());
        assertThat(second.find()).isTrue();
        assertThat(second.group(1)).isNotEqualTo(first.group(1));
    }

    @Test
    void anUnknownStatusLinkSaysSoWithoutAnError() {
        HttpResponse<String> r = new WebSession(port).get("/catalogue/candidature/inconnu");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Lien de suivi inconnu");
    }
}
