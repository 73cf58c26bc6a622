package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.AppointmentStatus;
import fr.hygie.appointments.BookingId;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.SlotId;
import fr.hygie.appointments.SlotStatus;
import fr.hygie.appointments.VisitReason;
import fr.hygie.appointments.WeeklyHours;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.NewProfessional;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Sex;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Schedule, Slot and Appointment over real HTTP with tokens from the real authorization flow: the public
 * slot search, booking by create (one booking per slot: the second gets a 409 OperationOutcome), refusals
 * as 422 with nothing stored, cancel and marks by update, who sees which appointment, the patient-level
 * $export. Every resource the server returns here passes the HAPI validator.
 */
@HygieIntegrationTest
class FhirAppointmentsTest {

    static final String PATIENT_SCOPES = "openid fhirUser launch/patient patient/Appointment.cruds";
    static final String USER_SCOPES = "openid fhirUser user/Appointment.cruds";

    @LocalServerPort
    int port;
    @Autowired
    FhirContext fhir;
    @Autowired
    FhirValidation validation;
    @Autowired
    Professionals professionals;
    @Autowired
    Agendas agendas;
    @Autowired
    Directory directory;
    @Autowired
    Bookings bookings;
    @Autowired
    Accounts accounts;
    @Autowired
    Cast cast;
    @Autowired
    Clock clock;

