package fr.hygie.bench;

import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.BookingOutcome;
import fr.hygie.appointments.BookingRequest;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.Slot;
import fr.hygie.appointments.VisitReason;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.ProfessionalId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Booking contention on popular slots (prise de rendez-vous): 8 counter agents' threads all try to book
 * the SAME next free slot of the demo médecin; exactly one wins, the others get "slot taken" and move
 * on to the next slot together. Counters: {@code booked} and {@code taken} per second; {@code exhausted}
 * counts attempts after the agenda ran out (should stay 0, or the figure is void).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BookingContentionBenchmark {

    private HygieContext hygie;
    private Bookings bookings;
    private HygieUser counterAgent;
    private List<Slot> slots;
    private java.util.UUID reason;
    private final AtomicInteger next = new AtomicInteger();

    /** Per-thread outcome counters, reported by JMH as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Outcomes {
        public long booked;
        public long taken;
        public long exhausted;
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
        hygie = new HygieContext(Map.of("hygie.demo.persons", "0"));
        bookings = hygie.bean(Bookings.class);
        Accounts accounts = hygie.bean(Accounts.class);
        counterAgent = accounts.loadUserByUsername("accueil");
        ProfessionalId medecin = accounts.loadUserByUsername("medecin").professionalId().orElseThrow();
        Instant now = hygie.bean(Clock.class).instant();
        slots = hygie.bean(Directory.class).freeSlots(medecin, now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(120)), 100_000);
        List<VisitReason> reasons = hygie.bean(Agendas.class).reasons(medecin, true);
        reason = reasons.isEmpty() ? null : reasons.stream().filter(r -> r.durationMinutes() <= slots.get(0).minutes())
                .findFirst().orElseThrow().id();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        hygie.close();
    }

    @Benchmark
    @Threads(8)
    public BookingOutcome eightAgentsRaceForTheSameSlot(Outcomes counters) {
        int i = next.get();
        if (i >= slots.size()) {
            counters.exhausted++;
            return null;
        }
        BookingOutcome o = bookings.book(counterAgent, new BookingRequest(slots.get(i).id(), reason,
                new BookedFor.Unregistered("BENCH", "Personne" + i, LocalDate.of(1980, 1, 1), "0601020304"), null, null));
        if (o instanceof BookingOutcome.Booked) {
            counters.booked++;
            next.compareAndSet(i, i + 1);
        } else if (o instanceof BookingOutcome.SlotTaken) {
            counters.taken++;
            next.compareAndSet(i, i + 1);
        } else {
            throw new IllegalStateException("booking refused: " + o);
        }
        return o;
    }
}
