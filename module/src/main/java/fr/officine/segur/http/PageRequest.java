package fr.officine.segur.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list that grows (the audit, the reconciliations, the dispensations in a status):
 * {@code ?limit=<n>&cursor=<opaque>}. The answer's body keeps the shape the contract gives it and
 * its {@code Link: <…&cursor=…>; rel="next"} header (RFC 8288) names the next page while there is
 * one; the last page has none. The cursor is the position after the page's last item (keyset
 * pagination: an item written meanwhile never shifts a page, no item is seen twice), opaque to the
 * caller (URL-safe base64 of the list's name and the position, so a cursor of another list is
 * refused, not misread).
 *
 * @param list the list's name, written into its cursors
 * @param limit how many items at most in this page
 * @param after the position after which the page starts; empty for the first page
 */
public record PageRequest(String list, int limit, Optional<String> after) {
  /** The query parameter that carries the cursor. */
  public static final String CURSOR = "cursor";

  /**
   * The request property holding the next page's address (a {@link java.net.URI}), when there is
   * one.
   */
  public static final String NEXT = PageRequest.class.getName() + ".next";

  /**
   * @param limit the {@code limit} parameter as sent (null: {@code defaultLimit})
   * @param cursor the {@code cursor} parameter as sent (null or blank: the first page)
   * @throws InvalidPageRequestException a limit out of 1..max, or a cursor this list did not give
   */
  public static PageRequest of(
      String list, String limit, String cursor, int defaultLimit, int maxLimit) {
    return new PageRequest(list, limit(limit, defaultLimit, maxLimit), after(list, cursor));
  }

  /**
   * The position as the list reads it ({@code parse}: an id, a sequence number); empty on the first
   * page. A position the list cannot read comes from a cursor it did not give: refused as such.
   */
  public <T> Optional<T> position(Function<String, T> parse) {
    try {
      return after.map(parse);
    } catch (IllegalArgumentException e) {
      throw new InvalidPageRequestException(unknownCursor());
    }
  }

  /** Items to fetch: one more than the page, to know whether another page follows. */
  public int fetch() {
    return limit + 1;
  }

  /**
   * The page among {@code fetched} (at most {@code limit} of the {@link #fetch()} items asked for):
   * when there were more, the address of the next page is left on the request for the web layer's
   * {@code Link} header (the resource keeps answering its typed body).
   *
   * @param position the position of an item, as {@link #after()} gives it back
   */
  public <T> List<T> page(
      List<T> fetched, Function<T, String> position, ContainerRequestContext request) {
    if (fetched.size() <= limit) {
      return fetched;
    }
    List<T> page = fetched.subList(0, limit);
    request.setProperty(
        NEXT,
        request
            .getUriInfo()
            .getRequestUriBuilder()
            .replaceQueryParam(CURSOR, cursor(list, position.apply(page.get(page.size() - 1))))
            .build());
    return page;
  }

  static String cursor(String list, String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((list + ":" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> after(String list, String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidPageRequestException(unknownCursor());
    }
    if (!decoded.startsWith(list + ":") || decoded.length() == list.length() + 1) {
      throw new InvalidPageRequestException(unknownCursor());
    }
    return Optional.of(decoded.substring(list.length() + 1));
  }

  private static String unknownCursor() {
    return "cursor : reprenez la valeur que donne le lien « next » (en-tête Link) de la page précédente de cette liste.";
  }

  private static int limit(String limit, int defaultLimit, int maxLimit) {
    if (limit == null || limit.isBlank()) {
      return defaultLimit;
    }
    try {
      int n = Integer.parseInt(limit.strip());
      if (n >= 1 && n <= maxLimit) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new InvalidPageRequestException(
        "limit : un nombre entier de 1 à " + maxLimit + " est attendu.");
  }
}
