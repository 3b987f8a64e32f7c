package fr.officine.segur.api.message;

/**
 * 202 answer to {@code POST /api/v1/dispensations/{id}/messages}: the message is a send with target
 * {@code MSSANTE} in the dispensation's {@code sends[]}; {@code messageId} names it (the same on a
 * replay: one message per dispensation and recipient).
 */
public record MessageView(String messageId, String to, String state) {}
