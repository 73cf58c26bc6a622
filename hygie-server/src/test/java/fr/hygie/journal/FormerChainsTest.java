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
    @Autowired
    CheckpointKeys keys;
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
        // This platform's own chain coming back (A → B → A) is recognised and matched with the live chain here, which
        // went on since (4 entries now): never stored as a former chain.
        assertThat(formerChains.importChain(person, c)).isEqualTo(new FormerChains.ThisPlatforms(3, 4));
        assertThat(formerChains.of(person)).isEmpty();
        assertThat(journal.countForPatient(person)).isEqualTo(4);
    }

    @Test
    void thisPlatformsOwnChainComingBackForAnotherPersonOrNotMatchingWhatItHoldsIsRefusedAndNothingIsStored() {
        UUID person = UUID.randomUUID();
        journal.appendAll(List.of(Drafts.read(Drafts.DR_MARTIN, person), Drafts.read(Drafts.DR_MARTIN, person)));
        TransferredChain c = formerChains.forExport(formerChains.seal(), person).get(0);
        UUID someoneElse = UUID.randomUUID();
        assertThat(formerChains.importChain(someoneElse, c)).isInstanceOfSatisfying(FormerChains.Refused.class,
                r -> assertThat(r.reason()).contains("journal de cette plateforme").contains("une autre personne"));
        assertThat(formerChains.of(someoneElse)).isEmpty();
        assertThat(journal.countForPatient(someoneElse)).isZero();
        // Signed with this platform's key over a head this platform's chain does not hold (its journal changed after it
        // signed, or a copy of its key signed elsewhere): refused, nothing stored, the reason says where to look.
        List<ChainEntry> other = ForeignPlatform.entries(c.chain(), person, List.of(
                new ForeignPlatform.Access(Drafts.DR_MARTIN, "READ", clock.instant().minusSeconds(60)),
                new ForeignPlatform.Access(Drafts.DR_MARTIN, "EXPORT", clock.instant().minusSeconds(30))));
        TransferredChain rewritten = ForeignPlatform.sealWith(keys::sign, keys.keyId(), keys.publicKeyPem(), c.chain(), other,
                java.util.HexFormat.of().parseHex(other.get(1).hash()), clock.instant());
        assertThat(FormerChains.problem(rewritten)).isEmpty();
        assertThat(formerChains.importChain(person, rewritten)).isInstanceOfSatisfying(FormerChains.Refused.class,
                r -> assertThat(r.reason()).contains("l'entrée n°2 n'y a pas la même empreinte").contains("journal verify"));
        // Longer than what this platform holds: the head is not here at all.
        List<ChainEntry> longer = ForeignPlatform.entries(c.chain(), person, List.of(
                new ForeignPlatform.Access(Drafts.DR_MARTIN, "READ", clock.instant().minusSeconds(60)),
                new ForeignPlatform.Access(Drafts.DR_MARTIN, "READ", clock.instant().minusSeconds(50)),
                new ForeignPlatform.Access(Drafts.DR_MARTIN, "READ", clock.instant().minusSeconds(40))));
        assertThat(formerChains.importChain(person, ForeignPlatform.sealWith(keys::sign, keys.keyId(), keys.publicKeyPem(), c.chain(),
                longer, java.util.HexFormat.of().parseHex(longer.get(2).hash()), clock.instant())))
                .isInstanceOfSatisfying(FormerChains.Refused.class, r -> assertThat(r.reason()).contains("l'entrée n°3 n'y est pas"));
        assertThat(formerChains.of(person)).isEmpty();
        assertThat(journal.countForPatient(person)).isEqualTo(2);
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
        // An older version of it (the same key, an earlier head): already there, nothing stored.
        TransferredChain older = former.seal(c.chain(), c.entries().subList(0, 4),
                java.util.HexFormat.of().parseHex(c.entries().get(3).hash()), clock.instant());
        assertThat(formerChains.importChain(person, older)).isInstanceOf(FormerChains.AlreadyThere.class);
        // A version that contradicts it (entry n°5 another one) is refused: rows are never rewritten.
        ForeignPlatform.Access more = new ForeignPlatform.Access(Drafts.professional("Dr Retour"), "READ", clock.instant().minusSeconds(5));
        assertThat(formerChains.importChain(person, former.extend(c, 4, List.of(more), clock.instant())))
                .isInstanceOfSatisfying(FormerChains.Refused.class, r -> assertThat(r.reason())
                        .contains("une autre version de cette chaîne").contains("l'entrée n°5 diffère"));
        // The same chain for another person: refused.
        assertThat(formerChains.importChain(UUID.randomUUID(), c)).isInstanceOfSatisfying(FormerChains.Refused.class,
                r -> assertThat(r.reason()).contains("le journal d'une autre personne"));
        assertThat(formerChains.of(person)).extracting(FormerChain::chain).containsExactly(c);
    }

    /**
     * A → B → A → B: B keeps A's chain; the person goes back to A, which writes more, then leaves A again: B is brought
     * a longer version of A's chain. It is kept beside the older one (rows are never rewritten); the page, the API, the
     * export read the newest; journal verify verifies both; importing either again stores nothing.
     */
    @Test
    void aLongerVersionOfAFormerChainIsKeptBesideTheOlderAndTheNewestIsShown() {
        ForeignPlatform former = new ForeignPlatform();
        TransferredChain c = former.chain(5, clock.instant().minus(300, ChronoUnit.DAYS));
        UUID person = UUID.randomUUID();
        assertThat(formerChains.importChain(person, c)).isInstanceOf(FormerChains.Imported.class);
        TransferredChain longer = former.extend(c, 5, List.of(
                new ForeignPlatform.Access(Drafts.professional("Dr Retour 6"), "READ", clock.instant().minus(20, ChronoUnit.DAYS)),
                new ForeignPlatform.Access(Drafts.professional("Dr Retour 7"), "READ", clock.instant().minus(19, ChronoUnit.DAYS))),
                clock.instant().minus(18, ChronoUnit.DAYS));
        assertThat(FormerChains.problem(longer)).isEmpty();
        assertThat(formerChains.importChain(person, longer)).isInstanceOfSatisfying(FormerChains.Extended.class,
                x -> assertThat(x.previousHead()).isEqualTo(5));
        assertThat(formerChains.of(person)).extracting(FormerChain::chain).containsExactly(longer);
        assertThat(formerChains.countEntries(person)).isEqualTo(7);
        assertThat(formerChains.entries(person, 0, 10)).extracting(e -> e.entry().seq()).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(formerChains.entry(c.chain(), 7)).map(e -> e.entry().actorName()).contains("Dr Retour 7");
        assertThat(formerChains.forExport(formerChains.seal(), person)).contains(longer).doesNotContain(c);
        assertThat(formerChains.importChain(person, longer)).isInstanceOf(FormerChains.AlreadyThere.class);
        assertThat(formerChains.importChain(person, c)).isInstanceOf(FormerChains.AlreadyThere.class);
        assertThat(formerChains.of(person)).hasSize(1);
        // Both versions verify; both imports are journaled on the person's chain here.
        List<TransferredChain> every = new ArrayList<>();
        formerChains.forEach(f -> every.add(f.chain()));
        assertThat(every).contains(c, longer);
        VerificationReport report = verifier.verify();
        assertThat(report.intact()).as("%s", report.firstBreak()).isTrue();
        assertThat(journal.forPatient(person, 0, 10)).filteredOn(e -> e.action() == JournalAction.IMPORT).hasSize(2);
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
        // Three entries: one page, no paging link.
        assertThat(section).doesNotContain("Accès plus anciens de l", "Accès plus récents de l");
    }

    /**
     * A former platform's journal is paged on the person's page like their own entries (50 a page, newest first, plain
     * links, no JavaScript), each page still saying that the whole chain verifies; the auditor's page lists its entries
     * marked as that platform's.
     */
    @Test
    void aLongFormerJournalIsPagedOnThePersonsPageAndTheAuditorSeesItMarkedAsAnotherPlatforms() {
        String login = cast.newPatient();
        UUID person = cast.patient(login).value();
        ForeignPlatform former = new ForeignPlatform();
        TransferredChain c = former.chain(60, clock.instant().minus(90, ChronoUnit.DAYS));
        assertThat(formerChains.importChain(person, c)).isInstanceOf(FormerChains.Imported.class);
        UUID id = formerChains.of(person).get(0).id();
        WebSession me = new WebSession(port).loggedInAs(login);
        String first = me.get("/journal").body();
        String section = first.substring(first.indexOf("Journal de votre ancienne plateforme"));
        assertThat(section).contains("Vérifié : ce journal est complet et intact", ">Dr Ancienne Plateforme 60<",
                ">Dr Ancienne Plateforme 11<").doesNotContain(">Dr Ancienne Plateforme 10<", "Accès plus récents de l");
        String older = "/journal?page=0&amp;ancienne=" + id + "&amp;pageAncienne=1#ancienne-" + id;
        assertThat(section).contains("href=\"" + older + "\"", "Accès plus anciens de l");
        assertThat(first).contains("id=\"ancienne-" + id + "\"");
        String second = me.get(older.replace("&amp;", "&").replace("#ancienne-" + id, "")).body();
        String section2 = second.substring(second.indexOf("Journal de votre ancienne plateforme"));
        assertThat(section2).contains("Vérifié : ce journal est complet et intact", ">Dr Ancienne Plateforme 10<", ">Dr Ancienne Plateforme 1<",
                "Accès plus récents de l").doesNotContain(">Dr Ancienne Plateforme 11<", "Accès plus anciens de l");
        // A page past the end shows the last one; another chain's id pages nothing.
        assertThat(me.get("/journal?ancienne=" + id + "&pageAncienne=9").body()).contains(">Dr Ancienne Plateforme 1<");
        assertThat(me.get("/journal?ancienne=" + UUID.randomUUID() + "&pageAncienne=1").body()).contains(">Dr Ancienne Plateforme 60<");
        // The auditor's search of this person: both journals, the former platform's entries marked.
        String audit = new WebSession(port).loggedInAs("cnil").get("/audit?patient=" + person + "&jours=3650").body();
        assertThat(audit).contains("Ancienne plateforme (clé " + former.keyId() + ")", "Dr Ancienne Plateforme 60", "Cette plateforme");
    }
}
