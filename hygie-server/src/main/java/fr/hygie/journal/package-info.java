/**
 * The access journal (journal des accès, traçabilité): every read, write, share, export and refusal
 * on a patient's data, appended to a per-patient hash chain, sealed by signed checkpoints that anyone
 * can verify with the published public key. It depends on no other business module.
 *
 * <p>API: {@link fr.hygie.journal.Journal} (append, patient view), {@link fr.hygie.journal.JournalAudit}
 * (auditor search and anomalies), {@link fr.hygie.journal.Checkpoints}, {@link fr.hygie.journal.JournalVerifier}.
 */
package fr.hygie.journal;
