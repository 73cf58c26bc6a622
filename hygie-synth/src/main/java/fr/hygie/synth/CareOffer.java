package fr.hygie.synth;

import fr.hygie.synth.ReferenceData.Commune;
import fr.hygie.synth.SynthStructure.Category;
import fr.hygie.synth.SynthStructure.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Structures and professionals of a population, and who is near whom. Small enough to be held in
 * memory (at most a few thousand of each for a million persons).
 */
final class CareOffer {

    /** Roles a person needs a professional for. */
    enum Role {
        GP(p -> p.isGeneralPractitioner()),
        BIOLOGIST(p -> CareCodes.PROFESSION_PHARMACIEN.equals(p.professionCode())),
        RADIOLOGIST(p -> CareCodes.SPECIALTY_RADIODIAGNOSTIC.equals(p.specialtyCode())),
        CARDIOLOGIST(p -> CareCodes.SPECIALTY_CARDIOLOGIE.equals(p.specialtyCode())),
        HOSPITAL_DOCTOR(p -> CareCodes.PROFESSION_MEDECIN.equals(p.professionCode())
                && !p.isGeneralPractitioner() && p.structureFiness() != null);

        final Predicate<SynthProfessional> matches;

        Role(Predicate<SynthProfessional> matches) {
            this.matches = matches;
        }
    }

    private static final int NEAREST = 3;

    private final ReferenceData data;
    final List<SynthStructure> structures;
    final List<SynthProfessional> professionals;
    /** [role][commune id] → candidate professional indices, nearest first. */
    private final int[][][] candidates;
    /** [commune id] → GPs of the same département (else région, else nearest). */
    private final int[][] gpsForResidents;

    CareOffer(ReferenceData data, GenerationSpec spec) {
        this.data = data;
        this.structures = List.copyOf(generateStructures(spec));
        this.professionals = List.copyOf(generateProfessionals(spec));
        this.candidates = new int[Role.values().length][][];
        for (Role role : Role.values()) {
            candidates[role.ordinal()] = nearestByCommune(role);
        }
        this.gpsForResidents = gpsByCommune();
    }

    // ---- structures -------------------------------------------------------------------------

    private List<SynthStructure> generateStructures(GenerationSpec spec) {
        int count = spec.structures();
        List<SynthStructure> rows = new ArrayList<>(count);
        WeightedPicker<Category> categories = WeightedPicker.of(List.of(Category.values()), c -> switch (c) {
            case PHARMACIE -> 40;
            case MAISON_DE_SANTE -> 15;
            case CENTRE_DE_SANTE -> 10;
            case LABORATOIRE -> 13;
            case CENTRE_HOSPITALIER -> 10;
            case CABINET_RADIOLOGIE -> 12;
        });
        for (int group = 0; rows.size() < count; group++) {
            SplittableRandom r = Seeds.random(spec.seed(), Seeds.STRUCTURE, group);
            // the first groups go one per région so that every région has some care offer
            Commune commune = group < data.regions.size()
                    ? data.communePickerByRegion.get(data.regions.get(group).code()).pick(r)
                    : data.residencePicker.pick(r);
            Category category = categories.pick(r);
            int sites = switch (category) {
                case CENTRE_HOSPITALIER, LABORATOIRE -> 1 + r.nextInt(3);
                default -> 1;
            };
            String owner = data.surnames.pick(r).display();
            SynthStructure entity = structure(rows.size(), Kind.LEGAL_ENTITY, null, category,
                    legalEntityName(category, commune, owner), commune, r);
            rows.add(entity);
            List<Commune> department = data.communesByDepartment.get(commune.department());
            for (int s = 0; s < sites && rows.size() < count; s++) {
                Commune siteCommune = s == 0 ? commune : department.get(r.nextInt(department.size()));
                rows.add(structure(rows.size(), Kind.GEOGRAPHIC_SITE, entity.finess(), category,
                        siteName(category, siteCommune, owner, s), siteCommune, r));
            }
        }
        return rows;
    }

    private SynthStructure structure(int row, Kind kind, String legalEntity, Category category, String name,
            Commune commune, SplittableRandom r) {
        String prefix = Identifiers.finessPrefix(commune.department());
        int width = 8 - prefix.length();
        long modulus = (long) Math.pow(10, width);
        // a bijection of the row number, so numbers are unique without looking like a counter
        long body = (row * 7919L + 1013L) % modulus;
        String finess = Identifiers.finessWithKey(prefix + String.format(Locale.ROOT, "%0" + width + "d", body));
        String[] postcode = postcodeAndArrondissement(commune, r);
        double[] point = Places.near(commune, r);
        return new SynthStructure(finess, kind, legalEntity, category, name, Places.address(r), postcode[0],
                commune.insee(), commune.name(), commune.department(), point[0], point[1]);
    }

