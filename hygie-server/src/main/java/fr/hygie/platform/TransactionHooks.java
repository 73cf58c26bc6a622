package fr.hygie.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work tied to the outcome of the current transaction, for what the database cannot roll back itself: a
 * ciphertext blob written before the commit is removed if the transaction rolls back; a crypto-erased blob is
 * deleted only once the erasure is committed.
 */
public final class TransactionHooks {

    private TransactionHooks() {
    }

    /** Runs {@code action} if the current transaction rolls back (nothing without a transaction). */
    public static void onRollback(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        action.run();
                    }
                }
            });
        }
    }

    /** Runs {@code action} once the current transaction commits, or at once without a transaction. */
    public static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
