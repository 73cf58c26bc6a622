package fr.hygie.synth;

import fr.hygie.synth.CareOffer.Role;
import fr.hygie.synth.ReferenceData.Commune;
import fr.hygie.synth.ReferenceData.Condition;
import fr.hygie.synth.ReferenceData.Lab;
import fr.hygie.synth.ReferenceData.Medication;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Draws a person's care history: conditions by age and sex, their usual treatments and follow-up
 * tests, measurements, vaccinations of the French schedule, and the documents that report them.
 */
final class CareHistory {

    /** Documents older than this are not generated: they would predate the shared record. */
    private static final LocalDate DOCUMENTS_SINCE = SyntheticPopulation.REFERENCE_DATE.minusYears(15);
    private static final LocalDate ADULT_VACCINES_SINCE = LocalDate.of(2000, 1, 1);
    private static final LocalDate LAST_DAY = SyntheticPopulation.REFERENCE_DATE.minusDays(1);
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ReferenceData data;
    private final CareOffer offer;
    private final long seed;

    CareHistory(ReferenceData data, CareOffer offer, long seed) {
        this.data = data;
        this.offer = offer;
        this.seed = seed;
    }

    private record Draft(LocalDate date, int kind, IntFunction<SynthEvent> make) {
    }

    private static final class Drafts {
        final List<Draft> list = new ArrayList<>();

        void add(LocalDate date, int kind, IntFunction<SynthEvent> make) {
            list.add(new Draft(date, kind, make));
        }
    }

