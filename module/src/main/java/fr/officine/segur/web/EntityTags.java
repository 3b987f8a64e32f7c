package fr.officine.segur.web;

import fr.officine.segur.http.EntityTagged;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code ETag} on the answers of {@link EntityTagged} operations (the prescription, the
 * dispensation: what an LGO polls), and 304 Not Modified when the caller's {@code If-None-Match}
 * names it (RFC 9110 §8.8.3, §13.1.2): the tag is the SHA-256 of the JSON the answer would carry,
 * so it changes exactly when the answer does, whatever changed it (a colleague's delivery, a send).
 */
@Provider
@EntityTagged
public class EntityTags implements ContainerResponseFilter {
  private final Jsonb jsonb = JsonbBuilder.create();

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() != 200 || !response.hasEntity()) {
      return;
    }
    String tag = tagOf(jsonb.toJson(response.getEntity()).getBytes(StandardCharsets.UTF_8));
    response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
    if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
      response.setStatus(304);
      response.setEntity(null);
    }
  }

  /** A strong entity tag: the quoted, URL-safe base64 of the body's SHA-256. */
  static String tagOf(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  /**
   * If-None-Match uses the weak comparison (RFC 9110 §13.1.2): {@code W/} ignored; {@code *}
   * matches.
   */
  static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.equals("*")) {
        return true;
      }
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(tag)) {
        return true;
      }
    }
    return false;
  }
}
