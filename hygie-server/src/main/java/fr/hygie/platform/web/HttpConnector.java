package fr.hygie.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's socket write buffer, per connection: {@code hygie.http.write-buffer} bytes (default 8 KB, Tomcat's own).
 * Tomcat copies a response (status line, headers, body) into this buffer and writes it to the socket each time it is
 * full, then at the end: with 8 KB the professional's record page (8.3 KB of HTML + 0.6 KB of headers), sent whole by
 * {@code web.WholePageView}, takes two socket writes; with 32 KB a page up to ~31 KB leaves in one (issue 13,
 * docs/benchmarks.md « Session 11 — the request's path outside our code, again »).
 * <p>
 * The default stays Tomcat's 8 KB because the buffer costs its size in heap per <em>open</em> connection, allocated
 * when the connection opens (with a heap under 2 GB Tomcat caches no channel), and Tomcat accepts up to 8,192
 * connections ({@code server.tomcat.max-connections}): at 32 KB that is 256 MB of the 512 MB heap of {@code ./hygie}.
 * The lead's open-model run of session 11 (900 journeys per second arriving whatever the server's pace) opened ~16,000
 * connections once the server fell behind, and a server with 32 KB buffers ran out of heap (docs/benchmarks.md
 * « Session 11 — after the merges »). A larger buffer is for a deployment that also bounds
 * {@code server.tomcat.max-connections} (e.g. behind a reverse proxy keeping a pool of connections): size × connections
 * must stay a small part of the heap.
 */
@Component
class HttpConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int writeBuffer;

    HttpConnector(@Value("${hygie.http.write-buffer:8192}") int writeBuffer) {
        if (writeBuffer < 8192) {
            throw new IllegalArgumentException("hygie.http.write-buffer must be at least 8192 bytes (Tomcat's own size)");
        }
        this.writeBuffer = writeBuffer;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("socket.appWriteBufSize", Integer.toString(writeBuffer)));
    }
}
