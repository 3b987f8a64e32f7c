package fr.officine.segur.outbox;

/** The national services fed after the base accepted a dispensation. */
public enum OutboxTarget {
  DMP,
  /** The Dossier Pharmaceutique (dp.DpSender). */
  DP,
  /**
   * A secure message to the prescriber through the pharmacy's MSSanté operator
   * (mssante.MssanteSender).
   */
  MSSANTE
}
