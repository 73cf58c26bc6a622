package fr.hygie.territory;

import fr.hygie.identity.InsIdentity;
import fr.hygie.identity.InsStatus;
import fr.hygie.identity.InsTraits;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.NewPatient;
import fr.hygie.identity.NewProfessional;
import fr.hygie.identity.Nir;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Sex;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.NewProfileItem;
import fr.hygie.record.ProfileSectionKind;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Known datasets for territory tests: persons registered in communes that neither the demo cast nor the synthetic
 * population use (codes outside hygie-synth's bundled list), with their conditions; and in-memory indicator
 * sources (test implementations of {@link IndicatorSource}, standing for the warehouse).
 */
final class TerritoryTestData {

    private TerritoryTestData() {
    }

    /** Registers {@code count} adults (born 1950-1990) living in {@code commune}; the first {@code withCode} get {@code code} in HISTORY. */
    static List<PatientId> persons(Patients patients, MedicalProfile profiles, String commune, int count, int withCode, String code,
            LocalDate onset) {
        List<NewPatient> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(person(commune, patients));
        }
        List<PatientId> ids = patients.registerAll(batch);
        for (int i = 0; i < withCode; i++) {
            profiles.importItem(ids.get(i), new NewProfileItem(ProfileSectionKind.HISTORY, "CIM-10", code, "Condition " + code,
                    null, null, onset, null), null, "Test", "territory-test-" + ids.get(i).value());
        }
        return ids;
    }

    private static NewPatient person(String commune, Patients patients) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            LocalDate birth = LocalDate.of(1950 + r.nextInt(40), 1 + r.nextInt(12), 10);
            String body = "1" + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue()) + "75056"
                    + String.format("%03d", 1 + r.nextInt(998));
            Nir nir = Nir.parse(body + Nir.key(body));
            if (patients.byMatricule(nir.value()).isPresent()) {
                continue;
            }
            return new NewPatient(InsIdentity.of(nir, new InsTraits("TERRITOIRE", "JEAN", birth, Sex.MALE, "75056"), InsStatus.QUALIFIED),
                    null, null, null, InseeCommuneCode.parse(commune), null, null, null, null, true);
        }
    }

    /** Registers {@code count} physicians (profession 10) practising in {@code commune}, {@code tele} of them with teleconsultation. */
    static void physicians(Professionals professionals, String commune, int count, int tele) {
        List<NewProfessional> batch = new ArrayList<>();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            String rpps;
            do {
                rpps = Rpps.withCheckDigit("9" + String.format("%09d", r.nextInt(1_000_000_000)));
            } while (professionals.byRpps(rpps).isPresent());
            batch.add(new NewProfessional(Rpps.parse(rpps), "10", null, "TERRITOIRE", "Médecin", Sex.FEMALE, null,
                    InseeCommuneCode.parse(commune), null, null, 1, i < tele, List.of("fr")));
        }
        professionals.registerAll(batch);
    }

    /** Keeps only some communes of another source: the database restricted to a test's own communes. */
    static IndicatorSource only(IndicatorSource source, List<String> communes) {
        return new IndicatorSource() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Map<String, Counts> counts(Indicator indicator, YearMonth period) {
                Map<String, Counts> all = source.counts(indicator, period);
                Map<String, Counts> kept = new LinkedHashMap<>();
                communes.forEach(c -> kept.put(c, all.getOrDefault(c, Counts.ZERO)));
                return kept;
            }

            @Override
            public Map<String, List<Double>> observations(Indicator indicator, YearMonth period) {
                Map<String, List<Double>> all = source.observations(indicator, period);
                Map<String, List<Double>> kept = new LinkedHashMap<>();
                communes.forEach(c -> kept.put(c, all.getOrDefault(c, List.of())));
                return kept;
            }
        };
    }

    /**
     * A whole-France known dataset: every département gets one pseudo-commune ({@code code + 001}) with a
     * denominator of 400 to 2,400 persons and a rate that rises with latitude and with the month index
     * ({@code trend} percentage points per month); three small départements have fewer than 11 cases.
     */
    static IndicatorSource france(Geography geography, YearMonth base, double trend) {
        return new IndicatorSource() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Map<String, Counts> counts(Indicator indicator, YearMonth period) {
                long months = java.time.temporal.ChronoUnit.MONTHS.between(base, period);
                Map<String, Counts> result = new LinkedHashMap<>();
                int i = 0;
                for (Territory d : geography.departements()) {
                    String commune = d.code() + (d.code().length() == 3 ? "01" : "001");
                    long den = 400 + (i * 97L) % 2000;
                    double rate = 0.04 + (Math.max(d.latitude(), 42) - 41) * 0.004 + months * trend / 100;
                    long num = Math.round(den * Math.max(0, rate));
                    if (d.code().equals("48") || d.code().equals("23") || d.code().equals("976")) {
                        num = 7;
                    }
                    result.put(commune, new Counts(num, den));
                    i++;
                }
                return result;
            }

            @Override
            public Map<String, List<Double>> observations(Indicator indicator, YearMonth period) {
                return Map.of();
            }
        };
    }
}
