package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.ENGLISH, Locale.GERMAN, Locale.CANADA_FRENCH);

    private final ResourceBundleMessageSource messages = messages();
    private final LayoutHtml layout = new LayoutHtml(new WebMessages(messages));

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
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
