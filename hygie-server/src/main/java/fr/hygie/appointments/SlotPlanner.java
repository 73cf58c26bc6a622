package fr.hygie.appointments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The slots an agenda should have over a date range: the weekly schedule, replaced on a date by that
 * date's overrides, each period cut into slots of its length; slots touching an absence are
 * {@code busy-unavailable}. Pure: no clock, no database.
 */
public final class SlotPlanner {

    /** A slot the agenda should hold. */
    public record Planned(Instant startsAt, Instant endsAt, SlotStatus status) {
    }

    private SlotPlanner() {
    }

    public static List<Planned> plan(Collection<WeeklyHours> weekly, Collection<DateOverride> overrides,
            Collection<Absence> absences, LocalDate from, LocalDate untilExclusive, ZoneId zone) {
        Map<LocalDate, List<DateOverride>> byDay = overrides.stream()
                .collect(Collectors.groupingBy(DateOverride::day, TreeMap::new, Collectors.toList()));
        TreeMap<Instant, Planned> slots = new TreeMap<>();
        for (LocalDate day = from; day.isBefore(untilExclusive); day = day.plusDays(1)) {
            List<DateOverride> dayOverrides = byDay.get(day);
            if (dayOverrides != null) {
                for (DateOverride o : dayOverrides) {
                    if (!o.closed()) {
                        cut(day, o.start(), o.end(), o.slotMinutes(), absences, zone, slots);
                    }
                }
            } else {
                for (WeeklyHours h : weekly) {
                    if (h.day() == day.getDayOfWeek()) {
                        cut(day, h.start(), h.end(), h.slotMinutes(), absences, zone, slots);
                    }
                }
            }
        }
        return new ArrayList<>(slots.values());
    }

    private static void cut(LocalDate day, LocalTime start, LocalTime end, int minutes, Collection<Absence> absences,
            ZoneId zone, TreeMap<Instant, Planned> into) {
        for (LocalTime t = start; !t.plusMinutes(minutes).isAfter(end) && !t.plusMinutes(minutes).isBefore(t);
                t = t.plusMinutes(minutes)) {
            Instant s = day.atTime(t).atZone(zone).toInstant();
            Instant e = day.atTime(t.plusMinutes(minutes)).atZone(zone).toInstant();
            boolean away = absences.stream().anyMatch(a -> a.overlaps(s, e));
            // Two periods of one day that overlap keep the first slot at a given start.
            into.putIfAbsent(s, new Planned(s, e, away ? SlotStatus.BUSY_UNAVAILABLE : SlotStatus.FREE));
        }
    }
}
