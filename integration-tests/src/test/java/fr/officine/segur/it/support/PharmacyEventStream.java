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
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A counter screen's live stream of its pharmacy's dispensations ({@code GET
 * /api/v1/counter/events}, ticket first), or of who else has a prescription open, read as a test
 * would watch it: each event's name and JSON data, in order. Waits follow events with a generous
 * bound, never a clock.
 */
public final class PharmacyEventStream implements AutoCloseable {
  public record Event(String name, JsonObject data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<Event> received = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private PharmacyEventStream(HttpResponse<java.util.stream.Stream<String>> response) {
    reader =
        new Thread(
            () -> {
              String[] name = {null};
              response
                  .body()
                  .forEach(
                      line -> {
                        if (line.startsWith("event:")) {
                          name[0] = line.substring(6).trim();
                        } else if (line.startsWith("data:") && name[0] != null) {
                          Event e =
                              new Event(
                                  name[0],
                                  Json.createReader(new StringReader(line.substring(5).trim()))
                                      .readObject());
                          received.add(e);
                          events.add(e);
                          name[0] = null;
                        }
                      });
            });
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens the stream as {@code counter}'s session; returns once the stream said hello. */
  public static PharmacyEventStream open(URL moduleBase, Counter counter) throws Exception {
    return open(moduleBase, counter, "/counter/events");
  }

  /**
   * A counter screen's presence stream on a prescription ({@code GET
   * /api/v1/prescriptions/{number}/presence}): events {@code presence} (the other screens of the
   * pharmacy), {@code dispensation}, {@code ended}; same reading.
   */
  public static PharmacyEventStream presence(URL moduleBase, Counter counter, String number)
      throws Exception {
    return open(moduleBase, counter, "/prescriptions/" + number + "/presence");
  }

  private static PharmacyEventStream open(URL moduleBase, Counter counter, String path)
      throws Exception {
    Http.Reply ticket = counter.send("POST", path + "/ticket", Map.of(), null, null);
    if (ticket.status() != 200) {
      throw new IllegalStateException("no ticket: " + ticket);
    }
    URI uri =
        URI.create(
            moduleBase.toString().replaceAll("/$", "")
                + "/api/v1"
                + path
                + "?ticket="
                + ticket.json().getString("ticket"));
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("stream refused: " + response.statusCode());
    }
    PharmacyEventStream stream = new PharmacyEventStream(response);
    stream.await("hello", e -> true, Duration.ofSeconds(60));
    return stream;
  }

  /** The next event named {@code name} whose data matches, skipping the others. */
  public Event await(String name, Predicate<JsonObject> matching, Duration bound)
      throws InterruptedException {
    long until = System.nanoTime() + bound.toNanos();
    while (true) {
      Event e = events.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no event " + name + " within " + bound);
      }
      if (e.name().equals(name) && matching.test(e.data())) {
        return e;
      }
    }
  }

  /** Every event named {@code name} the stream brought so far, awaited or not, in order. */
  public List<Event> received(String name) {
    return received.stream().filter(e -> e.name().equals(name)).toList();
  }

  @Override
  public void close() {
    reader.interrupt();
  }
}
