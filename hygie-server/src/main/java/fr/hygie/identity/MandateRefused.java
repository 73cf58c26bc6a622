package fr.hygie.identity;

/** A mandate that cannot be granted or changed, with the reason in plain French. */
public class MandateRefused extends RuntimeException implements fr.hygie.platform.web.RefusedInput {
    public MandateRefused(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "MANDATE_REFUSED";
    }

    @Override
    public String field() {
        return null;
    }

    @Override
    public int status() {
        return 422;
    }
}
