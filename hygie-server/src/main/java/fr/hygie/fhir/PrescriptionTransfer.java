package fr.hygie.fhir;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Structure;
import fr.hygie.identity.StructureId;
import fr.hygie.identity.Structures;
import fr.hygie.prescriptions.DispensedLine;
import fr.hygie.prescriptions.ExportedPrescription;
import fr.hygie.prescriptions.ImportedPrescription;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.PrescriptionLine;
import fr.hygie.prescriptions.PrescriptionNumber;
import fr.hygie.prescriptions.PrescriptionStatus;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.prescriptions.Receipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/**
 * Medication prescriptions in the operator's export and import (« réversibilité »): one
 * {@code MedicationRequest} per line (grouped by the prescription number, {@code groupIdentifier}) and one
 * {@code MedicationDispense} per dispensed line, pointing to its request. What FHIR R4 has no element for
 * and a move must keep (Hygie's state, which « active » does not split into ready / in progress; the
 * pharmacy that holds it; when it was accepted or closed; the stored SHA-256 hashes of the access code and
 * of the pharmacy's secret, so that the code printed on the person's copy still works after a move) travels
 * in one extension on each request, in the operator's export only (never on the API). It also carries the
 * person's copy ({@code copy}: the identifier of the PDF's DocumentReference in the same export, relinked on
 * import to the document imported under it) and the signed receipt of a completed dispensation
 * ({@code receipt}: payload and signature as signed, key id, and the public key that verifies it; the import
 * keeps it only if it verifies, and keeps the former platform's key so that {@code verifyReceipt} still works),
 * and the pharmacy the person sent it to ({@code sentTo}: its FINESS; {@code sentAt}: when), so that the
 * pharmacy's queue shows it again after the move.
 *
 * <p>From another system (no such extension): the number is derived from the group's or the request's
 * identifier (the same every time, so importing twice creates nothing twice), the state from the FHIR status
 * (active → ready, completed → delivered, stopped → expired, cancelled), a fresh unknown access code is
 * drawn. Laboratory prescriptions travel as {@code ServiceRequest} (see {@link LabTransfer}), with the same extension.
 */
@Component
class PrescriptionTransfer {

    static final String TRANSFER_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/prescription-transfer";

    private final Prescriptions prescriptions;
    private final Professionals professionals;
    private final Structures structures;
    private final fr.hygie.record.Documents documents;

    PrescriptionTransfer(Prescriptions prescriptions, Professionals professionals, Structures structures,
            fr.hygie.record.Documents documents) {
        this.documents = documents;
        this.prescriptions = prescriptions;
        this.professionals = professionals;
        this.structures = structures;
    }

    // ------------------------------------------------------------------ export

    void export(PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        boolean requests = types.contains(MedicationRequestResourceProvider.TYPE);
        boolean dispenses = types.contains(MedicationDispenseResourceProvider.TYPE);
        boolean labs = types.contains(ServiceRequestResourceProvider.TYPE);
        if (!requests && !dispenses && !labs) {
            return;
        }
        for (ExportedPrescription e : prescriptions.forExport(patient)) {
            Prescription p = e.prescription();
            if (p.kind() == PrescriptionKind.LAB) {
                if (labs) {
                    LabTransfer.export(e, transfer(e), sink);
                }
                continue;
            }
            if (p.kind() != PrescriptionKind.MEDICATION) {
                continue;
            }
            if (requests) {
                Extension transfer = transfer(e);
                for (PrescriptionLine l : p.lines()) {
                    MedicationRequest r = MedicationRequestResourceProvider.map(p, l);
                    r.addExtension(transfer.copy());
                    sink.accept(MedicationRequestResourceProvider.TYPE, r);
                }
            }
            if (dispenses) {
                e.dispensed().forEach(d -> sink.accept(MedicationDispenseResourceProvider.TYPE, MedicationDispenseResourceProvider.map(p, d)));
            }
        }
    }

