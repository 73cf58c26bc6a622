package fr.hygie.catalogue;

import fr.hygie.support.AppClient;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Applications for tests: a clean one, and variations; each with a unique service name. */
public final class Applications {

    private Applications() {
    }

    public static NewApplication clean(String scopes) {
        return of("FR", "FR", false, false, scopes);
    }

    public static NewApplication of(String country, String law, boolean sellsData, boolean advertising, String scopes) {
        Map<Criterion, Assessment> self = new EnumMap<>(Criterion.class);
        for (Criterion c : Criterion.values()) {
            self.put(c, new Assessment(2, "Justification de l'éditeur."));
        }
        String name = "Service de test " + UUID.randomUUID().toString().substring(0, 8);
        return new NewApplication(name, "Un service de test.", "Éditeur de test", "contact@exemple.fr", "Hébergeur HDS", country, law, "HDS",
                "Mesures de tension.", "Suivi à domicile.", "Gratuit, financé par une mutuelle.", sellsData, advertising,
                "https://exemple.fr/accessibilite", "0,3 g CO2e par page.", AppClient.REDIRECT_URI, scopes, false, self);
    }

    public static Map<Criterion, Assessment> allScored(int score) {
        Map<Criterion, Assessment> m = new EnumMap<>(Criterion.class);
        for (Criterion c : Criterion.values()) {
            m.put(c, new Assessment(score, "Vu en comité."));
        }
        return m;
    }
}
