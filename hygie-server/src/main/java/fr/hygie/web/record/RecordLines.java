package fr.hygie.web.record;

import fr.hygie.record.ContactPerson;
import fr.hygie.record.DocumentSummary;
import fr.hygie.record.DocumentTypes;
import fr.hygie.record.ProfileItem;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.record.ProfileView;
import fr.hygie.platform.web.Html;
import fr.hygie.web.WebMessages;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The record's documents and medical profile (profil médical) as the pages show them: each line formatted once here —
 * dates written, labels and section headings taken from the message bundles in the page's language, the « saisi par »
 * hint composed — and each table row and list item written once as HTML by {@link RecordHtml}, escaped there with
 * the very function Thymeleaf's {@code th:text} uses, so that {@code templates/record/fragments.html} inserts one
 * string per table and per section instead of evaluating 5 to 8 expressions on 6 to 8 elements per line. Issue 13: the templates' interpreted Spring EL (date formatting, bean and message
 * calls with arguments, about 200 expressions for a person with ~14 profile lines) was the largest share of a record
 * page's CPU. The texts are the same keys and the same formats the templates used.
 */
@Component
public class RecordLines {

    /** The format the templates used ({@code #temporals.format(date, 'dd/MM/yyyy')}), the same in every language. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** The classes of the bundled catalogue, in its order (the documents' filter). */
    private static final List<String> CLASSES = DocumentTypes.bundled().all().stream().map(t -> t.documentClass())
            .distinct().toList();

    private final WebMessages texts;
    private final Labels labels;
    /** {@link #texts()} in French and in English, once read (a benign race: both threads read the same texts). */
    private volatile Texts french;
    private volatile Texts english;

    RecordLines(WebMessages texts, Labels labels) {
        this.texts = texts;
        this.labels = labels;
    }

    /** The documents table; {@code base} is the URL prefix of each document's page (the id follows). */
    public DocumentTable documents(List<DocumentSummary> documents, String base) {
        List<DocumentRow> rows = new ArrayList<>(documents.size());
        for (DocumentSummary d : documents) {
            rows.add(new DocumentRow(base + d.id(), date(d.clinicalDate()), labels.documentType(d.typeCode(), d.typeLabel()),
                    d.title(), d.masked(), d.authorName()));
        }
        String caption = rows.isEmpty() ? null : texts.get("record.fragments.documents0", rows.size());
        Texts t = texts();
        String rowsHtml = RecordHtml.documentRows(rows, rows.isEmpty() ? null : t.maskedTag());
        return new DocumentTable(caption, List.copyOf(rows), RecordHtml.documents(caption, rows, rowsHtml, t));
    }

    /** The sections, wishes and contacts the reader may see, in the order of the view. */
    public ProfileLines profile(ProfileView view) {
        List<Section> sections = new ArrayList<>(view.sections().size());
        for (Map.Entry<ProfileSectionKind, List<ProfileItem>> entry : view.sections().entrySet()) {
            List<Line> lines = new ArrayList<>(entry.getValue().size());
            for (ProfileItem item : entry.getValue()) {
                lines.add(line(item));
            }
            sections.add(new Section(texts.get("record.section." + entry.getKey().name()), List.copyOf(lines),
                    RecordHtml.profileLines(lines)));
        }
        String donation = view.wishesVisible()
                ? view.organDonation().map(d -> texts.get("record.organDonation." + d.name())).orElse(null) : null;
        String directives = view.wishesVisible() ? view.advanceDirectives().orElse(null) : null;
        List<Contact> contacts = new ArrayList<>();
        for (ContactPerson c : view.contacts().orElse(List.of())) {
            contacts.add(new Contact(c.name(), texts.get("PERSONNE_DE_CONFIANCE".equals(c.kind())
                    ? "record.fragments.trustedPerson" : "record.fragments.toNotify"), c.relation(), c.phone()));
        }
        ProfileLines profile = new ProfileLines(List.copyOf(sections), view.wishesVisible(), donation, directives,
                List.copyOf(contacts), null);
        return profile.withHtml(RecordHtml.profile(profile, texts()));
    }