    /**
     * A person's own prescriptions for their portability export (GDPR art. 20), as the API shows them: each
     * list and read decided and journaled by the prescriptions module for {@code actor}. Without the transfer
     * extension: the hashes of the access code and of the pharmacy's secret are the operator's, never the
     * person's (a hash of a short code is a guessable secret).
     */
    void exportPerson(fr.hygie.access.Actor actor, PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        boolean requests = types.contains(MedicationRequestResourceProvider.TYPE);
        boolean dispenses = types.contains(MedicationDispenseResourceProvider.TYPE);
        boolean labs = types.contains(ServiceRequestResourceProvider.TYPE);
        if (!requests && !dispenses && !labs) {
            return;
        }
        for (Prescription listed : prescriptions.ofPatient(actor, patient, fr.hygie.journal.JournalChannel.FHIR)) {
            if (listed.kind() == PrescriptionKind.LAB ? !labs : listed.kind() != PrescriptionKind.MEDICATION) {
                continue;
            }
            Optional<fr.hygie.prescriptions.PrescriptionView> v = prescriptions.forPatient(actor, patient, listed.id(),
                    fr.hygie.journal.JournalChannel.FHIR);
            if (v.isEmpty()) {
                continue;
            }
            Prescription p = v.get().prescription();
            if (p.kind() == PrescriptionKind.LAB) {
                p.lines().forEach(l -> sink.accept(ServiceRequestResourceProvider.TYPE, ServiceRequestResourceProvider.map(p, l)));
                continue;
            }
            if (requests) {
                p.lines().forEach(l -> sink.accept(MedicationRequestResourceProvider.TYPE, MedicationRequestResourceProvider.map(p, l)));
            }
            if (dispenses) {
                v.get().dispensed().forEach(d -> sink.accept(MedicationDispenseResourceProvider.TYPE, MedicationDispenseResourceProvider.map(p, d)));
            }
        }
    }

    private Extension transfer(ExportedPrescription e) {
        Prescription p = e.prescription();
        Extension x = new Extension(TRANSFER_EXTENSION);
        x.addExtension("status", new CodeType(p.status().name()));
        if (e.accessCodeHash() != null) {
            x.addExtension("accessCodeHash", new StringType(e.accessCodeHash()));
        }
        if (e.secretHash() != null) {
            x.addExtension("secretHash", new StringType(e.secretHash()));
        }
        if (p.closedAt() != null) {
            x.addExtension("closedAt", instant(p.closedAt()));
        }
        Prescription.Dispensing d = p.dispensing();
        if (d != null) {
            x.addExtension("acceptedAt", instant(d.acceptedAt()));
            structures.byId(d.pharmacy()).ifPresent(s -> x.addExtension("pharmacy",
                    new Identifier().setSystem(FhirMapper.FINESS_SYSTEM).setValue(s.finess())));
            professionals.byId(d.pharmacist()).ifPresent(pro -> x.addExtension("pharmacist",
                    new Identifier().setSystem(FhirMapper.RPPS_SYSTEM).setValue(pro.rpps())));
            if (d.pharmacistName() != null) {
                x.addExtension("pharmacistName", new StringType(d.pharmacistName()));
            }
        }
        if (p.sentTo() != null) {
            // Sent by the person to a pharmacy (« envoi à la pharmacie »): by FINESS, so that its queue shows it again.
            structures.byId(p.sentTo()).ifPresent(s -> x.addExtension("sentTo",
                    new Identifier().setSystem(FhirMapper.FINESS_SYSTEM).setValue(s.finess())));
            if (p.sentAt() != null) {
                x.addExtension("sentAt", instant(p.sentAt()));
            }
        }
        if (p.document() != null) {
            // The person's copy (the PDF in their record) by the identifier its DocumentReference carries in this export.
            x.addExtension("copy", ClinicalMapper.identifier(p.document(), documents.externalId(new fr.hygie.record.DocumentId(p.document()))
                    .orElse(null)));
        }
        Receipt r = e.receipt();
        if (r != null) {
            // As signed, byte for byte, with the public key that verifies it (this platform's or a former one's).
            Extension rx = x.addExtension().setUrl("receipt");
            rx.addExtension("payload", new StringType(r.payload()));
            rx.addExtension("signature", new StringType(r.signature()));
            rx.addExtension("keyId", new StringType(r.keyId()));
            if (r.signedAt() != null) {
                rx.addExtension("signedAt", instant(r.signedAt()));
            }
            if (e.receiptPublicKeyPem() != null) {
                rx.addExtension("publicKey", new StringType(e.receiptPublicKeyPem()));
            }
        }
        return x;
    }

