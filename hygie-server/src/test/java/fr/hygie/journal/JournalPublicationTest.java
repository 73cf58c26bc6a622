package fr.hygie.journal;

import static fr.hygie.journal.Drafts.DR_MARTIN;
import static fr.hygie.journal.Drafts.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Anyone, without logging in, can fetch the public key and the checkpoints and check a signature. */
@JournalTest
class JournalPublicationTest {

    @LocalServerPort
    int port;

    @Autowired
    Journal journal;

    @Autowired
    Checkpoints checkpoints;

    @Test
    void thePublishedPublicKeyVerifiesThePublishedCheckpoint() throws Exception {
        journal.append(read(DR_MARTIN, UUID.randomUUID()));
        Checkpoint c = checkpoints.take();

        HttpResponse<String> key = get("/journal/cle-publique");
        HttpResponse<String> list = get("/journal/points-de-controle");

        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.body()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(list.body()).contains(c.id().toString()).contains("\"root\":\"" + c.root() + "\"")
                .contains("\"signature\":\"" + c.signature() + "\"").contains("\"keyId\":\"" + c.keyId() + "\"")
                .contains("\"chainCount\":" + c.chainCount());

        PublicKey publicKey = CheckpointKeys.parsePublicKeyPem(key.body());
        assertThat(CheckpointKeys.keyIdOf(publicKey)).isEqualTo(c.keyId());
        assertThat(CheckpointKeys.verify(publicKey, c.signedMessage(), Base64.getDecoder().decode(c.signature())))
                .isTrue();
        byte[] forged = c.signedMessage();
        forged[forged.length - 20] ^= 1;
        assertThat(CheckpointKeys.verify(publicKey, forged, Base64.getDecoder().decode(c.signature()))).isFalse();
    }

    @Test
    void thePrivateKeyFileIsReadableByItsOwnerOnly(@Autowired fr.hygie.platform.HygieHome home) throws Exception {
        checkpoints.publicKeyPem();

        var perms = java.nio.file.Files.getPosixFilePermissions(home.dir("keys").resolve(CheckpointKeys.FILE + ".key"));

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(perms)).isEqualTo("rw-------");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
