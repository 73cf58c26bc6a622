package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The request mapping's first-segment shortcut ({@link FirstSegmentHandlerMapping}) chooses the same controller
 * method as Spring MVC's full matching: the first segment is compared as the patterns compare it (decoded), and a
 * path of another first segment still finds its own page. The whole route list is exercised by
 * {@code security.RouteMatrixTest}.
 */
@HygieIntegrationTest
class FirstSegmentHandlerMappingTest {

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Test
    void anEncodedFirstSegmentFindsThePageItNamesAsBefore() {
        WebSession gp = new WebSession(port).loggedInAs("medecin");
        String id = cast.patient("patient").toString();
        HttpResponse<String> plain = gp.get("/pro/patients/" + id);
        // %70 is "p": Spring MVC decodes each segment before matching, and so must the shortcut.
        HttpResponse<String> encoded = gp.get("/%70ro/patients/" + id);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(encoded.body()).contains("Bilan sanguin annuel");
    }

    @Test
    void aPathUnderAnotherFirstSegmentStillFindsItsPageAndAnUnknownOneIsNotFound() {
        WebSession person = new WebSession(port).loggedInAs("patient");
        assertThat(person.get("/dossier").statusCode()).isEqualTo(200);
        assertThat(person.get("/pro-inconnu/patients/x").statusCode()).isEqualTo(404);
    }
}
