package fr.hygie.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's socket write buffer, per connection: {@code hygie.http.write-buffer} bytes (default 32 KB, Tomcat's own
 * 8 KB). Tomcat copies a response (status line, headers, body) into this buffer and writes it to the socket each time
 * it is full, then at the end: with 8 KB, the professional's record page (8.3 KB of HTML + 0.6 KB of headers) took two
 * socket writes even when sent whole; with 32 KB a page up to ~31 KB leaves in one (issue 13, docs/benchmarks.md
 * « Session 11 — the request's path outside our code, again »: each write on loopback also runs the receiving side's
 * TCP processing). Costs {@code write-buffer} bytes of heap per open connection, allocated when it opens (with a heap
 * under 2 GB Tomcat caches no channel: {@code SocketProperties#getActualBufferPool} answers 0): 32 KB × 200 connections
 * = 6.4 MB. A larger response is written in pieces of this size, as before in pieces of 8 KB.
 */
@Component
class HttpConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int writeBuffer;

    HttpConnector(@Value("${hygie.http.write-buffer:32768}") int writeBuffer) {
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
