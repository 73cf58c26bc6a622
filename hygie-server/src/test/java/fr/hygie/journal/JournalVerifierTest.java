package fr.hygie.journal;

import static fr.hygie.journal.Drafts.DR_MARTIN;
import static fr.hygie.journal.Drafts.read;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.journal.VerificationReport.Break;
import fr.hygie.journal.VerificationReport.Problem;
import fr.hygie.platform.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tampering is done the way an attacker holding the database would: plain SQL with the append-only
 * triggers switched off ({@code session_replication_role = replica}), inside a transaction that the test
 * rolls back, so every test leaves the shared journal intact.
 */
@JournalTest
class JournalVerifierTest {

    /** Every column of journal.entry, changed in a way the database accepts. */
    static final List<String> COLUMN_CHANGES = List.of(
            "id = gen_random_uuid()",
            "seq = seq + 1000",
            "at = at + interval '1 microsecond'",
            "actor_account_id = gen_random_uuid()",
            "actor_name = actor_name || '.'",
            "actor_role = 'ADMIN'",
            "acting_for_account_id = gen_random_uuid()",
            "acting_for_name = ''",
            "acting_for_role = 'PATIENT'",
            "patient_id = gen_random_uuid()",
            "action = 'DELETE'",
            "object_type = 'Patient'",
            "object_id = NULL",
            "decision = 'DENY'",
            "reason_code = ''",
            "channel = 'CLI'",
            "justification = ''",
            "prev_hash = sha256('x')",
            "hash = sha256('x')");

    @Autowired
    Journal journal;

    @Autowired
    JournalVerifier verifier;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    JournalCommands.Verify verifyCommand;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    UUID patient;
    String chain;

    @BeforeEach
    void aPatientWithEightEntries() {
        patient = UUID.randomUUID();
        chain = patient.toString();
        for (int i = 0; i < 8; i++) {
            journal.append(read(DR_MARTIN, patient));
        }
    }

