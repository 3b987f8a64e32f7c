package fr.officine.segur.sandbox.admin;

import static fr.officine.segur.sandbox.SandboxClient.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.SandboxConfig;
import fr.officine.segur.sandbox.eprescription.soap.EPrescription;
import fr.officine.segur.sandbox.eprescription.soap.LignePrescription;
import fr.officine.segur.sandbox.seed.Seeder;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The admin REST API: the prescriber's tool, the listing, the reset. */
class AdminApiTest extends InMemorySandboxTest {

  @Test
  void wsdl_is_served_with_its_soap_1_2_binding_and_the_real_address() {
    var r = client.get("/eprescription?wsdl");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("STAND-IN CONTRACT")
        .contains("soap12:binding")
        .contains("transmettreExecutionEPrescription")
        .contains("location=\"" + sandbox.baseUrl() + "/eprescription\"");
  }

  @Test
  void prescription_created_with_an_empty_body_gets_sample_data_and_links() throws Exception {
    var r = client.post("/sandbox/prescriptions", "");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject body = SandboxClient.json(r).asJsonObject();
    String number = body.getString("number");
    assertThat(number).matches("[0-9A-Z]{18}");
    assertThat(body.getString("qr")).isEqualTo("/sandbox/prescriptions/" + number + "/qr.png");
    assertThat(body.getString("ordonnance"))
        .isEqualTo("/sandbox/prescriptions/" + number + "/ordonnance.pdf");

    EPrescription p = client.consult(number);
    assertThat(p.getPatient().getIns()).isEqualTo("275126322074974");
    assertThat(p.getPrescripteur().getRpps()).isEqualTo("10100000040");
    assertThat(line(p, "L1").getProduit().getLibelle()).isEqualTo("DOLIPRANE 1000 mg cp B/8");
  }

  @Test
  void prescription_created_with_every_field_keeps_them() throws Exception {
    LocalDate on = LocalDate.now(SandboxConfig.FRANCE).minusDays(10);
    String number =
        client.createPrescription(
            "{\"patientIns\":\"236066322083656\",\"prescriberRpps\":\"10100000065\",\"prescribedOn\":\""
                + on
                + "\",\"lines\":[{\"cip13\":\"3400934661211\",\"label\":\"SKENAN LP 30 mg gél B/14\",\"quantity\":1,"
                + "\"renewals\":0,\"substitutable\":false,\"narcotic\":true},"
                + "{\"cip13\":\"3400937832021\",\"quantity\":1,\"renewals\":2}]}");
    EPrescription p = client.consult(number);
    assertThat(p.getPatient().getNomNaissance()).isEqualTo("TCHITCHI");
    assertThat(p.getPrescripteur().getNom()).isEqualTo("MOREAU");
    assertThat(p.getDatePrescription().toXMLFormat()).isEqualTo(on.toString());
    LignePrescription skenan = line(p, "L1");
    assertThat(skenan.isStupefiant()).isTrue();
    assertThat(skenan.isSubstituable()).isFalse();
    LignePrescription atorvastatine = line(p, "L2");
    assertThat(atorvastatine.getProduit().getLibelle()).startsWith("ATORVASTATINE");
    assertThat(atorvastatine.getRenouvellements()).isEqualTo(2);
    assertThat(atorvastatine.getQuantiteTotale()).isEqualTo(3);
  }

  @Test
  void bad_prescription_bodies_are_refused_with_a_400_json_error() {
    Map<String, String> bad =
        Map.of(
            "not JSON", "{oops",
            "array body", "[]",
            "INS with a wrong key", "{\"patientIns\":\"275126322074975\"}",
            "unknown prescriber", "{\"prescriberRpps\":\"10100000073\"}",
            "RPPS failing Luhn", "{\"prescriberRpps\":\"10100000041\"}",
            "bad date", "{\"prescribedOn\":\"21/11/2026\"}",
            "future date", "{\"prescribedOn\":\"" + LocalDate.now().plusDays(3) + "\"}",
            "quantity 0", "{\"lines\":[{\"quantity\":0}]}",
            "quantity as text", "{\"lines\":[{\"quantity\":\"2\"}]}",
            "CIP13 with a wrong check digit", "{\"lines\":[{\"cip13\":\"3400935955839\"}]}");
    bad.forEach(
        (why, body) -> {
          var r = client.post("/sandbox/prescriptions", body);
          assertThat(r.statusCode()).as(why).isEqualTo(400);
          assertThat(r.headers().firstValue("Content-Type"))
              .as(why)
              .hasValue("application/problem+json");
          assertThat(SandboxClient.json(r).asJsonObject().getString("detail")).as(why).isNotBlank();
        });
    assertThat(client.post("/sandbox/prescriptions", "{\"lines\":[]}").statusCode()).isEqualTo(400);
  }

