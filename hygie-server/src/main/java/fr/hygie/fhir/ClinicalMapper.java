package fr.hygie.fhir;

import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Professional;
import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentStatus;
import fr.hygie.record.DocumentSummary;
import fr.hygie.record.DocumentTypes;
import fr.hygie.record.NewDocument;
import fr.hygie.record.NewProfileItem;
import fr.hygie.record.ProfileItem;
import fr.hygie.record.ProfileSectionKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Documents and the medical profile as FHIR R4 resources, and back. Profile sections map to one type
 * each (HISTORY and FAMILY_HISTORY → Condition with a category, ALLERGIES → AllergyIntolerance,
 * TREATMENTS → MedicationStatement, VACCINATIONS → Immunization, MEASUREMENTS → Observation with LOINC
 * and UCUM). Family history stays a Condition (with Hygie's section category) rather than a
 * FamilyMemberHistory, because the profile records it as a line about the person, without the relative.
 */
final class ClinicalMapper {

    /** TRE_A07 « statut de visibilité du document » (ANS, NOS). */
    static final String TRE_A07 = "https://mos.esante.gouv.fr/NOS/TRE_A07-StatutVisibiliteDocument/FHIR/TRE-A07-StatutVisibiliteDocument";
    static final String DOCUMENT_CLASS_SYSTEM = "https://hygie.fr/fhir/CodeSystem/document-class";
    static final String PROFILE_SECTION_SYSTEM = "https://hygie.fr/fhir/CodeSystem/profile-section";
    static final String LOINC = "http://loinc.org";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ATC = "http://www.whocc.no/atc";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String URI = "urn:ietf:rfc:3986";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** LOINC codes of the vital signs (FHIR vital-signs category); other measurements are laboratory results. */
    static final Set<String> VITAL_SIGNS = Set.of("29463-7", "8302-2", "8480-6", "8462-4", "85354-9", "8867-4", "9279-1",
            "8310-5", "39156-5", "59408-5", "2708-6", "8287-5", "9843-4", "8306-3", "3141-9");

    private static final Map<String, String> SYSTEMS = Map.of("CIM-10", ICD10, "ATC", ATC, "LOINC", LOINC);

    private ClinicalMapper() {
    }

    // ------------------------------------------------------------------ identifiers and codes

    /** The identifier a resource keeps everywhere: the one it was imported with, or its Hygie id as a URN. */
    static Identifier identifier(UUID id, String externalId) {
        if (externalId != null) {
            int bar = externalId.indexOf('|');
            if (bar > 0) {
                return new Identifier().setSystem(externalId.substring(0, bar)).setValue(externalId.substring(bar + 1));
            }
            return new Identifier().setSystem(URI).setValue(externalId);
        }
        return new Identifier().setSystem(URI).setValue("urn:uuid:" + id);
    }

    /** The external id an imported resource is stored with: its first identifier ({@code system|value}), else its id. */
    static String externalId(List<Identifier> identifiers, String sourceType, String sourceId) {
        for (Identifier i : identifiers) {
            if (i.hasValue()) {
                return !i.hasSystem() || URI.equals(i.getSystem()) ? i.getValue() : i.getSystem() + "|" + i.getValue();
            }
        }
        return sourceId == null || sourceId.isBlank() ? null : "urn:hygie:source:" + sourceType + "/" + sourceId;
    }

    static String systemUri(String codeSystem) {
        return codeSystem == null ? null : SYSTEMS.getOrDefault(codeSystem, codeSystem);
    }

    static String codeSystemName(String uri) {
        if (uri == null) {
            return null;
        }
        return SYSTEMS.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey).findFirst().orElse(uri);
    }

    static CodeableConcept concept(ProfileItem i) {
        CodeableConcept c = new CodeableConcept().setText(i.display());
        if (i.code() != null && !i.code().isBlank()) {
            c.addCoding(new Coding(systemUri(i.codeSystem()), i.code(), null));
        }
        return c;
    }

    private static DateTimeType day(LocalDate d) {
        DateTimeType t = new DateTimeType(d.toString());
        t.setPrecision(TemporalPrecisionEnum.DAY);
        return t;
    }

    private static Meta meta(java.time.Instant updated) {
        return new Meta().setLastUpdated(Date.from(updated));
    }

    private static Reference patientRef(PatientId p) {
        return new Reference("Patient/" + p.value());
    }

    private static Reference recorder(String name) {
        return name == null || name.isBlank() ? null : new Reference().setDisplay(name);
    }

    private static List<Annotation> notes(ProfileItem i) {
        return i.note() == null || i.note().isBlank() ? List.of() : List.of(new Annotation().setText(i.note()));
    }

    // ------------------------------------------------------------------ documents

    /**
     * A document's metadata. {@code content} null: the attachment points to {@code Binary/{id}} (API);
     * otherwise the bytes are inlined (bulk export and the operator's export, which must stand alone).
     */
    static DocumentReference documentReference(DocumentSummary d, Professional author, String externalId, byte[] content) {
        DocumentReference r = new DocumentReference();
        r.setId(d.id().value().toString());
        r.setMeta(meta(d.createdAt()));
        r.addIdentifier(identifier(d.id().value(), externalId));
        r.setStatus(d.status() == DocumentStatus.SUPERSEDED ? Enumerations.DocumentReferenceStatus.SUPERSEDED
                : Enumerations.DocumentReferenceStatus.CURRENT);
        r.setType(new CodeableConcept().addCoding(new Coding(LOINC, d.typeCode(), d.typeLabel())).setText(d.typeLabel()));
        DocumentTypes.bundled().find(d.typeCode()).ifPresent(t -> r.addCategory(
                new CodeableConcept().addCoding(new Coding(DOCUMENT_CLASS_SYSTEM, t.documentClass(), null))));
        r.setSubject(patientRef(d.patient()));
        // The clinical date is the document's date in Hygie (the day of the act); FHIR's date is an instant.
        r.setDate(Date.from(d.clinicalDate().atStartOfDay(PARIS).toInstant()));
        r.getContext().getPeriod().setStartElement(day(d.clinicalDate()));
        if (author != null) {
            r.addAuthor(new Reference("Practitioner/" + author.id().value()).setDisplay(d.authorName())
                    .setIdentifier(new Identifier().setSystem(FhirMapper.IDNAT_PS_SYSTEM).setValue(author.idNatPs())));
        } else if (d.authorName() != null) {
            r.addAuthor(new Reference().setDisplay(d.authorName()));
        }
        r.setDescription(d.title());
        for (ConfidentialityLabel label : d.labels()) {
            r.addSecurityLabel(new CodeableConcept().addCoding(new Coding(TRE_A07, label.code(), null)));
        }
        Attachment a = r.addContent().getAttachment().setContentType(d.contentType().mime()).setTitle(d.title())
                .setSize(d.size());
        if (content == null) {
            a.setUrl("Binary/" + d.id().value());
        } else {
            a.setData(content);
        }
        return r;
    }

    static Set<ConfidentialityLabel> labels(DocumentReference r) {
        Set<ConfidentialityLabel> labels = EnumSet.noneOf(ConfidentialityLabel.class);
        for (CodeableConcept c : r.getSecurityLabel()) {
            for (Coding coding : c.getCoding()) {
                if (TRE_A07.equals(coding.getSystem())) {
                    for (ConfidentialityLabel l : ConfidentialityLabel.values()) {
                        if (l.code().equals(coding.getCode())) {
                            labels.add(l);
                        }
                    }
                }
            }
        }
        return labels;
    }

    /** A DocumentReference with inline content → a new document of the record module (its rules apply after). */
    static NewDocument newDocument(DocumentReference r, PatientId patient) {
        // A coding without a code names no type (finding of security.FhirWriteFuzzTest, session 6: its null code made
        // findFirst throw, a 500, before any decision; seed document-type-coding-without-a-code).
        String type = r.getType().getCoding().stream().filter(c -> c.hasCode() && (LOINC.equals(c.getSystem()) || !c.hasSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
        Attachment a = r.getContentFirstRep().getAttachment();
        byte[] data = a.getData();
        String title = r.hasDescription() ? r.getDescription() : a.getTitle();
        LocalDate date = r.getContext().getPeriod().hasStart() ? day(r.getContext().getPeriod().getStartElement())
                : r.hasDate() ? r.getDate().toInstant().atZone(PARIS).toLocalDate() : null;
        // split with a limit: a type made of semicolons only (« ; », a valid FHIR code) split to no part at all, and [0] failed.
        ContentType declared = a.hasContentType() ? ContentType.fromMime(a.getContentType().split(";", 2)[0].trim()).orElse(null) : null;
        return new NewDocument(patient, type, title, date, labels(r), declared, data);
    }

    // ------------------------------------------------------------------ medical profile

    static Resource resource(ProfileItem i, String externalId) {
        switch (i.section()) {
            case HISTORY:
            case FAMILY_HISTORY:
                return condition(i, externalId);
            case ALLERGIES:
                return allergy(i, externalId);
            case TREATMENTS:
                return medicationStatement(i, externalId);
            case VACCINATIONS:
                return immunization(i, externalId);
            default:
                return observation(i, externalId);
        }
    }

    /** The FHIR type of a profile section. */
    static String typeOf(ProfileSectionKind kind) {
        switch (kind) {
            case HISTORY:
            case FAMILY_HISTORY:
                return "Condition";
            case ALLERGIES:
                return "AllergyIntolerance";
            case TREATMENTS:
                return "MedicationStatement";
            case VACCINATIONS:
                return "Immunization";
            default:
                return "Observation";
        }
    }

    static Condition condition(ProfileItem i, String externalId) {
        Condition r = new Condition();
        r.setId(i.id().toString());
        r.setMeta(meta(i.enteredAt()));
        r.addIdentifier(identifier(i.id(), externalId));
        r.setClinicalStatus(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        if (i.section() == ProfileSectionKind.HISTORY) {
            r.addCategory(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/condition-category",
                    "problem-list-item", "Problem List Item")));
        }
        r.addCategory(new CodeableConcept().addCoding(new Coding(PROFILE_SECTION_SYSTEM, i.section().name(), null))
                .setText(i.section().label()));
        r.setCode(concept(i));
        r.setSubject(patientRef(i.patient()));
        r.setOnset(day(i.date()));
        r.setRecorder(recorder(i.enteredBy()));
        r.setNote(notes(i));
        return r;
    }

    static AllergyIntolerance allergy(ProfileItem i, String externalId) {
        AllergyIntolerance r = new AllergyIntolerance();
        r.setId(i.id().toString());
        r.setMeta(meta(i.enteredAt()));
        r.addIdentifier(identifier(i.id(), externalId));
        r.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
        r.setCode(concept(i));
        r.setPatient(patientRef(i.patient()));
        r.setOnset(day(i.date()));
        r.setRecorder(recorder(i.enteredBy()));
        r.setNote(notes(i));
        return r;
    }

    static MedicationStatement medicationStatement(ProfileItem i, String externalId) {
        MedicationStatement r = new MedicationStatement();
        r.setId(i.id().toString());
        r.setMeta(meta(i.enteredAt()));
        r.addIdentifier(identifier(i.id(), externalId));
        r.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        r.setMedication(concept(i));
        r.setSubject(patientRef(i.patient()));
        r.setEffective(day(i.date()));
        r.setInformationSource(recorder(i.enteredBy()));
        r.setNote(notes(i));
        return r;
    }

    static Immunization immunization(ProfileItem i, String externalId) {
        Immunization r = new Immunization();
        r.setId(i.id().toString());
        r.setMeta(meta(i.enteredAt()));
        r.addIdentifier(identifier(i.id(), externalId));
        r.setStatus(Immunization.ImmunizationStatus.COMPLETED);
        r.setVaccineCode(concept(i));
        r.setPatient(patientRef(i.patient()));
        r.setOccurrence(day(i.date()));
        if (i.enteredBy() != null) {
            r.addPerformer().setActor(new Reference().setDisplay(i.enteredBy()));
        }
        r.setNote(notes(i));
        return r;
    }

    static Observation observation(ProfileItem i, String externalId) {
        Observation r = new Observation();
        r.setId(i.id().toString());
        r.setMeta(meta(i.enteredAt()));
        r.addIdentifier(identifier(i.id(), externalId));
        r.setStatus(Observation.ObservationStatus.FINAL);
        boolean vital = i.code() != null && VITAL_SIGNS.contains(i.code()); // a line may have a text and no code
        r.addCategory(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
                vital ? "vital-signs" : "laboratory", vital ? "Vital Signs" : "Laboratory")));
        r.setCode(concept(i));
        r.setSubject(patientRef(i.patient()));
        r.setEffective(day(i.date()));
        if (i.enteredBy() != null) {
            r.addPerformer(new Reference().setDisplay(i.enteredBy()));
        }
        if (i.value() != null) {
            Quantity q = new Quantity().setValue(i.value());
            if (i.unit() != null && !i.unit().isBlank()) {
                q.setUnit(i.unit()).setSystem(UCUM).setCode(i.unit());
            }
            r.setValue(q);
        }
        r.setNote(notes(i));
        return r;
    }

    /** A FHIR resource of the profile → a line to add (section, code, date, value); empty when the type is not a profile type. */
    static Optional<NewProfileItem> profileItem(Resource r) {
        ProfileSectionKind section;
        CodeableConcept code;
        BaseDateTimeType when;
        BigDecimal value = null;
        String unit = null;
        List<Annotation> notes;
        if (r instanceof Condition c) {
            boolean family = c.getCategory().stream().flatMap(x -> x.getCoding().stream())
                    .anyMatch(x -> PROFILE_SECTION_SYSTEM.equals(x.getSystem()) && "FAMILY_HISTORY".equals(x.getCode()));
            section = family ? ProfileSectionKind.FAMILY_HISTORY : ProfileSectionKind.HISTORY;
            code = c.getCode();
            when = c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType() : c.getRecordedDateElement();
            notes = c.getNote();
        } else if (r instanceof AllergyIntolerance a) {
            section = ProfileSectionKind.ALLERGIES;
            code = a.getCode();
            when = a.hasOnsetDateTimeType() ? a.getOnsetDateTimeType() : a.getRecordedDateElement();
            notes = a.getNote();
        } else if (r instanceof MedicationStatement m) {
            section = ProfileSectionKind.TREATMENTS;
            code = m.hasMedicationCodeableConcept() ? m.getMedicationCodeableConcept() : new CodeableConcept();
            when = m.hasEffectiveDateTimeType() ? m.getEffectiveDateTimeType()
                    : m.hasEffectivePeriod() ? m.getEffectivePeriod().getStartElement() : m.getDateAssertedElement();
            notes = m.getNote();
        } else if (r instanceof Immunization im) {
            section = ProfileSectionKind.VACCINATIONS;
            code = im.getVaccineCode();
            when = im.hasOccurrenceDateTimeType() ? im.getOccurrenceDateTimeType() : im.getRecordedElement();
            notes = im.getNote();
        } else if (r instanceof Observation o) {
            section = ProfileSectionKind.MEASUREMENTS;
            code = o.getCode();
            when = o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType()
                    : o.hasEffectivePeriod() ? o.getEffectivePeriod().getStartElement() : o.getIssuedElement();
            if (o.hasValueQuantity()) {
                value = o.getValueQuantity().getValue();
                unit = o.getValueQuantity().hasCode() ? o.getValueQuantity().getCode() : o.getValueQuantity().getUnit();
            }
            notes = o.getNote();
        } else {
            return Optional.empty();
        }
        Coding coding = code.getCoding().stream().filter(Coding::hasCode).findFirst().orElse(null);
        String display = code.hasText() ? code.getText() : coding != null && coding.hasDisplay() ? coding.getDisplay()
                : coding != null ? coding.getCode() : null;
        LocalDate date = day(when);
        String note = notes.isEmpty() ? null : notes.get(0).getText();
        return Optional.of(new NewProfileItem(section, coding == null ? null : codeSystemName(coding.getSystem()),
                coding == null ? null : coding.getCode(), display, value, unit, date, note));
    }

    /**
     * The day a FHIR date or dateTime names, whatever its precision: as written for a day or finer (the local date, not
     * its UTC instant), the 1st of a month alone, the 1 January of a year alone; null when absent. Finding of
     * security.FhirWriteFuzzTest: a DocumentReference dated by a year alone (« 2026 », valid FHIR) was cut to ten
     * characters and answered 500.
     */
    static LocalDate day(BaseDateTimeType when) {
        if (when == null || when.isEmpty() || when.getValue() == null) {
            return null;
        }
        switch (when.getPrecision()) {
            case YEAR:
                return LocalDate.of(when.getYear(), 1, 1);
            case MONTH:
                return LocalDate.of(when.getYear(), when.getMonth() + 1, 1);
            default:
                return LocalDate.parse(when.getValueAsString().substring(0, 10));
        }
    }

    /** The name of whoever recorded a profile resource (Hygie keeps the name, not a reference). */
    static String recordedBy(Resource r) {
        Reference ref = null;
        if (r instanceof Condition c) {
            ref = c.getRecorder();
        } else if (r instanceof AllergyIntolerance a) {
            ref = a.getRecorder();
        } else if (r instanceof MedicationStatement m) {
            ref = m.getInformationSource();
        } else if (r instanceof Immunization im && im.hasPerformer()) {
            ref = im.getPerformerFirstRep().getActor();
        } else if (r instanceof Observation o && o.hasPerformer()) {
            ref = o.getPerformerFirstRep();
        }
        return ref == null || !ref.hasDisplay() ? null : ref.getDisplay();
    }

    /** The subject (patient) reference of a clinical resource. */
    static Reference subject(Resource r) {
        if (r instanceof Condition c) {
            return c.getSubject();
        }
        if (r instanceof AllergyIntolerance a) {
            return a.getPatient();
        }
        if (r instanceof MedicationStatement m) {
            return m.getSubject();
        }
        if (r instanceof Immunization im) {
            return im.getPatient();
        }
        if (r instanceof Observation o) {
            return o.getSubject();
        }
        if (r instanceof DocumentReference d) {
            return d.getSubject();
        }
        return null;
    }
}
