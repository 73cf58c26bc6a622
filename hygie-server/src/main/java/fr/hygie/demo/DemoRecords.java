package fr.hygie.demo;

import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.access.ControlOutcome;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentId;
import fr.hygie.record.Documents;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.NewDocument;
import fr.hygie.record.NewProfileItem;
import fr.hygie.record.OrganDonation;
import fr.hygie.record.ProfileSectionKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The named cast's records, entered through the same APIs as real use (each step decided by the
 * access policy and journaled): `patient` has a rich record with a médecin traitant, authorised
 * professionals, a masked document and a document not yet released to her; `mineur` has a
 * confidential document hidden from her parents; `patient2` has documents his caregiver may read.
 */
@Component
class DemoRecords {

    private final Accounts accounts;
    private final CareTeam careTeam;
    private final Documents documents;
    private final MedicalProfile profile;

    DemoRecords(Accounts accounts, CareTeam careTeam, Documents documents, MedicalProfile profile) {
        this.accounts = accounts;
        this.careTeam = careTeam;
        this.documents = documents;
        this.profile = profile;
    }

    void load(DemoCast cast, LocalDate today) {
        Actor patient = actor("patient");
        Actor patient2 = actor("patient2");
        Actor medecin = actor("medecin");
        PatientId p = cast.patient("patient");
        PatientId p2 = cast.patient("patient2");
        PatientId minor = cast.patient("mineur");
        JournalChannel ch = JournalChannel.SYSTEM;

        // Care team: medecin is the médecin traitant of patient, patient2 and mineur; patient authorises
        // the professionals near her; medecin2 has never treated her.
        ok(careTeam.declareTreatingPhysician(patient, p, cast.professional("medecin"), today.minusYears(6), ch));
        ok(careTeam.declareTreatingPhysician(patient2, p2, cast.professional("medecin"), today.minusYears(3), ch));
        ok(careTeam.declareTreatingPhysician(Actor.actingFor(accounts.loadUserByUsername("patient"), minor), minor,
                cast.professional("medecin"), today.minusYears(2), ch));
        for (String pro : new String[] {"pharmacien", "infirmier", "dentiste", "kine"}) {
            ok(careTeam.authorise(patient, p, cast.professional(pro), ch));
        }

        doc(medecin, p, "11502-2", "Bilan sanguin annuel", today.minusMonths(2),
                "Hémoglobine 13,8 g/dL. Glycémie à jeun 0,95 g/L. Cholestérol LDL 1,32 g/L. Créatinine 7 mg/L. Bilan normal.", Set.of());
        doc(medecin, p, "11488-4", "Consultation de suivi de l'hypertension", today.minusMonths(1),
                "Tension 132/84 mmHg. Traitement par amlodipine bien toléré. Poursuite du traitement, contrôle dans 6 mois.", Set.of());
        doc(medecin, p, "18748-4", "Radiographie du genou droit", today.minusMonths(8),
                "Pincement fémoro-tibial interne modéré. Pas de lésion osseuse traumatique.", Set.of());
        doc(medecin, p, "18842-5", "Compte rendu d'hospitalisation — appendicectomie", today.minusYears(3),
                "Hospitalisation de 3 jours au Centre hospitalier de Lyon Sud pour appendicite aiguë. Suites simples.", Set.of());
        doc(medecin, p, "57833-6", "Ordonnance — traitement de fond", today.minusMonths(1),
                "Amlodipine 5 mg : 1 comprimé le matin, 3 mois. Salbutamol 100 µg : 2 bouffées si besoin.", Set.of());
        doc(medecin, p, "57057-2", "Compte rendu d'accouchement", today.minusYears(15),
                "Accouchement par voie basse à 39 SA, naissance d'une fille de 3,2 kg. Suites de couches simples.", Set.of());
        doc(medecin, p, "42348-3", "Directives anticipées", today.minusYears(1),
                "Je ne souhaite pas d'acharnement thérapeutique. Je souhaite recevoir des soins palliatifs.", Set.of());
        DocumentId psy = doc(medecin, p, "11488-4", "Consultation de psychiatrie", today.minusMonths(5),
                "Épisode anxieux réactionnel, suivi psychologique proposé.", Set.of());
        // patient masks the psychiatry consultation from professionals (medecin, her médecin traitant, still sees it).
        documents.mask(patient, psy, true, ch);
        // A result the author has not released yet: hidden from patient until the announcement consultation.
        doc(medecin, p, "11502-2", "Résultat d'anatomopathologie", today.minusDays(3),
                "Biopsie cutanée : naevus dysplasique, exérèse complète. Consultation d'annonce programmée.",
                Set.of(ConfidentialityLabel.INVISIBLE_PATIENT));
        // patient added her own document
        doc(patient, p, "11369-6", "Mon carnet de vaccination (scan)", today.minusYears(2),
                "Carnet de vaccination : DTP 2019, grippe 2025, COVID-19 2023.", Set.of());

        item(medecin, p, ProfileSectionKind.HISTORY, "CIM-10", "I10", "Hypertension artérielle essentielle", null, null, today.minusYears(4));
        item(medecin, p, ProfileSectionKind.HISTORY, "CIM-10", "J45", "Asthme", null, null, today.minusYears(20));
        item(medecin, p, ProfileSectionKind.TREATMENTS, "ATC", "C08CA01", "Amlodipine 5 mg, 1 comprimé par jour", null, null, today.minusYears(4));
        item(medecin, p, ProfileSectionKind.TREATMENTS, "ATC", "R03AC02", "Salbutamol 100 µg si besoin", null, null, today.minusYears(20));
        item(medecin, p, ProfileSectionKind.ALLERGIES, null, null, "Allergie à la pénicilline (urticaire)", null, null, today.minusYears(30));
        item(medecin, p, ProfileSectionKind.FAMILY_HISTORY, "CIM-10", "I21", "Infarctus du myocarde chez le père à 58 ans", null, null, today.minusYears(10));
        item(medecin, p, ProfileSectionKind.VACCINATIONS, "ATC", "J07AM51", "Rappel diphtérie-tétanos-poliomyélite", null, null, today.minusYears(7));
        item(medecin, p, ProfileSectionKind.VACCINATIONS, "ATC", "J07BB02", "Grippe saisonnière", null, null, today.minusMonths(13));
        item(medecin, p, ProfileSectionKind.MEASUREMENTS, "LOINC", "29463-7", "Poids", new BigDecimal("64.5"), "kg", today.minusMonths(1));
        item(medecin, p, ProfileSectionKind.MEASUREMENTS, "LOINC", "8302-2", "Taille", new BigDecimal("166"), "cm", today.minusMonths(1));
        item(medecin, p, ProfileSectionKind.MEASUREMENTS, "LOINC", "8480-6", "Pression artérielle systolique", new BigDecimal("132"), "mm[Hg]", today.minusMonths(1));
        item(medecin, p, ProfileSectionKind.MEASUREMENTS, "LOINC", "8462-4", "Pression artérielle diastolique", new BigDecimal("84"), "mm[Hg]", today.minusMonths(1));
        item(medecin, p, ProfileSectionKind.MEASUREMENTS, "LOINC", "1558-6", "Glycémie à jeun", new BigDecimal("0.95"), "g/L", today.minusMonths(2));
        profile.updateWishes(patient, p, "Je ne souhaite pas d'acharnement thérapeutique. En cas de maladie grave et "
                + "incurable, je souhaite recevoir des soins palliatifs et être soulagée de la douleur.", OrganDonation.ACCEPTE, ch);
        profile.addContact(patient, p, "PERSONNE_DE_CONFIANCE", "Pierre Durand", "0611223344", "époux", ch);

        // mineur: a confidential consultation hidden from her parents, and a vaccination record they see.
        doc(medecin, minor, "11488-4", "Consultation confidentielle", today.minusMonths(2),
                "Consultation à la demande de la patiente, sans la présence de ses parents (art. L1111-5 CSP).",
                Set.of(ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX));
        doc(medecin, minor, "11369-6", "Vaccinations de l'enfance", today.minusYears(1),
                "Vaccins obligatoires à jour. Rappel DTCaP à 11-13 ans effectué.", Set.of());

        // patient2: documents his caregiver may read under her mandate.
        doc(medecin, p2, "11488-4", "Consultation de suivi du diabète", today.minusMonths(1),
                "HbA1c 7,1 %. Poursuite de la metformine 1000 mg matin et soir.", Set.of());
        doc(medecin, p2, "11502-2", "Bilan biologique trimestriel", today.minusMonths(1),
                "HbA1c 7,1 %. Créatinine 11 mg/L. Microalbuminurie négative.", Set.of());
        item(medecin, p2, ProfileSectionKind.HISTORY, "CIM-10", "E11", "Diabète de type 2", null, null, today.minusYears(9));
        item(medecin, p2, ProfileSectionKind.TREATMENTS, "ATC", "A10BA02", "Metformine 1000 mg matin et soir", null, null, today.minusYears(9));
        profile.updateWishes(patient2, p2, null, OrganDonation.NON_EXPRIME, ch);
    }

    private Actor actor(String login) {
        HygieUser user = accounts.loadUserByUsername(login);
        return Actor.of(user);
    }

    private DocumentId doc(Actor author, PatientId patient, String type, String title, LocalDate date, String text,
            Set<ConfidentialityLabel> labels) {
        AddOutcome outcome = documents.add(author, new NewDocument(patient, type, title, date, labels, ContentType.TEXT,
                text.getBytes(StandardCharsets.UTF_8)), JournalChannel.SYSTEM);
        if (outcome instanceof AddOutcome.Added added) {
            return added.document().id();
        }
        throw new IllegalStateException("demo document refused: " + outcome);
    }

    private void item(Actor author, PatientId patient, ProfileSectionKind section, String system, String code, String display,
            BigDecimal value, String unit, LocalDate date) {
        if (!profile.add(author, patient, new NewProfileItem(section, system, code, display, value, unit, date, null), JournalChannel.SYSTEM)) {
            throw new IllegalStateException("demo profile item refused: " + display);
        }
    }

    private static void ok(ControlOutcome outcome) {
        if (!outcome.done()) {
            throw new IllegalStateException("demo care-team step refused: " + outcome.message());
        }
    }

}
