package dateline.trending;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The visitors already counted today, in a fixed amount of memory: a Bloom filter of 2^25 bits
 * (4 MiB) with seven probes taken from each visitor's 32-byte hash, emptied each day.
 *
 * <p>It never forgets a visitor it saw, so no view counts twice; in exchange a new visitor is taken
 * for a known one with a small probability: about 1% once 3.5 million distinct visitor-story pairs
 * have been seen in a day, 0.1% at 2 million. Those views are not counted (Most read under-counts a
 * little on a very busy day; it never over-counts). Memory stays the same however many visitors come.
 */
final class SeenVisitors {
    static final int BITS = 1 << 25;
    static final int PROBES = 7;

    private final AtomicLongArray words = new AtomicLongArray(BITS / 64);

    /** Marks the visitor as seen; true if it was not seen before (some probe bit was still clear). */
    boolean add(byte[] hash) {
        boolean added = false;
        for (int probe = 0; probe < PROBES; probe++) {
            int bit = (((hash[probe * 4] & 0xff) << 24) | ((hash[probe * 4 + 1] & 0xff) << 16)
                    | ((hash[probe * 4 + 2] & 0xff) << 8) | (hash[probe * 4 + 3] & 0xff)) & (BITS - 1);
            long mask = 1L << (bit & 63);
            long before = words.getAndAccumulate(bit >>> 6, mask, (old, m) -> old | m);
            added |= (before & mask) == 0;
        }
        return added;
    }

    /** The memory the filter holds, in bytes: the same from the first visitor to the last. */
    static long bytes() {
        return BITS / 8;
    }
}
