package fr.hygie.appointments;

import java.util.List;

/**
 * What {@link Agendas#importSlots} did with one agenda's slots: how many were stored, how many were
 * already there (same id, or the same start in that agenda: never two slots at one time), and each slot
 * refused with its French reason (nothing stored for it).
 */
public record SlotImport(int created, int alreadyThere, List<Refused> refused) {

    public SlotImport {
        refused = List.copyOf(refused);
    }

    /** A slot that breaks a rule, and why. */
    public record Refused(SlotId slot, String reason) {
    }
}
