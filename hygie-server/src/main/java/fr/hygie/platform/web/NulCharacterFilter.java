package fr.hygie.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 any request whose parameters contain the NUL character (U+0000). PostgreSQL cannot
 * hold NUL in text, so such a value reaching a query made the server answer 500 (found by
 * {@code fr.hygie.security.ForeignIdsAndBadInputTest}: a professional search with {@code nom=%00}).
 * No legitimate input contains it; refusing it once, here, protects every search and form, present
 * and future, web and FHIR. The value is never logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class NulCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasNul(request)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasNul(HttpServletRequest request) {
        for (var entry : request.getParameterMap().entrySet()) {
            if (entry.getKey().indexOf('\0') >= 0) {
                return true;
            }
            for (String value : entry.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
