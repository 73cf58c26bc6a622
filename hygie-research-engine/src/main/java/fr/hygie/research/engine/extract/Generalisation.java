package fr.hygie.research.engine.extract;

import fr.hygie.research.engine.warehouse.Territories;

/**
 * Generalisation hierarchies of quasi-identifiers (global recoding: a whole column moves up one level at a
 * time). Values are strings; {@code null} (no value) stays null at every level; {@link #TOP} is the
 * fully suppressed value.
 */
public final class Generalisation {

    public static final String TOP = "*";
    private static final int[] AGE_BANDS = {1, 5, 10, 20};

    public enum Kind { AGE, TERRITORY, DATE, OTHER }

    private Generalisation() {
    }

    public static Kind kindOf(String variable) {
        if (variable.equals("age")) {
            return Kind.AGE;
        }
        if (variable.equals("commune") || variable.equals("department") || variable.equals("region")) {
            return Kind.TERRITORY;
        }
        if (variable.startsWith("condition_first_date:")) {
            return Kind.DATE;
        }
        return Kind.OTHER;
    }

    /** Label of an age band of {@code width} years: "37" for 1, "35-39" for 5. */
    public static String ageBand(int age, int width) {
        int lo = age / width * width;
        return width == 1 ? Integer.toString(lo) : lo + "-" + (lo + width - 1);
    }

    /** Names of the levels above the base, base first. */
    public static String[] levels(String variable, int ageBand, String dateGranularity) {
        switch (kindOf(variable)) {
            case AGE: {
                java.util.List<String> l = new java.util.ArrayList<>();
                for (int b : AGE_BANDS) {
                    if (b >= ageBand) {
                        l.add(b == 1 ? "age in years" : "age band " + b + " years");
                    }
                }
                l.add(TOP);
                return l.toArray(new String[0]);
            }
            case TERRITORY:
                return variable.equals("commune") ? new String[] {"commune", "department", "region", TOP}
                        : variable.equals("department") ? new String[] {"department", "region", TOP}
                        : new String[] {"region", TOP};
            case DATE:
                return dateGranularity.equals("MONTH") ? new String[] {"month", "year", TOP} : new String[] {"year", TOP};
            default:
                return new String[] {"value", TOP};
        }
    }

    /** Generalises a base value {@code steps} levels up its hierarchy. */
    public static String up(String variable, String base, int steps, int ageBand, String dateGranularity) {
        if (base == null || steps == 0) {
            return base;
        }
        String[] names = levels(variable, ageBand, dateGranularity);
        if (steps >= names.length - 1) {
            return TOP;
        }
        switch (kindOf(variable)) {
            case AGE: {
                int lo = Integer.parseInt(base.contains("-") ? base.substring(0, base.indexOf('-')) : base);
                int baseIndex = java.util.Arrays.binarySearch(AGE_BANDS, ageBand);
                return ageBand(lo, AGE_BANDS[baseIndex + steps]);
            }
            case TERRITORY: {
                String value = base;
                int level = variable.equals("commune") ? 0 : variable.equals("department") ? 1 : 2;
                for (int i = 0; i < steps; i++, level++) {
                    value = level == 0 ? Territories.departmentOf(value) : Territories.regionOf(value);
                    if (value == null) {
                        return TOP;
                    }
                }
                return value;
            }
            case DATE:
                return base.substring(0, 4);
            default:
                return TOP;
        }
    }
}
