package fr.hygie.bench;

import fr.hygie.appointments.Directory;
import fr.hygie.appointments.Place;
import fr.hygie.appointments.SearchCriteria;
import fr.hygie.appointments.SearchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The public slot search (recherche de créneaux) over 10,000 professionals (a third of them around
 * Lyon) and about 2 million slots, through the real {@link Directory} on the server's PostgreSQL.
 * Sample mode: JMH reports p50/p95/p99 of one whole search (its two queries and JDBC round trips).
 * At set-up the query plans (EXPLAIN ANALYZE, BUFFERS) are written to
 * {@code bench/target/appointments-explain.txt} for the design review (formerly the opt-in
 * {@code SlotSearchExplainTest} of the server's test suite).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SlotSearchBenchmark {

    private static final List<SearchCriteria> CASES = List.of(
            SearchCriteria.near(null, "SM54", "Lyon", 10),
            new SearchCriteria(null, "SM54", "Lyon", 10, null, true, false, false, false, false, null,
                    SearchCriteria.Order.EARLIEST, 20),
            new SearchCriteria("10", null, "Lyon", 20, null, false, true, true, false, false, "fr",
                    SearchCriteria.Order.DISTANCE, 20),
            SearchCriteria.near(null, null, "Lyon", 50));

    /** 0: specialty within 10 km; 1: sector 1, earliest first; 2: médecins, 20 km, filters; 3: any, 50 km. The default runs 0 and 3 (narrowest and widest); {@code -p searchCase=0,1,2,3} runs all. */
    @Param({"0", "3"})
    public int searchCase;

    private HygieContext hygie;
    private Directory directory;
    private Instant now;
    private SearchCriteria criteria;

    @Setup(Level.Trial)
    public void start() throws IOException {
        hygie = new HygieContext(Map.of("hygie.demo.enabled", "false", "hygie.appointments.horizon-cron", "-"));
        directory = hygie.bean(Directory.class);
        now = hygie.bean(Clock.class).instant();
        criteria = CASES.get(searchCase);
        JdbcClient jdbc = hygie.bean(JdbcClient.class);
        populate(jdbc);
        explain(jdbc);
        if (directory.search(criteria, now).hits().isEmpty()) {
            throw new IllegalStateException("the search finds nothing: " + criteria);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        hygie.close();
    }

    @Benchmark
    public SearchResult search() {
        return directory.search(criteria, now);
    }

    private static void populate(JdbcClient jdbc) {
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
    }

    private void explain(JdbcClient jdbc) throws IOException {
        long offers = jdbc.sql("SELECT count(*) FROM appointments.practitioner_offer").query(Long.class).single();
        long slots = jdbc.sql("SELECT count(*) FROM appointments.slot").query(Long.class).single();
        StringBuilder report = new StringBuilder();
        report.append("offers=").append(offers).append(" slots=").append(slots).append("\n\n== ").append(criteria).append("\n");
        Place p = directory.resolvePlace(criteria.place()).orElseThrow();
        Directory.SearchQuery q = Directory.SearchQuery.of(criteria, p.latitude(), p.longitude(), now);
        JdbcClient.StatementSpec spec = jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + q.sql());
        for (Map.Entry<String, Object> e : q.params().entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        spec.query(String.class).list().forEach(l -> report.append(l).append("\n"));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("appointments-explain-" + searchCase + ".txt"), report.toString());
    }
}
