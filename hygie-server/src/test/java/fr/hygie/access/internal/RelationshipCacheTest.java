package fr.hygie.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache's own rules, without a database: what is kept, for how long, and the race with a change. */
class RelationshipCacheTest {

    static final Instant NOW = Instant.parse("2026-11-29T20:00:00Z");
    static final RelationshipCache.Entry AUTHORISED = entry(false, List.of());
    static final RelationshipCache.Entry BLOCKED = entry(true, List.of());

    final PatientId alice = new PatientId(UUID.randomUUID());
    final ProfessionalId house = new ProfessionalId(UUID.randomUUID());

    static RelationshipCache.Entry entry(boolean blocked, List<RelationshipCache.Window> sessions) {
        return new RelationshipCache.Entry(false, true, blocked, false, true, sessions);
    }

    static RelationshipCache watched(int size) {
        RelationshipCache cache = new RelationshipCache(size);
        cache.listening(true);
        return cache;
    }

    @Test
    void keptFactsAreServedWithoutReadingTheDatabaseAgain() {
        RelationshipCache cache = watched(10);
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertThat(cache.facts(alice, house, NOW, () -> {
                reads.incrementAndGet();
                return AUTHORISED;
            }).authorised()).isTrue();
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void aReadThatOverlapsAChangeIsNotKept() {
        RelationshipCache cache = watched(10);
        // The decision reads the database (the block not committed yet), the block commits and is evicted
        // before the decision stores what it read: the old facts must not stay.
        assertThat(cache.facts(alice, house, NOW, () -> {
            cache.pairChanged(alice, house);
            return AUTHORISED;
        }).blocked()).isFalse();
        assertThat(cache.facts(alice, house, NOW, () -> BLOCKED).blocked()).isTrue();
    }

    @Test
    void aChangeOfThePersonOrOfTheProfessionalEvictsEveryPairOfThem() {
        RelationshipCache cache = watched(10);
        ProfessionalId who = new ProfessionalId(UUID.randomUUID());
        cache.facts(alice, house, NOW, () -> AUTHORISED);
        cache.facts(alice, who, NOW, () -> AUTHORISED);
        cache.patientChanged(alice);
        assertThat(cache.facts(alice, house, NOW, () -> BLOCKED).blocked()).isTrue();
        assertThat(cache.facts(alice, who, NOW, () -> BLOCKED).blocked()).isTrue();

        cache.professionalChanged(house);
        assertThat(cache.facts(alice, house, NOW, () -> AUTHORISED).blocked()).isFalse();
        assertThat(cache.facts(alice, who, NOW, () -> AUTHORISED).blocked()).isTrue();
    }

    @Test
    void nothingIsKeptWhileOtherProcessesChangesCannotBeHeard() {
        RelationshipCache cache = new RelationshipCache(10);
        AtomicInteger reads = new AtomicInteger();
        cache.facts(alice, house, NOW, () -> {
            reads.incrementAndGet();
            return AUTHORISED;
        });
        cache.facts(alice, house, NOW, () -> {
            reads.incrementAndGet();
            return AUTHORISED;
        });
        assertThat(reads).hasValue(2);
        assertThat(cache.size()).isZero();

        cache.listening(true);
        cache.facts(alice, house, NOW, () -> AUTHORISED);
        cache.listening(false);
        assertThat(cache.size()).isZero();
        assertThat(cache.facts(alice, house, NOW, () -> BLOCKED).blocked()).isTrue();
    }

    @Test
    void changesAnnouncedByAnotherProcessAreEvicted() {
        RelationshipCache cache = watched(10);
        cache.facts(alice, house, NOW, () -> AUTHORISED);
        // A synchronisation token changes nothing; the pair's announcement evicts it.
        cache.heard(List.of("sync:" + UUID.randomUUID()));
        assertThat(cache.facts(alice, house, NOW, () -> BLOCKED).blocked()).isFalse();
        cache.heard(List.of("pair:" + alice.value() + ":" + house.value()));
        assertThat(cache.facts(alice, house, NOW, () -> BLOCKED).blocked()).isTrue();
        cache.heard(List.of("patient:" + alice.value()));
        assertThat(cache.facts(alice, house, NOW, () -> AUTHORISED).blocked()).isFalse();
        cache.heard(List.of("professional:" + house.value()));
        assertThat(cache.facts(alice, house, NOW, () -> BLOCKED).blocked()).isTrue();
        // A whole table (TRUNCATE) and an announcement that cannot be read drop everything.
        cache.heard(List.of("table:block"));
        assertThat(cache.facts(alice, house, NOW, () -> AUTHORISED).blocked()).isFalse();
        cache.heard(List.of("pair:not-a-uuid"));
        assertThat(cache.facts(alice, house, NOW, () -> BLOCKED).blocked()).isTrue();
    }

    @Test
    void anEmergencySessionIsActiveFromItsOpeningUntilItsExpiryOnly() {
        RelationshipCache cache = watched(10);
        RelationshipCache.Window window = new RelationshipCache.Window(NOW, NOW.plusSeconds(4 * 3600));
        cache.facts(alice, house, NOW, () -> entry(false, List.of(window)));
        assertThat(cache.facts(alice, house, NOW.minusNanos(1000), () -> AUTHORISED).emergencySessionActive()).isFalse();
        assertThat(cache.facts(alice, house, NOW, () -> AUTHORISED).emergencySessionActive()).isTrue();
        assertThat(cache.facts(alice, house, NOW.plusSeconds(4 * 3600 - 1), () -> AUTHORISED).emergencySessionActive()).isTrue();
        assertThat(cache.facts(alice, house, NOW.plusSeconds(4 * 3600), () -> AUTHORISED).emergencySessionActive()).isFalse();
    }

    @Test
    void theCacheIsBounded() {
        RelationshipCache cache = watched(100);
        for (int i = 0; i < 5_000; i++) {
            cache.facts(new PatientId(UUID.randomUUID()), house, NOW, () -> AUTHORISED);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
}
