package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An uploaded document is read from the form in memory, never written in clear to a temporary file (issue 13 and
 * docs/security.md: Spring Boot's default threshold, 0 B, made Tomcat write every part of a multipart form — the
 * document itself before it was sealed — to its temporary folder, then read it back).
 */
@HygieIntegrationTest
class UploadStaysInMemoryTest {

    /** A bound so that a lost file-system event fails the test instead of hanging it; not a timing assertion. */
    private static final long AT_MOST_SECONDS = 90;

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    ServletContext servletContext;

    @Test
    void anUploadedDocumentIsNeverWrittenToATemporaryFile() throws Exception {
        // Where Tomcat puts the parts of a multipart request that exceed the in-memory threshold.
        Path temp = ((File) servletContext.getAttribute(ServletContext.TEMPDIR)).toPath();
        String id = cast.patient(cast.newPatient()).toString();
        WebSession gp = new WebSession(port).loggedInAs("medecin");
        gp.get("/pro/patients/" + id + "/ajouter");
        byte[] document = "Compte rendu : glycémie à jeun 0,95 g/L, HbA1c 5,6 %.\n".repeat(2000).getBytes(StandardCharsets.UTF_8);

        List<String> created = new ArrayList<>();
        try (WatchService watch = temp.getFileSystem().newWatchService()) {
            temp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            HttpResponse<String> answer = gp.postMultipart("/pro/patients/" + id + "/ajouter",
                    Map.of("type", "11502-2", "title", "Bilan en mémoire", "date", "2026-11-01"), "file", "bilan.txt",
                    "text/plain", document);
            assertThat(answer.statusCode()).isEqualTo(302);
            // The kernel reports a folder's events in order: once this marker's creation is seen, every file created
            // in the folder during the upload has been seen before it.
            Path marker = Files.createTempFile(temp, "test-marker-", ".tmp");
            try {
                String markerName = marker.getFileName().toString();
                while (!created.contains(markerName)) {
                    WatchKey key = watch.poll(AT_MOST_SECONDS, TimeUnit.SECONDS);
                    if (key == null) {
                        fail("the creation of the marker file was never reported");
                    }
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            fail("file-system events were lost");
                        }
                        created.add(String.valueOf(event.context()));
                    }
                    key.reset();
                }
                created.remove(markerName);
            } finally {
                Files.deleteIfExists(marker);
            }
        }
        assertThat(created).as("files created in Tomcat's temporary folder while the upload was read").isEmpty();
        assertThat(gp.get("/pro/patients/" + id).body()).contains("Bilan en mémoire");
    }
}
