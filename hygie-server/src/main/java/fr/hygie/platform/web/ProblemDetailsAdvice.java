package fr.hygie.platform.web;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refused input raised by JSON APIs into problem+json (RFC 9457). HTML controllers handle
 * their own errors and show the French message next to the field.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
// After DatabaseUnavailableAdvice: this one matches every RuntimeException of a @RestController.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ProblemDetailsAdvice {

    static final String TYPE_BASE = "https://hygie.example/problemes/";

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> refused(RuntimeException e) throws RuntimeException {
        if (!(e instanceof RefusedInput r)) {
            throw e;
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(r.status()), r.getMessage());
        p.setTitle("Demande refusée");
        p.setType(URI.create(TYPE_BASE + r.code().toLowerCase().replace('_', '-')));
        p.setProperty("code", r.code());
        if (r.field() != null) {
            p.setProperty("field", r.field());
        }
        return ResponseEntity.status(r.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
