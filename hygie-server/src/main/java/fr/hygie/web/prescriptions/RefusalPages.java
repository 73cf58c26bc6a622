package fr.hygie.web.prescriptions;

import fr.hygie.prescriptions.PrescriptionRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** A refused move shown as a page with its HTTP status (409 for an illegal transition, naming the state). */
final class RefusalPages {

    private RefusalPages() {
    }

    static ModelAndView page(PrescriptionRefusal refusal, String back) {
        ModelAndView mv = new ModelAndView("prescriptions/refused");
        mv.addObject("message", refusal.getMessage());
        mv.addObject("back", back);
        mv.setStatus(HttpStatus.valueOf(refusal.status()));
        return mv;
    }

    static int number(String raw, int fallback) {
        try {
            return Integer.parseInt(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
