package fr.hygie.demo;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.Finess;
import fr.hygie.identity.InsIdentity;
import fr.hygie.identity.InsStatus;
import fr.hygie.identity.InsTraits;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.NewPatient;
import fr.hygie.identity.NewProfessional;
import fr.hygie.identity.NewStructure;
import fr.hygie.identity.Nir;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Sex;
import fr.hygie.identity.StructureId;
import fr.hygie.identity.StructureKind;
import fr.hygie.identity.Structures;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Registers the named cast of the README in the identity module: persons with valid INS, professionals
 * with valid RPPS, structures with valid FINESS, accounts, mandates. Everything goes through the same
 * validating API as real data.
 */
@Component
class DemoIdentities {

    private final Accounts accounts;
    private final Patients patients;
    private final Professionals professionals;
    private final Structures structures;
    private final Mandates mandates;

    DemoIdentities(Accounts accounts, Patients patients, Professionals professionals, Structures structures,
            Mandates mandates) {
        this.accounts = accounts;
        this.patients = patients;
        this.professionals = professionals;
        this.structures = structures;
        this.mandates = mandates;
    }

    LocalDate today() {
        return mandates.today();
    }

    DemoCast register(String passwordHash) {
        LocalDate today = mandates.today();
        Map<String, StructureId> s = new LinkedHashMap<>();
        s.put("msp", structure("69000101", StructureKind.LEGAL_ENTITY, null, "Maison de santé pluriprofessionnelle Lyon 8e",
                "Maison de santé", "12 avenue des Frères Lumière", "69008", "69388", 45.7437, 4.8717));
        s.put("pharmacie", structure("69000102", StructureKind.LEGAL_ENTITY, null, "Pharmacie des États-Unis",
                "Pharmacie d'officine", "45 boulevard des États-Unis", "69008", "69388", 45.7349, 4.8674));
        s.put("centre-villeurbanne", structure("69000103", StructureKind.LEGAL_ENTITY, null, "Centre de santé Gratte-Ciel",
                "Centre de santé", "8 avenue Henri Barbusse", "69100", "69266", 45.7689, 4.8807));
        s.put("france-services", structure("69000104", StructureKind.LEGAL_ENTITY, null, "France services Lyon 8e",
                "Espace France services", "3 place du Huit-Mai-1945", "69008", "69388", 45.7403, 4.8672));

        Map<String, ProfessionalId> p = new LinkedHashMap<>();
        p.put("medecin", professional("1000100001", "10", "SM54", "LEROY", "Paul", Sex.MALE, s.get("msp"), "69388", 45.7437, 4.8717));
        p.put("medecin2", professional("1000100002", "10", "SM54", "BERNARD", "Sophie", Sex.FEMALE, s.get("centre-villeurbanne"), "69266", 45.7689, 4.8807));
        p.put("pharmacien", professional("1000100003", "21", null, "MOREAU", "Hugo", Sex.MALE, s.get("pharmacie"), "69388", 45.7349, 4.8674));
        p.put("infirmier", professional("1000100004", "60", null, "ROUX", "Julie", Sex.FEMALE, s.get("msp"), "69388", 45.7437, 4.8717));
        p.put("dentiste", professional("1000100005", "40", null, "FOURNIER", "Thomas", Sex.MALE, s.get("msp"), "69388", 45.7437, 4.8717));
        p.put("kine", professional("1000100006", "70", null, "GIRARD", "Emma", Sex.FEMALE, s.get("msp"), "69388", 45.7437, 4.8717));

        Map<String, PatientId> persons = new LinkedHashMap<>();
        persons.put("patient", patient(Sex.FEMALE, LocalDate.of(1978, 5, 12), "69123", "045", "DURAND", "MARIE CLAIRE", null,
                "27 rue Saint-Maurice", "69008", "69388", 45.7362, 4.8705, "0612345678", "marie.durand@example.org"));
        persons.put("patient2", patient(Sex.MALE, LocalDate.of(1946, 11, 3), "33063", "112", "PETIT", "JEAN", null,
                "5 rue Paul Bert", "69003", "69383", 45.7580, 4.8460, "0478000000", null));
        // mineur is 14 today, whatever the date: born 14 years and 100 days ago.
        LocalDate minorBirth = today.minusYears(14).minusDays(100);
        persons.put("mineur", patient(Sex.FEMALE, minorBirth, "69123", "311", "DURAND", "LEA", null,
                "27 rue Saint-Maurice", "69008", "69388", 45.7362, 4.8705, null, null));

        Map<String, AccountId> a = new LinkedHashMap<>();
        a.put("patient", account("patient", passwordHash, Role.PATIENT, "Marie Durand", persons.get("patient"), null, null));
        a.put("patient2", account("patient2", passwordHash, Role.PATIENT, "Jean Petit", persons.get("patient2"), null, null));
        a.put("mineur", account("mineur", passwordHash, Role.PATIENT, "Léa Durand", persons.get("mineur"), null, null));
        a.put("medecin", account("medecin", passwordHash, Role.PROFESSIONAL, "Dr Paul Leroy", null, p.get("medecin"), s.get("msp")));
        a.put("medecin2", account("medecin2", passwordHash, Role.PROFESSIONAL, "Dr Sophie Bernard", null, p.get("medecin2"), s.get("centre-villeurbanne")));
        a.put("pharmacien", account("pharmacien", passwordHash, Role.PROFESSIONAL, "Hugo Moreau, pharmacien", null, p.get("pharmacien"), s.get("pharmacie")));
        a.put("infirmier", account("infirmier", passwordHash, Role.PROFESSIONAL, "Julie Roux, infirmière", null, p.get("infirmier"), s.get("msp")));
        a.put("dentiste", account("dentiste", passwordHash, Role.PROFESSIONAL, "Dr Thomas Fournier, chirurgien-dentiste", null, p.get("dentiste"), s.get("msp")));
        a.put("kine", account("kine", passwordHash, Role.PROFESSIONAL, "Emma Girard, masseuse-kinésithérapeute", null, p.get("kine"), s.get("msp")));
        a.put("aidant", account("aidant", passwordHash, Role.REPRESENTATIVE, "Luc Petit (aidant)", null, null, null));
        a.put("accueil", account("accueil", passwordHash, Role.COUNTER_AGENT, "Nadia Benali, France services", null, null, s.get("france-services")));
        a.put("chercheur", account("chercheur", passwordHash, Role.RESEARCHER, "Claire Dubois, Inserm", null, null, null));
        a.put("comite", account("comite", passwordHash, Role.REVIEWER, "Comité éthique et scientifique", null, null, null));
        a.put("cnil", account("cnil", passwordHash, Role.AUDITOR, "Auditeur CNIL", null, null, null));
        a.put("conseiller", account("conseiller", passwordHash, Role.HUMAN_CONTACT, "Karim Haddad, conseiller", null, null, null));
        a.put("admin", account("admin", passwordHash, Role.ADMIN, "Administration Hygie", null, null, null));
        // the regional health agency of the cast's région (Lyon: Auvergne-Rhône-Alpes, INSEE 84)
        a.put("ars", account("ars", passwordHash, Role.REGIONAL_AGENCY, "ARS Auvergne-Rhône-Alpes", null, null, null));
        accounts.assignRegion(a.get("ars"), "84");

        // patient2 gives aidant a caregiver mandate: documents and appointments, one year.
        mandates.grant(a.get("patient2"), persons.get("patient2"), a.get("aidant"), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.VIEW_DOCUMENTS, MandateScope.MANAGE_APPOINTMENTS), today, today.plusYears(1));
        // patient is the mother of mineur (legal representative until 16).
        mandates.recordLegalRepresentative(persons.get("mineur"), minorBirth, a.get("patient"), a.get("accueil"));
        return new DemoCast(a, persons, p, s);
    }

    private StructureId structure(String first8, StructureKind kind, String legal, String name, String category,
            String address, String postcode, String commune, double lat, double lon) {
        return structures.register(new NewStructure(Finess.parse(Finess.withCheckDigit(first8)), kind,
                legal == null ? null : Finess.parse(legal), name, category, address, postcode,
                InseeCommuneCode.parse(commune), lat, lon));
    }

    private ProfessionalId professional(String first10, String profession, String specialty, String family, String given,
            Sex sex, StructureId structure, String commune, double lat, double lon) {
        return professionals.register(new NewProfessional(Rpps.parse(Rpps.withCheckDigit(first10)), profession, specialty,
                family, given, sex, structure, InseeCommuneCode.parse(commune), lat, lon, 1, true, List.of("fr", "en")));
    }

    private PatientId patient(Sex sex, LocalDate birth, String birthPlace, String order, String birthName, String firstNames,
            String usedName, String address, String postcode, String commune, double lat, double lon, String phone, String email) {
        String body = (sex == Sex.MALE ? "1" : "2") + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue())
                + birthPlace + order;
        Nir nir = Nir.parse(body + Nir.key(body));
        InsIdentity ins = InsIdentity.of(nir, new InsTraits(birthName, firstNames, birth, sex, birthPlace), InsStatus.QUALIFIED);
        return patients.register(new NewPatient(ins, usedName, address, postcode, InseeCommuneCode.parse(commune), lat, lon,
                phone, email, true));
    }

    private AccountId account(String login, String hash, Role role, String display, PatientId patient,
            ProfessionalId professional, StructureId structure) {
        return accounts.create(new NewAccount(login, hash, role, display, patient, professional, structure, true));
    }
}
