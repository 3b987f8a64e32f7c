package fr.officine.segur.http;

/**
 * A {@code limit} or {@code cursor} a list cannot serve; the web layer answers it as the problem
 * MALFORMED_REQUEST with this French message.
 */
public class InvalidPageRequestException extends IllegalArgumentException {
  public InvalidPageRequestException(String message) {
    super(message);
  }
}