    static String[] postcodeAndArrondissement(Commune commune, SplittableRandom r) {
        ReferenceData.Arrondissements a = ReferenceData.arrondissementsOf(commune);
        if (a == null) {
            return new String[] {commune.postcode(), null};
        }
        int n = 1 + r.nextInt(a.count());
        return new String[] {a.postcode(n), a.insee(n)};
    }

    private static String legalEntityName(Category category, Commune commune, String owner) {
        return switch (category) {
            case CENTRE_HOSPITALIER -> "Centre hospitalier de " + commune.name();
            case MAISON_DE_SANTE -> "SISA Maison de santé de " + commune.name();
            case CENTRE_DE_SANTE -> "Association Centre de santé de " + commune.name();
            case PHARMACIE -> "SELARL Pharmacie " + owner;
            case LABORATOIRE -> "SELAS Laboratoire " + owner + " Biologie";
            case CABINET_RADIOLOGIE -> "SELARL Imagerie médicale " + owner;
        };
    }

    private static String siteName(Category category, Commune commune, String owner, int site) {
        return switch (category) {
            case CENTRE_HOSPITALIER -> site == 0 ? "Hôpital de " + commune.name()
                    : "Centre hospitalier de " + commune.name() + " – site " + (site + 1);
            case MAISON_DE_SANTE -> "Maison de santé pluriprofessionnelle de " + commune.name();
            case CENTRE_DE_SANTE -> "Centre de santé de " + commune.name();
            case PHARMACIE -> "Pharmacie " + owner;
            case LABORATOIRE -> "Laboratoire " + owner + " – site de " + commune.name();
            case CABINET_RADIOLOGIE -> "Centre d'imagerie médicale de " + commune.name();
        };
    }

    // ---- professionals ----------------------------------------------------------------------

