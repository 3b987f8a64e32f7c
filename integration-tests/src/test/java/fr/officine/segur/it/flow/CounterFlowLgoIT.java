package fr.officine.segur.it.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.officine.segur.it.support.Counter;
import fr.officine.segur.it.support.Dispensations;
import fr.officine.segur.it.support.EventFeed;
import fr.officine.segur.it.support.Http;
import fr.officine.segur.it.support.LgoClient;
import fr.officine.segur.it.support.PreviousModuleGone;
import fr.officine.segur.it.support.SandboxAdmin.Line;
import fr.officine.segur.it.support.SandboxExtension;
import fr.officine.segur.scan.QrPictures;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counter flow end to end (issue 2) as an LGO and supervision read it: the client generated
 * from the OpenAPI document and the MicroProfile Rest Client of api/ run the flow unpatched (issue
 * 16 §2); the pharmacy's event feed as pages and as a resumable stream (issue 15 §1); every list
 * that grows paged by its next links (issue 16 §4); the presence stream ended at logout; readiness
 * and metrics (issue 16 §3).
 */
@ExtendWith({SandboxExtension.class, PreviousModuleGone.class, ArquillianExtension.class})
@RunAsClient
class CounterFlowLgoIT extends CounterFlowFixtures {
  @Deployment(testable = false)
  static WebArchive module() {
    return recoveryLaterModule();
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
    assertThat(
            api.scanJpeg(auth, QrPictures.jpeg(QrPictures.read(png), 0.9f).bytes())
                .prescriptionNumber())
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

  /** The last id of the pharmacy's feed, read page after page as a batch reader does. */
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
}
