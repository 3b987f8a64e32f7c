package fr.officine.segur.sandbox.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a sandboxed service behaves now. {@code latencyMs} is used by SLOW only.
 *
 * <ul>
 *   <li>UP: normal.
 *   <li>DOWN: what an outage looks like from a pharmacy: the reverse proxy in front of the service
 *       answers HTTP 503 with an HTML page, no SOAP envelope.
 *   <li>SLOW: the answer comes after {@code latencyMs}.
 *   <li>ERROR: the service answers with its own "unavailable" fault (EP_SERVICE_INDISPONIBLE for
 *       the e-prescription base).
 *   <li>LOST_ANSWER ({@code lost-answer}): the service does its work (an execution is recorded),
 *       then the connection is cut before any answer: the client cannot know (e-prescription base
 *       only; the other services behave as UP).
 *   <li>LOST_REQUEST ({@code lost-request}): the request is read whole, then the connection is cut
 *       without doing anything: seen from the client, exactly the same as LOST_ANSWER.
 * </ul>
 */
public record FaultMode(Mode mode, long latencyMs) {
  public static final FaultMode NORMAL = new FaultMode(Mode.UP, 0);

  public enum Mode {
    UP,
    DOWN,
    SLOW,
    ERROR,
    LOST_ANSWER,
    LOST_REQUEST;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Mode> fromWire(String name) {
      return Arrays.stream(values()).filter(m -> m.wireName().equals(name)).findFirst();
    }
  }
}
