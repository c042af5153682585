package dev.styxy.persistence;

/**
 * Machine-readable outcome codes shared by the domain, the HTTP API and the CLI. The HTTP status
 * for each lives only in the http module's {@code ApiErrors}.
 */
public enum ErrorCode {
  INVALID_REQUEST,
  INVALID_ARGUMENT,
  UNAUTHORIZED,
  FORBIDDEN,
  NOT_FOUND,
  METHOD_NOT_ALLOWED,
  ALLOCATION_NOT_FOUND,
  INSTANCE_NOT_FOUND,
  NO_LEASE,
  UNKNOWN_SERVICE_TYPE,
  RANGE_EXHAUSTED,
  PORT_UNAVAILABLE,
  JOURNAL_NOT_EMPTY,
  PAYLOAD_TOO_LARGE,
  RATE_LIMITED,
  REGISTRY_UNAVAILABLE,
  INTERNAL
}
