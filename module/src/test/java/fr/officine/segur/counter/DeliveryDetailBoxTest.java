package fr.officine.segur.counter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.dispensation.DispensedLineView;
import fr.officine.segur.api.prescription.LineView;
import fr.officine.segur.api.prescription.PrescriptionView;
import fr.officine.segur.api.prescription.ProductView;
import fr.officine.segur.trust.Pharmacy;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The delivery detail print carries the lot, expiry and serial of each box scanned (issue 15 §2).
 */
class DeliveryDetailBoxTest {
  @Test
  void the_delivery_detail_prints_the_lot_expiry_and_serial_of_the_scanned_box() throws Exception {
    String cip = "3400933216146";
    PrescriptionView prescription =
        new PrescriptionView(
            "SBX03RENOUVELABLE0",
            "PARTIAL",
            null,
            null,
            null,
            null,
            List.of(
                new LineView(
                    "L2",
                    new ProductView(
                        cip, "1.2.250.1.213.2.3.2", "KARDEGIC 75 mg pdre sol buv sach B/30"),
                    null,
                    1,
                    2,
                    3,
                    1,
                    2,
                    0,
                    true,
                    false,
                    false,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    List.of()),
                new LineView(
                    "L1",
                    new ProductView(
                        "3400935955838", "1.2.250.1.213.2.3.2", "DOLIPRANE 1000 mg cp B/8"),
                    null,
                    1,
                    0,
                    1,
                    1,
                    0,
                    0,
                    true,
                    false,
                    false,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    List.of())),
            null,
            null);
    DispensationView d =
        new DispensationView(
            "d-1",
            "SBX03RENOUVELABLE0",
            "RECORDED",
            OffsetDateTime.parse("2026-12-02T10:15:00+01:00"),
            "690100011",
            "Claire MARTIN",
            List.of(
                new DispensedLineView(
                    "L2", 1, null, null, "FFP", 2, "K75-2501", "2027-05-31", "SN42"),
                new DispensedLineView("L1", 1, null, null, "FFC", 0)),
            List.of(),
            "PARTIAL",
            List.of(),
            Map.of(),
            List.of());

    byte[] pdf =
        new CounterPapers()
            .deliveryDetail(
                new Pharmacy("690100011", "Pharmacie du Marché", "Lyon"), d, prescription);

    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertThat(text)
          .contains("KARDEGIC 75 mg", "Lot K75-2501 · péremption 31/05/2027 · n° de série SN42");
      assertThat(text)
          .as("no box line for a line delivered without a scan")
          .containsOnlyOnce("Lot ");
    }
  }
}
