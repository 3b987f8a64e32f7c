package fr.officine.segur.event;

import fr.officine.segur.api.event.EventPage;
import fr.officine.segur.api.event.EventView;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.http.EntityTagged;
import fr.officine.segur.http.PageRequest;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The pharmacy's event feed for the LGO (issue 15 §1, DESIGN.md ▣): {@code GET /api/v1/events} with
 * {@code Accept: text/event-stream} is a server-sent event stream ({@code id:} the event's id,
 * {@code event:} its {@link fr.officine.segur.api.event.EventType}, {@code data:} its JSON),
 * resumed after the {@code Last-Event-ID} header (or {@code ?after=}), from the first event without
 * either; otherwise a JSON page {@code ?after=<id>&limit=<n>} → {@code
 * {"events":[{"id","type","at","data"}]}}. The acting professional's pharmacy only; bearer session;
 * audited (action EVENTS_READ).
 */
@Path("events")
@RequestScoped
public class EventResource {
  static final int DEFAULT_LIMIT = 100;

  /** The list's name in its cursors: a cursor of another list is refused. */
  static final String LIST = "events";

  private EventLog log;
  private EventStreams streams;
  private ActingProfessional acting;

  protected EventResource() {}

  @Inject
  public EventResource(EventLog log, EventStreams streams, ActingProfessional acting) {
    this.log = log;
    this.streams = streams;
    this.acting = acting;
  }

  /**
   * A page of the feed, read as every list that grows (README « Lists that grow »): {@code limit},
   * and while more events follow, {@code Link: <…&cursor=…>; rel="next"}; the page that reaches the
   * last event has no link (ask again later after its last id). The position is the {@code cursor}
   * of a next link when given, else {@code Last-Event-ID}, else {@code after} (the ▣ contract's:
   * event ids are public, so {@code after} stays a position an LGO may write itself). {@code ETag}
   * on each page: a poller of the last page gets 304 until an event comes.
   */
  @GET
  @Performs(Action.EVENTS_READ)
  @EntityTagged
  @Produces(MediaType.APPLICATION_JSON)
  public EventPage page(
      @HeaderParam("Last-Event-ID") String lastEventId,
      @QueryParam("after") String after,
      @QueryParam("limit") String limit,
      @QueryParam(PageRequest.CURSOR) String cursor,
      @Context ContainerRequestContext request) {
    PageRequest page = PageRequest.of(LIST, limit, cursor, DEFAULT_LIMIT, EventLog.MAX_PAGE);
    long from = page.position(Long::parseLong).or(() -> position(lastEventId, after)).orElse(0L);
    List<EventView> events =
        page.page(
            log.after(acting.pharmacy().finess(), from, page.fetch()),
            e -> Long.toString(e.id()),
            request);
    // the next link's cursor carries the position: an after= of this query left beside it would
    // only contradict it
    if (request.getProperty(PageRequest.NEXT) instanceof URI next) {
      request.setProperty(
          PageRequest.NEXT, UriBuilder.fromUri(next).replaceQueryParam("after").build());
    }
    return new EventPage(events);
  }

  /** Preferred only when asked for ({@code qs}): a client accepting anything gets the JSON page. */
  @GET
  @Performs(Action.EVENTS_READ)
  @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
  public void stream(
      @HeaderParam("Last-Event-ID") String lastEventId,
      @QueryParam("after") String after,
      @Context SseEventSink sink,
      @Context Sse sse) {
    streams.join(
        acting.account(),
        acting.sessionTokenHash(),
        sink,
        sse,
        EventStreams.Dialect.FEED,
        position(lastEventId, after));
  }

  /**
   * Where to resume: the Last-Event-ID header (an EventSource reconnecting), else {@code after}.
   */
  private static Optional<Long> position(String lastEventId, String after) {
    return lastEventId != null && !lastEventId.isBlank()
        ? Optional.of(number("Last-Event-ID", lastEventId.strip(), 0, Long.MAX_VALUE))
        : Optional.ofNullable(after).map(a -> number("after", a, 0, Long.MAX_VALUE));
  }

  private static Long number(String name, String value, long min, long max) {
    try {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new ProblemException(
        ProblemType.MALFORMED_REQUEST,
        name
            + " : un nombre entier de "
            + min
            + " à "
            + (max == Long.MAX_VALUE ? "l'infini" : max)
            + " est attendu.");
  }
}
