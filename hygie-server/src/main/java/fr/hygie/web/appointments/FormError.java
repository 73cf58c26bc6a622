package fr.hygie.web.appointments;

/** An error shown in a page's error summary, linking to the field at fault ({@code field} = its id). */
public record FormError(String field, String message) {
}
