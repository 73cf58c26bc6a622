package fr.hygie.demo;

import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.journal.JournalChannel;
import fr.hygie.messaging.CareParty;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.NewAttachment;
import fr.hygie.messaging.PostOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo conversations of the secure messaging: the médecin traitant writes to {@code patient} with a
 * result attached and she replies; the health centre's mailbox (infirmière) writes to her; the médecin
 * writes to {@code mineur} (read by her mother); {@code patient} had a dispensation at the demo pharmacy,
 * so she may send it a prescription. Everything goes through the messaging's own rules.
 */
@Component
class DemoMessaging {

    private final Conversations conversations;
    private final Accounts accounts;
    private final TransactionTemplate tx;

    DemoMessaging(Conversations conversations, Accounts accounts, TransactionTemplate tx) {
        this.conversations = conversations;
        this.accounts = accounts;
        this.tx = tx;
    }

    void load(DemoCast cast) {
        tx.executeWithoutResult(status -> {
            Actor medecin = Actor.of(accounts.loadUserByUsername("medecin"));
            Actor infirmier = Actor.of(accounts.loadUserByUsername("infirmier"));
            Actor patient = Actor.of(accounts.loadUserByUsername("patient"));
            PostOutcome first = conversations.startWithPatient(medecin, cast.patient("patient"), false, "Résultats de votre bilan sanguin",
                    "Bonjour Madame Durand,\n\nVos résultats sont arrivés : ils sont normaux, à part un léger manque de fer. "
                            + "Je vous propose d'en reparler à votre prochaine consultation.\n\nDr Leroy",
                    List.of(new NewAttachment.Upload("bilan-sanguin.txt", ("Bilan sanguin — ferritine 18 µg/L (N 20–200), "
                            + "hémoglobine 12,4 g/dL.").getBytes(StandardCharsets.UTF_8))), JournalChannel.SYSTEM);
            if (first instanceof PostOutcome.Posted posted) {
                conversations.reply(patient, posted.conversation(), "Merci docteur, je prendrai rendez-vous le mois prochain.",
                        List.of(), JournalChannel.SYSTEM);
            }
            conversations.startWithPatient(infirmier, cast.patient("patient"), true, "Passage de l'infirmière",
                    "Bonjour, je passerai jeudi matin entre 8 h et 9 h pour la prise de sang de contrôle. Julie Roux",
                    List.of(), JournalChannel.SYSTEM);
            conversations.startWithPatient(medecin, cast.patient("mineur"), false, "Rappel de vaccination",
                    "Bonjour, le rappel de vaccination de Léa est à prévoir ce trimestre. Dr Leroy", List.of(), JournalChannel.SYSTEM);
            conversations.recordDispensation(cast.patient("patient"), CareParty.of(cast.structure("pharmacie")));
        });
    }
}
