package fr.officine.segur.it.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.officine.segur.it.support.Azerty;
import fr.officine.segur.it.support.BoxCodes;
import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.EventFeed;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.InstalledCertificates;
import fr.officine.segur.it.support.LgoClient;
import fr.officine.segur.it.support.ModuleWar;
import fr.officine.segur.it.support.Pictures;
import fr.officine.segur.it.support.SandboxAdmin;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counter flow end to end (issue 2): the module's WAR in Payara Micro, the sandbox's
 * e-prescription base on a real loopback port, two pharmacies. Each test writes its own
 * prescription through the sandbox's prescriber API, so tests do not depend on each other.
 *
 * <p>Also the platform's smoke checks (formerly CoreSmokeIT, merged to save one Payara boot): the
 * WAR boots (H2 file database, Flyway, sandbox seed, JAX-RS, CDI filters, Metro client), sessions
 * and bearer tokens work, every error is problem+json. Every call to the sandbox goes over mutual
 * TLS with the pharmacy's certificate (as in every IT); here also the module's own https port, and
 * a revoked or expired certificate.
 */
@ExtendWith({SandboxExtension.class, ArquillianExtension.class})
@RunAsClient
class CounterFlowIT {
  static final String DOLIPRANE = "3400935955838";
  static final String AMOXICILLINE = "3400934998331";

