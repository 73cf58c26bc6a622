package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.Role;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The stale session of an ended mandate (session 9; docs/security.md « A revoked and an expired mandate »): a
 * representative whose session chose Marie Durand (« Agir pour ») while his mandate held, used after the mandate's last
 * day. The route matrix's {@code mandataire-expire} column is a mandate that ended before its session began; this one ends
 * under the session, which needs the server's clock to move: this class has its own context (and database) whose
 * {@link Clock} is a {@link MovingClock} (primary over the platform's), so moving it disturbs no other test.
 *
 * <p>For every web route of the matrix (GET, then POST with a valid CSRF token and an empty form), a fresh session of the
 * representative logs in and chooses her while the mandate holds (today is its last day), the clock moves one day on, and
 * the request is sent: the answer must be the {@code mandataire-expire} column's of {@code route-matrix.csv}, and a 2xx
 * page must not name her. The clock then moves back for the next route.
 */
@HygieIntegrationTest
@TestPropertySource(properties = "hygie.test.context=moving-clock")
class ExpiredMandateStaleSessionTest {

    static final String STALE = "mandataire-perime-en-session";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Cast cast;

    @Autowired
    Accounts accounts;

    @Autowired
    Mandates mandates;

    @Autowired
    MovingClock clock;

    /** The platform's clock (UTC now) plus an offset the test moves; {@link #withZone} keeps following the offset. */
    static final class MovingClock extends Clock {
        private final AtomicReference<Duration> offset;
        private final ZoneId zone;

        MovingClock() {
            this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
        }

        private MovingClock(AtomicReference<Duration> offset, ZoneId zone) {
            this.offset = offset;
            this.zone = zone;
        }

        void move(Duration by) {
            offset.set(by);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new MovingClock(offset, other);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovingClockConfiguration {
        @Bean
        @Primary
        MovingClock movingClock() {
            return new MovingClock();
        }
    }

    @Test
    void aSessionThatChoseHerWhileTheMandateHeldOpensNothingOnceItHasEnded() throws IOException {
        Map<String, RouteMatrixTest.Row> matrix = RouteMatrixTest.read("/security/route-matrix.csv");
        Map<String, String> ids = RouteMatrixTest.DemoIds.of(jdbc, cast);
        String marie = cast.patient("patient").value().toString();
        String marieName = accounts.byPatient(cast.patient("patient")).orElseThrow().displayName();
        AccountId representative = accounts.create(new NewAccount(STALE, accounts.hash("demo"), Role.REPRESENTATIVE,
                "Paul Périmé (horloge)", null, null, null, false));
        // The same rights as the matrix's representative; today is the mandate's last day.
        mandates.grant(cast.user("patient").accountId(), cast.patient("patient"), representative, MandateKind.CAREGIVER,
                RouteMatrixTest.REPRESENTATIVE_SCOPES, mandates.today().minusYears(1), mandates.today());

        // While it holds, the session acts for her and reads her record.
        WebSession holding = staleSession(marie);
        HttpResponse<String> held = holding.get("/dossier");
        assertThat(held.body()).contains("Vous agissez pour " + marieName);
        // So the comparison can fail: before the clock moves, the same session's answer is not the column's.
        assertThat(RouteMatrixTest.outcome(held)).isEqualTo("2xx")
                .isNotEqualTo(matrix.get("GET /dossier").expected().get(RouteMatrixTest.EXPIRED));

        List<String> differences = new ArrayList<>();
        List<String> naming = new ArrayList<>();
        int tried = 0;
        List<String> routes = new ArrayList<>(RouteMatrixTest.routes(context));
        // Every GET first, then every POST, as the matrix does.
        routes.sort((a, b) -> Boolean.compare(!a.startsWith("GET "), !b.startsWith("GET ")));
        for (String route : routes) {
            RouteMatrixTest.Row row = matrix.get(route);
            assertThat(row).as("route %s in route-matrix.csv (RouteMatrixTest adds it)", route).isNotNull();
            String expected = row.expected().get(RouteMatrixTest.EXPIRED);
            if ("-".equals(expected)) {
                continue;
            }
            String path = RouteMatrixTest.DemoIds.substitute(route.substring(route.indexOf(' ') + 1), ids);
            WebSession session = staleSession(marie);
            clock.move(Duration.ofDays(1));
            HttpResponse<String> r;
            try {
                r = route.startsWith("GET ") ? session.get(path)
                        : path.startsWith("/api/") ? session.postJson(path, "{}") : session.postForm(path, Map.of());
            } finally {
                clock.move(Duration.ZERO);
            }
            tried++;
            String got = RouteMatrixTest.outcome(r);
            if (!got.equals(expected)) {
                differences.add(route + ": expected " + expected + " (column " + RouteMatrixTest.EXPIRED + "), got " + got);
            }
            if (r.statusCode() / 100 == 2 && r.body().contains(marieName)) {
                naming.add(route);
            }
        }
        org.slf4j.LoggerFactory.getLogger(ExpiredMandateStaleSessionTest.class).info("Stale session of an ended mandate: {} routes tried", tried);
        assertThat(tried).as("routes tried").isGreaterThan(100);
        assertThat(differences).as("a stale session of an ended mandate vs the column %s", RouteMatrixTest.EXPIRED).isEmpty();
        assertThat(naming).as("pages of the stale session that name %s", marieName).isEmpty();
    }

    /** A fresh session of the representative that chooses Marie Durand now, while the clock says the mandate holds. */
    private WebSession staleSession(String marie) {
        WebSession session = new WebSession(port).loggedInAs(STALE);
        session.get("/agir-pour");
        HttpResponse<String> chosen = session.postForm("/agir-pour", Map.of("patient", marie));
        assertThat(chosen.statusCode()).as("%s acts for Marie Durand while the mandate holds", STALE).isEqualTo(302);
        return session;
    }
}
