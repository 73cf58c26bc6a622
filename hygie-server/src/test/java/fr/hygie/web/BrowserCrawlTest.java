package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.NewAttachment;
import fr.hygie.messaging.PostOutcome;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * Every page each demo account (and an anonymous visitor) can reach by following links, in French and in English:
 * answers 200, has zero axe-core WCAG 2.1 A/AA violations, {@code <html lang>} of the language, sends no request to
 * another origin, breaks no CSP rule, carries the security headers and the link to a person, stays under the weight
 * budget. Screenshots of the main pages land in {@code target/screenshots/}, the time each crawl took in
 * {@code target/crawl-timings.tsv}.
 *
 * <p>Cost (the whole suite must stay under 30 minutes on 2 shared cores): one login per account, the English crawl
 * follows in the same browser context after the language link (its cookie), and axe does not run twice on the same
 * bytes. axe's result is a function of the page's HTML (the stylesheet is the same, no script changes the DOM): a
 * page is not checked again when its HTML, with the per-session CSRF token and the logged-in person's name in the
 * header blanked, equals one already found clean (the name itself is checked on the account's own dashboard, which
 * always differs from other accounts' pages).
 */
@HygieIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserCrawlTest {

    private static final Logger log = LoggerFactory.getLogger(BrowserCrawlTest.class);
    private static final List<String> MAIN_PAGES = List.of("/", "/login", "/accueil", "/aide", "/droits", "/droits/facile", "/agir-pour");
    private static final Pattern CSRF = Pattern.compile("(name=\"_csrf\"[^>]*value=\")[^\"]*\"|(value=\")[^\"]*(\"[^>]*name=\"_csrf\")");
    private static final Pattern WHO = Pattern.compile("(<p class=\"wrap who\">.*?<strong>)[^<]*(</strong>)", Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    Accounts accounts;

    @Autowired
    Mandates mandates;

    @Autowired
    Documents documents;

    @Autowired
    Conversations conversations;

    @Autowired
    Prescriptions prescriptions;

    @Autowired
    MessageSource messages;

    @Autowired
    Journal journal;

    /** Hashes of pages found with zero violations, shared by the crawls of this class. */
    private final Set<String> cleanPages = ConcurrentHashMap.newKeySet();
    private final Map<String, String> timings = new ConcurrentSkipListMap<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"patient", "patient2", "mineur", "medecin", "medecin2", "pharmacien", "infirmier", "dentiste",
            "kine", "aidant", "accueil", "chercheur", "comite", "cnil", "conseiller", "admin", "ars"})
    void everyPageAnAccountReachesIsAccessibleAndSelfHostedInFrenchAndEnglish(String login) {
        long began = System.nanoTime();
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs(login)) {
            Axe axe = new Axe(browser);
            List<SiteCrawler.Visit> french = new SiteCrawler(browser).crawl("/accueil", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("fr");
                axe.check(page, html);
                if (path.equals("/accueil")) {
                    assertThat(browser.screenshot("dashboard-" + login)).isRegularFile();
                }
            });
            long frenchDone = System.nanoTime();
            browser.go("/accueil?lang=en");
            List<SiteCrawler.Visit> english = new SiteCrawler(browser).crawl("/accueil", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("en");
                axe.check(page, html);
                if (path.equals("/accueil")) {
                    assertThat(browser.screenshot("dashboard-en-" + login)).isRegularFile();
                }
            });
            assertThat(french).extracting(SiteCrawler.Visit::path).contains("/accueil", "/aide", "/droits");
            assertThat(english).extracting(SiteCrawler.Visit::path).as("the English crawl reaches the same pages")
                    .containsExactlyInAnyOrderElementsOf(french.stream().map(SiteCrawler.Visit::path).toList());
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
            record(login, french.size(), english.size(), axe, began, frenchDone);
        }
    }

    @Test
    void everyPublicPageIsAccessibleAndSelfHostedInFrenchAndEnglish() {
        long began = System.nanoTime();
        try (BrowserSession browser = BrowserSession.open(port)) {
            Axe axe = new Axe(browser);
            List<SiteCrawler.Visit> french = new SiteCrawler(browser).crawl("/", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("fr");
                axe.check(page, html);
                if (MAIN_PAGES.contains(path)) {
                    assertThat(browser.screenshot("public" + (path.equals("/") ? "-home" : path.replace('/', '-')))).isRegularFile();
                }
            });
            long frenchDone = System.nanoTime();
            assertThat(french).extracting(SiteCrawler.Visit::path).contains("/", "/login", "/aide", "/droits", "/droits/facile");
            browser.go("/?lang=en");
            List<SiteCrawler.Visit> english = new SiteCrawler(browser).crawl("/", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("en");
                axe.check(page, html);
                if (MAIN_PAGES.contains(path)) {
                    assertThat(browser.screenshot("public-en" + (path.equals("/") ? "-home" : path.replace('/', '-')))).isRegularFile();
                }
            });
            assertThat(english).extracting(SiteCrawler.Visit::path).as("the English crawl reaches the same pages")
                    .containsExactlyInAnyOrderElementsOf(french.stream().map(SiteCrawler.Visit::path).toList());
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
            record("(anonymous)", french.size(), english.size(), axe, began, frenchDone);
        }
    }

    /**
     * Docs/security.md « Pages that offer an action » (session 8, checked in a browser since session 9): a representative
     * whose mandate lacks « Gérer le partage et les paramètres » and « Écrire des messages » (the route matrix's
     * {@code mandataire} rights: documents and profile, appointments, reading messages) acts for a person (« Agir pour »)
     * and crawls everything he reaches from his dashboard, in French then in English, with every check of the crawl
     * (axe-core WCAG 2.1 A/AA, headers, no inline script or style, weight, no other origin, no CSP violation); the two
     * pages no link leads him to (the add form, « Écrire un nouveau message ») are opened by their address. Each of the
     * nine places where his mandate refuses an action shows its sentence (read from the message bundles, so a reworded
     * sentence still counts) and not the form, and no crawled page offers him a form or a link whose action refuses him.
     */
    @Test
    void aRepresentativeUnderALimitedMandateReachesEveryNoticeAccessiblyInFrenchAndEnglish() {
        Represented r = represented();
        long began = System.nanoTime();
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs(r.login())) {
            actFor(browser, r);
            Axe axe = new Axe(browser);
            List<String> offers = new ArrayList<>();
            List<SiteCrawler.Visit> french = new SiteCrawler(browser).crawl("/accueil", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("fr");
                assertThat(page.textContent("body")).as(path + ": still acting for the person").contains("Vous agissez pour");
                offers.addAll(refusedOffers(path, page));
                axe.check(page, html);
            });
            assertThat(french).extracting(SiteCrawler.Visit::path).as("the crawl reaches every page of a notice that a link leads to")
                    .containsAll(r.linkedNoticePages());
            checkNotices(browser, r, Locale.FRENCH, axe);
            browser.screenshot("representative-notices-profile");
            long frenchDone = System.nanoTime();
            browser.go("/accueil?lang=en");
            List<SiteCrawler.Visit> english = new SiteCrawler(browser).crawl("/accueil", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("en");
                offers.addAll(refusedOffers(path, page));
                axe.check(page, html);
            });
            // The same pages, and maybe more of her journal: each page he read in French was journaled on her chain.
            assertThat(english).extracting(SiteCrawler.Visit::path).as("the English crawl reaches the same pages")
                    .containsAll(french.stream().map(SiteCrawler.Visit::path).toList())
                    .allMatch(path -> french.stream().anyMatch(v -> v.path().equals(path)) || path.startsWith("/journal?page="));
            checkNotices(browser, r, Locale.ENGLISH, axe);
            assertThat(offers).as("forms or links the representative's mandate refuses, offered on a page").isEmpty();
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
            record("(representative, limited mandate)", french.size(), english.size(), axe, began, frenchDone);
        }
    }

    /** The same nine places with JavaScript turned off: the person is chosen, each page answers and says its sentence. */
    @Test
    void aRepresentativeUnderALimitedMandateGetsEveryNoticeWithJavaScriptTurnedOff() {
        Represented r = represented();
        try (BrowserSession browser = BrowserSession.open(port, o -> o.setJavaScriptEnabled(false)).loggedInAs(r.login())) {
            actFor(browser, r);
            checkNotices(browser, r, Locale.FRENCH, null);
            browser.go("/accueil?lang=en");
            checkNotices(browser, r, Locale.ENGLISH, null);
        }
    }

    /**
     * The check itself: the same pages served with a refused form put back (the profile's wishes form, as before session
     * 8) and with a sentence taken out (« Écrire un nouveau message ») make it fail, naming both.
     */
    @Test
    void theNoticeCheckFailsWhenARefusedFormComesBackOrASentenceDisappears() {
        Represented r = represented();
        String sentence = messages.getMessage("code.messaging.MessagingWording.WRITE_SCOPE", null, Locale.FRENCH);
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs(r.login())) {
            actFor(browser, r);
            browser.context().route("**/profil", route -> {
                var real = route.fetch();
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(real).setBody(real.text().replace("</main>",
                        "<form action=\"/profil/volontes\" method=\"post\"><button type=\"submit\">Enregistrer</button></form></main>")));
            });
            browser.context().route("**/messages/nouveau", route -> {
                var real = route.fetch();
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(real)
                        .setBody(real.text().replace(sentence.replace("'", "&#39;"), "").replace(sentence, "")));
            });
            assertThatThrownBy(() -> checkNotices(browser, r, Locale.FRENCH, null))
                    .hasMessageContaining("/profil: offers what the mandate refuses (form[action^='/profil/'])")
                    .hasMessageContaining("/messages/nouveau: the sentence code.messaging.MessagingWording.WRITE_SCOPE");
        }
    }

    /** « Écrire des messages »: the matrix's rights and writing; « Gérer le partage et les paramètres »: the matrix's and sharing. */
    static final Set<MandateScope> WRITING = Set.copyOf(EnumSet.of(MandateScope.VIEW_DOCUMENTS, MandateScope.MANAGE_APPOINTMENTS,
            MandateScope.READ_MESSAGES, MandateScope.WRITE_MESSAGES));
    static final Set<MandateScope> SHARING = Set.copyOf(EnumSet.of(MandateScope.VIEW_DOCUMENTS, MandateScope.MANAGE_APPOINTMENTS,
            MandateScope.READ_MESSAGES, MandateScope.MANAGE_SHARING));

    /** The offers that need « Écrire des messages » (a first message, a reply); every other offer of {@link #REFUSED_OFFERS} needs « Gérer le partage ». */
    static final List<String> WRITING_OFFERS = List.of("form[action='/messages/nouveau']", "a[href='/messages/nouveau']",
            "form[action$='/repondre']");

    /**
     * The POST forms any representative with the matrix's rights is shown, with ids written {id}: his own account's (« Agir
     * pour », acting for himself again, the logout, marking his notifications read), the public forms the crawl reaches
     * (login, account activation, contact, a catalogue application, checking a prescription's code) and the appointments'
     * (« Gérer les rendez-vous »). A mandate's own forms are added to these.
     */
    static final Set<String> POSTS_OF_EVERY_REPRESENTATIVE = Set.of("/agir-pour", "/agir-pour/moi", "/logout", "/notifications/lues",
            "/login", "/activer", "/contact", "/catalogue/candidater", "/ordonnances/verification", "/mes-rendez-vous/{id}/annuler",
            "/mes-rendez-vous/{id}/deplacer", "/mes-rendez-vous/{id}/liste-attente", "/rendez-vous/creneau/{id}");
    static final Set<String> POSTS_OF_WRITING = Set.of("/messages/nouveau", "/messages/{id}/repondre");
    static final Set<String> POSTS_OF_SHARING = Set.of("/recherche/mes-choix", "/dossier/ajouter", "/dossier/documents/{id}/masquer",
            "/dossier/documents/{id}/supprimer", "/profil/volontes", "/profil/mesures", "/profil/contacts", "/ordonnances/objection",
            "/prevention/desactiver", "/prevention/activer", "/messages/pieces-jointes/{id}/classer", "/partage/urgence",
            "/partage/equipe", "/partage/notifications");
    private static final Pattern UUID_IN_PATH = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** What a mandate with « Écrire » or « Gérer le partage » must be offered, where, and what it must not. */
    record Allowed(String who, Set<MandateScope> rights, List<String> refused, Set<String> posts, Map<String, String> offered) {
    }

    private Allowed allowed(String kind) {
        if (kind.equals("ecrire")) {
            Represented r = represented(WRITING);
            return new Allowed("(representative, mandate with « Écrire »)", WRITING,
                    REFUSED_OFFERS.stream().filter(o -> !WRITING_OFFERS.contains(o)).toList(), union(POSTS_OF_WRITING),
                    Map.of("/messages/" + r.conversation(), "form[action$='/repondre'] textarea[name=message]",
                            "/messages", "a[href='/messages/nouveau']",
                            "/messages/nouveau", "form[action='/messages/nouveau'] textarea"));
        }
        Represented r = represented(SHARING);
        return new Allowed("(representative, mandate with « Gérer le partage »)", SHARING, WRITING_OFFERS, union(POSTS_OF_SHARING),
                Map.of("/recherche/mes-choix", "form[action='/recherche/mes-choix']",
                        "/dossier", "a[href='/dossier/ajouter']",
                        "/dossier/ajouter", "form[action='/dossier/ajouter'] input[type=file]",
                        "/dossier/documents/" + r.document(), "form[action$='/masquer']",
                        "/profil", "form[action^='/profil/']",
                        "/ordonnances", "form[action='/ordonnances/objection']",
                        "/prevention", "form[action^='/prevention/']",
                        "/messages/" + r.conversation(), "form[action$='/classer']",
                        "/partage", "form[action^='/partage/']"));
    }

    private static Set<String> union(Set<String> own) {
        Set<String> all = new java.util.TreeSet<>(POSTS_OF_EVERY_REPRESENTATIVE);
        all.addAll(own);
        return all;
    }

    /**
     * Session 10 (docs/security.md « Pages that offer an action »): a representative whose mandate adds « Écrire des
     * messages », and another whose mandate adds « Gérer le partage et les paramètres », to the matrix's rights, each for a
     * fresh person, crawl everything they reach in French then English with the crawl's checks (axe-core…). Every POST
     * form a page shows them is one their mandate allows ({@code posts}: the forms of every representative and those of
     * their right), the forms of the right they lack are absent ({@code refused}), and the forms of their right are there
     * ({@code offered}, in both languages).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ecrire", "partage"})
    void aRepresentativeWhoMayWriteOrManageSharingIsOfferedExactlyHisFormsAccessiblyInFrenchAndEnglish(String kind) {
        Allowed allowed = allowed(kind);
        Represented r = represented(allowed.rights());
        long began = System.nanoTime();
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs(r.login())) {
            actFor(browser, r);
            Axe axe = new Axe(browser);
            List<String> offers = new ArrayList<>();
            Set<String> posts = new java.util.TreeSet<>();
            List<SiteCrawler.Visit> french = new SiteCrawler(browser).crawl("/accueil", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("fr");
                assertThat(page.textContent("body")).as(path + ": still acting for the person").contains("Vous agissez pour");
                offers.addAll(offersAmong(allowed.refused(), path, page));
                posts.addAll(postForms(path, page));
                axe.check(page, html);
            });
            assertThat(french).extracting(SiteCrawler.Visit::path).as("the crawl reaches every page where his right offers a form")
                    .containsAll(allowed.offered().keySet());
            List<String> missing = offered(browser, allowed);
            long frenchDone = System.nanoTime();
            browser.go("/accueil?lang=en");
            List<SiteCrawler.Visit> english = new SiteCrawler(browser).crawl("/accueil", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("en");
                offers.addAll(offersAmong(allowed.refused(), path, page));
                posts.addAll(postForms(path, page));
                axe.check(page, html);
            });
            assertThat(english).extracting(SiteCrawler.Visit::path).as("the English crawl reaches the same pages")
                    .containsAll(french.stream().map(SiteCrawler.Visit::path).toList());
            missing.addAll(offered(browser, allowed));
            assertThat(offers).as("forms or links his mandate refuses, offered on a page").isEmpty();
            assertThat(missing).as("forms his mandate allows, missing from their page").isEmpty();
            assertThat(posts).as("POST forms shown to him (pages: action)").allSatisfy(post ->
                    assertThat(allowed.posts()).as(post + " is a form his mandate allows").contains(post.substring(post.indexOf(": ") + 2)));
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
            record(allowed.who(), french.size(), english.size(), axe, began, frenchDone);
        }
    }

    /**
     * The same two mandates with JavaScript turned off: the forms of their right are on their pages (French and English)
     * and those of the right they lack are not; then one valid write through the plain form — the « Écrire » representative
     * replies to Dr Leroy's conversation, the « Gérer le partage » one masks her document — works and is journaled as done
     * by the representative for the person (one more entry of that action, actor the representative, acting for her).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ecrire", "partage"})
    void aRepresentativeWhoMayWriteOrManageSharingUsesHisFormWithJavaScriptTurnedOffAndItIsJournaledForThePerson(String kind) {
        Allowed allowed = allowed(kind);
        Represented r = represented(allowed.rights());
        try (BrowserSession browser = BrowserSession.open(port, o -> o.setJavaScriptEnabled(false)).loggedInAs(r.login())) {
            actFor(browser, r);
            List<String> problems = new ArrayList<>(offered(browser, allowed));
            for (String path : allowed.offered().keySet()) {
                problems.addAll(offersAmong(allowed.refused(), path, browser.go(path)));
            }
            browser.go("/accueil?lang=en");
            problems.addAll(offered(browser, allowed));
            browser.go("/accueil?lang=fr");
            assertThat(problems).as("his forms on their pages, without JavaScript").isEmpty();
            JournalAction action = kind.equals("ecrire") ? JournalAction.CREATE : JournalAction.MASK;
            long before = doneByHimForHer(r, action);
            if (kind.equals("ecrire")) {
                String text = "Réponse du mandataire " + r.login();
                Page page = browser.go("/messages/" + r.conversation());
                page.fill("form[action$='/repondre'] textarea[name=message]", text);
                page.click("form[action$='/repondre'] button[type=submit]");
                page.waitForLoadState();
                assertThat(browser.go("/messages/" + r.conversation()).textContent("main")).as("his reply, in her conversation").contains(text);
            } else {
                Page page = browser.go("/dossier/documents/" + r.document());
                String mask = page.textContent("form[action$='/masquer'] button");
                page.click("form[action$='/masquer'] button");
                page.waitForLoadState();
                assertThat(documents.summary(cast.actor(r.self()), new fr.hygie.record.DocumentId(
                        java.util.UUID.fromString(r.document())), JournalChannel.WEB).orElseThrow().masked()).as("her document masked (button « %s »)", mask).isTrue();
            }
            assertThat(doneByHimForHer(r, action)).as("%s entries journaled as done by %s for her", action, r.login()).isEqualTo(before + 1);
        }
    }

    /** The person's journal entries of that action, permitted, whose actor is the representative acting for her. */
    private long doneByHimForHer(Represented r, JournalAction action) {
        return journal.forPatient(r.person().value(), 0, 10_000).stream()
                .filter(e -> e.action() == action && e.decision() == JournalDecision.PERMIT)
                .filter(e -> e.actor() != null && r.representative().value().equals(e.actor().accountId()))
                .filter(e -> e.actingFor() != null && r.personAccount().value().equals(e.actingFor().accountId()))
                .count();
    }

    /** Opens each page of {@code allowed.offered()} and names those whose form is missing. */
    private static List<String> offered(BrowserSession browser, Allowed allowed) {
        List<String> missing = new ArrayList<>();
        allowed.offered().forEach((path, selector) -> {
            Page page = browser.go(path);
            if (page.locator(selector).count() == 0) {
                missing.add(path + " (" + page.getAttribute("html", "lang") + "): " + selector);
            }
        });
        return missing;
    }

    private static List<String> offersAmong(List<String> refused, String path, Page page) {
        return refused.stream().filter(selector -> page.locator(selector).count() > 0).map(selector -> path + ": " + selector).toList();
    }

    /** The POST forms of a page, « path: action » with ids written {id}. */
    @SuppressWarnings("unchecked")
    private static List<String> postForms(String path, Page page) {
        List<String> actions = (List<String>) page.locator("form[method=post], form[method=POST]")
                .evaluateAll("fs => fs.map(f => new URL(f.getAttribute('action') || location.href, location.href).pathname)");
        return actions.stream().map(a -> path + ": " + UUID_IN_PATH.matcher(a).replaceAll("{id}")).toList();
    }

    /**
     * The nine places (session 8's list, docs/security.md « Pages that offer an action »): the page answers 200, shows
     * what the representative may read ({@code reads}), says the sentence of {@code key} and offers none of
     * {@code refused}. A null key: the action is a button that is simply absent (« Ajouter un document »).
     */
    record Notice(String path, String key, String reads, List<String> refused) {
    }

    /** A fresh person, her representative (an account of its own) and what the nine pages need of hers. */
    record Represented(String login, AccountId representative, String self, AccountId personAccount, PatientId person, String document, String conversation,
            String documentTitle, String attachmentName, List<Notice> notices) {
        List<String> linkedNoticePages() {
            return notices.stream().map(Notice::path).filter(p -> !p.equals("/dossier/ajouter") && !p.equals("/messages/nouveau"))
                    .distinct().toList();
        }
    }

    /** The matrix's rights: documents and profile, appointments, reading messages. */
    static final Set<MandateScope> LIMITED = Set.copyOf(EnumSet.of(MandateScope.VIEW_DOCUMENTS, MandateScope.MANAGE_APPOINTMENTS,
            MandateScope.READ_MESSAGES));

    private final Map<Set<MandateScope>, Represented> represented = new ConcurrentHashMap<>();

    private Represented represented() {
        return represented(LIMITED);
    }

    /**
     * Creates once, in the shared context, a fresh person (so the demo cast stays as loaded): a document she added, a
     * conversation Dr Leroy started with her with an attachment not yet filed, a prescription he signed for her; and a
     * representative account holding her caregiver mandate with the route matrix's rights (VIEW_DOCUMENTS,
     * MANAGE_APPOINTMENTS, READ_MESSAGES) — or, since session 10, those rights and « Écrire des messages » or « Gérer le
     * partage et les paramètres » —, from today for a year. One person, one representative per set of rights.
     */
    private synchronized Represented represented(Set<MandateScope> rights) {
        Represented known = represented.get(rights);
        if (known != null) {
            return known;
        }
        // One person for the three representatives: a page without a form of their rights is then the same bytes for each
        // (the logged-in name blanked), so axe-core runs on it once (the crawl's cost).
        Represented first = represented.values().stream().findFirst().orElse(null);
        if (first != null) {
            String login = "mandataire-" + first.self() + "-" + represented.size();
            AccountId representative = accounts.create(new NewAccount(login, accounts.hash("demo"), Role.REPRESENTATIVE,
                    "Paul Mandataire (navigateur)", null, null, null, false));
            mandates.grant(first.personAccount(), first.person(), representative, MandateKind.CAREGIVER, EnumSet.copyOf(rights),
                    mandates.today(), mandates.today().plusYears(1));
            Represented made = new Represented(login, representative, first.self(), first.personAccount(), first.person(), first.document(),
                    first.conversation(), first.documentTitle(), first.attachmentName(), first.notices());
            represented.put(rights, made);
            return made;
        }
        String self = cast.newPatient();
        PatientId person = cast.patient(self);
        String title = "Compte rendu pour le mandataire " + person.value().toString().substring(0, 8);
        AddOutcome added = documents.add(cast.actor(self), new NewDocument(person, "11502-2", title, LocalDate.now().minusDays(3),
                Set.of(), null, "Résultat normal.".getBytes(StandardCharsets.UTF_8)), JournalChannel.WEB);
        assertThat(added).isInstanceOf(AddOutcome.Added.class);
        String document = ((AddOutcome.Added) added).document().id().value().toString();
        String attachment = "resultat-" + person.value().toString().substring(0, 8) + ".txt";
        PostOutcome posted = conversations.startWithPatient(cast.actor("medecin"), person, false, "Vos résultats",
                "Bonjour, voici vos résultats.", List.of(new NewAttachment.Upload(attachment, "Résultat normal.".getBytes(StandardCharsets.UTF_8))),
                JournalChannel.WEB);
        assertThat(posted).isInstanceOf(PostOutcome.Posted.class);
        String conversation = ((PostOutcome.Posted) posted).conversation().value().toString();
        Prescription draft = prescriptions.draft(cast.actor("medecin"), person, PrescriptionKind.MEDICATION, JournalChannel.WEB);
        prescriptions.addLine(cast.actor("medecin"), draft.id(), "M014", "1 comprimé le matin", 1, JournalChannel.WEB);
        prescriptions.sign(cast.actor("medecin"), draft.id(), JournalChannel.WEB);
        String login = "mandataire-" + self;
        AccountId representative = accounts.create(new NewAccount(login, accounts.hash("demo"), Role.REPRESENTATIVE,
                "Paul Mandataire (navigateur)", null, null, null, false));
        mandates.grant(cast.user(self).accountId(), person, representative, MandateKind.CAREGIVER, EnumSet.copyOf(rights),
                mandates.today(), mandates.today().plusYears(1));
        List<Notice> notices = List.of(
                new Notice("/recherche/mes-choix", "research.choices.mandatPermetPasModifier", null,
                        List.of("form[action='/recherche/mes-choix']")),
                new Notice("/dossier", null, "a[href='/dossier/documents/" + document + "']", List.of("a[href='/dossier/ajouter']")),
                new Notice("/dossier/ajouter", "patient.add.mandatPermetPasAjouter", null,
                        List.of("form[action='/dossier/ajouter']", "input[type=file]")),
                new Notice("/dossier/documents/" + document, "patient.document.mandatPermetPasModifier",
                        "a[href='/dossier/documents/" + document + "/contenu']",
                        List.of("form[action$='/masquer']", "a[href$='/supprimer']")),
                new Notice("/profil", "patient.profile.mandatPermetPasModifier", null, List.of("form[action^='/profil/']")),
                new Notice("/ordonnances", "prescriptions.patientList.mandatPermetPasNonOppose", "a[href='/ordonnances/" + draft.id().value() + "']",
                        List.of("form[action='/ordonnances/objection']", "input#opposition")),
                new Notice("/prevention", "oversight.reminders.mandatPermetPasChanger", null, List.of("form[action^='/prevention/']")),
                new Notice("/messages/" + conversation, "messaging.conversation.mandatPermetPasClasser",
                        "a[download]:has-text('" + attachment + "')",
                        List.of("form[action$='/classer']")),
                new Notice("/messages", null, "a[href='/messages/" + conversation + "']", List.of("a[href='/messages/nouveau']")),
                new Notice("/messages/nouveau", "code.messaging.MessagingWording.WRITE_SCOPE", null,
                        List.of("form[action='/messages/nouveau']", "textarea")));
        Represented made = new Represented(login, representative, self, cast.user(self).accountId(), person, document, conversation, title, attachment, notices);
        represented.put(rights, made);
        return made;
    }

    /**
     * What the representative's mandate refuses, as a page would offer it: the POSTs that need « Gérer le partage et les
     * paramètres » (research choices, adding or masking a document, the profile's forms, the prescriptions' objection, the
     * prevention switch, filing an attachment, sharing) or « Écrire des messages » (a first message, a reply), and the
     * links to the add form and to a deletion's page.
     */
    static final List<String> REFUSED_OFFERS = List.of("form[action='/recherche/mes-choix']", "form[action='/dossier/ajouter']",
            "a[href='/dossier/ajouter']", "form[action$='/masquer']", "a[href$='/supprimer']", "form[action^='/profil/']",
            "form[action='/ordonnances/objection']", "form[action^='/prevention/']", "form[action$='/classer']",
            "form[action='/messages/nouveau']", "a[href='/messages/nouveau']", "form[action$='/repondre']", "form[action^='/partage/']");

    private static List<String> refusedOffers(String path, Page page) {
        return REFUSED_OFFERS.stream().filter(selector -> page.locator(selector).count() > 0).map(selector -> path + ": " + selector).toList();
    }

    /** « Agir pour »: the representative chooses the person with the plain form (no JavaScript needed). */
    private static void actFor(BrowserSession browser, Represented r) {
        Page page = browser.go("/agir-pour");
        page.click("form:has(input[name=patient][value='" + r.person().value() + "']) button");
        page.waitForURL("**/accueil");
        assertThat(page.textContent("body")).contains("Vous agissez pour");
    }

    /** Opens each of the nine places and checks it (and, with an {@code axe}, runs axe-core on it). */
    private void checkNotices(BrowserSession browser, Represented r, Locale language, Axe axe) {
        List<String> problems = new ArrayList<>();
        for (Notice notice : r.notices()) {
            Page page = browser.go(notice.path());
            String main = page.textContent("main").replaceAll("\\s+", " ");
            if (!language.getLanguage().equals(page.getAttribute("html", "lang"))) {
                problems.add(notice.path() + ": the page is not in " + language);
            }
            if (notice.key() != null) {
                String sentence = messages.getMessage(notice.key(), null, language).replaceAll("\\s+", " ");
                if (!main.contains(sentence)) {
                    problems.add(notice.path() + ": the sentence " + notice.key() + " « " + sentence + " » is missing");
                }
            }
            if (notice.reads() != null && page.locator(notice.reads()).count() == 0) {
                problems.add(notice.path() + ": what the mandate lets him read is missing (" + notice.reads() + ")");
            }
            for (String refused : notice.refused()) {
                if (page.locator(refused).count() > 0) {
                    problems.add(notice.path() + ": offers what the mandate refuses (" + refused + ")");
                }
            }
            if (axe != null) {
                try {
                    axe.check(page, page.content());
                } catch (AssertionError e) {
                    problems.add(e.getMessage());
                }
            }
        }
        assertThat(problems).as("the representative's notices in " + language).isEmpty();
    }

    @AfterAll
    void writeTimings() throws IOException {
        StringBuilder tsv = new StringBuilder("crawl\tpages fr\tpages en\taxe runs\taxe skipped (same bytes)\tseconds fr\tseconds en\n");
        timings.forEach((who, line) -> tsv.append(who).append('\t').append(line).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "crawl-timings.tsv"), tsv);
    }

    private void record(String who, int frenchPages, int englishPages, Axe axe, long began, long frenchDone) {
        long end = System.nanoTime();
        String line = frenchPages + "\t" + englishPages + "\t" + axe.runs + "\t" + axe.skipped + "\t"
                + String.format(Locale.ROOT, "%.1f\t%.1f", (frenchDone - began) / 1e9, (end - frenchDone) / 1e9);
        timings.put(who, line);
        log.info("Crawl of {}: {}", who, line.replace('\t', ' '));
    }

    /** axe-core on each page whose bytes were not already found clean. */
    private final class Axe {
        private final BrowserSession browser;
        int runs;
        int skipped;

        Axe(BrowserSession browser) {
            this.browser = browser;
        }

        void check(Page page, String html) {
            String key = fingerprint(html);
            if (cleanPages.contains(key)) {
                skipped++;
                return;
            }
            runs++;
            browser.assertNoAxeViolations(page);
            cleanPages.add(key);
        }
    }

    /** SHA-256 of the HTML with the CSRF token and the logged-in person's name blanked. */
    static String fingerprint(String html) {
        String blanked = CSRF.matcher(html).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) != null ? m.group(1) + "\"" : m.group(2) + "\"" + m.group(3)));
        blanked = WHO.matcher(blanked).replaceAll("$1$2");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blanked.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theChecksThemselvesCatchAViolationAndAForeignRequest() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            var page = browser.go("/aide");
            page.evaluate("() => { const i = document.createElement('img'); i.src = '/img/hygie.svg'; document.querySelector('main').append(i); }");
            assertThatThrownBy(() -> browser.assertNoAxeViolations(page)).hasMessageContaining("image-alt");
            // 127.0.0.1 is another origin than localhost for the browser: no internet needed to prove the recorder works.
            page.navigate("http://127.0.0.1:" + port + "/aide");
            assertThatThrownBy(browser::assertNoThirdPartyRequests).hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void theCrawlerStaysOnSiteAndIgnoresLanguageSwitchesFragmentsAndLogout() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            SiteCrawler crawler = new SiteCrawler(browser);
            String base = browser.base();
            assertThat(crawler.normalise(base + "/aide?lang=en")).isEqualTo("/aide");
            assertThat(crawler.normalise(base + "/aide?page=2&lang=fr#haut")).isEqualTo("/aide?page=2");
            assertThat(crawler.normalise(base + "/logout")).isNull();
            assertThat(crawler.normalise("https://example.org/")).isNull();
            assertThat(crawler.normalise("mailto:someone@example.org")).isNull();
        }
    }

    @Test
    void theFingerprintBlanksOnlyTheCsrfTokenAndTheLoggedInName() {
        String page = "<form><input type=\"hidden\" name=\"_csrf\" value=\"abc-123\"/></form>"
                + "<p class=\"wrap who\"><span>Connecté·e :</span> <strong>Marie Durand</strong></p><main>Texte</main>";
        assertThat(fingerprint(page)).isEqualTo(fingerprint(page.replace("abc-123", "zzz-999").replace("Marie Durand", "Jean Petit")))
                .isNotEqualTo(fingerprint(page.replace("Texte", "Text")))
                .isNotEqualTo(fingerprint(page.replace("hidden", "text")));
    }
}
