package fr.officine.segur.api.event;

import java.time.OffsetDateTime;

/**
 * One event of the pharmacy's feed: {@code id} increases by one with each event of the pharmacy (1,
 * 2, 3…: the SSE {@code id:}, the {@code after} of the next page), {@code type} from {@link
 * EventType}, {@code at} when the change was committed.
 */
public record EventView(long id, EventType type, OffsetDateTime at, EventData data) {}
