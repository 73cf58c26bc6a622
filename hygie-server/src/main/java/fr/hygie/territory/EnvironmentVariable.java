package fr.hygie.territory;

import java.util.Arrays;
import java.util.Optional;

/**
 * The environment and living-conditions variables accepted by the import (column {@code variable} of
 * {@code docs/territory-datasets.md}), with their unit and the plausible range a value must fall in.
 */
public enum EnvironmentVariable {
    PM25("pm25", "Particules fines PM2,5 (moyenne annuelle)", "µg/m³", 0, 500),
    NO2("no2", "Dioxyde d'azote NO2 (moyenne annuelle)", "µg/m³", 0, 500),
    O3("o3", "Ozone O3 (moyenne annuelle)", "µg/m³", 0, 500),
    HEAT_DAYS("jours_chaleur", "Jours de forte chaleur dans l'année", "jours", 0, 366),
    DEPRIVATION("indice_defavorisation", "Indice de défavorisation sociale (FDep)", "indice", -10, 10),
    OVERCROWDING("suroccupation_logement", "Logements suroccupés", "%", 0, 100);

    private final String code;
    private final String label;
    private final String unit;
    private final double min;
    private final double max;

    EnvironmentVariable(String code, String label, String unit, double min, double max) {
        this.code = code;
        this.label = label;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public static Optional<EnvironmentVariable> ofCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code.equals(code == null ? "" : code.strip())).findFirst();
    }
}