    private List<SynthProfessional> generateProfessionals(GenerationSpec spec) {
        WeightedPicker<String> professions = WeightedPicker.of(List.of(
                CareCodes.PROFESSION_INFIRMIER, CareCodes.PROFESSION_MEDECIN,
                CareCodes.PROFESSION_MASSEUR_KINESITHERAPEUTE, CareCodes.PROFESSION_PHARMACIEN,
                CareCodes.PROFESSION_CHIRURGIEN_DENTISTE, CareCodes.PROFESSION_SAGE_FEMME,
                CareCodes.PROFESSION_PEDICURE_PODOLOGUE), p -> switch (p) {
                    case CareCodes.PROFESSION_INFIRMIER -> 36;
                    case CareCodes.PROFESSION_MEDECIN -> 27;
                    case CareCodes.PROFESSION_MASSEUR_KINESITHERAPEUTE -> 12;
                    case CareCodes.PROFESSION_PHARMACIEN -> 10;
                    case CareCodes.PROFESSION_CHIRURGIEN_DENTISTE -> 6;
                    case CareCodes.PROFESSION_SAGE_FEMME -> 5;
                    default -> 4;
                });
        WeightedPicker<String> specialties = WeightedPicker.of(List.of(
                CareCodes.SPECIALTY_MEDECINE_GENERALE, CareCodes.SPECIALTY_CARDIOLOGIE,
                CareCodes.SPECIALTY_PEDIATRIE, CareCodes.SPECIALTY_GYNECOLOGIE_OBSTETRIQUE,
                CareCodes.SPECIALTY_PSYCHIATRIE, CareCodes.SPECIALTY_DERMATOLOGIE,
                CareCodes.SPECIALTY_OPHTALMOLOGIE, CareCodes.SPECIALTY_RADIODIAGNOSTIC), s -> switch (s) {
                    case CareCodes.SPECIALTY_MEDECINE_GENERALE -> 44;
                    case CareCodes.SPECIALTY_PSYCHIATRIE -> 10;
                    case CareCodes.SPECIALTY_RADIODIAGNOSTIC -> 9;
                    default -> 8;
                });
        Map<String, List<SynthStructure>> sitesByDepartment = new HashMap<>();
        for (SynthStructure s : structures) {
            if (s.kind() == Kind.GEOGRAPHIC_SITE) {
                sitesByDepartment.computeIfAbsent(s.department(), k -> new ArrayList<>()).add(s);
            }
        }
        int count = spec.professionals();
        List<SynthProfessional> list = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            SplittableRandom r = Seeds.random(spec.seed(), Seeds.PROFESSIONAL, k);
            boolean forcedGp = k < data.regions.size(); // one GP per région first, so every région has one
            Commune commune = forcedGp
                    ? data.communePickerByRegion.get(data.regions.get(k).code()).pick(r)
                    : data.residencePicker.pick(r);
            String profession = forcedGp ? CareCodes.PROFESSION_MEDECIN : professions.pick(r);
            String specialty = CareCodes.PROFESSION_MEDECIN.equals(profession)
                    ? (forcedGp ? CareCodes.SPECIALTY_MEDECINE_GENERALE : specialties.pick(r))
                    : null;
            Sex sex = r.nextDouble() < femaleShare(profession) ? Sex.F : Sex.M;
            String family = data.surnames.pick(r).display();
            String given = data.firstNames[sex.ordinal()][1 + r.nextInt(2)].pick(r).display();
            SynthStructure site = chooseSite(profession, specialty,
                    sitesByDepartment.getOrDefault(commune.department(), List.of()), r);
            String address;
            String postcode;
            double lat;
            double lon;
            Commune place = commune;
            if (site != null) {
                place = data.communes.stream().filter(c -> c.insee().equals(site.communeInsee())).findFirst()
                        .orElseThrow();
                address = site.addressLine();
                postcode = site.postcode();
                lat = site.latitude();
                lon = site.longitude();
            } else {
                address = Places.address(r);
                postcode = postcodeAndArrondissement(commune, r)[0];
                double[] point = Places.near(commune, r);
                lat = point[0];
                lon = point[1];
            }
            int sector = 1;
            if (CareCodes.PROFESSION_MEDECIN.equals(profession)) {
                double p2 = CareCodes.SPECIALTY_MEDECINE_GENERALE.equals(specialty) ? 0.06 : 0.45;
                sector = r.nextDouble() < p2 ? 2 : 1;
            }
            list.add(new SynthProfessional(rpps(k), profession, specialty, family, given, sex,
                    site == null ? null : site.finess(), address, postcode, place.insee(), place.department(),
                    place.regionCode(), lat, lon, sector, languages(place, r),
                    r.nextDouble() < teleconsultationShare(profession, specialty)));
        }
        return list;
    }

    /**
     * RPPS numbers in the 997… range used by the ANS for test professionals, so that a synthetic
     * professional never carries a real person's number.
     */
    private static String rpps(int k) {
        long body = (k * 7919L + 4241L) % 10_000_000L;
        String ten = "997" + String.format(Locale.ROOT, "%07d", body);
        return ten + Identifiers.luhnCheckDigit(ten);
    }

    private static double femaleShare(String profession) {
        return switch (profession) {
            case CareCodes.PROFESSION_SAGE_FEMME -> 0.97;
            case CareCodes.PROFESSION_INFIRMIER -> 0.87;
            case CareCodes.PROFESSION_PEDICURE_PODOLOGUE -> 0.70;
            case CareCodes.PROFESSION_PHARMACIEN -> 0.68;
            default -> 0.50;
        };
    }

    private static double teleconsultationShare(String profession, String specialty) {
        if (CareCodes.SPECIALTY_PSYCHIATRIE.equals(specialty)) {
            return 0.5;
        }
        if (CareCodes.SPECIALTY_MEDECINE_GENERALE.equals(specialty)) {
            return 0.4;
        }
        return switch (profession) {
            case CareCodes.PROFESSION_MEDECIN -> 0.3;
            case CareCodes.PROFESSION_SAGE_FEMME -> 0.25;
            case CareCodes.PROFESSION_MASSEUR_KINESITHERAPEUTE -> 0.1;
            case CareCodes.PROFESSION_PHARMACIEN -> 0.0;
            default -> 0.05;
        };
    }

    private static SynthStructure chooseSite(String profession, String specialty, List<SynthStructure> sites,
            SplittableRandom r) {
        List<Category> fits;
        double p;
        if (CareCodes.SPECIALTY_MEDECINE_GENERALE.equals(specialty)) {
            fits = List.of(Category.MAISON_DE_SANTE, Category.CENTRE_DE_SANTE);
            p = 0.5;
        } else if (CareCodes.SPECIALTY_RADIODIAGNOSTIC.equals(specialty)) {
            fits = List.of(Category.CABINET_RADIOLOGIE, Category.CENTRE_HOSPITALIER);
            p = 0.9;
        } else if (CareCodes.PROFESSION_MEDECIN.equals(profession)) {
            fits = List.of(Category.CENTRE_HOSPITALIER);
            p = 0.6;
        } else {
            switch (profession) {
                case CareCodes.PROFESSION_PHARMACIEN -> {
                    fits = List.of(Category.PHARMACIE, Category.LABORATOIRE);
                    p = 1.0;
                }
                case CareCodes.PROFESSION_INFIRMIER, CareCodes.PROFESSION_SAGE_FEMME -> {
                    fits = List.of(Category.CENTRE_HOSPITALIER, Category.MAISON_DE_SANTE, Category.CENTRE_DE_SANTE);
                    p = 0.6;
                }
                default -> {
                    fits = List.of(Category.MAISON_DE_SANTE, Category.CENTRE_DE_SANTE);
                    p = 0.2;
                }
            }
        }
        // always draw, so that the stream of random numbers does not depend on what exists
        double draw = r.nextDouble();
        int choice = r.nextInt(1 << 20);
        List<SynthStructure> matching = sites.stream().filter(s -> fits.contains(s.category())).toList();
        if (draw >= p || matching.isEmpty()) {
            return null;
        }
        return matching.get(choice % matching.size());
    }

    private static List<String> languages(Commune place, SplittableRandom r) {
        List<String> langs = new ArrayList<>();
        langs.add("fr");
        String[] extra = {"en", "es", "ar", "de", "it", "pt"};
        double[] share = {0.35, 0.08, 0.06, 0.05, 0.04, 0.03};
        for (int i = 0; i < extra.length; i++) {
            if (r.nextDouble() < share[i]) {
                langs.add(extra[i]);
            }
        }
        // regional languages of the overseas territories (ISO 639-3)
        String local = switch (place.department()) {
            case "971", "972" -> "gcf";
            case "973" -> "gcr";
            case "974" -> "rcf";
            case "976" -> "swb";
            default -> null;
        };
        if (local != null && r.nextDouble() < 0.6) {
            langs.add(local);
        }
        return langs;
    }

    // ---- who is near whom -------------------------------------------------------------------

    private int[][] nearestByCommune(Role role) {
        int[][] result = new int[data.communes.size()][];
        List<Integer> ofRole = new ArrayList<>();
        for (int i = 0; i < professionals.size(); i++) {
            if (role.matches.test(professionals.get(i))) {
                ofRole.add(i);
            }
        }
        for (Commune c : data.communes) {
            result[c.id()] = ofRole.stream()
                    .sorted(Comparator.comparingDouble((Integer i) -> distance2(c, professionals.get(i)))
                            .thenComparing(i -> i))
                    .limit(NEAREST).mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    private int[][] gpsByCommune() {
        int[][] result = new int[data.communes.size()][];
        for (Commune c : data.communes) {
            List<Integer> same = new ArrayList<>();
            for (int i = 0; i < professionals.size(); i++) {
                SynthProfessional p = professionals.get(i);
                if (p.isGeneralPractitioner() && p.department().equals(c.department())) {
                    same.add(i);
                }
            }
            if (same.isEmpty()) {
                for (int i = 0; i < professionals.size(); i++) {
                    SynthProfessional p = professionals.get(i);
                    if (p.isGeneralPractitioner() && p.regionCode().equals(c.regionCode())) {
                        same.add(i);
                    }
                }
            }
            result[c.id()] = same.isEmpty() ? candidates[Role.GP.ordinal()][c.id()]
                    : same.stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    private static double distance2(Commune c, SynthProfessional p) {
        return Places.distance2(c.latitude(), c.longitude(), p.latitude(), p.longitude());
    }

    /** A GP for a resident of the commune: same département when there is one, else the région, else the nearest. */
    SynthProfessional generalPractitionerFor(Commune residence, SplittableRandom r) {
        int[] gps = gpsForResidents[residence.id()];
        return professionals.get(gps[r.nextInt(gps.length)]);
    }

    /** One of the nearest professionals of the role; falls back to a GP when the role is not represented. */
    SynthProfessional nearest(Role role, Commune residence, SplittableRandom r) {
        int[] list = candidates[role.ordinal()][residence.id()];
        int choice = r.nextInt(NEAREST);
        if (list.length == 0) {
            return generalPractitionerFor(residence, r);
        }
        return professionals.get(list[choice % list.length]);
    }
}
