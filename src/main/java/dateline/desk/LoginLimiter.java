package dateline.desk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows password guessing: after five failed sign-ins for one account, or twenty from one address,
 * within fifteen minutes, further tries are refused until the window passes. Kept in memory on each
 * node (a node's restart forgets it).
 */
public final class LoginLimiter {
    static final int PER_ACCOUNT = 5;
    static final int PER_ADDRESS = 20;
    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(100_000).build();

    public boolean allowed(String email, String address) {
        return count("account:" + email) < PER_ACCOUNT && count("address:" + address) < PER_ADDRESS;
    }

    public void failed(String email, String address) {
        failures.get("account:" + email, k -> new AtomicInteger()).incrementAndGet();
        failures.get("address:" + address, k -> new AtomicInteger()).incrementAndGet();
    }

    public void succeeded(String email) {
        failures.invalidate("account:" + email);
    }

    private int count(String key) {
        AtomicInteger n = failures.getIfPresent(key);
        return n == null ? 0 : n.get();
    }
}
