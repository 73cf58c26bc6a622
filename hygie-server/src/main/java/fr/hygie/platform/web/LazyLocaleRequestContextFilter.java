package fr.hygie.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.servlet.filter.OrderedRequestContextFilter;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring's {@code RequestContextFilter} (Spring Boot registers it unless a bean of its type exists), with one
 * difference: the request's locale is exposed to {@link LocaleContextHolder} lazily. Spring's filter called
 * {@code request.getLocale()} at every request, which makes Tomcat parse the {@code Accept-Language} header (1.3 % of the
 * request threads' CPU on a record read with a browser's header, issue 13, docs/benchmarks.md « Session 10 — the
 * request's path outside our code ») — and Hygie reads no locale from it: pages take theirs from Hygie's own locale
 * resolver (French first, {@code Accept-Language} ignored on purpose, {@code web.WebConfiguration}), which Spring MVC's
 * {@code DispatcherServlet} installs in {@code LocaleContextHolder} for the time of the handler. Whoever asks
 * {@code LocaleContextHolder} outside it still gets {@code request.getLocale()}, parsed when first asked. The request
 * attributes ({@code RequestContextHolder}) are exposed exactly as before, same order (Boot's), same reset.
 */
@Component("requestContextFilter")
class LazyLocaleRequestContextFilter extends OrderedRequestContextFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ServletRequestAttributes attributes = new ServletRequestAttributes(request, response);
        LocaleContextHolder.setLocaleContext(request::getLocale, false);
        RequestContextHolder.setRequestAttributes(attributes, false);
        try {
            chain.doFilter(request, response);
        } finally {
            LocaleContextHolder.resetLocaleContext();
            RequestContextHolder.resetRequestAttributes();
            attributes.requestCompleted();
        }
    }
}
