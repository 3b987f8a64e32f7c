package fr.officine.segur.dp;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.trust.CallerContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Dossier Pharmaceutique (CNOP) as the module uses it. The real interface (DP Palier 2.3) is
 * not public: today's adapter speaks our stand-in WSDL (wsdl/dp/dp.wsdl); the real one replaces it
 * behind this interface. Business refusals are {@link DpRefused}, technical failures {@link
 * DpUnavailable}.
 */
public interface DossierPharmaceutique {

  /**
   * The patient's history of the last {@code months}, the ATC codes of {@code envisagedCip13}, the
   * alerts.
   */
  Consultation consult(Ins ins, int months, List<String> envisagedCip13, CallerContext caller);

  /** Records one dispensation (idempotent on {@code request.dispensationId()}). */
  Recorded record(RecordRequest request, CallerContext caller);

  record Consultation(
      List<Delivered> history, Map<String, String> atcByCip13, List<Alert> alerts) {}

  record Delivered(
      String dispensationId,
      OffsetDateTime deliveredAt,
      String pharmacyFiness,
      String pharmacyName,
      String cip13,
      String label,
      Optional<String> atc,
      int quantity,
      Optional<String> lot) {}

  /** {@code type}: RAPPEL (DP-Rappels) or RUPTURE (DP-Ruptures). */
  record Alert(
      String type,
      String cip13,
      String label,
      Optional<String> lot,
      LocalDate since,
      String message) {}

  /** The eDISP document is the payload; {@code forward} asks the DP to pass it on to the DMP. */
  record RecordRequest(
      String dispensationId, Ins ins, byte[] edisp, Optional<DmpForward> forward) {}

  /** What the DP needs to register the document in the DMP under the module's own uniqueId. */
  record DmpForward(
      String uniqueId,
      String classCode,
      String typeCode,
      String formatCode,
      String confidentialityCode,
      String title,
      String creationTime,
      String author,
      Optional<String> authorRpps) {}

  /** {@code alreadyRecorded}: an earlier send got there; {@code dmpStatus} only when forwarded. */
  record Recorded(boolean alreadyRecorded, int lines, Optional<String> dmpStatus) {}

  /** A business answer of the DP (DP_INEXISTANT, DP_FERME, DP_REFUS_ACCES, DP_REFUS_PRODUIT...). */
  final class DpRefused extends RuntimeException {
    private final String code;
    private final Optional<String> cip13;

    public DpRefused(String code, String message, Optional<String> cip13) {
      super(message);
      this.code = code;
      this.cip13 = cip13;
    }

    public String code() {
      return code;
    }

    public Optional<String> cip13() {
      return cip13;
    }
  }

  /** The DP did not answer usefully (down, slow, 5xx, DP_SERVICE_INDISPONIBLE): retry later. */
  final class DpUnavailable extends RuntimeException {
    public DpUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
