package fr.officine.segur.dispensation;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every 10 s, resends the dispensations still SUBMITTING after {@code
 * segur.dispensation.recovery-after} (a crash between the base's acceptance and the local commit,
 * or a base that was down), and releases Idempotency-Keys whose request died. The base recognises
 * a resent idExecution, so a resend never delivers twice. Bean-managed transactions: the SOAP call
 * must not run inside a container transaction.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DispensationRecovery {
  private static final Logger LOG = Logger.getLogger(DispensationRecovery.class.getName());

  // Field injection: an EJB needs a no-argument constructor.
  @Inject private DispensationService service;
  @Inject private IdempotencyStore keys;

  @Inject
  @ConfigProperty(name = "segur.dispensation.recovery-after", defaultValue = "PT30S")
  private String recoveryAfter;

  /** A slow base must not pile up overlapping runs. */
  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
  void run() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      Duration after = Duration.parse(recoveryAfter);
      OffsetDateTime now = OffsetDateTime.now();
      // a request holds its key for at most a connect + read timeout: twice the delay is safe
      int released = keys.releaseAbandoned(now.minus(after.multipliedBy(2)));
      int settled = service.recover(now.minus(after));
      if (released > 0 || settled > 0) {
        LOG.info(
            () -> "Recovery: " + settled + " dispensation(s) settled, " + released + " key(s) released");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dispensation recovery run failed", e);
    } finally {
      running.set(false);
    }
  }
}
