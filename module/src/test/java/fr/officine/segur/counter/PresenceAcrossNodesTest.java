package fr.officine.segur.counter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.cluster.NodeBus;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Pharmacy;
import fr.officine.segur.trust.Role;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §2: « un collègue l'a ouverte » between two counters whose streams are on two nodes.
 * Two hubs (two nodes) joined by two buses linked in memory as the data grid links them. With the
 * hub of one node alone, Julien's screen on node 2 never heard of Claire's on node 1.
 */
class PresenceAcrossNodesTest {
  static final Pharmacy MARCHE = new Pharmacy("690100011", "Pharmacie du Marché", "Lyon");
  static final Pharmacy ARCADES = new Pharmacy("690100029", "Pharmacie des Arcades", "Villeurbanne");
  final Account claire = new Account("titulaire", "x", Optional.of("10100000016"), "MARTIN", "Claire", Role.TITULAIRE, MARCHE);
  final Account julien = new Account("adjoint", "x", Optional.of("10100000024"), "DUBOIS", "Julien", Role.ADJOINT, MARCHE);
  final Account louis = new Account("confrere", "x", Optional.of("10100000032"), "BERNARD", "Louis", Role.TITULAIRE, ARCADES);
  static final String NUMBER = "01S2TBPZ2JCNZZYGHZ";

  final NodeBus bus1 = new NodeBus();
  final NodeBus bus2 = new NodeBus();
  final PresenceHub node1;
  final PresenceHub node2;

  PresenceAcrossNodesTest() {
    NodeBus.link(List.of(bus1, bus2));
    node1 = new PresenceHub(null, "PT0S", bus1);
    node2 = new PresenceHub(null, "PT0S", bus2);
  }

  @Test
  void a_colleague_on_another_node_is_seen_and_seen_leaving() {
    Screen claireOn1 = new Screen();
    Screen julienOn2 = new Screen();
    node1.join(NUMBER, claire, null, claireOn1, claireOn1);
    node2.join(NUMBER, julien, null, julienOn2, julienOn2);

    assertThat(julienOn2.lastOthers()).as("Julien, on node 2, sees Claire (node 1)").containsExactly("Claire MARTIN");
    assertThat(claireOn1.lastOthers()).as("Claire, on node 1, sees Julien (node 2)").containsExactly("Julien DUBOIS");

    node2.leave(NUMBER, julienOn2.viewerId(), julien);
    assertThat(claireOn1.lastOthers()).as("Julien closed it on node 2").isEmpty();
  }

  @Test
  void another_pharmacys_counter_on_another_node_is_not_shown() {
    Screen claireOn1 = new Screen();
    Screen louisOn2 = new Screen();
    node1.join(NUMBER, claire, null, claireOn1, claireOn1);
    node2.join(NUMBER, louis, null, louisOn2, louisOn2);
    assertThat(claireOn1.lastOthers()).isEmpty();
    assertThat(louisOn2.lastOthers()).isEmpty();
  }

  @Test
  void a_dispensation_recorded_on_one_node_is_told_to_the_pharmacys_screens_on_the_other() {
    Screen julienOn2 = new Screen();
    Screen louisOn2 = new Screen();
    node2.join(NUMBER, julien, null, julienOn2, julienOn2);
    node2.join(NUMBER, louis, null, louisOn2, louisOn2);
    node1.dispensed(NUMBER, "D-1", claire);
    assertThat(julienOn2.events("dispensation")).singleElement().satisfies(d -> {
      assertThat(d.getString("by")).isEqualTo("Claire MARTIN");
      assertThat(d.getString("dispensationId")).isEqualTo("D-1");
    });
    assertThat(louisOn2.events("dispensation")).as("another pharmacy").isEmpty();
  }

  /** A counter's stream: records what it is sent. */
  static final class Screen implements SseEventSink, Sse {
    final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
    boolean closed;

    List<JsonObject> events(String name) {
      return sent.stream().filter(e -> name.equals(e.getName())).map(e -> json((String) e.getData())).toList();
    }

    List<String> lastOthers() {
      List<JsonObject> presence = events("presence");
      assertThat(presence).as("presence events").isNotEmpty();
      return presence.get(presence.size() - 1).getJsonArray("others").getValuesAs(JsonObject.class).stream()
          .map(o -> o.getString("name")).toList();
    }

    String viewerId() {
      return events("hello").get(0).getString("viewerId");
    }

    static JsonObject json(String s) {
      try (var r = Json.createReader(new StringReader(s))) {
        return r.readObject();
      }
    }

    @Override public boolean isClosed() { return closed; }
    @Override public CompletionStage<?> send(OutboundSseEvent event) { sent.add(event); return CompletableFuture.completedFuture(null); }
    @Override public void close() { closed = true; }
    @Override public OutboundSseEvent.Builder newEventBuilder() { return new Event(); }
    @Override public SseBroadcaster newBroadcaster() { throw new UnsupportedOperationException(); }
  }

  static final class Event implements OutboundSseEvent.Builder, OutboundSseEvent {
    String name;
    String comment;
    Object data;

    @Override public OutboundSseEvent.Builder id(String id) { return this; }
    @Override public OutboundSseEvent.Builder name(String name) { this.name = name; return this; }
    @Override public OutboundSseEvent.Builder reconnectDelay(long ms) { return this; }
    @Override public OutboundSseEvent.Builder mediaType(MediaType mediaType) { return this; }
    @Override public OutboundSseEvent.Builder comment(String comment) { this.comment = comment; return this; }
    @Override public OutboundSseEvent.Builder data(Class type, Object data) { this.data = data; return this; }
    @Override public OutboundSseEvent.Builder data(GenericType type, Object data) { this.data = data; return this; }
    @Override public OutboundSseEvent.Builder data(Object data) { this.data = data; return this; }
    @Override public OutboundSseEvent build() { return this; }
    @Override public Class<?> getType() { return String.class; }
    @Override public Type getGenericType() { return String.class; }
    @Override public MediaType getMediaType() { return MediaType.TEXT_PLAIN_TYPE; }
    @Override public Object getData() { return data; }
    @Override public String getId() { return null; }
    @Override public String getName() { return name; }
    @Override public String getComment() { return comment; }
    @Override public long getReconnectDelay() { return -1; }
    @Override public boolean isReconnectDelaySet() { return false; }
  }
}
