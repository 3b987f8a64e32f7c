package fr.officine.segur.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The only class that names Hazelcast: the module compiles against Payara's own Hazelcast
 * (provided) and touches it only when the grid is there, so a single node never loads these
 * classes.
 */
final class HazelcastTopic {
  private final ITopic<String> topic;
  private final UUID registration;

  private HazelcastTopic(ITopic<String> topic, UUID registration) {
    this.topic = topic;
    this.registration = registration;
  }

  static HazelcastTopic of(Object grid, String name, Consumer<String> onMessage) {
    ITopic<String> topic = ((HazelcastInstance) grid).getTopic(name);
    UUID registration = topic.addMessageListener(m -> onMessage.accept(m.getMessageObject()));
    return new HazelcastTopic(topic, registration);
  }

  void publish(String message) {
    topic.publish(message);
  }

  void close() {
    try {
      topic.removeMessageListener(registration);
    } catch (RuntimeException shuttingDown) {
      // the grid stops with the node
    }
  }
}
