package fr.hygie.synth;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bundled reference tables (src/main/resources/synth), loaded once and never changed. */
final class ReferenceData {

    record Region(String code, String name, long population) {
    }

    record Commune(int id, String insee, String name, String postcode, String department, String regionCode,
            String regionName, double latitude, double longitude, long population) {

        /** Territory group used for birth-abroad weights: 0 metropolitan, 1 Antilles, 2 Guyane, 3 La Réunion, 4 Mayotte. */
        int territory() {
            return switch (department) {
                case "971", "972" -> 1;
                case "973" -> 2;
                case "974" -> 3;
                case "976" -> 4;
                default -> 0;
            };
        }
    }

    record Country(String insee, String name, double[] weights) {
    }

    record Name(String display, String ins, double weight) {
    }

    record FirstName(String display, String ins, Sex sex, double weight, int era) {
    }

    record Condition(String icd10, String label, Sex sex, int minOnsetAge, double[] prevalence, boolean smokersOnly) {

        /** Bands: 0–17, 18–39, 40–49, 50–59, 60–69, 70–79, 80+. */
        double prevalenceAt(int age) {
            int band = age < 18 ? 0 : age < 40 ? 1 : age < 50 ? 2 : age < 60 ? 3 : age < 70 ? 4 : age < 80 ? 5 : 6;
            return prevalence[band];
        }
    }

    record Medication(String atc, String label, String dosage, String condition, double probability) {
    }

    record Lab(String loinc, String label, String unit, int decimals, String population, double mean, double sd) {
    }

    /** Paris, Lyon and Marseille: births are registered by arrondissement, with their own INSEE codes and postcodes. */
    record Arrondissements(String communeInsee, int count, int firstInsee, int firstPostcode) {

        String insee(int arrondissement) {
            return Integer.toString(firstInsee + arrondissement - 1);
        }

        String postcode(int arrondissement) {
            return Integer.toString(firstPostcode + arrondissement - 1);
        }
    }

    static final List<Arrondissements> ARRONDISSEMENTS = List.of(
            new Arrondissements("75056", 20, 75101, 75001),
            new Arrondissements("69123", 9, 69381, 69001),
            new Arrondissements("13055", 16, 13201, 13001));

    private static final ReferenceData BUNDLED = load();

    final List<Region> regions;
    final Map<String, Region> regionByCode;
    final List<Commune> communes;
    final Map<String, List<Commune>> communesByRegion;
    final Map<String, List<Commune>> communesByDepartment;
    final Map<String, WeightedPicker<Commune>> communePickerByRegion;
    /** Residence: communes weighted so that each région gets its real share of the population. */
    final WeightedPicker<Commune> residencePicker;
    final List<Country> countries;
    final List<WeightedPicker<Country>> countryPickerByTerritory;
    final WeightedPicker<Name> surnames;
    /** [sex][era-1] */
    final WeightedPicker<FirstName>[][] firstNames;
    final List<Condition> conditions;
    final Map<String, List<Medication>> medicationsByCondition;
    final Map<String, List<Lab>> labsByLoinc;
    /** Every birth place code (communes, arrondissements, countries) to a small integer. */
    final Map<String, Integer> birthPlaceIndex;

    static ReferenceData bundled() {
        return BUNDLED;
    }

    @SuppressWarnings("unchecked")
    private ReferenceData() {
        List<Region> regionList = new ArrayList<>();
        for (String[] f : Csv.read("regions.csv")) {
            regionList.add(new Region(f[0], f[1], Long.parseLong(f[2])));
        }
        regionList.sort(Comparator.comparing(Region::code));
        regions = List.copyOf(regionList);
        Map<String, Region> byCode = new LinkedHashMap<>();
        regions.forEach(r -> byCode.put(r.code(), r));
        regionByCode = Map.copyOf(byCode);

        List<Commune> communeList = new ArrayList<>();
        for (String[] f : Csv.read("communes.csv")) {
            if (!byCode.containsKey(f[4])) {
                throw new IllegalStateException("Commune " + f[0] + " in unknown région " + f[4]);
            }
            communeList.add(new Commune(communeList.size(), f[0], f[1], f[2], f[3], f[4], f[5],
                    Double.parseDouble(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8])));
        }
        communes = List.copyOf(communeList);
        Map<String, List<Commune>> byRegion = new LinkedHashMap<>();
        Map<String, List<Commune>> byDepartment = new LinkedHashMap<>();
        for (Commune c : communes) {
            byRegion.computeIfAbsent(c.regionCode(), k -> new ArrayList<>()).add(c);
            byDepartment.computeIfAbsent(c.department(), k -> new ArrayList<>()).add(c);
        }
        for (Region r : regions) {
            if (!byRegion.containsKey(r.code())) {
                throw new IllegalStateException("No commune for région " + r.name());
            }
        }
        communesByRegion = freeze(byRegion);
        communesByDepartment = freeze(byDepartment);
        Map<String, WeightedPicker<Commune>> pickers = new HashMap<>();
        Map<String, Long> sampledPopulation = new HashMap<>();
        communesByRegion.forEach((code, list) -> {
            pickers.put(code, WeightedPicker.of(list, c -> c.population()));
            sampledPopulation.put(code, list.stream().mapToLong(Commune::population).sum());
        });
        communePickerByRegion = Map.copyOf(pickers);
        residencePicker = WeightedPicker.of(communes, c -> (double) c.population()
                * regionByCode.get(c.regionCode()).population() / sampledPopulation.get(c.regionCode()));

