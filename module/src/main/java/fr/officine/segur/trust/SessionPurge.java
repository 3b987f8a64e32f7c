package fr.officine.segur.trust;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Expired sessions are refused anyway; this only keeps the table small (hourly). */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SessionPurge {
  private static final Logger LOG = Logger.getLogger(SessionPurge.class.getName());

  // Field injection: an EJB needs a no-argument constructor.
  @Inject private Sessions sessions;

  @Schedule(minute = "17", hour = "*", persistent = false)
  void purge() {
    try {
      int n = sessions.purgeExpired();
      LOG.fine(() -> n + " expired session(s) removed");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Session purge failed", e);
    }
  }
}
