package dev.styxy.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock, moved forward on demand so tests can let time pass without waiting. */
final class MovableClock extends Clock {
  private final AtomicReference<Duration> offset;
  private final ZoneId zone;

  MovableClock() {
    this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
  }

  private MovableClock(AtomicReference<Duration> offset, ZoneId zone) {
    this.offset = offset;
    this.zone = zone;
  }

  /** Moves every later reading forward by {@code by}, in this clock and its zone copies. */
  void advance(Duration by) {
    offset.updateAndGet(d -> d.plus(by));
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time in {@code zone}. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new MovableClock(offset, zone);
  }
}
