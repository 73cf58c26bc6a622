package fr.hygie.fhir;

import fr.hygie.identity.InsMatricule;
import fr.hygie.identity.Profession;
import fr.hygie.identity.Professional;
import fr.hygie.identity.Professions;
import fr.hygie.identity.Specialties;
import fr.hygie.identity.Structure;
import fr.hygie.identity.StructureKind;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalEntry;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

/** Hygie's identities and journal entries as FHIR R4 resources (French systems, FR Core codes). */
final class FhirMapper {

    /** RPPS number (FR Core). */
    static final String RPPS_SYSTEM = "https://rpps.esante.gouv.fr";
    /** National identifier of health professionals idNat_PS (8 + RPPS), OID of the ANS. */
    static final String IDNAT_PS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1";
    /** FINESS numbers. */
    static final String FINESS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.2";
    /** Identifier types of FR Core (HL7 v2 table 0203 extended: INS-NIR, INS-NIA, IDNPS, RPPS, FINEG, FINEJ). */
    static final String IDENTIFIER_TYPE_SYSTEM = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203";
    static final String BIRTH_PLACE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace";
    static final String INSEE_CODE_EXTENSION = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code";
    static final String COMMUNE_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM";
    static final String COUNTRY_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R20-Pays/FHIR/TRE-R20-Pays";
    static final String JOURNAL_ACTION_SYSTEM = "https://hygie.fr/fhir/CodeSystem/journal-action";
    static final String JOURNAL_CHANNEL_SYSTEM = "https://hygie.fr/fhir/CodeSystem/journal-channel";
    static final String JOURNAL_REASON_SYSTEM = "https://hygie.fr/fhir/CodeSystem/access-reason";

    /** The codes of the R4 value set http://hl7.org/fhir/ValueSet/languages. */
    static final java.util.Set<String> COMMON_LANGUAGES = java.util.Set.of("ar", "bn", "cs", "da", "de", "de-AT", "de-CH", "de-DE",
            "el", "en", "en-AU", "en-CA", "en-GB", "en-IN", "en-NZ", "en-SG", "en-US", "es", "es-AR", "es-ES", "es-UY", "fi", "fr",
            "fr-BE", "fr-CH", "fr-FR", "fy", "fy-NL", "hi", "hr", "it", "it-CH", "it-IT", "ja", "ko", "nl", "nl-BE", "nl-NL", "no",
            "no-NO", "pa", "pl", "pt", "pt-BR", "ru", "ru-RU", "sr", "sr-RS", "sv", "sv-SE", "te", "zh", "zh-CN", "zh-HK", "zh-SG",
            "zh-TW");

    private FhirMapper() {
    }

    /**
     * A person. The INS matricule is shown only for a qualified identity: RNIV, an INS is used for
     * exchange and sharing only once qualified (« identité qualifiée »).
     */
    static Patient patient(fr.hygie.identity.Patient p, String matricule) {
        return patient(p, matricule, java.util.List.of());
    }

