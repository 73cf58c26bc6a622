package fr.hygie.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** On 10,000 persons, the population looks like France: regions, ages, prevalences, care offer. */
class PopulationPlausibilityTest {

    private static final LocalDate TODAY = SyntheticPopulation.REFERENCE_DATE;
    private static final Set<String> REGIONS = Set.of("11", "24", "27", "28", "32", "44", "52", "53", "75", "76",
            "84", "93", "94", "01", "02", "03", "04", "06");

    private final List<SynthPersonHistory> histories = TestPopulations.tenThousandHistories();

    @Test
    void everyRegionIsRepresentedAmongPersonsAndProfessionals() {
        assertThat(histories.stream().map(h -> h.person().regionCode()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(REGIONS);
        assertThat(TestPopulations.tenThousand().professionals().stream().map(SynthProfessional::regionCode)
                .collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(REGIONS);
    }

    @Test
    void theAgePyramidLooksFrench() {
        double minors = share(histories, h -> age(h) < 18);
        double seniors = share(histories, h -> age(h) >= 65);
        double women = share(histories, h -> h.person().sex() == Sex.F);

        assertThat(minors).isBetween(0.17, 0.25);
        assertThat(seniors).isBetween(0.17, 0.26);
        assertThat(women).isBetween(0.49, 0.54);
        assertThat(histories).allSatisfy(h -> assertThat(age(h)).isBetween(0, 100));
    }

    @Test
    void prevalencesArePlausibleByAgeAndSex() {
        List<SynthPersonHistory> over60 = histories.stream().filter(h -> age(h) >= 60).toList();
        List<SynthPersonHistory> over50 = histories.stream().filter(h -> age(h) >= 50).toList();
        List<SynthPersonHistory> adults = histories.stream().filter(h -> age(h) >= 18).toList();
        List<SynthPersonHistory> adultWomen = adults.stream().filter(h -> h.person().sex() == Sex.F).toList();
        List<SynthPersonHistory> adultMen = adults.stream().filter(h -> h.person().sex() == Sex.M).toList();

        assertThat(share(over60, has("I10"))).isBetween(0.20, 0.50);
        assertThat(share(over50, has("I10"))).isBetween(0.22, 0.40);
        assertThat(share(histories, has("E11"))).isBetween(0.03, 0.08);
        assertThat(share(over60, has("E11"))).isGreaterThan(share(histories, has("E11")));
        assertThat(share(histories, has("J45"))).isBetween(0.04, 0.09);
        assertThat(share(adultWomen, has("F32"))).isGreaterThan(share(adultMen, has("F32")));
        assertThat(share(adults, has("F32"))).isBetween(0.05, 0.11);
        assertThat(histories.stream().filter(has("J44"))).allSatisfy(h -> assertThat(age(h)).isGreaterThanOrEqualTo(40));
        assertThat(share(adults, has("E78"))).isBetween(0.06, 0.20);
    }

    @Test
    void treatmentsFollowTheirConditions() {
        List<SynthPersonHistory> diabetics = histories.stream().filter(has("E11")).toList();

        assertThat(share(diabetics, takes("A10BA02"))).isBetween(0.75, 0.95);
        assertThat(diabetics.stream().filter(takes("A10BA02")).count()).isGreaterThan(100);
        assertThat(histories.stream().filter(takes("A10BA02"))).allMatch(has("E11"));
        assertThat(histories.stream().filter(takes("H03AA01"))).allMatch(has("E03"));
        assertThat(diabetics).allSatisfy(h -> assertThat(h.events())
                .anyMatch(e -> e instanceof SynthLabResult l && l.loinc().equals("4548-4")));
    }

    @Test
    void eventsAreInDateOrderWithinTheLifeOfThePerson() {
        assertThat(histories).allSatisfy(h -> {
            List<SynthEvent> events = h.events();
            for (int i = 0; i < events.size(); i++) {
                SynthEvent e = events.get(i);
                assertThat(e.personIndex()).isEqualTo(h.person().index());
                assertThat(e.sequence()).isEqualTo(i);
                assertThat(e.date()).isAfterOrEqualTo(h.person().birthDate()).isBefore(TODAY);
                if (i > 0) {
                    assertThat(e.date()).isAfterOrEqualTo(events.get(i - 1).date());
                }
            }
        });
        assertThat(histories.stream().mapToInt(h -> h.events().size()).sum()).isGreaterThan(10 * histories.size());
    }

    @Test
    void vaccinationsFollowTheFrenchSchedule() {
        List<SynthPersonHistory> toddlers = histories.stream().filter(h -> age(h) >= 2 && age(h) < 18).toList();
        List<SynthPersonHistory> seniors = histories.stream().filter(h -> age(h) >= 70).toList();

        assertThat(share(toddlers, vaccinated("J07CA09"))).isGreaterThan(0.9);
        assertThat(share(toddlers, vaccinated("J07BD52"))).isGreaterThan(0.85);
        assertThat(share(seniors, vaccinated("J07BB02"))).isBetween(0.6, 0.98);
        assertThat(histories.stream().filter(h -> age(h) >= 18)).noneMatch(vaccinated("J07CA09"));
    }

    @Test
    void organisedCancerScreeningReachesAboutHalfTheWomenAndAThirdOfThePeopleAged50To74() {
        List<SynthPersonHistory> target = histories.stream().filter(h -> age(h) >= 50 && age(h) <= 74).toList();
        List<SynthPersonHistory> women = target.stream().filter(h -> h.person().sex() == Sex.F).toList();

        assertThat(share(women, measured(CareCodes.OBS_MAMMOGRAPHY_SCREENING))).isBetween(0.42, 0.58);
        assertThat(share(target, measured(CareCodes.OBS_FIT))).isBetween(0.28, 0.42);
        assertThat(histories.stream().filter(h -> h.person().sex() == Sex.M || age(h) < 50 || age(h) > 74))
                .noneMatch(measured(CareCodes.OBS_MAMMOGRAPHY_SCREENING));
        assertThat(histories.stream().filter(h -> age(h) < 50 || age(h) > 74)).noneMatch(measured(CareCodes.OBS_FIT));
    }

    @Test
    void mostAdultsHaveAGeneralPractitionerNearThem() {
        Map<String, SynthProfessional> byRpps = TestPopulations.tenThousand().professionals().stream()
                .collect(Collectors.toMap(SynthProfessional::rpps, p -> p));
        Set<String> departmentsWithGp = byRpps.values().stream().filter(SynthProfessional::isGeneralPractitioner)
                .map(SynthProfessional::department).collect(Collectors.toSet());
        List<SynthPerson> adults = histories.stream().filter(h -> age(h) >= 18).map(SynthPersonHistory::person).toList();

        assertThat(share(adults.stream().map(p -> new SynthPersonHistory(p, List.of())).toList(),
                h -> h.person().medecinTraitantRpps() != null)).isBetween(0.85, 0.95);
        assertThat(histories).map(SynthPersonHistory::person).filteredOn(p -> p.medecinTraitantRpps() != null)
                .allSatisfy(p -> {
                    SynthProfessional gp = byRpps.get(p.medecinTraitantRpps());
                    assertThat(gp.professionCode()).isEqualTo(CareCodes.PROFESSION_MEDECIN);
                    assertThat(gp.specialtyCode()).isEqualTo(CareCodes.SPECIALTY_MEDECINE_GENERALE);
                    if (departmentsWithGp.contains(p.department())) {
                        assertThat(gp.department()).isEqualTo(p.department());
                    } else {
                        assertThat(gp.regionCode()).isEqualTo(p.regionCode());
                    }
                });
    }

    @Test
    void digitalUseIsHighButLowerAmongTheOldest() {
        double all = share(histories, h -> h.person().usesDigitalSpace());
        double over75 = share(histories.stream().filter(h -> age(h) >= 75).toList(), h -> h.person().usesDigitalSpace());

        assertThat(all).isBetween(0.80, 0.90);
        assertThat(over75).isLessThan(all - 0.15);
    }

    @Test
    void contactDetailsAreFictional() {
        assertThat(histories).map(SynthPersonHistory::person).allSatisfy(p -> {
            if (p.email() != null) {
                assertThat(p.email()).endsWith("@example.org").matches("[a-z0-9.-]+@example\\.org");
            }
            if (p.phone() != null) {
                assertThat(p.phone()).matches("063998\\d{4}");
            }
        });
    }

    @Test
    void documentsAreTypedByLoincAndSignedByAKnownProfessional() {
        Set<String> rpps = TestPopulations.tenThousand().professionals().stream().map(SynthProfessional::rpps)
                .collect(Collectors.toSet());
        List<SynthDocument> documents = histories.stream().flatMap(h -> h.events().stream())
                .filter(e -> e instanceof SynthDocument).map(e -> (SynthDocument) e).toList();

        assertThat(documents).allSatisfy(d -> {
            assertThat(CareCodes.DOCUMENT_TYPE_LABELS).containsKey(d.loincType());
            assertThat(rpps).contains(d.authorRpps());
            assertThat(d.body()).isNotBlank();
        });
        assertThat(documents.stream().map(SynthDocument::loincType).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(CareCodes.DOCUMENT_TYPE_LABELS.keySet());
    }

    private static int age(SynthPersonHistory h) {
        return h.person().ageOn(TODAY);
    }

    private static Predicate<SynthPersonHistory> has(String icd10) {
        return h -> h.events().stream().anyMatch(e -> e instanceof SynthCondition c && c.icd10().equals(icd10));
    }

    private static Predicate<SynthPersonHistory> takes(String atc) {
        return h -> h.events().stream().anyMatch(e -> e instanceof SynthMedication m && m.atc().equals(atc));
    }

    private static Predicate<SynthPersonHistory> vaccinated(String code) {
        return h -> h.events().stream().anyMatch(e -> e instanceof SynthVaccination v && v.vaccineCode().equals(code));
    }

    private static Predicate<SynthPersonHistory> measured(String loinc) {
        return h -> h.events().stream().anyMatch(e -> e instanceof SynthMeasurement m && m.loinc().equals(loinc));
    }

    private static double share(List<SynthPersonHistory> list, Predicate<SynthPersonHistory> p) {
        return list.isEmpty() ? 0 : (double) list.stream().filter(p).count() / list.size();
    }
}
