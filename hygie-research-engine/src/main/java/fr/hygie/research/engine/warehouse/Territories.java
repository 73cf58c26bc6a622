package fr.hygie.research.engine.warehouse;

import java.util.HashMap;
import java.util.Map;

/**
 * The territorial hierarchy commune → département → région (INSEE Code officiel géographique,
 * régions since 2016). Used when a source gives only the commune code, and for generalisation.
 */
public final class Territories {

    private static final Map<String, String> REGION_OF_DEPARTMENT = build();

    private Territories() {
    }

    private static Map<String, String> build() {
        Map<String, String> m = new HashMap<>();
        put(m, "11", "75 77 78 91 92 93 94 95");
        put(m, "24", "18 28 36 37 41 45");
        put(m, "27", "21 25 39 58 70 71 89 90");
        put(m, "28", "14 27 50 61 76");
        put(m, "32", "02 59 60 62 80");
        put(m, "44", "08 10 51 52 54 55 57 67 68 88");
        put(m, "52", "44 49 53 72 85");
        put(m, "53", "22 29 35 56");
        put(m, "75", "16 17 19 23 24 33 40 47 64 79 86 87");
        put(m, "76", "09 11 12 30 31 32 34 46 48 65 66 81 82");
        put(m, "84", "01 03 07 15 26 38 42 43 63 69 73 74");
        put(m, "93", "04 05 06 13 83 84");
        put(m, "94", "2A 2B");
        put(m, "01", "971");
        put(m, "02", "972");
        put(m, "03", "973");
        put(m, "04", "974");
        put(m, "06", "976");
        return Map.copyOf(m);
    }

    private static void put(Map<String, String> m, String region, String departments) {
        for (String d : departments.split(" ")) {
            m.put(d, region);
        }
    }

    /** Département of an INSEE commune code: 3 characters overseas (97x), otherwise 2 (2A/2B for Corsica). */
    public static String departmentOf(String communeInsee) {
        if (communeInsee == null || communeInsee.length() != 5) {
            return null;
        }
        return communeInsee.startsWith("97") ? communeInsee.substring(0, 3) : communeInsee.substring(0, 2);
    }

    /** Région code of a département, {@code null} when unknown. */
    public static String regionOf(String department) {
        return department == null ? null : REGION_OF_DEPARTMENT.get(department);
    }

    public static Map<String, String> regionOfDepartment() {
        return REGION_OF_DEPARTMENT;
    }
}