    /**
     * The record document imported for the person's copy, found by the identifier the export gave it; null when
     * the data hold no such document (erased before the move, or not exported): the prescription comes without it.
     */
    private java.util.UUID copyOf(Extension x, PatientId patient) {
        return x == null ? null : sub(x, "copy").map(t -> ClinicalMapper.externalId(List.of((Identifier) t), null, null))
                .flatMap(ext -> documents.importedAs(patient, ext)).map(fr.hygie.record.DocumentId::value).orElse(null);
    }

    private static Receipt receiptOf(Extension x) {
        Extension rx = x == null ? null : x.getExtensionByUrl("receipt");
        if (rx == null) {
            return null;
        }
        return new Receipt(sub(rx, "payload").map(Type::primitiveValue).orElse(null), sub(rx, "signature").map(Type::primitiveValue).orElse(null),
                sub(rx, "keyId").map(Type::primitiveValue).orElse(null),
                sub(rx, "signedAt").map(t -> ((DateTimeType) t).getValue().toInstant()).orElse(null));
    }

    private static Instant sentAt(Extension x) {
        return x == null ? null : sub(x, "sentAt").map(t -> ((DateTimeType) t).getValue().toInstant()).orElse(null);
    }

    private static String receiptKeyOf(Extension x) {
        Extension rx = x == null ? null : x.getExtensionByUrl("receipt");
        return rx == null ? null : sub(rx, "publicKey").map(Type::primitiveValue).orElse(null);
    }

    private static DateTimeType instant(Instant i) {
        return new DateTimeType(java.util.Date.from(i), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                java.util.TimeZone.getTimeZone("UTC"));
    }

    // ------------------------------------------------------------------ import

    /** How to find, in the imported data, a person, a professional or a structure that a reference designates. */
    interface Resolver {
        Optional<PatientId> person(Reference ref);

        Optional<ProfessionalId> professional(Reference ref);

        /** The FINESS of an Organization of the data (by its id or fullUrl). */
        Optional<String> finess(Reference ref);
    }

    /** The requests of one prescription and the dispenses that point to them. */
    private static final class Group {
        final List<MedicationRequest> requests = new ArrayList<>();
        final List<MedicationDispense> dispenses = new ArrayList<>();
        final Map<MedicationDispense, MedicationRequest> requestOf = new java.util.IdentityHashMap<>();
    }

