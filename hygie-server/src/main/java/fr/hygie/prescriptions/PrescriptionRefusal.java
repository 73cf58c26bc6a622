package fr.hygie.prescriptions;

import fr.hygie.platform.web.RefusedInput;

/**
 * A move refused for a reason the person may know. An illegal transition is a 409 whose message names
 * the current state (STYLE: "each refusal names the current state").
 */
public class PrescriptionRefusal extends RuntimeException implements RefusedInput {

    private final String code;
    private final String field;
    private final int status;
    private final PrescriptionStatus current;

    PrescriptionRefusal(String code, String field, int status, PrescriptionStatus current, String frenchMessage) {
        super(frenchMessage);
        this.code = code;
        this.field = field;
        this.status = status;
        this.current = current;
    }

    static PrescriptionRefusal illegal(String action, PrescriptionStatus current) {
        return new PrescriptionRefusal("ILLEGAL_TRANSITION", null, 409, current, "Impossible de " + action
                + " : l'ordonnance est à l'état « " + current.labelFr() + " » (" + current.name() + ").");
    }

    static PrescriptionRefusal invalid(String code, String field, String message) {
        return new PrescriptionRefusal(code, field, 400, null, message);
    }

    static PrescriptionRefusal forbidden(String code, String message) {
        return new PrescriptionRefusal(code, null, 403, null, message);
    }

    static PrescriptionRefusal notFound(String message) {
        return new PrescriptionRefusal("NOT_FOUND", null, 404, null, message);
    }

    /** The state that forbade the move, for a 409; null for other refusals. */
    public PrescriptionStatus currentState() {
        return current;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public int status() {
        return status;
    }
}
