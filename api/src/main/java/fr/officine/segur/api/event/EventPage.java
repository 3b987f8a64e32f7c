package fr.officine.segur.api.event;

import java.util.List;

/**
 * {@code GET /api/v1/events?after=<id>&limit=<n>}: the pharmacy's events after {@code after},
 * oldest first, at most {@code limit}. Ask again with the last id until a page comes back empty.
 */
public record EventPage(List<EventView> events) {}
