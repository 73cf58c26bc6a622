package fr.hygie.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@HygieIntegrationTest
class ContactRequestsTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired ContactRequests requests;
    @Autowired Cast cast;
    @Autowired JdbcClient jdbc;

    static NewContactRequest visitor(String phone, String email) {
        return new NewContactRequest("Odette Lambert", ContactChoices.Topic.SOINS, "Une question", ContactChoices.Channel.PHONE, phone, email,
                ContactChoices.When.MORNING);
    }

    @Test
    void aRequestWithoutAnyWayToBeReachedIsRefusedInFrench() {
        SubmitOutcome o = requests.submit(Optional.empty(), null, visitor(" ", null));
        assertThat(o).isInstanceOf(SubmitOutcome.Invalid.class);
        assertThat(((SubmitOutcome.Invalid) o).message())
                .isEqualTo("Indiquez un numéro de téléphone ou une adresse électronique pour que nous puissions vous recontacter.");
        assertThat(((SubmitOutcome.Invalid) o).field()).isEqualTo("phone");
    }

    @Test
    void choosingThePhoneNeedsAPhoneNumber() {
        SubmitOutcome o = requests.submit(Optional.empty(), null, visitor(null, "odette@example.org"));
        assertThat(((SubmitOutcome.Invalid) o).message()).contains("indiquez votre numéro de téléphone");
    }

    @Test
    void aConseillerAnswersThenClosesAndTheFirstResponseIsKept() {
        UUID id = ((SubmitOutcome.Queued) requests.submit(Optional.empty(), null, visitor("06 12 34 56 78", null))).id();
        var conseiller = cast.user("conseiller");
        assertThat(requests.queue(conseiller, 10_000)).anyMatch(r -> r.id().equals(id));
        assertThat(requests.queue(cast.user("medecin"), 10)).isEmpty();

        assertThat(requests.respond(conseiller, id, "Rappelée, message laissé.").done()).isTrue();
        Instant first = requests.open(conseiller, id).orElseThrow().firstResponseAt();
        assertThat(requests.close(conseiller, id, "Rappelée et renseignée.").done()).isTrue();

        var closed = requests.open(conseiller, id).orElseThrow();
        assertThat(closed.status()).isEqualTo(ContactRequest.Status.CLOSED);
        assertThat(closed.firstResponseAt()).isEqualTo(first);
        assertThat(closed.phone()).isEqualTo("06 12 34 56 78");
        assertThat(requests.close(conseiller, id, "encore").message()).contains("« close »");
        assertThat(jdbc.sql("SELECT phone_sealed FROM oversight.contact_request WHERE id = :id").param("id", id).query(String.class).single())
                .doesNotContain("06 12");
    }

    @Test
    void aRepresentativeAsksForThePersonTheyHelp() {
        var aidant = cast.actingFor("aidant", cast.patient("patient2"));
        UUID id = ((SubmitOutcome.Queued) requests.submit(Optional.of(aidant), "Jean Petit", new NewContactRequest(null,
                ContactChoices.Topic.RENDEZ_VOUS, null, ContactChoices.Channel.EMAIL, null, "luc@example.org", ContactChoices.When.ANY_TIME))).id();
        var r = requests.open(cast.user("conseiller"), id).orElseThrow();
        assertThat(r.onBehalf()).isTrue();
        assertThat(r.requesterName()).endsWith(" pour Jean Petit");
    }

    @Test
    void responseTimesAreComputedFromTheTimestamps() {
        // Monday 8 January 2001, 09:00 in Paris; target 2 working days → Wednesday 10 January 09:00.
        Instant monday = LocalDateTime.parse("2001-01-08T09:00").atZone(PARIS).toInstant();
        for (int hours : new int[] {1, 2, 3, 4, 50}) {
            insert(monday, monday.plus(Duration.ofHours(hours)));
        }
        insert(monday, null);

        ResponseTimes t = requests.responseTimes(LocalDateTime.parse("2001-01-01T00:00").atZone(PARIS).toInstant(),
                LocalDateTime.parse("2001-02-01T00:00").atZone(PARIS).toInstant());

        assertThat(t.requests()).isEqualTo(6);
        assertThat(t.answered()).isEqualTo(5);
        assertThat(t.open()).isEqualTo(1);
        assertThat(t.median()).hasValue(Duration.ofHours(3));
        // percentile_cont(0.9) over 1, 2, 3, 4, 50 h: 4 + 0.6 × (50 − 4) = 31.6 h
        assertThat(t.p90()).hasValue(Duration.ofMinutes(31 * 60 + 36));
        assertThat(t.p90Shown()).isEqualTo("1 j 7 h");
        assertThat(t.withinTarget()).isEqualTo(4);
        assertThat(t.withinTargetShare()).isEqualTo("80 %");
        assertThat(t.overdue()).isEqualTo(1);
        assertThat(t.targetWorkingDays()).isEqualTo(2);
    }

    private void insert(Instant created, Instant firstResponse) {
        jdbc.sql("""
                INSERT INTO oversight.contact_request (id, requester_name, topic, channel, preferred_time, status, created_at, first_response_at)
                VALUES (:id, 'Test', 'AUTRE', 'PHONE', 'ANY_TIME', :status, :created, :first)""")
                .param("id", UUID.randomUUID()).param("status", firstResponse == null ? "OPEN" : "ANSWERED")
                .param("created", Timestamp.from(created)).param("first", firstResponse == null ? null : Timestamp.from(firstResponse))
                .update();
    }
}
