package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.notifications.OutboxChannel;
import fr.hygie.notifications.OutboxDispatcher;
import fr.hygie.notifications.OutboxMessage;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Specialties;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A counter agent books over HTTP for someone with no digital account: name, birth date and phone; the
 * confirmation is printable and an SMS confirmation (and reminder) are queued without any health data.
 */
@HygieIntegrationTest
class CounterBookingJourneyTest {

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
    OutboxDispatcher dispatcher;
    @Autowired
    Clock clock;

    @Test
    void aCounterAgentBooksForSomeoneWithoutAnAccountEndToEnd() {
        ProfessionalId pro = fixture.openEveryDay("GUICHET");
        VisitReason reason = agendas.addReason(pro, "Suivi de diabète", 30, "Venez à jeun.");
        Slot slot = directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(3)), clock.instant().plus(Duration.ofDays(10)), 1).get(0);

        WebSession agent = new WebSession(port).loggedInAs("accueil");
        assertThat(agent.get("/guichet/rendez-vous").statusCode()).isEqualTo(200);
        HttpResponse<String> chosen = agent.postForm("/guichet/rendez-vous/personne", Map.of("nomPersonne", "Sans-Espace",
                "prenom", "Odette", "naissance", "1941-02-17", "telephone", "06 98 76 54 32"));
        assertThat(chosen.statusCode()).isEqualTo(302);
        HttpResponse<String> search = agent.follow(chosen);
        assertThat(search.body()).contains("Odette SANS-ESPACE");
        HttpResponse<String> results = agent.get("/guichet/rendez-vous/recherche?quoi=S%3ASM54&lieu=29000&rayon=5");
        assertThat(results.body()).contains("/guichet/rendez-vous/creneau/");

        HttpResponse<String> confirm = agent.get("/guichet/rendez-vous/creneau/" + slot.id().value());
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Odette SANS-ESPACE").contains("Suivi de diabète");
        HttpResponse<String> booked = agent.postForm("/guichet/rendez-vous/creneau/" + slot.id().value(),
                Map.of("motif", reason.id().toString(), "telephone", ""));
        assertThat(booked.statusCode()).isEqualTo(302);
        HttpResponse<String> confirmation = agent.follow(booked);
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(confirmation.body()).contains("Confirmation de rendez-vous").contains("Odette SANS-ESPACE")
                .contains("appointments-print.css").contains("media=\"print\"").contains("0698765432");

        UUID id = bookingIdIn(booked.headers().firstValue("Location").orElseThrow());
        Booking b = bookings.byId(new BookingId(id)).orElseThrow();
        assertThat(b.registered()).isFalse();
        assertThat(b.channel()).isEqualTo(BookingChannel.COUNTER);
        assertThat(b.status()).isEqualTo(AppointmentStatus.BOOKED);

        List<OutboxMessage> messages = bookings.messages(b.id());
        assertThat(messages).extracting(OutboxMessage::kind).contains("CONFIRMATION", "REMINDER");
        assertThat(messages).allMatch(m -> m.channel() == OutboxChannel.SMS && m.recipient().equals("0698765432"));
        OutboxMessage reminder = messages.stream().filter(m -> m.kind().equals("REMINDER")).findFirst().orElseThrow();
        assertThat(reminder.dueAt()).isEqualTo(b.startsAt().minus(Duration.ofHours(24)));
        for (OutboxMessage m : messages) {
            assertThat(m.text()).contains(b.reference()).contains("Test Guichet")
                    .doesNotContain("diabète").doesNotContain("jeun").doesNotContain("Médecin").doesNotContain("Dr ")
                    .doesNotContain(Specialties.bundled().find("SM54").orElseThrow().labelFr().replace(" (SM)", ""));
        }
    }

    @Test
    void theOutboxSendsWhatIsDueAndKeepsRemindersForLater() {
        ProfessionalId pro = fixture.openEveryDay("ENVOI");
        Slot slot = directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(3)), clock.instant().plus(Duration.ofDays(10)), 1).get(0);
        var outcome = bookings.book(fixture.user("accueil"), new BookingRequest(slot.id(), null,
                new BookedFor.Unregistered("Envoi", "Rose", java.time.LocalDate.of(1960, 3, 3), "0701020304"), null, null));
        Booking b = ((BookingOutcome.Booked) outcome).booking();
        dispatcher.dispatch();
        List<OutboxMessage> messages = bookings.messages(b.id());
        // One outbox for the platform: the booking's messages are the notifications module's, about this booking.
        assertThat(messages).extracting(OutboxMessage::kind).contains("CONFIRMATION", "REMINDER");
        assertThat(messages).allMatch(m -> b.id().value().equals(m.reference()) && m.patientId() == null);
        assertThat(messages).filteredOn(m -> m.kind().equals("CONFIRMATION")).allMatch(m -> m.sentAt() != null);
        assertThat(messages).filteredOn(m -> m.kind().equals("REMINDER")).allMatch(m -> m.sentAt() == null);
        bookings.cancel(fixture.user("accueil"), b.id());
        assertThat(bookings.messages(b.id())).filteredOn(m -> m.kind().equals("REMINDER")).allMatch(m -> m.cancelledAt() != null);
        assertThat(bookings.messages(b.id())).extracting(OutboxMessage::kind).contains("CANCELLATION");
    }

    @Test
    void aCounterAgentFindsARegisteredPersonByInsTraits() {
        WebSession agent = new WebSession(port).loggedInAs("accueil");
        HttpResponse<String> found = agent.get("/guichet/rendez-vous?nom=Durand&prenomRecherche=Marie&naissanceRecherche=1978-05-12");
        assertThat(found.body()).contains("Marie Durand").contains("name=\"patient\"");
    }

    @Test
    void aMissingPhoneIsShownInTheErrorSummaryLinkedToItsField() {
        WebSession agent = new WebSession(port).loggedInAs("accueil");
        HttpResponse<String> refused = agent.postForm("/guichet/rendez-vous/personne",
                Map.of("nomPersonne", "Oubli", "prenom", "Paul", "naissance", "1950-01-01", "telephone", ""));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("href=\"#telephone\"").contains("id=\"telephone\"");
    }

    @Test
    void aPatientCannotUseTheCounterPages() {
        assertThat(new WebSession(port).loggedInAs("patient").get("/guichet/rendez-vous").statusCode()).isEqualTo(403);
    }

    static UUID bookingIdIn(String location) {
        Matcher m = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})").matcher(location);
        assertThat(m.find()).isTrue();
        return UUID.fromString(m.group(1));
    }
}
