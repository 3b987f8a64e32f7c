package fr.officine.segur.portability;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How a column's value is written in an export file (JSON) and read back: text as a string, numbers
 * as numbers, instants as ISO-8601 in UTC ({@code 2026-12-02T08:15:30.123456Z}), dates as {@code
 * YYYY-MM-DD}, a missing value as JSON {@code null}. A file column names a zip entry (the
 * document's bytes, written beside the row, never inside the JSON).
 */
enum ColumnType {
  TEXT,
  INTEGER,
  BIGINT,
  TIMESTAMP,
  DATE,
  /** The bytes of a BLOB, in their own zip entry; the JSON holds the entry's name. */
  FILE;

  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /** Writes the column of the current row as the field {@code name}. */
  void write(ResultSet rs, String column, String name, JsonGenerator json) throws SQLException {
    switch (this) {
      case TEXT, FILE -> {
        String v = rs.getString(column);
        if (v == null) {
          json.writeNull(name);
        } else {
          json.write(name, v);
        }
      }
      case INTEGER, BIGINT -> {
        long v = rs.getLong(column);
        if (rs.wasNull()) {
          json.writeNull(name);
        } else {
          json.write(name, v);
        }
      }
      case TIMESTAMP -> {
        OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
        if (v == null) {
          json.writeNull(name);
        } else {
          json.write(name, INSTANT.format(v.withOffsetSameInstant(ZoneOffset.UTC)));
        }
      }
      case DATE -> {
        LocalDate v = rs.getObject(column, LocalDate.class);
        if (v == null) {
          json.writeNull(name);
        } else {
          json.write(name, v.toString());
        }
      }
    }
  }

  /**
   * Binds the JSON value read from an archive; a value of the wrong kind is a {@link
   * BadValueException} naming what was expected (the import refuses the archive).
   */
  void bind(PreparedStatement ps, int index, JsonValue value) throws SQLException {
    boolean absent = value == null || value.getValueType() == JsonValue.ValueType.NULL;
    switch (this) {
      case TEXT, FILE -> {
        if (absent) {
          ps.setNull(index, Types.VARCHAR);
        } else {
          ps.setString(index, text(value));
        }
      }
      case INTEGER -> {
        if (absent) {
          ps.setNull(index, Types.INTEGER);
        } else {
          ps.setInt(index, number(value).intValueExact());
        }
      }
      case BIGINT -> {
        if (absent) {
          ps.setNull(index, Types.BIGINT);
        } else {
          ps.setLong(index, number(value).longValueExact());
        }
      }
      case TIMESTAMP -> {
        if (absent) {
          ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          ps.setObject(index, instant(text(value)));
        }
      }
      case DATE -> {
        if (absent) {
          ps.setNull(index, Types.DATE);
        } else {
          ps.setObject(index, date(text(value)));
        }
      }
    }
  }

  static String text(JsonValue value) {
    if (value instanceof JsonString s) {
      return s.getString();
    }
    throw new BadValueException("texte attendu");
  }

  static JsonNumber number(JsonValue value) {
    if (value instanceof JsonNumber n && n.isIntegral()) {
      return n;
    }
    throw new BadValueException("nombre entier attendu");
  }

  static OffsetDateTime instant(String text) {
    if (text == null) {
      throw new BadValueException("horodatage ISO-8601 attendu");
    }
    try {
      return OffsetDateTime.parse(text, INSTANT);
    } catch (DateTimeParseException e) {
      throw new BadValueException("horodatage ISO-8601 attendu");
    }
  }

  static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadValueException("date AAAA-MM-JJ attendue");
    }
  }

  /** A value of an archive that is not what its column holds. */
  static final class BadValueException extends RuntimeException {
    BadValueException(String expected) {
      super(expected, null, false, false);
    }
  }
}
