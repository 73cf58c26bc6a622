package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.support.HygieIntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each offer's stored first free slot (ADR 0004) equals what a probe of its slots gives, after every kind of
 * write to the slots (generation, override, absence, booking, move, cancellation, import, deletion, raw SQL
 * of every shape), and the public search gives the same offers in the same order with it as with the probe.
 */
@HygieIntegrationTest
class FirstFreeSlotTest {

    @Autowired
    AppointmentsFixture fixture;
    @Autowired
    Agendas agendas;
    @Autowired
    Bookings bookings;
    @Autowired
    Directory directory;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    /** Offers whose stored value breaks the invariant (first free slot from first_free_from), every offer. */
    private List<String> broken() {
        return jdbc.sql("""
                SELECT o.display_name || ': stored ' || coalesce(o.first_free_at::text, 'none') || ' from '
                       || coalesce(o.first_free_from::text, 'null') || ', probe ' || coalesce(p.first_at::text, 'none')
                FROM appointments.practitioner_offer o
                CROSS JOIN LATERAL (SELECT min(s.starts_at) AS first_at FROM appointments.slot s
                    WHERE s.professional_id = o.professional_id AND s.status = 'free' AND s.starts_at >= o.first_free_from) p
                WHERE o.first_free_from IS NULL OR o.first_free_at IS DISTINCT FROM p.first_at""").query(String.class).list();
    }

    /** The stored value of one offer, checked to be usable now (computed by the last write, not the fallback). */
    private Instant stored(ProfessionalId pro) {
        assertThat(broken()).isEmpty();
        Map<String, Object> row = jdbc.sql("SELECT first_free_at, first_free_from FROM appointments.practitioner_offer"
                + " WHERE professional_id = :p").param("p", pro.value()).query().singleRow();
        Timestamp at = (Timestamp) row.get("first_free_at");
        assertThat(((Timestamp) row.get("first_free_from")).toInstant()).isBefore(clock.instant().plusSeconds(1));
        return at == null ? null : at.toInstant();
    }

    private Instant probe(ProfessionalId pro) {
        List<Slot> free = directory.freeSlots(pro, clock.instant(), clock.instant().plus(Duration.ofDays(400)), 1);
        return free.isEmpty() ? null : free.get(0).startsAt();
    }

