package fr.hygie.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The one test clock (session 10; it replaces the journal's {@code TestClock} and the security tests' {@code MovingClock}):
 * the system's instant, unless a test fixes an instant ({@link #set}, to craft entries at chosen hours) or moves the clock
 * by an offset ({@link #move}, to let a mandate end under a session). A fixed instant wins over an offset.
 *
 * <p>Its zone is UTC, explicitly, like the platform's clock ({@code Clock.systemUTC()} in {@code PlatformConfiguration}).
 * {@link #withZone} answers a view in the asked zone that shares the fixed instant and the offset, as {@link Clock}'s
 * contract asks (the code asks {@code clock.withZone(Europe/Paris)} for a French « today »). The journal's former clock
 * answered itself (UTC) there; the journal's code only reads {@link #instant()}, so its tests see no change, and a test of
 * another module in the journal's context now gets the French date it asked for.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> fixed;
    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    public TestClock() {
        this(new AtomicReference<>(), new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Instant> fixed, AtomicReference<Duration> offset, ZoneId zone) {
        this.fixed = fixed;
        this.offset = offset;
        this.zone = Objects.requireNonNull(zone);
    }

    /** From now on, every reading is this instant (until {@link #reset}). */
    public void set(Instant at) {
        fixed.set(at);
    }

    /** From now on, every reading is the system's instant plus this offset ({@link Duration#ZERO} to come back). */
    public void move(Duration by) {
        offset.set(by);
    }

    /** Back to the system's instant: no fixed instant, no offset. */
    public void reset() {
        fixed.set(null);
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        Instant f = fixed.get();
        return f != null ? f : Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new TestClock(fixed, offset, other);
    }

    /** Import it to make the test clock the context's primary {@link Clock} (a context of its own). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