  @Test
  void qr_code_decodes_back_to_the_bare_number() throws Exception {
    String number = client.createPrescription("{}");
    var r = client.getBytes("/sandbox/prescriptions/" + number + "/qr.png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(decode(image)).isEqualTo(number);
    // quiet zone: the border of the image is white
    assertThat(image.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void ordonnance_pdf_shows_the_number_the_lines_and_the_prescriber_mentions() throws Exception {
    var r =
        client.getBytes("/sandbox/prescriptions/" + Seeder.NOT_SUBSTITUTABLE + "/ordonnance.pdf");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
    try (PDDocument pdf = Loader.loadPDF(r.body())) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text)
          .contains("Ordonnance numérique")
          .contains(Seeder.NOT_SUBSTITUTABLE)
          .contains("LEVOTHYROX 75 microgrammes cp séc B/30")
          .contains("OMEPRAZOLE ZYDUS 20 mg gél gastrorésist B/28")
          .contains("À renouveler 2 fois")
          .contains("Non substituable")
          .contains("Dr Anne LEFEBVRE")
          .contains("RPPS 10100000040")
          .contains("TCHITCHI CATARINA");
      // the QR printed on the page is the prescription's: render the page and decode it
      BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 150);
      Path out = Path.of("target", "ordonnance-" + Seeder.NOT_SUBSTITUTABLE + ".png");
      Files.createDirectories(out.getParent());
      ImageIO.write(page, "png", out.toFile());
      assertThat(decode(page)).isEqualTo(Seeder.NOT_SUBSTITUTABLE);
    }
  }

  @Test
  void narcotic_line_is_flagged_on_the_ordonnance() throws Exception {
    var r = client.getBytes("/sandbox/prescriptions/" + Seeder.NARCOTIC + "/ordonnance.pdf");
    try (PDDocument pdf = Loader.loadPDF(r.body())) {
      assertThat(new PDFTextStripper().getText(pdf))
          .contains("SKENAN LP 30 mg gél B/14")
          .contains("ordonnance sécurisée");
    }
  }

  @Test
  void documents_of_an_unknown_or_malformed_number_are_404_and_400() {
    assertThat(client.getBytes("/sandbox/prescriptions/ZZZZZZZZZZZZZZZZZZ/qr.png").statusCode())
        .isEqualTo(404);
    assertThat(client.getBytes("/sandbox/prescriptions/abc/ordonnance.pdf").statusCode())
        .isEqualTo(400);
    assertThat(client.get("/sandbox/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void listing_shows_every_seeded_scenario() {
    var list = SandboxClient.json(client.get("/sandbox/prescriptions")).asJsonArray();
    List<String> numbers = list.stream().map(v -> v.asJsonObject().getString("number")).toList();
    assertThat(numbers)
        .contains(
            Seeder.SIMPLE,
            Seeder.SEVERAL_LINES,
            Seeder.RENEWABLE,
            Seeder.NOT_SUBSTITUTABLE,
            Seeder.NARCOTIC,
            Seeder.PARTIAL_BY_OTHER_PHARMACY,
            Seeder.CLOSED,
            Seeder.EXPIRED,
            Seeder.RENEWAL_IN_PROGRESS,
            Seeder.SUBSTITUTABLE_BRAND,
            Seeder.LAST_DAY,
            Seeder.PERIOD_STARTED);
    JsonObject expired =
        list.stream()
            .map(v -> v.asJsonObject())
            .filter(o -> o.getString("number").equals(Seeder.EXPIRED))
            .findFirst()
            .orElseThrow();
    assertThat(expired.getString("status")).isEqualTo("EXPIREE");
    assertThat(expired.getString("scenario")).contains("4 mois");
  }

  @Test
  void listing_is_a_readable_page_for_a_browser_with_a_link_to_each_qr_code_and_json_for_tools()
      throws Exception {
    var page =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(sandbox.baseUrl() + "/sandbox/prescriptions"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .GET()
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body())
        .contains("<!DOCTYPE html")
        .contains("Ordonnances d'exemple du bac")
        .contains("href=\"/sandbox/prescriptions/" + Seeder.NARCOTIC_FRACTIONED + "/qr.png\"")
        .contains("href=\"/sandbox/prescriptions/" + Seeder.SIMPLE + "/ordonnance.pdf\"")
        .contains("fractions de 7 jours")
        .containsOnlyOnce("charset");
    // a tool without Accept, or asking JSON, still gets the JSON contract
    assertThat(client.get("/sandbox/prescriptions").headers().firstValue("Content-Type"))
        .hasValue("application/json");
  }

  @Test
  void narcotic_seeds_carry_their_treatment_duration_and_fraction() throws Exception {
    LignePrescription skenan = client.consult(Seeder.NARCOTIC_FRACTIONED).getLigne().get(0);
    assertThat(skenan.isStupefiant()).isTrue();
    assertThat(skenan.getDureeTraitementJours()).isEqualTo(28);
    assertThat(skenan.getFractionnementJours()).isEqualTo(7);
    assertThat(client.consult(Seeder.NARCOTIC_LATE).getDatePrescription().toString()).isNotEmpty();
    assertThat(client.consult(Seeder.NARCOTIC_OVERLAP).getLigne().get(0).getDureeTraitementJours())
        .isEqualTo(14);
  }

  private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

  private static String decode(BufferedImage image) throws Exception {
    Result result =
        new MultiFormatReader()
            .decode(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
    return result.getText();
  }
}
