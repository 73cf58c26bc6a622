package fr.hygie.fhir;

import fr.hygie.appointments.AppointmentStatus;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.Booking;
import fr.hygie.appointments.BookingChannel;
import fr.hygie.appointments.BookingId;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.ImportedBooking;
import fr.hygie.appointments.SlotId;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/**
 * Appointments (« rendez-vous ») in the operator's export and import (« réversibilité »): the API's
 * {@code Appointment} plus, in the operator's copy only, one extension with what FHIR R4 has no element
 * for and a move must keep: how it was booked (channel, by whom, acting for the person), the contact the
 * reminders go to, and for someone booked at a counter without a digital space, their name, birth date
 * and phone. Ids are kept (the appointment's reference read out on the phone is the end of its id; the
 * slot and the reason for visit keep theirs), so that importing twice creates nothing twice.
 * The agendas travel on their own ({@link AgendaTransfer}, imported first); an appointment whose agenda is
 * not in the data still brings its slot and its reason with it (a placeholder agenda the agenda's import fills in).
 */
@Component
class AppointmentTransfer {

    static final String TRANSFER_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/appointment-transfer";
    static final String TYPE = "Appointment";

    private final Bookings bookings;
    private final fr.hygie.identity.Patients patients;

    AppointmentTransfer(Bookings bookings, fr.hygie.identity.Patients patients) {
        this.bookings = bookings;
        this.patients = patients;
    }

    void export(PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        if (types.contains(TYPE)) {
            bookings.forExport(patient).forEach(b -> sink.accept(TYPE, operatorCopy(b)));
        }
    }

    /** Appointments of persons without a digital space (booked at a counter): they belong to nobody's record. */
    void exportUnregistered(Set<String> types, FhirExporter.Sink sink) {
        if (types.contains(TYPE)) {
            bookings.unregisteredForExport().forEach(b -> sink.accept(TYPE, operatorCopy(b)));
        }
    }

    private Appointment operatorCopy(Booking b) {
        Appointment a = AppointmentResourceProviders.appointment(b, bookings.personName(b));
        Extension x = new Extension(TRANSFER_EXTENSION);
        x.addExtension("channel", new CodeType(b.channel().name()));
        x.addExtension("bookedByName", new StringType(b.bookedByName()));
        x.addExtension("bookedByRole", new CodeType(b.bookedByRole()));
        x.addExtension("actingFor", new BooleanType(b.actingFor()));
        if (b.contactPhone() != null) {
            x.addExtension("contactPhone", new StringType(b.contactPhone()));
        }
        if (b.contactEmail() != null) {
            x.addExtension("contactEmail", new StringType(b.contactEmail()));
        }
        if (!b.registered()) {
            x.addExtension("familyName", new StringType(b.personFamilyName()));
            x.addExtension("givenName", new StringType(b.personGivenName()));
            x.addExtension("birthDate", new DateType(b.personBirthDate().toString()));
        }
        a.addExtension(x);
        return a;
    }