    List<SynthEvent> of(SynthPerson person, Commune home) {
        SplittableRandom r = Seeds.random(seed, Seeds.CARE, person.index());
        int index = person.index();
        int age = person.ageOn(SyntheticPopulation.REFERENCE_DATE);
        LocalDate birth = person.birthDate();
        Drafts d = new Drafts();
        String gp = person.medecinTraitantRpps() != null ? person.medecinTraitantRpps()
                : offer.generalPractitionerFor(home, r).rpps();

        // ---- conditions
        boolean smoker = age >= 18 && r.nextDouble() < (person.sex() == Sex.M ? 0.50 : 0.40);
        Map<String, LocalDate> conditions = new LinkedHashMap<>();
        Map<String, String> conditionLabels = new LinkedHashMap<>();
        for (Condition c : data.conditions) {
            if (c.sex() != person.sex()) {
                continue;
            }
            double u = r.nextDouble();
            double when = r.nextDouble();
            int days = r.nextInt(365);
            if (age < c.minOnsetAge() || (c.smokersOnly() && !smoker) || u >= c.prevalenceAt(age)) {
                continue;
            }
            int from = Math.max(c.minOnsetAge(), age - 25);
            int onsetAge = from + (int) (when * (age - from + 1));
            LocalDate onset = clamp(birth.plusYears(onsetAge).plusDays(days), birth);
            conditions.put(c.icd10(), onset);
            conditionLabels.put(c.icd10(), c.label());
        }
        // body-mass index drives weight and, above 30, obesity
        double bmi = age >= 18
                ? Math.max(16, Math.min(50, Seeds.normal(r, 24.5 + 0.06 * (Math.min(age, 75) - 30), 4.2)
                        + (conditions.containsKey("E11") ? 3 : 0)))
                : 0;
        if (bmi >= 30 && r.nextDouble() < 0.7) {
            LocalDate onset = clamp(LAST_DAY.minusDays(r.nextInt(3650)), birth.plusYears(18));
            conditions.put("E66", onset);
            conditionLabels.put("E66", "Obésité");
        }
        for (Map.Entry<String, LocalDate> e : conditions.entrySet()) {
            String code = e.getKey();
            String label = conditionLabels.get(code);
            LocalDate onset = e.getValue();
            d.add(onset, 0, seq -> new SynthCondition(index, seq, code, label, onset));
            if (!onset.isBefore(DOCUMENTS_SINCE)) {
                d.add(onset, 5, seq -> new SynthDocument(index, seq, CareCodes.DOC_CONSULT_NOTE,
                        "Consultation de médecine générale", onset, gp,
                        "Consultation du " + fr(onset) + ".\nDiagnostic retenu : " + label + " (CIM-10 " + code
                                + ").\nConduite à tenir : " + plan(code) + "."));
            }
        }

        // ---- treatments
        Set<String> atcs = new LinkedHashSet<>();
        List<Medication> current = new ArrayList<>();
        for (Map.Entry<String, LocalDate> e : conditions.entrySet()) {
            for (Medication m : data.medicationsByCondition.getOrDefault(e.getKey(), List.of())) {
                double u = r.nextDouble();
                int delay = r.nextInt(60);
                if (u >= m.probability() || !atcs.add(m.atc())) {
                    continue;
                }
                current.add(m);
                LocalDate start = clamp(e.getValue().plusDays(delay), birth);
                d.add(start, 1, seq -> new SynthMedication(index, seq, m.atc(), m.label(), m.dosage(), start,
                        m.condition(), gp));
                if (!start.isBefore(DOCUMENTS_SINCE)) {
                    d.add(start, 5, seq -> new SynthDocument(index, seq, CareCodes.DOC_PRESCRIPTION, "Ordonnance",
                            start, gp, "Ordonnance du " + fr(start) + ".\n" + m.label() + " : " + m.dosage()
                                    + ".\nQSP 3 mois."));
                }
            }
        }
        if (!current.isEmpty()) {
            LocalDate renewal = clamp(LAST_DAY.minusDays(r.nextInt(90)), birth);
            StringBuilder body = new StringBuilder("Ordonnance de renouvellement du " + fr(renewal) + ".");
            for (Medication m : current) {
                body.append('\n').append(m.label()).append(" : ").append(m.dosage()).append('.');
            }
            body.append("\nQSP 3 mois, à renouveler.");
            String text = body.toString();
            d.add(renewal, 5, seq -> new SynthDocument(index, seq, CareCodes.DOC_PRESCRIPTION,
                    "Ordonnance de renouvellement", renewal, gp, text));
        }

        // ---- laboratory tests
        boolean followed = conditions.containsKey("E11") || conditions.containsKey("E78")
                || conditions.containsKey("E03") || conditions.containsKey("I10");
        double panelChance = age < 18 ? 0.05 : followed ? 0.95 : age >= 40 ? 0.70 : 0.35;
        if (r.nextDouble() < panelChance) {
            LocalDate date = clamp(LAST_DAY.minusDays(r.nextInt(700)), birth);
            List<String> tests = new ArrayList<>(List.of("718-7", "1558-6", "2160-0"));
            if (age >= 40 || conditions.containsKey("E78")) {
                tests.addAll(List.of("2093-3", "13457-7", "2085-9", "2571-8"));
            }
            if (conditions.containsKey("E11")) {
                tests.add("4548-4");
            }
            if (conditions.containsKey("E03")) {
                tests.add("3016-3");
            }
            labPanel(d, r, person, home, conditions.keySet(), date, tests);
        }
        if (conditions.containsKey("E11")) {
            for (int k = 0; k < 3; k++) {
                LocalDate date = clamp(LAST_DAY.minusDays(30 + k * 120L + r.nextInt(60)), conditions.get("E11"));
                labPanel(d, r, person, home, conditions.keySet(), date, List.of("4548-4"));
            }
        }

        // ---- measurements
        double heightZ = Seeds.gaussian(r);
        if (age >= 18) {
            if (r.nextDouble() < 0.85) {
                LocalDate date = LAST_DAY.minusDays(r.nextInt(365));
                double adult = person.sex() == Sex.M ? 175.5 : 162.5;
                double height = Seeds.round(adult + heightZ * (person.sex() == Sex.M ? 7 : 6.5)
                        - (age > 50 ? 0.08 * (age - 50) : 0), 0);
                double weight = Seeds.round(bmi * height * height / 10000.0, 1);
                boolean hypertensive = conditions.containsKey("I10");
                double systolic = Seeds.round(Math.max(90, Math.min(210, hypertensive
                        ? Seeds.normal(r, 142, 14) : Seeds.normal(r, 112 + 0.45 * (age - 18), 11))), 0);
                double diastolic = Seeds.round(Math.max(50, Math.min(130, Seeds.normal(r, 0.55 * systolic + 8, 7))), 0);
                measure(d, index, CareCodes.OBS_HEIGHT, "Taille", height, "cm", date);
                measure(d, index, CareCodes.OBS_WEIGHT, "Poids", weight, "kg", date);
                measure(d, index, CareCodes.OBS_BMI, "Indice de masse corporelle",
                        Seeds.round(weight * 10000.0 / (height * height), 1), "kg/m2", date);
                measure(d, index, CareCodes.OBS_SYSTOLIC, "Pression artérielle systolique", systolic, "mm[Hg]", date);
                measure(d, index, CareCodes.OBS_DIASTOLIC, "Pression artérielle diastolique", diastolic, "mm[Hg]",
                        date);
            }
        } else {
            // growth follow-up (carnet de santé): a few visits at the usual ages
            double[] visitAges = {0.25, 0.5, 1, 2, 4, 6, 9, 12, 15};
            for (double visit : visitAges) {
                LocalDate date = birth.plusDays(Math.round(visit * 365.25));
                if (date.isAfter(LAST_DAY)) {
                    break;
                }
                double height = Seeds.round(childHeight(visit, person.sex(), heightZ), 1);
                double childBmi = visit < 1 ? 16.5 : visit < 7 ? 15.8 : visit < 11 ? 16.8 : visit < 14 ? 18.5 : 20.5;
                double weight = Seeds.round(childBmi * (1 + 0.08 * Seeds.gaussian(r)) * height * height / 10000.0, 1);
                measure(d, index, CareCodes.OBS_HEIGHT, "Taille", height, "cm", date);
                measure(d, index, CareCodes.OBS_WEIGHT, "Poids", weight, "kg", date);
            }
        }
        if (conditions.containsKey("E11")) {
            for (int k = 0; k < 3; k++) {
                LocalDate date = LAST_DAY.minusDays(r.nextInt(60));
                double value = Seeds.round(Math.max(0.6, Seeds.normal(r, 1.40, 0.35)), 2);
                measure(d, index, CareCodes.OBS_CAPILLARY_GLUCOSE, "Glycémie capillaire", value, "g/L", date);
            }
        }

        // ---- vaccinations
        vaccinations(d, r, person, age, conditions.keySet());

        // ---- imaging, hospital stays, summary
        if (person.sex() == Sex.F && age >= 50 && age <= 74 && r.nextDouble() < 0.5) {
            // organised breast cancer screening every two years, about one woman in two takes part
            LocalDate date = LAST_DAY.minusDays(r.nextInt(730));
            String author = offer.nearest(Role.RADIOLOGIST, home, r).rpps();
            boolean normal = r.nextDouble() < 0.7;
            String acr = normal ? "ACR 1 : examen normal" : "ACR 2 : anomalie bénigne";
            // the structured result next to the report: what screening-coverage indicators count
            measure(d, index, CareCodes.OBS_MAMMOGRAPHY_SCREENING, "Mammographie de dépistage (catégorie ACR)",
                    normal ? 1 : 2, "{score}", date);
            d.add(date, 5, seq -> new SynthDocument(index, seq, CareCodes.DOC_IMAGING_REPORT,
                    "Mammographie de dépistage organisé", date, author, "Mammographie bilatérale du " + fr(date)
                            + ", deux incidences par sein.\nConclusion : " + acr
                            + ".\nProchaine mammographie de dépistage dans deux ans."));
        }
        if (age >= 50 && age <= 74 && r.nextDouble() < 0.35) {
            // organised colorectal cancer screening every two years (FIT at home); about one person in three
            // takes part, about 4 % of tests are positive
            LocalDate date = LAST_DAY.minusDays(r.nextInt(730));
            measure(d, index, CareCodes.OBS_FIT, "Recherche de sang occulte dans les selles (test immunologique)",
                    r.nextDouble() < 0.04 ? 1 : 0, "{presence}", date);
        }
        if (conditions.containsKey("J44")) {
            LocalDate onset = conditions.get("J44");
            if (!onset.isBefore(DOCUMENTS_SINCE) && r.nextDouble() < 0.6) {
                LocalDate date = clamp(onset.plusDays(r.nextInt(30)), birth);
                String author = offer.nearest(Role.RADIOLOGIST, home, r).rpps();
                d.add(date, 5, seq -> new SynthDocument(index, seq, CareCodes.DOC_IMAGING_REPORT,
                        "Radiographie thoracique", date, author, "Radiographie thoracique de face du " + fr(date)
                                + ".\nDistension thoracique, pas de foyer parenchymateux.\nConclusion : aspect compatible avec une BPCO."));
            }
            if (r.nextDouble() < 0.2) {
                hospitalStay(d, r, index, home, LAST_DAY.minusDays(r.nextInt(700)), Role.HOSPITAL_DOCTOR,
                        "Hospitalisation pour exacerbation de BPCO",
                        "Exacerbation de bronchopneumopathie chronique obstructive, traitée par bronchodilatateurs et corticothérapie courte. Retour à domicile, kinésithérapie respiratoire prescrite.");
            }
        }
        if (conditions.containsKey("I48") && r.nextDouble() < 0.3) {
            LocalDate onset = conditions.get("I48");
            if (!onset.isBefore(DOCUMENTS_SINCE)) {
                hospitalStay(d, r, index, home, onset, Role.CARDIOLOGIST,
                        "Hospitalisation en cardiologie",
                        "Découverte d'une fibrillation atriale. Anticoagulation instaurée après évaluation du risque thrombo-embolique. Contrôle rythmique satisfaisant à la sortie.");
            }
        }
        if (conditions.size() >= 2 && person.medecinTraitantRpps() != null) {
            LocalDate date = LAST_DAY.minusDays(r.nextInt(365));
            StringBuilder body = new StringBuilder("Volet de synthèse médicale du " + fr(date) + ".\nAntécédents :");
            conditions.forEach((code, onset) -> body.append("\n- ").append(conditionLabels.get(code))
                    .append(" (").append(code).append("), depuis ").append(onset.getYear()));
            body.append("\nTraitements en cours :");
            if (current.isEmpty()) {
                body.append(" aucun");
            }
            for (Medication m : current) {
                body.append("\n- ").append(m.label()).append(", ").append(m.dosage());
            }
            body.append("\nAllergies : aucune allergie connue.");
            String text = body.toString();
            d.add(date, 5, seq -> new SynthDocument(index, seq, CareCodes.DOC_SUMMARY, "Volet de synthèse médicale",
                    date, gp, text));
        }

        // date order, then kind, then drawing order (the sort is stable)
        d.list.sort(Comparator.comparing(Draft::date).thenComparingInt(Draft::kind));
        List<SynthEvent> events = new ArrayList<>(d.list.size());
        for (int i = 0; i < d.list.size(); i++) {
            events.add(d.list.get(i).make().apply(i));
        }
        return events;
    }

