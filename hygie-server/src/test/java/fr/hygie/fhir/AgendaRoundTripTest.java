package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.BookingOutcome;
import fr.hygie.appointments.BookingRequest;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.OfferUpdate;
import fr.hygie.appointments.PractitionerOffer;
import fr.hygie.appointments.TransferredAgenda;
import fr.hygie.appointments.VisitReason;
import fr.hygie.appointments.WeeklyHours;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.NewProfessional;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Sex;
import fr.hygie.notifications.OutboxMessage;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A professional's agenda leaves with the operator's export and comes back whole in an empty Hygie
 * (the second context of {@link FhirRoundTripTest#emptyHygie()}): the directory entry with its published
 * flag, weekly hours, overrides, absences, reasons (the inactive one too) and every slot with its id and
 * status; the appointment booked on it attaches to its slot even when it is imported BEFORE its agenda,
 * and gets its reminders (no second confirmation). Importing again creates nothing; exporting again gives
 * the same Schedule and Slots. A Schedule from another system opens the professional's agenda unpublished,
 * its Slots are refused with the reason; an agenda that breaks a rule is refused and stores nothing.
 * (The demo's agendas go through the same round trip in {@link FhirRoundTripTest}.)
 */
@HygieIntegrationTest
class AgendaRoundTripTest {

    @Autowired
    FhirExporter exporter;
    @Autowired
    AgendaTransfer agendaTransfer;
    @Autowired
    FhirContext fhir;
    @Autowired
    FhirValidation validation;
    @Autowired
    Patients patients;
    @Autowired
    Professionals professionals;
    @Autowired
    Agendas agendas;
    @Autowired
    Bookings bookings;
    @Autowired
    Directory directory;
    @Autowired
    Accounts accounts;
    @Autowired
    Cast cast;
    @Autowired
    Clock clock;

    @Test
    void anAgendaTravelsWholeInEitherOrderAndItsAppointmentsKeepTheirReminders(@TempDir Path tmp) throws Exception {
        // An agenda with every kind of row.
        ProfessionalId pro = professional("AGENDA");
        ProfessionalId stranger = professional("AILLEURS");
        ProfessionalId broken = professional("CASSE");
        agendas.open(pro);
        agendas.updateOffer(pro, new OfferUpdate("12 rue du Port", "29200", "Brest", "02 98 00 00 00", 2, true, true,
                List.of("fr", "en", "lsf"), true, false, "Échographie au cabinet", "Du lundi au samedi matin", true));
        VisitReason consultation = agendas.addReason(pro, "Consultation", 20, "Apportez votre carte Vitale.");
        VisitReason former = agendas.addReason(pro, "Ancien motif", 40, null);
        agendas.setReasonActive(pro, former.id(), false);
        List<WeeklyHours> week = new ArrayList<>();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.add(new WeeklyHours(null, d, LocalTime.of(9, 0), LocalTime.of(12, 0), 20));
        }
        week.add(new WeeklyHours(null, DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(11, 30), 30));
        agendas.replaceWeekly(pro, week);
        LocalDate today = agendas.today();
        agendas.addOverride(pro, today.plusDays(10), null, null, null);
        agendas.addOverride(pro, today.plusDays(12), LocalTime.of(14, 0), LocalTime.of(16, 0), 30);
        agendas.addAbsence(pro, today.plusDays(15).atStartOfDay(java.time.ZoneId.of("Europe/Paris")).toInstant(),
                today.plusDays(18).atStartOfDay(java.time.ZoneId.of("Europe/Paris")).toInstant(), "Congés");
        // A person books one of its slots, with a mobile and an e-mail: a confirmation now, reminders the day before.
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        var slot = directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(3)), clock.instant().plus(Duration.ofDays(30)), 1).get(0);
        BookingOutcome outcome = bookings.book(accounts.loadUserByUsername(login), new BookingRequest(slot.id(), consultation.id(),
                new BookedFor.Registered(person), "06 11 22 33 44", "alice@example.org"));
        assertThat(outcome).isInstanceOf(BookingOutcome.Booked.class);
        var booking = ((BookingOutcome.Booked) outcome).booking();

        // The operator's export, in two folders: the directory and the person with the appointment, then the agendas.
        Map<String, List<Resource>> people = new TreeMap<>();
        for (ProfessionalId p : List.of(pro, stranger, broken)) {
            Professional found = professionals.byId(p).orElseThrow();
            people.computeIfAbsent("Practitioner", k -> new ArrayList<>()).add(FhirMapper.practitioner(found));
            people.computeIfAbsent("PractitionerRole", k -> new ArrayList<>()).add(FhirMapper.practitionerRole(found));
        }
        exporter.exportOperatorPerson(patients.byId(person).orElseThrow(), Set.of("Patient", "Appointment"),
                (type, r) -> people.computeIfAbsent(type, k -> new ArrayList<>()).add(r));
        Map<String, List<Resource>> agenda = new TreeMap<>();
        agendaTransfer.export(pro, Set.of("Schedule", "Slot"), (type, r) -> agenda.computeIfAbsent(type, k -> new ArrayList<>()).add(r));
        assertThat(agenda.get("Schedule")).hasSize(1);
        List<Resource> slots = agenda.get("Slot");
        assertThat(slots).hasSize(agendas.slotsForExport(pro).size()).hasSizeGreaterThan(50);
        assertThat(slots).anySatisfy(r -> assertThat(((Slot) r).getStatus()).isEqualTo(Slot.SlotStatus.BUSY));
        assertThat(slots).anySatisfy(r -> assertThat(((Slot) r).getStatus()).isEqualTo(Slot.SlotStatus.BUSYUNAVAILABLE));
        // Everything emitted passes the validator.
        agenda.get("Schedule").forEach(r -> FhirTesting.assertValid(validation, r));
        assertSlotsValid(validation, fhir, slots);
        Path peopleDir = write(tmp.resolve("people"), people);
        Path agendaDir = write(tmp.resolve("agendas"), agenda);
        TransferredAgenda before = agendas.forExport(pro);

        try (ConfigurableApplicationContext empty = FhirRoundTripTest.emptyHygie()) {
            FhirImporter importer = empty.getBean(FhirImporter.class);
            Agendas otherAgendas = empty.getBean(Agendas.class);
            Bookings otherBookings = empty.getBean(Bookings.class);
            Professionals otherProfessionals = empty.getBean(Professionals.class);

            // The appointment first: it opens a placeholder agenda (unpublished) holding only its slot.
            FhirImporter.Summary first = importer.importAll(importer.read(peopleDir, new ArrayList<>()), List.of(), n -> { });
            assertThat(first.rejected()).isEmpty();
            assertThat(first.created()).containsEntry("Appointment", 1L);
            ProfessionalId here = otherProfessionals.byRpps(professionals.byId(pro).orElseThrow().rpps()).orElseThrow().id();
            assertThat(empty.getBean(Directory.class).offer(here).orElseThrow().published()).isFalse();
            // Reminders as for a booking made here (SMS to the mobile, e-mail), and no second confirmation.
            List<OutboxMessage> messages = otherBookings.messages(booking.id());
            assertThat(messages).extracting(OutboxMessage::kind).containsExactlyInAnyOrder("REMINDER", "REMINDER");
            assertThat(messages).allSatisfy(m -> assertThat(m.dueAt()).isEqualTo(booking.startsAt().minus(Duration.ofHours(24))));

            // Then the agenda: it fills the placeholder in, the booked slot is not made twice.
            FhirImporter.Summary second = importer.importAll(importer.read(agendaDir, new ArrayList<>()), List.of(), n -> { });
            assertThat(second.rejected()).isEmpty();
            assertThat(second.created()).containsEntry("Schedule", 1L).containsEntry("Slot", (long) slots.size() - 1);
            assertThat(second.alreadyThere()).containsEntry("Slot", 1L);
            TransferredAgenda after = otherAgendas.forExport(here);
            PractitionerOffer o = before.offer();
            assertThat(after).isEqualTo(new TransferredAgenda(new PractitionerOffer(here, o.displayName(), o.professionCode(),
                    o.specialtyCode(), o.structureName(), o.addressLine(), o.postcode(), o.communeInsee(), o.communeName(), o.latitude(),
                    o.longitude(), o.phone(), o.sector(), o.tiersPayant(), o.teleconsultation(), o.languages(), o.wheelchair(),
                    o.hearingLoop(), o.services(), o.openingHours(), o.published()), before.weekly(), before.overrides(),
                    before.absences(), before.reasons()));
            assertThat(after.offer().published()).isTrue();
            // Every slot with its id, times and status; nothing more (the horizon was already reached).
            assertThat(otherAgendas.slotsForExport(here)).extracting(s -> s.id() + " " + s.startsAt() + " " + s.endsAt() + " " + s.status())
                    .containsExactlyElementsOf(agendas.slotsForExport(pro).stream()
                            .map(s -> s.id() + " " + s.startsAt() + " " + s.endsAt() + " " + s.status()).toList());
            assertThat(otherBookings.byId(booking.id()).orElseThrow().slot()).isEqualTo(booking.slot());
            // The private feed's secret is drawn again, never carried.
            assertThat(otherAgendas.feedToken(here)).isNotEqualTo(agendas.feedToken(pro));

            // Importing everything again creates nothing (and queues no reminder twice).
            List<FhirImporter.Entry> all = new ArrayList<>(importer.read(peopleDir, new ArrayList<>()));
            all.addAll(importer.read(agendaDir, new ArrayList<>()));
            FhirImporter.Summary twice = importer.importAll(all, List.of(), n -> { });
            assertThat(twice.rejected()).isEmpty();
            assertThat(twice.created().values()).allMatch(n -> n == 0);
            assertThat(twice.alreadyThere()).containsEntry("Schedule", 1L).containsEntry("Slot", (long) slots.size());
            assertThat(otherBookings.messages(booking.id())).hasSize(2);

            // Exported again: the same Schedule and Slots (ids aside for the Schedule, which is the professional's).
            Map<String, List<Resource>> again = new TreeMap<>();
            for (ProfessionalId p : List.of(here)) {
                again.computeIfAbsent("Practitioner", k -> new ArrayList<>()).add(FhirMapper.practitioner(otherProfessionals.byId(p).orElseThrow()));
            }
            empty.getBean(AgendaTransfer.class).export(here, Set.of("Schedule", "Slot"),
                    (type, r) -> again.computeIfAbsent(type, k -> new ArrayList<>()).add(r));
            Map<String, List<Resource>> original = new TreeMap<>(agenda);
            original.put("Practitioner", List.of(FhirMapper.practitioner(professionals.byId(pro).orElseThrow())));
            FhirRoundTripTest compare = comparator();
            for (String type : List.of("Schedule", "Slot")) {
                assertThat(compare.normalised(again, type).stream().sorted().toList()).as(type)
                        .isEqualTo(compare.normalised(original, type).stream().sorted().toList());
            }
            assertThat(again.get("Slot")).extracting(r -> r.getIdElement().getIdPart())
                    .containsExactlyElementsOf(slots.stream().map(r -> r.getIdElement().getIdPart()).toList());

            // Another system's agenda: its Schedule opens the professional's agenda unpublished; its Slots are refused.
            Bundle foreign = new Bundle().setType(Bundle.BundleType.COLLECTION);
            Schedule theirs = new Schedule();
            theirs.setId("agenda-42");
            theirs.setActive(true);
            theirs.addActor(new Reference().setIdentifier(new Identifier().setSystem(FhirMapper.RPPS_SYSTEM)
                    .setValue(professionals.byId(stranger).orElseThrow().rpps())));
            foreign.addEntry().setFullUrl("urn:uuid:0c6f3d1e-5b0a-4f43-9d0e-3c1f9a1b2c01").setResource(theirs);
            Slot theirSlot = new Slot().setSchedule(new Reference("urn:uuid:0c6f3d1e-5b0a-4f43-9d0e-3c1f9a1b2c01"))
                    .setStatus(Slot.SlotStatus.FREE).setStart(Date.from(clock.instant().plus(Duration.ofDays(4))))
                    .setEnd(Date.from(clock.instant().plus(Duration.ofDays(4)).plus(Duration.ofMinutes(15))));
            theirSlot.setId("creneau-1");
            foreign.addEntry().setResource(theirSlot);
            Slot orphan = theirSlot.copy().setSchedule(new Reference("Schedule/inconnu"));
            orphan.setId("creneau-2");
            foreign.addEntry().setResource(orphan);
            Schedule nobody = new Schedule();
            nobody.setId("agenda-43");
            nobody.addActor(new Reference("Practitioner/personne"));
            foreign.addEntry().setResource(nobody);
            // An operator's Schedule that breaks a rule (slots of 2 minutes): refused with its reason, nothing stored.
            Schedule bad = ((Schedule) agenda.get("Schedule").get(0)).copy();
            bad.setId("agenda-44");
            bad.getActor().clear();
            bad.addActor(new Reference().setIdentifier(new Identifier().setSystem(FhirMapper.RPPS_SYSTEM)
                    .setValue(professionals.byId(broken).orElseThrow().rpps())));
            Extension row = bad.getExtensionByUrl(AgendaTransfer.TRANSFER_EXTENSION).getExtensionsByUrl("weeklyHours").get(0);
            row.getExtensionByUrl("slotMinutes").setValue(new IntegerType(2));
            foreign.addEntry().setResource(bad);
            // Another system's Appointment (no contact in it) on a free slot of the imported agenda: it takes that slot,
            // and its reminder goes to the phone of the person's space, as for a booking made here with nothing typed.
            var free = agendas.slotsForExport(pro).stream().filter(x -> x.status() == fr.hygie.appointments.SlotStatus.FREE
                    && x.startsAt().isAfter(clock.instant().plus(Duration.ofDays(3)))).findFirst().orElseThrow();
            String ipp = "IPP-" + java.util.UUID.randomUUID();
            org.hl7.fhir.r4.model.Patient them = new org.hl7.fhir.r4.model.Patient();
            them.addIdentifier().setSystem(FhirImportTest.IPP_SYSTEM).setValue(ipp);
            them.addName().setFamily("Rappel").addGiven("Rose");
            them.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
            them.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-05-06"));
            them.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("06 55 44 33 22");
            foreign.addEntry().setFullUrl("urn:uuid:4a1d9c2e-7b3f-4c5d-8e6f-0a1b2c3d4e5f").setResource(them);
            org.hl7.fhir.r4.model.Appointment rdv = new org.hl7.fhir.r4.model.Appointment();
            rdv.setId("rdv-ailleurs");
            rdv.addIdentifier().setSystem("https://hopital-exemple.fr/fhir/rdv").setValue(ipp);
            rdv.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
            rdv.setStart(Date.from(free.startsAt())).setEnd(Date.from(free.endsAt()));
            rdv.addParticipant().setActor(new Reference("urn:uuid:4a1d9c2e-7b3f-4c5d-8e6f-0a1b2c3d4e5f"))
                    .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
            rdv.addParticipant().setActor(new Reference().setIdentifier(new Identifier().setSystem(FhirMapper.RPPS_SYSTEM)
                    .setValue(professionals.byId(pro).orElseThrow().rpps()))).setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
            foreign.addEntry().setResource(rdv);
            Path bundle = tmp.resolve("foreign.json");
            Files.writeString(bundle, fhir.newJsonParser().encodeResourceToString(foreign), StandardCharsets.UTF_8);
            FhirImporter.Summary fromElsewhere = importer.importAll(importer.read(bundle, new ArrayList<>()), List.of(), n -> { });
            assertThat(fromElsewhere.created()).containsEntry("Schedule", 1L).containsEntry("Appointment", 1L).doesNotContainKey("Slot");
            PatientId rose = empty.getBean(Patients.class).byIdentifier(new fr.hygie.identity.ForeignIdentifier(FhirImportTest.IPP_SYSTEM, ipp))
                    .orElseThrow();
            var theirBooking = otherBookings.ofPerson(rose).get(0);
            assertThat(theirBooking.slot().value()).isEqualTo(free.id().value());
            assertThat(otherBookings.messages(theirBooking.id())).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo("REMINDER");
                assertThat(m.recipient()).isEqualTo("0655443322");
            });
            assertThat(otherAgendas.slotsForExport(here)).hasSize(slots.size());
            assertThat(fromElsewhere.rejected()).containsExactlyInAnyOrder(
                    "Slot/creneau-1 (foreign.json, entrée 2) : " + AgendaTransfer.FOREIGN_SLOT,
                    "Slot/creneau-2 (foreign.json, entrée 3) : l'agenda de ce créneau (Schedule/inconnu) n'est pas dans les données importées",
                    "Schedule/agenda-43 (foreign.json, entrée 4) : le professionnel de l'agenda (actor Practitioner) est introuvable dans l'annuaire",
                    "Schedule/agenda-44 (foreign.json, entrée 5) : La durée d'un créneau va de 5 à 240 minutes.");
            ProfessionalId strangerHere = otherProfessionals.byRpps(professionals.byId(stranger).orElseThrow().rpps()).orElseThrow().id();
            assertThat(empty.getBean(Directory.class).offer(strangerHere).orElseThrow().published()).isFalse();
            assertThat(otherAgendas.slotsForExport(strangerHere)).isEmpty();
            ProfessionalId brokenHere = otherProfessionals.byRpps(professionals.byId(broken).orElseThrow().rpps()).orElseThrow().id();
            assertThat(otherAgendas.exists(brokenHere)).isFalse();
        }
    }

    /**
     * Slots are thousands that differ only in id, start, end and schedule: every distinct shape (the
     * rest, status included) goes through the HAPI validator, and every id and instant is checked
     * against FHIR's own formats, so that no emitted Slot escapes the check.
     */
    static void assertSlotsValid(FhirValidation validation, FhirContext fhir, List<Resource> slots) {
        Map<String, Resource> shapes = new LinkedHashMap<>();
        Date start = new Date(0);
        Date end = new Date(60_000);
        for (Resource r : slots) {
            Slot s = (Slot) r;
            assertThat(s.getIdElement().getIdPart()).matches("[A-Za-z0-9\\-.]{1,64}");
            assertThat(s.getStartElement().getValueAsString()).matches(INSTANT);
            assertThat(s.getEndElement().getValueAsString()).matches(INSTANT);
            assertThat(s.getStart()).isBefore(s.getEnd());
            Slot shape = s.copy();
            shape.setId("shape");
            shape.setStart(start).setEnd(end).setSchedule(new Reference("Schedule/shape"));
            shapes.putIfAbsent(fhir.newJsonParser().encodeResourceToString(shape), s);
        }
        shapes.values().forEach(r -> FhirTesting.assertValid(validation, r));
    }

    /** FHIR R4's instant (with a time zone, seconds required). */
    private static final String INSTANT = "([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])"
            + "T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))";

    /** The comparison of {@link FhirRoundTripTest} (ids and meta aside, references through what they designate). */
    private FhirRoundTripTest comparator() {
        FhirRoundTripTest t = new FhirRoundTripTest();
        t.fhir = fhir;
        return t;
    }

    private ProfessionalId professional(String family) {
        String first10 = "3" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        return professionals.register(new NewProfessional(Rpps.parse(Rpps.withCheckDigit(first10)), "10", "SM54", family, "Test",
                Sex.FEMALE, null, InseeCommuneCode.parse("29019"), 48.3904, -4.4861, 1, false, List.of("fr")));
    }

    private Path write(Path dir, Map<String, List<Resource>> byType) throws IOException {
        Files.createDirectories(dir);
        Map<String, Writer> writers = new HashMap<>();
        try {
            for (Map.Entry<String, List<Resource>> e : byType.entrySet()) {
                Writer w = Files.newBufferedWriter(dir.resolve(e.getKey() + ".ndjson"), StandardCharsets.UTF_8);
                writers.put(e.getKey(), w);
                for (Resource r : e.getValue()) {
                    w.write(fhir.newJsonParser().encodeResourceToString(r));
                    w.write('\n');
                }
            }
        } finally {
            for (Writer w : writers.values()) {
                w.close();
            }
        }
        return dir;
    }
}