  @Deployment(testable = false)
  static WebArchive module() {
    // The recovery task far away for this deployment (a config source above the system
    // properties): a pharmacist's check or cancel is what these tests watch, the recovery task
    // must not settle first on a slow machine. Its own test is in CounterPageIT (recovery PT3S).
    return ModuleWar.fromBuild()
        .addAsLibrary(
            org.jboss.shrinkwrap.api.ShrinkWrap.create(
                    org.jboss.shrinkwrap.api.spec.JavaArchive.class, "recovery-later.jar")
                .addAsManifestResource(
                    new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "config_ordinal=500\nsegur.dispensation.recovery-after=PT1H\n"),
                    "microprofile-config.properties"));
  }

  @ArquillianResource URL base;
  SandboxAdmin sandbox;
  Counter titulaire;
  Counter confrere;

  @BeforeEach
  void counters(SandboxAdmin sandbox) {
    this.sandbox = sandbox;
    assertThat(base.getHost())
        .as("tests talk to loopback only (LoopbackExtension)")
        .isEqualTo("127.0.0.1");
    sandbox.fault("eprescription", "up", 0);
    titulaire = Counter.login(base, "titulaire");
    confrere = Counter.login(base, "confrere");
  }

  @Test
  void colleague_sees_what_remains_completes_it_and_then_nobody_can_deliver_again() {
    String number =
        sandbox.createPrescription(
            List.of(
                Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3),
                Line.of(AMOXICILLINE, "AMOXICILLINE 1 g cp B/6", 2)));

    Http.Reply scan = titulaire.scanText(number + "\r\n");
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);
    assertThat(scan.json().getString("kind")).isEqualTo("E_PRESCRIPTION");
    assertThat(scan.json().getString("prescriptionNumber")).isEqualTo(number);

    JsonObject before = ok(titulaire.consult(number));
    assertThat(before.getString("status")).isEqualTo("OPEN");
    String paracetamol = lineId(before, DOLIPRANE);
    String amoxicilline = lineId(before, AMOXICILLINE);
    assertThat(line(before, paracetamol).getInt("remainingQuantity")).isEqualTo(3);

    Http.Reply first =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliver(paracetamol, 1).deliver(amoxicilline, 2).build());
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().getString("status")).isEqualTo("RECORDED");
    assertThat(first.header("Location")).contains("/api/v1/dispensations/");

    JsonObject seenByColleague = ok(confrere.consult(number));
    assertThat(seenByColleague.getString("status")).isEqualTo("PARTIAL");
    JsonObject line = line(seenByColleague, paracetamol);
    assertThat(line.getInt("deliveredQuantity")).isEqualTo(1);
    assertThat(line.getInt("remainingQuantity")).isEqualTo(2);
    JsonObject delivery = line.getJsonArray("deliveries").getJsonObject(0);
    assertThat(delivery.getString("pharmacyFiness")).isEqualTo("690100011");
    assertThat(delivery.getString("pharmacyName")).isEqualTo("Pharmacie du Marché");
    assertThat(delivery.getBoolean("ownPharmacy")).isFalse();
    assertThat(delivery.getString("completenessCode")).isEqualTo("FFP");
    assertThat(line(seenByColleague, amoxicilline).getInt("remainingQuantity")).isZero();

    Http.Reply completion =
        confrere.dispense(number, key(), Dispensations.body().deliver(paracetamol, 2).build());
    assertThat(completion.status()).as(completion.toString()).isEqualTo(201);
    assertThat(ok(titulaire.consult(number)).getString("status")).isEqualTo("COMPLETE");
    assertThat(
            line(ok(confrere.consult(number)), paracetamol)
                .getJsonArray("deliveries")
                .getJsonObject(1)
                .getString("completenessCode"))
        .isEqualTo("RFC");

    Http.Reply third =
        titulaire.dispense(number, key(), Dispensations.body().deliver(paracetamol, 1).build());
    assertProblem(third, 409, "PRESCRIPTION_CLOSED");
  }

  /**
   * Issue 16 §2: the client an LGO generates from /openapi works as generated for the counter flow,
   * and the served document is the checked-in one it was generated from.
   */
  @Test
  void an_lgo_client_generated_from_the_openapi_document_runs_the_counter_flow_unpatched()
      throws Exception {
    // the served document is the file the build generated the client from (nothing added by Payara)
    Http.Reply served =
        new Http()
            .send(
                "GET",
                URI.create(new URL(base, "/openapi").toString()),
                Map.of("Accept", "application/json"),
                null,
                null);
    assertThat(served.status()).as(served.toString()).isEqualTo(200);
    com.fasterxml.jackson.databind.ObjectMapper yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    String file =
        Files.readString(Path.of(System.getProperty("openapi.document")), StandardCharsets.UTF_8)
            .replace("${project.version}", System.getProperty("project.version"));
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(served.body()))
        .isEqualTo(yaml.readTree(file));

    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2)));
    fr.officine.segur.it.support.LgoClient lgo =
        fr.officine.segur.it.support.LgoClient.login(base, "titulaire");
    assertThat(lgo.sessions().getCurrentSession().getPharmacy().getFiness()).isEqualTo("690100011");

    fr.officine.segur.lgo.model.ScanResult typed = lgo.scans().scanCode(number + "\r\n");
    assertThat(typed.getKind()).isEqualTo("E_PRESCRIPTION");
    assertThat(typed.getPrescriptionNumber()).isEqualTo(number);
    fr.officine.segur.lgo.model.ScanResult pictured =
        lgo.picture(sandbox.qrPng(number), "image/png").scanCode("");
    assertThat(pictured.getPrescriptionNumber()).isEqualTo(number);

    fr.officine.segur.lgo.model.PrescriptionView prescription =
        lgo.prescriptions().consultPrescription(number, null);
    assertThat(prescription.getStatus()).isEqualTo("OPEN");
    fr.officine.segur.lgo.model.LineView line = prescription.getLines().get(0);
    assertThat(line.getRemainingQuantity()).isEqualTo(2);

    String key = key();
    fr.officine.segur.lgo.model.DispensationRequest all =
        new fr.officine.segur.lgo.model.DispensationRequest()
            .addLinesItem(
                new fr.officine.segur.lgo.model.LineRequest().lineId(line.getLineId()).quantity(2));
    fr.officine.segur.lgo.model.DispensationView recorded =
        lgo.dispensations().recordDispensation(number, key, all);
    assertThat(recorded.getStatus()).isEqualTo("RECORDED");
    fr.officine.segur.lgo.model.DispensationView replayed =
        lgo.dispensations().recordDispensation(number, key, all);
    assertThat(replayed.getDispensationId())
        .as("same key, same answer")
        .isEqualTo(recorded.getDispensationId());

    java.io.File pdf =
        lgo.dispensations().getDispensationPdf(UUID.fromString(recorded.getDispensationId()));
    assertThat(Files.readAllBytes(pdf.toPath()))
        .startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    Files.deleteIfExists(pdf.toPath());

    fr.officine.segur.lgo.ApiException closed =
        org.junit.jupiter.api.Assertions.assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> lgo.dispensations().recordDispensation(number, key(), all));
    assertThat(closed.getCode()).isEqualTo(409);
    fr.officine.segur.lgo.model.Problem problem = lgo.problem(closed);
    assertThat(problem.getCode()).isEqualTo("PRESCRIPTION_CLOSED");
    assertThat(problem.getType())
        .hasToString("https://officine-segur.fr/problems/prescription-closed");
    assertThat(problem.getTitle()).startsWith("Ordonnance entièrement délivrée");
  }

  /**
   * Issue 16 §2: the MicroProfile Rest Client interface of api/ (DESIGN.md: what an LGO writing
   * Java codes against), built in this JVM by an MP Rest Client implementation (Jersey's), runs the
   * counter flow as it is: the api records in and out, the Idempotency-Key replay answering the
   * first answer, the PDF as bytes, the feed's page, and every error answer thrown as its problem
   * by the interface's own ResponseExceptionMapper.
   */
  @Test
  void the_microprofile_rest_client_of_api_runs_the_counter_flow_unpatched() throws Exception {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2)));
    fr.officine.segur.api.client.SegurApi api =
        org.eclipse.microprofile.rest.client.RestClientBuilder.newBuilder()
            .baseUri(base.toURI()) // the WAR's root: the interface's paths start at /api/v1
            .build(fr.officine.segur.api.client.SegurApi.class);

    fr.officine.segur.api.session.SessionView session =
        api.openSession(new fr.officine.segur.api.session.SessionRequest("titulaire", "titulaire"));
    String auth = fr.officine.segur.api.client.SegurApi.bearer(session);
    assertThat(session.pharmacy().finess()).isEqualTo("690100011");
    assertThat(api.getCurrentSession(auth).professional().login()).isEqualTo("titulaire");

    fr.officine.segur.api.scan.ScanResult typed = api.scanText(auth, number + "\r\n");
    assertThat(typed.kind()).isEqualTo(fr.officine.segur.api.scan.ScanResult.E_PRESCRIPTION);
    assertThat(typed.prescriptionNumber()).isEqualTo(number);
    byte[] png = sandbox.qrPng(number);
    assertThat(api.scanPng(auth, png).prescriptionNumber()).isEqualTo(number);
    assertThat(api.scanJpeg(auth, Pictures.jpeg(Pictures.read(png), 0.9f)).prescriptionNumber())
        .isEqualTo(number);

    fr.officine.segur.api.prescription.PrescriptionView prescription =
        api.consultPrescription(auth, number);
    assertThat(prescription.number()).isEqualTo(number);
    assertThat(prescription.status()).isEqualTo("OPEN");
    fr.officine.segur.api.prescription.LineView line = prescription.lines().get(0);
    assertThat(line.product().code()).isEqualTo(DOLIPRANE);
    assertThat(line.remainingQuantity()).isEqualTo(2);

    long before = lastEventId(titulaire);
    String key = key();
    fr.officine.segur.api.dispensation.DispensationRequest all =
        new fr.officine.segur.api.dispensation.DispensationRequest(
            List.of(
                new fr.officine.segur.api.dispensation.LineRequest(line.lineId(), 2, null, null)),
            null,
            null,
            null);
    fr.officine.segur.api.dispensation.DispensationView recorded =
        api.recordDispensation(auth, number, key, all);
    assertThat(recorded.status()).isEqualTo("RECORDED");
    assertThat(recorded.prescriptionNumber()).isEqualTo(number);
    assertThat(recorded.lines()).hasSize(1);
    assertThat(recorded.sends())
        .extracting(fr.officine.segur.api.dispensation.SendView::target)
        .contains("EPRESCRIPTION");
    assertThat(api.recordDispensation(auth, number, key, all))
        .as("same key, the first answer, record for record")
        .isEqualTo(recorded);

    fr.officine.segur.api.dispensation.DispensationView read =
        api.getDispensation(auth, recorded.dispensationId());
    assertThat(read.dispensationId()).isEqualTo(recorded.dispensationId());
    assertThat(read.localNumber()).isEqualTo(recorded.localNumber()).isNotNull();
    assertThat(read.prescriptionStatus()).isEqualTo("COMPLETE");

    byte[] pdf = api.getDispensationPdf(auth, recorded.dispensationId());
    assertThat(pdf).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isPositive();
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains(number);
    }

    fr.officine.segur.api.event.EventPage events = api.readEvents(auth, before, 500, null);
    assertThat(events.events())
        .filteredOn(e -> e.type() == fr.officine.segur.api.event.EventType.DISPENSATION_RECORDED)
        .extracting(e -> e.data().dispensationId())
        .contains(recorded.dispensationId());
    assertThat(events.events())
        .extracting(fr.officine.segur.api.event.EventView::id)
        .allMatch(id -> id > before)
        .isSorted();

    fr.officine.segur.api.client.ProblemResponseException closed =
        assertThrows(
            fr.officine.segur.api.client.ProblemResponseException.class,
            () -> api.recordDispensation(auth, number, key(), all));
    assertThat(closed.problem().status()).isEqualTo(409);
    assertThat(closed.problem().code()).isEqualTo("PRESCRIPTION_CLOSED");
    assertThat(closed.problem().type())
        .isEqualTo("https://officine-segur.fr/problems/prescription-closed");
    assertThat(closed.problem().title()).startsWith("Ordonnance entièrement délivrée");

    api.closeSession(auth);
    fr.officine.segur.api.client.ProblemResponseException loggedOut =
        assertThrows(
            fr.officine.segur.api.client.ProblemResponseException.class,
            () -> api.getCurrentSession(auth));
    assertThat(loggedOut.problem().status()).isEqualTo(401);
    assertThat(loggedOut.problem().code()).isEqualTo("UNAUTHENTICATED");
  }

  /**
   * Issue 16 §4: the event feed's JSON page is paged as every list that grows, its body unchanged
   * ({@code {"events":[…]}}): {@code limit}, then the {@code cursor} of {@code Link: <…>;
   * rel="next"} while more events follow, none on the page that reaches the last; every event once,
   * in id order; the ETag of a full page (which no later event changes) answers 304; a cursor of
   * another list is a typed 400.
   */
  @Test
  void an_lgo_pages_through_the_event_feed_by_its_next_links_as_through_every_list()
      throws Exception {
    for (int i = 0; i < 3; i++) {
      oneDolipraneDelivered(1);
    }
    long start = lastEventId(titulaire) - 5; // the three DISPENSATION_RECORDED at least
    assertThat(start).isNotNegative();
    LgoClient lgo = LgoClient.login(base, "titulaire");

    List<Long> ids = new ArrayList<>();
    int pages = 0;
    fr.officine.segur.lgo.ApiResponse<fr.officine.segur.lgo.model.EventPage> page =
        lgo.events().readEventsWithHttpInfo(start, 2, null, null, null);
    while (true) {
      pages++;
      page.getData().getEvents().forEach(e -> ids.add(e.getId()));
      java.util.Optional<String> next = LgoClient.nextCursor(page);
      if (next.isEmpty()) {
        break;
      }
      assertThat(page.getData().getEvents()).as("only a full page has a next one").hasSize(2);
      assertThat(page.getHeaders().get("Link").get(0))
          .as("the cursor is the position: no after= left beside it")
          .doesNotContain("after=");
      page = lgo.events().readEventsWithHttpInfo(null, 2, null, next.get(), null);
    }
    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(ids)
        .as("every event after the start once, in order, none skipped")
        .hasSizeGreaterThanOrEqualTo(5)
        .isEqualTo(
            java.util.stream.LongStream.rangeClosed(start + 1, start + ids.size())
                .boxed()
                .toList());

    fr.officine.segur.lgo.ApiResponse<fr.officine.segur.lgo.model.EventPage> full =
        lgo.events().readEventsWithHttpInfo(start, 2, null, null, null);
    assertThat(LgoClient.nextCursor(full)).isPresent();
    String etag = full.getHeaders().get("ETag").get(0);
    fr.officine.segur.lgo.ApiException unchanged =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> lgo.events().readEventsWithHttpInfo(start, 2, null, null, etag));
    assertThat(unchanged.getCode()).isEqualTo(304);

    String foreignCursor =
        LgoClient.nextCursor(
                lgo.dispensations()
                    .listDispensationsByStatusWithHttpInfo("RECORDED", 1, null, null))
            .orElseThrow();
    fr.officine.segur.lgo.ApiException foreign =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> lgo.events().readEventsWithHttpInfo(null, 2, null, foreignCursor, null));
    assertThat(foreign.getCode()).isEqualTo(400);
    assertThat(lgo.problem(foreign).getCode()).isEqualTo("MALFORMED_REQUEST");
    assertThat(lgo.problem(foreign).getDetail()).contains("lien « next »");
  }

  /**
   * Issue 16 §4: the lists that grow are read a page at a time, all the same way, through the
   * client generated from the document: {@code limit}, then the {@code cursor} of {@code Link: <…>;
   * rel="next"} until a page has no link; what is recorded meanwhile shifts no page; each page has
   * its ETag (304 while unchanged); a cursor of another list is a typed 400 problem.
   */
  @Test
  void
      an_lgo_pages_through_the_audit_the_reconciliations_and_the_dispensations_by_their_next_links()
          throws Exception {
    fr.officine.segur.it.support.LgoClient lgo =
        fr.officine.segur.it.support.LgoClient.login(base, "titulaire");
    List<String> recorded = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    String ins =
        fr.officine.segur.it.support.Identities.NESSI_MICHELANGELO
            .ins(); // no other test of this class
    for (int i = 0; i < 3; i++) {
      String number =
          sandbox.createPrescription(
              ins,
              LocalDate.now(),
              List.of(
                  Line.lpp(LUBRICANT_LPP, LUBRICANT, 1),
                  Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
      fr.officine.segur.lgo.model.PrescriptionView rx =
          lgo.prescriptions().consultPrescription(number, null);
      String lpp =
          rx.getLines().stream()
              .filter(l -> l.getProduct().getCode().equals(LUBRICANT_LPP))
              .findFirst()
              .orElseThrow()
              .getLineId();
      String doliprane =
          rx.getLines().stream()
              .filter(l -> l.getProduct().getCode().equals(DOLIPRANE))
              .findFirst()
              .orElseThrow()
              .getLineId();
      fr.officine.segur.lgo.model.DispensationView d =
          lgo.dispensations()
              .recordDispensation(
                  number,
                  key(),
                  new fr.officine.segur.lgo.model.DispensationRequest()
                      .addLinesItem(
                          new fr.officine.segur.lgo.model.LineRequest()
                              .lineId(doliprane)
                              .quantity(1))
                      .addUnknownProductLinesItem(
                          new fr.officine.segur.lgo.model.UnknownProductLineRequest()
                              .lineId(lpp)
                              .quantity(1)));
      recorded.add(d.getDispensationId());
      unknown.add(d.getUnknownProductLines().get(0).getId());
    }

    // The pharmacy's RECORDED dispensations, 2 a page: each of these once, newest first.
    List<String> dispensations = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      fr.officine.segur.lgo.ApiResponse<List<fr.officine.segur.lgo.model.DispensationView>> page =
          lgo.dispensations().listDispensationsByStatusWithHttpInfo("RECORDED", 2, cursor, null);
      assertThat(page.getData()).hasSizeLessThanOrEqualTo(2);
      page.getData().forEach(v -> dispensations.add(v.getDispensationId()));
      cursor = fr.officine.segur.it.support.LgoClient.nextCursor(page).orElse(null);
      assertThat(cursor == null || page.getData().size() == 2)
          .as("only a full page has a next one")
          .isTrue();
      pages++;
    } while (cursor != null);
    assertThat(pages).isGreaterThanOrEqualTo(2);
    assertThat(dispensations).doesNotHaveDuplicates();
    assertThat(dispensations.stream().filter(recorded::contains).toList())
        .as("newest first")
        .containsExactly(recorded.get(2), recorded.get(1), recorded.get(0));

    // The lines to reconcile, 2 a page, oldest first: each of these once; count is of all the
    // pages.
    List<String> lines = new ArrayList<>();
    cursor = null;
    String secondPage = null;
    int count = -1;
    do {
      fr.officine.segur.lgo.ApiResponse<fr.officine.segur.lgo.model.ReconciliationsView> page =
          lgo.reconciliations().listReconciliationsWithHttpInfo("PENDING", 2, cursor, null);
      count = page.getData().getCount();
      page.getData().getItems().forEach(item -> lines.add(item.getId()));
      cursor = fr.officine.segur.it.support.LgoClient.nextCursor(page).orElse(null);
      if (secondPage == null) {
        secondPage = cursor;
      }
    } while (cursor != null);
    assertThat(lines).doesNotHaveDuplicates().hasSize(count);
    assertThat(lines.stream().filter(unknown::contains).toList())
        .as("oldest first")
        .containsExactlyElementsOf(unknown);

    // An unchanged page answers 304 to its ETag; a cursor of another list is refused, typed.
    fr.officine.segur.lgo.ApiResponse<fr.officine.segur.lgo.model.ReconciliationsView> again =
        lgo.reconciliations().listReconciliationsWithHttpInfo("PENDING", 2, secondPage, null);
    String etag = again.getHeaders().get("ETag").get(0);
    final String page2 = secondPage;
    fr.officine.segur.lgo.ApiException unchanged =
        org.junit.jupiter.api.Assertions.assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> lgo.reconciliations().listReconciliationsWithHttpInfo("PENDING", 2, page2, etag));
    assertThat(unchanged.getCode()).isEqualTo(304);
    fr.officine.segur.lgo.ApiException foreign =
        org.junit.jupiter.api.Assertions.assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () ->
                lgo.dispensations()
                    .listDispensationsByStatusWithHttpInfo("RECORDED", 2, page2, null));
    assertThat(foreign.getCode()).isEqualTo(400);
    assertThat(lgo.problem(foreign).getCode()).isEqualTo("MALFORMED_REQUEST");
    assertThat(lgo.problem(foreign).getDetail()).contains("lien « next »");

    // The patient's audit, 3 a page, while each read is itself recorded (newest): no record twice,
    // none missing of those there when the paging began.
    fr.officine.segur.lgo.ApiResponse<List<fr.officine.segur.lgo.model.AccessView>> all =
        lgo.audit().listPatientAccessesWithHttpInfo(ins, 1000, null, null);
    assertThat(fr.officine.segur.it.support.LgoClient.nextCursor(all))
        .as("all in one page: no next")
        .isEmpty();
    List<Long> before =
        all.getData().stream().map(fr.officine.segur.lgo.model.AccessView::getSeq).toList();
    assertThat(before).as("3 consults and 3 dispensations at least").hasSizeGreaterThanOrEqualTo(6);
    List<Long> seqs = new ArrayList<>();
    cursor = null;
    do {
      fr.officine.segur.lgo.ApiResponse<List<fr.officine.segur.lgo.model.AccessView>> page =
          lgo.audit().listPatientAccessesWithHttpInfo(ins, 3, cursor, null);
      assertThat(page.getHeaders().get("ETag")).isNotEmpty();
      page.getData().forEach(a -> seqs.add(a.getSeq()));
      cursor = fr.officine.segur.it.support.LgoClient.nextCursor(page).orElse(null);
    } while (cursor != null);
    assertThat(seqs)
        .doesNotHaveDuplicates()
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(seqs.stream().filter(s -> s <= before.get(0)).toList()).isEqualTo(before);
    assertThat(seqs.size()).as("read in pages of 3").isGreaterThan(3);
  }

  @Test
  void product_reference_finds_packs_by_words_or_code_and_lists_the_generic_group() {
    Http.Reply byWords =
        titulaire.send(
            "GET",
            "/products?q="
                + java.net.URLEncoder.encode("oméprazole GÉLULE", StandardCharsets.UTF_8),
            Map.of(),
            null,
            null);
    assertThat(byWords.status()).as(byWords.toString()).isEqualTo(200);
    assertThat(byWords.body().length).isPositive();
    var found =
        jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(byWords.body()))
            .readArray();
    assertThat(found).hasSize(2);
    assertThat(found.getJsonObject(0).getString("label"))
        .contains("OMEPRAZOLE", "gélule gastro-résistante");

    Http.Reply byCip = titulaire.send("GET", "/products?q=" + DOLIPRANE, Map.of(), null, null);
    var doliprane =
        jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(byCip.body()))
            .readArray()
            .getJsonObject(0);
    assertThat(doliprane.getString("cis")).isEqualTo("61000101");
    assertThat(doliprane.getBoolean("princeps")).isTrue();

    Http.Reply substitutes =
        titulaire.send("GET", "/products/" + DOLIPRANE + "/substitutes", Map.of(), null, null);
    JsonObject group = ok(substitutes);
    assertThat(group.getJsonObject("genericGroup").getString("label"))
        .startsWith("PARACETAMOL 1000 mg - DOLIPRANE");
    assertThat(group.getJsonArray("substitutes").getValuesAs(JsonObject.class))
        .extracting(p -> p.getString("cip13"))
        .containsExactlyInAnyOrder("3400930000007", "3400930000014");

    assertProblem(
        titulaire.send("GET", "/products/3400935955839/substitutes", Map.of(), null, null),
        422,
        "INVALID_IDENTIFIER");
  }

  static final String LUBRICANT_LPP = "1150130";
  static final String LUBRICANT = "HYALURONATE DE SODIUM 0,15 % collyre lubrifiant fl 10 ml";

  @Test
  void lpp_line_unknown_to_the_base_is_not_sent_to_it_and_is_kept_for_reconciliation() {
    String number =
        sandbox.createPrescription(
            List.of(
                Line.lpp(LUBRICANT_LPP, LUBRICANT, 2),
                Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    JsonObject rx = ok(titulaire.consult(number));
    JsonObject lpp = line(rx, lineId(rx, LUBRICANT_LPP));
    String lppLine = lpp.getString("lineId");
    String doliprane = lineId(rx, DOLIPRANE);
    assertThat(lpp.getJsonArray("flags").getString(0)).isEqualTo("UNKNOWN_PRODUCT");
    assertThat(lpp.getJsonObject("product").getString("codeSystem"))
        .isEqualTo("1.2.250.1.215.200.2.1");
    assertThat(line(rx, doliprane).getJsonArray("flags")).isEmpty();

    // Sent as an ordinary line, the base refuses it (EP_PRODUIT_INCONNU): one precise problem.
    Http.Reply refused =
        titulaire.dispense(number, key(), Dispensations.body().deliver(lppLine, 1).build());
    assertProblem(refused, 409, "UNKNOWN_PRODUCT_LINE");
    assertThat(refused.json().getString("lineId")).isEqualTo(lppLine);

    // Delivered as "produit inconnu de la base" in the same recording as DOLIPRANE.
    Http.Reply recorded =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliver(doliprane, 1).unknownProduct(lppLine, 2).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonObject kept = recorded.json().getJsonArray("unknownProductLines").getJsonObject(0);
    assertThat(kept.getString("productCode")).isEqualTo(LUBRICANT_LPP);
    assertThat(kept.getString("label")).isEqualTo(LUBRICANT);
    assertThat(kept.getInt("quantity")).isEqualTo(2);
    assertThat(kept.getString("state")).isEqualTo("PENDING_RECONCILIATION");
    assertThat(kept.getString("deliveredBy")).isEqualTo("Claire MARTIN");

    // The base never got it, but the module holds it: another pharmacy of the instance sees it as
    // it sees the base's deliveries (issue 11 §17).
    JsonObject elsewhere = line(ok(confrere.consult(number)), lppLine);
    assertThat(elsewhere.getInt("deliveredQuantity")).isEqualTo(2);
    assertThat(elsewhere.getJsonArray("deliveries").getJsonObject(0).getBoolean("ownPharmacy"))
        .isFalse();
    assertThat(line(ok(confrere.consult(number)), doliprane).getInt("deliveredQuantity"))
        .isEqualTo(1);
    // This pharmacy's view counts it, and the module refuses to deliver it twice.
    JsonObject here = line(ok(titulaire.consult(number)), lppLine);
    assertThat(here.getInt("deliveredQuantity")).isEqualTo(2);
    assertThat(here.getInt("remainingQuantity")).isZero();
    assertThat(here.getJsonArray("deliveries").getJsonObject(0).getBoolean("ownPharmacy")).isTrue();
    assertProblem(
        titulaire.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build()),
        409,
        "OVER_DELIVERY");
    assertProblem(
        titulaire.dispense(
            number, key(), Dispensations.body().unknownProduct(doliprane, 1).build()),
        400,
        "MALFORMED_REQUEST");

    // Listed for reconciliation (this pharmacy only), resolved once whatever the replays.
    String id = kept.getString("id");
    JsonObject pending =
        ok(titulaire.send("GET", "/reconciliations?state=PENDING", Map.of(), null, null));
    assertThat(pending.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("id"))
        .contains(id);
    assertThat(pending.getString("label")).endsWith("à régulariser");
    assertThat(
            ok(confrere.send("GET", "/reconciliations?state=PENDING", Map.of(), null, null))
                .getJsonArray("items")
                .getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("id"))
        .doesNotContain(id);
    byte[] note =
        "{\"note\":\"Facturé sur feuille de soins papier n° 42\"}".getBytes(StandardCharsets.UTF_8);
    Http.Reply first =
        titulaire.send(
            "POST", "/reconciliations/" + id + "/resolution", Map.of(), "application/json", note);
    JsonObject resolved = ok(first);
    assertThat(resolved.getString("state")).isEqualTo("RESOLVED");
    assertThat(resolved.getString("resolvedBy")).isEqualTo("Claire MARTIN");
    byte[] other = "{\"note\":\"autre note\"}".getBytes(StandardCharsets.UTF_8);
    JsonObject again =
        ok(
            Counter.login(base, "adjoint")
                .send(
                    "POST",
                    "/reconciliations/" + id + "/resolution",
                    Map.of(),
                    "application/json",
                    other));
    assertThat(again.getString("resolutionNote"))
        .as("idempotent: the first resolution stays")
        .isEqualTo("Facturé sur feuille de soins papier n° 42");
    assertThat(again.getString("resolvedAt")).isEqualTo(resolved.getString("resolvedAt"));
    assertThat(
            ok(titulaire.send("GET", "/reconciliations?state=PENDING", Map.of(), null, null))
                .getJsonArray("items")
                .getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("id"))
        .doesNotContain(id);
    assertThat(
            ok(titulaire.send("GET", "/reconciliations?state=RESOLVED", Map.of(), null, null))
                .getJsonArray("items")
                .getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("id"))
        .contains(id);
    assertProblem(
        Counter.login(base, "preparateur")
            .send(
                "POST",
                "/reconciliations/" + id + "/resolution",
                Map.of(),
                "application/json",
                note),
        403,
        "FORBIDDEN");
    assertProblem(
        titulaire.send(
            "POST",
            "/reconciliations/" + UUID.randomUUID() + "/resolution",
            Map.of(),
            "application/json",
            note),
        404,
        "RECONCILIATION_NOT_FOUND");
  }

  @Test
  void a_dispensation_of_only_a_line_unknown_to_the_base_sends_nothing_to_the_base() {
    String number = sandbox.createPrescription(List.of(Line.lpp(LUBRICANT_LPP, LUBRICANT, 1)));
    String lppLine = lineId(ok(titulaire.consult(number)), LUBRICANT_LPP);
    Http.Reply recorded =
        titulaire.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    assertThat(recorded.json().getString("status")).isEqualTo("RECORDED");
    JsonObject send =
        recorded.json().getJsonArray("sends").getValuesAs(JsonObject.class).stream()
            .filter(s -> s.getString("target").equals("EPRESCRIPTION"))
            .findFirst()
            .orElseThrow();
    assertThat(send.getString("state")).isEqualTo("NOT_APPLICABLE");
    assertThat(line(ok(confrere.consult(number)), lppLine).getInt("deliveredQuantity"))
        .isEqualTo(1);
  }

  @Test
  void
      a_line_unknown_to_the_base_counts_every_pharmacys_deliveries_so_a_confrere_cannot_over_deliver_it() {
    // Issue 11 §17: A delivered 1 of 2 boxes; B read the same prescription and delivered 2. The
    // module is the only record of such deliveries: every pharmacy's count for the line.
    String number = sandbox.createPrescription(List.of(Line.lpp(LUBRICANT_LPP, LUBRICANT, 2)));
    String lppLine = lineId(ok(titulaire.consult(number)), LUBRICANT_LPP);
    Http.Reply byA =
        titulaire.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build());
    assertThat(byA.status()).as(byA.toString()).isEqualTo(201);

    JsonObject seenByB = line(ok(confrere.consult(number)), lppLine);
    assertThat(seenByB.getInt("deliveredQuantity")).isEqualTo(1);
    assertThat(seenByB.getInt("remainingQuantity")).isEqualTo(1);
    JsonObject fromA = seenByB.getJsonArray("deliveries").getJsonObject(0);
    assertThat(fromA.getString("pharmacyName")).isEqualTo("Pharmacie du Marché");
    assertThat(fromA.getString("pharmacyFiness")).isEqualTo("690100011");
    assertThat(fromA.getBoolean("ownPharmacy")).isFalse();
    assertThat(fromA.getInt("quantity")).isEqualTo(1);
    assertThat(fromA.getString("date")).isNotBlank();

    assertProblem(
        confrere.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 2).build()),
        409,
        "OVER_DELIVERY");
    Http.Reply byB =
        confrere.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build());
    assertThat(byB.status()).as(byB.toString()).isEqualTo(201);
    assertProblem(
        titulaire.dispense(number, key(), Dispensations.body().unknownProduct(lppLine, 1).build()),
        409,
        "OVER_DELIVERY");

    JsonObject seenByA = line(ok(titulaire.consult(number)), lppLine);
    assertThat(seenByA.getInt("deliveredQuantity")).isEqualTo(2);
    assertThat(seenByA.getInt("remainingQuantity")).isZero();
    assertThat(seenByA.getJsonArray("deliveries").getValuesAs(JsonObject.class))
        .extracting(
            d ->
                d.getString("pharmacyName")
                    + "/"
                    + d.getBoolean("ownPharmacy")
                    + "/"
                    + d.getInt("quantity"))
        .containsExactly("Pharmacie du Marché/true/1", "Pharmacie des Arcades/false/1");
  }

  @Test
  void an_open_presence_stream_ends_within_seconds_of_its_session_logout_not_at_the_next_heartbeat()
      throws Exception {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    Counter adjoint = Counter.login(base, "adjoint");
    Http.Reply ticket =
        adjoint.send("POST", "/prescriptions/" + number + "/presence/ticket", Map.of(), null, null);
    assertThat(ticket.status()).as(ticket.toString()).isEqualTo(200);
    java.net.URI stream =
        java.net.URI.create(
            base.toString().replaceAll("/$", "")
                + "/api/v1/prescriptions/"
                + number
                + "/presence?ticket="
                + ticket.json().getString("ticket"));
    java.net.http.HttpResponse<java.util.stream.Stream<String>> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(stream)
                    .header("Accept", "text/event-stream")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    java.util.concurrent.BlockingQueue<String> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              response.body().forEach(lines::add);
              lines.add("<end of stream>");
            });
    reader.setDaemon(true);
    reader.start();
    String line;
    do {
      line = lines.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(line).as("the stream says hello").isNotNull();
    } while (!line.startsWith("event: hello") && !line.startsWith("event:hello"));

    long loggedOut = System.nanoTime();
    assertThat(adjoint.send("DELETE", "/sessions/current", Map.of(), null, null).status())
        .isIn(200, 204);
    java.util.List<String> after = new java.util.ArrayList<>();
    do {
      // generous: what proves "at once, not at the next heartbeat" is the `ended` event below
      // (the heartbeat drops a stream without it), not how long this machine took
      line = lines.poll(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(line).as("the stream ended after logout; got " + after).isNotNull();
      after.add(line);
    } while (!line.equals("<end of stream>"));
    long ms = (System.nanoTime() - loggedOut) / 1_000_000;
    System.out.printf("presence stream: ended %d ms after logout%n", ms);
    assertThat(after).anyMatch(l -> l.contains("ended"));
  }

  /** Through the client generated from the OpenAPI document, as an LGO calls it (issue 16 §2). */
  @Test
  void replaying_the_same_idempotency_key_returns_the_first_answer_and_records_nothing_twice()
      throws Exception {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 4)));
    LgoClient lgo = LgoClient.login(base, "titulaire");
    String lineId = lineId(lgo.prescriptions().consultPrescription(number, null), DOLIPRANE);
    String key = key();
    fr.officine.segur.lgo.model.DispensationRequest one = deliver(lineId, 1);

    fr.officine.segur.lgo.ApiResponse<fr.officine.segur.lgo.model.DispensationView> first =
        lgo.dispensations().recordDispensationWithHttpInfo(number, key, one);
    fr.officine.segur.lgo.ApiResponse<fr.officine.segur.lgo.model.DispensationView> replay =
        lgo.dispensations().recordDispensationWithHttpInfo(number, key, one);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getData().getDispensationId()).isEqualTo(first.getData().getDispensationId());
    assertThat(
            line(lgo.prescriptions().consultPrescription(number, null), lineId)
                .getDeliveredQuantity())
        .isEqualTo(1);

    fr.officine.segur.lgo.ApiException otherBody =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> lgo.dispensations().recordDispensation(number, key, deliver(lineId, 2)));
    assertThat(otherBody.getCode()).isEqualTo(422);
    assertThat(lgo.problem(otherBody).getCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

    // The generated client refuses to send without the key the document requires; by hand, the
    // server too.
    assertThatThrownBy(() -> lgo.dispensations().recordDispensation(number, null, one))
        .isInstanceOf(fr.officine.segur.lgo.ApiException.class)
        .hasMessageContaining("idempotencyKey");
    assertProblem(
        titulaire.dispense(number, null, Dispensations.body().deliver(lineId, 1).build()),
        400,
        "IDEMPOTENCY_KEY_REQUIRED");

    UUID id = UUID.fromString(first.getData().getDispensationId());
    assertThat(lgo.dispensations().getDispensation(id, null).getPrescriptionNumber())
        .isEqualTo(number);
    fr.officine.segur.lgo.ApiException elsewhere =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> LgoClient.login(base, "confrere").dispensations().getDispensation(id, null));
    assertThat(elsewhere.getCode())
        .as("another pharmacy's dispensation is not visible")
        .isEqualTo(404);
  }

  /** Through the generated client: the problem names the line at fault. */
  @Test
  void delivering_more_than_remains_is_refused_with_the_line_at_fault() throws Exception {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2)));
    LgoClient lgo = LgoClient.login(base, "titulaire");
    String lineId = lineId(lgo.prescriptions().consultPrescription(number, null), DOLIPRANE);

    fr.officine.segur.lgo.ApiException refused =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class,
            () -> lgo.dispensations().recordDispensation(number, key(), deliver(lineId, 3)));

    assertThat(refused.getCode()).isEqualTo(409);
    fr.officine.segur.lgo.model.Problem problem = lgo.problem(refused);
    assertThat(problem.getCode()).isEqualTo("OVER_DELIVERY");
    assertThat(problem.getLineId()).isEqualTo(lineId);
    assertThat(
            line(lgo.prescriptions().consultPrescription(number, null), lineId)
                .getDeliveredQuantity())
        .isZero();
  }

  @Test
  void a_prescription_not_started_within_three_months_is_expired() {
    String number =
        sandbox.createPrescription(
            LocalDate.now().minusMonths(4),
            List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    JsonObject prescription = ok(titulaire.consult(number));
    assertThat(prescription.getString("status")).isEqualTo("EXPIRED");

    Http.Reply reply =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliver(lineId(prescription, DOLIPRANE), 1).build());

    assertProblem(reply, 409, "PRESCRIPTION_EXPIRED");
  }

  @Test
  void unknown_and_malformed_numbers_get_their_own_problems() {
    assertProblem(titulaire.consult("ZZZZZZZZZZZZZZZZZ9"), 404, "PRESCRIPTION_NOT_FOUND");
    Http.Reply malformed = titulaire.consult("not-a-number");
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertProblem(titulaire.scanText("<script>alert(1)</script>"), 422, "SCAN_NOT_A_PRESCRIPTION");
  }

  @Test
  void two_counters_delivering_the_same_prescription_at_once_never_over_deliver() throws Exception {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));
    String lineId = lineId(ok(titulaire.consult(number)), DOLIPRANE);
    Counter adjoint = Counter.login(base, "adjoint");
    List<Integer> statuses =
        atOnce(
            List.of(titulaire, adjoint, confrere, titulaire, adjoint, confrere),
            counter ->
                counter.dispense(number, key(), Dispensations.body().deliver(lineId, 2).build()));
    assertThat(statuses).filteredOn(s -> s == 201).as(statuses.toString()).hasSize(1);
    assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
    assertThat(line(ok(titulaire.consult(number)), lineId).getInt("deliveredQuantity"))
        .isEqualTo(2);
  }

  @Test
  void
      six_counters_of_two_pharmacies_delivering_a_line_unknown_to_the_base_at_once_never_over_deliver()
          throws Exception {
    // The base cannot arbitrate this line (it refuses the product): the module must, for every
    // pharmacy it serves (they all read the same prescription, issue 11 §17).
    String number = sandbox.createPrescription(List.of(Line.lpp(LUBRICANT_LPP, LUBRICANT, 2)));
    String lppLine = lineId(ok(titulaire.consult(number)), LUBRICANT_LPP);
    Counter adjoint = Counter.login(base, "adjoint");
    List<Integer> statuses =
        atOnce(
            List.of(titulaire, confrere, adjoint, confrere, titulaire, confrere),
            counter ->
                counter.dispense(
                    number, key(), Dispensations.body().unknownProduct(lppLine, 1).build()));
    assertThat(statuses).filteredOn(s -> s == 201).as(statuses.toString()).hasSize(2);
    assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
    assertThat(line(ok(titulaire.consult(number)), lppLine).getInt("deliveredQuantity"))
        .isEqualTo(2);
  }

  /** Each counter makes its call at the same instant (one thread each); the statuses, in order. */
  private static List<Integer> atOnce(
      List<Counter> counters, java.util.function.Function<Counter, Http.Reply> call)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(counters.size());
    try {
      List<Future<Http.Reply>> replies = new ArrayList<>();
      for (Counter counter : counters) {
        Callable<Http.Reply> task =
            () -> {
              start.await();
              return call.apply(counter);
            };
        replies.add(pool.submit(task));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Http.Reply> reply : replies) {
        statuses.add(reply.get().status());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void substitution_not_delivered_reason_and_handwritten_lines_are_recorded_in_the_base() {
    String number =
        sandbox.createPrescription(
            List.of(
                Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2),
                new Line(AMOXICILLINE, "AMOXICILLINE 1 g cp B/6", 1, 0, false, false)));
    JsonObject prescription = ok(titulaire.consult(number));
    String paracetamol = lineId(prescription, DOLIPRANE);
    String amoxicilline = lineId(prescription, AMOXICILLINE);

    Http.Reply forbidden =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body()
                .substitute(amoxicilline, 1, "3400936404250", "AMOXICILLINE BIOGARAN 1 g")
                .build());
    assertProblem(forbidden, 409, "SUBSTITUTION_FORBIDDEN");

    Http.Reply recorded =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body()
                .substitute(paracetamol, 2, "3400930000007", "PARACETAMOL BIOGARAN 1 g cp B/8")
                .notDelivered(amoxicilline, "RUPTURE_STOCK")
                .handwritten("3400933989491", "SERUM PHYSIOLOGIQUE unidoses B/40", 1)
                .build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);

    JsonObject after = ok(confrere.consult(number));
    JsonObject substituted = line(after, paracetamol).getJsonArray("deliveries").getJsonObject(0);
    assertThat(substituted.getJsonObject("deliveredProduct").getString("code"))
        .isEqualTo("3400930000007");
    JsonObject refused = line(after, amoxicilline).getJsonArray("deliveries").getJsonObject(0);
    assertThat(refused.getString("notDeliveredReason")).isEqualTo("RUPTURE_STOCK");
    assertThat(line(after, amoxicilline).getInt("remainingQuantity")).isEqualTo(1);
    assertThat(after.getJsonArray("lines").getValuesAs(JsonObject.class))
        .anySatisfy(
            l -> {
              assertThat(l.getBoolean("handwritten")).isTrue();
              assertThat(l.getJsonObject("product").getString("label")).contains("SERUM");
            });
  }

  /**
   * Issue 10 §1: the base down (the sandbox's front answers 503 without SOAP), the request never
   * reached it: NOT_RECORDED at once, final (the same key gets the same answer), the dispensation
   * says so; a new request once the base is back delivers once.
   */
  @Test
  void
      when_the_base_is_down_the_dispensation_is_not_recorded_at_once_and_a_new_request_delivers_once() {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2)));
    String lineId = lineId(ok(titulaire.consult(number)), DOLIPRANE);
    String key = key();
    JsonObject body = Dispensations.body().deliver(lineId, 1).build();

    sandbox.fault("eprescription", "down", 0);
    Http.Reply whileDown = titulaire.dispense(number, key, body);
    assertProblem(whileDown, 503, "DISPENSATION_NOT_RECORDED");
    assertThat(whileDown.json().getString("title")).startsWith("Délivrance NON enregistrée");
    assertThat(whileDown.json().getString("dispensationStatus")).isEqualTo("NOT_RECORDED");
    String id = whileDown.json().getString("dispensationId");
    assertThat(whileDown.header("Location")).endsWith("/api/v1/dispensations/" + id);
    assertThat(ok(titulaire.dispensation(id)).getString("status")).isEqualTo("NOT_RECORDED");
    assertProblem(titulaire.consult(number), 503, "EPRESCRIPTION_UNAVAILABLE");

    sandbox.fault("eprescription", "up", 0);
    Http.Reply replay = titulaire.dispense(number, key, body);
    assertThat(replay.status()).as("final: the same key, the same answer").isEqualTo(503);
    assertThat(replay.json().getString("dispensationId")).isEqualTo(id);
    assertThat(line(ok(titulaire.consult(number)), lineId).getInt("deliveredQuantity")).isZero();
    Http.Reply retried = titulaire.dispense(number, key(), body);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    assertThat(line(ok(titulaire.consult(number)), lineId).getInt("deliveredQuantity"))
        .isEqualTo(1);
  }

  /**
   * Issue 10 §1: an answer lost after the base recorded it (sandbox mode lost-answer), and one lost
   * with the request (lost-request): both IN_DOUBT, in the pharmacy's list (not another
   * pharmacy's); the pharmacist checks (the base has the first, not the second), cannot cancel the
   * first (recorded), cancels the second; préparateur may not settle. Nothing delivered twice.
   */
  @Test
  void an_answer_lost_leaves_it_in_doubt_until_a_pharmacist_checks_or_cancels_it()
      throws Exception {
    // through the generated client: the 503 is read as the document's DispensationProblem
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));
    LgoClient lgo = LgoClient.login(base, "titulaire");
    String lineId = lineId(lgo.prescriptions().consultPrescription(number, null), DOLIPRANE);
    fr.officine.segur.lgo.model.DispensationRequest one = deliver(lineId, 1);
    fr.officine.segur.lgo.ApiException recordedLost;
    fr.officine.segur.lgo.ApiException neverRecorded;
    sandbox.fault("eprescription", "lost-answer", 0);
    try {
      recordedLost =
          assertThrows(
              fr.officine.segur.lgo.ApiException.class,
              () -> lgo.dispensations().recordDispensation(number, key(), one));
      sandbox.fault("eprescription", "lost-request", 0);
      neverRecorded =
          assertThrows(
              fr.officine.segur.lgo.ApiException.class,
              () -> lgo.dispensations().recordDispensation(number, key(), one));
    } finally {
      sandbox.fault("eprescription", "up", 0);
    }
    List<String> ids = new ArrayList<>();
    for (fr.officine.segur.lgo.ApiException lost : List.of(recordedLost, neverRecorded)) {
      assertThat(lost.getCode()).isEqualTo(503);
      fr.officine.segur.lgo.model.DispensationProblem problem =
          lgo.problem(lost, fr.officine.segur.lgo.model.DispensationProblem.class);
      assertThat(problem.getCode()).isEqualTo("DISPENSATION_IN_DOUBT");
      assertThat(problem.getDispensationStatus()).isEqualTo("IN_DOUBT");
      ids.add(problem.getDispensationId());
    }
    UUID recordedId = UUID.fromString(ids.get(0));
    UUID neverId = UUID.fromString(ids.get(1));
    assertThat(lgo.dispensations().getDispensation(recordedId, null).getStatus())
        .isEqualTo("IN_DOUBT");

    LgoClient adjoint = LgoClient.login(base, "adjoint");
    assertThat(inDoubtIds(adjoint)).contains(ids.get(0), ids.get(1));
    assertThat(inDoubtIds(LgoClient.login(base, "confrere")))
        .doesNotContain(ids.get(0), ids.get(1));

    assertThat(settle(lgo, neverId, "CHECK").getStatus())
        .as("the base does not have it: still in doubt")
        .isEqualTo("IN_DOUBT");
    LgoClient preparateur = LgoClient.login(base, "preparateur");
    fr.officine.segur.lgo.ApiException forbidden =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class, () -> settle(preparateur, neverId, "CANCEL"));
    assertThat(forbidden.getCode()).isEqualTo(403);
    assertThat(preparateur.problem(forbidden).getCode()).isEqualTo("FORBIDDEN");
    fr.officine.segur.lgo.model.DispensationView cancelled = settle(lgo, neverId, "CANCEL");
    assertThat(cancelled.getStatus()).isEqualTo("NOT_RECORDED");
    assertThat(cancelled.getSettledBy()).isEqualTo("Claire MARTIN");
    assertThat(cancelled.getSettledAt()).isNotNull();
    assertThat(settle(lgo, neverId, "CANCEL").getStatus())
        .as("idempotent")
        .isEqualTo("NOT_RECORDED");

    fr.officine.segur.lgo.ApiException recordedByBase =
        assertThrows(
            fr.officine.segur.lgo.ApiException.class, () -> settle(adjoint, recordedId, "CANCEL"));
    assertThat(recordedByBase.getCode()).isEqualTo(409);
    assertThat(adjoint.problem(recordedByBase).getCode())
        .isEqualTo("DISPENSATION_RECORDED_BY_BASE");
    fr.officine.segur.lgo.model.DispensationView recorded =
        lgo.dispensations().getDispensation(recordedId, null);
    assertThat(recorded.getStatus()).isEqualTo("RECORDED");
    assertThat(recorded.getSettledBy()).isEqualTo("Julien DUBOIS");
    assertThat(inDoubtIds(adjoint)).doesNotContain(ids.get(0), ids.get(1));
    assertThat(
            line(lgo.prescriptions().consultPrescription(number, null), lineId)
                .getDeliveredQuantity())
        .as("delivered once")
        .isEqualTo(1);
  }

  private static fr.officine.segur.lgo.model.DispensationView settle(
      LgoClient lgo, UUID id, String action) throws fr.officine.segur.lgo.ApiException {
    return lgo.dispensations()
        .settleDispensation(
            id,
            new fr.officine.segur.lgo.model.SettlementRequest()
                .action(
                    fr.officine.segur.lgo.model.SettlementRequest.ActionEnum.fromValue(action)));
  }

  /**
   * Every page of the pharmacy's in-doubt dispensations (the list pages by its Link rel="next").
   */
  private static List<String> inDoubtIds(LgoClient lgo) throws fr.officine.segur.lgo.ApiException {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      fr.officine.segur.lgo.ApiResponse<List<fr.officine.segur.lgo.model.DispensationView>> page =
          lgo.dispensations().listDispensationsByStatusWithHttpInfo("IN_DOUBT", null, cursor, null);
      page.getData().forEach(d -> ids.add(d.getDispensationId()));
      cursor = LgoClient.nextCursor(page).orElse(null);
    } while (cursor != null);
    return ids;
  }

  /** A dispensation request of one line, as the generated client builds it. */
  private static fr.officine.segur.lgo.model.DispensationRequest deliver(
      String lineId, int quantity) {
    return new fr.officine.segur.lgo.model.DispensationRequest()
        .addLinesItem(
            new fr.officine.segur.lgo.model.LineRequest().lineId(lineId).quantity(quantity));
  }

  private static String lineId(
      fr.officine.segur.lgo.model.PrescriptionView prescription, String cip13) {
    return prescription.getLines().stream()
        .filter(l -> cip13.equals(l.getProduct().getCode()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + cip13))
        .getLineId();
  }

  private static fr.officine.segur.lgo.model.LineView line(
      fr.officine.segur.lgo.model.PrescriptionView prescription, String lineId) {
    return prescription.getLines().stream()
        .filter(l -> lineId.equals(l.getLineId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + lineId));
  }

  @Test
  void every_call_needs_an_authenticated_professional() {
    Http.Reply anonymous =
        new Http()
            .send(
                "GET",
                java.net.URI.create(base + "api/v1/prescriptions/01S2TBPZ2JCNZZYGHZ"),
                Map.of(),
                null,
                null);
    assertProblem(anonymous, 401, "UNAUTHENTICATED");
    Http.Reply forged =
        new Http()
            .send(
                "GET",
                java.net.URI.create(base + "api/v1/prescriptions/01S2TBPZ2JCNZZYGHZ"),
                Map.of("Authorization", "Bearer " + UUID.randomUUID()),
                null,
                null);
    assertProblem(forged, 401, "UNAUTHENTICATED");
    Http.Reply wrongPassword = Counter.openSession(base + "api/v1", "titulaire", "nope");
    assertProblem(wrongPassword, 401, "BAD_CREDENTIALS");
  }

  @Test
  void the_sandbox_qr_code_is_read_from_damaged_pictures() {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    BufferedImage qr = Pictures.read(sandbox.qrPng(number));
    Map<String, byte[]> pictures = new LinkedHashMap<>();
    pictures.put("as printed", Pictures.png(qr));
    pictures.put("rotated 90", Pictures.png(Pictures.rotate(qr, 90)));
    pictures.put("tilted 17", Pictures.png(Pictures.rotate(qr, 17)));
    pictures.put("scaled down to 120 px", Pictures.png(Pictures.scale(qr, 120)));
    pictures.put("blurred", Pictures.png(Pictures.blur(qr, 2)));
    pictures.put("noisy", Pictures.png(Pictures.noise(qr, 60, 7)));
    pictures.put("jpeg quality 30", Pictures.jpeg(qr, 0.3f));
    pictures.put(
        "small on a scanned page",
        Pictures.jpeg(Pictures.onPage(Pictures.scale(qr, 160), 1240, 1754), 0.5f));

    pictures.forEach(
        (what, image) -> {
          String type = image[0] == (byte) 0x89 ? "image/png" : "image/jpeg";
          Http.Reply reply = titulaire.scanImage(image, type);
          assertThat(reply.status()).as(what + ": " + reply).isEqualTo(200);
          assertThat(reply.json().getString("prescriptionNumber")).as(what).isEqualTo(number);
        });
  }

  @Test
  void hostile_pictures_are_refused_with_a_clear_problem() {
    assertProblem(
        titulaire.scanImage(Pictures.decompressionBomb(20_000, 20_000), "image/png"),
        413,
        "IMAGE_TOO_LARGE");
    assertProblem(
        titulaire.scanImage("not an image".getBytes(StandardCharsets.UTF_8), "image/png"),
        422,
        "SCAN_UNREADABLE");
    BufferedImage blank = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    assertProblem(titulaire.scanImage(Pictures.png(blank), "image/png"), 422, "SCAN_UNREADABLE");
  }

  @Test
  void a_douchette_typing_on_an_azerty_layout_still_gives_the_number() {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    Http.Reply reply = titulaire.scanText(Azerty.typedByQwertyScanner(number) + "\n");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getString("prescriptionNumber")).isEqualTo(number);
  }

  // ---------------------------------------------------------------- platform (was CoreSmokeIT)

  final Http http = new Http();

  String api() {
    return base.toString().replaceAll("/$", "") + "/api/v1";
  }

  @Test
  void a_seeded_account_opens_a_session_whose_token_opens_the_api_until_logout() {
    Http.Reply opened = Counter.openSession(api(), "preparateur", "preparateur");
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    JsonObject session = opened.json();
    assertThat(session.getString("token")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(session.getJsonObject("professional").getString("role")).isEqualTo("PREPARATEUR");
    assertThat(session.getJsonObject("pharmacy").getString("finess")).isEqualTo("690100011");
    String bearer = "Bearer " + session.getString("token");

    Http.Reply me = get("/sessions/current", Map.of("Authorization", bearer));
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().getJsonObject("professional").getString("lastName")).isEqualTo("LEROY");

    Http.Reply out =
        http.send(
            "DELETE",
            URI.create(api() + "/sessions/current"),
            Map.of("Authorization", bearer),
            null,
            null);
    assertThat(out.status()).isEqualTo(204);
    assertCatalogueProblem(
        get("/sessions/current", Map.of("Authorization", bearer)), 401, "UNAUTHENTICATED");
  }

  @Test
  void without_a_token_every_call_is_401_with_the_bearer_challenge() {
    Http.Reply anonymous = get("/prescriptions/01S2TBPZ2JCNZZYGHZ", Map.of());
    assertCatalogueProblem(anonymous, 401, "UNAUTHENTICATED");
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    assertCatalogueProblem(
        get("/dispensations/" + UUID.randomUUID(), Map.of()), 401, "UNAUTHENTICATED");
    assertCatalogueProblem(
        Counter.openSession(api(), "titulaire", "wrong"), 401, "BAD_CREDENTIALS");
    assertCatalogueProblem(Counter.openSession(api(), "nobody", "nobody"), 401, "BAD_CREDENTIALS");
  }

  @Test
  void every_error_is_a_problem_of_the_catalogue() {
    Counter titulaire = Counter.login(base, "titulaire");
    assertCatalogueProblem(
        http.send(
            "POST",
            URI.create(api() + "/sessions"),
            Map.of(),
            "application/json",
            "{\"login\": ".getBytes(StandardCharsets.UTF_8)),
        400,
        "MALFORMED_REQUEST");
    assertCatalogueProblem(
        titulaire.send("GET", "/no-such-thing", Map.of(), null, null), 404, "NOT_FOUND");
    assertCatalogueProblem(
        titulaire.send("PUT", "/sessions", Map.of(), "application/json", new byte[] {'{', '}'}),
        405,
        "METHOD_NOT_ALLOWED");
    assertCatalogueProblem(titulaire.consult("01S2TBPZ2JCNZZYGH"), 422, "INVALID_IDENTIFIER");
    assertCatalogueProblem(
        titulaire.dispense(
            "01S2TBPZ2JCNZZYGHZ", null, Dispensations.body().deliver("L1", 1).build()),
        400,
        "IDEMPOTENCY_KEY_REQUIRED");
    assertCatalogueProblem(
        titulaire.dispense(
            "01S2TBPZ2JCNZZYGHZ", "k-" + UUID.randomUUID(), Dispensations.body().build()),
        400,
        "MALFORMED_REQUEST");
    assertCatalogueProblem(
        titulaire.dispensation(UUID.randomUUID().toString()), 404, "DISPENSATION_NOT_FOUND");
  }

  @Test
  void a_prescription_is_consulted_and_partly_dispensed_through_the_module(SandboxAdmin sandbox) {
    sandbox.fault("eprescription", "up", 0);
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 3)));

    Http.Reply consulted = titulaire.consult(number);
    assertThat(consulted.status()).as(consulted.toString()).isEqualTo(200);
    assertThat(consulted.json().getString("status")).isEqualTo("OPEN");
    String lineId = consulted.json().getJsonArray("lines").getJsonObject(0).getString("lineId");

    Http.Reply recorded =
        titulaire.dispense(
            number, UUID.randomUUID().toString(), Dispensations.body().deliver(lineId, 1).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonObject dispensation = recorded.json();
    assertThat(dispensation.getString("status")).isEqualTo("RECORDED");
    assertThat(dispensation.getString("prescriptionStatus")).isEqualTo("PARTIAL");
    assertThat(dispensation.getJsonArray("lines").getJsonObject(0).getString("completenessCode"))
        .isEqualTo("FFP");
    assertThat(dispensation.getJsonArray("lines").getJsonObject(0).getInt("remainingQuantity"))
        .isEqualTo(2);
    JsonObject send = dispensation.getJsonArray("sends").getJsonObject(0);
    assertThat(send.getString("target")).isEqualTo("EPRESCRIPTION");
    assertThat(send.getString("state")).isEqualTo("SENT");
    assertThat(recorded.header("Location"))
        .endsWith("/api/v1/dispensations/" + dispensation.getString("dispensationId"));

    Http.Reply again = titulaire.dispensation(dispensation.getString("dispensationId"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("status")).isEqualTo("RECORDED");

    JsonObject after = titulaire.consult(number).json();
    assertThat(after.getString("status")).isEqualTo("PARTIAL");
    JsonObject line = after.getJsonArray("lines").getJsonObject(0);
    assertThat(line.getInt("remainingQuantity")).isEqualTo(2);
    assertThat(line.getJsonArray("deliveries").getJsonObject(0).getBoolean("ownPharmacy")).isTrue();
  }

  @Test
  void when_the_base_is_down_the_module_says_so_with_a_503_problem(SandboxAdmin sandbox) {
    Counter titulaire = Counter.login(base, "titulaire");
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    sandbox.fault("eprescription", "down", 0);
    try {
      assertCatalogueProblem(titulaire.consult(number), 503, "EPRESCRIPTION_UNAVAILABLE");
    } finally {
      sandbox.fault("eprescription", "up", 0);
    }
    assertThat(titulaire.consult(number).status()).isEqualTo(200);
  }

  Http.Reply get(String path, Map<String, String> headers) {
    return http.send("GET", URI.create(api() + path), headers, null, null);
  }

  /**
   * The module's https port answers with the certificate generated for it, and only that one is
   * trusted here.
   */
  @Test
  void the_module_api_answers_over_https_with_its_generated_certificate() throws Exception {
    Http https = new Http(trustingOnlyTheModulesCertificate());
    String path = base.getPath().replaceAll("/$", "") + "/api/v1";
    int port = Integer.getInteger("module.tls.port");

    Http.Reply opened =
        https.send(
            "POST",
            URI.create("https://localhost:" + port + path + "/sessions"),
            Map.of(),
            "application/json",
            "{\"login\":\"titulaire\",\"password\":\"titulaire\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    String bearer = "Bearer " + opened.json().getString("token");
    // the certificate names 127.0.0.1 too (hostname verification stays on)
    Http.Reply me =
        https.send(
            "GET",
            URI.create("https://127.0.0.1:" + port + path + "/sessions/current"),
            Map.of("Authorization", bearer),
            null,
            null);
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().getJsonObject("professional").getString("lastName")).isEqualTo("MARTIN");
    // a client with the JDK's default trust store does not know this self-made certificate
    assertThatThrownBy(
            () ->
                http.send(
                    "GET",
                    URI.create("https://localhost:" + port + path + "/sessions/current"),
                    Map.of(),
                    null,
                    null))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(SSLHandshakeException.class);
  }

  /**
   * A pharmacy whose installed organisation certificate is revoked (in the sandbox's CRL) or
   * expired gets a French problem at consult, well before the read timeout: the sandbox refuses the
   * handshake, the module tells why, and the base's light at the counter turns red with that reason
   * (nothing can be called with that certificate). Its issued certificate back, the consult works
   * again and the light is green.
   */
  @Test
  void a_revoked_or_expired_organisation_certificate_is_a_french_problem_at_consult_not_a_wait(
      InstalledCertificates certificates) {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
    try {
      certificates.installInstead("690100029", "revoked.p12");
      Http.Reply revoked = confrere.consult(number);
      assertCatalogueProblem(revoked, 502, "ORGANISATION_CERTIFICATE_INVALID");
      assertThat(revoked.json().getString("title"))
          .startsWith("Certificat de l'organisation refusé");
      assertThat(revoked.json().getString("detail"))
          .contains("a refusé le certificat de l'organisation");
      // not a wait: a read timeout would be 503 EPRESCRIPTION_UNAVAILABLE, not this 502 (no
      // elapsed-time bound, a loaded machine may be slow to hand-shake)
      assertBaseLightRedForTheCertificate(number, "a refusé le certificat de l'organisation");

      certificates.installInstead("690100029", "expired.p12");
      Http.Reply expired = confrere.consult(number);
      assertCatalogueProblem(expired, 502, "ORGANISATION_CERTIFICATE_INVALID");
      assertThat(expired.json().getString("detail"))
          .contains("pharmacy-690100029.p12", "n'est valide que du");
      assertBaseLightRedForTheCertificate(number, "n'est valide que du");
    } finally {
      certificates.restore("690100029");
    }
    Http.Reply again = confrere.consult(number);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    // green again (amber if that consult was slow under load): no longer down
    assertThat(baseLight().getString("state")).isIn("UP", "DEGRADED");
  }

  /**
   * The base's light right after a consult refused for the confrère's certificate. The background
   * probe (every 30 s, with the first installed pharmacy's valid certificate) may land in between
   * and turn it green: then one more consult, at most twice.
   */
  private void assertBaseLightRedForTheCertificate(String number, String detail) {
    JsonObject light = baseLight();
    for (int i = 0; i < 2 && !"DOWN".equals(light.getString("state")); i++) {
      confrere.consult(number);
      light = baseLight();
    }
    assertThat(light.getString("state")).as(light.toString()).isEqualTo("DOWN");
    assertThat(light.getString("lastFailureReason"))
        .startsWith("Certificat de la pharmacie refusé ou absent : ")
        .contains(detail);
  }

  private JsonObject baseLight() {
    Http.Reply reply = confrere.send("GET", "/health/services", Map.of(), null, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("services").getValuesAs(JsonObject.class).stream()
        .filter(s -> "EPRESCRIPTION".equals(s.getString("service")))
        .findFirst()
        .orElseThrow();
  }

  static SSLContext trustingOnlyTheModulesCertificate() throws Exception {
    char[] password = System.getProperty("module.tls.password").toCharArray();
    KeyStore keystore = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(Path.of(System.getProperty("module.tls.keystore")))) {
      keystore.load(in, password);
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("module", keystore.getCertificate("module-tls"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** A problem of the catalogue, with the request's path as its instance. */
  static void assertCatalogueProblem(Http.Reply reply, int status, String code) {
    assertProblem(reply, status, code);
    assertThat(reply.json().getString("instance")).contains("/api/v1/");
  }

  // --- the box's GS1 DataMatrix scanned into the same field (issue 15 §2)

  static final String KARDEGIC = "3400933216146";

  /**
   * TCHITCHI CATARINA: active DP (sandbox DpSeeds), which carries the KARDEGIC lot K75-2409 recall.
   */
  static final String TCHITCHI = "236066322083656";

  @Test
  void a_box_datamatrix_is_recognised_as_douchette_text_azerty_or_not_and_as_a_picture() {
    LocalDate expiry = LocalDate.now().plusYears(1);
    String code = BoxCodes.elementString(DOLIPRANE, expiry, "D1000X9", "SN0042AB");

    for (Http.Reply reply :
        List.of(
            titulaire.scanText("]d2" + code + "\r\n"),
            // a US-QWERTY douchette on the counter's AZERTY keyboard: digits come as &é"'(-è_çà
            titulaire.scanText(Azerty.typedByQwertyScanner(code)),
            titulaire.scanText(code.replace(BoxCodes.GS, "<GS>")),
            titulaire.scanImage(Pictures.png(BoxCodes.dataMatrix(code, 6)), "image/png"),
            titulaire.scanImage(
                Pictures.jpeg(Pictures.rotate(BoxCodes.dataMatrix(code, 8), 90), 0.6f),
                "image/jpeg"))) {
      JsonObject box = ok(reply);
      assertThat(box.getString("kind")).as(reply.toString()).isEqualTo("MEDICINE_BOX");
      assertThat(box.getString("cip13")).isEqualTo(DOLIPRANE);
      assertThat(box.getString("expiry")).isEqualTo(expiry.toString());
      assertThat(box.getString("lot")).isEqualTo("D1000X9");
      assertThat(box.getString("serial")).isEqualTo("SN0042AB");
      assertThat(box.containsKey("prescriptionNumber")).isFalse();
    }
    // Day 00 of GS1 is the month's last day.
    assertThat(ok(titulaire.scanText("01" + "0" + DOLIPRANE + "17270200")).getString("expiry"))
        .isEqualTo("2027-02-28");
    // The prescription's answer is unchanged: no box field.
    JsonObject prescription = ok(titulaire.scanText("01S2TBPZ2JCNZZYGHZ"));
    assertThat(prescription.keySet()).containsExactlyInAnyOrder("kind", "prescriptionNumber");
  }

  @Test
  void hostile_or_broken_box_codes_get_a_french_refusal_saying_what_is_wrong() {
    String gtin = "0" + DOLIPRANE;
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0103400935955839" + "17270531", "clé de contrôle GTIN fausse");
    codes.put("01" + gtin + "17271340", "date impossible");
    codes.put("01" + gtin + "10" + "L".repeat(25), "20 au plus");
    codes.put("01" + gtin + "10L\u00071", "Caractère de contrôle");
    codes.put("01" + gtin + "99SECRET", "inconnu");
    codes.put("01" + gtin + "10" + "A".repeat(10 * 1024), "moins de 100 caractères");
    for (Map.Entry<String, String> c : codes.entrySet()) {
      Http.Reply reply = titulaire.scanText(c.getKey());
      assertProblem(reply, 422, "BOX_CODE_INVALID");
      assertThat(reply.json().getString("title"))
          .startsWith("Code DataMatrix de la boîte invalide");
      assertThat(reply.json().getString("detail")).contains(c.getValue());
    }
  }

  @Test
  void
      the_box_lot_and_expiry_are_recorded_with_the_line_an_expired_box_and_a_recalled_lot_refused() {
    String number =
        sandbox.createPrescription(
            TCHITCHI,
            LocalDate.now(),
            List.of(Line.of(KARDEGIC, "KARDEGIC 75 mg pdre sol buv sach B/30", 3)));
    JsonObject prescription = ok(titulaire.consult(number));
    String line = lineId(prescription, KARDEGIC);
    assertThat(prescription.getJsonObject("dp").getJsonArray("alerts").toString())
        .as("the DP's recall reached the module with the consultation")
        .contains("K75-2409");

    Http.Reply recalled =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliverBox(line, 1, "K75-2409", "2027-05-31", "SN1").build());
    assertProblem(recalled, 409, "BOX_LOT_RECALLED");
    assertThat(recalled.json().getString("lineId")).isEqualTo(line);
    assertThat(recalled.json().getString("detail")).contains("Rappel du lot K75-2409");

    String yesterday = LocalDate.now(java.time.ZoneId.of("Europe/Paris")).minusDays(1).toString();
    Http.Reply expired =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body().deliverBox(line, 1, "K75-2501", yesterday, "SN2").build());
    assertProblem(expired, 422, "BOX_EXPIRED");
    assertThat(ok(titulaire.consult(number)).toString())
        .as("nothing delivered")
        .doesNotContain("\"deliveredQuantity\":1");

    String expiry = LocalDate.now().plusMonths(10).toString();
    // another lot of the recalled product: delivered once the pharmacist has read the recall on the
    // line (issue 10 §3: a recall blocks the line until acknowledged, whatever the box's lot)
    Http.Reply recorded =
        titulaire.dispense(
            number,
            key(),
            Dispensations.body()
                .deliverBox(line, 1, "K75-2501", expiry, "SN3")
                .acknowledge(line, "LOT_RECALL")
                .build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonObject stored =
        ok(titulaire.dispensation(recorded.json().getString("dispensationId")))
            .getJsonArray("lines")
            .getJsonObject(0);
    assertThat(stored.getString("lot")).isEqualTo("K75-2501");
    assertThat(stored.getString("expiry")).isEqualTo(expiry);
    assertThat(stored.getString("serial")).isEqualTo("SN3");
  }

  /**
   * The LGO's event feed (issue 15 §1): each change is an event of its pharmacy, the same in the
   * JSON page and in the server-sent stream (same ids, types, data); a stream resumed with
   * Last-Event-ID goes on after that id, nothing repeated; events arrive live; another pharmacy's
   * feed has none of them.
   */
  @Test
  void the_lgo_follows_the_pharmacy_event_feed_as_a_page_and_as_a_resumable_stream()
      throws Exception {
    long start = lastEventId(titulaire);
    long confrereStart = lastEventId(confrere);
    Delivered delivered = oneDolipraneDelivered(2);
    String number = delivered.number();
    String line = delivered.lineId();
    String recordedId = delivered.reply().json().getString("dispensationId");
    Http.Reply refused =
        titulaire.dispense(number, key(), Dispensations.body().deliver(line, 5).build());
    assertProblem(refused, 409, "OVER_DELIVERY");

    // the JSON page: both changes, in order, with the ids and codes an LGO switches on
    List<JsonObject> page =
        ok(titulaire.send("GET", "/events?after=" + start + "&limit=500", Map.of(), null, null))
            .getJsonArray("events")
            .getValuesAs(JsonObject.class);
    JsonObject recordedEvent = eventOf(page, "DISPENSATION_RECORDED", number);
    JsonObject refusedEvent = eventOf(page, "DISPENSATION_REFUSED", number);
    assertThat(recordedEvent.getJsonObject("data").getString("dispensationId"))
        .isEqualTo(recordedId);
    assertThat(recordedEvent.getJsonObject("data").getString("status")).isEqualTo("RECORDED");
    assertThat(refusedEvent.getJsonObject("data").getString("code")).isEqualTo("OVER_DELIVERY");
    assertThat(refusedEvent.getJsonNumber("id").longValue())
        .isGreaterThan(recordedEvent.getJsonNumber("id").longValue());
    assertThat(recordedEvent.getString("at")).isNotBlank();

    // the stream from the same position: the same two events, same ids
    long recordedEventId = recordedEvent.getJsonNumber("id").longValue();
    long refusedEventId = refusedEvent.getJsonNumber("id").longValue();
    try (EventFeed feed = EventFeed.open(base, titulaire, start)) {
      List<EventFeed.Event> read =
          feed.until(e -> e.id() == refusedEventId, Duration.ofSeconds(60));
      assertThat(read).extracting(EventFeed.Event::id).doesNotHaveDuplicates().isSorted();
      EventFeed.Event first =
          read.stream().filter(e -> e.id() == recordedEventId).findFirst().orElseThrow();
      assertThat(first.type()).isEqualTo("DISPENSATION_RECORDED");
      assertThat(first.data()).isEqualTo(recordedEvent.getJsonObject("data"));
      assertThat(read.get(read.size() - 1).type()).isEqualTo("DISPENSATION_REFUSED");
    }
    // resumed after the first: the second comes, the first never again; then one made live
    try (EventFeed resumed = EventFeed.open(base, titulaire, recordedEventId)) {
      EventFeed.Event next = resumed.await(e -> true, Duration.ofSeconds(60));
      assertThat(next.id()).isGreaterThan(recordedEventId);
      List<EventFeed.Event> upToRefused =
          next.id() == refusedEventId
              ? List.of(next)
              : resumed.until(e -> e.id() == refusedEventId, Duration.ofSeconds(60));
      assertThat(upToRefused).extracting(EventFeed.Event::id).doesNotContain(recordedEventId);
      Http.Reply again =
          titulaire.dispense(number, key(), Dispensations.body().deliver(line, 1).build());
      assertThat(again.status()).as(again.toString()).isEqualTo(201);
      EventFeed.Event live =
          resumed.await(
              e ->
                  again
                      .json()
                      .getString("dispensationId")
                      .equals(e.data().getString("dispensationId", "")),
              Duration.ofSeconds(60));
      assertThat(live.type()).isEqualTo("DISPENSATION_RECORDED");
      assertThat(live.data().getString("prescriptionNumber")).isEqualTo(number);
    }

    // another pharmacy: none of it, in its page or its stream (its own next event comes first)
    try (EventFeed other = EventFeed.open(base, confrere, confrereStart)) {
      String theirs =
          sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 1)));
      Http.Reply own =
          confrere.dispense(
              theirs,
              key(),
              Dispensations.body()
                  .deliver(lineId(ok(confrere.consult(theirs)), DOLIPRANE), 1)
                  .build());
      assertThat(own.status()).as(own.toString()).isEqualTo(201);
      List<EventFeed.Event> seen =
          other.until(
              e ->
                  own.json()
                      .getString("dispensationId")
                      .equals(e.data().getString("dispensationId", "")),
              Duration.ofSeconds(60));
      assertThat(seen)
          .extracting(e -> e.data().getString("prescriptionNumber", ""))
          .doesNotContain(number);
    }
    assertThat(
            ok(confrere.send(
                    "GET", "/events?after=" + confrereStart + "&limit=500", Map.of(), null, null))
                .getJsonArray("events")
                .getValuesAs(JsonObject.class))
        .extracting(e -> e.getJsonObject("data").getString("prescriptionNumber", ""))
        .doesNotContain(number);

    // authenticated, and a resume position is a number
    assertThat(http.send("GET", URI.create(api() + "/events"), Map.of(), null, null).status())
        .isEqualTo(401);
    assertProblem(
        titulaire.send("GET", "/events?after=x", Map.of(), null, null), 400, "MALFORMED_REQUEST");
  }

  /** The last id of the pharmacy's feed, read page after page as a batch reader does. */
  /** A new prescription of {@code boxes} DOLIPRANE, one box of it recorded by the titulaire. */
  Delivered oneDolipraneDelivered(int boxes) {
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", boxes)));
    String line = lineId(ok(titulaire.consult(number)), DOLIPRANE);
    Http.Reply recorded =
        titulaire.dispense(number, key(), Dispensations.body().deliver(line, 1).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    return new Delivered(number, line, recorded);
  }

  record Delivered(String number, String lineId, Http.Reply reply) {}

  static long lastEventId(Counter counter) {
    long last = 0;
    while (true) {
      List<JsonObject> page =
          ok(counter.send("GET", "/events?after=" + last + "&limit=500", Map.of(), null, null))
              .getJsonArray("events")
              .getValuesAs(JsonObject.class);
      if (page.isEmpty()) {
        return last;
      }
      last = page.get(page.size() - 1).getJsonNumber("id").longValue();
    }
  }

  static JsonObject eventOf(List<JsonObject> events, String type, String number) {
    return events.stream()
        .filter(
            e ->
                type.equals(e.getString("type"))
                    && number.equals(e.getJsonObject("data").getString("prescriptionNumber", "")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " for " + number + " in " + events));
  }

  /**
   * Supervision (issue 16 §3): {@code /health/ready} says what this node sees of the database, the
   * outbox and each national service (the e-prescription base down is named, with its reason; the
   * node stays ready: every node shares the base, and the page must still say « base indisponible
   * »); {@code /metrics?scope=application} counts the dispensation just recorded and the calls
   * made.
   */
  @Test
  void
      supervision_reads_a_national_service_down_in_readiness_and_counts_a_dispensation_in_the_metrics() {
    String root = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    String number =
        sandbox.createPrescription(List.of(Line.of(DOLIPRANE, "DOLIPRANE 1000 mg cp B/8", 2)));
    sandbox.fault("eprescription", "down", 0);
    try {
      assertThat(titulaire.consult(number).status()).isEqualTo(503);
      Http.Reply ready = http.send("GET", URI.create(root + "/health/ready"), Map.of(), null, null);
      assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
      JsonObject services = check(ready.json(), "national-services");
      assertThat(services.getString("status")).isEqualTo("UP");
      assertThat(services.getJsonObject("data").getString("EPRESCRIPTION")).isEqualTo("DOWN");
      assertThat(services.getJsonObject("data").getString("EPRESCRIPTION.reason")).isNotBlank();
      assertThat(check(ready.json(), "database").getString("status")).isEqualTo("UP");
      JsonObject outbox = check(ready.json(), "outbox").getJsonObject("data");
      assertThat(outbox.keySet())
          .contains(
              "DMP.waiting", "DMP.oldestWaitingSeconds", "DP.waiting", "DP.oldestWaitingSeconds");
    } finally {
      sandbox.fault("eprescription", "up", 0);
    }
    Http.Reply live = http.send("GET", URI.create(root + "/health/live"), Map.of(), null, null);
    assertThat(live.status()).as(live.toString()).isEqualTo(200);
    // Payara writes every datum of a check as a JSON string
    assertThat(check(live.json(), "jvm").getJsonObject("data").get("deadlockedThreads").toString())
        .isIn("0", "\"0\"");

    double recordedBefore = metric(root, "segur_dispensations", "status=\"RECORDED\"");
    // a series exists from its first observation: none yet is 0
    double baseCallsBefore =
        metricSeries(
                root,
                "segur_national_service_calls_seconds_count",
                "service=\"EPRESCRIPTION\"",
                "outcome=\"answered\"")
            .orElse(0);
    JsonObject rx = ok(titulaire.consult(number));
    Http.Reply recorded =
        titulaire.dispense(
            number, key(), Dispensations.body().deliver(lineId(rx, DOLIPRANE), 1).build());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    assertThat(metric(root, "segur_dispensations", "status=\"RECORDED\""))
        .isEqualTo(recordedBefore + 1);
    assertThat(
            metric(
                root,
                "segur_national_service_calls_seconds_count",
                "service=\"EPRESCRIPTION\"",
                "outcome=\"answered\""))
        .as("the consult and the execution, at least")
        .isGreaterThanOrEqualTo(baseCallsBefore + 2);
    assertThat(metric(root, "segur_national_service_up", "service=\"EPRESCRIPTION\"")).isEqualTo(1);
    assertThat(metric(root, "segur_outbox_oldest_waiting_seconds", "target=\"DMP\""))
        .isGreaterThanOrEqualTo(0);
  }

  static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> name.equals(c.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }

  /**
   * One series of the Prometheus text at /metrics?scope=application (MicroProfile Metrics 5.1, the
   * version Payara 6 serves: the scope is a query parameter; Metrics 4's /metrics/application is
   * gone): the line naming every label given.
   */
  double metric(String root, String name, String... labels) {
    return metricSeries(root, name, labels)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + name + " " + List.of(labels) + " in:\n" + metricsText(root)));
  }

  java.util.OptionalDouble metricSeries(String root, String name, String... labels) {
    return metricsText(root)
        .lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  String metricsText(String root) {
    Http.Reply r =
        http.send(
            "GET",
            URI.create(root + "/metrics?scope=application"),
            Map.of("Accept", "text/plain"),
            null,
            null);
    assertThat(r.status()).as("/metrics?scope=application answers").isEqualTo(200);
    return r.text();
  }

  static JsonObject ok(Http.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  static void assertProblem(Http.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.problemCode()).isEqualTo(code);
    assertThat(reply.json().getString("title")).isNotBlank();
  }

  static String lineId(JsonObject prescription, String cip13) {
    return prescription.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
        .filter(l -> cip13.equals(l.getJsonObject("product").getString("code", "")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + cip13 + " in " + prescription))
        .getString("lineId");
  }

  static JsonObject line(JsonObject prescription, String lineId) {
    return prescription.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
        .filter(l -> lineId.equals(l.getString("lineId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + lineId + " in " + prescription));
  }

  static String key() {
    return UUID.randomUUID().toString();
  }
}
