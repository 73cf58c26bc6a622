package fr.hygie.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The request context filter exposes the request and its locale as Spring's did, but reads the locale (Tomcat's parse
 * of {@code Accept-Language}) only when someone asks for it.
 */
class LazyLocaleRequestContextFilterTest {

    /** A request that counts how often its locale is read. */
    static final class CountingRequest extends MockHttpServletRequest {
        final AtomicInteger localeReads = new AtomicInteger();

        @Override
        public Locale getLocale() {
            localeReads.incrementAndGet();
            return super.getLocale();
        }
    }

    @Test
    void theRequestIsExposedAndItsLocaleIsNotReadWhenNobodyAsks() throws Exception {
        CountingRequest request = new CountingRequest();
        request.addPreferredLocale(Locale.ENGLISH);
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        new LazyLocaleRequestContextFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain(
                new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                        seen.set(((ServletRequestAttributes) RequestContextHolder.getRequestAttributes()).getRequest());
                    }
                }));
        assertThat(seen.get()).isSameAs(request);
        assertThat(request.localeReads).hasValue(0);
        assertThat(RequestContextHolder.getRequestAttributes()).isNull();
    }

    @Test
    void whoeverAsksGetsTheRequestsLocaleAsBeforeAndNothingIsLeftOnTheThread() throws Exception {
        CountingRequest request = new CountingRequest();
        request.addPreferredLocale(Locale.ENGLISH);
        AtomicReference<Locale> seen = new AtomicReference<>();
        new LazyLocaleRequestContextFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain(
                new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                        seen.set(LocaleContextHolder.getLocale());
                    }
                }));
        assertThat(seen.get()).isEqualTo(Locale.ENGLISH);
        assertThat(request.localeReads).hasValue(1);
        assertThat(LocaleContextHolder.getLocaleContext()).isNull();
        assertThat(RequestContextHolder.getRequestAttributes()).isNull();
    }
}
