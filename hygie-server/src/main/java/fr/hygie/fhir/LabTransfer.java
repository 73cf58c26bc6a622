package fr.hygie.fhir;

import fr.hygie.prescriptions.DispensedLine;
import fr.hygie.prescriptions.ExportedPrescription;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionLine;
import fr.hygie.prescriptions.PrescriptionNumber;
import fr.hygie.prescriptions.PrescriptionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Laboratory prescriptions (« ordonnance d'examens de biologie », LOINC codes) as {@code ServiceRequest} in
 * the operator's export and import: one request per line, grouped by {@code requisition} (the prescription
 * number), each with the prescription transfer extension of {@link PrescriptionTransfer}. FHIR R4 has no
 * « dispense » of a test order, so what a pharmacy recorded for a line travels inside that extension
 * ({@code dispensed}: line, code, label, quantity, substituted, at) — in the operator's copy only.
 */
final class LabTransfer {

    private LabTransfer() {
    }

    static void export(ExportedPrescription e, Extension transfer, FhirExporter.Sink sink) {
        Prescription p = e.prescription();
        Extension x = transfer.copy();
        for (DispensedLine d : e.dispensed()) {
            Extension line = x.addExtension().setUrl("dispensed");
            line.addExtension("line", new IntegerType(d.lineNo()));
            line.addExtension("code", new StringType(d.code()));
            line.addExtension("label", new StringType(d.label()));
            line.addExtension("quantity", new IntegerType(d.quantity()));
            line.addExtension("substituted", new BooleanType(d.substituted()));
            if (d.dispensedAt() != null) {
                line.addExtension("at", new DateTimeType(java.util.Date.from(d.dispensedAt()),
                        ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, java.util.TimeZone.getTimeZone("UTC")));
            }
        }
        for (PrescriptionLine l : p.lines()) {
            ServiceRequest r = ServiceRequestResourceProvider.map(p, l);
            r.addExtension(x.copy());
            sink.accept(ServiceRequestResourceProvider.TYPE, r);
        }
    }

    /** The prescription number of a request: Hygie's, else derived from the other system's identifier. */
    static String groupKey(ServiceRequest r) {
        Identifier g = r.getRequisition();
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
        return PrescriptionNumber.derivedFrom("ServiceRequest/" + r.getIdElement().getIdPart()).value();
    }

    /** A line of the prescription, else empty when the request names no test (no coded {@code code}). */
    static Optional<PrescriptionLine> line(ServiceRequest r, int seq) {
        Coding c = r.getCode().getCoding().stream().filter(Coding::hasCode).findFirst().orElse(null);
        if (c == null) {
            return Optional.empty();
        }
        int no = MedicationRequestResourceProvider.LineId.parse(r.getIdElement().getIdPart())
                .map(MedicationRequestResourceProvider.LineId::line).orElse(seq);
        String label = r.getCode().hasText() ? r.getCode().getText() : c.hasDisplay() ? c.getDisplay() : c.getCode();
        String instruction = r.hasPatientInstruction() ? r.getPatientInstruction() : "—";
        int quantity = r.hasQuantityQuantity() && r.getQuantityQuantity().hasValue() ? r.getQuantityQuantity().getValue().intValue() : 1;
        return Optional.of(new PrescriptionLine(no, c.getCode(), label, instruction, quantity));
    }

    /** What the extension says was dispensed, line by line. */
    static List<DispensedLine> dispensed(Extension x) {
        List<DispensedLine> out = new ArrayList<>();
        if (x == null) {
            return out;
        }
        for (Extension d : x.getExtensionsByUrl("dispensed")) {
            Integer line = value(d, "line").map(t -> ((IntegerType) t).getValue()).orElse(null);
            Integer quantity = value(d, "quantity").map(t -> ((IntegerType) t).getValue()).orElse(1);
            Instant at = value(d, "at").map(t -> ((DateTimeType) t).getValue().toInstant()).orElse(null);
            out.add(new DispensedLine(line == null ? 0 : line, value(d, "code").map(Type::primitiveValue).orElse(null),
                    value(d, "label").map(Type::primitiveValue).orElse(null), quantity,
                    value(d, "substituted").map(t -> ((BooleanType) t).booleanValue()).orElse(false), at));
        }
        return out;
    }

    /** The state from the FHIR status, for a request from another system. */
    static PrescriptionStatus fromFhir(ServiceRequest.ServiceRequestStatus s) {
        if (s == null) {
            return null;
        }
        switch (s) {
            case ACTIVE:
                return PrescriptionStatus.READY;
            case COMPLETED:
                return PrescriptionStatus.COMPLETED;
            case REVOKED:
                return PrescriptionStatus.CANCELLED;
            default:
                return null;
        }
    }

    private static Optional<Type> value(Extension x, String url) {
        Extension e = x.getExtensionByUrl(url);
        return e == null || e.getValue() == null ? Optional.empty() : Optional.of(e.getValue());
    }
}
