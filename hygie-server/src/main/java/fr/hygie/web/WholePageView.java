package fr.hygie.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Map;
import org.thymeleaf.spring6.view.ThymeleafView;

/**
 * A page sent in one piece, with its {@code Content-Length} (issue 13, docs/benchmarks.md « Session 11 — the request's
 * path outside our code, again »). Thymeleaf already renders a page into memory
 * ({@code spring.thymeleaf.servlet.produce-partial-output-while-processing=false}), then wrote it through the response's
 * writer and <em>flushed</em> it: the flush committed the response without a length, so every page went out chunked,
 * in at least two socket writes (the page, then the last chunk) and one more per 8 KB of Tomcat's buffer — three for
 * the professional's record page (8.3 KB). Here the rendered page is kept, encoded once in the response's character
 * encoding (the one Thymeleaf set), given its length and written at once; with the connector's socket write buffer
 * ({@code platform.web.HttpConnector}) a page up to that size leaves in one write.
 * <p>
 * Nothing else changes: the same template, model, content type, character encoding and locale (set by Thymeleaf on the
 * real response), the same headers (Spring Security writes its headers when the response commits, now when the
 * announced length is reached); a page that fails while rendering still sends nothing of itself.
 */
public class WholePageView extends ThymeleafView {

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
        WholePage page = new WholePage(response);
        super.render(model, request, page);
        page.send();
    }

    /** The response as Thymeleaf sees it: its writer keeps the page; the page is sent by {@link #send()}. */
    static final class WholePage extends HttpServletResponseWrapper {

        private final Kept kept = new Kept();
        private PrintWriter writer;

        WholePage(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(kept, false);
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            throw new IllegalStateException("a page is written through its writer");
        }

        @Override
        public void flushBuffer() {
            // sent whole by send()
        }

        void send() throws IOException {
            if (writer == null) {
                return;
            }
            writer.flush();
            byte[] bytes = kept.text().getBytes(Charset.forName(getResponse().getCharacterEncoding()));
            HttpServletResponse response = (HttpServletResponse) getResponse();
            response.setContentLength(bytes.length);
            ServletOutputStream out = response.getOutputStream();
            out.write(bytes);
        }
    }

    /** Keeps what is written; Thymeleaf writes a page as one string, which is kept as it is. */
    static final class Kept extends Writer {

        private String one;
        private StringBuilder more;

        @Override
        public void write(String s, int off, int len) {
            if (one == null && more == null && off == 0 && len == s.length()) {
                one = s;
                return;
            }
            builder().append(s, off, off + len);
        }

        @Override
        public void write(char[] chars, int off, int len) {
            builder().append(chars, off, len);
        }

        @Override
        public void write(int c) {
            builder().append((char) c);
        }

        private StringBuilder builder() {
            if (more == null) {
                more = new StringBuilder(one == null ? 1024 : one.length() + 1024);
                if (one != null) {
                    more.append(one);
                    one = null;
                }
            }
            return more;
        }

        String text() {
            return more != null ? more.toString() : one != null ? one : "";
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
