package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.appointments.AppointmentStatus;
import fr.hygie.identity.Role;
import fr.hygie.journal.JournalAction;
import fr.hygie.platform.security.oauth.ConnectedApps;
import fr.hygie.platform.security.oauth.ScopeDescriptions;
import fr.hygie.prescriptions.PrescriptionStatus;
import fr.hygie.record.DocumentType;
import fr.hygie.record.DocumentTypes;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

/**
 * French first, English on request (?lang=en, remembered), {@code <html lang>} follows; every text of the
 * templates comes from the bundles, which hold the same keys in French and English, and a page reached in
 * English shows no French text of ours (RGAA criterion 8.3/8.4: the declared language is the real one).
 */
@HygieIntegrationTest
class LanguageTest {

    @LocalServerPort
    int port;

    @Test
    void pagesAreFrenchByDefault() {
        WebSession web = new WebSession(port);
        String home = web.get("/").body();
        assertThat(home).contains("<html lang=\"fr\"").contains("Votre espace santé, sous votre contrôle");
        assertThat(home).containsPattern("<a [^>]*lang=\"en\"[^>]*>English</a>");
    }

    @Test
    void englishIsChosenWithLangAndRememberedUntilSwitchedBack() {
        WebSession web = new WebSession(port);
        String english = web.get("/aide?lang=en").body();
        assertThat(english).contains("<html lang=\"en\"").contains("Talk to a person").contains("Skip to content");
        assertThat(english).containsPattern("<a [^>]*lang=\"fr\"[^>]*>Français</a>");
        assertThat(web.get("/droits").body()).contains("<html lang=\"en\"").contains("Your rights over your health data");
        assertThat(web.get("/droits?lang=fr").body()).contains("<html lang=\"fr\"").contains("Vos droits sur vos données de santé");
        assertThat(web.get("/").body()).contains("<html lang=\"fr\"");
    }

    @Test
    void anUnknownLanguageIsIgnored() {
        WebSession web = new WebSession(port);
        assertThat(web.get("/?lang=de").body()).contains("<html lang=\"fr\"");
        assertThat(web.get("/?lang=%22%3E%3Cscript%3E").body()).contains("<html lang=\"fr\"").doesNotContain("<script>");
    }

    @Test
    void theLoggedInLayoutAndDashboardAreTranslated() {
        WebSession web = new WebSession(port).loggedInAs("patient");
        String dashboard = web.get("/accueil?lang=en").body();
        assertThat(dashboard).contains("Hello Marie Durand", "Your personal health space.", "Log out", "Act for someone");
    }

    @Test
    void theEasyToReadRightsPageIsPublicAndLinkedFromTheRightsPage() {
        WebSession web = new WebSession(port);
        assertThat(web.get("/droits").body()).contains("href=\"/droits/facile\"");
        var easy = web.get("/droits/facile");
        assertThat(easy.statusCode()).isEqualTo(200);
        assertThat(easy.body()).contains("facile à lire et à comprendre", "Vous pouvez dire non.");
    }

    @Test
    void everyTextExistsInFrenchAndEnglishAndTheDefaultBundleIsFrench() throws IOException {
        Properties fr = load("/messages_fr.properties");
        Properties en = load("/messages_en.properties");
        Properties fallback = load("/messages.properties");
        assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(fr.keySet());
        assertThat(fallback).isEqualTo(fr);
        assertThat(fr.keySet()).isNotEmpty();
    }

