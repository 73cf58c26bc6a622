package fr.hygie.journal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 4, the access journal moves with the person (« réversibilité » of the journal des accès): a former
 * platform's chain is verified completely before it is kept, read-only, as that person's former journal; a
 * forged or broken chain is refused with its French reason and nothing of it is stored; importing twice stores
 * nothing twice; {@code journal verify} verifies former chains too; the person's page shows them, marked verified.
 */
@HygieIntegrationTest
class FormerChainsTest {

    @Autowired
    FormerChains formerChains;
    @Autowired
    JournalVerifier verifier;
    @Autowired
    Journal journal;
    @Autowired
    Cast cast;
    @Autowired
    Clock clock;
    @Autowired
    Checkpoints checkpoints;
    @LocalServerPort
    int port;

    @Test
    void everyInclusionProofLeadsToTheRootTheCheckpointTreeSigns() {
        for (int n = 1; n <= 40; n++) {
            MerkleTree reference = new MerkleTree();
            byte[] leaves = new byte[n * Hashing.HASH_BYTES];
            List<byte[]> leafHashes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String chain = String.format("chain-%03d", i);
                byte[] hash = Hashing.sha256(chain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                reference.add(chain, i + 1, hash);
                byte[] leaf = MerkleTree.leafHash(chain, i + 1, hash);
                leafHashes.add(leaf);
                System.arraycopy(leaf, 0, leaves, i * Hashing.HASH_BYTES, Hashing.HASH_BYTES);
            }
            MerkleProofs proofs = new MerkleProofs(leaves, n);
            assertThat(proofs.root()).as("root of %d leaves", n).isEqualTo(reference.root());
            for (int i = 0; i < n; i++) {
                assertThat(MerkleProofs.fold(leafHashes.get(i), proofs.proof(i))).as("leaf %d of %d", i, n).isEqualTo(reference.root());
                if (n > 1) {
                    // Another leaf's proof does not lead there.
                    assertThat(MerkleProofs.fold(leafHashes.get(i), proofs.proof((i + 1) % n))).isNotEqualTo(reference.root());
                }
            }
        }
    }