    /** The same, with the identifiers other systems gave the person (kept as they came). */
    static Patient patient(fr.hygie.identity.Patient p, String matricule, java.util.List<fr.hygie.identity.ForeignIdentifier> identifiers) {
        Patient r = new Patient();
        r.setId(p.id().value().toString());
        if (matricule != null && "QUALIFIED".equals(p.insStatus())) {
            boolean nia = matricule.startsWith("7") || matricule.startsWith("8");
            r.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                    .setType(new CodeableConcept().addCoding(new Coding(IDENTIFIER_TYPE_SYSTEM, nia ? "INS-NIA" : "INS-NIR", null)))
                    .setSystem(nia ? InsMatricule.INS_NIA_SYSTEM : InsMatricule.INS_NIR_SYSTEM).setValue(matricule);
        }
        identifiers.forEach(i -> r.addIdentifier().setSystem(i.system()).setValue(i.value()));
        r.setActive(true);
        HumanName official = r.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(p.birthName());
        Arrays.stream(p.firstNames().split(" ")).filter(s -> !s.isBlank()).forEach(official::addGiven);
        if (p.usedName() != null && !p.usedName().isBlank()) {
            r.addName().setUse(HumanName.NameUse.USUAL).setFamily(p.usedName()).addGiven(p.firstNames().split(" ")[0]);
        }
        r.setGender("M".equals(p.sex()) ? AdministrativeGender.MALE : "F".equals(p.sex()) ? AdministrativeGender.FEMALE
                : AdministrativeGender.OTHER);
        r.setBirthDate(Date.from(p.birthDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
        r.getBirthDateElement().setValueAsString(p.birthDate().toString());
        if (p.birthPlaceInsee() != null && !p.birthPlaceInsee().isBlank()) {
            Address place = new Address();
            place.addExtension(new Extension(INSEE_CODE_EXTENSION, new Coding(
                    p.birthPlaceInsee().startsWith("99") ? COUNTRY_SYSTEM : COMMUNE_SYSTEM, p.birthPlaceInsee(), null)));
            r.addExtension(new Extension(BIRTH_PLACE_EXTENSION, place));
        }
        if (p.postcode() != null || p.communeInsee() != null) {
            Address home = r.addAddress().setUse(Address.AddressUse.HOME).setPostalCode(p.postcode()).setCountry("FR");
            if (p.communeInsee() != null) {
                home.addExtension(new Extension(INSEE_CODE_EXTENSION, new Coding(COMMUNE_SYSTEM, p.communeInsee(), null)));
            }
        }
        return r;
    }

    static Practitioner practitioner(Professional p) {
        Practitioner r = new Practitioner();
        r.setId(p.id().value().toString());
        r.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                .setType(new CodeableConcept().addCoding(new Coding(IDENTIFIER_TYPE_SYSTEM, "IDNPS", null)))
                .setSystem(IDNAT_PS_SYSTEM).setValue(p.idNatPs());
        r.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY)
                .setType(new CodeableConcept().addCoding(new Coding(IDENTIFIER_TYPE_SYSTEM, "RPPS", null)))
                .setSystem(RPPS_SYSTEM).setValue(p.rpps());
        r.setActive(true);
        r.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(p.familyName()).addGiven(p.givenName());
        for (String language : p.languages()) {
            // R4 binds communication to the "languages" value set: a code outside it (e.g. gcr, Guianese
            // Creole) fails validation as a coding, so it travels as text (an import reads either).
            r.addCommunication(COMMON_LANGUAGES.contains(language) ? new CodeableConcept().addCoding(new Coding("urn:ietf:bcp:47", language, null))
                    : new CodeableConcept().setText(language));
        }
        if (p.communeInsee() != null || p.latitude() != null && p.longitude() != null) {
            // Where they practise, for the directory (« coordonnées »): the commune (INSEE code) and the map point.
            Address work = r.addAddress().setUse(Address.AddressUse.WORK).setCountry("FR");
            if (p.communeInsee() != null) {
                work.addExtension(new Extension(INSEE_CODE_EXTENSION, new Coding(COMMUNE_SYSTEM, p.communeInsee(), null)));
            }
            if (p.latitude() != null && p.longitude() != null) {
                Extension geo = new Extension(GEOLOCATION_EXTENSION);
                geo.addExtension("latitude", new org.hl7.fhir.r4.model.DecimalType(p.latitude()));
                geo.addExtension("longitude", new org.hl7.fhir.r4.model.DecimalType(p.longitude()));
                work.addExtension(geo);
            }
        }
        return r;
    }

    static final String GEOLOCATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/geolocation";
    /** Secteur conventionnel (0 non conventionné, 1, 2), as the directory shows it. */
    static final String SECTOR_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/conventional-sector";
    /** Offers teleconsultation (« téléconsultation »). */
    static final String TELECONSULTATION_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/teleconsultation";

    static PractitionerRole practitionerRole(Professional p) {
        PractitionerRole r = new PractitionerRole();
        r.setId(p.id().value().toString());
        r.setActive(true);
        r.setPractitioner(new Reference("Practitioner/" + p.id().value()).setDisplay(p.displayName()));
        p.structure().ifPresent(s -> r.setOrganization(new Reference("Organization/" + s.value())));
        Professions.bundled().find(p.professionCode()).ifPresent(
                (Profession prof) -> r.addCode().addCoding(new Coding(prof.system(), prof.code(), prof.labelFr())));
        if (p.specialtyCode() != null) {
            Specialties.bundled().find(p.specialtyCode()).ifPresent(
                    s -> r.addSpecialty().addCoding(new Coding(s.system(), s.code(), s.labelFr())));
        }
        if (p.sector() != null) {
            r.addExtension(new Extension(SECTOR_EXTENSION, new org.hl7.fhir.r4.model.IntegerType(p.sector())));
        }
        r.addExtension(new Extension(TELECONSULTATION_EXTENSION, new org.hl7.fhir.r4.model.BooleanType(p.teleconsultation())));
        return r;
    }

    static Organization organization(Structure s, String partOfId) {
        Organization r = new Organization();
        r.setId(s.id().value().toString());
        boolean legal = s.kind() == StructureKind.LEGAL_ENTITY;
        r.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                .setType(new CodeableConcept().addCoding(new Coding(IDENTIFIER_TYPE_SYSTEM, legal ? "FINEJ" : "FINEG", null)))
                .setSystem(FINESS_SYSTEM).setValue(s.finess());
        r.setActive(true);
        r.setName(s.name());
        if (s.category() != null) {
            r.addType().setText(s.category());
        }
        Address a = r.addAddress().setUse(Address.AddressUse.WORK).setPostalCode(s.postcode()).setCountry("FR");
        if (s.addressLine() != null) {
            a.addLine(s.addressLine());
        }
        if (s.communeInsee() != null) {
            a.addExtension(new Extension(INSEE_CODE_EXTENSION, new Coding(COMMUNE_SYSTEM, s.communeInsee(), null)));
        }
        if (partOfId != null) {
            r.setPartOf(new Reference("Organization/" + partOfId));
        }
        return r;
    }

    /** FHIR id of a journal entry: its chain and its place in it, so that it can be found again. */
    static String auditEventId(JournalEntry e) {
        return e.chain() + "-" + e.seq();
    }

    static AuditEvent auditEvent(JournalEntry e) {
        AuditEvent r = new AuditEvent();
        r.setId(auditEventId(e));
        r.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110110", "Patient Record"));
        r.addSubtype(new Coding(JOURNAL_ACTION_SYSTEM, e.action().name(), null));
        r.addSubtype(new Coding(JOURNAL_CHANNEL_SYSTEM, e.channel().name(), null));
        r.setAction(action(e.action()));
        r.setRecorded(Date.from(e.at()));
        boolean permitted = e.decision() == fr.hygie.journal.JournalDecision.PERMIT;
        r.setOutcome(permitted ? AuditEvent.AuditEventOutcome._0 : AuditEvent.AuditEventOutcome._4);
        if (e.reasonCode() != null) {
            r.setOutcomeDesc(e.reasonCode());
        }
        if (e.justification() != null && !e.justification().isBlank()) {
            r.addPurposeOfEvent(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason",
                    "ETREAT", "Emergency Treatment")).setText(e.justification()));
        }
        agent(r, e.actor(), true);
        if (e.actingFor() != null) {
            agent(r, e.actingFor(), false);
        }
        r.getSource().setObserver(new Reference().setDisplay("Hygie"))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));
        if (e.patientId() != null) {
            r.addEntity().setWhat(new Reference("Patient/" + e.patientId()))
                    .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
        }
        AuditEvent.AuditEventEntityComponent object = r.addEntity()
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"))
                .setName(e.objectType());
        if (e.objectId() != null) {
            object.setDescription(e.objectId());
        }
        if (e.hash() != null) {
            object.addDetail().setType("hash").setValue(new org.hl7.fhir.r4.model.StringType(e.hash()));
        }
        return r;
    }

    private static void agent(AuditEvent r, JournalActor actor, boolean requestor) {
        AuditEvent.AuditEventAgentComponent a = r.addAgent().setRequestor(requestor);
        Reference who = new Reference().setDisplay(actor.displayName());
        UUID account = actor.accountId();
        if (account != null) {
            who.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + account));
        }
        a.setWho(who);
        a.addRole(new CodeableConcept().setText(actor.role()));
    }

    private static AuditEvent.AuditEventAction action(fr.hygie.journal.JournalAction a) {
        switch (a) {
            case READ:
            case LIST:
            case SEARCH:
            case EXPORT:
            case SHARE:
                return AuditEvent.AuditEventAction.R;
            case CREATE:
            case IMPORT:
                return AuditEvent.AuditEventAction.C;
            case DELETE:
                return AuditEvent.AuditEventAction.D;
            case UPDATE:
            case MASK:
            case UNMASK:
            case RELEASE:
            case AUTHORISE:
            case REVOKE_AUTHORISATION:
            case BLOCK:
            case UNBLOCK:
            case SETTINGS_CHANGE:
            case MANDATE_GRANT:
            case MANDATE_REVOKE:
                return AuditEvent.AuditEventAction.U;
            default:
                return AuditEvent.AuditEventAction.E;
        }
    }
}
