package fr.hygie.journal;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What anyone may fetch to check the journal from outside: the checkpoint public key and the latest
 * signed checkpoints (no health data in either).
 */
@RestController
class JournalController {

    static final String PUBLIC_KEY = "/journal/cle-publique";
    static final String CHECKPOINTS = "/journal/points-de-controle";
    static final int MAX_CHECKPOINTS = 1000;

    private final Checkpoints checkpoints;

    JournalController(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @GetMapping(value = PUBLIC_KEY, produces = "application/x-pem-file")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .body(checkpoints.publicKeyPem());
    }

    @GetMapping(value = CHECKPOINTS, produces = MediaType.APPLICATION_JSON_VALUE)
    List<Checkpoint> latest(@RequestParam(name = "limite", defaultValue = "100") int limit) {
        return checkpoints.latest(Math.min(Math.max(limit, 1), MAX_CHECKPOINTS));
    }
}
