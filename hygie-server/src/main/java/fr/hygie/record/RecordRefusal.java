package fr.hygie.record;

import fr.hygie.platform.web.RefusedInput;

/**
 * A write refused for a reason the person may know (bad input, a state that forbids the move). Refusals
 * that would reveal a hidden document are never raised: the caller gets "not found" instead.
 */
public class RecordRefusal extends RuntimeException implements RefusedInput {

    private final String code;
    private final String field;
    private final int status;

    public RecordRefusal(String code, String field, int status, String frenchMessage) {
        super(frenchMessage);
        this.code = code;
        this.field = field;
        this.status = status;
    }

    public static RecordRefusal invalid(String code, String field, String message) {
        return new RecordRefusal(code, field, 400, message);
    }

    public static RecordRefusal forbidden(String message) {
        return new RecordRefusal("FORBIDDEN", null, 403, message);
    }

    public static RecordRefusal conflict(String code, String message) {
        return new RecordRefusal(code, null, 409, message);
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
