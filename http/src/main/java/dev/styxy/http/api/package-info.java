/**
 * The JSON shapes of the Styxy HTTP API, shared by the daemon and the CLI. Records only, written
 * and read with {@link dev.styxy.http.ApiJson#mapper()}. Key names and order follow the original
 * Node.js daemon, whose shell clients grep them; additions come after the original keys.
 */
package dev.styxy.http.api;
