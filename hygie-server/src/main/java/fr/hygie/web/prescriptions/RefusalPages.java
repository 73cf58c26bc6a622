package fr.hygie.web.prescriptions;

import fr.hygie.prescriptions.PrescriptionRefusal;
import fr.hygie.web.Codes;
import fr.hygie.web.WebMessages;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refused move shown as a page with its HTTP status (409 for an illegal transition, naming the state), its
 * message in the reader's language from the refusal's code ({@link PrescriptionRefusal.Wording}).
 */
final class RefusalPages {

    private RefusalPages() {
    }

    static ModelAndView page(PrescriptionRefusal refusal, String back, WebMessages texts) {
        ModelAndView mv = new ModelAndView("prescriptions/refused");
        mv.addObject("message", message(refusal, texts));
        mv.addObject("back", back);
        mv.setStatus(HttpStatus.valueOf(refusal.status()));
        return mv;
    }

    /** The refusal's sentence in the reader's language (the French one is {@code refusal.getMessage()}). */
    static String message(PrescriptionRefusal refusal, WebMessages texts) {
        String key = Codes.key(refusal.wording(), null);
        switch (refusal.wording()) {
            case ILLEGAL_TRANSITION:
                return texts.get(key, texts.get(Codes.key(refusal.move(), null)),
                        texts.get("prescriptions.status." + refusal.currentState().name()), refusal.currentState().name());
            case RECORD_REFUSED:
                return texts.get(key, refusal.detail());
            default:
                return texts.get(key, refusal.args().toArray());
        }
    }

    static int number(String raw, int fallback) {
        try {
            return Integer.parseInt(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
