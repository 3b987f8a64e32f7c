package fr.officine.segur.trust.cps;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls, every second, the readers that sessions are bound to: a removed card ends its sessions
 * within about a second. Polling rather than a thread blocked in waitForCardAbsent: the container
 * owns the timer thread, and one query of the bound readers covers any number of readers.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class CardWatch {
  private static final Logger LOG = Logger.getLogger(CardWatch.class.getName());

  // Field injection: an EJB needs a no-argument constructor.
  @Inject private CardSessions cardSessions;

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  void watch() {
    try {
      cardSessions.revokeSessionsOfRemovedCards();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "CPS card watch failed", e);
    }
  }
}
