package fr.hygie.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static java.time.Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @Test
    void twoWorkingDaysAfterAFridaySkipTheWeekend() {
        assertThat(WorkingDays.deadline(at("2026-11-27T10:00"), 2, PARIS)).isEqualTo(at("2026-12-01T10:00"));
    }

    @Test
    void aRequestMadeOnSundayCountsFromMondayMorning() {
        assertThat(WorkingDays.deadline(at("2026-11-29T15:00"), 2, PARIS)).isEqualTo(at("2026-12-02T00:00"));
    }

    @Test
    void publicHolidaysAreNotWorkingDays() {
        assertThat(WorkingDays.easter(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 6))).isFalse(); // lundi de Pâques
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 5, 14))).isFalse(); // Ascension
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(WorkingDays.deadline(at("2026-12-24T09:00"), 2, PARIS)).isEqualTo(at("2026-12-29T09:00"));
    }

    @Test
    void smallCountsAreSuppressedAndRatesThatWouldRevealThemToo() {
        assertThat(SmallCounts.show(10)).isEqualTo("moins de 11");
        assertThat(SmallCounts.show(11)).isEqualTo("11");
        assertThat(SmallCounts.rate(20, 30)).isEqualTo("non publié");
        assertThat(SmallCounts.rate(25, 40)).isEqualTo("63 %");
    }
}