    FhirTestClient client;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        client = new FhirTestClient(port);
    }

    record Agenda(ProfessionalId pro, String login) {
    }

    /** A GP in Brest (29200) with a login and an agenda open every day 08:00–20:00 in 30-minute slots. */
    private Agenda agenda(String family, String specialty) {
        String first10 = "3" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        ProfessionalId pro = professionals.register(new NewProfessional(Rpps.parse(Rpps.withCheckDigit(first10)), "10", specialty,
                family, "Test", Sex.FEMALE, null, InseeCommuneCode.parse("29019"), 48.3904, -4.4861, 1, false, List.of("fr")));
        agendas.open(pro);
        List<WeeklyHours> rows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            rows.add(new WeeklyHours(null, d, LocalTime.of(8, 0), LocalTime.of(20, 0), 30));
        }
        agendas.replaceWeekly(pro, rows);
        String login = "fhir-rdv-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new NewAccount(login, accounts.hash("demo"), Role.PROFESSIONAL, "Dr Test " + family, null, pro, null, false));
        return new Agenda(pro, login);
    }

    private List<fr.hygie.appointments.Slot> free(ProfessionalId pro, int n) {
        return directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(2)), clock.instant().plus(Duration.ofDays(30)), n);
    }

    /** An Appointment as a client writes it: the slot, its start and end (FHIR app-3), the person, a reason. */
    private String appointmentJson(fr.hygie.appointments.Slot slot, PatientId person, String status, UUID reason) {
        return appointmentJson(slot == null ? null : slot.id().value(), slot == null ? clock.instant() : slot.startsAt(),
                slot == null ? clock.instant().plusSeconds(1800) : slot.endsAt(), person, status, reason);
    }

    private String appointmentJson(UUID slot, Instant start, Instant end, PatientId person, String status, UUID reason) {
        Appointment a = new Appointment();
        a.setStatus(Appointment.AppointmentStatus.fromCode(status));
        a.setStart(Date.from(start));
        a.setEnd(Date.from(end));
        if (slot != null) {
            a.addSlot(new Reference("Slot/" + slot));
        }
        if (person != null) {
            a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED).setActor(new Reference("Patient/" + person.value()));
        } else {
            a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED).setActor(new Reference().setDisplay("Quelqu'un"));
        }
        if (reason != null) {
            a.addReasonCode(new CodeableConcept(new Coding(AppointmentResourceProviders.REASON_SYSTEM, reason.toString(), null)));
        }
        return fhir.newJsonParser().encodeResourceToString(a);
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        return FhirTesting.parse(fhir, validation, r, type);
    }

    private static String day(Instant i) {
        return DateTimeFormatter.ISO_INSTANT.format(i);
    }

    // ------------------------------------------------------------------ capability

    @Test
    void theCapabilityStatementListsSchedulingAndTheResearchRegistry() {
        CapabilityStatement cs = parse(client.get("/fhir/metadata", null), CapabilityStatement.class);
        var resources = cs.getRestFirstRep().getResource();
        assertThat(interactions(resources, "Appointment")).containsExactlyInAnyOrder("read", "search-type", "create", "update");
        assertThat(interactions(resources, "Slot")).containsExactlyInAnyOrder("read", "search-type");
        assertThat(interactions(resources, "Schedule")).containsExactlyInAnyOrder("read", "search-type");
        assertThat(interactions(resources, "ResearchStudy")).containsExactlyInAnyOrder("read", "search-type");
        var slot = resources.stream().filter(r -> r.getType().equals("Slot")).findFirst().orElseThrow();
        assertThat(slot.getSearchParam()).extracting(p -> p.getName())
                .contains("schedule", "service-type", "specialty", "start", "status", "place", "radius");
    }

    private static List<String> interactions(List<CapabilityStatement.CapabilityStatementRestResourceComponent> rs, String type) {
        return rs.stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow().getInteraction().stream()
                .map(i -> i.getCode().toCode()).toList();
    }

    // ------------------------------------------------------------------ public Schedule and Slot

    @Test
    void anyoneSearchesFreeSlotsBySchedulePlaceSpecialtyDateAndStatusWithExactTotals() {
        Agenda a = agenda("CRENEAUX", "SM54");
        Schedule schedule = parse(client.get("/fhir/Schedule/" + a.pro().value(), null), Schedule.class);
        assertThat(schedule.getActorFirstRep().getReference()).isEqualTo("Practitioner/" + a.pro().value());
        Bundle schedules = parse(client.get("/fhir/Schedule?actor=Practitioner/" + a.pro().value(), null), Bundle.class);
        assertThat(schedules.getTotal()).isEqualTo(1);

        List<fr.hygie.appointments.Slot> slots = free(a.pro(), 5);
        Instant from = slots.get(0).startsAt();
        Instant to = slots.get(4).startsAt();
        String range = "&start=ge" + day(from) + "&start=le" + day(to);
        Bundle bySchedule = parse(client.get("/fhir/Slot?schedule=Schedule/" + a.pro().value() + range + "&status=free", null),
                Bundle.class);
        assertThat(bySchedule.getTotal()).isEqualTo(5);
        Slot first = (Slot) bySchedule.getEntryFirstRep().getResource();
        assertThat(first.getIdElement().getIdPart()).isEqualTo(slots.get(0).id().value().toString());
        assertThat(first.getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        assertThat(first.getStart().toInstant()).isEqualTo(from);
        assertThat(first.getSpecialtyFirstRep().getCodingFirstRep().getCode()).isEqualTo("SM54");

        // Paging keeps the exact total.
        Bundle page = parse(client.get("/fhir/Slot?schedule=Schedule/" + a.pro().value() + range + "&_count=2", null), Bundle.class);
        assertThat(page.getTotal()).isEqualTo(5);
        assertThat(page.getEntry()).hasSize(2);
        assertThat(page.getLink("next")).isNotNull();

        // Near a place, by specialty: this agenda is there; another specialty finds none of its slots.
        Bundle near = parse(client.get("/fhir/Slot?place=29200&radius=5&specialty=SM54" + range, null), Bundle.class);
        assertThat(near.getEntry()).extracting(e -> ((Slot) e.getResource()).getSchedule().getReference())
                .contains("Schedule/" + a.pro().value());
        Bundle otherSpecialty = parse(client.get("/fhir/Slot?place=29200&radius=5&specialty=SM26" + range, null), Bundle.class);
        assertThat(otherSpecialty.getEntry()).extracting(e -> ((Slot) e.getResource()).getSchedule().getReference())
                .doesNotContain("Schedule/" + a.pro().value());
        Bundle busy = parse(client.get("/fhir/Slot?schedule=Schedule/" + a.pro().value() + range + "&status=busy", null), Bundle.class);
        assertThat(busy.getTotal()).isZero();

        // An unbounded search is refused with an explanation.
        HttpResponse<String> unbounded = client.get("/fhir/Slot?specialty=SM54", null);
        assertThat(unbounded.statusCode()).isEqualTo(400);
        assertThat(parse(unbounded, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("schedule");
        assertThat(client.get("/fhir/Slot/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        assertThat(client.get("/fhir/Slot", null).statusCode()).isEqualTo(400);
        assertThat(client.get("/fhir/Schedule/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        assertThat(client.get("/fhir/Schedule", null).statusCode()).as("actor is required").isEqualTo(400);
        // Appointments are not public: every interaction asks for a login.
        assertThat(client.get("/fhir/Appointment?patient=Patient/" + cast.patient("patient").value(), null).statusCode()).isEqualTo(401);
        assertThat(client.get("/fhir/Appointment", null).statusCode()).isEqualTo(401);
        assertThat(client.get("/fhir/Appointment/" + UUID.randomUUID(), null).statusCode()).isEqualTo(401);
        assertThat(client.fhir("POST", "/fhir/Appointment", null, "{}").statusCode()).isEqualTo(401);
        assertThat(client.fhir("PUT", "/fhir/Appointment/" + UUID.randomUUID(), null, "{}").statusCode()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ booking by create

    @Test
    void aPersonBooksAFreeSlotByCreateAndTheSecondBookingOfThatSlotGetsA409() {
        Agenda a = agenda("RESERVATION", null);
        fr.hygie.appointments.Slot slot = free(a.pro(), 1).get(0);
        String login = cast.newPatient();
        PatientId me = cast.patient(login);
        FhirTestClient.Tokens t = client.login(login, PATIENT_SCOPES);

        HttpResponse<String> created = client.fhir("POST", "/fhir/Appointment", t.access(),
                appointmentJson(slot, me, "booked", null));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Appointment booked = parse(created, Appointment.class);
        assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(booked.getSlotFirstRep().getReference()).isEqualTo("Slot/" + slot.id().value());
        assertThat(booked.getStart().toInstant()).isEqualTo(slot.startsAt());
        assertThat(created.headers().firstValue("Location").orElse("")).contains("/fhir/Appointment/" + booked.getIdElement().getIdPart());
        assertThat(directory.slot(slot.id()).orElseThrow().status()).isEqualTo(SlotStatus.BUSY);
        Slot asFhir = parse(client.get("/fhir/Slot/" + slot.id().value(), null), Slot.class);
        assertThat(asFhir.getStatus()).isEqualTo(Slot.SlotStatus.BUSY);

        // Someone else tries the same slot: a clear 409, nothing stored for them.
        String other = cast.newPatient();
        FhirTestClient.Tokens t2 = client.login(other, PATIENT_SCOPES);
        HttpResponse<String> taken = client.fhir("POST", "/fhir/Appointment", t2.access(),
                appointmentJson(slot, cast.patient(other), "booked", null));
        assertThat(taken.statusCode()).isEqualTo(409);
        OperationOutcome oo = parse(taken, OperationOutcome.class);
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.CONFLICT);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("vient d'être pris");
        assertThat(bookings.ofPerson(cast.patient(other))).isEmpty();

        // The person reads it and finds it by search; the total is exact.
        Appointment read = parse(client.get("/fhir/Appointment/" + booked.getIdElement().getIdPart(), t.access()), Appointment.class);
        assertThat(read.getParticipant()).extracting(p -> p.getActor().getReference())
                .contains("Patient/" + me.value(), "Practitioner/" + a.pro().value());
        Bundle mine = parse(client.get("/fhir/Appointment?patient=Patient/" + me.value(), t.access()), Bundle.class);
        assertThat(mine.getTotal()).isEqualTo(1);
        // The other person neither reads nor finds it.
        assertThat(client.get("/fhir/Appointment/" + booked.getIdElement().getIdPart(), t2.access()).statusCode()).isEqualTo(404);
        assertThat(parse(client.get("/fhir/Appointment?patient=Patient/" + me.value(), t2.access()), Bundle.class).getTotal()).isZero();
    }

    @Test
    void invalidBookingsAnswer422AndStoreNothing() {
        Agenda a = agenda("REFUS", null);
        VisitReason reason = agendas.addReason(a.pro(), "Consultation longue", 60, null);
        fr.hygie.appointments.Slot slot = free(a.pro(), 1).get(0);
        String login = cast.newPatient();
        PatientId me = cast.patient(login);
        FhirTestClient.Tokens t = client.login(login, PATIENT_SCOPES);

        // Not valid FHIR (no status): the validator's errors.
        String noStatus = appointmentJson(slot, me, "booked", null).replace("\"status\":\"booked\",", "");
        assertThat(noStatus).doesNotContain("\"status\":\"booked\"");
        assertUnprocessable(client.fhir("POST", "/fhir/Appointment", t.access(), noStatus), null);
        // Valid FHIR, wrong for Hygie: proposed, no slot, no Patient participant, unknown slot, reason too long for the slot.
        assertUnprocessable(client.fhir("POST", "/fhir/Appointment", t.access(), appointmentJson(slot, me, "proposed", null)),
                "STATUS");
        assertUnprocessable(client.fhir("POST", "/fhir/Appointment", t.access(),
                appointmentJson(null, slot.startsAt(), slot.endsAt(), me, "booked", null)), "SLOT");
        assertUnprocessable(client.fhir("POST", "/fhir/Appointment", t.access(), appointmentJson(slot, null, "booked", null)),
                "PERSON");
        assertUnprocessable(client.fhir("POST", "/fhir/Appointment", t.access(),
                appointmentJson(UUID.randomUUID(), slot.startsAt(), slot.endsAt(), me, "booked", null)),
                "SLOT_UNKNOWN");
        assertUnprocessable(client.fhir("POST", "/fhir/Appointment", t.access(),
                appointmentJson(slot, me, "booked", reason.id())), "REASON_TOO_LONG");

        assertThat(bookings.ofPerson(me)).isEmpty();
        assertThat(directory.slot(slot.id()).orElseThrow().status()).isEqualTo(SlotStatus.FREE);

        // A patient-context token cannot book for someone else (403), and nothing is stored either.
        String other = cast.newPatient();
        HttpResponse<String> forOther = client.fhir("POST", "/fhir/Appointment", t.access(),
                appointmentJson(slot, cast.patient(other), "booked", null));
        assertThat(forOther.statusCode()).isEqualTo(403);
        parse(forOther, OperationOutcome.class);
        assertThat(bookings.ofPerson(cast.patient(other))).isEmpty();
        assertThat(directory.slot(slot.id()).orElseThrow().status()).isEqualTo(SlotStatus.FREE);
    }

    private void assertUnprocessable(HttpResponse<String> r, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        OperationOutcome oo = parse(r, OperationOutcome.class);
        if (code != null) {
            assertThat(oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo(code);
            assertThat(oo.getIssueFirstRep().getDiagnostics()).isNotBlank();
        }
    }

    // ------------------------------------------------------------------ cancel and marks by update

    @Test
    void thePersonCancelsByUpdateAndTheProfessionalCannotMarkANoShowBeforeTheStart() {
        Agenda a = agenda("ANNULATION", null);
        List<fr.hygie.appointments.Slot> slots = free(a.pro(), 2);
        String login = cast.newPatient();
        PatientId me = cast.patient(login);
        FhirTestClient.Tokens t = client.login(login, PATIENT_SCOPES);
        Appointment first = parse(client.fhir("POST", "/fhir/Appointment", t.access(),
                appointmentJson(slots.get(0), me, "booked", null)), Appointment.class);
        Appointment second = parse(client.fhir("POST", "/fhir/Appointment", t.access(),
                appointmentJson(slots.get(1), me, "booked", null)), Appointment.class);

        // The professional sees both in their agenda, and only their own.
        FhirTestClient.Tokens doctor = client.login(a.login(), USER_SCOPES);
        Bundle agenda = parse(client.get("/fhir/Appointment?actor=Practitioner/" + a.pro().value(), doctor.access()), Bundle.class);
        assertThat(agenda.getTotal()).isEqualTo(2);
        Bundle later = parse(client.get("/fhir/Appointment?actor=Practitioner/" + a.pro().value() + "&date=ge"
                + day(slots.get(1).startsAt()), doctor.access()), Bundle.class);
        assertThat(later.getTotal()).isEqualTo(1);
        assertThat(later.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo(second.getIdElement().getIdPart());
        FhirTestClient.Tokens otherDoctor = client.login("medecin2", USER_SCOPES);
        assertThat(client.get("/fhir/Appointment/" + first.getIdElement().getIdPart(), otherDoctor.access()).statusCode()).isEqualTo(404);
        assertThat(parse(client.get("/fhir/Appointment?actor=Practitioner/" + a.pro().value(), otherDoctor.access()), Bundle.class)
                .getTotal()).isZero();

        // No-show before the start time: 422 business rule, status unchanged.
        second.setStatus(Appointment.AppointmentStatus.NOSHOW);
        HttpResponse<String> early = client.fhir("PUT", "/fhir/Appointment/" + second.getIdElement().getIdPart(), doctor.access(),
                fhir.newJsonParser().encodeResourceToString(second));
        assertThat(early.statusCode()).as(early.body()).isEqualTo(422);
        OperationOutcome why = parse(early, OperationOutcome.class);
        assertThat(why.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.BUSINESSRULE);
        assertThat(why.getIssueFirstRep().getDiagnostics()).contains("pas encore commencé");
        BookingId secondId = new BookingId(UUID.fromString(second.getIdElement().getIdPart()));
        assertThat(bookings.byId(secondId).orElseThrow().status()).isEqualTo(AppointmentStatus.BOOKED);
        // The person may not mark their own no-show.
        HttpResponse<String> byPatient = client.fhir("PUT", "/fhir/Appointment/" + second.getIdElement().getIdPart(), t.access(),
                fhir.newJsonParser().encodeResourceToString(second));
        assertThat(byPatient.statusCode()).isEqualTo(403);
        // Moving by update is refused (cancel + create instead).
        Appointment moved = first.copy();
        moved.getSlotFirstRep().setReference("Slot/" + slots.get(1).id().value());
        assertUnprocessable(client.fhir("PUT", "/fhir/Appointment/" + first.getIdElement().getIdPart(), t.access(),
                fhir.newJsonParser().encodeResourceToString(moved)), "ONLY_STATUS");

        // The person cancels: 200, the slot is free again; cancelling again is a 409 naming the status.
        first.setStatus(Appointment.AppointmentStatus.CANCELLED);
        HttpResponse<String> cancelled = client.fhir("PUT", "/fhir/Appointment/" + first.getIdElement().getIdPart(), t.access(),
                fhir.newJsonParser().encodeResourceToString(first));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(parse(cancelled, Appointment.class).getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(directory.slot(slots.get(0).id()).orElseThrow().status()).isEqualTo(SlotStatus.FREE);
        Bundle cancelledOnes = parse(client.get("/fhir/Appointment?status=cancelled&patient=Patient/" + me.value(), t.access()),
                Bundle.class);
        assertThat(cancelledOnes.getTotal()).isEqualTo(1);
        first.setStatus(Appointment.AppointmentStatus.ARRIVED);
        HttpResponse<String> illegal = client.fhir("PUT", "/fhir/Appointment/" + first.getIdElement().getIdPart(), doctor.access(),
                fhir.newJsonParser().encodeResourceToString(first));
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(parse(illegal, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("annulé");

        // The professional marks the other one arrived.
        second.setStatus(Appointment.AppointmentStatus.ARRIVED);
        HttpResponse<String> arrived = client.fhir("PUT", "/fhir/Appointment/" + second.getIdElement().getIdPart(), doctor.access(),
                fhir.newJsonParser().encodeResourceToString(second));
        assertThat(arrived.statusCode()).as(arrived.body()).isEqualTo(200);
        assertThat(bookings.byId(secondId).orElseThrow().status()).isEqualTo(AppointmentStatus.ARRIVED);
    }

    // ------------------------------------------------------------------ representative, browser session, export

    @Test
    void aRepresentativeBooksAndSeesForThePersonWhoseMandateAllowsIt() {
        Agenda a = agenda("MANDATAIRE", null);
        fr.hygie.appointments.Slot slot = free(a.pro(), 1).get(0);
        PatientId jean = cast.patient("patient2");
        FhirTestClient.Tokens aidant = client.login("aidant", USER_SCOPES);
        HttpResponse<String> created = client.fhir("POST", "/fhir/Appointment", aidant.access(),
                appointmentJson(slot, jean, "booked", null));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = parse(created, Appointment.class).getIdElement().getIdPart();
        Bundle found = parse(client.get("/fhir/Appointment?patient=Patient/" + jean.value() + "&practitioner=Practitioner/"
                + a.pro().value(), aidant.access()), Bundle.class);
        assertThat(found.getTotal()).isEqualTo(1);
        assertThat(found.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo(id);

        // Someone without a mandate for Jean: 404 and nothing found; a booking for him is refused (403).
        String stranger = cast.newPatient();
        FhirTestClient.Tokens s = client.login(stranger, USER_SCOPES);
        assertThat(client.get("/fhir/Appointment/" + id, s.access()).statusCode()).isEqualTo(404);
        assertThat(parse(client.get("/fhir/Appointment?patient=Patient/" + jean.value(), s.access()), Bundle.class).getTotal()).isZero();
        fr.hygie.appointments.Slot another = free(a.pro(), 2).get(1);
        assertThat(client.fhir("POST", "/fhir/Appointment", s.access(), appointmentJson(another, jean, "booked", null))
                .statusCode()).isEqualTo(403);
        assertThat(directory.slot(another.id()).orElseThrow().status()).isEqualTo(SlotStatus.FREE);

        // A professional does not book through the API (their agenda pages do it); a counter agent books for a registered person.
        FhirTestClient.Tokens medecin = client.login("medecin2", USER_SCOPES);
        HttpResponse<String> byDoctor = client.fhir("POST", "/fhir/Appointment", medecin.access(), appointmentJson(another, jean, "booked", null));
        assertThat(byDoctor.statusCode()).isEqualTo(403);
        parse(byDoctor, OperationOutcome.class);
        FhirTestClient.Tokens agent = client.login("accueil", USER_SCOPES);
        HttpResponse<String> byAgent = client.fhir("POST", "/fhir/Appointment", agent.access(), appointmentJson(another, jean, "booked", null));
        assertThat(byAgent.statusCode()).as(byAgent.body()).isEqualTo(201);
        String agentBooked = parse(byAgent, Appointment.class).getIdElement().getIdPart();
        assertThat(bookings.byId(new BookingId(UUID.fromString(agentBooked))).orElseThrow().channel())
                .isEqualTo(fr.hygie.appointments.BookingChannel.COUNTER);
        assertThat(client.get("/fhir/Appointment/" + agentBooked, agent.access()).statusCode()).isEqualTo(200);
        bookings.cancel(cast.user("accueil"), new BookingId(UUID.fromString(agentBooked)));

        // The browser session of the representative gives the same answer.
        WebSession web = new WebSession(port).loggedInAs("aidant");
        HttpResponse<String> viaSession = web.get("/fhir/Appointment/" + id);
        assertThat(viaSession.statusCode()).isEqualTo(200);
        parse(viaSession, Appointment.class);
        // The counter agent did not book this one: they do not see it.
        assertThat(client.get("/fhir/Appointment/" + id, agent.access()).statusCode()).isEqualTo(404);
        bookings.cancel(cast.user("aidant"), new BookingId(UUID.fromString(id)));
    }

    @Test
    void thePatientLevelExportHoldsThePersonsAppointments() throws Exception {
        Agenda a = agenda("PORTABILITE", null);
        List<fr.hygie.appointments.Slot> slots = free(a.pro(), 2);
        String login = cast.newPatient();
        PatientId me = cast.patient(login);
        FhirTestClient.Tokens t = client.login(login, "openid fhirUser launch/patient patient/*.rs patient/Appointment.cruds");
        for (fr.hygie.appointments.Slot s : slots) {
            assertThat(client.fhir("POST", "/fhir/Appointment", t.access(), appointmentJson(s, me, "booked", null))
                    .statusCode()).isEqualTo(201);
        }
        HttpResponse<String> kick = client.fhirWithHeaders("GET", "/fhir/Patient/$export?_type=Patient,Appointment", t.access(),
                "Prefer", "respond-async");
        assertThat(kick.statusCode()).as(kick.body()).isEqualTo(202);
        String status = kick.headers().firstValue("Content-Location").orElseThrow();
        JsonNode manifest = null;
        for (int i = 0; i < 600 && manifest == null; i++) {
            HttpResponse<String> poll = client.get(status, t.access());
            if (poll.statusCode() == 200) {
                manifest = json.readTree(poll.body());
            } else {
                assertThat(poll.statusCode()).isEqualTo(202);
                Thread.sleep(200);
            }
        }
        assertThat(manifest).as("export finished").isNotNull();
        List<Resource> appointments = new ArrayList<>();
        for (JsonNode o : manifest.path("output")) {
            if ("Appointment".equals(o.path("type").asText())) {
                HttpResponse<String> file = client.get(o.path("url").asText(), t.access());
                assertThat(file.statusCode()).isEqualTo(200);
                for (String line : file.body().split("\n")) {
                    if (!line.isBlank()) {
                        Resource r = (Resource) fhir.newJsonParser().parseResource(line);
                        FhirTesting.assertValid(validation, r);
                        appointments.add(r);
                    }
                }
            }
        }
        assertThat(appointments).hasSize(2).allMatch(r -> r instanceof Appointment);
        assertThat(appointments).extracting(r -> ((Appointment) r).getSlotFirstRep().getReference())
                .containsExactlyInAnyOrder("Slot/" + slots.get(0).id().value(), "Slot/" + slots.get(1).id().value());
        assertThat(appointments).allMatch(r -> ((Appointment) r).getStart().before(Date.from(clock.instant().plus(Duration.ofDays(40)))));
    }

    // ------------------------------------------------------------------ ResearchStudy

    @Test
    void thePublicResearchRegistryIsServedAsResearchStudyWithoutLogin() {
        Bundle all = parse(client.get("/fhir/ResearchStudy?_count=100", null), Bundle.class);
        assertThat(all.getTotal()).isPositive();
        org.hl7.fhir.r4.model.ResearchStudy first = (org.hl7.fhir.r4.model.ResearchStudy) all.getEntryFirstRep().getResource();
        org.hl7.fhir.r4.model.ResearchStudy read = parse(client.get("/fhir/ResearchStudy/" + first.getIdElement().getIdPart(), null),
                org.hl7.fhir.r4.model.ResearchStudy.class);
        assertThat(read.getTitle()).isEqualTo(first.getTitle());
        assertThat(read.getIdentifierFirstRep().getSystem()).isEqualTo(fr.hygie.research.RegistryFhir.IDENTIFIER_SYSTEM);

        String status = first.getStatus().toCode();
        Bundle byStatus = parse(client.get("/fhir/ResearchStudy?status=" + status + "&_count=100", null), Bundle.class);
        long expected = all.getEntry().stream()
                .filter(e -> ((org.hl7.fhir.r4.model.ResearchStudy) e.getResource()).getStatus().toCode().equals(status)).count();
        assertThat(byStatus.getTotal()).isEqualTo((int) expected).isPositive();
        String word = first.getTitle().split(" ")[0];
        Bundle byTitle = parse(client.get("/fhir/ResearchStudy?title=" + java.net.URLEncoder.encode(word.toLowerCase(java.util.Locale.ROOT),
                java.nio.charset.StandardCharsets.UTF_8), null), Bundle.class);
        assertThat(byTitle.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(first.getIdElement().getIdPart());
        assertThat(parse(client.get("/fhir/ResearchStudy?title=zzzz-aucun-projet", null), Bundle.class).getTotal()).isZero();
        assertThat(client.get("/fhir/ResearchStudy/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
    }
}
