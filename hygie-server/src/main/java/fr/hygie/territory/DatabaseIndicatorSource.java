package fr.hygie.territory;

import fr.hygie.appointments.Directory;
import fr.hygie.identity.PopulationFilter;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.ProfileSectionKind;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Indicator inputs from the operational database, through the aggregate-only APIs of identity, record and
 * appointments (each module reads only its own tables). Denominators are the persons registered per commune
 * of residence today (the registry keeps no history of moves); numerators of historical indicators use the
 * dates of the profile items, so a past month can be recomputed.
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

    private final Patients patients;
    private final Professionals professionals;
    private final MedicalProfile profiles;
    private final Directory directory;
    private final Clock clock;

    DatabaseIndicatorSource(Patients patients, Professionals professionals, MedicalProfile profiles, Directory directory, Clock clock) {
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
        PopulationFilter everyone = PopulationFilter.everyone(end);
        switch (indicator) {
            case DIABETES:
            case ASTHMA:
            case COPD:
            case HYPERTENSION:
            case DEPRESSION:
                return zip(profiles.countByCommune(ProfileSectionKind.HISTORY, CONDITIONS.get(indicator), null, end, everyone),
                        patients.countByCommune(everyone));
            case FLU_VACCINATION: {
                PopulationFilter seniors = PopulationFilter.agedAtLeast(65, end);
                return zip(profiles.countByCommune(ProfileSectionKind.VACCINATIONS, List.of(FLU_VACCINES),
                        end.minusMonths(12).plusDays(1), end, seniors), patients.countByCommune(seniors));
            }
            case PHYSICIANS:
            case PROFESSIONALS: {
                Map<String, Long> pros = new TreeMap<>();
                professionals.countByCommune(indicator == Indicator.PHYSICIANS ? PHYSICIAN : null)
                        .forEach(c -> pros.put(c.commune(), c.professionals()));
                return zip(pros, patients.countByCommune(everyone));
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

    static Map<String, Counts> zip(Map<String, Long> numerators, Map<String, Long> denominators) {
        Map<String, Counts> result = new TreeMap<>();
        denominators.forEach((c, d) -> result.put(c, new Counts(numerators.getOrDefault(c, 0L), d)));
        numerators.forEach((c, n) -> result.putIfAbsent(c, new Counts(n, 0)));
        return result;
    }
}
