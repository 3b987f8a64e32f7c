package fr.officine.segur.sandbox.mssante;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the sandbox operator delivered, in memory (emptied by POST /sandbox/reset), oldest first. */
public final class Mailboxes {
  private final List<ReceivedMessage> messages = new ArrayList<>();

  synchronized void deliver(ReceivedMessage message) {
    messages.add(message);
  }

  /** Every message, or those of one mailbox (address compared without case). */
  public synchronized List<ReceivedMessage> list(Optional<String> to) {
    return messages.stream().filter(m -> to.isEmpty() || m.to().equalsIgnoreCase(to.get())).toList();
  }

  public synchronized Optional<ReceivedMessage> find(String id) {
    return messages.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public synchronized void clear() {
    messages.clear();
  }

  synchronized List<ReceivedMessage> snapshot() {
    return new ArrayList<>(messages);
  }
}
