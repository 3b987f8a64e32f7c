package fr.officine.segur.dispensation;

import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Handle;

/**
 * Writes an accepted dispensation's document and its outbox rows (issue 14 §4: the feed's last
 * reason), on the caller's handle: in the very transaction that marks the dispensation RECORDED, so
 * a crash leaves either nothing or everything.
 */
@ApplicationScoped
public class FeedWriter {
  private DocumentStore documents;
  private Outbox outbox;
  private SendRouting routing;

  protected FeedWriter() {}

  @Inject
  public FeedWriter(DocumentStore documents, Outbox outbox, SendRouting routing) {
    this.documents = documents;
    this.outbox = outbox;
    this.routing = routing;
  }

  void write(Handle h, Dispensation d, DispensationFeed.Prepared p) {
    if (p.document().isPresent()) {
      DispensationFeed.Built b = p.document().get();
      documents.insert(h, d.id(), b.document(), b.metadata(), b.ins(), b.author(), b.at());
    }
    for (SendRouting.PlannedSend s : routing.sends(d.pharmacyFiness(), p)) {
      outbox.enqueue(h, d.id(), d.pharmacyFiness(), s.target(), s.state(), s.reason());
    }
  }
}
