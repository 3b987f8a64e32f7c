package fr.officine.segur.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.cluster.NodeBus;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Pharmacy;
import fr.officine.segur.trust.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §2: « un collègue l'a ouverte » between two counters whose streams are on two nodes. Two
 * hubs (two nodes) joined by two buses linked in memory as the data grid links them. With the hub
 * of one node alone, Julien's screen on node 2 never heard of Claire's on node 1.
 */
class PresenceAcrossNodesTest {
  static final Pharmacy MARCHE = new Pharmacy("690100011", "Pharmacie du Marché", "Lyon");
  static final Pharmacy ARCADES =
      new Pharmacy("690100029", "Pharmacie des Arcades", "Villeurbanne");
  final Account claire =
      new Account(
          "titulaire", "x", Optional.of("10100000016"), "MARTIN", "Claire", Role.TITULAIRE, MARCHE);
  final Account julien =
      new Account(
          "adjoint", "x", Optional.of("10100000024"), "DUBOIS", "Julien", Role.ADJOINT, MARCHE);
  final Account louis =
      new Account(
          "confrere", "x", Optional.of("10100000032"), "BERNARD", "Louis", Role.TITULAIRE, ARCADES);
  static final String NUMBER = "01S2TBPZ2JCNZZYGHZ";

  final NodeBus bus1 = new NodeBus();
  final NodeBus bus2 = new NodeBus();
  final PresenceHub node1;
  final PresenceHub node2;

  PresenceAcrossNodesTest() {
    NodeBus.link(List.of(bus1, bus2));
    node1 = new PresenceHub(null, java.time.Duration.ZERO, bus1);
    node2 = new PresenceHub(null, java.time.Duration.ZERO, bus2);
  }

  @Test
  void a_colleague_on_another_node_is_seen_and_seen_leaving() {
    RecordingScreen claireOn1 = new RecordingScreen();
    RecordingScreen julienOn2 = new RecordingScreen();
    node1.join(NUMBER, claire, null, claireOn1, claireOn1);
    node2.join(NUMBER, julien, null, julienOn2, julienOn2);

    assertThat(julienOn2.lastOthers())
        .as("Julien, on node 2, sees Claire (node 1)")
        .containsExactly("Claire MARTIN");
    assertThat(claireOn1.lastOthers())
        .as("Claire, on node 1, sees Julien (node 2)")
        .containsExactly("Julien DUBOIS");

    node2.leave(NUMBER, julienOn2.viewerId(), julien);
    assertThat(claireOn1.lastOthers()).as("Julien closed it on node 2").isEmpty();
  }

  @Test
  void another_pharmacys_counter_on_another_node_is_not_shown() {
    RecordingScreen claireOn1 = new RecordingScreen();
    RecordingScreen louisOn2 = new RecordingScreen();
    node1.join(NUMBER, claire, null, claireOn1, claireOn1);
    node2.join(NUMBER, louis, null, louisOn2, louisOn2);
    assertThat(claireOn1.lastOthers()).isEmpty();
    assertThat(louisOn2.lastOthers()).isEmpty();
  }

  @Test
  void a_dispensation_recorded_on_one_node_is_told_to_the_pharmacys_screens_on_the_other() {
    RecordingScreen julienOn2 = new RecordingScreen();
    RecordingScreen louisOn2 = new RecordingScreen();
    node2.join(NUMBER, julien, null, julienOn2, julienOn2);
    node2.join(NUMBER, louis, null, louisOn2, louisOn2);
    node1.dispensed(NUMBER, "D-1", claire);
    assertThat(julienOn2.events("dispensation"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getString("by")).isEqualTo("Claire MARTIN");
              assertThat(d.getString("dispensationId")).isEqualTo("D-1");
            });
    assertThat(louisOn2.events("dispensation")).as("another pharmacy").isEmpty();
  }

  @Test
  void the_fake_fails_the_test_where_it_models_nothing() {
    RecordingScreen screen = new RecordingScreen();
    // an Error: SseSinks.send's catch (RuntimeException) cannot turn it into a quiet "dropped"
    assertThatThrownBy(screen::newBroadcaster).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> screen.newEventBuilder().name("presence").build())
        .as("an event with neither data nor comment, as Jersey refuses it")
        .isInstanceOf(IllegalStateException.class);
  }
}
