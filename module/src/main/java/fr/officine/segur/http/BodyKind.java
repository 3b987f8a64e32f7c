package fr.officine.segur.http;

import fr.officine.segur.api.problem.ProblemType;

/**
 * The kinds of request body the API reads, each with its own size limit (one table, {@link
 * BodyLimits}): a JSON document is a few kilobytes, a picture of a QR code some megabytes.
 */
public enum BodyKind {
  /** Every JSON body: login, dispensation, identity, resolution... */
  JSON(ProblemType.REQUEST_TOO_LARGE),
  /** {@code POST /scans}: a picture (or the text a scanner typed). */
  PICTURE(ProblemType.PAYLOAD_TOO_LARGE),
  /**
   * {@code POST /imports}: the zip of an export, written to disk as it arrives, never held in
   * memory.
   */
  ARCHIVE(ProblemType.ARCHIVE_TOO_LARGE);

  private final ProblemType tooLarge;

  BodyKind(ProblemType tooLarge) {
    this.tooLarge = tooLarge;
  }

  public ProblemType tooLarge() {
    return tooLarge;
  }
}
