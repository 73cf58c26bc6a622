package fr.hygie.synth;

import fr.hygie.synth.ReferenceData.Commune;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The part of a person that the NIR is made of (sex, birth date, birth place) and their residence,
 * drawn from their own random stream so that it can be computed for everyone up front, cheaply,
 * to number the NIRs without collisions.
 */
record Identity(Sex sex, LocalDate birthDate, Commune residence, int arrondissement, String birthPlaceCode) {

    /** Persons per 5-year age band, 0–4 … 95–99 then 100 (INSEE pyramid 2024, thousands, rounded). */
    private static final double[] PYRAMID = {
        3500, 3900, 4150, 4200, 3950, 3750, 4100, 4300, 4300, 4250,
        4500, 4450, 4250, 3950, 3750, 2950, 2000, 1400, 700, 200, 30};
    /** Share of men in each band: about even until 60, then women outlive men. */
    private static final double[] MALE_SHARE = {
        0.512, 0.512, 0.511, 0.511, 0.505, 0.495, 0.490, 0.492, 0.494, 0.495,
        0.493, 0.487, 0.480, 0.470, 0.462, 0.440, 0.410, 0.370, 0.310, 0.240, 0.150};
    private static final WeightedPicker<Integer> BANDS = bands();

    private static WeightedPicker<Integer> bands() {
        java.util.List<Integer> bands = new java.util.ArrayList<>();
        for (int i = 0; i < PYRAMID.length; i++) {
            bands.add(i);
        }
        return new WeightedPicker<>(bands, b -> PYRAMID[b]);
    }

    static Identity of(ReferenceData data, long seed, int index) {
        SplittableRandom r = Seeds.random(seed, Seeds.IDENTITY, index);
        int band = BANDS.pick(r);
        int age = band * 5 + (band == PYRAMID.length - 1 ? 0 : r.nextInt(5));
        Sex sex = r.nextDouble() < MALE_SHARE[band] ? Sex.M : Sex.F;
        LocalDate birth = SyntheticPopulation.REFERENCE_DATE.minusYears(age).minusDays(r.nextInt(365));
        Commune residence = data.residencePicker.pick(r);
        ReferenceData.Arrondissements arr = ReferenceData.arrondissementsOf(residence);
        int arrondissement = arr == null ? 0 : 1 + r.nextInt(arr.count());
        String birthPlace = birthPlace(data, r, age, residence, arrondissement);
        return new Identity(sex, birth, residence, arrondissement, birthPlace);
    }

    private static String birthPlace(ReferenceData data, SplittableRandom r, int age, Commune residence,
            int arrondissement) {
        int territory = residence.territory();
        double abroad = switch (territory) {
            case 1 -> 0.05;
            case 2 -> 0.30;
            case 3 -> 0.04;
            case 4 -> age < 18 ? 0.15 : 0.45;
            default -> age < 18 ? 0.04 : age < 65 ? 0.13 : 0.11;
        };
        double u = r.nextDouble();
        double v = r.nextDouble();
        int w = r.nextInt(1 << 20);
        if (u < abroad) {
            return data.countryPickerByTerritory.get(territory).pick(r).insee();
        }
        Commune born;
        int bornArrondissement;
        if (v < 0.5) {
            born = residence;
            bornArrondissement = arrondissement;
        } else {
            born = v < 0.7 ? data.communePickerByRegion.get(residence.regionCode()).pick(r)
                    : data.residencePicker.pick(r);
            ReferenceData.Arrondissements arr = ReferenceData.arrondissementsOf(born);
            bornArrondissement = arr == null ? 0 : 1 + w % arr.count();
        }
        ReferenceData.Arrondissements arr = ReferenceData.arrondissementsOf(born);
        return arr == null ? born.insee() : arr.insee(bornArrondissement);
    }

    /**
     * The NIR without order number and key: sex, year (2 digits), month, birth place (5 characters:
     * INSEE commune code, with 2A/2B for Corsica and 97x for overseas, or 99 + country code).
     */
    String nirPrefix() {
        return sex.nirDigit() + String.format("%02d%02d", birthDate.getYear() % 100, birthDate.getMonthValue())
                + birthPlaceCode;
    }

    /** Persons in the same cell share the NIR prefix and must get different order numbers. */
    int cell(ReferenceData data) {
        int place = data.birthPlaceIndex.get(birthPlaceCode);
        int sexBit = sex == Sex.M ? 0 : 1;
        return ((sexBit * 128 + birthDate.getYear() % 100) * 16 + birthDate.getMonthValue()) * 4096 + place;
    }
}
