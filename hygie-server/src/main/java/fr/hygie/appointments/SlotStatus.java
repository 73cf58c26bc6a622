package fr.hygie.appointments;

/** FHIR R4 {@code Slot.status} subset used by agendas. */
public enum SlotStatus {
    FREE("free"), BUSY("busy"), BUSY_UNAVAILABLE("busy-unavailable");

    private final String code;

    SlotStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SlotStatus of(String code) {
        for (SlotStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown slot status " + code);
    }
}
