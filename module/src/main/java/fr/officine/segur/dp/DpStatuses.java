package fr.officine.segur.dp;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.dp.DossierPharmaceutique.DpRefused;
import fr.officine.segur.dp.DossierPharmaceutique.DpUnavailable;
import fr.officine.segur.trust.CallerContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The DP at the counter, beside the base and TD0.2: started on the managed executor, never slowing
 * the screen by more than {@code segur.dp.status-timeout} (then UNAVAILABLE), never failing the
 * consult. Not cached: the history changes with every dispensation, this one's included.
 */
@ApplicationScoped
public class DpStatuses {
  private static final Logger LOG = Logger.getLogger(DpStatuses.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService executor;

  private DossierPharmaceutique dp;
  private RecalledLots recalls;
  private Duration timeout;
  private int months;
  private Duration window;

  /**
   * The prescribed lines of each prescription consulted, to start the DP with the base next time.
   */
  private final Map<String, List<DpViews.PrescribedLine>> linesByPrescription =
      new ConcurrentHashMap<>();

  protected DpStatuses() {}

  @Inject
  public DpStatuses(DossierPharmaceutique dp, RecalledLots recalls, Config config) {
    this(dp, recalls, DpSettings.from(config));
  }

  DpStatuses(DossierPharmaceutique dp, RecalledLots recalls, DpSettings settings) {
    this.dp = dp;
    this.recalls = recalls;
    this.timeout = settings.statusTimeout();
    this.months = settings.historyMonths();
    this.window = settings.interactionWindow();
  }

  public Optional<List<DpViews.PrescribedLine>> knownLines(String prescriptionNumber) {
    return Optional.ofNullable(linesByPrescription.get(prescriptionNumber));
  }

  public void remember(String prescriptionNumber, List<DpViews.PrescribedLine> lines) {
    if (linesByPrescription.size() > 10_000) {
      linesByPrescription.clear(); // bounded: a counter only re-consults what it just scanned
    }
    linesByPrescription.put(prescriptionNumber, List.copyOf(lines));
  }

  /** Starts the consultation; the future never fails. */
  public CompletableFuture<DpView> start(
      Ins ins, List<DpViews.PrescribedLine> lines, CallerContext caller) {
    List<String> cips =
        lines.stream()
            .map(DpViews.PrescribedLine::cip13)
            .filter(c -> c != null)
            .distinct()
            .toList();
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            DossierPharmaceutique.Consultation consultation = dp.consult(ins, months, cips, caller);
            keepRecalls(consultation);
            return DpViews.active(
                consultation, lines, caller.pharmacyFiness(), OffsetDateTime.now(), window);
          } catch (DpRefused e) {
            return DpViews.refused(e.code());
          } catch (DpUnavailable e) {
            LOG.fine(() -> "DP unavailable: " + e.getMessage());
            return DpViews.unavailable();
          }
        },
        executor);
  }

  /** The lot recalls go to the module's registry; never at the cost of the consultation. */
  private void keepRecalls(DossierPharmaceutique.Consultation consultation) {
    try {
      recalls.remember(consultation.alerts());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "DP recalls not kept", e);
    }
  }

  /** Waits at most the timeout (counted from now); UNAVAILABLE after. */
  public DpView await(CompletableFuture<DpView> status) {
    try {
      return status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return DpViews.unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DpViews.unavailable();
    }
  }
}
