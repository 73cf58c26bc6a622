package fr.hygie.oversight;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working days (jours ouvrés) in metropolitan France: Monday to Friday except the eleven public holidays
 * of the Code du travail (art. L3133-1), Easter Monday, Ascension and Whit Monday included. Alsace-Moselle's
 * two extra days are not counted (a target met nationally is met there too). Pure.
 */
public final class WorkingDays {

    private static final Set<MonthDay> FIXED = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 8), MonthDay.of(7, 14),
            MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11), MonthDay.of(12, 25));

    private WorkingDays() {
    }

    public static boolean isWorkingDay(LocalDate d) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY || FIXED.contains(MonthDay.from(d))) {
            return false;
        }
        LocalDate easter = easter(d.getYear());
        return !d.equals(easter.plusDays(1)) && !d.equals(easter.plusDays(39)) && !d.equals(easter.plusDays(50));
    }

    /**
     * The deadline {@code days} working days after {@code start}, at the same time of day; a request
     * made on a day off counts from the next working day's start.
     */
    public static Instant deadline(Instant start, int days, ZoneId zone) {
        ZonedDateTime t = start.atZone(zone);
        if (!isWorkingDay(t.toLocalDate())) {
            LocalDate d = t.toLocalDate().plusDays(1);
            while (!isWorkingDay(d)) {
                d = d.plusDays(1);
            }
            t = d.atStartOfDay(zone);
        }
        LocalDate d = t.toLocalDate();
        for (int added = 0; added < days; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                added++;
            }
        }
        return t.with(d).toInstant();
    }

    /** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easter(int y) {
        int a = y % 19;
        int b = y / 100;
        int c = y % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(y, month, day);
    }
}