    private void labPanel(Drafts d, SplittableRandom r, SynthPerson person, Commune home, Set<String> conditions,
            LocalDate date, List<String> tests) {
        int index = person.index();
        StringBuilder body = new StringBuilder("Examens biologiques du " + fr(date) + ".");
        for (String loinc : tests) {
            Lab lab = mostSpecific(data.labsByLoinc.get(loinc), person.sex(), conditions);
            double value = Seeds.round(Math.max(lab.mean() * 0.25, Seeds.normal(r, lab.mean(), lab.sd())),
                    lab.decimals());
            d.add(date, 3, seq -> new SynthLabResult(index, seq, lab.loinc(), lab.label(), value, lab.unit(), date));
            body.append('\n').append(lab.label()).append(" : ").append(Double.toString(value).replace('.', ','))
                    .append(' ').append(displayUnit(lab.unit()));
        }
        String author = offer.nearest(Role.BIOLOGIST, home, r).rpps();
        String text = body.toString();
        d.add(date, 5, seq -> new SynthDocument(index, seq, CareCodes.DOC_LAB_REPORT,
                "Compte rendu d'examens biologiques", date, author, text));
    }

    private static Lab mostSpecific(List<Lab> rows, Sex sex, Set<String> conditions) {
        Lab best = null;
        int bestRank = -1;
        for (Lab lab : rows) {
            int rank = conditions.contains(lab.population()) ? 3
                    : lab.population().equals(sex.name()) ? 2
                    : lab.population().equals("*") ? 1 : 0;
            if (rank > bestRank && rank > 0) {
                best = lab;
                bestRank = rank;
            }
        }
        if (best == null) {
            throw new IllegalStateException("No reference row for " + rows.get(0).loinc() + " and sex " + sex);
        }
        return best;
    }

