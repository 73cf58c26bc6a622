package fr.hygie.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A form that sends more than the upload limit (a document of more than 20 Mo, {@code spring.servlet.multipart.*})
 * gets the error page « fichier trop volumineux » (413) in French, before anything reads the request: left to
 * Tomcat, the request failed while its parameters were parsed and the answer was Tomcat's own English page.
 * Nothing is stored: no controller ran.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class UploadSizeFilter extends OncePerRequestFilter {

    private final long limit;

    UploadSizeFilter(@Value("${spring.servlet.multipart.max-request-size:21MB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/") && request.getContentLengthLong() > limit) {
            // The body is read and dropped first (up to a bound): a server that answers and closes while the browser
            // still sends gets « connexion réinitialisée » shown instead of its page. Then the error page, rendered as
            // for any error (same layout, French).
            drain(request);
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            request.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            request.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
            // Dropped, the body is no form any more: the error page must not try to read it as one.
            HttpServletRequest withoutBody = new jakarta.servlet.http.HttpServletRequestWrapper(request) {
                @Override
                public String getContentType() {
                    return null;
                }

                @Override
                public long getContentLengthLong() {
                    return 0;
                }

                @Override
                public int getContentLength() {
                    return 0;
                }
            };
            request.getRequestDispatcher("/error").forward(withoutBody, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Reads what the browser sends, up to 4 times the limit, without keeping it (not stored, not looked at). */
    private void drain(HttpServletRequest request) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long left = 4 * limit;
        try (java.io.InputStream in = request.getInputStream()) {
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        }
    }
}
