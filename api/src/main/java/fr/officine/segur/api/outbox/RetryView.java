package fr.officine.segur.api.outbox;

/** {@code POST /api/v1/outbox/retry}: how many waiting sends were made due now. */
public record RetryView(int rescheduled) {}
