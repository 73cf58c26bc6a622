package fr.hygie.record;

import static fr.hygie.support.StatementCounting.counting;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.AccessControl;
import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A profile view (the professional's record page, the person's « Mon profil ») reads the lines, the wishes and the
 * contacts in one statement (issue 13: three before), and still shows each in its order, opened, and only what the
 * decisions permit. Real PostgreSQL, real policy and journal; the statements are counted on the connections the
 * profile's own {@code JdbcClient} takes (a counting wrapper around the real pool, no mock).
 */
@HygieIntegrationTest
class ProfileReadTest {

    static final JournalChannel WEB = JournalChannel.WEB;

    @Autowired
    Cast cast;

    @Autowired
    MedicalProfile profile;

    @Autowired
    AccessControl access;

    @Autowired
    DataSource dataSource;

    @Autowired
    EnvelopeEncryption envelope;

    @Autowired
    Clock clock;

    @Autowired
    Journal journal;

    @Autowired
    Documents documents;

    @Autowired
    fr.hygie.access.CareTeam careTeam;

    @Autowired
    Patients patients;

    @Autowired
    NamedParameterJdbcTemplate batch;

    @Test
    void theProfileShowsItsLinesNewestFirstItsWishesAndItsContactsInTheOrderTheyWereAdded() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        LocalDate today = LocalDate.now(clock);
        assertThat(profile.add(me, person, item(ProfileSectionKind.ALLERGIES, "Arachides", today.minusYears(2), "Note ancienne"), WEB)).isTrue();
        assertThat(profile.add(me, person, item(ProfileSectionKind.ALLERGIES, "Pénicilline", today, null), WEB)).isTrue();
        assertThat(profile.add(me, person, item(ProfileSectionKind.ALLERGIES, "Latex", today, "Note récente"), WEB)).isTrue();
        assertThat(profile.add(me, person, new NewProfileItem(ProfileSectionKind.MEASUREMENTS, "LOINC", "29463-7", "Poids",
                new BigDecimal("61.500"), "kg", today.minusDays(3), null), WEB)).isTrue();
        assertThat(profile.updateWishes(me, person, "Pas d'acharnement", OrganDonation.REFUSE, WEB)).isTrue();
        assertThat(profile.addContact(me, person, "PERSONNE_DE_CONFIANCE", "Bruno Premier", "0600000001", "frère", WEB)).isTrue();
        assertThat(profile.addContact(me, person, "A_PREVENIR", "Chloé Seconde", null, "amie", WEB)).isTrue();

        ProfileView view = profile.view(me, person, WEB);

        // Newest first; on the same date, the line entered last first.
        assertThat(view.sections().get(ProfileSectionKind.ALLERGIES)).extracting(ProfileItem::display, ProfileItem::note)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Latex", "Note récente"),
                        org.assertj.core.groups.Tuple.tuple("Pénicilline", null),
                        org.assertj.core.groups.Tuple.tuple("Arachides", "Note ancienne"));
        assertThat(view.sections().get(ProfileSectionKind.MEASUREMENTS)).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualByComparingTo("61.5"))
                .satisfies(m -> assertThat(m.unit()).isEqualTo("kg"));
        assertThat(view.sections().get(ProfileSectionKind.HISTORY)).isEmpty();
        assertThat(view.advanceDirectives()).contains("Pas d'acharnement");
        assertThat(view.organDonation()).contains(OrganDonation.REFUSE);
        assertThat(view.contacts()).get().asList().extracting("name", "phone", "relation", "kind")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Bruno Premier", "0600000001", "frère", "PERSONNE_DE_CONFIANCE"),
                        org.assertj.core.groups.Tuple.tuple("Chloé Seconde", null, "amie", "A_PREVENIR"));
    }

    @Test
    void aPersonWithoutWishesNorContactsHasNeither() {
        String login = cast.newPatient();
        ProfileView view = profile.view(cast.actor(login), cast.patient(login), WEB);
        assertThat(view.advanceDirectives()).isEmpty();
        assertThat(view.organDonation()).isEmpty();
        assertThat(view.contacts()).get().asList().isEmpty();
        assertThat(view.sections().values()).allMatch(List::isEmpty);
    }

    @Test
    void theProfileIsReadInOneStatementWhateverItHolds() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        profile.add(me, person, item(ProfileSectionKind.HISTORY, "Asthme", LocalDate.now(clock), "Depuis l'enfance"), WEB);
        profile.updateWishes(me, person, "Directives", OrganDonation.ACCEPTE, WEB);
        profile.addContact(me, person, "A_PREVENIR", "Denise Tierce", "0600000002", "voisine", WEB);
        AtomicInteger statements = new AtomicInteger();
        MedicalProfile counted = new MedicalProfile(access, JdbcClient.create(counting(dataSource, statements)), envelope, clock,
                journal, patients, batch);

        ProfileView view = counted.view(me, person, WEB);

        assertThat(view.sections().get(ProfileSectionKind.HISTORY)).extracting(ProfileItem::note).containsExactly("Depuis l'enfance");
        assertThat(view.contacts()).get().asList().hasSize(1);
        assertThat(view.advanceDirectives()).contains("Directives");
        // Lines, wishes and contacts: one statement (the decisions and their journal entry are the policy's, elsewhere).
        assertThat(statements).hasValue(1);
    }

    @Test
    void theProfessionalsRecordPageReadsItsDocumentsAndTheProfileInOneRoundTrip() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        documents.add(me, new NewDocument(person, "11488-4", "Compte rendu", LocalDate.now(clock), java.util.Set.of(),
                ContentType.TEXT, "Examen normal.".getBytes(java.nio.charset.StandardCharsets.UTF_8)), WEB);
        profile.add(me, person, item(ProfileSectionKind.HISTORY, "Asthme", LocalDate.now(clock), "Depuis l'enfance"), WEB);
        profile.updateWishes(me, person, "Directives", OrganDonation.ACCEPTE, WEB);
        careTeam.authorise(me, person, cast.professional("medecin"), WEB);
        AtomicInteger statements = new AtomicInteger();
        DataSource counted = counting(dataSource, statements);
        RecordOverview overviews = new RecordOverview(access, new fr.hygie.record.internal.DocumentRepository(
                JdbcClient.create(counted), new NamedParameterJdbcTemplate(counted)), documents, profile);

        RecordOverview.Overview page = overviews.of(cast.actor("medecin"), person, DocumentFilter.all(), WEB);

        assertThat(page.documents()).extracting(DocumentSummary::title).containsExactly("Compte rendu");
        assertThat(page.profile().sections().get(ProfileSectionKind.HISTORY)).extracting(ProfileItem::note)
                .containsExactly("Depuis l'enfance");
        assertThat(page.profile().advanceDirectives()).contains("Directives");
        // Documents, profile lines, wishes and contacts: one statement sent, hence one round trip (two before).
        assertThat(statements).hasValue(1);
    }

    private static NewProfileItem item(ProfileSectionKind section, String display, LocalDate date, String note) {
        return new NewProfileItem(section, null, null, display, null, null, date, note);
    }

}
