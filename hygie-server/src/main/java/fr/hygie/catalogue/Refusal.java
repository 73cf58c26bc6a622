package fr.hygie.catalogue;

/** An automatic refusal: a stable code and the reason stated to the publisher and to the public. */
public record Refusal(String code, String reason) {

    public static final String NON_EU_LAW = "NON_EU_LAW";
    public static final String SALE_OF_DATA = "SALE_OF_DATA";
    public static final String ADVERTISING = "ADVERTISING";
}
