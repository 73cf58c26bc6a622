package fr.hygie.web.research;

import fr.hygie.research.MoveOutcome;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/** What the research pages share: a refused move becomes a page with its status (409 for an illegal move). */
final class ResearchPages {

    private ResearchPages() {
    }

    /** The refusal page, answered with the refusal's HTTP status. */
    static String refused(MoveOutcome.Refused r, String back, Model model, HttpServletResponse response) {
        response.setStatus(r.refusal().httpStatus());
        model.addAttribute("message", r.message());
        // the page says it in the reader's language from the refusal's code (research/refused.html)
        model.addAttribute("refusal", r);
        model.addAttribute("back", back);
        return "research/refused";
    }
}
