package fr.officine.segur.api.id;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The module's own id of a dispensation: a random UUID, chosen by the module before anything is
 * sent, so that the execution sent to the base can carry it and a resend is recognised as the same
 * execution.
 */
public record DispensationId(UUID value) {
  // UUID.fromString alone accepts forms like "1-2-3-4-5"; only the canonical 36-char form is an id.
  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public DispensationId {
    if (value == null) {
      throw new InvalidIdentifierException(
          IdentifierKind.DISPENSATION_ID, "Identifiant de délivrance absent.");
    }
  }

  public static DispensationId newId() {
    return new DispensationId(UUID.randomUUID());
  }

  public static DispensationId parse(String text) {
    Checks.requirePresent(IdentifierKind.DISPENSATION_ID, text);
    if (text.length() != 36 || !CANONICAL.matcher(text).matches()) {
      throw new InvalidIdentifierException(
          IdentifierKind.DISPENSATION_ID,
          "Identifiant de délivrance invalide : un UUID de 36 caractères est attendu"
              + " (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
    }
    return new DispensationId(UUID.fromString(text.toLowerCase(Locale.ROOT)));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
