package fr.hygie.platform.web;

/** Input refused with a code, a field and a French message (see {@link RefusedInput}). */
public class InvalidInput extends IllegalArgumentException implements RefusedInput {

    private final String code;
    private final String field;

    public InvalidInput(String code, String field, String frenchMessage) {
        super(frenchMessage);
        this.code = code;
        this.field = field;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String field() {
        return field;
    }
}
