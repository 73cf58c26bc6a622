package fr.hygie.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES_PER_LOGIN} failures in a row a login is
 * locked for {@link #LOCK}; after {@value #MAX_FAILURES_PER_ADDRESS} failures from one address within
 * {@link #LOCK} that address is locked too. It applies the same way to logins that exist and logins
 * that do not, so that a lock reveals nothing about accounts (no enumeration).
 *
 * <p>State is kept in this process's memory: one server instance. Several instances behind a load
 * balancer would share it through the database (see docs/security.md).
 */
@Component
public class LoginThrottle {

    static final int MAX_FAILURES_PER_LOGIN = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 50;
    static final Duration LOCK = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> byLogin = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant first, Instant lockedUntil) {
    }

    public boolean isLocked(String login, String address) {
        Instant now = clock.instant();
        return locked(byLogin.get(key(login)), now) || locked(byAddress.get(address), now);
    }

    /** Whether this login is locked now (whatever the address): what the administration page shows. */
    public boolean isLoginLocked(String login) {
        return locked(byLogin.get(key(login)), clock.instant());
    }

    /**
     * Lifts the lock of a login at once (an administrator checked the person's identity); the failures
     * counted for the addresses are kept.
     */
    public void unlock(String login) {
        byLogin.remove(key(login));
    }

    public void failed(String login, String address) {
        Instant now = clock.instant();
        evictIfTooBig();
        byLogin.compute(key(login), (k, f) -> next(f, now, MAX_FAILURES_PER_LOGIN));
        if (address != null) {
            byAddress.compute(address, (k, f) -> next(f, now, MAX_FAILURES_PER_ADDRESS));
        }
    }

    public void succeeded(String login) {
        byLogin.remove(key(login));
    }

    private static Failures next(Failures f, Instant now, int max) {
        if (f == null || f.first().plus(LOCK).isBefore(now) && !locked(f, now)) {
            f = new Failures(0, now, null);
        }
        int count = f.count() + 1;
        return new Failures(count, f.first(), count >= max ? now.plus(LOCK) : f.lockedUntil());
    }

    private static boolean locked(Failures f, Instant now) {
        return f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil());
    }

    private void evictIfTooBig() {
        if (byLogin.size() > MAX_TRACKED) {
            Instant now = clock.instant();
            byLogin.values().removeIf(f -> !locked(f, now));
        }
        if (byAddress.size() > MAX_TRACKED) {
            Instant now = clock.instant();
            byAddress.values().removeIf(f -> !locked(f, now));
        }
    }

    private static String key(String login) {
        return login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
    }
}