    /**
     * Imports every MedicationRequest and MedicationDispense of the data, prescription by prescription.
     * A refused prescription is listed once per resource (each with the reason), and nothing of it is stored.
     */
    void importAll(List<FhirImporter.Entry> entries, Resolver resolver, Map<String, Long> created, Map<String, Long> known,
            List<String> rejected) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, MedicationRequest> requestByKey = new java.util.HashMap<>();
        Map<MedicationRequest, String> groupOf = new java.util.IdentityHashMap<>();
        for (FhirImporter.Entry e : entries) {
            if (e.resource() instanceof MedicationRequest r) {
                String key = groupKey(r);
                groups.computeIfAbsent(key, k -> new Group()).requests.add(r);
                groupOf.put(r, key);
                if (r.hasIdElement() && r.getIdElement().getIdPart() != null) {
                    requestByKey.put("MedicationRequest/" + r.getIdElement().getIdPart(), r);
                }
                if (e.fullUrl() != null) {
                    requestByKey.put(e.fullUrl(), r);
                }
            }
        }
        for (FhirImporter.Entry e : entries) {
            if (e.resource() instanceof MedicationDispense d) {
                String ref = d.getAuthorizingPrescription().stream().filter(Reference::hasReference).map(Reference::getReference)
                        .findFirst().orElse(null);
                MedicationRequest request = ref == null ? null : requestByKey.get(ref.contains("MedicationRequest/")
                        ? ref.substring(ref.lastIndexOf("MedicationRequest/")) : ref);
                if (request == null) {
                    rejected.add(FhirImporter.label(d) + " : la prescription délivrée (authorizingPrescription) n'est pas dans les données importées");
                    continue;
                }
                Group g = groups.get(groupOf.get(request));
                g.dispenses.add(d);
                g.requestOf.put(d, request);
            }
        }
        for (Map.Entry<String, Group> g : groups.entrySet()) {
            Group group = g.getValue();
            String refusal;
            boolean added = false;
            try {
                Outcome o = toImported(g.getKey(), group, resolver);
                refusal = o.refusal();
                if (refusal == null) {
                    added = prescriptions.importPrescription(o.prescription());
                }
            } catch (RuntimeException ex) {
                refusal = FhirImporter.reason(ex);
            }
            if (refusal != null) {
                String reason = refusal;
                group.requests.forEach(r -> rejected.add(FhirImporter.label(r) + " : " + reason));
                group.dispenses.forEach(d -> rejected.add(FhirImporter.label(d) + " : " + reason));
                continue;
            }
            (added ? created : known).merge(MedicationRequestResourceProvider.TYPE, (long) group.requests.size(), Long::sum);
            if (!group.dispenses.isEmpty()) {
                (added ? created : known).merge(MedicationDispenseResourceProvider.TYPE, (long) group.dispenses.size(), Long::sum);
            }
        }
    }

    private record Outcome(ImportedPrescription prescription, String refusal) {
        static Outcome refused(String why) {
            return new Outcome(null, why);
        }
    }

    /** The prescription number of a request: Hygie's, else derived from the other system's identifier. */
    private static String groupKey(MedicationRequest r) {
        Identifier g = r.getGroupIdentifier();
        if (g.hasValue() && MedicationRequestResourceProvider.NUMBER_SYSTEM.equals(g.getSystem())) {
            return g.getValue();
        }
        if (g.hasValue()) {
            return PrescriptionNumber.derivedFrom(g.getSystem() + "|" + g.getValue()).value();
        }
        Identifier own = r.getIdentifier().stream().filter(Identifier::hasValue).findFirst().orElse(null);
        if (own != null) {
            return PrescriptionNumber.derivedFrom(own.getSystem() + "|" + own.getValue()).value();
        }
        return PrescriptionNumber.derivedFrom("MedicationRequest/" + r.getIdElement().getIdPart()).value();
    }

    private Outcome toImported(String number, Group g, Resolver resolver) {
        Optional<PrescriptionNumber> n = PrescriptionNumber.parse(number);
        if (n.isEmpty()) {
            return Outcome.refused("numéro d'ordonnance invalide (groupIdentifier) : " + number);
        }
        MedicationRequest first = g.requests.get(0);
        Extension x = first.getExtensionByUrl(TRANSFER_EXTENSION);
        Parties parties = parties(first.hasSubject() ? first.getSubject() : null, first.hasRequester() ? first.getRequester() : null, x,
                resolver);
        if (parties.refusal() != null) {
            return Outcome.refused(parties.refusal());
        }
        PrescriptionStatus status = x != null ? sub(x, "status").map(Type::primitiveValue).flatMap(PrescriptionTransfer::status).orElse(null)
                : fromFhir(first.getStatus(), g.dispenses);
        if (status == null || status == PrescriptionStatus.DRAFT) {
            return Outcome.refused("statut de prescription non importable ("
                    + (first.getStatus() == null ? "absent" : first.getStatus().toCode()) + ")");
        }
        List<PrescriptionLine> lines = new ArrayList<>();
        Map<MedicationRequest, Integer> lineOfRequest = new java.util.IdentityHashMap<>();
        int seq = 0;
        for (MedicationRequest r : g.requests) {
            seq++;
            int no = lineNo(r.getIdElement().getIdPart()).orElse(seq);
            Coding c = r.hasMedicationCodeableConcept() ? r.getMedicationCodeableConcept().getCoding().stream().filter(Coding::hasCode)
                    .findFirst().orElse(null) : null;
            if (c == null) {
                return Outcome.refused("médicament sans code (medicationCodeableConcept)");
            }
            String label = r.getMedicationCodeableConcept().hasText() ? r.getMedicationCodeableConcept().getText()
                    : c.hasDisplay() ? c.getDisplay() : c.getCode();
            String dosage = r.getDosageInstruction().stream().filter(d -> d.hasText()).map(d -> d.getText()).findFirst().orElse("—");
            int quantity = r.getDispenseRequest().hasQuantity() && r.getDispenseRequest().getQuantity().hasValue()
                    ? r.getDispenseRequest().getQuantity().getValue().intValue() : 1;
            lines.add(new PrescriptionLine(no, c.getCode(), label, dosage, quantity));
            lineOfRequest.put(r, no);
        }
        List<DispensedLine> dispensed = new ArrayList<>();
        for (MedicationDispense d : g.dispenses) {
            Integer no = lineOfRequest.get(g.requestOf.get(d));
            Coding c = d.hasMedicationCodeableConcept() ? d.getMedicationCodeableConcept().getCoding().stream().filter(Coding::hasCode)
                    .findFirst().orElse(null) : null;
            if (no == null || c == null) {
                return Outcome.refused("délivrance sans médicament (medicationCodeableConcept) ou sans ligne prescrite");
            }
            String label = d.getMedicationCodeableConcept().hasText() ? d.getMedicationCodeableConcept().getText()
                    : c.hasDisplay() ? c.getDisplay() : c.getCode();
            int quantity = d.hasQuantity() && d.getQuantity().hasValue() ? d.getQuantity().getValue().intValue() : 1;
            Instant at = d.hasWhenPrepared() ? d.getWhenPrepared().toInstant() : d.hasWhenHandedOver() ? d.getWhenHandedOver().toInstant() : null;
            dispensed.add(new DispensedLine(no, c.getCode(), label, quantity, d.getSubstitution().getWasSubstituted(), at));
        }
        Instant signed = first.hasAuthoredOn() ? first.getAuthoredOn().toInstant() : null;
        Instant expires = first.getDispenseRequest().getValidityPeriod().hasEnd()
                ? first.getDispenseRequest().getValidityPeriod().getEnd().toInstant() : null;
        Instant closed = x == null ? null : sub(x, "closedAt").map(t -> ((DateTimeType) t).getValue().toInstant()).orElse(null);
        Instant accepted = x == null ? null : sub(x, "acceptedAt").map(t -> ((DateTimeType) t).getValue().toInstant()).orElse(null);
        StructureId pharmacy = x == null ? null : sub(x, "pharmacy").map(t -> ((Identifier) t).getValue()).flatMap(structures::byFiness)
                .map(Structure::id).orElse(null);
        ProfessionalId pharmacist = x == null ? null : sub(x, "pharmacist").map(t -> ((Identifier) t).getValue())
                .flatMap(professionals::byRpps).map(Professional::id).orElse(null);
        String pharmacistName = x == null ? null : sub(x, "pharmacistName").map(Type::primitiveValue).orElse(null);
        if (x == null) {
            // Another system: the dispenses say who dispensed, where and when.
            for (MedicationDispense d : g.dispenses) {
                for (MedicationDispense.MedicationDispensePerformerComponent p : d.getPerformer()) {
                    Reference actor = p.getActor();
                    String ref = actor.getReference() == null ? "" : actor.getReference();
                    if (ref.contains("Organization/") || actor.hasIdentifier() && FhirMapper.FINESS_SYSTEM.equals(actor.getIdentifier().getSystem())) {
                        pharmacy = pharmacy != null ? pharmacy : resolver.finess(actor).flatMap(structures::byFiness).map(Structure::id).orElse(null);
                    } else {
                        pharmacist = pharmacist != null ? pharmacist : resolver.professional(actor).orElse(null);
                        pharmacistName = pharmacistName != null ? pharmacistName : actor.getDisplay();
                    }
                }
                if (d.hasWhenHandedOver()) {
                    closed = closed == null || d.getWhenHandedOver().toInstant().isAfter(closed) ? d.getWhenHandedOver().toInstant() : closed;
                }
            }
            accepted = dispensed.stream().map(DispensedLine::dispensedAt).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                    .orElse(closed);
            if (pharmacy == null && pharmacist != null) {
                pharmacy = professionals.byId(pharmacist).flatMap(Professional::structure).orElse(null);
            }
            if (status == PrescriptionStatus.EXPIRED || status == PrescriptionStatus.CANCELLED) {
                closed = expires;
            }
        }
        String prescriberName = first.getRequester().getDisplay();
        return new Outcome(new ImportedPrescription(n.get(), PrescriptionKind.MEDICATION, parties.patient(), parties.prescriber(), prescriberName,
                status, signed, expires, closed, lines, pharmacy, pharmacist, pharmacistName, accepted, dispensed,
                x == null ? null : sub(x, "accessCodeHash").map(Type::primitiveValue).orElse(null),
                x == null ? null : sub(x, "secretHash").map(Type::primitiveValue).orElse(null), copyOf(x, parties.patient()), receiptOf(x),
                receiptKeyOf(x), parties.sentTo(), sentAt(x)), null);
    }

    /**
     * Imports every ServiceRequest of the data (laboratory prescriptions), prescription by prescription
     * (grouped by {@code requisition}); a refused prescription is listed once per request with the reason.
     */
    void importLabs(List<FhirImporter.Entry> entries, Resolver resolver, Map<String, Long> created, Map<String, Long> known,
            List<String> rejected) {
        Map<String, List<ServiceRequest>> groups = new LinkedHashMap<>();
        for (FhirImporter.Entry e : entries) {
            if (e.resource() instanceof ServiceRequest r) {
                groups.computeIfAbsent(LabTransfer.groupKey(r), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<ServiceRequest>> g : groups.entrySet()) {
            String refusal;
            boolean added = false;
            try {
                Outcome o = toImportedLab(g.getKey(), g.getValue(), resolver);
                refusal = o.refusal();
                if (refusal == null) {
                    added = prescriptions.importPrescription(o.prescription());
                }
            } catch (RuntimeException ex) {
                refusal = FhirImporter.reason(ex);
            }
            if (refusal != null) {
                String reason = refusal;
                g.getValue().forEach(r -> rejected.add(FhirImporter.label(r) + " : " + reason));
                continue;
            }
            (added ? created : known).merge(ServiceRequestResourceProvider.TYPE, (long) g.getValue().size(), Long::sum);
        }
    }

    /** Who a prescription is for, who wrote it and the pharmacy it was sent to; or why it cannot be imported. */
    private record Parties(PatientId patient, ProfessionalId prescriber, StructureId sentTo, String refusal) {

        static Parties refused(String refusal) {
            return new Parties(null, null, null, refusal);
        }
    }

    /** The checks an imported MedicationRequest and ServiceRequest share (same French reasons). */
    private Parties parties(Reference subject, Reference requester, Extension x, Resolver resolver) {
        if (subject == null) {
            return Parties.refused("prescription sans personne (subject)");
        }
        Optional<PatientId> patient = resolver.person(subject);
        if (patient.isEmpty()) {
            return Parties.refused("la personne référencée (" + subject.getReference() + ") est introuvable");
        }
        Optional<ProfessionalId> prescriber = requester != null ? resolver.professional(requester) : Optional.empty();
        if (prescriber.isEmpty()) {
            return Parties.refused("le prescripteur (requester) est introuvable dans l'annuaire");
        }
        String sentFiness = x == null ? null : sub(x, "sentTo").map(t -> ((Identifier) t).getValue()).orElse(null);
        StructureId sentTo = sentFiness == null ? null : structures.byFiness(sentFiness).map(Structure::id).orElse(null);
        if (sentFiness != null && sentTo == null) {
            return Parties.refused("la pharmacie à laquelle la personne l'a envoyée (sentTo, FINESS " + sentFiness
                    + ") est introuvable dans l'annuaire");
        }
        return new Parties(patient.get(), prescriber.get(), sentTo, null);
    }

    private Outcome toImportedLab(String number, List<ServiceRequest> requests, Resolver resolver) {
        Optional<PrescriptionNumber> n = PrescriptionNumber.parse(number);
        if (n.isEmpty()) {
            return Outcome.refused("numéro d'ordonnance invalide (requisition) : " + number);
        }
        ServiceRequest first = requests.get(0);
        Extension x = first.getExtensionByUrl(TRANSFER_EXTENSION);
        Parties parties = parties(first.hasSubject() ? first.getSubject() : null, first.hasRequester() ? first.getRequester() : null, x,
                resolver);
        if (parties.refusal() != null) {
            return Outcome.refused(parties.refusal());
        }
        PrescriptionStatus status = x != null ? sub(x, "status").map(Type::primitiveValue).flatMap(PrescriptionTransfer::status).orElse(null)
                : LabTransfer.fromFhir(first.getStatus());
        if (status == null || status == PrescriptionStatus.DRAFT) {
            return Outcome.refused("statut de prescription non importable ("
                    + (first.getStatus() == null ? "absent" : first.getStatus().toCode()) + ")");
        }
        List<PrescriptionLine> lines = new ArrayList<>();
        int seq = 0;
        for (ServiceRequest r : requests) {
            Optional<PrescriptionLine> l = LabTransfer.line(r, ++seq);
            if (l.isEmpty()) {
                return Outcome.refused("examen sans code (code)");
            }
            lines.add(l.get());
        }
        Instant signed = first.hasAuthoredOn() ? first.getAuthoredOn().toInstant() : null;
        Instant expires = first.hasOccurrencePeriod() && first.getOccurrencePeriod().hasEnd()
                ? first.getOccurrencePeriod().getEnd().toInstant() : null;
        Instant closed = x == null ? null : sub(x, "closedAt").map(t -> ((DateTimeType) t).getValue().toInstant()).orElse(null);
        Instant accepted = x == null ? null : sub(x, "acceptedAt").map(t -> ((DateTimeType) t).getValue().toInstant()).orElse(null);
        StructureId pharmacy = x == null ? null : sub(x, "pharmacy").map(t -> ((Identifier) t).getValue()).flatMap(structures::byFiness)
                .map(Structure::id).orElse(null);
        ProfessionalId pharmacist = x == null ? null : sub(x, "pharmacist").map(t -> ((Identifier) t).getValue())
                .flatMap(professionals::byRpps).map(Professional::id).orElse(null);
        String pharmacistName = x == null ? null : sub(x, "pharmacistName").map(Type::primitiveValue).orElse(null);
        if (x == null) {
            // Another system: the performers say who took it; a cancelled one closed when it would have expired.
            for (Reference actor : first.getPerformer()) {
                String ref = actor.getReference() == null ? "" : actor.getReference();
                if (ref.contains("Organization/") || actor.hasIdentifier() && FhirMapper.FINESS_SYSTEM.equals(actor.getIdentifier().getSystem())) {
                    pharmacy = pharmacy != null ? pharmacy : resolver.finess(actor).flatMap(structures::byFiness).map(Structure::id).orElse(null);
                } else {
                    pharmacist = pharmacist != null ? pharmacist : resolver.professional(actor).orElse(null);
                    pharmacistName = pharmacistName != null ? pharmacistName : actor.getDisplay();
                }
            }
            if (status == PrescriptionStatus.CANCELLED) {
                closed = expires;
            }
        }
        return new Outcome(new ImportedPrescription(n.get(), PrescriptionKind.LAB, parties.patient(), parties.prescriber(),
                first.getRequester().getDisplay(), status, signed, expires, closed, lines, pharmacy, pharmacist, pharmacistName, accepted,
                LabTransfer.dispensed(x), x == null ? null : sub(x, "accessCodeHash").map(Type::primitiveValue).orElse(null),
                x == null ? null : sub(x, "secretHash").map(Type::primitiveValue).orElse(null), copyOf(x, parties.patient()), receiptOf(x),
                receiptKeyOf(x), parties.sentTo(), sentAt(x)), null);
    }

    private static Optional<Type> sub(Extension x, String url) {
        Extension e = x.getExtensionByUrl(url);
        return e == null || e.getValue() == null ? Optional.empty() : Optional.of(e.getValue());
    }

    private static Optional<PrescriptionStatus> status(String code) {
        try {
            return Optional.of(PrescriptionStatus.valueOf(code));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static PrescriptionStatus fromFhir(MedicationRequest.MedicationRequestStatus s, List<MedicationDispense> dispenses) {
        if (s == null) {
            return null;
        }
        switch (s) {
            case ACTIVE:
                return dispenses.isEmpty() ? PrescriptionStatus.READY : PrescriptionStatus.IN_PROGRESS;
            case COMPLETED:
                return PrescriptionStatus.COMPLETED;
            case STOPPED:
                return PrescriptionStatus.EXPIRED;
            case CANCELLED:
                return PrescriptionStatus.CANCELLED;
            default:
                return null;
        }
    }

    /** The line number of Hygie's request id ({@code <prescription>-<line>}), else empty. */
    private static Optional<Integer> lineNo(String id) {
        return MedicationRequestResourceProvider.LineId.parse(id).map(MedicationRequestResourceProvider.LineId::line);
    }
}
