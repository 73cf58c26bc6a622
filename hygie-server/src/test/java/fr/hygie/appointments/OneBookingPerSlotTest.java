package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.HygieUser;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.support.HygieIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Forty clients race for one slot on real PostgreSQL: exactly one wins, every other one is told the slot was taken. */
@HygieIntegrationTest
class OneBookingPerSlotTest {

    static final int CLIENTS = 40;

    @Autowired
    AppointmentsFixture fixture;
    @Autowired
    Bookings bookings;
    @Autowired
    Directory directory;
    @Autowired
    Agendas agendas;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void fortyConcurrentClientsForOneSlotGiveExactlyOneBooking() throws Exception {
        ProfessionalId pro = fixture.openEveryDay("COURSE");
        Slot slot = directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(2)), clock.instant().plus(Duration.ofDays(9)), 1).get(0);
        HygieUser counter = fixture.user("accueil");
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BookingOutcome>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return bookings.book(counter, new BookingRequest(slot.id(), null,
                            new BookedFor.Unregistered("CLIENT", "Numéro " + n, LocalDate.of(1980, 1, 1 + n % 28),
                                    "06000000" + String.format("%02d", n)), null, null));
                }));
            }
            start.countDown();
            List<BookingOutcome> outcomes = new ArrayList<>();
            for (Future<BookingOutcome> f : futures) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn(o -> o instanceof BookingOutcome.Booked).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof BookingOutcome.SlotTaken).hasSize(CLIENTS - 1)
                    .allMatch(o -> ((BookingOutcome.SlotTaken) o).message().contains("ce créneau vient d'être pris".substring(1)));
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM appointments.booking WHERE slot_id = :s").param("s", slot.id().value())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(directory.slot(slot.id()).orElseThrow().status()).isEqualTo(SlotStatus.BUSY);
    }

    @Test
    void theDatabaseRefusesASecondLiveBookingEvenWithoutTheSlotCheck() {
        ProfessionalId pro = fixture.openEveryDay("INDEX");
        Slot slot = directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(2)), clock.instant().plus(Duration.ofDays(9)), 1).get(0);
        var first = bookings.book(fixture.user("accueil"), new BookingRequest(slot.id(), null,
                new BookedFor.Unregistered("UN", "Premier", LocalDate.of(1970, 1, 1), "0611111111"), null, null));
        assertThat(first).isInstanceOf(BookingOutcome.Booked.class);
        // Free the slot behind the service's back: only the partial unique index stands between two bookings now.
        jdbc.sql("UPDATE appointments.slot SET status = 'free' WHERE id = :s").param("s", slot.id().value()).update();
        var second = bookings.book(fixture.user("accueil"), new BookingRequest(slot.id(), null,
                new BookedFor.Unregistered("DEUX", "Second", LocalDate.of(1970, 1, 2), "0622222222"), null, null));
        assertThat(second).isInstanceOf(BookingOutcome.SlotTaken.class);
    }
}
