package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The request mapping's index by path shape ({@link FirstSegmentHandlerMapping}) chooses the same controller method as
 * Spring MVC's full matching: for a path of every registered pattern and every method it declares, the index's lookup
 * and Spring's own give the same method (or the same error); the segments are compared as the patterns compare them
 * (decoded); no Hygie mapping can answer under {@code /actuator} (whose mapping is now asked after Hygie's). The whole
 * route list is exercised over HTTP by {@code security.RouteMatrixTest}.
 */
@HygieIntegrationTest
class FirstSegmentHandlerMappingTest {

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    @Test
    void anEncodedFirstSegmentFindsThePageItNamesAsBefore() {
        WebSession gp = new WebSession(port).loggedInAs("medecin");
        String id = cast.patient("patient").toString();
        HttpResponse<String> plain = gp.get("/pro/patients/" + id);
        // %70 is "p": Spring MVC decodes each segment before matching, and so must the index.
        HttpResponse<String> encoded = gp.get("/%70ro/patients/" + id);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(encoded.body()).contains("Bilan sanguin annuel");
    }

    @Test
    void aPathUnderAnotherFirstSegmentStillFindsItsPageAndAnUnknownOneIsNotFound() {
        WebSession person = new WebSession(port).loggedInAs("patient");
        assertThat(person.get("/dossier").statusCode()).isEqualTo(200);
        assertThat(person.get("/pro-inconnu/patients/x").statusCode()).isEqualTo(404);
    }

    @Test
    void forAPathOfEveryPatternAndEveryMethodTheIndexChoosesWhatSpringsFullLookupChooses() throws Exception {
        FirstSegmentHandlerMapping mapping = (FirstSegmentHandlerMapping) mvc;
        assertThat(mapping.mappingCount()).isGreaterThan(100);
        List<String> compared = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                for (String path : samplePaths(pattern.getPatternString())) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                        assertThat(outcome(mapping, method.name(), path, true))
                                .as(method + " " + path).isEqualTo(outcome(mapping, method.name(), path, false));
                        compared.add(method + " " + path);
                    }
                }
            }
        }
        // Paths no pattern has: other lengths, other literals, under the actuator's base path.
        for (String path : List.of("/pro/patients/x/y/z/w", "/inconnu/x", "/actuator/health", "/actuator/info",
                "/actuator/health/liveness", "/actuator", "/pro/inconnu", "/%70ro/patients/x", "/pro;a=b/patients/x")) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                assertThat(outcome(mapping, method, path, true)).as(method + " " + path)
                        .isEqualTo(outcome(mapping, method, path, false));
            }
            if (path.startsWith("/actuator")) {
                assertThat(outcome(mapping, "GET", path, true)).as(path).isEqualTo("no handler");
            }
        }
        assertThat(compared).hasSizeGreaterThan(150);
    }

    @Test
    void aRecordPageIsTriedAgainstOnlyTheMappingsOfItsShape() {
        FirstSegmentHandlerMapping mapping = (FirstSegmentHandlerMapping) mvc;
        List<RequestMappingInfo> tried = mapping.candidatesFor(
                PathContainer.parsePath("/pro/patients/" + cast.patient("patient")));
        // Session 9: every mapping whose first segment was "pro" or not literal; now those of /pro/x/y only.
        assertThat(tried).isNotEmpty().hasSizeLessThan(8);
        assertThat(tried).allSatisfy(info -> assertThat(info.getPathPatternsCondition().getPatternValues())
                .anyMatch(p -> p.startsWith("/pro/")));
    }

    /** The outcome of a lookup: the controller method, "no handler", or the error's class. */
    private static String outcome(FirstSegmentHandlerMapping mapping, String method, String path, boolean index) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Accept", "text/html");
        ServletRequestPathUtils.parseAndCache(request);
        String lookupPath = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value();
        try {
            HandlerMethod found = index ? mapping.lookupHandlerMethod(lookupPath, request)
                    : mapping.lookupBySpring(lookupPath, request);
            return found == null ? "no handler"
                    : found.getMethod() + " " + Objects.toString(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE));
        } catch (Exception ex) {
            return ex.getClass().getName();
        }
    }

    /** Paths the pattern matches (its variables given a value), or none for a pattern with wildcards. */
    private static List<String> samplePaths(String pattern) {
        if (pattern.contains("*") || pattern.contains("?")) {
            return List.of();
        }
        String path = pattern.replaceAll("\\{[^}/]*\\}", "v1");
        return path.contains("{") ? List.of() : List.of(path, path + "/");
    }
}
