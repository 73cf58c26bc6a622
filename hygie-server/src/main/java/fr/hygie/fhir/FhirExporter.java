package fr.hygie.fhir;

import fr.hygie.access.Actor;
import fr.hygie.access.SharingTransfer;
import fr.hygie.identity.ForeignIdentifier;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Structure;
import fr.hygie.identity.StructureId;
import fr.hygie.identity.StructureKind;
import fr.hygie.identity.Structures;
import java.util.ArrayList;
import java.util.Optional;
import org.hl7.fhir.r4.model.Organization;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professional;
import fr.hygie.identity.Professionals;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.DocumentFile;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.DocumentSummary;
import fr.hygie.record.Documents;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.ProfileItem;
import fr.hygie.record.ProfileView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Everything Hygie holds as FHIR resources, for the Bulk Data export and {@code ./hygie export}
 * (« réversibilité »: the operator leaves with everything, the person takes their data elsewhere).
 * Documents carry their content inline so that an export stands alone.
 *
 * <p>Two scopes: the whole platform (an administrator's or the operator's export, journaled once by
 * the caller, no per-record decision) and one person as a given actor sees them (GDPR portability:
 * every read is decided and journaled by the record module, exactly as on the web).
 */
@Component
class FhirExporter {

    /** Types an export may hold, in the order an import needs them. */
    static final List<String> TYPES = List.of("Organization", "Practitioner", "PractitionerRole", "Patient", "DocumentReference", "Condition", "AllergyIntolerance",
            "MedicationStatement", "Immunization", "Observation", "Consent", "MedicationRequest", "MedicationDispense", "ServiceRequest",
            "Schedule", "Slot", "Appointment", "Communication", "RelatedPerson", "ResearchStudy", "AuditEvent");

    /**
     * Types of a person's own export ({@code Patient/$export}): the same but the research registry; their access
     * journal (AuditEvent) as they may see it ({@link JournalExport}), where the operator's export carries the
     * verifiable chains ({@link JournalTransfer}).
     */
    static final List<String> PERSON_TYPES = TYPES.stream().filter(t -> !ResearchTransfer.TYPE.equals(t)).toList();

    /** Receives each exported resource. */
    interface Sink {
        void accept(String type, Resource resource);
    }

    private final Patients patients;
    private final Professionals professionals;
    private final Documents documents;
    private final MedicalProfile profile;
    private final PatientAccess patientAccess;
    private final ConsentResourceProvider consents;
    private final Structures structures;
    private final SharingTransfer sharing;
    private final AppointmentResourceProviders.AppointmentProvider appointments;
    private final PrescriptionTransfer prescriptions;
    private final AppointmentTransfer appointmentTransfer;
    private final MessageTransfer messageTransfer;
    private final ObjectionTransfer objectionTransfer;
    private final MandateTransfer mandateTransfer;
    private final JournalExport journalExport;
    private final AgendaTransfer agendaTransfer;
    private final ResearchTransfer researchTransfer;
    private final JournalTransfer journalTransfer;

    FhirExporter(Patients patients, Professionals professionals, Documents documents, MedicalProfile profile,
            PatientAccess patientAccess, ConsentResourceProvider consents, Structures structures, SharingTransfer sharing,
            AppointmentResourceProviders.AppointmentProvider appointments, PrescriptionTransfer prescriptions,
            AppointmentTransfer appointmentTransfer, MessageTransfer messageTransfer, ObjectionTransfer objectionTransfer,
            MandateTransfer mandateTransfer, AgendaTransfer agendaTransfer, JournalExport journalExport, ResearchTransfer researchTransfer,
            JournalTransfer journalTransfer) {
        this.journalTransfer = journalTransfer;
        this.researchTransfer = researchTransfer;
        this.journalExport = journalExport;
        this.agendaTransfer = agendaTransfer;
        this.mandateTransfer = mandateTransfer;
        this.objectionTransfer = objectionTransfer;
        this.messageTransfer = messageTransfer;
        this.appointmentTransfer = appointmentTransfer;
        this.prescriptions = prescriptions;
        this.structures = structures;
        this.sharing = sharing;
        this.patients = patients;
        this.professionals = professionals;
        this.documents = documents;
        this.profile = profile;
        this.patientAccess = patientAccess;
        this.consents = consents;
        this.appointments = appointments;
    }

    long patientCount() {
        return patients.count();
    }

