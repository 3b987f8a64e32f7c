package fr.officine.segur.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The LGO's side of the pharmacy's event feed (issue 15 §1): {@code GET /api/v1/events} read as
 * server-sent events by the JDK's HTTP client, each event with its {@code id:}, {@code event:} and
 * JSON {@code data:}, in order. Waits follow events with a generous bound, never a clock.
 */
public final class EventFeed implements AutoCloseable {
  public record Event(long id, String type, JsonObject data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final HttpResponse<Stream<String>> response;
  private final Thread reader;

  private EventFeed(HttpResponse<Stream<String>> response) {
    this.response = response;
    reader =
        new Thread(
            () -> {
              String[] id = {null};
              String[] type = {null};
              StringBuilder data = new StringBuilder();
              try {
                response
                    .body()
                    .forEach(
                        line -> {
                          if (line.isEmpty()) { // end of an event (text/event-stream §9.2.6)
                            if (id[0] != null && type[0] != null && data.length() > 0) {
                              events.add(
                                  new Event(
                                      Long.parseLong(id[0]),
                                      type[0],
                                      Json.createReader(new StringReader(data.toString()))
                                          .readObject()));
                            }
                            id[0] = null;
                            type[0] = null;
                            data.setLength(0);
                          } else if (line.startsWith("id:")) {
                            id[0] = line.substring(3).trim();
                          } else if (line.startsWith("event:")) {
                            type[0] = line.substring(6).trim();
                          } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).trim());
                          }
                        });
              } catch (RuntimeException closed) {
                // the stream was closed by the test
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Opens the stream as {@code counter}'s session, resumed after {@code lastEventId} when given.
   */
  public static EventFeed open(URL moduleBase, Counter counter, Long lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(moduleBase.toString().replaceAll("/$", "") + "/api/v1/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + counter.token());
    if (lastEventId != null) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("stream refused: " + response.statusCode());
    }
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      throw new IllegalStateException("not an event stream: " + response.headers().map());
    }
    return new EventFeed(response);
  }

  /**
   * Every event of {@code counter}'s pharmacy, as a batch reader takes them: JSON pages of {@code
   * GET /api/v1/events?after=<last id>&limit=<n>} until one comes back empty. Each as the page
   * gives it: {@code id}, {@code type}, {@code at}, {@code data}.
   */
  public static List<JsonObject> readAll(Counter counter) {
    List<JsonObject> all = new ArrayList<>();
    long last = 0;
    while (true) {
      Http.Reply reply =
          counter.send("GET", "/events?after=" + last + "&limit=" + PAGE, Map.of(), null, null);
      if (reply.status() != 200) {
        throw new AssertionError("event page refused: " + reply);
      }
      List<JsonObject> page = reply.json().getJsonArray("events").getValuesAs(JsonObject.class);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      last = page.get(page.size() - 1).getJsonNumber("id").longValue();
    }
  }

  /** Small, so that a test's few dozen events take several pages. */
  private static final int PAGE = 10;

  /** The next event matching, skipping the others. */
  public Event await(Predicate<Event> matching, Duration bound) throws InterruptedException {
    long until = System.nanoTime() + bound.toNanos();
    while (true) {
      Event e = events.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching event within " + bound);
      }
      if (matching.test(e)) {
        return e;
      }
    }
  }

  /** Every event up to and including the first matching one, in order. */
  public List<Event> until(Predicate<Event> matching, Duration bound) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    long until = System.nanoTime() + bound.toNanos();
    while (true) {
      Event e = events.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching event within " + bound + " after " + out);
      }
      out.add(e);
      if (matching.test(e)) {
        return out;
      }
    }
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
