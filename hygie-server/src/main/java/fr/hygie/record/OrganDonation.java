package fr.hygie.record;

/**
 * The person's stated wish about organ donation. In France everyone is a presumed donor unless
 * registered on the national refusal register; this records what the person wants their relatives
 * and professionals to know.
 */
public enum OrganDonation {
    ACCEPTE("J'accepte le don de mes organes"),
    REFUSE("Je refuse le don de mes organes"),
    NON_EXPRIME("Je ne me prononce pas");

    private final String label;

    OrganDonation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
