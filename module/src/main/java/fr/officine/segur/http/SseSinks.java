package fr.officine.segur.http;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

/** What every live stream of the counter does with its sink (presence, pharmacy events). */
public final class SseSinks {
  private SseSinks() {}

  /**
   * Sends without waiting (a stuck client must not hold the thread that records a dispensation);
   * the caller serialises sends per sink (Jersey's sink is not meant for concurrent writers). A
   * write that already failed says so; a later failure is found by the next heartbeat.
   */
  public static boolean send(SseEventSink sink, OutboundSseEvent event) {
    if (sink.isClosed()) {
      return false;
    }
    try {
      return !sink.send(event).toCompletableFuture().isCompletedExceptionally();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Closing a sink completes the stream's own (async) servlet request, and on the calling thread
   * that tears down the CDI request context: when the caller is another request (a logout, a
   * "leave"), its response filters, the audit among them, would then find no context. So the close
   * runs on the scheduler, off any request thread.
   */
  public static void closeOffThread(SseEventSink sink, ManagedScheduledExecutorService scheduler) {
    Runnable close =
        () -> {
          try {
            sink.close();
          } catch (Exception ignored) {
            // already gone
          }
        };
    if (scheduler == null) {
      close.run();
    } else {
      scheduler.execute(close);
    }
  }
}
