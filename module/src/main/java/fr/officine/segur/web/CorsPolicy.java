package fr.officine.segur.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins may call the API from a browser (CORS, Fetch standard §3.2), and the headers
 * that say so. Off by default: the counter page is served by the module itself (same origin); an
 * operator allows an LGO's web client by its exact origin ({@code segur.http.cors.allowed-origins},
 * e.g. {@code https://lgo.pharmacie.lan:9443}). No wildcard and no credentials: the API is called
 * with a bearer token, never with cookies, so a page of another origin learns nothing it was not
 * given a token for.
 */
public final class CorsPolicy {
  /** What a browser may send besides the CORS-safelisted headers. */
  static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID";

  /** What a script of the allowed origin may read besides the CORS-safelisted answer headers. */
  static final String EXPOSED_HEADERS =
      "Location, Link, ETag, Retry-After, Content-Disposition, Digest";

  static final String ALLOWED_METHODS = "GET, POST, DELETE";
  static final String MAX_AGE_SECONDS = "600";

  private final Set<String> origins;

  public CorsPolicy(Optional<List<String>> allowedOrigins) {
    this.origins =
        allowedOrigins.orElse(List.of()).stream()
            .map(String::strip)
            .filter(o -> !o.isEmpty())
            .map(CorsPolicy::normalised)
            .collect(Collectors.toUnmodifiableSet());
  }

  public boolean enabled() {
    return !origins.isEmpty();
  }

  /**
   * The headers for an answer to this origin; empty when it is not allowed (the browser blocks).
   */
  public Map<String, String> answerHeaders(String origin) {
    if (!allowed(origin)) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Access-Control-Allow-Origin", origin);
    headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    return headers;
  }

  /** The headers of the answer to a preflight from this origin; empty when it is not allowed. */
  public Map<String, String> preflightHeaders(String origin) {
    if (!allowed(origin)) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Access-Control-Allow-Origin", origin);
    headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
    headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
    return headers;
  }

  boolean allowed(String origin) {
    return origin != null && origins.contains(normalised(origin));
  }

  /**
   * Scheme and host are case-insensitive (RFC 6454 §4); a trailing slash is no part of an origin.
   */
  private static String normalised(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