    private static String displayUnit(String ucum) {
        return switch (ucum) {
            case "m[IU]/L" -> "mUI/L";
            case "mm[Hg]" -> "mmHg";
            default -> ucum;
        };
    }

    private static void measure(Drafts d, int index, String loinc, String label, double value, String unit,
            LocalDate date) {
        d.add(date, 2, seq -> new SynthMeasurement(index, seq, loinc, label, value, unit, date));
    }

    private void hospitalStay(Drafts d, SplittableRandom r, int index, Commune home, LocalDate admission, Role role,
            String title, String summary) {
        int length = 2 + r.nextInt(8);
        LocalDate discharge = admission.plusDays(length).isAfter(LAST_DAY) ? LAST_DAY : admission.plusDays(length);
        String author = offer.nearest(role, home, r).rpps();
        d.add(discharge, 5, seq -> new SynthDocument(index, seq, CareCodes.DOC_DISCHARGE_SUMMARY, title, discharge,
                author, "Séjour du " + fr(admission) + " au " + fr(discharge) + ".\n" + summary));
    }

    /** French vaccination schedule (calendrier des vaccinations), simplified. */
    private void vaccinations(Drafts d, SplittableRandom r, SynthPerson person, int age, Set<String> conditions) {
        int index = person.index();
        LocalDate birth = person.birthDate();
        if (age < 18) {
            vaccine(d, r, index, birth.plusMonths(2), CareCodes.VACCINE_HEXAVALENT, "Vaccin hexavalent DTCaP-Hib-HepB", 0.96);
            vaccine(d, r, index, birth.plusMonths(4), CareCodes.VACCINE_HEXAVALENT, "Vaccin hexavalent DTCaP-Hib-HepB", 0.95);
            vaccine(d, r, index, birth.plusMonths(11), CareCodes.VACCINE_HEXAVALENT, "Vaccin hexavalent DTCaP-Hib-HepB", 0.93);
            vaccine(d, r, index, birth.plusMonths(2), CareCodes.VACCINE_PNEUMOCOCCAL, "Vaccin pneumococcique conjugué", 0.95);
            vaccine(d, r, index, birth.plusMonths(4), CareCodes.VACCINE_PNEUMOCOCCAL, "Vaccin pneumococcique conjugué", 0.94);
            vaccine(d, r, index, birth.plusMonths(11), CareCodes.VACCINE_PNEUMOCOCCAL, "Vaccin pneumococcique conjugué", 0.92);
            vaccine(d, r, index, birth.plusMonths(5), CareCodes.VACCINE_MENINGOCOCCAL_C, "Vaccin méningococcique C conjugué", 0.85);
            vaccine(d, r, index, birth.plusMonths(12), CareCodes.VACCINE_MENINGOCOCCAL_C, "Vaccin méningococcique C conjugué", 0.85);
            boolean menB = !birth.isBefore(LocalDate.of(2022, 1, 1)); // recommended from 2022
            for (int month : new int[] {3, 5, 12}) {
                vaccine(d, r, index, birth.plusMonths(month), CareCodes.VACCINE_MENINGOCOCCAL_B,
                        "Vaccin méningococcique B", menB ? 0.7 : 0);
            }
            vaccine(d, r, index, birth.plusMonths(12), CareCodes.VACCINE_MMR, "Vaccin rougeole-oreillons-rubéole (ROR)", 0.92);
            vaccine(d, r, index, birth.plusMonths(16), CareCodes.VACCINE_MMR, "Vaccin rougeole-oreillons-rubéole (ROR)", 0.88);
            vaccine(d, r, index, birth.plusYears(6), CareCodes.VACCINE_DTAP_IPV, "Vaccin DTCaP (rappel de 6 ans)", 0.85);
            vaccine(d, r, index, birth.plusYears(11).plusMonths(6), CareCodes.VACCINE_DTAP_IPV, "Vaccin dTcaP (rappel de 11-13 ans)", 0.80);
            // HPV for girls, and for boys too since 2021
            boolean hpv = person.sex() == Sex.F || !birth.plusYears(11).isBefore(LocalDate.of(2021, 1, 1));
            vaccine(d, r, index, birth.plusYears(11).plusMonths(2), CareCodes.VACCINE_HPV, "Vaccin papillomavirus humain 9-valent", hpv ? 0.45 : 0);
            vaccine(d, r, index, birth.plusYears(11).plusMonths(8), CareCodes.VACCINE_HPV, "Vaccin papillomavirus humain 9-valent", hpv ? 0.40 : 0);
        } else {
            // adult boosters at 25, 45, 65, then every ten years
            for (int at : new int[] {25, 45, 65, 75, 85, 95}) {
                LocalDate date = birth.plusYears(at).plusDays(r.nextInt(200));
                double coverage = date.isBefore(ADULT_VACCINES_SINCE) ? 0 : 0.55;
                vaccine(d, r, index, date, at == 25 ? CareCodes.VACCINE_DTAP_IPV : CareCodes.VACCINE_DT_IPV,
                        at == 25 ? "Vaccin dTcaP (rappel de l'adulte)" : "Vaccin dTP (rappel de l'adulte)", coverage);
            }
            boolean atRisk = conditions.contains("J45") || conditions.contains("J44") || conditions.contains("E11");
            for (int season = 2023; season <= 2025; season++) {
                LocalDate date = LocalDate.of(season, 10, 15).plusDays(r.nextInt(70));
                boolean senior = person.ageOn(date) >= 65;
                double coverage = senior ? 0.55 : atRisk ? 0.30 : 0;
                vaccine(d, r, index, date, CareCodes.VACCINE_INFLUENZA, "Vaccin grippal inactivé", coverage);
                if (season >= 2024) {
                    vaccine(d, r, index, date, CareCodes.VACCINE_COVID19, "Vaccin COVID-19 à ARNm", senior ? 0.30 : 0);
                }
            }
        }
    }