    @Test
    void anIntactJournalVerifies() {
        checkpoints.take();

        VerificationReport report = verifier.verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.chains()).isPositive();
        assertThat(report.entries()).isGreaterThanOrEqualTo(8);
        assertThat(report.checkpoints()).isPositive();
    }

    @Test
    void changingAnyColumnOfOneEntryIsFoundAtThatEntry() {
        for (String change : COLUMN_CHANGES) {
            Break b = tampered(() -> sql("UPDATE journal.entry SET " + change + " WHERE chain = '" + chain + "' AND seq = 5"))
                    .firstBreak();
            assertThat(b).as(change).isNotNull();
            assertThat(b.chain()).as(change).isEqualTo(chain);
            assertThat(b.seq()).as(change).isEqualTo(5L);
        }
    }

    @Test
    void movingAnEntryToAnotherChainIsFound() {
        UUID id = entryId(5);
        VerificationReport report = tampered(() -> sql(
                "UPDATE journal.entry SET chain = 'zzz-' || chain WHERE chain = '" + chain + "' AND seq = 5"));

        Break b = report.firstBreak();
        assertThat(b).isNotNull();
        assertThat(id.equals(b.entryId()) || chain.equals(b.chain()) && b.seq() == 5L).as(b.toString()).isTrue();
    }

    @Test
    void aChangedEntryNamesItsChainSeqAndId() {
        UUID id = entryId(5);

        Break b = tampered(() -> sql("UPDATE journal.entry SET reason_code = 'BRIS_DE_GLACE' WHERE id = '" + id + "'"))
                .firstBreak();

        assertThat(b.problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(b.chain()).isEqualTo(chain);
        assertThat(b.seq()).isEqualTo(5L);
        assertThat(b.entryId()).isEqualTo(id);
    }

    @Test
    void aDeletedEntryIsFound() {
        Break middle = tampered(() -> sql("DELETE FROM journal.entry WHERE chain = '" + chain + "' AND seq = 5"))
                .firstBreak();
        Break last = tampered(() -> sql("DELETE FROM journal.entry WHERE chain = '" + chain + "' AND seq = 8"))
                .firstBreak();
        Break whole = tampered(() -> sql("DELETE FROM journal.entry WHERE chain = '" + chain + "'")).firstBreak();

        assertThat(middle).extracting(Break::problem, Break::chain, Break::seq)
                .containsExactly(Problem.MISSING_ENTRY, chain, 5L);
        assertThat(last).extracting(Break::problem, Break::chain, Break::seq)
                .containsExactly(Problem.MISSING_ENTRY, chain, 8L);
        assertThat(whole).extracting(Break::problem, Break::chain, Break::seq)
                .containsExactly(Problem.MISSING_ENTRY, chain, 1L);
    }

    @Test
    void aTamperedCheckpointRootOrSignatureIsFound() {
        Checkpoint c = checkpoints.take();

        Break root = tampered(() -> sql("UPDATE journal.checkpoint SET merkle_root = sha256('x') WHERE id = '" + c.id() + "'"))
                .firstBreak();
        Break signature = tampered(() -> sql("UPDATE journal.checkpoint SET signature = set_byte(signature, 0, "
                + "get_byte(signature, 0) # 1) WHERE id = '" + c.id() + "'")).firstBreak();
        Break count = tampered(() -> sql("UPDATE journal.checkpoint SET chain_count = chain_count + 1 WHERE id = '"
                + c.id() + "'")).firstBreak();

        assertThat(root).extracting(Break::problem, Break::checkpointId)
                .containsExactly(Problem.CHECKPOINT_ROOT_MISMATCH, c.id());
        assertThat(signature).extracting(Break::problem, Break::checkpointId)
                .containsExactly(Problem.CHECKPOINT_SIGNATURE_INVALID, c.id());
        assertThat(count).extracting(Break::problem, Break::checkpointId)
                .containsExactly(Problem.CHECKPOINT_ROOT_MISMATCH, c.id());
    }

    @Test
    void aChainRewrittenWithValidHashesIsCaughtByTheSignedCheckpoint() {
        Checkpoint c = checkpoints.take();

        // The attacker rewrites the last entry and recomputes its hash and the head: the chain alone looks fine.
        VerificationReport report = tampered(() -> {
            StoredEntry last = jdbc.sql("SELECT " + StoredEntry.COLUMNS + " FROM journal.entry WHERE chain = :c AND seq = 8")
                    .param("c", chain).query((rs, n) -> StoredEntry.read(rs)).single();
            StoredEntry forged = new StoredEntry(last.id(), last.chain(), last.seq(), last.at(), last.actorAccountId(),
                    last.actorName(), last.actorRole(), null, null, null, last.patientId(), "UPDATE",
                    last.objectType(), last.objectId(), last.decision(), last.reasonCode(), last.channel(),
                    last.justification(), last.prevHash(), null);
            byte[] hash = Hashing.entryHash(forged);
            jdbc.sql("UPDATE journal.entry SET action = 'UPDATE', hash = :h WHERE id = :id")
                    .param("h", hash).param("id", last.id()).update();
            jdbc.sql("UPDATE journal.chain_head SET hash = :h WHERE chain = :c").param("h", hash).param("c", chain).update();
        });

        assertThat(report.firstBreak()).extracting(Break::problem, Break::chain, Break::seq, Break::checkpointId)
                .containsExactly(Problem.CHECKPOINT_ENTRY_MISMATCH, chain, 8L, c.id());
    }

    @Test
    void theVerifyCommandSaysIntactAndExitsZero() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int code = verifyCommand.run(List.of(), console(out, err));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Journal intègre").contains("chaînes")
                .contains("entrées").contains("points de contrôle");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theVerifyCommandNamesTheFirstBreakAndExitsOne() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int code = tx.execute(status -> {
            status.setRollbackOnly();
            sql("SET LOCAL session_replication_role = replica");
            sql("UPDATE journal.entry SET action = 'DELETE' WHERE chain = '" + chain + "' AND seq = 5");
            try {
                return verifyCommand.run(List.of(), console(out, err));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("JOURNAL ALTÉRÉ").contains("chaîne " + chain)
                .contains("entrée n°5").contains("HASH_MISMATCH");
    }

    @Test
    void hygieFindsTheJournalSubcommands() {
        var cli = fr.hygie.platform.cli.CommandLine.scan("fr.hygie");

        assertThat(cli.parse(new String[] {"journal", "verify"}))
                .isInstanceOfSatisfying(fr.hygie.platform.cli.CommandLine.RunCommand.class,
                        r -> assertThat(r.command().type()).isEqualTo(JournalCommands.Verify.class));
        assertThat(cli.parse(new String[] {"journal", "checkpoint"}))
                .isInstanceOfSatisfying(fr.hygie.platform.cli.CommandLine.RunCommand.class,
                        r -> assertThat(r.command().type()).isEqualTo(JournalCommands.TakeCheckpoint.class));
    }

    @Test
    void theVerifyCommandRefusesArguments() throws Exception {
        assertThat(verifyCommand.run(List.of("--vite"), console(new ByteArrayOutputStream(), new ByteArrayOutputStream())))
                .isEqualTo(2);
    }

    private VerificationReport tampered(Runnable attack) {
        return tx.execute(status -> {
            status.setRollbackOnly();
            sql("SET LOCAL session_replication_role = replica");
            attack.run();
            return verifier.verify();
        });
    }

    private void sql(String statement) {
        jdbc.sql(statement).update();
    }

    private UUID entryId(long seq) {
        return jdbc.sql("SELECT id FROM journal.entry WHERE chain = :c AND seq = :s").param("c", chain).param("s", seq)
                .query(UUID.class).single();
    }

    private static Console console(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
    }

}
