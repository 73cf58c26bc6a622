package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every appointments page reachable by plain links from each role's entry point answers 200 (no JavaScript). */
@HygieIntegrationTest
class AppointmentPagesTest {

    static final Pattern HREF = Pattern.compile("href=\"(/(?:rendez-vous|mes-rendez-vous|agenda|guichet)[^\"#]*)\"");
    static final List<String> PREFIXES = List.of("/rendez-vous", "/mes-rendez-vous", "/agenda", "/guichet");

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({"-, /rendez-vous?lieu=Lyon", "patient, /mes-rendez-vous", "aidant, /mes-rendez-vous",
            "medecin, /agenda", "kine, /agenda/semaine", "accueil, /guichet/rendez-vous"})
    void everyLinkedAppointmentsPageAnswers(String login, String start) {
        WebSession web = login.equals("-") ? new WebSession(port) : new WebSession(port).loggedInAs(login);
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>();
        while (!queue.isEmpty() && seen.size() < 40) {
            String path = queue.poll().replace("&amp;", "&");
            if (!seen.add(path) || path.endsWith(".ics")) {
                continue;
            }
            HttpResponse<String> r = web.get(path);
            if (r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("/login")) {
                continue; // a booking link seen anonymously leads to the login page, as intended
            }
            r = web.follow(r);
            assertThat(r.statusCode()).as(login + " " + path).isEqualTo(200);
            Matcher m = HREF.matcher(r.body());
            while (m.find()) {
                queue.add(m.group(1));
            }
        }
        assertThat(seen).hasSizeGreaterThan(1);
    }
}