    @Test
    void everyWriterKeepsTheStoredFirstFreeSlot() {
        ProfessionalId pro = fixture.professional("10", "SM54", "PREMIER", "29232", 47.9961, -4.1025, 1, false, List.of("fr"));
        agendas.open(pro);
        assertThat(stored(pro)).isNull();
        // Generation (weekly schedule): inserts.
        agendas.replaceWeekly(pro, AppointmentsFixture.everyDay(LocalTime.of(8, 0), LocalTime.of(20, 0), 30));
        Instant first = probe(pro);
        assertThat(first).isNotNull();
        assertThat(stored(pro)).isEqualTo(first);

        // Booking the first free slot moves it to the next one; cancelling gives it back.
        PatientId marie = accounts.byUsername("patient").orElseThrow().patientId().orElseThrow();
        Slot s0 = directory.freeSlots(pro, clock.instant(), clock.instant().plus(Duration.ofDays(60)), 1).get(0);
        BookingOutcome booked = bookings.book(fixture.user("patient"),
                new BookingRequest(s0.id(), null, new BookedFor.Registered(marie), "0612121212", null));
        assertThat(booked).isInstanceOf(BookingOutcome.Booked.class);
        BookingId id = ((BookingOutcome.Booked) booked).booking().id();
        assertThat(stored(pro)).isEqualTo(probe(pro)).isAfter(s0.startsAt());

        // Move to a later slot: the first one is free again.
        Slot later = directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(3)), clock.instant().plus(Duration.ofDays(60)), 1).get(0);
        Bookings.MoveOutcome moved = bookings.move(fixture.user("patient"), id, later.id());
        assertThat(moved.taken()).isNull();
        assertThat(stored(pro)).isEqualTo(probe(pro)).isEqualTo(s0.startsAt());
        BookingId movedId = ((TransitionOutcome.Done) moved.transition()).booking().id();
        assertThat(bookings.cancel(fixture.user("patient"), movedId)).isInstanceOf(TransitionOutcome.Done.class);
        assertThat(stored(pro)).isEqualTo(probe(pro)).isEqualTo(s0.startsAt());

        // An absence over the first free day turns its slots busy-unavailable; removing it frees them.
        LocalDate day = s0.startsAt().atZone(Directory.FRANCE).toLocalDate();
        Absence off = agendas.addAbsence(pro, day.atStartOfDay(Directory.FRANCE).toInstant(),
                day.plusDays(1).atStartOfDay(Directory.FRANCE).toInstant(), "Formation");
        assertThat(stored(pro)).isEqualTo(probe(pro)).isAfterOrEqualTo(day.plusDays(1).atStartOfDay(Directory.FRANCE).toInstant());
        agendas.removeAbsence(pro, off.id());
        assertThat(stored(pro)).isEqualTo(probe(pro)).isEqualTo(s0.startsAt());

        // A closed day (override) deletes that day's free slots.
        DateOverride closed = agendas.addOverride(pro, day, null, null, null);
        assertThat(stored(pro)).isEqualTo(probe(pro)).isAfterOrEqualTo(day.plusDays(1).atStartOfDay(Directory.FRANCE).toInstant());
        agendas.removeOverride(pro, closed.id());
        assertThat(stored(pro)).isEqualTo(probe(pro)).isEqualTo(s0.startsAt());

        // The horizon job (regeneration of every agenda) and the periodic refresh keep it.
        agendas.regenerate(pro);
        agendas.refreshFirstFreeSlots();
        assertThat(stored(pro)).isEqualTo(probe(pro));

        // An empty schedule: no free slot left.
        agendas.replaceWeekly(pro, List.of());
        assertThat(stored(pro)).isNull();
        assertThat(probe(pro)).isNull();
    }

    @Test
    void rawStatementsOfEveryShapeKeepIt() {
        ProfessionalId pro = fixture.openEveryDay("BRUT");
        ProfessionalId other = fixture.openEveryDay("AUTRE");
        Instant first = stored(pro);
        // A free slot inserted before the first one (an import, a counter's extra slot).
        UUID early = UUID.randomUUID();
        Instant soon = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(120);
        jdbc.sql("INSERT INTO appointments.slot (id, professional_id, starts_at, ends_at, status) VALUES (:id, :p, :s, :e, 'free')")
                .param("id", early).param("p", pro.value()).param("s", Timestamp.from(soon))
                .param("e", Timestamp.from(soon.plusSeconds(60))).update();
        assertThat(stored(pro)).isEqualTo(soon);
        // Moved in time, moved to another professional, made busy, made free, deleted.
        jdbc.sql("UPDATE appointments.slot SET starts_at = :s WHERE id = :id").param("s", Timestamp.from(soon.plusSeconds(30)))
                .param("id", early).update();
        assertThat(stored(pro)).isEqualTo(soon.plusSeconds(30));
        jdbc.sql("UPDATE appointments.slot SET professional_id = :o WHERE id = :id").param("o", other.value()).param("id", early).update();
        assertThat(stored(pro)).isEqualTo(first);
        assertThat(stored(other)).isEqualTo(soon.plusSeconds(30));
        jdbc.sql("UPDATE appointments.slot SET status = 'busy-unavailable' WHERE id = :id").param("id", early).update();
        assertThat(stored(other)).isEqualTo(probe(other)).isNotEqualTo(soon.plusSeconds(30));
        jdbc.sql("UPDATE appointments.slot SET status = 'free' WHERE id = :id").param("id", early).update();
        assertThat(stored(other)).isEqualTo(soon.plusSeconds(30));
        jdbc.sql("DELETE FROM appointments.slot WHERE id = :id").param("id", early).update();
        assertThat(stored(other)).isEqualTo(probe(other));
        // Many professionals in one statement.
        jdbc.sql("UPDATE appointments.slot SET status = 'busy-unavailable' WHERE professional_id IN (:a, :b) AND starts_at < :t")
                .param("a", pro.value()).param("b", other.value()).param("t", Timestamp.from(clock.instant().plus(Duration.ofDays(2)))).update();
        assertThat(stored(pro)).isEqualTo(probe(pro)).isAfter(clock.instant().plus(Duration.ofDays(2)).minusSeconds(1));
        assertThat(stored(other)).isEqualTo(probe(other));
    }

    /**
     * Two transactions take one offer's first two free slots at the same time: the second one's trigger waits
     * for the first one's lock, then sees its commit, so the stored slot is the third one (a single UPDATE
     * with the minimum in a subquery would keep its older snapshot and store the first slot, taken).
     */
    @Test
    void twoConcurrentBookingsOfOneOfferLeaveTheRightFirstSlot() throws Exception {
        ProfessionalId pro = fixture.openEveryDay("CONCURRENCE");
        List<Slot> free = directory.freeSlots(pro, clock.instant(), clock.instant().plus(Duration.ofDays(60)), 3);
        String take = "UPDATE appointments.slot SET status = 'busy' WHERE id = :id AND status = 'free'";
        java.util.concurrent.CountDownLatch firstTook = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondWaits = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<?> first = pool.submit(() -> tx.executeWithoutResult(t -> {
                jdbc.sql(take).param("id", free.get(0).id().value()).update();
                firstTook.countDown();
                await(secondWaits);
            }));
            await(firstTook);
            java.util.concurrent.Future<?> second = pool.submit(() -> tx.executeWithoutResult(t ->
                    jdbc.sql(take).param("id", free.get(1).id().value()).update()));
            // The second transaction's trigger is waiting for the offer row the first one locked.
            while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE 'UPDATE appointments.slot SET status%'").query(Long.class).single() == 0) {
                assertThat(second.isDone()).as("the second booking did not wait for the first").isFalse();
                Thread.sleep(20);
            }
            secondWaits.countDown();
            first.get();
            second.get();
        } finally {
            secondWaits.countDown();
            pool.shutdownNow();
        }
        assertThat(stored(pro)).isEqualTo(free.get(2).startsAt()).isEqualTo(probe(pro));
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSearchGivesTheSameOffersInTheSameOrderAsTheProbe() {
        fixture.openEveryDay("ORDRE-A");
        ProfessionalId b = fixture.openEveryDay("ORDRE-B");
        // B's first slots are taken: it comes later when sorted by earliest slot.
        jdbc.sql("UPDATE appointments.slot SET status = 'busy-unavailable' WHERE professional_id = :p AND starts_at < :t")
                .param("p", b.value()).param("t", Timestamp.from(clock.instant().plus(Duration.ofDays(1)))).update();
        LocalDate today = agendas.today();
        List<Instant> nows = List.of(clock.instant(), clock.instant().minus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofHours(5)), clock.instant().plus(Duration.ofDays(3)));
        List<SearchCriteria> all = new ArrayList<>();
        for (LocalDate before : new LocalDate[] {null, today, today.plusDays(1), today.plusDays(4)}) {
            for (String profession : new String[] {null, "10"}) {
                all.add(new SearchCriteria(profession, null, "Quimper", 50, before, false, false, false, false, false, null,
                        SearchCriteria.Order.EARLIEST, 50));
                all.add(new SearchCriteria(profession, null, "Quimper", 100, before, true, false, false, false, false, "fr",
                        SearchCriteria.Order.DISTANCE, 50));
            }
        }
        int compared = 0;
        for (Instant now : nows) {
            for (SearchCriteria c : all) {
                Directory.SearchQuery q = Directory.SearchQuery.of(c, 47.9960, -4.1024, now);
                // Session 11 ranks narrow rows, then reads the page's offers: same rows, same order as the
                // session-10 statement (one sort over every column of the offers in the circle).
                assertThat(rows(q.sql(), q.params())).as(c + " at " + now).isEqualTo(rows(oneSort(q.sql()), q.params()));
                String probeOnly = q.sql().replace("o.first_free_from <= :now", "FALSE");
                if (probeOnly.equals(q.sql())) {
                    continue; // sorted by distance without « disponible avant »: no first slot in the query
                }
                assertThat(rows(q.sql(), q.params())).as(c + " at " + now).isEqualTo(rows(probeOnly, q.params()));
                compared += ids(q.sql(), q.params()).isEmpty() ? 0 : 1;
            }
        }
        assertThat(compared).isGreaterThan(20);
    }

    /** The session-10 form of a search's SQL: the ranking subquery with every offer column, sorted once. */
    private static String oneSort(String sql) {
        String inner = sql.substring(sql.indexOf("FROM (") + "FROM (".length(), sql.indexOf(") t\nJOIN"));
        assertThat(inner).startsWith("SELECT o.professional_id, d.distance_km");
        return "SELECT " + Directory.OFFER_COLUMNS + ", d.distance_km\n" + inner.substring(inner.indexOf('\n') + 1);
    }

    @Test
    void theDelaysByCommuneAreTheProbesDelays() {
        fixture.openEveryDay("DELAI-A");
        ProfessionalId b = fixture.openEveryDay("DELAI-B");
        jdbc.sql("UPDATE appointments.slot SET status = 'busy-unavailable' WHERE professional_id = :p AND starts_at < :t")
                .param("p", b.value()).param("t", Timestamp.from(clock.instant().plus(Duration.ofDays(1)))).update();
        List<Instant> nows = List.of(clock.instant(), clock.instant().minus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofHours(5)), clock.instant().plus(Duration.ofDays(3)));
        for (Instant now : nows) {
            for (String profession : new String[] {null, "10"}) {
                Map<String, List<Double>> probed = new java.util.TreeMap<>();
                jdbc.sql("""
                        SELECT o.commune_insee, EXTRACT(EPOCH FROM (f.first_at - :now)) / 86400.0 AS days
                        FROM appointments.practitioner_offer o
                        CROSS JOIN LATERAL (SELECT min(s.starts_at) AS first_at FROM appointments.slot s
                            WHERE s.professional_id = o.professional_id AND s.status = 'free' AND s.starts_at >= :now) f
                        WHERE o.published AND o.commune_insee IS NOT NULL AND f.first_at IS NOT NULL
                          AND (CAST(:profession AS text) IS NULL OR o.profession_code = :profession)
                        ORDER BY o.commune_insee, days""")
                        .param("now", Timestamp.from(now)).param("profession", profession)
                        .query((rs, n) -> probed.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getDouble(2)))
                        .list();
                assertThat(probed).as(profession + " at " + now).isNotEmpty();
                assertThat(directory.firstFreeSlotDelaysByCommune(now, profession)).as(profession + " at " + now)
                        .isEqualTo(probed);
            }
        }
    }

    private List<List<Object>> rows(String sql, Map<String, Object> params) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        for (Map.Entry<String, Object> e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query((rs, n) -> List.<Object>of(rs.getObject("professional_id", UUID.class),
                rs.getString("display_name"), rs.getDouble("distance_km"))).list();
    }

    private List<UUID> ids(String sql, Map<String, Object> params) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        for (Map.Entry<String, Object> e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query((rs, n) -> rs.getObject("professional_id", UUID.class)).list();
    }
}
