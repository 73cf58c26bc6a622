package fr.hygie.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.context.WebApplicationContext;

/**
 * What every request goes through (issue 13, docs/benchmarks.md « Session 8 — HTTP stack »): the servlet filters
 * that serve nothing are not registered, and the ones that protect stay — Spring Security's chain with its CSRF,
 * header and no-session-id-in-URL filters. What those filters do is proved elsewhere ({@code security.RouteMatrixTest},
 * {@code platform.security.LoginTest}, {@code web.LanguageTest}).
 */
@HygieIntegrationTest
class HttpStackTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter springSecurityFilterChain;

    @LocalServerPort
    int port;

    @Test
    void onlyTheFiltersThatServeARequestAreRegistered() {
        var registered = context.getServletContext().getFilterRegistrations().keySet();
        assertThat(registered)
                .contains("springSecurityFilterChain", "characterEncodingFilter", "nulCharacterFilter", "uploadSizeFilter")
                .doesNotContain("requestContextFilter", "formContentFilter", "webMvcObservationFilter");
    }

    @Test
    void aRecordPageGoesThroughTheProtectingSecurityFiltersButNotTheServletApiWrapper() {
        List<Class<?>> filters = pageChain("/pro/patients/x").getFilters().stream().<Class<?>>map(Filter::getClass).toList();
        assertThat(filters).contains(DisableEncodeUrlFilter.class, HeaderWriterFilter.class, CsrfFilter.class)
                .doesNotContain(SecurityContextHolderAwareRequestFilter.class);
    }

    @Test
    void aPageAskedInEnglishByTheBrowserIsStillFrenchAndKnowsItsUser() {
        // The Accept-Language header is ignored on purpose (French first): the request-context filter that parsed it
        // for every request is gone, the page's language and its user come from Spring MVC and the security context.
        WebSession web = new WebSession(port).loggedInAs("medecin");
        HttpResponse<String> page = web.request("GET", "/accueil", Map.of("Accept", "text/html", "Accept-Language", "en-GB,en;q=0.9"), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"fr\"").contains("Se déconnecter").contains("_csrf");
    }

    private SecurityFilterChain pageChain(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        return ((FilterChainProxy) springSecurityFilterChain).getFilterChains().stream()
                .filter(chain -> chain.matches(request))
                .findFirst()
                .orElseThrow();
    }
}
