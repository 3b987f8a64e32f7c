package fr.officine.segur.portability;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}, the archive's last entry: the format version, whose pharmacy, when, and
 * every other entry of the zip with its size, its SHA-256 and (for a table) its number of rows. An
 * importer checks every byte against it before reading a row.
 */
record Manifest(
    int formatVersion,
    String exportId,
    String pharmacyFiness,
    Instant createdAt,
    List<Entry> files) {

  /** One entry: its name in the zip, size in bytes, SHA-256 (hex), rows (null for a document). */
  record Entry(String path, long bytes, String sha256, Long rows) {}

  void write(OutputStream out) {
    Map<String, Object> pretty = Map.of(JsonGenerator.PRETTY_PRINTING, true);
    try (JsonGenerator json = Json.createGeneratorFactory(pretty).createGenerator(out)) {
      json.writeStartObject()
          .write("format", "officine-segur-export")
          .write("formatVersion", formatVersion)
          .write("exportId", exportId)
          .write("pharmacyFiness", pharmacyFiness)
          .write("createdAt", createdAt.toString())
          .write("readme", ExportReadme.NAME)
          .writeStartArray("files");
      for (Entry e : files) {
        json.writeStartObject()
            .write("path", e.path())
            .write("bytes", e.bytes())
            .write("sha256", e.sha256());
        if (e.rows() != null) {
          json.write("rows", e.rows());
        }
        json.writeEnd();
      }
      json.writeEnd().writeEnd();
    }
  }

  /**
   * The manifest as read from an archive; shape errors are {@link ColumnType.BadValueException}.
   */
  static Manifest read(JsonObject o) {
    if (!"officine-segur-export".equals(string(o, "format"))) {
      throw new ColumnType.BadValueException("format « officine-segur-export » attendu");
    }
    Map<String, Entry> byPath = new LinkedHashMap<>();
    JsonValue files = o.get("files");
    if (files == null || files.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new ColumnType.BadValueException("liste files attendue");
    }
    for (JsonValue v : files.asJsonArray()) {
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new ColumnType.BadValueException("objet attendu dans files");
      }
      JsonObject f = v.asJsonObject();
      JsonValue rows = f.get("rows");
      Entry e =
          new Entry(
              string(f, "path"),
              ColumnType.number(f.get("bytes")).longValueExact(),
              string(f, "sha256"),
              rows == null ? null : ColumnType.number(rows).longValueExact());
      if (byPath.put(e.path(), e) != null) {
        throw new ColumnType.BadValueException("fichier listé deux fois : " + e.path());
      }
    }
    return new Manifest(
        ColumnType.number(o.get("formatVersion")).intValueExact(),
        string(o, "exportId"),
        string(o, "pharmacyFiness"),
        ColumnType.instant(string(o, "createdAt")).toInstant(),
        List.copyOf(byPath.values()));
  }

  private static String string(JsonObject o, String name) {
    return ColumnType.text(o.get(name));
  }
}
