package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final AtomicLong now = new AtomicLong(1_000L);

  @Test
  void aFullBucketAllowsABurstThenRefuses() {
    RateLimiter limiter = new RateLimiter(3, now::get);
    assertEquals(2, limiter.tryAcquire("t").remaining());
    assertTrue(limiter.tryAcquire("t").allowed());
    assertTrue(limiter.tryAcquire("t").allowed());
    RateLimiter.Decision refused = limiter.tryAcquire("t");
    assertFalse(refused.allowed());
    assertEquals(20, refused.retryAfterSeconds());
  }

  @Test
  void tokensRefillOverTime() {
    RateLimiter limiter = new RateLimiter(60, now::get);
    for (int i = 0; i < 60; i++) {
      assertTrue(limiter.tryAcquire("t").allowed());
    }
    assertFalse(limiter.tryAcquire("t").allowed());
    now.addAndGet(1_000_000_000L);
    assertTrue(limiter.tryAcquire("t").allowed());
    assertFalse(limiter.tryAcquire("t").allowed());
  }

  @Test
  void eachKeyHasItsOwnBucket() {
    RateLimiter limiter = new RateLimiter(1, now::get);
    assertTrue(limiter.tryAcquire("a").allowed());
    assertTrue(limiter.tryAcquire("b").allowed());
    assertFalse(limiter.tryAcquire("a").allowed());
  }
}
