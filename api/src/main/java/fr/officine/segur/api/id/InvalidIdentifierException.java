package fr.officine.segur.api.id;

/**
 * An identifier refused by its factory. The message is French and says precisely what is wrong
 * (length, position of the bad character, check key), but never repeats the value itself: the value
 * may be an INS (never logged in full) or hostile input.
 */
public class InvalidIdentifierException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final IdentifierKind kind;

  public InvalidIdentifierException(IdentifierKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public IdentifierKind kind() {
    return kind;
  }
}
