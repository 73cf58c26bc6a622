package fr.hygie.synth;

/** Sex as carried by the INS (M/F) and by the first digit of the NIR (1/2). */
public enum Sex {
    M(1), F(2);

    private final int nirDigit;

    Sex(int nirDigit) {
        this.nirDigit = nirDigit;
    }

    public int nirDigit() {
        return nirDigit;
    }
}
