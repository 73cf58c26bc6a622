package fr.hygie.territory;

/**
 * A département, a région or France as a whole: COG code, name, the code of the enclosing territory ({@code null}
 * for France) and the map site (latitude, longitude) the schematic geometry is built around.
 */
public record Territory(TerritoryLevel level, String code, String name, String parentCode, double latitude, double longitude) {

    public static final String FRANCE_CODE = "FR";

    public boolean overseas() {
        return level == TerritoryLevel.DEPARTEMENT ? code.length() == 3
                : level == TerritoryLevel.REGION && code.startsWith("0");
    }
}
