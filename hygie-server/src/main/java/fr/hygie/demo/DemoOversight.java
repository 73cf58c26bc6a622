package fr.hygie.demo;

import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.oversight.AlgorithmRegistry;
import fr.hygie.oversight.ContactChoices;
import fr.hygie.oversight.ContactRequests;
import fr.hygie.oversight.NewContactRequest;
import fr.hygie.oversight.PendingSuggestion;
import fr.hygie.oversight.PreventionJob;
import fr.hygie.oversight.PreventionReminders;
import fr.hygie.oversight.SuggestionStatus.Decision;
import fr.hygie.oversight.SubmitOutcome;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Demo data of the garantie humaine: the prevention-reminders algorithm registered by {@code admin} and
 * approved by {@code comite}, {@code medecin2} designated to validate for persons without a médecin
 * traitant, the reminders evaluated for everyone; {@code medecin2} decided on part of them (so that the
 * coverage and bias figures have something to show) while {@code medecin}'s patients' suggestions stay
 * pending; and a few requests for a human contact, one answered and one closed by {@code conseiller}.
 */
@Component
class DemoOversight {

    private final Accounts accounts;
    private final AlgorithmRegistry registry;
    private final PreventionReminders reminders;
    private final PreventionJob job;
    private final ContactRequests contacts;

    DemoOversight(Accounts accounts, AlgorithmRegistry registry, PreventionReminders reminders, PreventionJob job,
            ContactRequests contacts) {
        this.accounts = accounts;
        this.registry = registry;
        this.reminders = reminders;
        this.job = job;
        this.contacts = contacts;
    }

    void load(DemoCast cast) {
        HygieUser admin = accounts.loadUserByUsername("admin");
        registry.register(admin, reminders.registrySheet());
        registry.approve(accounts.loadUserByUsername("comite"), PreventionReminders.CODE,
                "Règles relues contre le calendrier des vaccinations et les programmes de l'INCa.");
        registry.designateValidator(admin, PreventionReminders.CODE, cast.professional("medecin2"));
        job.runAll();

        HygieUser medecin2 = accounts.loadUserByUsername("medecin2");
        List<PendingSuggestion> queue = reminders.queueFor(medecin2, 80);
        for (int i = 0; i < queue.size(); i++) {
            if (i % 7 == 3) {
                reminders.decide(medecin2, queue.get(i).id(), Decision.REJECT, null,
                        "Déjà fait hors Hygie d'après le dossier du centre : à inscrire au profil.");
            } else {
                reminders.decide(medecin2, queue.get(i).id(), Decision.ACCEPT, null, "Conforme au calendrier public.");
            }
        }

        HygieUser conseiller = accounts.loadUserByUsername("conseiller");
        contacts.submit(Optional.empty(), null, new NewContactRequest("Odette Lambert", ContactChoices.Topic.ESPACE_SANTE,
                "Je n'ai pas d'ordinateur, comment voir mes résultats ?", ContactChoices.Channel.PHONE, "04 78 00 00 01", null,
                ContactChoices.When.MORNING));
        HygieUser patient2 = accounts.loadUserByUsername("patient2");
        if (contacts.submit(Optional.of(Actor.of(patient2)), null, new NewContactRequest(null, ContactChoices.Topic.PREVENTION,
                "Pourquoi ai-je reçu un rappel de vaccin ?", ContactChoices.Channel.PHONE, "04 78 00 00 00", null,
                ContactChoices.When.AFTERNOON)) instanceof SubmitOutcome.Queued q) {
            contacts.respond(conseiller, q.id(), "Rappel expliqué au téléphone : calendrier des vaccinations après 65 ans.");
        }
        HygieUser aidant = accounts.loadUserByUsername("aidant");
        if (contacts.submit(Optional.of(Actor.actingFor(aidant, cast.patient("patient2"))), "Jean Petit",
                new NewContactRequest(null, ContactChoices.Topic.RENDEZ_VOUS, "Aide pour prendre un rendez-vous de dépistage.",
                        ContactChoices.Channel.COUNTER, null, "luc.petit@example.org", ContactChoices.When.ANY_TIME))
                instanceof SubmitOutcome.Queued q) {
            contacts.close(conseiller, q.id(), "Rendez-vous pris avec lui à l'espace France services de Lyon 8e.");
        }
    }
}
