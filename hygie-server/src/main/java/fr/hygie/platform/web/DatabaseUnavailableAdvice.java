package fr.hygie.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * The database cannot be reached (PostgreSQL restarting, network cut, pool exhausted): every page and
 * API answers 503 « service momentanément indisponible » with {@code Retry-After}, as an error page or
 * as problem+json (RFC 9457) — never a 500, a stack trace or the database's address. Nothing else is
 * needed to recover: the connection pool opens new connections once PostgreSQL answers again
 * (docs/security.md, "Database restart while serving"; proved by {@code security.DatabaseRestartIT}).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);
    static final String RETRY_AFTER_SECONDS = DatabaseOutage.RETRY_AFTER_SECONDS;

    // TransactionException: a rollback (or commit) on a connection PostgreSQL just closed fails too, and Spring then
    // throws the TransactionSystemException of the rollback instead of the query's own exception.
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            org.springframework.transaction.TransactionException.class,
            SQLTransientConnectionException.class, org.springframework.dao.TransientDataAccessException.class,
            org.springframework.dao.RecoverableDataAccessException.class, org.springframework.jdbc.UncategorizedSQLException.class,
            java.sql.SQLException.class})
    Object unavailable(Exception e, HttpServletRequest request, HttpServletResponse response, HandlerMethod handler) throws Exception {
        if (!databaseUnreachable(e)) {
            throw e; // another database error: not this handler's business (the usual 500 error page)
        }
        // The cause's text may name the server; only its kind is logged (no data, no address).
        log.warn("Database unavailable while serving {} {}: {}", request.getMethod(), request.getRequestURI(), e.getClass().getSimpleName());
        if (wantsJson(request, handler)) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "Le service est momentanément indisponible. Réessayez dans quelques instants.");
            p.setTitle("Service momentanément indisponible");
            p.setType(URI.create(ProblemDetailsAdvice.TYPE_BASE + "service-indisponible"));
            p.setProperty("code", "SERVICE_UNAVAILABLE");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        ModelAndView page = new ModelAndView("error", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("status", 503);
        return page;
    }

    /** See {@link DatabaseOutage#unreachable}. */
    static boolean databaseUnreachable(Throwable e) {
        return DatabaseOutage.unreachable(e);
    }

    private static boolean wantsJson(HttpServletRequest request, HandlerMethod handler) {
        boolean body = handler != null && (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class));
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        boolean html = accept != null && accept.contains("text/html");
        return body && !html || accept != null && accept.contains("json") && !html;
    }
}
