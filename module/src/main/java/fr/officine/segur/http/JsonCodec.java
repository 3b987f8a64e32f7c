package fr.officine.segur.http;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * JSON-B (Payara's Yasson) for answers the module must store and send again byte for byte (an
 * idempotent replay returns exactly the first answer). One instance: building it is expensive.
 */
@ApplicationScoped
public class JsonCodec {
  private Jsonb jsonb;

  public String write(Object value) {
    return jsonb().toJson(value);
  }

  /** What {@link #write} wrote, read back (the event feed's stored data). */
  public <T> T read(String text, Class<T> type) {
    return jsonb().fromJson(text, type);
  }

  private synchronized Jsonb jsonb() {
    if (jsonb == null) {
      jsonb = JsonbBuilder.create();
    }
    return jsonb;
  }

  // a lifecycle method may not throw a checked exception: Payara refuses the deployment
  @PreDestroy
  void close() {
    if (jsonb != null) {
      try {
        jsonb.close();
      } catch (Exception e) {
        // closing at undeploy: nothing left to do with it
      }
    }
  }
}
