package fr.officine.segur.sandbox.eprescription;

import java.util.Optional;

/**
 * A refusal by the base: becomes the SOAP fault erreurEPrescription (or a 400 on the admin API).
 */
public final class EpException extends RuntimeException {
  private final EpError error;
  private final String lineId;

  public EpException(EpError error, String message, String lineId) {
    super(message);
    this.error = error;
    this.lineId = lineId;
  }

  public EpException(EpError error, String message) {
    this(error, message, null);
  }

  public EpException(EpError error) {
    this(error, error.defaultMessage(), null);
  }

  public EpError error() {
    return error;
  }

  public Optional<String> lineId() {
    return Optional.ofNullable(lineId);
  }
}
