package fr.officine.segur.portability;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one pharmacy's archive to a stream as the rows are read: each table is a query read row by
 * row (fetch size, nothing kept but the current row), each document's bytes are copied from the
 * database's stream into their zip entry, and every entry's SHA-256 is computed on the way. The
 * manifest, written last, lists them. Nothing of the archive is held in memory.
 */
final class ExportWriter {
  /** Told after every row or document written, with the running count. */
  interface Progress {
    void rows(long done);
  }

  private static final int FETCH = 500;

  private final JsonGeneratorFactory generators = Json.createGeneratorFactory(Map.of());
  private final Connection c;
  private final String finess;
  private final Progress progress;
  private long done;

  ExportWriter(Connection c, String finess, Progress progress) {
    this.c = c;
    this.finess = finess;
    this.progress = progress;
  }

  /** Rows and documents to write: the total against which progress is shown. */
  long total() throws SQLException {
    long total = 0;
    for (ExportedFile f : ExportedFile.values()) {
      long rows = count(f);
      total +=
          rows * (1 + f.columns().stream().filter(col -> col.type() == ColumnType.FILE).count());
    }
    return total;
  }

  private long count(ExportedFile f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(f.countSql())) {
      ps.setString(1, finess);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  Manifest write(String exportId, Instant createdAt, OutputStream out)
      throws SQLException, IOException {
    List<Manifest.Entry> entries = new ArrayList<>();
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    entries.add(
        entry(
            zip,
            ExportReadme.NAME,
            null,
            o -> o.write(ExportReadme.text().getBytes(StandardCharsets.UTF_8))));
    for (ExportedFile f : ExportedFile.values()) {
      long[] rows = {0};
      entries.add(entry(zip, f.fileName(), rows, o -> rows[0] = rows(f, o)));
      for (Column file :
          f.columns().stream().filter(col -> col.type() == ColumnType.FILE).toList()) {
        blobs(zip, f, file, entries);
      }
    }
    zip.putNextEntry(new ZipEntry(ExportedFile.MANIFEST));
    new Manifest(ExportedFile.FORMAT_VERSION, exportId, finess, createdAt, entries)
        .write(new KeepOpen(zip));
    zip.closeEntry();
    zip.finish();
    return new Manifest(ExportedFile.FORMAT_VERSION, exportId, finess, createdAt, entries);
  }

  private long rows(ExportedFile f, OutputStream out) throws SQLException {
    long n = 0;
    try (PreparedStatement ps = c.prepareStatement(f.selectSql())) {
      ps.setFetchSize(FETCH);
      ps.setString(1, finess);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // one generator per line: JSON Lines, a row never spans two lines
          try (JsonGenerator json = generators.createGenerator(new KeepOpen(out))) {
            json.writeStartObject();
            for (Column col : f.columns()) {
              col.type().write(rs, col.name(), col.name(), json);
            }
            json.writeEnd();
          }
          write(out, '\n');
          n++;
          progress.rows(++done);
        }
      }
    }
    return n;
  }

  private void blobs(ZipOutputStream zip, ExportedFile f, Column file, List<Manifest.Entry> entries)
      throws SQLException, IOException {
    try (PreparedStatement ps = c.prepareStatement(f.blobSql(file))) {
      ps.setFetchSize(FETCH);
      ps.setString(1, finess);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString("entry_name");
          entries.add(
              entry(
                  zip,
                  name,
                  null,
                  o -> {
                    try (InputStream bytes = rs.getBinaryStream("bytes")) {
                      bytes.transferTo(o);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }));
          progress.rows(++done);
        }
      }
    }
  }

  @FunctionalInterface
  private interface Body {
    void write(OutputStream out) throws SQLException, IOException;
  }

  private static Manifest.Entry entry(ZipOutputStream zip, String name, long[] rows, Body body)
      throws SQLException, IOException {
    zip.putNextEntry(new ZipEntry(name));
    MessageDigest sha = sha256();
    Counting counting = new Counting(new DigestOutputStream(new KeepOpen(zip), sha));
    try {
      body.write(counting);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    counting.flush();
    zip.closeEntry();
    return new Manifest.Entry(
        name,
        counting.count,
        HexFormat.of().formatHex(sha.digest()),
        rows == null ? null : rows[0]);
  }

  private static void write(OutputStream out, char c) {
    try {
      out.write(c);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Counts the bytes written through it. */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** A stream whose close() leaves the zip open (a JSON generator closes what it wrote to). */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
