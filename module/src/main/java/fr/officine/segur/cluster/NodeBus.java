package fr.officine.segur.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Tells the other nodes of a cluster what may be lost (issue 13 §2): who has a prescription open, a
 * dispensation just recorded. Payara's data grid (Hazelcast, JNDI {@code payara/Hazelcast}) carries
 * it as a topic of short JSON texts; a single node ({@code --nohazelcast}) has no grid and the bus
 * tells nobody. What must survive is in the database, never here: a message lost with a node costs
 * a notice until the next heartbeat, nothing more.
 *
 * <p>Messages are plain strings (channel, then JSON), so no application class crosses the grid.
 */
@ApplicationScoped
public class NodeBus {
  private static final Logger LOG = Logger.getLogger(NodeBus.class.getName());
  static final String JNDI = "payara/Hazelcast";
  static final String TOPIC = "officine-segur-node-bus";

  private final String nodeId = UUID.randomUUID().toString();
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

  /** Where a message goes: the grid's topic, or nowhere on a single node. */
  private Consumer<String> outbound = m -> {};

  private Runnable unsubscribe = () -> {};

  @PostConstruct
  void connect() {
    try {
      Object grid = new InitialContext().lookup(JNDI);
      HazelcastTopic topic = HazelcastTopic.of(grid, TOPIC, this::received);
      outbound = topic::publish;
      unsubscribe = topic::close;
      LOG.info(() -> "Node bus on Payara's data grid (topic " + TOPIC + ")");
    } catch (NamingException | LinkageError | RuntimeException noGrid) {
      // --nohazelcast: one node, nobody to tell
      LOG.log(Level.FINE, "No data grid: a single node", noGrid);
    }
  }

  @PreDestroy
  void disconnect() {
    unsubscribe.run();
  }

  /** To the other nodes (never back to this one: the caller has already done its own part). */
  public void publish(String channel, String json) {
    try {
      outbound.accept(nodeId + "\n" + channel + "\n" + json);
    } catch (RuntimeException e) {
      // the grid is leaving (shutdown, split): a notice lost, as a lost node would lose it
      LOG.log(Level.FINE, "Node bus: not sent", e);
    }
  }

  public void subscribe(String channel, Consumer<String> listener) {
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
  }

  /** This node's id (what it puts in its messages). */
  public String nodeId() {
    return nodeId;
  }

  void received(String message) {
    String[] parts = message.split("\n", 3);
    if (parts.length != 3 || parts[0].equals(nodeId)) {
      return;
    }
    for (Consumer<String> l : listeners.getOrDefault(parts[1], List.of())) {
      try {
        l.accept(parts[2]);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Node bus listener failed on " + parts[1], e);
      }
    }
  }

  /** Tests: buses linked in memory, as nodes on one grid (each message to every other bus). */
  public static void link(List<NodeBus> buses) {
    for (NodeBus b : buses) {
      b.outbound = m -> buses.forEach(other -> other.received(m));
    }
  }
}
