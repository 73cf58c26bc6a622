package fr.hygie.territory;

import fr.hygie.appointments.Directory;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.PopulationFilter;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Sex;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.research.Objections;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.ProcessingPlace;
import fr.hygie.research.ProjectProfile;
import fr.hygie.research.Purpose;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Indicator inputs from the operational database, through the aggregate-only APIs of identity, record and
 * appointments (each module reads only its own tables). Denominators are the persons registered per commune
 * of residence today (the registry keeps no history of moves); numerators of historical indicators use the
 * dates of the profile items, so a past month can be recomputed.
 *
 * <p>Indicators are a secondary use of health data: official statistics (« statistiques officielles »,
 * EHDS art. 53 c) produced by a public body in France. Whoever objects to that use (globally, to that
 * purpose, to public organisations) is left out of numerators and denominators alike, by the same rule as
 * research cohorts ({@link fr.hygie.research.ObjectionPolicy}), with the objections in force when the indicator is computed.
 */
@Component
class DatabaseIndicatorSource implements IndicatorSource {

    /** CIM-10 categories of each chronic condition (« ALD » groupings simplified). */
    static final Map<Indicator, List<String>> CONDITIONS = Map.of(
            Indicator.DIABETES, List.of("E10", "E11", "E12", "E13", "E14"),
            Indicator.ASTHMA, List.of("J45", "J46"),
            Indicator.COPD, List.of("J44"),
            Indicator.HYPERTENSION, List.of("I10", "I11", "I12", "I13", "I15"),
            Indicator.DEPRESSION, List.of("F32", "F33"));
    /** ATC class of influenza vaccines. */
    static final String FLU_VACCINES = "J07BB";
    /** TRE_G15 code of physicians (médecins). */
    static final String PHYSICIAN = "10";
    /** LOINC « MG Breast Screening »: result of an organised-screening mammography. */
    static final String MAMMOGRAPHY_SCREENING = "24606-6";
    /** LOINC immunological faecal occult blood test (FIT) of organised colorectal screening. */
    static final String FIT = "29771-3";
    /** What the objection rule looks at for territorial indicators. */
    static final ProjectProfile INDICATORS = new ProjectProfile(Purpose.OFFICIAL_STATISTICS, OrganisationKind.PUBLIC,
            ProcessingPlace.FRANCE);

    private final Patients patients;
    private final Professionals professionals;
    private final MedicalProfile profiles;
    private final Directory directory;
    private final Objections objections;
    private final Clock clock;

    DatabaseIndicatorSource(Patients patients, Professionals professionals, MedicalProfile profiles, Directory directory,
            Objections objections, Clock clock) {
        this.objections = objections;
        this.patients = patients;
        this.professionals = professionals;
        this.profiles = profiles;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Map<String, Counts> counts(Indicator indicator, YearMonth period) {
        LocalDate end = period.atEndOfMonth();
        Set<PatientId> objectors = objectors();
        PopulationFilter everyone = PopulationFilter.everyone(end).excluding(objectors);
        switch (indicator) {
            case DIABETES:
            case ASTHMA:
            case COPD:
            case HYPERTENSION:
            case DEPRESSION:
                return zip(profiles.countByCommune(ProfileSectionKind.HISTORY, CONDITIONS.get(indicator), null, end, everyone),
                        patients.countByCommune(everyone));
            case FLU_VACCINATION: {
                PopulationFilter seniors = PopulationFilter.agedAtLeast(65, end).excluding(objectors);
                return zip(profiles.countByCommune(ProfileSectionKind.VACCINATIONS, List.of(FLU_VACCINES),
                        end.minusMonths(12).plusDays(1), end, seniors), patients.countByCommune(seniors));
            }
            case BREAST_SCREENING: {
                // programme national de dépistage organisé: women 50 to 74, one mammography every two years
                PopulationFilter women = PopulationFilter.aged(Sex.FEMALE, 50, 74, end).excluding(objectors);
                return zip(profiles.countByCommune(ProfileSectionKind.MEASUREMENTS, List.of(MAMMOGRAPHY_SCREENING),
                        end.minusYears(2).plusDays(1), end, women), patients.countByCommune(women));
            }
            case COLORECTAL_SCREENING: {
                // women and men 50 to 74, one FIT every two years
                PopulationFilter fifties = PopulationFilter.aged(null, 50, 74, end).excluding(objectors);
                return zip(profiles.countByCommune(ProfileSectionKind.MEASUREMENTS, List.of(FIT),
                        end.minusYears(2).plusDays(1), end, fifties), patients.countByCommune(fifties));
            }
            case PHYSICIANS:
            case PROFESSIONALS: {
                Map<String, Long> pros = new TreeMap<>();
                professionals.countByCommune(indicator == Indicator.PHYSICIANS ? PHYSICIAN : null)
                        .forEach(c -> pros.put(c.commune(), c.professionals()));
                // denominators count inhabitants (registered persons); professionals are not health data
                return zip(pros, patients.countByCommune(PopulationFilter.everyone(end)));
            }
            case TELECONSULTATION: {
                Map<String, Counts> result = new TreeMap<>();
                professionals.countByCommune(null).forEach(c -> result.put(c.commune(), new Counts(c.teleconsultation(), c.professionals())));
                return result;
            }
            default:
                throw new IllegalArgumentException(indicator + " is not a rate");
        }
    }

    @Override
    public Map<String, List<Double>> observations(Indicator indicator, YearMonth period) {
        if (indicator != Indicator.FIRST_SLOT_DELAY) {
            throw new IllegalArgumentException(indicator + " is not a median");
        }
        return directory.firstFreeSlotDelaysByCommune(clock.instant(), null);
    }

    /** Persons whose objections in force now exclude them from territorial indicators. */
    Set<PatientId> objectors() {
        Set<PatientId> out = new HashSet<>();
        objections.excludedAt(INDICATORS, clock.instant()).forEach(p -> out.add(new PatientId(p)));
        return out;
    }

    static Map<String, Counts> zip(Map<String, Long> numerators, Map<String, Long> denominators) {
        Map<String, Counts> result = new TreeMap<>();
        denominators.forEach((c, d) -> result.put(c, new Counts(numerators.getOrDefault(c, 0L), d)));
        numerators.forEach((c, n) -> result.putIfAbsent(c, new Counts(n, 0)));
        return result;
    }
}