    /**
     * The document classes of the bundled catalogue for the filter's list, each with its label in the page's language;
     * {@code chosen} (the request's {@code classe}) is the selected one.
     */
    public List<ClassOption> classOptions(String chosen) {
        List<ClassOption> options = new ArrayList<>();
        for (String c : CLASSES) {
            options.add(new ClassOption(c, labels.documentClass(c), c.equals(chosen)));
        }
        return options;
    }

    Line line(ProfileItem item) {
        // MessageFormat receives the same arguments as the template's message expression did (the date as text, the
        // name), so the hint reads exactly as before in both languages.
        return new Line(item.display(), item.value() == null ? null : item.value().toString(), item.unit(),
                texts.get("record.fragments.t0Saisi1", date(item.date()), item.enteredBy()), item.note());
    }

    /**
     * The fragments' constant texts in the request's language, escaped; kept for French and English (the bundles do not
     * change while the server runs), made each time for any other language (a hostile cookie may name any).
     */
    Texts texts() {
        Locale locale = texts.locale();
        if (Locale.FRENCH.equals(locale)) {
            return french != null ? french : (french = readTexts());
        }
        if (Locale.ENGLISH.equals(locale)) {
            return english != null ? english : (english = readTexts());
        }
        return readTexts();
    }

    private Texts readTexts() {
        return Texts.read(key -> texts.get(key));
    }

    /**
     * The fragments' constant texts, escaped as {@code th:text} escapes them, except {@code maskedTag} (escaped where
     * it is written, {@link RecordHtml#documentRows}).
     */
    record Texts(String noDocument, String date, String type, String title, String author, String maskedTag,
            String nothingEntered, String wishes, String organDonation, String advanceDirectives, String contacts) {

        /** The texts from {@code message} (a key's text in one language). */
        static Texts read(java.util.function.Function<String, String> message) {
            java.util.function.Function<String, String> text = key -> Html.escape(message.apply(key));
            return new Texts(text.apply("record.fragments.aucunDocumentAfficher"), text.apply("record.fragments.date"),
                    text.apply("record.fragments.type"), text.apply("record.fragments.titre"),
                    text.apply("record.fragments.auteur"), message.apply("record.fragments.masqueProfessionnels"),
                    text.apply("record.fragments.rienRenseigne"), text.apply("record.fragments.volontes"),
                    text.apply("record.fragments.donOrganes"), text.apply("record.fragments.directivesAnticipees"),
                    text.apply("record.fragments.personnesPrevenir"));
        }
    }

    /** A date as the record pages write it, or null (an empty cell) when there is none. */
    static String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }

    /**
     * The documents table: {@code caption} (« Documents (3) ») is null when there is no row; {@code html} is the
     * documents fragment's whole content (the table, or « Aucun document à afficher. »), written and escaped in Java
     * ({@link RecordHtml}).
     */
    public record DocumentTable(String caption, List<DocumentRow> rows, String html) {
        public boolean empty() {
            return rows.isEmpty();
        }
    }

    /** One document's row: link, date, type label in the page's language, title, whether masked, author. */
    public record DocumentRow(String href, String date, String type, String title, boolean masked, String author) {
    }

    /**
     * What the profile fragment prints: sections, then wishes (when visible) and contacts (empty when not shown);
     * {@code html} is the fragment's whole content, written and escaped in Java ({@link RecordHtml}).
     */
    public record ProfileLines(List<Section> sections, boolean wishesVisible, String organDonation, String advanceDirectives,
            List<Contact> contacts, String html) {
        ProfileLines withHtml(String html) {
            return new ProfileLines(sections, wishesVisible, organDonation, advanceDirectives, contacts, html);
        }
    }

    /**
     * A section heading and its lines (none: « Rien n'est renseigné. »); {@code linesHtml} is the list's content, the
     * lines written and escaped in Java ({@link RecordHtml}).
     */
    public record Section(String heading, List<Line> lines, String linesHtml) {
    }

    /**
     * One profile line: {@code value} and {@code unit} are null for a line without a measured value; {@code hint} is
     * « (01/01/2020, saisi par Dr X) »; {@code note} may be null.
     */
    public record Line(String display, String value, String unit, String hint, String note) {
    }

    /** One choice of the documents' filter by class. */
    public record ClassOption(String value, String label, boolean selected) {
    }

    /** A person to contact: {@code role} in words (« personne de confiance » or « à prévenir »). */
    public record Contact(String name, String role, String relation, String phone) {
    }
}
