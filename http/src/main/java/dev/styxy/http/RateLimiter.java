package dev.styxy.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API token: {@code perMinute} requests may burst at once, and the bucket
 * refills continuously at {@code perMinute} per minute. Keyed by token rather than by client IP
 * because every local agent connects from 127.0.0.1 (the original's shared-IP bucket, W24).
 *
 * <p>Only authenticated tokens (or the single anonymous key when auth is disabled) reach the
 * limiter, so the number of buckets stays bounded. Thread-safe.
 */
final class RateLimiter {
  private static final long NANOS_PER_MINUTE = 60_000_000_000L;

  private final int perMinute;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** The verdict for one request: whether it may proceed, and what the client should be told. */
  record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {}

  /**
   * @param perMinute bucket size and refill per minute, at least 1
   * @param nanoClock monotonic nanoseconds ({@code System::nanoTime} outside tests)
   */
  RateLimiter(int perMinute, LongSupplier nanoClock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be >= 1, was " + perMinute);
    }
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
  }

  /** Takes one token from {@code key}'s bucket if there is one. */
  Decision tryAcquire(String key) {
    long now = nanoClock.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
    synchronized (bucket) {
      bucket.refill(now, perMinute);
      if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return new Decision(true, perMinute, (int) Math.floor(bucket.tokens), 0);
      }
      double missing = 1.0 - bucket.tokens;
      double nanosUntilToken = missing * NANOS_PER_MINUTE / perMinute;
      long seconds = (long) Math.ceil(nanosUntilToken / 1_000_000_000.0);
      return new Decision(false, perMinute, 0, Math.max(1, seconds));
    }
  }

  /** Mutable bucket state, guarded by the bucket's own monitor. */
  private static final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(int capacity, long now) {
      this.tokens = capacity;
      this.updatedAt = now;
    }

    void refill(long now, int perMinute) {
      long elapsed = Math.max(0, now - updatedAt);
      tokens = Math.min(perMinute, tokens + (double) elapsed * perMinute / NANOS_PER_MINUTE);
      updatedAt = now;
    }
  }
}
