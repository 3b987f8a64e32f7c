package fr.officine.segur.dmp;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.prescription.DmpStatusView;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.trust.AuthMode;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * TD0.2 at the counter: the patient's DMP status for the acting pharmacist, never slowing the
 * screen by more than {@code segur.dmp.status-timeout} (then UNAVAILABLE), cached per (INS, RPPS,
 * pharmacy) for {@code segur.dmp.status-cache} so that the re-consults of a counter session (after
 * a dispensation, a refresh, a colleague) cost nothing. An UNAVAILABLE answer is not cached. The
 * pharmacy is part of the key: TD0.2 is asked in the name of a pharmacist <em>and</em> of a
 * structure (the VIHF names both), and a pharmacist working in two pharmacies of one instance must
 * not get in one of them the answer given to the other (issue 11 §1).
 *
 * <p>Why a cache and not only parallelism: the patient's INS comes from the base's answer, so the
 * first TD0.2 of a prescription can only start once the consult is back. To overlap the two calls
 * anyway, the INS of each prescription number consulted is remembered: a second consult of the same
 * prescription starts TD0.2 at the same time as the base call.
 */
@ApplicationScoped
public class DmpStatuses {
  private static final Logger LOG = Logger.getLogger(DmpStatuses.class.getName());
  private static final int MAX_ENTRIES = 10_000;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService executor;

  private Dmp dmp;
  private Duration ttl;
  private Clock clock = Clock.systemUTC();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Known> insByPrescription = new ConcurrentHashMap<>();

  private record Cached(DmpStatusView view, Instant until) {}

  private record Known(Ins ins, Instant until) {}

  protected DmpStatuses() {}

  @Inject
  public DmpStatuses(Dmp dmp, Config config) {
    this.dmp = dmp;
    this.ttl = DmpSettings.from(config).statusCache();
  }

  /**
   * The patient's INS of a prescription consulted recently, to start TD0.2 before the base answers.
   */
  public Optional<Ins> knownIns(String prescriptionNumber) {
    Known k = insByPrescription.get(prescriptionNumber);
    return k != null && k.until().isAfter(clock.instant())
        ? Optional.of(k.ins())
        : Optional.empty();
  }

  public void remember(String prescriptionNumber, Ins ins) {
    trim(insByPrescription);
    insByPrescription.put(prescriptionNumber, new Known(ins, clock.instant().plus(ttl)));
  }

  /**
   * Starts TD0.2 (or takes it from the cache); the future never fails. {@code authMode} is how the
   * pharmacist named in the VIHF authenticated ({@link AuthMode#declared}).
   */
  public CompletableFuture<DmpStatusView> start(
      Ins ins,
      Optional<Professional> pharmacist,
      AuthMode authMode,
      String finess,
      String pharmacyName) {
    if (pharmacist.isEmpty()) {
      return CompletableFuture.completedFuture(
          new DmpStatusView(
              "UNAVAILABLE",
              null,
              "DMP non consultable : aucun pharmacien avec RPPS pour cette pharmacie",
              false));
    }
    String key = cacheKey(ins, pharmacist.get(), finess);
    Cached c = cache.get(key);
    if (c != null && c.until().isAfter(clock.instant())) {
      return CompletableFuture.completedFuture(c.view());
    }
    DmpActor actor = new DmpActor(pharmacist.get(), authMode, finess, pharmacyName, ins);
    return CompletableFuture.supplyAsync(
        () -> {
          DmpStatusView view = query(actor);
          if (!"UNAVAILABLE".equals(view.state())) {
            trim(cache);
            cache.put(key, new Cached(view, clock.instant().plus(ttl)));
          }
          return view;
        },
        executor);
  }

  static String cacheKey(Ins ins, Professional pharmacist, String finess) {
    return ins.number() + "|" + pharmacist.rpps().orElseThrow().value() + "|" + finess;
  }

  /** Waits at most the status timeout (counted from now); UNAVAILABLE after. */
  public DmpStatusView await(CompletableFuture<DmpStatusView> status) {
    try {
      return status.get(dmp.statusTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return unavailable();
    } catch (ExecutionException e) {
      return unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable();
    }
  }

  public static DmpStatusView noIns() {
    return new DmpStatusView(
        "NO_INS", null, "Identité non qualifiée (pas d'INS) : DMP non consultable", false);
  }

  /**
   * The base gives an INS the module has not qualified: it is not sent to the DMP, not even for
   * TD0.2 (issue 4: an INS is only sent to the DMP once qualified).
   */
  public static DmpStatusView insNotQualified() {
    return new DmpStatusView(
        "INS_NOT_QUALIFIED",
        null,
        "INS non qualifié : DMP non consulté. Vérifiez l'identité (Alt+I) pour voir le DMP et l'alimenter.",
        false);
  }

  static DmpStatusView unavailable() {
    return new DmpStatusView("UNAVAILABLE", null, "DMP indisponible pour le moment", false);
  }

  private DmpStatusView query(DmpActor actor) {
    Td02Answer a;
    try {
      a = dmp.td02().ask(actor, dmp.statusTimeout());
    } catch (DmpUnavailable e) {
      LOG.fine(() -> "TD0.2 unavailable: " + e.getMessage());
      return unavailable();
    }
    return view(a);
  }

  /** What a TD0.2 answer means at the counter. */
  static DmpStatusView view(Td02Answer a) {
    String authorisation =
        a.attention("AUTORISATION").isEmpty() ? null : a.attention("AUTORISATION");
    if ("NF".equals(a.queryResponseCode())) {
      return new DmpStatusView("NONE", authorisation, "Le patient n'a pas de DMP", false);
    }
    if (!"OK".equals(a.queryResponseCode())) {
      return unavailable();
    }
    if ("FERME".equals(a.attention("STATUT_DMP"))) {
      String since = a.attention("DATE_FERMETURE");
      return new DmpStatusView(
          "CLOSED",
          authorisation,
          "DMP fermé"
              + (since.length() == 8
                  ? " depuis le "
                      + since.substring(6)
                      + "/"
                      + since.substring(4, 6)
                      + "/"
                      + since.substring(0, 4)
                  : ""),
          false);
    }
    if ("INTERDIT".equals(authorisation)) {
      return new DmpStatusView(
          "PS_BLOCKED",
          authorisation,
          "Le patient a bloqué l'accès de ce pharmacien à son DMP",
          false);
    }
    if ("OUI".equals(a.attention("OPPOSITION_ALIMENTATION"))) {
      return new DmpStatusView(
          "OPPOSED", authorisation, "Le patient s'oppose à l'alimentation de son DMP", false);
    }
    return new DmpStatusView(
        "ACTIVE", authorisation, "DMP actif : la délivrance y sera déposée", true);
  }

  private static void trim(Map<String, ?> map) {
    if (map.size() > MAX_ENTRIES) {
      // crude but bounded: a counter never needs more than the last few minutes
      map.clear();
    }
  }
}
