package fr.hygie.web.appointments;

import fr.hygie.appointments.PractitionerOffer;
import fr.hygie.appointments.SearchResult;
import fr.hygie.appointments.Slot;
import fr.hygie.platform.web.Html;
import fr.hygie.web.WebMessages;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The result cards of the public search and of the counter's search, their texts and links computed here once per
 * card instead of by some forty template expressions each (issue 13, docs/benchmarks.md « Session 9 — slot search »:
 * rendering the twenty cards was most of the page's CPU). The page is byte for byte what the template made before:
 * the same message keys in the request's language, the same formats ({@link AppointmentsFormat}), and the five
 * characters markup gives a meaning to escaped as Thymeleaf escapes them, since the template inserts the
 * {@code ...Html} parts unescaped. Only public offer data is shown, as before.
 */
@Component
class SearchCards {

    /** One professional found: what the card shows. {@code pageHref} is the public practitioner page. */
    record Card(String name, String pageHref, String professionHtml, String placeHtml, String hintHtml,
            String slotsHtml, String callHtml) {

        public boolean hasSlots() {
            return slotsHtml != null;
        }
    }

    private final WebMessages texts;
    private final AppointmentsFormat format;

    SearchCards(WebMessages texts, AppointmentsFormat format) {
        this.texts = texts;
        this.format = format;
    }

    /** The cards of {@code result}, in its order; slot links start with {@code slotBase}. */
    List<Card> of(SearchResult result, String slotBase) {
        List<Card> cards = new ArrayList<>(result.hits().size());
        for (SearchResult.Hit h : result.hits()) {
            cards.add(card(h, slotBase));
        }
        return cards;
    }

    private Card card(SearchResult.Hit h, String slotBase) {
        PractitionerOffer o = h.offer();
        StringBuilder profession = new StringBuilder(96).append("<span>").append(Html.escape(o.professionLabel())).append("</span>");
        String specialty = o.specialtyLabel();
        if (specialty != null) {
            profession.append("<span>").append(Html.escape(" — " + specialty)).append("</span>");
        }
        String place = "<span>" + Html.escape(o.fullAddress()) + "</span> · <span>" + Html.escape(h.distanceLabel()) + "</span>";
        StringBuilder hint = new StringBuilder(160).append("<span>").append(Html.escape(o.sectorLabel())).append("</span>");
        if (o.tiersPayant()) {
            hint.append("<span>").append(Html.escape(texts.get("appointments.fragments.tiersPayant2"))).append("</span>");
        }
        if (o.teleconsultation()) {
            hint.append("<span>").append(Html.escape(texts.get("appointments.fragments.teleconsultation2"))).append("</span>");
        }
        if (o.wheelchair()) {
            hint.append("<span>").append(Html.escape(texts.get("appointments.fragments.accessibleFauteuil"))).append("</span>");
        }
        if (o.hearingLoop()) {
            hint.append("<span>").append(Html.escape(texts.get("appointments.fragments.boucleMagnetique2"))).append("</span>");
        }
        hint.append(' ').append(Html.escape(texts.get("appointments.fragments.languages")))
                .append(" <span>").append(Html.escape(o.languagesLabel())).append("</span>");
        String slots = null;
        if (!h.nextSlots().isEmpty()) {
            StringBuilder b = new StringBuilder(600);
            for (Slot s : h.nextSlots()) {
                // The same line breaks and indentation as the template's <li> had.
                b.append("\n          <li><a class=\"button\" href=\"").append(Html.escape(slotBase + s.id().value()))
                        .append("\"\n              aria-label=\"")
                        .append(Html.escape(texts.get("appointments.fragments.bookWithAria", format.dateTime(s.startsAt()), o.displayName())))
                        .append("\">")
                        .append(Html.escape(texts.get("appointments.fragments.slotAt", format.shortDay(s.startsAt()), format.time(s.startsAt()))))
                        .append("</a></li>");
            }
            slots = b.append("\n        ").toString();
        }
        String call = o.phone() == null ? null
                : "<span>" + Html.escape(texts.get("appointments.fragments.appelez0", o.phone())) + "</span>";
        return new Card(o.displayName(), "/rendez-vous/praticien/" + o.professional().value(), profession.toString(), place,
                hint.toString(), slots, call);
    }
}
