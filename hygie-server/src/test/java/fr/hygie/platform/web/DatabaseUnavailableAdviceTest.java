package fr.hygie.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean « the database cannot be reached » (503) rather than a fault of ours (500). */
class DatabaseUnavailableAdviceTest {

    @Test
    void aFailedRollbackAfterALostConnectionIsAnUnreachableDatabase() {
        // what Spring throws when PostgreSQL closed the connection mid-query: the rollback fails too and hides the query's exception
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(DatabaseUnavailableAdvice.databaseUnreachable(rollback)).isTrue();
    }

    @Test
    void connectionStatesAreUnreachableAndOtherDatabaseErrorsAreNot() {
        assertThat(DatabaseUnavailableAdvice.databaseUnreachable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseUnavailableAdvice.databaseUnreachable(new SQLException("connection failure", "08006"))).isTrue();
        assertThat(DatabaseUnavailableAdvice.databaseUnreachable(new DuplicateKeyException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        TransactionSystemException commitOfABadRow = new TransactionSystemException("commit failed", new SQLException("deferred check", "23514"));
        commitOfABadRow.initApplicationException(new IllegalStateException("a bug of ours"));
        assertThat(DatabaseUnavailableAdvice.databaseUnreachable(commitOfABadRow)).isFalse();
    }
}
