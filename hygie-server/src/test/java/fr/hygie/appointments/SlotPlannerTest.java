package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotPlannerTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    static WeeklyHours hours(DayOfWeek d, int from, int to, int minutes) {
        return new WeeklyHours(UUID.randomUUID(), d, LocalTime.of(from, 0), LocalTime.of(to, 0), minutes);
    }

    @Test
    void aWeeklyScheduleIsCutIntoSlotsOfItsLength() {
        var slots = SlotPlanner.plan(List.of(hours(DayOfWeek.MONDAY, 9, 12, 30), hours(DayOfWeek.WEDNESDAY, 14, 15, 20)),
                List.of(), List.of(), MONDAY, MONDAY.plusDays(7), PARIS);
        assertThat(slots).hasSize(6 + 3);
        assertThat(slots.get(0).startsAt()).isEqualTo(MONDAY.atTime(9, 0).atZone(PARIS).toInstant());
        assertThat(slots.get(5).endsAt()).isEqualTo(MONDAY.atTime(12, 0).atZone(PARIS).toInstant());
        assertThat(slots).allMatch(s -> s.status() == SlotStatus.FREE);
    }

    @Test
    void anOverrideReplacesTheWeeklyScheduleOfItsDateOnly() {
        var weekly = List.of(hours(DayOfWeek.MONDAY, 9, 12, 30));
        var override = new DateOverride(UUID.randomUUID(), MONDAY, LocalTime.of(14, 0), LocalTime.of(15, 0), 15);
        var slots = SlotPlanner.plan(weekly, List.of(override), List.of(), MONDAY, MONDAY.plusDays(14), PARIS);
        // Monday 7: 14:00–15:00 in 15 minutes (4 slots); Monday 14: the weekly 9–12 (6 slots).
        assertThat(slots).hasSize(4 + 6);
        assertThat(slots.get(0).startsAt()).isEqualTo(MONDAY.atTime(14, 0).atZone(PARIS).toInstant());
        assertThat(slots.get(4).startsAt()).isEqualTo(MONDAY.plusDays(7).atTime(9, 0).atZone(PARIS).toInstant());
    }

    @Test
    void aClosedOverrideLeavesTheDayWithoutSlots() {
        var closed = new DateOverride(UUID.randomUUID(), MONDAY, null, null, null);
        var slots = SlotPlanner.plan(List.of(hours(DayOfWeek.MONDAY, 9, 12, 30)), List.of(closed), List.of(), MONDAY,
                MONDAY.plusDays(1), PARIS);
        assertThat(slots).isEmpty();
    }

    @Test
    void slotsTouchingAnAbsenceAreBusyUnavailable() {
        var absence = new Absence(UUID.randomUUID(), MONDAY.atTime(10, 15).atZone(PARIS).toInstant(),
                MONDAY.atTime(11, 0).atZone(PARIS).toInstant(), null);
        var slots = SlotPlanner.plan(List.of(hours(DayOfWeek.MONDAY, 9, 12, 30)), List.of(), List.of(absence), MONDAY,
                MONDAY.plusDays(1), PARIS);
        assertThat(slots).extracting(SlotPlanner.Planned::status).containsExactly(SlotStatus.FREE, SlotStatus.FREE,
                SlotStatus.BUSY_UNAVAILABLE, SlotStatus.BUSY_UNAVAILABLE, SlotStatus.FREE, SlotStatus.FREE);
    }

    @Test
    void localTimesStayLocalAcrossTheDaylightSavingChange() {
        LocalDate sundayBefore = LocalDate.of(2027, 3, 28); // clocks go forward at 02:00 in Paris
        var slots = SlotPlanner.plan(List.of(hours(DayOfWeek.SATURDAY, 9, 10, 60), hours(DayOfWeek.MONDAY, 9, 10, 60)),
                List.of(), List.of(), sundayBefore.minusDays(1), sundayBefore.plusDays(2), PARIS);
        assertThat(slots).extracting(s -> s.startsAt().atZone(PARIS).toLocalTime()).containsOnly(LocalTime.of(9, 0));
    }
}
