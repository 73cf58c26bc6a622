package fr.hygie.synth;

import fr.hygie.synth.ReferenceData.Commune;
import fr.hygie.synth.ReferenceData.FirstName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Turns an {@link Identity} and its NIR order number into a {@link SynthPerson}. */
final class PersonFactory {

    private final ReferenceData data;
    private final CareOffer offer;
    private final long seed;

    PersonFactory(ReferenceData data, CareOffer offer, long seed) {
        this.data = data;
        this.offer = offer;
        this.seed = seed;
    }

    SynthPerson person(int index, Identity id, int order) {
        SplittableRandom r = Seeds.random(seed, Seeds.PERSON, index);
        String body = id.nirPrefix() + String.format(Locale.ROOT, "%03d", order);
        String nir = body + String.format(Locale.ROOT, "%02d", Identifiers.nirKey(body));
        int age = java.time.Period.between(id.birthDate(), SyntheticPopulation.REFERENCE_DATE).getYears();
        int year = id.birthDate().getYear();
        int era = year < 1960 ? 1 : year < 1990 ? 2 : 3;

        int count = 1 + (r.nextDouble() < 0.55 ? (r.nextDouble() < 0.27 ? 2 : 1) : 0);
        List<FirstName> firsts = new ArrayList<>();
        for (int attempt = 0; firsts.size() < count && attempt < 10; attempt++) {
            // mostly names of the person's generation, some from the neighbouring one
            int e = r.nextDouble() < 0.8 ? era : Math.max(1, Math.min(3, era + (r.nextBoolean() ? 1 : -1)));
            FirstName f = data.firstNames[id.sex().ordinal()][e - 1].pick(r);
            if (firsts.stream().noneMatch(x -> x.ins().equals(f.ins()))) {
                firsts.add(f);
            }
        }
        String firstNames = String.join(" ", firsts.stream().map(FirstName::ins).toList());
        ReferenceData.Name birthName = data.surnames.pick(r);
        ReferenceData.Name spouseName = data.surnames.pick(r);
        boolean married = id.sex() == Sex.F && age >= 23 && r.nextDouble() < 0.5;
        String usedName = married ? spouseName.ins() : birthName.ins();

        Commune home = id.residence();
        ReferenceData.Arrondissements arr = ReferenceData.arrondissementsOf(home);
        String postcode = arr == null ? home.postcode() : arr.postcode(id.arrondissement());
        String address = Places.address(r);
        double[] point = Places.near(home, r);

        double contact = r.nextDouble();
        String phone = age < 12 ? null : String.format(Locale.ROOT, "063998%04d", r.nextInt(10_000));
        boolean noEmail = age < 15 || (age >= 75 ? contact < 0.45 : contact < 0.07);
        String email = noEmail ? null
                : ReferenceData.asciiSlug(firsts.get(0).display()) + "." + ReferenceData.asciiSlug(married
                        ? spouseName.display() : birthName.display()) + "." + index + "@example.org";
        boolean digital = r.nextDouble() < (age >= 75 ? 0.55 : 0.90);
        boolean declaresGp = r.nextDouble() < (age >= 18 ? 0.90 : 0.50);
        SynthProfessional gp = offer.generalPractitionerFor(home, r);

        return new SynthPerson(index, nir, birthName.ins(), firstNames, usedName, firsts.get(0).display(),
                id.birthDate(), id.sex(), id.birthPlaceCode(), home.insee(), postcode, address, home.department(),
                home.regionCode(), point[0], point[1], phone, email, declaresGp ? gp.rpps() : null, digital);
    }
}
