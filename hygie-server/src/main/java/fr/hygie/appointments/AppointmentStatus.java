package fr.hygie.appointments;

import java.util.EnumSet;
import java.util.Set;

/**
 * Status of an appointment, as FHIR R4 {@code Appointment.status} (value set appointmentstatus). The
 * allowed moves live here; any other move is refused with the current status named.
 */
public enum AppointmentStatus {
    PROPOSED("proposed", "proposé"),
    PENDING("pending", "en attente de confirmation"),
    BOOKED("booked", "confirmé"),
    ARRIVED("arrived", "arrivé"),
    FULFILLED("fulfilled", "honoré"),
    CANCELLED("cancelled", "annulé"),
    NOSHOW("noshow", "non honoré (absence)"),
    ENTERED_IN_ERROR("entered-in-error", "saisi par erreur"),
    CHECKED_IN("checked-in", "enregistré à l'accueil"),
    WAITLIST("waitlist", "en liste d'attente");

    private final String fhir;
    private final String label;

    AppointmentStatus(String fhir, String label) {
        this.fhir = fhir;
        this.label = label;
    }

    /** The FHIR R4 code. */
    public String fhir() {
        return fhir;
    }

    /** The French label shown to people. */
    public String label() {
        return label;
    }

    public static AppointmentStatus ofFhir(String code) {
        for (AppointmentStatus s : values()) {
            if (s.fhir.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown appointment status " + code);
    }

    /** Statuses that hold the slot: at most one booking per slot may have one of them. */
    public boolean holdsSlot() {
        return this != CANCELLED && this != ENTERED_IN_ERROR && this != WAITLIST;
    }

    /** Still to come or under way: can be cancelled or moved by the person. */
    public boolean active() {
        return this == PROPOSED || this == PENDING || this == BOOKED || this == WAITLIST;
    }

    public Set<AppointmentStatus> next() {
        switch (this) {
            case PROPOSED:
                return EnumSet.of(PENDING, BOOKED, CANCELLED, ENTERED_IN_ERROR);
            case PENDING:
            case WAITLIST:
                return EnumSet.of(BOOKED, CANCELLED, ENTERED_IN_ERROR);
            case BOOKED:
                return EnumSet.of(ARRIVED, CHECKED_IN, FULFILLED, CANCELLED, NOSHOW, ENTERED_IN_ERROR);
            case CHECKED_IN:
                return EnumSet.of(ARRIVED, FULFILLED, ENTERED_IN_ERROR);
            case ARRIVED:
                return EnumSet.of(FULFILLED, ENTERED_IN_ERROR);
            case NOSHOW:
                return EnumSet.of(ENTERED_IN_ERROR);
            default:
                return EnumSet.noneOf(AppointmentStatus.class);
        }
    }

    public boolean canBecome(AppointmentStatus target) {
        return next().contains(target);
    }
}
