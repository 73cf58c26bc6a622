package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.Accounts;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.journal.Journal;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A person books online, moves, cancels; the professional marks arrived, fulfilled, no-show; illegal moves
 * answer 409 naming the current status; representatives book only within a MANAGE_APPOINTMENTS mandate;
 * the .ics and the private feed parse back.
 */
@HygieIntegrationTest
class BookingLifecycleTest {

    @LocalServerPort
    int port;
    @Autowired
    AppointmentsFixture fixture;
    @Autowired
    Agendas agendas;
    @Autowired
    Directory directory;
    @Autowired
    Bookings bookings;
    @Autowired
    Accounts accounts;
    @Autowired
    Mandates mandates;
    @Autowired
    Journal journal;
    @Autowired
    Clock clock;

    /** A professional (with a login, as medecin2's agenda is used for the marks) and free slots. */
    private List<Slot> freeSlots(ProfessionalId pro, int n) {
        return directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(2)), clock.instant().plus(Duration.ofDays(40)), n);
    }

    private ProfessionalId medecin2() {
        ProfessionalId pro = accounts.byUsername("medecin2").orElseThrow().professionalId().orElseThrow();
        if (!agendas.exists(pro)) {
            agendas.open(pro);
        }
        agendas.replaceWeekly(pro, AppointmentsFixture.everyDay(java.time.LocalTime.of(7, 0), java.time.LocalTime.of(21, 0), 20));
        return pro;
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;
    @Autowired
    fr.hygie.notifications.Outbox outbox;
    @Autowired
    fr.hygie.identity.Patients patients;

    /** The booking service as it will be {@code ahead} from now: same database, a clock moved forward (no mock). */
    private Bookings laterBookings(Duration ahead) {
        return new Bookings(jdbc, tx, Clock.offset(clock, ahead), directory, agendas, outbox, journal, mandates, patients, accounts,
                "3646");
    }

    private UUID bookOnline(WebSession web, Slot slot, PatientId person) {
        List<VisitReason> reasons = agendas.reasons(slot.professional(), true).stream()
                .filter(r -> r.durationMinutes() <= slot.minutes()).toList();
        HttpResponse<String> r = web.postForm("/rendez-vous/creneau/" + slot.id().value(), Map.of("pour", person.value().toString(),
                "motif", reasons.isEmpty() ? "" : reasons.get(0).id().toString(), "telephone", "0612121212"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return CounterBookingJourneyTest.bookingIdIn(r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aPersonBooksMovesAndCancelsAndEveryStepIsJournaled() {
        ProfessionalId pro = fixture.openEveryDay("PARCOURS");
        List<Slot> slots = freeSlots(pro, 2);
        PatientId marie = accounts.byUsername("patient").orElseThrow().patientId().orElseThrow();
        long journalBefore = journal.countForPatient(marie.value());
        WebSession web = new WebSession(port).loggedInAs("patient");
        assertThat(web.get("/rendez-vous/creneau/" + slots.get(0).id().value()).body()).contains("Moi-même");
        UUID first = bookOnline(web, slots.get(0), marie);
        assertThat(web.get("/mes-rendez-vous").body()).contains("Test Parcours");
        assertThat(web.get("/mes-rendez-vous/" + first).body()).contains("Déplacer ce rendez-vous");

        HttpResponse<String> moved = web.postForm("/mes-rendez-vous/" + first + "/deplacer", Map.of("creneau", slots.get(1).id().value().toString()));
        assertThat(moved.statusCode()).isEqualTo(302);
        UUID second = CounterBookingJourneyTest.bookingIdIn(moved.headers().firstValue("Location").orElseThrow());
        assertThat(bookings.byId(new BookingId(first)).orElseThrow().status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(bookings.byId(new BookingId(second)).orElseThrow().replaces()).isEqualTo(new BookingId(first));
        assertThat(directory.slot(slots.get(0).id()).orElseThrow().status()).isEqualTo(SlotStatus.FREE);

        assertThat(web.postForm("/mes-rendez-vous/" + second + "/annuler", Map.of()).statusCode()).isEqualTo(302);
        assertThat(bookings.byId(new BookingId(second)).orElseThrow().status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(directory.slot(slots.get(1).id()).orElseThrow().status()).isEqualTo(SlotStatus.FREE);

        HttpResponse<String> again = web.postForm("/mes-rendez-vous/" + second + "/annuler", Map.of());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("annulé");
        // booked, moved (cancel + create), cancelled.
        assertThat(journal.countForPatient(marie.value()) - journalBefore).isEqualTo(4);
        assertThat(journal.forPatient(marie.value(), 0, 4)).allMatch(e -> e.objectType().equals("Appointment"));
    }

    @Test
    void theProfessionalMarksArrivedFulfilledOrNoShowAndIllegalMovesAnswer409() {
        ProfessionalId pro = medecin2();
        List<Slot> slots = freeSlots(pro, 2);
        PatientId jean = accounts.byUsername("patient2").orElseThrow().patientId().orElseThrow();
        WebSession patient2 = new WebSession(port).loggedInAs("patient2");
        UUID a = bookOnline(patient2, slots.get(0), jean);
        UUID b = bookOnline(patient2, slots.get(1), jean);

        WebSession doctor = new WebSession(port).loggedInAs("medecin2");
        assertThat(doctor.get("/agenda/rendez-vous/" + a).body()).contains("Jean Petit");
        assertThat(doctor.postForm("/agenda/rendez-vous/" + a + "/statut", Map.of("statut", "arrived")).statusCode()).isEqualTo(302);
        assertThat(doctor.postForm("/agenda/rendez-vous/" + a + "/statut", Map.of("statut", "fulfilled")).statusCode()).isEqualTo(302);
        assertThat(bookings.byId(new BookingId(a)).orElseThrow().status()).isEqualTo(AppointmentStatus.FULFILLED);
        HttpResponse<String> illegal = doctor.postForm("/agenda/rendez-vous/" + a + "/statut", Map.of("statut", "noshow"));
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(illegal.body()).contains("honoré").contains("fulfilled");

        // Before its start time an appointment cannot be marked missed: no button, and a posted mark is refused.
        assertThat(doctor.get("/agenda/rendez-vous/" + b).body()).contains("value=\"arrived\"").doesNotContain("value=\"noshow\"");
        HttpResponse<String> tooEarly = doctor.postForm("/agenda/rendez-vous/" + b + "/statut", Map.of("statut", "noshow"));
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        assertThat(tooEarly.body()).contains("pas encore commencé");
        assertThat(bookings.byId(new BookingId(b)).orElseThrow().status()).isEqualTo(AppointmentStatus.BOOKED);

        // Once the start time has passed (the same service with a clock after the slot), the mark is accepted.
        Bookings later = laterBookings(Duration.between(clock.instant(), slots.get(1).startsAt()).plusMinutes(1));
        assertThat(later.marksNow(later.byId(new BookingId(b)).orElseThrow())).contains(AppointmentStatus.NOSHOW);
        assertThat(later.mark(accounts.loadUserByUsername("medecin2"), new BookingId(b), AppointmentStatus.NOSHOW))
                .isInstanceOf(TransitionOutcome.Done.class);
        assertThat(bookings.byId(new BookingId(b)).orElseThrow().status()).isEqualTo(AppointmentStatus.NOSHOW);
        HttpResponse<String> cancelAfterNoShow = patient2.postForm("/mes-rendez-vous/" + b + "/annuler", Map.of());
        assertThat(cancelAfterNoShow.statusCode()).isEqualTo(409);
        assertThat(cancelAfterNoShow.body()).contains("non honoré");

        assertThat(doctor.get("/agenda?jour=" + slots.get(0).startsAt().atZone(Directory.FRANCE).toLocalDate()).body())
                .contains("Jean Petit");
        assertThat(doctor.get("/agenda/semaine").statusCode()).isEqualTo(200);
        // Another professional does not see it.
        assertThat(new WebSession(port).loggedInAs("kine").get("/agenda/rendez-vous/" + a).statusCode()).isEqualTo(404);
    }

    @Test
    void aRepresentativeBooksForThePersonWhoseMandateAllowsIt() {
        ProfessionalId pro = fixture.openEveryDay("MANDAT");
        List<Slot> slots = freeSlots(pro, 2);
        PatientId jean = accounts.byUsername("patient2").orElseThrow().patientId().orElseThrow();
        WebSession aidant = new WebSession(port).loggedInAs("aidant");
        assertThat(aidant.get("/rendez-vous/creneau/" + slots.get(0).id().value()).body()).contains("vous agissez pour cette personne");
        UUID id = bookOnline(aidant, slots.get(0), jean);
        Booking b = bookings.byId(new BookingId(id)).orElseThrow();
        assertThat(b.channel()).isEqualTo(BookingChannel.REPRESENTATIVE);
        assertThat(b.actingFor()).isTrue();
        var entry = journal.forPatient(jean.value(), 0, 1).get(0);
        assertThat(entry.actingFor()).isNotNull();
        assertThat(new WebSession(port).loggedInAs("patient2").get("/mes-rendez-vous").body()).contains("Test Mandat");
    }

    @Test
    void aRepresentativeWithoutTheAppointmentsScopeIsRefused() {
        ProfessionalId pro = fixture.openEveryDay("SANSMANDAT");
        Slot slot = freeSlots(pro, 1).get(0);
        var marie = accounts.byUsername("patient").orElseThrow();
        var aidant = accounts.byUsername("aidant").orElseThrow();
        // Marie lets the caregiver read her documents only (revoked at the end: the demo cast is shared by every test).
        var mandate = mandates.grant(marie.id(), marie.patientId().orElseThrow(), aidant.id(), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.VIEW_DOCUMENTS), mandates.today(), mandates.today().plusDays(30));
        try {
            WebSession web = new WebSession(port).loggedInAs("aidant");
            assertThat(web.get("/rendez-vous/creneau/" + slot.id().value()).body()).doesNotContain("Marie Durand");
            HttpResponse<String> refused = web.postForm("/rendez-vous/creneau/" + slot.id().value(),
                    Map.of("pour", marie.patientId().orElseThrow().value().toString()));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("Gérer les rendez-vous");
            assertThat(directory.slot(slot.id()).orElseThrow().status()).isEqualTo(SlotStatus.FREE);
        } finally {
            mandates.revoke(mandate, marie.patientId().orElseThrow());
        }
    }

    @Test
    void thePersonsIcsAndTheProfessionalsPrivateFeedParseBack() {
        ProfessionalId pro = medecin2();
        Slot slot = freeSlots(pro, 1).get(0);
        PatientId marie = accounts.byUsername("patient").orElseThrow().patientId().orElseThrow();
        WebSession web = new WebSession(port).loggedInAs("patient");
        UUID id = bookOnline(web, slot, marie);
        HttpResponse<String> ics = web.get("/rendez-vous/" + id + ".ics");
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        Map<String, String> event = ICalendarTest.firstEvent(ics.body());
        assertThat(event.get("UID")).isEqualTo(id + "@hygie");
        assertThat(event.get("DTSTART")).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(slot.startsAt()));
        assertThat(event.get("SUMMARY")).isEqualTo("Rendez-vous avec Sophie Bernard");
        assertThat(new WebSession(port).loggedInAs("patient2").get("/rendez-vous/" + id + ".ics").statusCode()).isEqualTo(404);

        String token = agendas.feedToken(pro);
        HttpResponse<String> feed = new WebSession(port).get("/agenda/flux/" + token + ".ics");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body()).contains("UID:" + id + "@hygie").doesNotContain("DURAND");
        WebSession doctor = new WebSession(port).loggedInAs("medecin2");
        assertThat(doctor.get("/agenda/calendrier").body()).contains(token);
        assertThat(doctor.postForm("/agenda/calendrier/renouveler", Map.of()).statusCode()).isEqualTo(302);
        assertThat(new WebSession(port).get("/agenda/flux/" + token + ".ics").statusCode()).isEqualTo(404);
    }

    @Test
    void aCancellationOffersTheFreedSlotToThePersonWaitingForAnEarlierOne() {
        ProfessionalId pro = fixture.openEveryDay("ATTENTE");
        List<Slot> slots = freeSlots(pro, 30);
        PatientId marie = accounts.byUsername("patient").orElseThrow().patientId().orElseThrow();
        PatientId jean = accounts.byUsername("patient2").orElseThrow().patientId().orElseThrow();
        WebSession marieWeb = new WebSession(port).loggedInAs("patient");
        WebSession jeanWeb = new WebSession(port).loggedInAs("patient2");
        UUID early = bookOnline(marieWeb, slots.get(0), marie);
        UUID late = bookOnline(jeanWeb, slots.get(29), jean);
        assertThat(jeanWeb.postForm("/mes-rendez-vous/" + late + "/liste-attente", Map.of()).statusCode()).isEqualTo(302);
        assertThat(marieWeb.postForm("/mes-rendez-vous/" + early + "/annuler", Map.of()).statusCode()).isEqualTo(302);
        assertThat(bookings.waiting(new BookingId(late))).isFalse();
    }

    @Test
    void theProfessionalManagesScheduleAbsencesReasonsAndEntryThroughPages() {
        medecin2();
        WebSession doctor = new WebSession(port).loggedInAs("medecin2");
        for (String page : List.of("/agenda", "/agenda/horaires", "/agenda/absences", "/agenda/motifs", "/agenda/fiche", "/agenda/calendrier")) {
            assertThat(doctor.get(page).statusCode()).as(page).isEqualTo(200);
        }
        HttpResponse<String> bad = doctor.postForm("/agenda/horaires", Map.of("jour", "2", "debut", "12:00", "fin", "09:00", "duree", "15"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("href=\"#fin\"");
        assertThat(doctor.postForm("/agenda/motifs", Map.of("libelle", "Téléconsultation", "duree", "20", "consignes", "")).statusCode())
                .isEqualTo(302);
        assertThat(doctor.get("/agenda/motifs").body()).contains("Téléconsultation");
        assertThat(doctor.postForm("/agenda/fiche", Map.of("adresse", "8 avenue Henri Barbusse", "codePostal", "69100",
                "commune", "Villeurbanne", "secteur", "1", "tiersPayant", "on", "langues", "fr", "publie", "on")).statusCode()).isEqualTo(302);
        assertThat(directory.offer(accounts.byUsername("medecin2").orElseThrow().professionalId().orElseThrow()).orElseThrow().tiersPayant()).isTrue();
        assertThat(new WebSession(port).loggedInAs("patient").get("/agenda").statusCode()).isEqualTo(403);
    }
}
