package fr.officine.segur.sandbox.mssante;

import fr.officine.segur.sandbox.db.Database;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * What the sandbox operator delivered, oldest first, in its own H2 database like the other
 * sandboxed services: a real operator keeps a mailbox's messages, so a restart of {@code run.sh}
 * keeps them too (the module's sends still say « remis à l'opérateur », and the message is still
 * there to read). Emptied by {@code POST /sandbox/reset}.
 */
public final class Mailboxes {
  private final Database db;

  public Mailboxes(Database db) {
    this.db = db;
    db.runScript("/sandbox/mssante-schema.sql");
  }

  void deliver(ReceivedMessage m) {
    db.useTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO mss_message(id, from_address, to_address, subject, received_at, message_id, headers,"
                      + " body, client_subject) VALUES (:id, :from, :to, :subject, :receivedAt, :messageId,"
                      + " :headers, :body, :clientSubject)")
              .bindMethods(m)
              .bind("headers", headersJson(m.headers()))
              .execute();
          int partNo = 0;
          for (ReceivedMessage.Attachment a : m.attachments()) {
            h.createUpdate(
                    "INSERT INTO mss_attachment(message_id, part_no, name, content_type, content)"
                        + " VALUES (:id, :partNo, :name, :contentType, :content)")
                .bind("id", m.id())
                .bind("partNo", partNo++)
                .bindMethods(a)
                .execute();
          }
        });
  }

  /** Every message, or those of one mailbox (address compared without case). */
  public List<ReceivedMessage> list(Optional<String> to) {
    return db.withHandle(
        h ->
            h
                .createQuery(
                    "SELECT "
                        + MESSAGE_COLUMNS
                        + " FROM mss_message"
                        + (to.isPresent() ? " WHERE LOWER(to_address) = LOWER(:to)" : "")
                        + " ORDER BY seq")
                .bind("to", to.orElse(null))
                .map(ConstructorMapper.of(MessageRow.class))
                .list()
                .stream()
                .map(row -> row.message(attachments(h, row.id())))
                .toList());
  }

  public Optional<ReceivedMessage> find(String id) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + MESSAGE_COLUMNS + " FROM mss_message WHERE id = :id")
                .bind("id", id)
                .map(ConstructorMapper.of(MessageRow.class))
                .findOne()
                .map(row -> row.message(attachments(h, row.id()))));
  }

  public void clear() {
    db.useTransaction(
        h -> {
          h.execute("DELETE FROM mss_attachment");
          h.execute("DELETE FROM mss_message");
        });
  }

  /** mss_message's columns under the names of {@link MessageRow}'s components. */
  private static final String MESSAGE_COLUMNS =
      "id, from_address, to_address, subject, received_at, message_id, headers, body, client_subject";

  record MessageRow(
      String id,
      String fromAddress,
      String toAddress,
      String subject,
      OffsetDateTime receivedAt,
      String messageId,
      String headers,
      String body,
      String clientSubject) {
    ReceivedMessage message(List<ReceivedMessage.Attachment> attachments) {
      return new ReceivedMessage(
          id,
          fromAddress,
          toAddress,
          subject,
          receivedAt,
          messageId,
          headersOf(headers),
          body,
          attachments,
          clientSubject);
    }
  }

  private static List<ReceivedMessage.Attachment> attachments(Handle h, String messageId) {
    return h.createQuery(
            "SELECT name, content_type, content FROM mss_attachment WHERE message_id = :id ORDER BY part_no")
        .bind("id", messageId)
        .map(ConstructorMapper.of(ReceivedMessage.Attachment.class))
        .list();
  }

  private static String headersJson(Map<String, List<String>> headers) {
    JsonObjectBuilder out = Json.createObjectBuilder();
    headers.forEach((name, values) -> out.add(name, Json.createArrayBuilder(values)));
    return out.build().toString();
  }

  private static Map<String, List<String>> headersOf(String json) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    try (var reader = Json.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      for (String name : o.keySet()) {
        JsonArray values = o.getJsonArray(name);
        headers.put(
            name,
            values.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
      }
    }
    return headers;
  }
}
