package fr.hygie.demo;

import fr.hygie.catalogue.ApplicationStatus;
import fr.hygie.catalogue.ApplyOutcome;
import fr.hygie.catalogue.Assessment;
import fr.hygie.catalogue.Catalogue;
import fr.hygie.catalogue.CatalogueEntry;
import fr.hygie.catalogue.Criterion;
import fr.hygie.catalogue.NewApplication;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Demo data of the catalogue: a blood-pressure app referenced by {@code comite} (public client with PKCE,
 * redirect URI of the demo app, {@code patient/Observation.rs}), an app refused at once (hosting under a
 * non-EU law, advertising), a sleep coach awaiting review, and a referenced app later suspended.
 */
@Component
class DemoCatalogue {

    static final String BLOOD_PRESSURE_APP = "Tensio — suivi de la tension";

    private final Catalogue catalogue;
    private final Accounts accounts;

    DemoCatalogue(Catalogue catalogue, Accounts accounts) {
        this.catalogue = catalogue;
        this.accounts = accounts;
    }

    void load() {
        HygieUser comite = accounts.loadUserByUsername("comite");
        UUID tensio = id(catalogue.apply(application(BLOOD_PRESSURE_APP, "Tensio SAS", "FR", "FR", false, false,
                "openid fhirUser launch/patient offline_access patient/Observation.rs")));
        catalogue.score(comite, tensio, scores(2, "Conforme au dossier ; mesures à domicile partagées avec le médecin traitant."));
        catalogue.decide(comite, tensio, ApplicationStatus.REFERENCED,
                "Hébergement HDS en France, aucune vente ni publicité, lecture des seules mesures, déclaration d'accessibilité fournie.");

        catalogue.apply(application("PubSanté", "AdHealth Inc.", "IE", "US", false, true, "openid patient/*.rs"));

        catalogue.apply(application("Coach Sommeil", "Dormir Mieux SAS", "FR", "FR", false, false, "openid launch/patient patient/Observation.rs"));

        UUID pill = id(catalogue.apply(application("Agenda Pilule", "Rappels Santé SARL", "DE", "DE", false, false,
                "openid launch/patient patient/MedicationStatement.rs")));
        catalogue.score(comite, pill, scores(1, "Service utile mais notice d'information incomplète."));
        catalogue.decide(comite, pill, ApplicationStatus.REFERENCED, "Service conforme à la grille au moment de l'examen.");
        catalogue.decide(comite, pill, ApplicationStatus.SUSPENDED,
                "Signalement d'une faille de sécurité non corrigée dans les délais : suspendu jusqu'à correction.");
    }

    private UUID id(ApplyOutcome outcome) {
        String reference = outcome instanceof ApplyOutcome.Received r ? r.reference() : "";
        return catalogue.underReview().stream().map(CatalogueEntry::application).filter(a -> a.reference().equals(reference))
                .findFirst().orElseThrow().id();
    }

    private static NewApplication application(String name, String publisher, String country, String law, boolean sells, boolean ads,
            String scopes) {
        Map<Criterion, Assessment> self = new EnumMap<>(Criterion.class);
        for (Criterion c : Criterion.values()) {
            self.put(c, new Assessment(2, "Décrit dans le dossier de l'éditeur."));
        }
        return new NewApplication(name, "Application de démonstration : " + name + ".", publisher, "contact@exemple.fr",
                "Hébergeur certifié", country, law, "HDS", "Mesures saisies par la personne et lues dans son espace santé.",
                "Afficher l'évolution et la partager avec l'équipe de soins.", "Abonnement payé par la personne ; gratuit pour les bénéficiaires de la C2S.",
                sells, ads, "Déclaration d'accessibilité : conforme partiellement au RGAA 4.1 (82 %).",
                "0,4 g CO2e par consultation (mesure EcoIndex), serveurs alimentés en énergie bas carbone.",
                "http://127.0.0.1:8765/callback", scopes, false, self);
    }

    private static Map<Criterion, Assessment> scores(int score, String comment) {
        Map<Criterion, Assessment> out = new EnumMap<>(Criterion.class);
        for (Criterion c : Criterion.values()) {
            out.put(c, new Assessment(score, comment));
        }
        return out;
    }
}
