package fr.hygie.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules that refuse an application at once, before any review (« motifs de refus automatique »),
 * each with its reason: hosting subject to a law outside the European Union (sovereignty: EU law only,
 * whatever the location of the servers — a provider under a third country's law can be compelled to hand
 * data over), any sale of data (CSP L1111-8: selling identifying health data is a crime; Hygie refuses
 * any sale), any advertising use (EHDS art. 54 forbids advertising and marketing uses). A pure function:
 * no database, no clock.
 */
public final class AutomaticRefusals {

    /** The 27 member states (ISO 3166-1 alpha-2; Greece as GR). */
    public static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
            "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private AutomaticRefusals() {
    }

    /** Every rule the application breaks, in a fixed order; empty when it goes to review. */
    public static List<Refusal> check(NewApplication a) {
        List<Refusal> out = new ArrayList<>();
        String location = code(a.hostingCountry());
        String law = code(a.hostingLawCountry());
        if (!EU.contains(location) || !EU.contains(law)) {
            out.add(new Refusal(Refusal.NON_EU_LAW, "L'hébergement est soumis à un droit extérieur à l'Union européenne ("
                    + (EU.contains(law) ? "hébergé hors de l'Union : " + location : "droit applicable : " + law)
                    + ") : les données de santé ne sont hébergées que sous le seul droit de l'Union."));
        }
        if (a.sellsData()) {
            out.add(new Refusal(Refusal.SALE_OF_DATA, "L'éditeur déclare vendre des données : toute vente de données est exclue "
                    + "(la vente de données de santé identifiantes est un délit, article L1111-8 du code de la santé publique)."));
        }
        if (a.advertising()) {
            out.add(new Refusal(Refusal.ADVERTISING, "L'éditeur déclare un usage publicitaire : la publicité et le marketing sont "
                    + "des usages interdits des données de santé (règlement sur l'espace européen des données de santé, article 54)."));
        }
        return List.copyOf(out);
    }

    private static String code(String country) {
        return country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
    }
}
