package fr.hygie.platform.web;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Servlet filters that Spring Boot registers by default and that serve nothing in Hygie: they are left out of the
 * servlet filter chain, which every request — a record page, a document's content — goes through (issue 13,
 * docs/benchmarks.md « Session 8 — HTTP stack »). Nothing that is checked or sent changes: Spring Security's chain,
 * the character encoding, the NUL and upload-size guards stay, in the same order ({@code HttpStackTest}).
 *
 * <ul>
 * <li>{@code requestContextFilter} put the request and the locale of its {@code Accept-Language} header into
 * thread-locals before the other filters. Every Hygie controller runs inside Spring MVC's {@code DispatcherServlet},
 * which sets the same thread-locals itself, with the locale of Hygie's own resolver (French first, English on request:
 * the header is ignored on purpose, {@code web.WebConfiguration}); no filter, no listener and no bean of another
 * servlet (FHIR) reads them, and no bean has request or session scope. The filter parsed {@code Accept-Language}
 * at every request for a locale nobody used.</li>
 * <li>{@code webMvcObservationFilter} opened an observation per request that
 * {@code management.observations.enable.http.server.requests=false} then dropped: no metrics or traces are exported
 * (only health and info are exposed).</li>
 * </ul>
 * The form-content filter (form bodies of PUT, PATCH and DELETE requests: Hygie's pages post their forms, the FHIR API
 * reads its own bodies) is switched off in {@code application.properties}.
 */
@Configuration(proxyBeanMethods = false)
class ServletFilters {

    /**
     * Takes the place of Spring Boot's {@code requestContextFilter} (made only when no registration of this filter type
     * exists) and is not registered: no request-context filter runs.
     */
    @Bean
    FilterRegistrationBean<RequestContextFilter> requestContextFilterNotRegistered() {
        FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(new RequestContextFilter());
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Takes the place of Spring Boot's {@code webMvcObservationFilter} (made only when no registration of this filter
     * type exists) and is not registered: no observation filter runs.
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> httpObservationFilterNotRegistered() {
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(new ServerHttpObservationFilter(ObservationRegistry.NOOP));
        registration.setEnabled(false);
        return registration;
    }
}