    @Test
    void aThisPlatformsExportSealsEachChainSoThatItVerifiesElsewhere() {
        UUID person = UUID.randomUUID();
        journal.appendAll(List.of(Drafts.read(Drafts.DR_MARTIN, person), Drafts.read(Drafts.DR_MARTIN, person),
                Drafts.read(Drafts.DR_MARTIN, person)));
        FormerChains.ExportSeal seal = formerChains.seal();
        List<TransferredChain> out = formerChains.forExport(seal, person);
        assertThat(out).hasSize(1);
        TransferredChain c = out.get(0);
        assertThat(c.chain()).isEqualTo(person.toString());
        assertThat(c.entries()).extracting(ChainEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(c.seal().keyId()).isEqualTo(seal.checkpoint().keyId());
        assertThat(c.seal().publicKeyPem()).isEqualTo(checkpoints.publicKeyPem());
        assertThat(FormerChains.problem(c)).isEmpty();
        // Entries appended after the export's checkpoint are not in it: the chain travels up to the head it signed.
        journal.append(Drafts.read(Drafts.DR_MARTIN, person));
        assertThat(formerChains.forExport(seal, person).get(0).entries()).hasSize(3);
        // This platform's own chain coming back is already there: never stored twice.
        assertThat(formerChains.importChain(person, c)).isInstanceOf(FormerChains.AlreadyThere.class);
        assertThat(formerChains.of(person)).isEmpty();
    }

    @Test
    void aFormerPlatformsChainIsVerifiedKeptReadOnlyOnceAndVerifiedAgainByJournalVerify() {
        ForeignPlatform former = new ForeignPlatform();
        TransferredChain c = former.chain(5, clock.instant().minus(400, ChronoUnit.DAYS));
        assertThat(FormerChains.problem(c)).isEmpty();
        UUID person = UUID.randomUUID();
        FormerChains.ImportOutcome first = formerChains.importChain(person, c);
        assertThat(first).isInstanceOf(FormerChains.Imported.class);
        assertThat(formerChains.importChain(person, c)).isInstanceOf(FormerChains.AlreadyThere.class);
        List<FormerChain> kept = formerChains.of(person);
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).intact()).isTrue();
        assertThat(kept.get(0).keyId()).isEqualTo(former.keyId());
        // Exactly as it came, so that it moves again unchanged (A → B → C).
        assertThat(kept.get(0).chain()).isEqualTo(c);
        assertThat(formerChains.forExport(formerChains.seal(), person)).contains(c);
        assertThat(formerChains.countEntries(person)).isEqualTo(5);
        assertThat(formerChains.entries(person, 0, 2)).extracting(e -> e.entry().seq()).containsExactly(5L, 4L);
        assertThat(formerChains.entry(c.chain(), 3)).map(FormerChains.FormerEntry::patientId).contains(person);
        // The import itself is journaled on the person's chain here.
        assertThat(journal.forPatient(person, 0, 10)).anyMatch(e -> e.action() == JournalAction.IMPORT
                && "AuditEvent".equals(e.objectType()) && c.chain().equals(e.objectId()));
        // ./hygie journal verify recomputes former chains too.
        VerificationReport report = verifier.verify();
        assertThat(report.intact()).as("%s", report.firstBreak()).isTrue();
        assertThat(report.formerChains()).isGreaterThanOrEqualTo(1);
        // Another version of the same chain (the same key, another head) is refused: rows are never rewritten.
        TransferredChain longer = former.seal(c.chain(), c.entries().subList(0, 4),
                java.util.HexFormat.of().parseHex(c.entries().get(3).hash()), clock.instant());
        assertThat(formerChains.importChain(person, longer)).isInstanceOfSatisfying(FormerChains.Refused.class,
                r -> assertThat(r.reason()).contains("une autre version de cette chaîne"));
    }

    @Test
    void aForgedOrBrokenChainIsRefusedWithItsReasonAndNothingOfItIsStored() {
        ForeignPlatform former = new ForeignPlatform();
        TransferredChain c = former.chain(4, clock.instant().minus(30, ChronoUnit.DAYS));
        ForeignPlatform impostor = new ForeignPlatform();
        List<Forgery> forgeries = List.of(
                new Forgery("un champ haché modifié (qui a accédé)", ForeignPlatform.withEntry(c, 2, e -> new ChainEntry(e.id(), e.chain(),
                        e.seq(), e.at(), e.actorAccountId(), "Quelqu'un d'autre", e.actorRole(), e.actingForAccountId(),
                        e.actingForName(), e.actingForRole(), e.patientId(), e.action(), e.objectType(), e.objectId(), e.decision(),
                        e.reasonCode(), e.channel(), e.justification(), e.prevHash(), e.hash())), "n°2 ne correspond plus à son empreinte"),
                new Forgery("une entrée retirée", new TransferredChain(c.chain(), List.of(c.entries().get(0), c.entries().get(2),
                        c.entries().get(3)), c.seal()), "l'entrée n°2 manque"),
                new Forgery("la signature d'une autre clé", ForeignPlatform.withSeal(c, s -> new ChainSeal(s.checkpointId(), s.at(),
                        s.root(), s.chainCount(), Base64.getEncoder().encodeToString(impostor.sign(Checkpoint.message(s.checkpointId(),
                        s.at(), s.chainCount(), java.util.HexFormat.of().parseHex(s.root()), s.keyId()))), s.keyId(), s.publicKeyPem(),
                        s.proof())), "la signature du point de contrôle"),
                new Forgery("une autre clé publique", ForeignPlatform.withSeal(c, s -> new ChainSeal(s.checkpointId(), s.at(), s.root(),
                        s.chainCount(), s.signature(), s.keyId(), CheckpointKeys.pem("PUBLIC KEY", Base64.getDecoder().decode(
                        impostor.publicKeyBase64())), s.proof())), "n'est pas la clé"),
                new Forgery("une fausse preuve d'inclusion", ForeignPlatform.withSeal(c, s -> new ChainSeal(s.checkpointId(), s.at(),
                        s.root(), s.chainCount(), s.signature(), s.keyId(), s.publicKeyPem(), s.proof().subList(1, s.proof().size()))),
                        "preuve d'inclusion fausse"),
                new Forgery("sans point de contrôle", new TransferredChain(c.chain(), c.entries(), null), "sans le point de contrôle"));
        for (Forgery f : forgeries) {
            UUID person = UUID.randomUUID();
            assertThat(formerChains.importChain(person, f.chain())).as(f.what()).isInstanceOfSatisfying(FormerChains.Refused.class,
                    r -> assertThat(r.reason()).as(f.what()).contains(f.reason()));
            assertThat(formerChains.of(person)).as(f.what()).isEmpty();
            assertThat(formerChains.entry(c.chain(), 1)).as(f.what()).isEmpty();
            assertThat(journal.countForPatient(person)).as(f.what()).isZero();
        }
        // A forgery that re-signs with its own key is a chain of ITS platform, not of the one it claims: the key id says which.
        assertThat(FormerChains.problem(c)).isEmpty();
    }

    record Forgery(String what, TransferredChain chain, String reason) {
    }

    @Test
    void thePersonsPageShowsTheirFormerPlatformsJournalMarkedVerified() {
        String login = cast.newPatient();
        UUID person = cast.patient(login).value();
        ForeignPlatform former = new ForeignPlatform();
        TransferredChain c = former.chain(3, clock.instant().minus(90, ChronoUnit.DAYS));
        assertThat(formerChains.importChain(person, c)).isInstanceOf(FormerChains.Imported.class);
        HttpResponse<String> page = new WebSession(port).loggedInAs(login).get("/journal");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("Journal de votre ancienne plateforme", "Vérifié : ce journal est complet et intact",
                former.keyId(), "Accès enregistrés par votre ancienne plateforme", "Dr Ancienne Plateforme 1", "Dr Ancienne Plateforme 3");
        // Headings in order: the page's h1, then the section's h2; the table has its caption and column headers.
        assertThat(html.indexOf("<h1")).isLessThan(html.indexOf("<h2"));
        String section = html.substring(html.indexOf("Journal de votre ancienne plateforme"));
        assertThat(section).contains("<caption>", "<th scope=\"col\">");
        // Newest first.
        assertThat(section.indexOf("Dr Ancienne Plateforme 3")).isLessThan(section.indexOf("Dr Ancienne Plateforme 1"));
        // Someone else's page does not show it.
        assertThat(new WebSession(port).loggedInAs("patient").get("/journal").body()).doesNotContain(former.keyId());
    }
}
