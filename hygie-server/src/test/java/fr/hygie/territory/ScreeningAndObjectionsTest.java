package fr.hygie.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InsIdentity;
import fr.hygie.identity.InsStatus;
import fr.hygie.identity.InsTraits;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.NewPatient;
import fr.hygie.identity.Nir;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Sex;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.NewProfileItem;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.Objections;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.Purpose;
import fr.hygie.support.HygieIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Screening coverage (organised breast and colorectal cancer screening) on known persons, and objections to the
 * secondary use of health data applied to every indicator. Communes 09001 (Ariège) and 15001 (Cantal) are used by
 * no other test, nor by the demo populations (hygie-synth's communes are real town halls such as 09122, 15014).
 */
@HygieIntegrationTest
class ScreeningAndObjectionsTest {

    static final YearMonth PERIOD = YearMonth.of(2025, 6);
    static final LocalDate END = PERIOD.atEndOfMonth();
    static final AtomicInteger SERIAL = new AtomicInteger(100);

    @Autowired
    Patients patients;
    @Autowired
    MedicalProfile profiles;
    @Autowired
    Objections objections;
    @Autowired
    DatabaseIndicatorSource database;

    @Test
    void screeningCoverageCountsTheTargetPopulationWithATestInTheLastTwoYears() {
        String commune = "09001";
        PatientId w1 = person(commune, Sex.FEMALE, 55);
        PatientId w2 = person(commune, Sex.FEMALE, 60);
        PatientId w3 = person(commune, Sex.FEMALE, 70);
        person(commune, Sex.FEMALE, 51);
        PatientId young = person(commune, Sex.FEMALE, 45);
        PatientId old = person(commune, Sex.FEMALE, 80);
        PatientId m1 = person(commune, Sex.MALE, 62);
        person(commune, Sex.MALE, 74);

        mammography(w1, LocalDate.of(2024, 9, 1));
        mammography(w2, LocalDate.of(2023, 7, 1)); // within two years of 30 June 2025
        mammography(w3, LocalDate.of(2023, 6, 30)); // two years and one day before: too old
        mammography(young, LocalDate.of(2025, 1, 10)); // outside the target population
        mammography(old, LocalDate.of(2025, 1, 10));
        fit(m1, LocalDate.of(2025, 3, 3));
        fit(w3, LocalDate.of(2025, 6, 30));
        fit(w1, LocalDate.of(2025, 7, 1)); // after the period

        // women 50-74: w1, w2, w3 and the one aged 51 → 4; screened in time: w1, w2
        assertThat(database.counts(Indicator.BREAST_SCREENING, PERIOD).get(commune)).isEqualTo(new IndicatorSource.Counts(2, 4));
        // everyone 50-74: 4 women + 2 men → 6; tested in time: m1, w3
        assertThat(database.counts(Indicator.COLORECTAL_SCREENING, PERIOD).get(commune)).isEqualTo(new IndicatorSource.Counts(2, 6));
        // a year earlier w1's mammography had not happened yet and w3's still counted
        assertThat(database.counts(Indicator.BREAST_SCREENING, YearMonth.of(2024, 6)).get(commune)).isEqualTo(new IndicatorSource.Counts(2, 4));
        assertThat(Indicator.catalogue(false)).contains(Indicator.BREAST_SCREENING, Indicator.COLORECTAL_SCREENING);
    }

    @Test
    void whoeverObjectsToOfficialStatisticsIsInNeitherNumeratorNorDenominator() {
        String commune = "15001";
        PatientId global = person(commune, Sex.FEMALE, 55);
        PatientId statistics = person(commune, Sex.FEMALE, 56);
        PatientId research = person(commune, Sex.FEMALE, 57);
        PatientId commercial = person(commune, Sex.FEMALE, 58);
        PatientId publicBodies = person(commune, Sex.FEMALE, 59);
        PatientId nobody = person(commune, Sex.FEMALE, 60);
        for (PatientId p : List.of(global, statistics, research, commercial, publicBodies, nobody)) {
            condition(p, "E11");
            mammography(p, LocalDate.of(2025, 1, 15));
        }
        assertThat(database.counts(Indicator.DIABETES, PERIOD).get(commune)).isEqualTo(new IndicatorSource.Counts(6, 6));

        objections.importObjections(Map.of(
                global, List.of(ObjectionScope.GLOBAL),
                statistics, List.of(ObjectionScope.purpose(Purpose.OFFICIAL_STATISTICS)),
                research, List.of(ObjectionScope.purpose(Purpose.SCIENTIFIC_RESEARCH)),
                commercial, List.of(ObjectionScope.organisationKind(OrganisationKind.COMMERCIAL)),
                publicBodies, List.of(ObjectionScope.organisationKind(OrganisationKind.PUBLIC))), "Formulaire papier (test)");

        // excluded: global, official statistics, public organisations; kept: research-only and commercial-only objections
        assertThat(database.counts(Indicator.DIABETES, PERIOD).get(commune)).isEqualTo(new IndicatorSource.Counts(3, 3));
        assertThat(database.counts(Indicator.BREAST_SCREENING, PERIOD).get(commune)).isEqualTo(new IndicatorSource.Counts(3, 3));
        assertThat(database.objectors()).contains(global, statistics, publicBodies).doesNotContain(research, commercial, nobody);
    }

    private PatientId person(String commune, Sex sex, int ageAtEnd) {
        LocalDate birth = END.minusYears(ageAtEnd).withDayOfMonth(1).minusMonths(1);
        while (true) {
            String body = (sex == Sex.FEMALE ? "2" : "1") + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue())
                    + "75056" + String.format("%03d", SERIAL.getAndIncrement() % 998 + 1);
            Nir nir = Nir.parse(body + Nir.key(body));
            if (patients.byMatricule(nir.value()).isPresent()) {
                continue;
            }
            NewPatient p = new NewPatient(InsIdentity.of(nir, new InsTraits("DEPISTAGE", "CAMILLE", birth, sex, "75056"), InsStatus.QUALIFIED),
                    null, null, null, InseeCommuneCode.parse(commune), null, null, null, null, true);
            return patients.registerAll(List.of(p)).get(0);
        }
    }

    private void mammography(PatientId p, LocalDate date) {
        measurement(p, DatabaseIndicatorSource.MAMMOGRAPHY_SCREENING, "Mammographie de dépistage (catégorie ACR)", "{score}", date);
    }

    private void fit(PatientId p, LocalDate date) {
        measurement(p, DatabaseIndicatorSource.FIT, "Recherche de sang occulte dans les selles (test immunologique)", "{presence}", date);
    }

    private void measurement(PatientId p, String loinc, String label, String unit, LocalDate date) {
        profiles.importItem(p, new NewProfileItem(ProfileSectionKind.MEASUREMENTS, "LOINC", loinc, label, BigDecimal.ONE, unit, date, null),
                null, "Test", "screening-test-" + loinc + "-" + p.value() + "-" + date);
    }

    private void condition(PatientId p, String code) {
        profiles.importItem(p, new NewProfileItem(ProfileSectionKind.HISTORY, "CIM-10", code, "Condition " + code, null, null,
                LocalDate.of(2020, 1, 1), null), null, "Test", "screening-test-" + code + "-" + p.value());
    }
}
