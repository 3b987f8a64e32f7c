package fr.officine.segur.dispensation;

import fr.officine.segur.config.Settings;
import fr.officine.segur.prescription.EPrescriptionSettings;
import jakarta.annotation.PostConstruct;
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
import org.eclipse.microprofile.config.Config;

/**
 * Every 10 s, settles the dispensations left IN_DOUBT (answer lost) or SUBMITTING (a crash between
 * the send and the local commit) for longer than {@code segur.dispensation.recovery-after}, far
 * past any request still in flight: it asks the base whether it holds an execution with the
 * dispensation's id (RECORDED then, with the base's own answer) or not (NOT_RECORDED: « à refaire
 * »), and the counters of the pharmacy are told (issue 10 §1). It never sends a dispensation the
 * base did not already record: a patient who left with a paper delivery must not be recorded behind
 * the pharmacist's back. Also releases Idempotency-Keys whose request died. Bean-managed
 * transactions: the SOAP call must not run inside a container transaction.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DispensationRecovery {
  private static final Logger LOG = Logger.getLogger(DispensationRecovery.class.getName());

  // Field injection: an EJB needs a no-argument constructor.
  @Inject private InDoubtSettlement settlement;
  @Inject private IdempotencyStore keys;

  @Inject private Config config;

  private Duration after;

  // A SUBMITTING one is in doubt only once its request cannot be in flight any more: never before
  // the base client's own timeouts have passed, whatever recovery-after says.
  private Duration inFlight;

  @PostConstruct
  void configure() {
    after = Settings.duration(config, "segur.dispensation.recovery-after");
    EPrescriptionSettings base = EPrescriptionSettings.from(config);
    inFlight = base.connectTimeout().plus(base.readTimeout()).multipliedBy(2);
  }

  /** A slow base must not pile up overlapping runs. */
  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
  void run() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      OffsetDateTime now = OffsetDateTime.now();
      // a request holds its key for at most a connect + read timeout: twice the delay is safe
      int released = keys.releaseAbandoned(now.minus(after.multipliedBy(2)));
      int settled = settlement.recover(now.minus(after), now.minus(after.plus(inFlight)));
      if (released > 0 || settled > 0) {
        LOG.info(
            () ->
                "Recovery: "
                    + settled
                    + " dispensation(s) settled, "
                    + released
                    + " key(s) released");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dispensation recovery run failed", e);
    } finally {
      running.set(false);
    }
  }
}
