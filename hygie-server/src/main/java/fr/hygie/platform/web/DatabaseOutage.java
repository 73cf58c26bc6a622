package fr.hygie.platform.web;

/**
 * Whether an error means "the database cannot be reached" (PostgreSQL restarting, network cut, pool
 * exhausted), for every entry point that must then answer 503 with {@code Retry-After} instead of a 500:
 * Spring MVC ({@code DatabaseUnavailableAdvice}) and the FHIR servlet, which handles its own errors
 * (docs/security.md, "Database restart while serving").
 */
public final class DatabaseOutage {

    /** What {@code Retry-After} says while the database is unreachable, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "30";

    private DatabaseOutage() {
    }

    /**
     * The connection itself failed: Spring's resource-failure exceptions, or anywhere in the causes a pool
     * timeout, a refused connection, or PostgreSQL's SQLState classes 08 (connection exception), 53
     * (insufficient resources) and 57 (operator intervention: shutdown, restart).
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || t instanceof org.springframework.dao.RecoverableDataAccessException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("53") || sql.getSQLState().startsWith("57"))) {
                return true;
            }
            // a failed rollback hides the query's own exception (the connection had just been closed): look at it too
            if (t instanceof org.springframework.transaction.TransactionSystemException tx && tx.getApplicationException() != null
                    && tx.getApplicationException() != t && unreachable(tx.getApplicationException())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
