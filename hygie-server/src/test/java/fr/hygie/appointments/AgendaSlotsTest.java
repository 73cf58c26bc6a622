package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.ProfessionalId;
import fr.hygie.support.HygieIntegrationTest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Weekly schedule, date override and absence produce the right materialised slots. */
@HygieIntegrationTest
class AgendaSlotsTest {

    @Autowired
    AppointmentsFixture fixture;
    @Autowired
    Agendas agendas;
    @Autowired
    Bookings bookings;

    private ProfessionalId newAgenda() {
        ProfessionalId id = fixture.professional("70", null, "AGENDA", "29232", 47.99, -4.10, 1, false, List.of("fr"));
        agendas.open(id);
        return id;
    }

    private List<Slot> slotsOn(ProfessionalId id, LocalDate day) {
        return bookings.agenda(id, day, day.plusDays(1)).stream().map(AgendaEntry::slot).toList();
    }

    @Test
    void scheduleOverrideAndAbsenceGiveTheRightSlots() {
        ProfessionalId id = newAgenda();
        LocalDate tuesday = agendas.today().plusDays(7).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        LocalDate nextTuesday = tuesday.plusWeeks(1);
        LocalDate thirdTuesday = tuesday.plusWeeks(2);
        agendas.addWeekly(id, DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(11, 0), 30);
        assertThat(slotsOn(id, tuesday)).hasSize(4).allMatch(s -> s.status() == SlotStatus.FREE);

        agendas.addOverride(id, nextTuesday, LocalTime.of(14, 0), LocalTime.of(15, 0), 20);
        assertThat(slotsOn(id, nextTuesday)).extracting(s -> s.startsAt().atZone(Directory.FRANCE).toLocalTime())
                .containsExactly(LocalTime.of(14, 0), LocalTime.of(14, 20), LocalTime.of(14, 40));

        agendas.addAbsence(id, thirdTuesday.atTime(9, 30).atZone(Directory.FRANCE).toInstant(),
                thirdTuesday.atTime(10, 30).atZone(Directory.FRANCE).toInstant(), "Formation");
        assertThat(slotsOn(id, thirdTuesday)).extracting(Slot::status).containsExactly(SlotStatus.FREE,
                SlotStatus.BUSY_UNAVAILABLE, SlotStatus.BUSY_UNAVAILABLE, SlotStatus.FREE);
    }

    @Test
    void aClosedDayHasNoSlotAndReopensWhenTheOverrideIsRemoved() {
        ProfessionalId id = newAgenda();
        LocalDate monday = agendas.today().plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        agendas.addWeekly(id, DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(9, 0), 15);
        DateOverride closed = agendas.addOverride(id, monday, null, null, null);
        assertThat(slotsOn(id, monday)).isEmpty();
        agendas.removeOverride(id, closed.id());
        assertThat(slotsOn(id, monday)).hasSize(4);
    }

    @Test
    void slotsReachTheRollingHorizonOfEightWeeks() {
        ProfessionalId id = newAgenda();
        agendas.replaceWeekly(id, AppointmentsFixture.everyDay(LocalTime.of(10, 0), LocalTime.of(11, 0), 60));
        LocalDate last = agendas.today().plusDays(55);
        assertThat(slotsOn(id, last)).hasSize(1);
        assertThat(slotsOn(id, last.plusDays(1))).isEmpty();
    }
}
