package fr.hygie.record;

import static fr.hygie.record.RecordAccessTest.added;
import static fr.hygie.record.RecordAccessTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13 keeps the relationship facts in memory between decisions: the person's choices must still reach a
 * professional's very next read (docs/security.md, "Relationship facts in memory"). The professional reads first,
 * so that what a decision keeps is the old state.
 */
@HygieIntegrationTest
class RecordChangesTakeEffectAtOnceTest {

    static final JournalChannel WEB = JournalChannel.WEB;

    @Autowired
    Cast cast;
    @Autowired
    Documents documents;
    @Autowired
    CareTeam careTeam;

    @Test
    void aMaskHidesTheDocumentFromTheVeryNextReadAndTheUnmaskShowsItAgain() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        DocumentId doc = added(documents.add(me, text(person, "Compte rendu"), WEB));
        careTeam.authorise(me, person, cast.professional("infirmier"), WEB);
        Actor nurse = cast.actor("infirmier");
        assertThat(documents.read(nurse, doc, WEB)).isPresent();

        assertThat(documents.mask(me, doc, true, WEB)).isInstanceOf(ChangeOutcome.Done.class);
        assertThat(documents.read(nurse, doc, WEB)).isEmpty();
        assertThat(documents.list(nurse, person, DocumentFilter.all(), WEB)).isEmpty();

        assertThat(documents.mask(me, doc, false, WEB)).isInstanceOf(ChangeOutcome.Done.class);
        assertThat(documents.read(nurse, doc, WEB)).isPresent();
    }

    @Test
    void aRevokedAuthorisationEmptiesTheVeryNextListAndRead() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        DocumentId doc = added(documents.add(me, text(person, "Ordonnance"), WEB));
        careTeam.authorise(me, person, cast.professional("infirmier"), WEB);
        Actor nurse = cast.actor("infirmier");
        assertThat(documents.list(nurse, person, DocumentFilter.all(), WEB)).hasSize(1);

        careTeam.revokeAuthorisation(me, person, cast.professional("infirmier"), WEB);
        assertThat(documents.list(nurse, person, DocumentFilter.all(), WEB)).isEmpty();
        assertThat(documents.read(nurse, doc, WEB)).isEmpty();
    }
}