    private static void vaccine(Drafts d, SplittableRandom r, int index, LocalDate date, String code, String label,
            double coverage) {
        // always draw, so that a person's later events do not shift with the schedule's conditions
        double u = r.nextDouble();
        int delay = r.nextInt(21);
        LocalDate day = date.plusDays(delay);
        if (u < coverage && !day.isAfter(LAST_DAY)) {
            d.add(day, 4, seq -> new SynthVaccination(index, seq, code, label, day));
        }
    }

    private static double childHeight(double age, Sex sex, double z) {
        double adult = sex == Sex.M ? 175.5 : 162.5;
        double mean;
        if (age < 1) {
            mean = 50 + 25 * age;
        } else if (age < 2) {
            mean = 75 + 12 * (age - 1);
        } else if (age < 12) {
            mean = 87 + 6 * (age - 2);
        } else {
            double years = sex == Sex.M ? 5 : 3;
            mean = 147 + (adult - 147) * Math.min(1, (age - 12) / years);
        }
        return mean * (1 + 0.04 * z);
    }

    private static String plan(String icd10) {
        return switch (icd10) {
            case "I10" -> "règles hygiéno-diététiques, automesure tensionnelle, traitement antihypertenseur, contrôle dans 3 mois";
            case "E11" -> "éducation thérapeutique, activité physique, traitement par metformine, HbA1c tous les 3 mois";
            case "J45" -> "traitement de crise, plan d'action écrit, réévaluation du contrôle de l'asthme";
            case "J44" -> "arrêt du tabac, bronchodilatateur de longue durée d'action, réhabilitation respiratoire";
            case "F32" -> "soutien psychologique, traitement antidépresseur, réévaluation à 4 semaines";
            case "E78" -> "conseils diététiques, statine, contrôle du bilan lipidique dans 3 mois";
            case "E03" -> "lévothyroxine, contrôle de la TSH dans 6 semaines";
            case "I48" -> "anticoagulation, contrôle de la fréquence cardiaque, avis cardiologique";
            case "E66" -> "accompagnement nutritionnel et activité physique adaptée";
            default -> "surveillance";
        };
    }

    private static LocalDate clamp(LocalDate date, LocalDate notBefore) {
        LocalDate d = date.isAfter(LAST_DAY) ? LAST_DAY : date;
        return d.isBefore(notBefore) ? notBefore : d;
    }

    private static String fr(LocalDate date) {
        return date.format(FRENCH_DATE);
    }
}
