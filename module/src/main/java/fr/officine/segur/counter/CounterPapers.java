package fr.officine.segur.counter;

import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.dispensation.DispensedLineView;
import fr.officine.segur.api.dispensation.HandwrittenLineRequest;
import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.dispensation.UnknownProductDeliveryView;
import fr.officine.segur.api.prescription.LineView;
import fr.officine.segur.api.prescription.PatientView;
import fr.officine.segur.api.prescription.PrescriptionView;
import fr.officine.segur.dmp.document.DispensationDocumentData.Completeness;
import fr.officine.segur.reports.CounterPaperPdf;
import fr.officine.segur.reports.CounterPaperPdf.DeliveryDetail;
import fr.officine.segur.reports.CounterPaperPdf.DetailRow;
import fr.officine.segur.reports.CounterPaperPdf.RemainingRow;
import fr.officine.segur.reports.CounterPaperPdf.RemainingSlip;
import fr.officine.segur.text.FrenchWords;
import fr.officine.segur.trust.Pharmacy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Words the two counter papers in French from the API's views, and has them rendered by {@link
 * CounterPaperPdf}. The views are the very ones the page shows, so the paper never says something
 * the screen did not.
 */
@ApplicationScoped
public class CounterPapers {
  private static final ZoneId PHARMACY_ZONE = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("'le' dd/MM/yyyy 'à' HH'h'mm", Locale.FRANCE);

  private CounterPaperPdf pdf;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  /**
   * Compiling the two templates takes seconds on a loaded machine: done in the background at
   * startup, so the first "Imprimer" at the counter does not wait for it.
   */
  void warmUp(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (executor != null) {
      executor.submit(this::pdf);
    }
  }

  /** Once; the first caller (warm-up or a print) compiles, the others wait for it. */
  private synchronized CounterPaperPdf pdf() {
    if (pdf == null) {
      pdf = new CounterPaperPdf();
    }
    return pdf;
  }

  public byte[] deliveryDetail(
      Pharmacy pharmacy, DispensationView d, PrescriptionView prescription) {
    Map<String, LineView> lines =
        prescription.lines().stream()
            .collect(Collectors.toMap(LineView::lineId, Function.identity(), (a, b) -> a));
    List<DetailRow> rows = new ArrayList<>();
    for (DispensedLineView l : d.lines()) {
      LineView line = lines.get(l.lineId());
      String product =
          (line == null || line.product() == null ? "Ligne " + l.lineId() : label(line)) + box(l);
      rows.add(
          new DetailRow(
              product,
              boxes(l.quantity()),
              outcome(l),
              l.remainingQuantity() == 0 ? "—" : boxes(l.remainingQuantity())));
    }
    for (HandwrittenLineRequest h :
        d.handwrittenLines() == null ? List.<HandwrittenLineRequest>of() : d.handwrittenLines()) {
      rows.add(
          new DetailRow(
              h.label() + "\nCIP " + h.cip13(), boxes(h.quantity()), "Mention manuscrite", "—"));
    }
    // Delivered at the counter but unknown to the base: printed like the others, said to be
    // reconciled later (the paper is where the patient and the pharmacist see it).
    for (UnknownProductDeliveryView u :
        d.unknownProductLines() == null
            ? List.<UnknownProductDeliveryView>of()
            : d.unknownProductLines()) {
      LineView line = lines.get(u.lineId());
      int remaining = line == null ? 0 : line.remainingQuantity();
      rows.add(
          new DetailRow(
              u.label() + (u.productCode() == null ? "" : "\nLPP " + u.productCode()),
              boxes(u.quantity()),
              "Produit inconnu de la base — délivré, à régulariser",
              remaining == 0 ? "—" : boxes(remaining)));
    }
    return pdf()
        .deliveryDetail(
            new DeliveryDetail(
                pharmacy(pharmacy),
                d.prescriptionNumber(),
                // the pharmacy's short number; the UUID only for a dispensation without one
                d.localNumber() == null ? d.dispensationId() : String.valueOf(d.localNumber()),
                "Délivré " + DATE_TIME.format(d.recordedAt().atZoneSameInstant(PHARMACY_ZONE)),
                "par " + d.pharmacistName(),
                rows));
  }

  public byte[] remainingSlip(
      Pharmacy pharmacy, PrescriptionView prescription, OffsetDateTime now) {
    List<RemainingRow> rows =
        prescription.lines().stream()
            .filter(l -> l.remainingQuantity() > 0)
            .map(l -> new RemainingRow(label(l), boxes(l.remainingQuantity())))
            .toList();
    return pdf()
        .remainingSlip(
            new RemainingSlip(
                pharmacy(pharmacy),
                patient(prescription.patient()),
                prescription.number(),
                "imprimé " + DATE_TIME.format(now.atZoneSameInstant(PHARMACY_ZONE)),
                rows));
  }

  private static String pharmacy(Pharmacy p) {
    return p.name() + ", " + p.city() + " — FINESS " + p.finess();
  }

  /** The patient's name only: the slip may be lost, so no INS and no birth date on it. */
  private static String patient(PatientView p) {
    if (p == null) {
      return "";
    }
    String first = p.firstName() == null ? "" : p.firstName();
    String last = p.birthName() == null ? "" : p.birthName().toUpperCase(Locale.FRANCE);
    return (first + " " + last).trim();
  }

  private static String label(LineView l) {
    String text =
        l.product() == null || l.product().label() == null
            ? "Produit sans libellé"
            : l.product().label();
    return l.product() != null && l.product().code() != null
        ? text + "\nCIP " + l.product().code()
        : text;
  }

  /** The box scanned for the line, as printed on it: what a recall or a query later needs. */
  private static String box(DispensedLineView l) {
    List<String> parts = new ArrayList<>();
    if (l.lot() != null) {
      parts.add("Lot " + l.lot());
    }
    if (l.expiry() != null) {
      parts.add("péremption " + LocalDate.parse(l.expiry()).format(DAY));
    }
    if (l.serial() != null) {
      parts.add("n° de série " + l.serial());
    }
    return parts.isEmpty() ? "" : "\n" + String.join(" · ", parts);
  }

  private static String outcome(DispensedLineView l) {
    if (l.notDeliveredReason() != null) {
      String reason =
          Arrays.stream(NotDeliveredReason.values())
              .filter(r -> r.name().equals(l.notDeliveredReason()))
              .findFirst()
              .map(NotDeliveredReason::label)
              .orElse("autre motif");
      return "Non délivré — " + reason.toLowerCase(Locale.FRANCE);
    }
    // the code's meaning, never the code alone (FFP/RFP mean nothing to the patient)
    String completeness =
        l.completenessCode() == null
            ? ""
            : Arrays.stream(Completeness.values())
                .filter(c -> c.name().equals(l.completenessCode()))
                .findFirst()
                .map(c -> " — " + c.words().toLowerCase(Locale.FRANCE))
                .orElse("");
    if (l.deliveredProduct() != null) {
      return "Substitué par "
          + l.deliveredProduct().label()
          + " (CIP "
          + l.deliveredProduct().cip13()
          + ")"
          + completeness;
    }
    return "Délivré" + completeness;
  }

  private static String boxes(int n) {
    return FrenchWords.boxes(n);
  }
}