    /** The whole platform: the directory, then person by person (progress: persons done). */
    void exportAll(Set<String> types, Sink sink, LongConsumer progress) {
        // The journal's checkpoint first: every person's chain travels up to the head it signed.
        fr.hygie.journal.FormerChains.ExportSeal seal = journalSeal(types);
        exportDirectory(types, sink);
        PatientId after = null;
        long done = 0;
        while (true) {
            List<fr.hygie.identity.Patient> page = patients.page(after, 200);
            if (page.isEmpty()) {
                exportWithoutPerson(types, sink);
                return;
            }
            // One query per page (not per person) for what every person has: most of a large export's time.
            List<PatientId> ids = page.stream().map(fr.hygie.identity.Patient::id).toList();
            boolean patientType = types.contains("Patient");
            Map<PatientId, String> matricules = patientType ? patients.matricules(ids) : Map.of();
            Map<PatientId, List<ForeignIdentifier>> identifiers = patientType ? patients.identifiers(ids) : Map.of();
            Map<PatientId, List<MedicalProfile.ExportedItem>> items = wantsProfile(types) ? profile.forExport(ids) : Map.of();
            for (fr.hygie.identity.Patient p : page) {
                exportOperatorPerson(p, matricules.get(p.id()), identifiers.getOrDefault(p.id(), List.of()),
                        items.getOrDefault(p.id(), List.of()), types, sink, seal);
                progress.accept(++done);
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * The directory of the care offer (« annuaire »): structures (legal entities before their sites, so
     * that an import finds the entity a site belongs to), professionals and their roles, their agendas.
     */
    void exportDirectory(Set<String> types, Sink sink) {
        if (types.contains("Organization")) {
            List<Structure> sites = new ArrayList<>();
            StructureId after = null;
            for (List<Structure> page = structures.page(null, 500); !page.isEmpty(); page = structures.page(after, 500)) {
                for (Structure s : page) {
                    if (s.kind() == StructureKind.LEGAL_ENTITY) {
                        sink.accept("Organization", organization(s));
                    } else {
                        sites.add(s);
                    }
                }
                after = page.get(page.size() - 1).id();
            }
            sites.forEach(s -> sink.accept("Organization", organization(s)));
        }
        if (types.contains("Practitioner") || types.contains("PractitionerRole")) {
            ProfessionalId after = null;
            for (List<Professional> page = professionals.page(null, 500); !page.isEmpty(); page = professionals.page(after, 500)) {
                for (Professional p : page) {
                    if (types.contains("Practitioner")) {
                        sink.accept("Practitioner", FhirMapper.practitioner(p));
                    }
                    if (types.contains("PractitionerRole")) {
                        sink.accept("PractitionerRole", FhirMapper.practitionerRole(p));
                    }
                }
                after = page.get(page.size() - 1).id();
            }
        }
        // The professionals' agendas (Schedule with the operator's extension, and every Slot), after the professionals.
        agendaTransfer.export(types, sink);
    }

    Organization organization(Structure s) {
        String partOf = s.legalEntityFiness() == null || s.legalEntityFiness().equals(s.finess()) ? null
                : structures.byFiness(s.legalEntityFiness()).map(l -> l.id().value().toString()).orElse(null);
        return FhirMapper.organization(s, partOf);
    }

    /**
     * The signed checkpoint an operator export carries the access journal with (taken now), or null when
     * {@code types} leaves AuditEvent out; one per export, given to each {@link #exportOperatorPerson}.
     */
    fr.hygie.journal.FormerChains.ExportSeal journalSeal(Set<String> types) {
        return journalTransfer.seal(types);
    }

    /** One person as the operator exports them: everything, sharing choices included, without a per-person decision. */
    void exportOperatorPerson(fr.hygie.identity.Patient p, Set<String> types, Sink sink) {
        exportOperatorPerson(p, types, sink, null);
    }

    /** The same, with the person's access journal sealed by {@code seal} ({@link #journalSeal}; none when null). */
    void exportOperatorPerson(fr.hygie.identity.Patient p, Set<String> types, Sink sink, fr.hygie.journal.FormerChains.ExportSeal seal) {
        exportOperatorPerson(p, patients.matricule(p.id()).orElse(null), patients.identifiers(p.id()),
                wantsProfile(types) ? profile.forExport(p.id()) : List.of(), types, sink, seal);
    }

    private static boolean wantsProfile(Set<String> types) {
        return PROFILE_TYPES.stream().anyMatch(types::contains);
    }

    /** The types {@link ClinicalMapper#resource} makes of profile lines. */
    private static final List<String> PROFILE_TYPES = List.of("Condition", "AllergyIntolerance", "MedicationStatement", "Immunization",
            "Observation");

    private void exportOperatorPerson(fr.hygie.identity.Patient p, String matricule, List<ForeignIdentifier> identifiers,
            List<MedicalProfile.ExportedItem> items, Set<String> types, Sink sink, fr.hygie.journal.FormerChains.ExportSeal seal) {
        if (types.contains("Patient")) {
            sink.accept("Patient", operatorPatient(p, matricule, identifiers));
        }
        if (types.contains("DocumentReference")) {
            for (Documents.Exported d : documents.forExport(p.id())) {
                sink.accept("DocumentReference", ClinicalMapper.documentReference(d.summary(), author(d.summary()),
                        d.externalId(), d.content()));
            }
        }
        for (MedicalProfile.ExportedItem i : items) {
            Resource r = ClinicalMapper.resource(i.item(), i.externalId());
            if (types.contains(r.fhirType())) {
                sink.accept(r.fhirType(), r);
            }
        }
        if (types.contains("Consent")) {
            SharingTransfer.Choices choices = sharing.choicesOf(p.id());
            consents.consents(p.id(), choices.careTeam(), Optional.of(choices.settings())).forEach(c -> sink.accept("Consent", c));
        }
        objectionTransfer.export(p.id(), types, sink);
        mandateTransfer.export(p.id(), types, sink);
        prescriptions.export(p.id(), types, sink);
        appointmentTransfer.export(p.id(), types, sink);
        messageTransfer.export(p.id(), types, sink);
        journalTransfer.export(p.id(), seal, types, sink);
    }

    /**
     * What belongs to nobody's record: appointments of persons without a digital space, booked at a counter; the
     * research projects (ResearchStudy with the operator's transfer extension, {@link ResearchTransfer}).
     */
    void exportWithoutPerson(Set<String> types, FhirExporter.Sink sink) {
        appointmentTransfer.exportUnregistered(types, sink);
        researchTransfer.export(types, sink);
    }

    /** One person's data as {@code caller} may see them (each read decided and journaled, channel FHIR). */
    void exportPerson(FhirCaller caller, PatientId patient, Set<String> types, Sink sink) {
        Actor actor = RecordScope.actor(caller.user(), patient);
        if (types.contains("Patient") && patientAccess.mayRead(caller, patient)) {
            patients.byId(patient).ifPresent(p -> sink.accept("Patient", FhirMapper.patient(p, patients.matricule(patient).orElse(null),
                    patients.identifiers(patient))));
        }
        if (types.contains("DocumentReference")) {
            for (DocumentSummary s : documents.list(actor, patient, DocumentFilter.all(), JournalChannel.FHIR)) {
                documents.file(actor, s.id(), JournalChannel.FHIR).map(DocumentFile::bytes).ifPresent(bytes -> sink.accept(
                        "DocumentReference", ClinicalMapper.documentReference(s, author(s), documents.externalId(s.id()).orElse(null), bytes)));
            }
        }
        ProfileView view = profile.view(actor, patient, JournalChannel.FHIR);
        Map<UUID, String> external = profile.externalIds(patient);
        for (List<ProfileItem> items : view.sections().values()) {
            for (ProfileItem i : items) {
                Resource r = ClinicalMapper.resource(i, external.get(i.id()));
                if (types.contains(r.fhirType())) {
                    sink.accept(r.fhirType(), r);
                }
            }
        }
        if (types.contains("Consent")) {
            consents.consents(actor, patient).forEach(c -> sink.accept("Consent", c));
        }
        if (types.contains("Appointment")) {
            appointments.ofPerson(caller, patient).forEach(a -> sink.accept("Appointment", a));
        }
        // The types added for the operator's export, here as the person may see them (no transfer secrets).
        objectionTransfer.exportPerson(actor, patient, types, sink);
        mandateTransfer.exportPerson(caller.user(), patient, types, sink);
        prescriptions.exportPerson(actor, patient, types, sink);
        messageTransfer.exportPerson(actor, patient, types, sink);
        journalExport.exportPerson(actor, patient, types, sink);
    }

    /** Hygie's identity status (RNIV « statut de l'identité ») on an exported person, so that an import keeps it. */
    static final String INS_STATUS_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/ins-status";

    /**
     * The operator's copy of a person: unlike the API (which shows the INS only for a qualified identity,
     * RNIV), it carries the matricule whatever the status, and the status itself, so nothing is lost.
     */
    static org.hl7.fhir.r4.model.Patient operatorPatient(fr.hygie.identity.Patient p, String matricule,
            List<ForeignIdentifier> identifiers) {
        org.hl7.fhir.r4.model.Patient r = FhirMapper.patient(p, matricule, identifiers);
        boolean hasIns = r.getIdentifier().stream().anyMatch(i -> fr.hygie.identity.InsMatricule.INS_NIR_SYSTEM.equals(i.getSystem())
                || fr.hygie.identity.InsMatricule.INS_NIA_SYSTEM.equals(i.getSystem()));
        if (!hasIns && matricule != null) {
            boolean nia = matricule.startsWith("7") || matricule.startsWith("8");
            r.addIdentifier().setUse(org.hl7.fhir.r4.model.Identifier.IdentifierUse.SECONDARY)
                    .setSystem(nia ? fr.hygie.identity.InsMatricule.INS_NIA_SYSTEM : fr.hygie.identity.InsMatricule.INS_NIR_SYSTEM)
                    .setValue(matricule);
        }
        if (p.insStatus() != null) {
            r.addExtension(new org.hl7.fhir.r4.model.Extension(INS_STATUS_EXTENSION, new org.hl7.fhir.r4.model.CodeType(p.insStatus())));
        }
        return r;
    }

    private Professional author(DocumentSummary d) {
        return d.author() == null ? null : professionals.byId(d.author()).orElse(null);
    }
}
