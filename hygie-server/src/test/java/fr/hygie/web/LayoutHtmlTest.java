package fr.hygie.web;

import fr.hygie.platform.web.Html;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.servlet.support.csrf.CsrfRequestDataValueProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.servlet.support.RequestContext;
import org.springframework.web.servlet.support.RequestDataValueProcessor;
import org.thymeleaf.spring6.context.webmvc.SpringWebMvcThymeleafRequestContext;
import org.thymeleaf.spring6.naming.SpringContextVariableNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The layout's runs written in Java ({@link LayoutHtml}) are byte for byte what Thymeleaf made of the former markup of
 * {@code templates/fragments/layout.html} (copied below from the template's parser comments), in French, English and
 * a language Hygie has no bundle for (a hostile cookie), for every state of the menu and odd current paths; and the
 * shared escape ({@link Html}) is what {@code th:text} and an attribute write, on hostile strings (issue 13).
 * Rendered by Spring's Thymeleaf engine with the application's message bundles, in a web request at the root.
 */
class LayoutHtmlTest {

    /** The former menu entries, in their list, with the template's own indentation. */
    private static final String MENU = String.join("\n",
            "<ul class=\"nav-list\">",
            "        <li th:if=\"${currentUser == null}\"><a th:href=\"@{/login}\" href=\"/login\" th:text=\"#{layout.nav.login}\">Se connecter</a></li>",
            "        <li th:if=\"${currentUser != null}\"><a th:href=\"@{/accueil}\" href=\"/accueil\" th:text=\"#{layout.nav.dashboard}\">Mon accueil</a></li>",
            "        <li th:if=\"${mayActForOthers}\"><a th:href=\"@{/agir-pour}\" href=\"/agir-pour\" th:text=\"#{layout.nav.actingFor}\">Agir pour un proche</a></li>",
            "        <li><a class=\"human-contact\" th:href=\"@{/contact}\" href=\"/contact\" th:text=\"#{layout.nav.human}\">Parler à une personne</a></li>",
            "        <li><a th:href=\"@{${currentPath}(lang=#{layout.language.code})}\" href=\"?lang=en\" th:lang=\"#{layout.language.code}\" lang=\"en\"",
            "               th:hreflang=\"#{layout.language.code}\" hreflang=\"en\" th:title=\"#{layout.language.hint}\" title=\"Read this page in English\"",
            "               th:text=\"#{layout.language.link}\">English</a></li>",
            "        </ul>");

    /** The former footer. */
    private static final String FOOTER = String.join("\n",
            "<footer class=\"site-footer\">",
            "  <div class=\"wrap\">",
            "    <p th:text=\"#{layout.footer.text}\">Hygie — logiciel libre de service numérique de santé.</p>",
            "    <nav th:aria-label=\"#{layout.footer.nav}\" aria-label=\"Pied de page\">",
            "      <ul class=\"nav-list\">",
            "        <li><a th:href=\"@{/aide}\" href=\"/aide\" th:text=\"#{layout.footer.help}\">Aide et contact humain</a></li>",
            "        <li><a th:href=\"@{/droits}\" href=\"/droits\" th:text=\"#{layout.footer.rights}\">Vos droits sur vos données de santé</a></li>",
            "        <li><a th:href=\"@{/plan-du-site}\" href=\"/plan-du-site\" th:text=\"#{layout.footer.sitemap}\">Plan du site</a></li>",
            "      </ul>",
            "    </nav>",
            "  </div>",
            "</footer>");

    /** The former skip link and header (session 10's, the menu's entries inserted by {@code layoutHtml.menu}). */
    private static final String HEADER = String.join("\n",
            "<a class=\"skip-link\" href=\"#contenu\" th:text=\"#{layout.skip}\">Aller au contenu</a>",
            "<header class=\"site-header\">",
            "  <div class=\"banner-acting\" role=\"status\" th:if=\"${actingFor != null}\">",
            "    <div class=\"wrap\">",
            "      <form th:action=\"@{/agir-pour/moi}\" action=\"/agir-pour/moi\" method=\"post\" class=\"inline-form\">",
            "        <span th:text=\"#{layout.acting.banner(${actingFor.displayName()})}\">Vous agissez pour Jean Petit</span> —",
            "        <button type=\"submit\" class=\"link-button\" th:text=\"#{layout.acting.back}\">revenir à mon espace</button>",
            "      </form>",
            "    </div>",
            "  </div>",
            "  <div class=\"wrap header-row\">",
            "    <a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">H</span> Hygie <span class=\"brand-sub\" th:text=\"#{layout.brand.sub}\">mon espace santé</span></a>",
            "    <nav th:aria-label=\"#{layout.nav.label}\" aria-label=\"Menu principal\">",
            "      <ul class=\"nav-list\">",
            "        <th:block th:utext=\"${layoutHtml.menu(currentUser != null, mayActForOthers, currentPath)}\"></th:block>",
            "        <li th:if=\"${currentUser != null}\">",
            "          <form th:action=\"@{/logout}\" action=\"/logout\" method=\"post\" class=\"inline-form\">",
            "            <button type=\"submit\" class=\"link-button\" th:text=\"#{layout.nav.logout}\">Se déconnecter</button>",
            "          </form>",
            "        </li>",
            "      </ul>",
            "    </nav>",
            "  </div>",
            "  <p class=\"wrap who\" th:if=\"${currentUser != null}\"><span th:text=\"#{layout.who}\">Connecté·e :</span> <strong th:text=\"${currentUser.displayName()}\">Nom</strong></p>",
            "</header>");

    private static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.ENGLISH, Locale.GERMAN, Locale.CANADA_FRENCH);

    private final ResourceBundleMessageSource messages = messages();
    private final LayoutHtml layout = layout(null);

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
        RequestContextHolder.resetRequestAttributes();
    }

    private LayoutHtml layout(RequestDataValueProcessor processor) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (processor != null) {
            beans.addBean("requestDataValueProcessor", processor);
        }
        return new LayoutHtml(new WebMessages(messages), beans.getBeanProvider(RequestDataValueProcessor.class));
    }

    /**
     * The skip link and header written in Java are what the former markup wrote, in every language, signed in or not,
     * acting for someone or not, hostile names and paths: the two forms' hidden CSRF field included, taken from Spring
     * Security's {@code CsrfRequestDataValueProcessor} as {@code th:action} takes it (Thymeleaf given Spring MVC's
     * request context, as {@code ThymeleafView} gives it).
     */
    @Test
    void headerIsWhatTheFormerTemplateWroteWithItsFormsCsrfFields() {
        LayoutHtml withCsrf = layout(new CsrfRequestDataValueProcessor());
        HygieUser user = new HygieUser(new AccountId(UUID.randomUUID()), "u", null, Role.PATIENT, "Marie <b>&</b> 'Durand'",
                null, null, null, true);
        ActingFor.Represented someone = new ActingFor.Represented(new PatientId(UUID.randomUUID()), "Jean \"<Petit>\"",
                MandateKind.CAREGIVER);
        int compared = 0;
        for (Locale locale : LANGUAGES) {
            for (int twice = 0; twice < 2; twice++) {
                for (HygieUser who : Arrays.asList(user, null)) {
                    for (ActingFor.Represented acting : Arrays.asList(someone, null)) {
                        for (Boolean mayAct : Arrays.asList(null, true)) {
                            Map<String, Object> model = new HashMap<>();
                            model.put("currentUser", who);
                            model.put("actingFor", acting);
                            model.put("mayActForOthers", mayAct);
                            model.put("currentPath", "/aide/a&b'\"<x>");
                            model.put("layoutHtml", withCsrf);
                            String token = "tok-" + compared + "_AbC";
                            LocaleContextHolder.setLocale(locale); // the menu's entries (layoutHtml.menu) read it
                            String former = thymeleafWithCsrf(HEADER, model, locale, token);
                            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/aide");
                            request.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", token));
                            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
                            LocaleContextHolder.setLocale(locale);
                            String html = withCsrf.header(who, mayAct, "/aide/a&b'\"<x>", acting);
                            assertThat(html).as(locale + " " + who + " " + acting + " " + mayAct).isEqualTo(former);
                            assertThat(html.split("name=\"_csrf\" value=\"" + token + "\"", -1))
                                    .hasSize(1 + (who == null ? 0 : 1) + (acting == null ? 0 : 1));
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(4 * 2 * 2 * 2 * 2);
    }

    @Test
    void menuIsWhatTheFormerTemplateWroteInEveryLanguageStateAndPath() {
        int compared = 0;
        for (Locale locale : LANGUAGES) {
            for (int twice = 0; twice < 2; twice++) { // the second time from what was kept
                for (boolean signedIn : new boolean[] {false, true}) {
                    for (Boolean mayAct : Arrays.asList(null, false, true)) {
                        for (String path : Arrays.asList("/pro/patients/0b0e1c55-1a2b-4c3d-8e9f-0123456789ab", "/",
                                "/aide/a&b%22%3C'\"<x>", "/rendez-vous", null)) {
                            Map<String, Object> model = new HashMap<>();
                            model.put("currentUser", signedIn ? "someone" : null);
                            model.put("mayActForOthers", mayAct);
                            model.put("currentPath", path);
                            String former = thymeleaf(MENU, model, locale);
                            LocaleContextHolder.setLocale(locale);
                            assertThat("<ul class=\"nav-list\">\n        " + layout.menu(signedIn, mayAct, path) + "\n        </ul>")
                                    .as(locale + " " + signedIn + " " + mayAct + " " + path).isEqualTo(former);
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(4 * 2 * 2 * 3 * 5);
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(layout.menu(true, true, "/aide/a&b\"<x>")).contains("href=\"/aide/a&amp;b&quot;&lt;x&gt;?lang=fr\"")
                .contains(">Act for someone<").contains(">Français</a>").doesNotContain("<x>");
    }

    @Test
    void footerIsWhatTheFormerTemplateWroteInEveryLanguage() {
        for (Locale locale : LANGUAGES) {
            String former = thymeleaf(FOOTER, Map.of(), locale);
            LocaleContextHolder.setLocale(locale);
            assertThat("<footer class=\"site-footer\">" + layout.footer() + "</footer>").as(locale.toString()).isEqualTo(former);
            assertThat("<footer class=\"site-footer\">" + layout.footer() + "</footer>").isEqualTo(former);
        }
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(layout.footer()).contains("l&#39;opérateur public");
    }

    @Test
    void theSharedEscapeIsWhatThymeleafWritesForATextAndAnAttribute() {
        for (String hostile : List.of("<script>alert('x')</script>", "a & b \"q\" 'a' &amp; &#39; &lt;",
                "éàçœ€ Ÿ ñ ß \u00a0 « » — ·", "astral 😀 𝔸 \uD83D\uDE00", "controls \u0001 \u007f \u0085 \u2028 \t\r\n",
                "lone \uD800 surrogate", "`=/ {x} ${x} [[x]]")) {
            String former = thymeleaf("<p th:text=\"${v}\" th:title=\"${v}\">x</p>", Map.of("v", hostile), Locale.FRENCH);
            assertThat("<p title=\"" + Html.escape(hostile) + "\">" + Html.escape(hostile) + "</p>").as(hostile).isEqualTo(former);
        }
        Map<String, Object> none = new HashMap<>();
        none.put("v", null);
        assertThat(thymeleaf("<p th:text=\"${v}\">x</p>", none, Locale.FRENCH)).isEqualTo("<p>" + Html.escape(null) + "</p>");
        assertThat(Html.escape("<a href='x'>&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    }

    /** As Spring Boot configures the application's bundles ({@code spring.messages.*} in application.properties). */
    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** As {@link #thymeleaf}, Thymeleaf given Spring MVC's request context, Spring Security's CSRF processor and token. */
    private String thymeleafWithCsrf(String template, Map<String, Object> variables, Locale locale, String token) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        MockServletContext servletContext = new MockServletContext();
        GenericWebApplicationContext application = new GenericWebApplicationContext(servletContext);
        application.registerBean("requestDataValueProcessor", RequestDataValueProcessor.class, CsrfRequestDataValueProcessor::new);
        application.refresh();
        servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, application);
        MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/aide");
        request.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", token));
        MockHttpServletResponse response = new MockHttpServletResponse();
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
                .buildExchange(request, response), locale);
        context.setVariables(variables);
        RequestContext spring = new RequestContext(request, response, servletContext, variables);
        context.setVariable(SpringContextVariableNames.SPRING_REQUEST_CONTEXT, spring);
        context.setVariable(SpringContextVariableNames.THYMELEAF_REQUEST_CONTEXT, new SpringWebMvcThymeleafRequestContext(spring, request));
        return engine.process(template, context);
    }

    private String thymeleaf(String template, Map<String, Object> variables, Locale locale) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        MockServletContext servletContext = new MockServletContext();
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
                .buildExchange(new MockHttpServletRequest(servletContext, "GET", "/aide"), new MockHttpServletResponse()), locale);
        context.setVariables(variables);
        return engine.process(template, context);
    }
}
