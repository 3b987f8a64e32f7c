package fr.officine.segur.counter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake of one counter screen's live stream, for the hubs' unit tests: the {@link SseEventSink}
 * Jersey gives a resource and the {@link Sse} that builds its events, recording every event whole.
 * It behaves as Jersey does where the hubs rely on it: a send after close fails, an event with
 * neither data nor comment cannot be built. What the hubs must not use fails the test with an
 * {@link AssertionError}, which {@link SseSinks#send}'s {@code catch (RuntimeException)} cannot
 * swallow: the test cannot pass on a path it does not model.
 */
final class RecordingScreen implements SseEventSink, Sse {
  /** One event as the hub built it. */
  record Sent(
      String name, String id, String comment, Object data, MediaType mediaType, long reconnectDelay)
      implements OutboundSseEvent {
    @Override
    public Class<?> getType() {
      return data == null ? null : data.getClass();
    }

    @Override
    public Type getGenericType() {
      return getType();
    }

    @Override
    public MediaType getMediaType() {
      return mediaType;
    }

    @Override
    public Object getData() {
      return data;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getComment() {
      return comment;
    }

    @Override
    public long getReconnectDelay() {
      return reconnectDelay;
    }

    @Override
    public boolean isReconnectDelaySet() {
      return reconnectDelay >= 0;
    }
  }

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The JSON data of every event named {@code name}, in order. */
  List<JsonObject> events(String name) {
    return sent.stream().filter(e -> name.equals(e.name())).map(e -> json(e.data())).toList();
  }

  /** The names in the last « presence » event (there must be one). */
  List<String> lastOthers() {
    List<JsonObject> presence = events("presence");
    assertThat(presence).as("presence events").isNotEmpty();
    return presence
        .get(presence.size() - 1)
        .getJsonArray("others")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(o -> o.getString("name"))
        .toList();
  }

  /** The viewer id the hub gave this screen in its « hello ». */
  String viewerId() {
    List<JsonObject> hello = events("hello");
    assertThat(hello).as("the hub's hello").isNotEmpty();
    return hello.get(0).getString("viewerId");
  }

  private static JsonObject json(Object data) {
    assertThat(data).as("event data sent as JSON text").isInstanceOf(String.class);
    try (var r = Json.createReader(new StringReader((String) data))) {
      return r.readObject();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** As Jersey's sink: once closed, a send fails (and the hub must drop this screen). */
  @Override
  public CompletionStage<?> send(OutboundSseEvent event) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("sink closed"));
    }
    sent.add(
        new Sent(
            event.getName(),
            event.getId(),
            event.getComment(),
            event.getData(),
            event.getMediaType(),
            event.isReconnectDelaySet() ? event.getReconnectDelay() : -1));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public OutboundSseEvent.Builder newEventBuilder() {
    return new Builder();
  }

  /**
   * The hubs keep their own viewers per pharmacy: a broadcaster would reach every pharmacy's
   * screens.
   */
  @Override
  public SseBroadcaster newBroadcaster() {
    throw new AssertionError(
        "Sse.newBroadcaster() is not modelled by RecordingScreen: the hubs send to each viewer");
  }

  /** Records every field; refuses an empty event as Jersey's builder does. */
  private static final class Builder implements OutboundSseEvent.Builder {
    private String name;
    private String id;
    private String comment;
    private Object data;
    private MediaType mediaType = MediaType.TEXT_PLAIN_TYPE;
    private long reconnectDelay = -1;

    @Override
    public OutboundSseEvent.Builder id(String id) {
      this.id = id;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder name(String name) {
      this.name = name;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder reconnectDelay(long ms) {
      this.reconnectDelay = ms;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder mediaType(MediaType mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder comment(String comment) {
      this.comment = comment;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder data(Class type, Object data) {
      this.data = data;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder data(GenericType type, Object data) {
      this.data = data;
      return this;
    }

    @Override
    public OutboundSseEvent.Builder data(Object data) {
      this.data = data;
      return this;
    }

    @Override
    public OutboundSseEvent build() {
      if (data == null && comment == null) {
        throw new IllegalStateException("an SSE event needs data or a comment");
      }
      return new Sent(name, id, comment, data, mediaType, reconnectDelay);
    }
  }
}
