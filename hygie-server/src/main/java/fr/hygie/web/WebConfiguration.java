package fr.hygie.web;

import fr.hygie.platform.security.PublicRoutes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * Language of the pages: French by default (loi Toubon: French first), English on request with
 * {@code ?lang=en}, remembered in a cookie ({@code ?lang=fr} switches back). Only these two are
 * accepted, so that {@code <html lang>} always names the language the page is really written in
 * (RGAA criterion 8.3).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final Set<String> LANGUAGES = Set.of("fr", "en");
    static final String LANG_PARAM = "lang";
    static final String LANG_COOKIE = "hygie-lang";

    private final ActingFor actingFor;

    WebConfiguration(ActingFor actingFor) {
        this.actingFor = actingFor;
    }

    /** The bean name Spring MVC's DispatcherServlet looks up. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANG_COOKIE);
        resolver.setDefaultLocale(Locale.FRENCH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        // Accept-Language is ignored on purpose: French first, English only when the person asks.
        resolver.setDefaultLocaleFunction(request -> Locale.FRENCH);
        return resolver;
    }

    /** Spring MVC's request mapping with the first-segment shortcut ({@link FirstSegmentHandlerMapping}). */
    @Bean
    org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations firstSegmentMappings() {
        return new org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations() {
            @Override
            public org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new FirstSegmentHandlerMapping();
            }
        };
    }

    /**
     * Spring Boot's actuator endpoints ({@code /actuator/health}, {@code /actuator/info}) are mapped by their own handler
     * mapping, which Boot orders first (-100): every page request was first tried against its endpoints, with all their
     * conditions, then against their partial matches to choose an error (1.5 % of the request threads on a record read,
     * issue 13, docs/benchmarks.md « Session 10 — the request's path outside our code »). It is now asked right after
     * Hygie's controllers (order 1, still before the static resources' {@code /**}); no Hygie mapping can match a path
     * under {@code /actuator} ({@code FirstSegmentHandlerMappingTest} checks it), so each request still reaches the
     * same handler.
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor actuatorAfterHygieMappings() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping mapping) {
                    mapping.setOrder(ACTUATOR_MAPPING_ORDER);
                }
                return bean;
            }
        };
    }

    /**
     * Every Thymeleaf page is sent in one piece with its length ({@link WholePageView}) instead of chunked in several
     * writes (issue 13, docs/benchmarks.md « Session 11 — the request's path outside our code, again »). Spring Boot's
     * Thymeleaf view resolver is kept with all its settings; only the class of the views it creates changes.
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor wholePages() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof org.thymeleaf.spring6.view.ThymeleafViewResolver resolver) {
                    resolver.setViewClass(WholePageView.class);
                }
                return bean;
            }
        };
    }

    /** After Hygie's request mappings (0), before the static resources (last). */
    static final int ACTUATOR_MAPPING_ORDER = 1;

    /**
     * No content negotiation between views: Spring Boot registers a {@code ContentNegotiatingViewResolver} under this
     * bean name unless one exists, and at every rendered page it parsed the {@code Accept} header, asked every view
     * resolver for a candidate and compared media types (~1 % of the server's CPU on a record read, issue 13,
     * docs/benchmarks.md « Session 9 — rendering »). Every Hygie view is an HTML template (or a redirect), so the choice
     * was always Thymeleaf's view — and when the header excluded HTML, the negotiating resolver answered nothing and
     * Spring went on to Thymeleaf's resolver anyway. This resolver, registered under the name Boot checks, resolves
     * nothing: Thymeleaf's resolver (before it in order) answers as before.
     */
    @Bean(name = "viewResolver")
    org.springframework.web.servlet.ViewResolver noContentNegotiationBetweenViews() {
        return new NoViewResolver();
    }

    /** See {@link #noContentNegotiationBetweenViews()}: last in order, resolves no view. */
    static final class NoViewResolver implements org.springframework.web.servlet.ViewResolver, org.springframework.core.Ordered {
        @Override
        public org.springframework.web.servlet.View resolveViewName(String viewName, Locale locale) {
            return null;
        }

        @Override
        public int getOrder() {
            return org.springframework.core.Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Pages that anyone may read without logging in (besides the platform's own list). */
    @Bean
    PublicRoutes webPublicRoutes() {
        return PublicRoutes.of("/droits/facile", "/plan-du-site");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch());
        registry.addInterceptor(new PageModel(actingFor));
    }

    /** {@code ?lang=en|fr} on any page: anything else is ignored, never stored. */
    static final class LanguageSwitch implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String lang = request.getParameter(LANG_PARAM);
            if (lang != null && LANGUAGES.contains(lang)) {
                LocaleResolver resolver = org.springframework.web.servlet.support.RequestContextUtils.getLocaleResolver(request);
                if (resolver != null) {
                    resolver.setLocale(request, response, Locale.forLanguageTag(lang));
                }
            }
            return true;
        }
    }
}