        List<Country> countryList = new ArrayList<>();
        for (String[] f : Csv.read("countries.csv")) {
            double[] w = new double[5];
            for (int i = 0; i < 5; i++) {
                w[i] = Double.parseDouble(f[2 + i]);
            }
            countryList.add(new Country(f[0], f[1], w));
        }
        countries = List.copyOf(countryList);
        List<WeightedPicker<Country>> countryPickers = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            int territory = t;
            countryPickers.add(WeightedPicker.of(countries, c -> c.weights()[territory]));
        }
        countryPickerByTerritory = List.copyOf(countryPickers);

        List<Name> names = new ArrayList<>();
        for (String[] f : Csv.read("surnames.csv")) {
            names.add(new Name(f[0], insForm(f[0]), Double.parseDouble(f[1])));
        }
        surnames = WeightedPicker.of(names, Name::weight);
        List<FirstName> firsts = new ArrayList<>();
        for (String[] f : Csv.read("firstnames.csv")) {
            firsts.add(new FirstName(f[0], insForm(f[0]), Sex.valueOf(f[1]), Double.parseDouble(f[2]),
                    Integer.parseInt(f[3])));
        }
        firstNames = new WeightedPicker[2][3];
        for (Sex sex : Sex.values()) {
            for (int era = 1; era <= 3; era++) {
                int e = era;
                firstNames[sex.ordinal()][era - 1] = WeightedPicker.of(firsts,
                        n -> n.sex() == sex && n.era() == e ? n.weight() : 0);
            }
        }

        List<Condition> conditionList = new ArrayList<>();
        for (String[] f : Csv.read("conditions.csv")) {
            double[] p = new double[7];
            for (int i = 0; i < 7; i++) {
                p[i] = Double.parseDouble(f[4 + i]);
            }
            conditionList.add(new Condition(f[0], f[1], Sex.valueOf(f[2]), Integer.parseInt(f[3]), p,
                    "SMOKER".equals(f[11])));
        }
        conditions = List.copyOf(conditionList);
        Map<String, List<Medication>> meds = new LinkedHashMap<>();
        for (String[] f : Csv.read("medications.csv")) {
            meds.computeIfAbsent(f[3], k -> new ArrayList<>())
                    .add(new Medication(f[0], f[1], f[2], f[3], Double.parseDouble(f[4])));
        }
        medicationsByCondition = freeze(meds);
        Map<String, List<Lab>> labs = new LinkedHashMap<>();
        for (String[] f : Csv.read("labs.csv")) {
            labs.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Lab(f[0], f[1], f[2], Integer.parseInt(f[3]),
                    f[4], Double.parseDouble(f[5]), Double.parseDouble(f[6])));
        }
        labsByLoinc = freeze(labs);

        Map<String, Integer> places = new HashMap<>();
        for (Commune c : communes) {
            places.put(c.insee(), places.size());
        }
        for (Arrondissements a : ARRONDISSEMENTS) {
            for (int i = 1; i <= a.count(); i++) {
                places.put(a.insee(i), places.size());
            }
        }
        for (Country c : countries) {
            places.put(c.insee(), places.size());
        }
        birthPlaceIndex = Map.copyOf(places);
    }

    private static ReferenceData load() {
        return new ReferenceData();
    }

    static Arrondissements arrondissementsOf(Commune commune) {
        for (Arrondissements a : ARRONDISSEMENTS) {
            if (a.communeInsee().equals(commune.insee())) {
                return a;
            }
        }
        return null;
    }

    private static <K, V> Map<K, List<V>> freeze(Map<K, List<V>> map) {
        Map<K, List<V>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** INS form of a name (RNIV): capitals, no diacritics, ligatures spelled out. */
    static String insForm(String name) {
        String s = name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return s.toUpperCase(Locale.ROOT);
    }

    /** Lower-case ASCII for e-mail local parts. */
    static String asciiSlug(String name) {
        String s = insForm(name).toLowerCase(Locale.ROOT);
        return s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
