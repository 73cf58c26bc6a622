package fr.hygie.territory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The health indicators of the territory pages (« indicateurs territoriaux de santé »). A rate is
 * {@code numerator / denominator × scale}; a median is the median of the observations of the territory.
 * {@code historical} indicators can be recomputed for a past month from dated data (profile items); the
 * others describe the present (directory, agendas) and accumulate month after month as snapshots.
 * {@code publicView} indicators are on the public page; the regional-agency view has all of them.
 */
public enum Indicator {
    DIABETES("diabete", "Diabète (personnes avec un diabète connu)", Kind.RATE, 100, "%", true, true, Group.PREVALENCE),
    ASTHMA("asthme", "Asthme", Kind.RATE, 100, "%", true, true, Group.PREVALENCE),
    COPD("bpco", "Bronchopneumopathie chronique obstructive (BPCO)", Kind.RATE, 100, "%", true, true, Group.PREVALENCE),
    HYPERTENSION("hypertension", "Hypertension artérielle", Kind.RATE, 100, "%", true, true, Group.PREVALENCE),
    DEPRESSION("depression", "Dépression", Kind.RATE, 100, "%", true, true, Group.PREVALENCE),
    FLU_VACCINATION("vaccination-grippe", "Couverture vaccinale contre la grippe des 65 ans et plus (12 derniers mois)",
            Kind.RATE, 100, "%", true, true, Group.PREVENTION),
    BREAST_SCREENING("depistage-cancer-sein",
            "Dépistage du cancer du sein : femmes de 50 à 74 ans avec une mammographie de dépistage (2 dernières années)",
            Kind.RATE, 100, "%", true, true, Group.PREVENTION),
    COLORECTAL_SCREENING("depistage-cancer-colorectal",
            "Dépistage du cancer colorectal : personnes de 50 à 74 ans avec un test immunologique (2 dernières années)",
            Kind.RATE, 100, "%", true, true, Group.PREVENTION),
    PHYSICIANS("medecins", "Médecins pour 10 000 habitants inscrits", Kind.RATE, 10_000, "pour 10 000", false, true, Group.ACCESS),
    PROFESSIONALS("professionnels", "Professionnels de santé pour 10 000 habitants inscrits", Kind.RATE, 10_000,
            "pour 10 000", false, false, Group.ACCESS),
    TELECONSULTATION("teleconsultation", "Part des professionnels proposant la téléconsultation", Kind.RATE, 100, "%",
            false, false, Group.ACCESS),
    FIRST_SLOT_DELAY("delai-premier-creneau", "Délai médian jusqu'au premier créneau libre", Kind.MEDIAN, 1, "jours",
            false, false, Group.ACCESS);

    /** How the value is computed. */
    public enum Kind {
        RATE, MEDIAN
    }

    /** Headings of the catalogue. */
    public enum Group {
        PREVALENCE("Prévalence des maladies chroniques"),
        PREVENTION("Prévention : vaccination et dépistage"),
        ACCESS("Accès aux soins");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String slug;
    private final String label;
    private final Kind kind;
    private final int scale;
    private final String unit;
    private final boolean historical;
    private final boolean publicView;
    private final Group group;

    Indicator(String slug, String label, Kind kind, int scale, String unit, boolean historical, boolean publicView, Group group) {
        this.slug = slug;
        this.label = label;
        this.kind = kind;
        this.scale = scale;
        this.unit = unit;
        this.historical = historical;
        this.publicView = publicView;
        this.group = group;
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public int scale() {
        return scale;
    }

    public String unit() {
        return unit;
    }

    public boolean historical() {
        return historical;
    }

    public boolean publicView() {
        return publicView;
    }

    public Group group() {
        return group;
    }

    /** Sums of numerators and denominators are meaningful (rates): secondary suppression applies. */
    public boolean additive() {
        return kind == Kind.RATE;
    }

    public static Optional<Indicator> ofSlug(String slug) {
        return Arrays.stream(values()).filter(i -> i.slug.equals(slug == null ? "" : slug.strip())).findFirst();
    }

    /** The indicators of the public view ({@code all} = false) or of the regional-agency view. */
    public static List<Indicator> catalogue(boolean all) {
        return Arrays.stream(values()).filter(i -> all || i.publicView).toList();
    }
}
