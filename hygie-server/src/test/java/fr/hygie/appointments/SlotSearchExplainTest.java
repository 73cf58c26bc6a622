package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The search query plan over 10,000 professionals (a third of them around Lyon) and about 2 million slots:
 * EXPLAIN ANALYZE and timings are written to {@code target/appointments-explain.txt} for the design
 * review. Not a timed assertion (the bench module measures p95); run with {@code -Dhygie.explain=true}.
 */
@SpringBootTest(properties = {"hygie.demo.enabled=false", "hygie.appointments.horizon-cron=-"})
@EnabledIfSystemProperty(named = "hygie.explain", matches = "true")
class SlotSearchExplainTest {

    private static final Logger log = LoggerFactory.getLogger(SlotSearchExplainTest.class);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Directory directory;
    @Autowired
    Clock clock;

    @Test
    void explainTheSearchOverTenThousandProfessionals() throws IOException {
        jdbc.sql("""
                INSERT INTO appointments.practitioner_offer (professional_id, display_name, profession_code, specialty_code,
                    postcode, commune_name, latitude, longitude, sector, tiers_payant, teleconsultation, languages, wheelchair,
                    feed_token)
                SELECT gen_random_uuid(), 'Pro ' || i,
                       CASE WHEN i % 2 = 0 THEN '10' ELSE (ARRAY['40','60','70','50','80'])[1 + i % 5] END,
                       CASE WHEN i % 2 = 0 THEN (ARRAY['SM54','SM54','SM54','SM04','SM15'])[1 + (i / 2) % 5] END,
                       '69000', 'Lyon',
                       CASE WHEN i % 3 = 0 THEN 45.76 + (random() - 0.5) * 0.4 ELSE 42.5 + random() * 8.5 END,
                       CASE WHEN i % 3 = 0 THEN 4.84 + (random() - 0.5) * 0.55 ELSE -4.5 + random() * 12.5 END,
                       1 + i % 2, i % 4 = 0, i % 5 = 0, ARRAY['fr'], i % 3 = 0, 'tok' || i || md5(i::text)
                FROM generate_series(1, 10000) AS i""").update();
        jdbc.sql("""
                INSERT INTO appointments.slot (id, professional_id, starts_at, ends_at, status)
                SELECT gen_random_uuid(), o.professional_id, t, t + interval '30 minutes',
                       CASE WHEN random() < 0.3 THEN 'busy' ELSE 'free' END
                FROM appointments.practitioner_offer o
                CROSS JOIN generate_series(0, 27) AS d
                CROSS JOIN generate_series(0, 9) AS h
                CROSS JOIN LATERAL (SELECT date_trunc('day', now()) + d * interval '1 day' + interval '8 hours'
                    + h * interval '30 minutes' AS t) x
                WHERE extract(isodow FROM t) < 6""").update();
        jdbc.sql("ANALYZE appointments.practitioner_offer").update();
        jdbc.sql("ANALYZE appointments.slot").update();
        long offers = jdbc.sql("SELECT count(*) FROM appointments.practitioner_offer").query(Long.class).single();
        long slots = jdbc.sql("SELECT count(*) FROM appointments.slot").query(Long.class).single();

        StringBuilder report = new StringBuilder();
        report.append("offers=").append(offers).append(" slots=").append(slots).append("\n\n");
        Instant now = clock.instant();
        List<SearchCriteria> cases = List.of(
                SearchCriteria.near(null, "SM54", "Lyon", 10),
                new SearchCriteria(null, "SM54", "Lyon", 10, null, true, false, false, false, false, null, SearchCriteria.Order.EARLIEST, 20),
                new SearchCriteria("10", null, "Lyon", 20, null, false, true, true, false, false, "fr", SearchCriteria.Order.DISTANCE, 20),
                SearchCriteria.near(null, null, "Lyon", 50));
        for (SearchCriteria c : cases) {
            Place p = directory.resolvePlace(c.place()).orElseThrow();
            Directory.SearchQuery q = Directory.SearchQuery.of(c, p.latitude(), p.longitude(), now);
            JdbcClient.StatementSpec spec = jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + q.sql());
            for (Map.Entry<String, Object> e : q.params().entrySet()) {
                spec = spec.param(e.getKey(), e.getValue());
            }
            report.append("== ").append(c).append("\n");
            spec.query(String.class).list().forEach(l -> report.append(l).append("\n"));
            List<Long> micros = new ArrayList<>();
            int hits = 0;
            for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                hits = directory.search(c, now).hits().size();
                micros.add((System.nanoTime() - t0) / 1000);
            }
            micros.sort(Long::compare);
            report.append(String.format("hits=%d  whole search (2 queries, JDBC round trips) over 200 runs: p50=%.2f ms p95=%.2f ms max=%.2f ms%n%n",
                    hits, micros.get(100) / 1000.0, micros.get(189) / 1000.0, micros.get(199) / 1000.0));
            assertThat(hits).isPositive();
        }
        Files.writeString(Path.of("target", "appointments-explain.txt"), report.toString());
        log.info("Search plan written to target/appointments-explain.txt");
    }
}