    /** Imports one appointment; empty when stored or already there (counted), else the reason it was refused. */
    Optional<String> importOne(Appointment a, PrescriptionTransfer.Resolver resolver, java.util.Map<String, Long> created,
            java.util.Map<String, Long> known) {
        if (a.getStatus() == null || a.getStatus() == Appointment.AppointmentStatus.NULL) {
            return Optional.of("rendez-vous sans statut");
        }
        AppointmentStatus status;
        try {
            status = AppointmentStatus.ofFhir(a.getStatus().toCode());
        } catch (IllegalArgumentException e) {
            return Optional.of("statut de rendez-vous inconnu : " + a.getStatus().toCode());
        }
        if (!a.hasStart() || !a.hasEnd()) {
            return Optional.of("rendez-vous sans début ou sans fin (start, end)");
        }
        PatientId patient = null;
        ProfessionalId professional = null;
        boolean unresolvedPerson = false;
        for (Appointment.AppointmentParticipantComponent p : a.getParticipant()) {
            Reference actor = p.getActor();
            String ref = actor.getReference() == null ? "" : actor.getReference();
            String system = actor.hasIdentifier() ? actor.getIdentifier().getSystem() : null;
            boolean practitioner = ref.contains("Practitioner") || "Practitioner".equals(actor.getType())
                    || FhirMapper.RPPS_SYSTEM.equals(system) || FhirMapper.IDNAT_PS_SYSTEM.equals(system);
            if (practitioner) {
                professional = professional != null ? professional : resolver.professional(actor).orElse(null);
            } else if (!ref.isEmpty() || actor.hasIdentifier()) {
                // Anything else a reference points to is the person (Patient/…, a fullUrl, an INS or another system's identifier).
                Optional<PatientId> found = resolver.person(actor);
                unresolvedPerson |= found.isEmpty();
                patient = patient != null ? patient : found.orElse(null);
            }
        }
        if (professional == null) {
            return Optional.of("le professionnel du rendez-vous (participant Practitioner) est introuvable dans l'annuaire");
        }
        Extension x = a.getExtensionByUrl(TRANSFER_EXTENSION);
        BookedFor.Unregistered unregistered = null;
        if (patient == null) {
            if (unresolvedPerson || x == null || sub(x, "familyName").isEmpty()) {
                return Optional.of("la personne du rendez-vous (participant Patient) est introuvable");
            }
            unregistered = new BookedFor.Unregistered(sub(x, "familyName").get(), sub(x, "givenName").orElse(null),
                    sub(x, "birthDate").map(LocalDate::parse).orElse(null), sub(x, "contactPhone").orElse(null));
        }
        Coding reason = a.getReasonCode().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> AppointmentResourceProviders.REASON_SYSTEM.equals(c.getSystem()) && c.hasCode()).findFirst().orElse(null);
        UUID reasonId = reason == null ? null : DirectoryResourceProviders.uuid(reason.getCode()).orElse(null);
        String reasonLabel = reason == null ? null : reason.hasDisplay() ? reason.getDisplay()
                : a.getReasonCodeFirstRep().getText();
        BookingId id = new BookingId(DirectoryResourceProviders.uuid(a.getIdElement().getIdPart()).orElseGet(() -> derived(a)));
        SlotId slot = AppointmentResourceProviders.idOf(a.getSlotFirstRep(), "Slot").map(SlotId::new).orElse(null);
        BookingChannel channel = x == null ? null : sub(x, "channel").map(c -> {
            try {
                return BookingChannel.valueOf(c);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).orElse(null);
        String phone = x == null || unregistered != null ? null : sub(x, "contactPhone").orElse(null);
        String email = x == null ? null : sub(x, "contactEmail").orElse(null);
        if (x == null && patient != null) {
            // Another system's Appointment names no contact: its reminders go where the person's space says they can
            // be reached, as for a booking made here with nothing typed.
            fr.hygie.identity.Patients.Contact contact = patients.contact(patient);
            phone = contact.phone() == null ? null : fr.hygie.appointments.Phones.normalise(contact.phone()).orElse(null);
            email = contact.email();
        }
        boolean added = bookings.importBooking(new ImportedBooking(id, slot, professional, a.getStart().toInstant(),
                a.getEnd().toInstant(), reasonId, reasonLabel, a.hasPatientInstruction() ? a.getPatientInstruction() : null, status,
                patient, unregistered, phone, email, channel, x == null ? null : sub(x, "bookedByName").orElse(null),
                x == null ? null : sub(x, "bookedByRole").orElse(null),
                x != null && sub(x, "actingFor").map(Boolean::parseBoolean).orElse(false),
                a.hasCreated() ? a.getCreated().toInstant() : null));
        (added ? created : known).merge(TYPE, 1L, Long::sum);
        return Optional.empty();
    }

    /** An id for an appointment from another system, the same every time (its identifier, else its id there). */
    private static UUID derived(Appointment a) {
        Identifier own = a.getIdentifier().stream().filter(Identifier::hasValue).findFirst().orElse(null);
        String key = own != null ? own.getSystem() + "|" + own.getValue() : "Appointment/" + a.getIdElement().getIdPart();
        return UUID.nameUUIDFromBytes(("hygie-appointment|" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> sub(Extension x, String url) {
        Extension e = x.getExtensionByUrl(url);
        Type v = e == null ? null : e.getValue();
        return v == null || v.primitiveValue() == null ? Optional.empty() : Optional.of(v.primitiveValue());
    }
}
