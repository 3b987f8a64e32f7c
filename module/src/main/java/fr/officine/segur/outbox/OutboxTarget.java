package fr.officine.segur.outbox;

/** The national services fed after the base accepted a dispensation (the DP comes with its issue). */
public enum OutboxTarget {
  DMP
}