    @Test
    void theThreeBundlesHaveTheSameKeysAndNoEmptyOrBrokenText() throws IOException {
        Properties fr = load("/messages_fr.properties");
        Properties en = load("/messages_en.properties");
        Properties fallback = load("/messages.properties");
        assertThat(fallback.keySet()).containsExactlyInAnyOrderElementsOf(fr.keySet());
        assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(fr.keySet());
        List<String> problems = new ArrayList<>();
        for (Properties bundle : List.of(fr, en)) {
            String name = bundle == fr ? "fr" : "en";
            for (String key : bundle.stringPropertyNames()) {
                String value = bundle.getProperty(key);
                if (value.isBlank()) {
                    problems.add(name + " " + key + " is empty");
                }
                // With an argument the text goes through MessageFormat, where a lone ' swallows the rest.
                if (ARGUMENT.matcher(value).find() && LONE_APOSTROPHE.matcher(value).find()) {
                    problems.add(name + " " + key + " has a lone apostrophe in a text with arguments (write '' or ’)");
                }
            }
        }
        for (String key : fr.stringPropertyNames()) {
            if (!arguments(fr.getProperty(key)).equals(arguments(en.getProperty(key)))) {
                problems.add(key + " does not have the same arguments in French and English");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMessageKeyOfTheTemplatesAndEveryLabelledCodeExistsInTheBundles() throws IOException {
        Properties fr = load("/messages_fr.properties");
        Set<String> missing = new TreeSet<>();
        Path templates = Path.of("src/main/resources/templates");
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(f);
                for (Pattern p : List.of(STATIC_KEY, MSG_KEY)) {
                    Matcher m = p.matcher(html);
                    while (m.find()) {
                        if (!fr.containsKey(m.group(1))) {
                            missing.add(templates.relativize(f) + ": " + m.group(1));
                        }
                    }
                }
            }
        }
        for (JournalAction a : JournalAction.values()) {
            expect(fr, "labels.action." + a.name(), missing);
        }
        for (AppointmentStatus a : AppointmentStatus.values()) {
            expect(fr, "appointments.status." + a.name(), missing);
        }
        for (PrescriptionStatus a : PrescriptionStatus.values()) {
            expect(fr, "prescriptions.status." + a.name(), missing);
        }
        for (Role r : Role.values()) {
            expect(fr, "admin.role." + r.name(), missing);
        }
        assertThat(missing).isEmpty();
    }

    /**
     * Every code a domain module labels in French ({@code label()} of an enum, and its {@code explanation},
     * {@code example}, {@code examples}, {@code unit}) has its key {@code code.<module>.<Enum>.<CONSTANT>} in the
     * bundles, with the enum's French wording word for word, so that pages can show it in the reader's language
     * and the English crawl below recognises it if a page still shows the French text. Codes whose labels live
     * under an older key are listed with that key.
     */
    @Test
    void everyCodeLabelledByADomainModuleHasItsKeyWithTheSameFrenchWording() throws Exception {
        Properties fr = load("/messages_fr.properties");
        Properties en = load("/messages_en.properties");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        Path classes = Path.of("target/classes");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("fr/hygie"))) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("-")).sorted().toList();
        }
        for (Path f : files) {
            String name = classes.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!type.isEnum() || !hasStringMethod(type, "label")) {
                continue;
            }
            String older = Codes.OLDER_KEYS.get(type.getName().substring("fr.hygie.".length()).replace('$', '.'));
            for (Object constant : type.getEnumConstants()) {
                Enum<?> code = (Enum<?>) constant;
                if (older != null) {
                    expectKey(fr, older + "." + code.name(), problems);
                    continue;
                }
                for (String property : List.of("label", "explanation", "example", "examples", "unit", "article")) {
                    if (!hasStringMethod(type, property)) {
                        continue;
                    }
                    String key = Codes.key(code, property.equals("label") ? null : property);
                    String french = (String) type.getMethod(property).invoke(code);
                    checked++;
                    if (!french.equals(fr.getProperty(key))) {
                        problems.add(key + ": French bundle has «" + fr.getProperty(key) + "», the code says «" + french + "»");
                    }
                    if (en.getProperty(key) == null) {
                        problems.add(key + ": no English text");
                    }
                }
            }
        }
        for (DocumentType t : DocumentTypes.bundled().all()) {
            checked++;
            if (!t.label().equals(fr.getProperty("labels.documentType." + t.code())) || en.getProperty("labels.documentType." + t.code()) == null) {
                problems.add("labels.documentType." + t.code() + " missing or not «" + t.label() + "»");
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(problems).isEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    ScopeDescriptions scopeDescriptions;

    @org.springframework.beans.factory.annotation.Autowired
    fr.hygie.support.Cast cast;

    /**
     * Refusals and outcomes that domain modules say as codes reach English pages in English, and French pages with
     * the French wording the modules always used (nothing here changes anyone's settings: unknown app, unknown
     * suggestion).
     */
    @Test
    void refusalsOfTheDomainModulesAreShownInThePageLanguage() {
        WebSession patient = new WebSession(port).loggedInAs("patient");
        patient.get("/mes-applications?lang=en");
        String english = patient.follow(patient.postForm("/mes-applications/retirer", java.util.Map.of("clientId", "no-such-app"))).body();
        assertThat(english).contains("This application is not connected to your space.")
                .doesNotContain("Cette application n'est pas connectée à votre espace.", "Cette application n&#39;est pas connectée");
        patient.get("/mes-applications?lang=fr");
        String french = HtmlUtils.htmlUnescape(
                patient.follow(patient.postForm("/mes-applications/retirer", java.util.Map.of("clientId", "no-such-app"))).body());
        assertThat(french).contains("Cette application n'est pas connectée à votre espace.");

        WebSession doctor = new WebSession(port).loggedInAs("medecin");
        doctor.get("/pro/prevention?lang=en");
        String refused = doctor.follow(doctor.postForm("/pro/prevention/" + java.util.UUID.randomUUID(), java.util.Map.of("decision", "ACCEPT",
                "reason", "ok"))).body();
        assertThat(refused).contains("This suggestion is not in your validation queue.");

        // record module: an emergency session refused (too short a justification), with its argument
        String alice = cast.patient("patient").toString();
        doctor.get("/pro/patients/" + alice + "/urgence?lang=en");
        String tooShort = doctor.postForm("/pro/patients/" + alice + "/urgence", java.util.Map.of("justification", "urgent")).body();
        assertThat(tooShort).contains("Explain in at least 15 characters why emergency access is needed.")
                .doesNotContain("caractères pourquoi");
        doctor.get("/pro/patients/" + alice + "/urgence?lang=fr");
        String court = HtmlUtils.htmlUnescape(
                doctor.postForm("/pro/patients/" + alice + "/urgence", java.util.Map.of("justification", "urgent")).body());
        assertThat(court).contains("Expliquez en au moins 15 caractères pourquoi l'accès en urgence est nécessaire.");
    }

    /**
     * The consent screen of the embedded authorisation server and the "my apps" page describe scopes in the
     * reader's language; the French sentences are those the consent screen always showed.
     */
    @Test
    void scopesAreDescribedInFrenchAsBeforeAndInEnglishOnRequest() {
        List<String> scopes = List.of("openid", "profile", "fhirUser", "offline_access", "launch/patient", "patient/Observation.rs",
                "patient/*.read", "user/Patient.cruds", "user/*.write", "patient/DocumentReference.c", "system/Thing.x", "weird");
        for (String scope : scopes) {
            assertThat(scopeDescriptions.describe(scope, java.util.Locale.FRENCH)).as(scope)
                    .isEqualTo(ConnectedApps.describe(scope));
            assertThat(scopeDescriptions.describe(scope, java.util.Locale.ENGLISH)).as(scope)
                    .isNotEqualTo(ConnectedApps.describe(scope));
        }
        assertThat(scopeDescriptions.describe("patient/Observation.rs", java.util.Locale.ENGLISH))
                .isEqualTo("Read the data of type Observation of your health space");
    }

    private static boolean hasStringMethod(Class<?> type, String name) {
        try {
            return type.getMethod(name).getReturnType() == String.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static void expectKey(Properties bundle, String key, List<String> problems) {
        if (!bundle.containsKey(key)) {
            problems.add(key + " is missing");
        }
    }

    /**
     * Logged in as each kind of account, every page reachable by links is read in English: {@code <html
     * lang="en">}, a title made of an English text of the bundle, an {@code <h1>} that is not one of our French
     * texts, and none of our French texts (at least 12 characters, different in English) anywhere on the page.
     * Data (names, document titles, texts typed by people, national code lists) stay as they are.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "patient", "patient2", "mineur", "medecin", "medecin2", "pharmacien", "infirmier", "dentiste", "kine",
            "aidant", "accueil", "chercheur", "comite", "cnil", "conseiller", "admin", "ars"})
    void aPageReachedInEnglishShowsNoFrenchTextOfOurs(String login) throws IOException {
        Properties fr = load("/messages_fr.properties");
        Properties en = load("/messages_en.properties");
        List<Pattern> englishTexts = en.stringPropertyNames().stream().map(k -> template(en.getProperty(k))).toList();
        // Texts made mostly of arguments ("{0} à {1}") would match any data: only those with words of their own.
        List<Pattern> frenchOnlyTexts = fr.stringPropertyNames().stream()
                .filter(k -> !fr.getProperty(k).equals(en.getProperty(k)) && !NOT_OURS.contains(fr.getProperty(k)))
                .filter(k -> ARGUMENT.matcher(fr.getProperty(k)).replaceAll("").replaceAll("[^\\p{L}]", "").length() >= 8)
                .map(k -> template(fr.getProperty(k))).toList();
        Set<String> frenchMarkers = fr.stringPropertyNames().stream()
                .filter(k -> !fr.getProperty(k).equals(en.getProperty(k)) && !k.startsWith("layout.language."))
                .map(k -> fr.getProperty(k).replace("''", "'")).filter(v -> v.length() >= 12 && !v.contains("{"))
                .filter(v -> !NOT_OURS.contains(v)).collect(Collectors.toSet());
        WebSession web = login.isEmpty() ? new WebSession(port) : new WebSession(port).loggedInAs(login);
        String start = login.isEmpty() ? "/" : "/accueil";
        web.get(start + "?lang=en");
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>(queue);
        List<String> problems = new ArrayList<>();
        int visited = 0;
        while (!queue.isEmpty() && visited < 80) {
            String path = queue.poll();
            HttpResponse<String> r = web.get(path);
            visited++;
            if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                continue;
            }
            String html = r.body();
            if (!html.contains("<html lang=\"en\"")) {
                problems.add(path + ": <html lang> is not en");
            }
            String title = text(first(TITLE, html));
            if (englishTexts.stream().noneMatch(p -> p.matcher(title).matches())) {
                problems.add(path + ": title not from the English bundle: " + title);
            }
            String h1 = text(first(H1, html));
            if (!h1.isEmpty() && frenchOnlyTexts.stream().anyMatch(p -> p.matcher(h1).matches())
                    && englishTexts.stream().noneMatch(p -> p.matcher(h1).matches())) {
                problems.add(path + ": h1 in French: " + h1);
            }
            String body = text(html.replaceAll("(?s)<head>.*?</head>", " "));
            for (String marker : frenchMarkers) {
                if (body.contains(marker)) {
                    problems.add(path + ": French text shown: " + marker);
                }
            }
            Matcher links = LINK.matcher(html);
            while (links.find()) {
                String next = crawlable(links.group(0), HtmlUtils.htmlUnescape(links.group(1)));
                if (next != null && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        assertThat(visited).isGreaterThan(login.isEmpty() ? 3 : 5);
        assertThat(problems).as("pages read in English by " + (login.isEmpty() ? "an anonymous visitor" : login)).isEmpty();
    }

    /**
     * French texts of the bundles that also come, in French, from elsewhere than our templates, so they may
     * appear on an English page. Data: document types of the LOINC catalogue ("Directives anticipées"),
     * appointment reasons and document titles typed by professionals ("Consultation", "... examens de
     * biologie"), in-app notification texts stored when they were sent ("équipe de soins", "dans votre
     * espace"), journal reasons written by other modules ("refus automatique"), contact requests typed by
     * people ("mon espace santé", "Par téléphone"), algorithm descriptions of the registry ("profil médical"),
     * statements typed by publishers of the catalogue ("Déclaration d'accessibilité : ..."), organisations named by
     * research teams ("Agence régionale de santé Auvergne-Rhône-Alpes"), journal reasons written by the prevention
     * algorithms ("Proposition en attente de validation par un professionnel"), the display name of the demo
     * reviewer account ("Comité éthique et scientifique"), reasons typed by the demo reviewers ("Dossier complet.",
     * "Convention signée avec l'Inserm.", "Résultats publiés, ..."), CIM-10 labels of profile items ("Hypertension
     * artérielle essentielle"), document titles typed by professionals that repeat the LOINC type ("Compte rendu
     * d'accouchement").
     */
    private static final Set<String> NOT_OURS = Set.of("Directives anticipées", "Consultation", "examens de biologie",
            "équipe de soins", "dans votre espace", "refus automatique", "mon espace santé", "Par téléphone", "profil médical",
            "Déclaration d'accessibilité", "Agence régionale de santé", "en attente de validation", "Comité éthique et scientifique",
            "Dossier complet", "Convention signée", "Résultats publiés", "Hypertension artérielle", "Compte rendu d'accouchement");

    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d+}");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");
    private static final Pattern STATIC_KEY = Pattern.compile("#\\{([\\w.]+)[}(]");
    private static final Pattern MSG_KEY = Pattern.compile("#messages\\.msg\\('([\\w.]+)'\\)");
    private static final Pattern TITLE = Pattern.compile("(?s)<title[^>]*>(.*?)</title>");
    private static final Pattern H1 = Pattern.compile("(?s)<h1[^>]*>(.*?)</h1>");
    private static final Pattern LINK = Pattern.compile("<a\\s[^>]*href=\"([^\"]+)\"[^>]*>");

    private static void expect(Properties bundle, String key, Set<String> missing) {
        if (!bundle.containsKey(key)) {
            missing.add(key);
        }
    }

    private static List<String> arguments(String text) {
        Matcher m = ARGUMENT.matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found.stream().sorted().distinct().toList();
    }

    /** A bundle text as a pattern: its arguments match anything. */
    private static Pattern template(String text) {
        String[] parts = text.replace("''", "'").split("\\{\\d+}", -1);
        return Pattern.compile(Stream.of(parts).map(Pattern::quote).collect(Collectors.joining(".+?")), Pattern.DOTALL);
    }

    private static String first(Pattern p, String html) {
        Matcher m = p.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    /** Visible text: tags dropped, entities decoded, spaces collapsed. */
    private static String text(String html) {
        return HtmlUtils.htmlUnescape(html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " "))
                .replaceAll("\\s+", " ").strip();
    }

    /** Same-site GET pages only: no logout, downloads, nofollow, language switches, fragments. */
    private static String crawlable(String tag, String href) {
        if (tag.contains(" download") || tag.contains("nofollow") || tag.contains("data-no-crawl") || !href.startsWith("/")
                || href.startsWith("//")) {
            return null;
        }
        URI u = URI.create(href.replace(" ", "%20"));
        String path = u.getRawPath();
        if (path == null || path.startsWith("/logout") || path.startsWith("/fhir") || path.startsWith("/oauth2")
                || path.matches(".*\\.(csv|json|ics|pdf|txt|xml|svg|css|png)$")) {
            return null;
        }
        String query = u.getRawQuery() == null ? "" : Stream.of(u.getRawQuery().split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith("lang=")).collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = LanguageTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
