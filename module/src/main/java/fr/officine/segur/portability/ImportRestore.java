package fr.officine.segur.portability;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.audit.AuditChain;
import fr.officine.segur.audit.AuditLog;
import fr.officine.segur.audit.AuditRecord;
import fr.officine.segur.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jdbi.v3.core.Handle;

/**
 * Restores a checked archive ({@link ArchiveCheck}) into this instance, inside the caller's one
 * transaction: all of it or nothing. Every row must belong to the importing pharmacy (its own
 * {@code pharmacy_finess}, or a dispensation of the same archive): an archive cannot write into
 * another pharmacy's data, whatever its manifest says.
 *
 * <p>The audit records are appended to this instance's chain (new sequence numbers and hashes: the
 * chain stays one and verifiable end to end) after each was checked against the hash it had in the
 * chain it comes from; {@code audit_import_origin} keeps that original seq, hash and previous hash.
 */
final class ImportRestore {
  /** Given to an imported account that did not exist here: it opens no session until reset. */
  static final String NO_PASSWORD = "imported-without-password";

  private final Handle h;
  private final Connection c;
  private final ZipFile zip;
  private final Manifest manifest;
  private final int maxLineBytes;
  private final JsonReaderFactory json = Json.createReaderFactory(Map.of());
  private final Set<String> dispensations = new HashSet<>();
  private final Map<String, Long> restored = new LinkedHashMap<>();
  private long documents;
  private long lastAuditSeq;
  private String lastAuditHash = AuditChain.GENESIS;

  /**
   * On {@code h}'s transaction: the rows by plain JDBC on its connection, the audit records through
   * AuditLog.
   */
  ImportRestore(Handle h, ZipFile zip, Manifest manifest, int maxLineBytes) {
    this.h = h;
    this.c = h.getConnection();
    this.zip = zip;
    this.manifest = manifest;
    this.maxLineBytes = maxLineBytes;
  }

  /** Rows restored per file. */
  Map<String, Long> restored() {
    return restored;
  }

  long documents() {
    return documents;
  }

  void restore() throws SQLException {
    String finess = manifest.pharmacyFiness();
    lockAndCheckEmpty(finess);
    for (ExportedFile f : ExportedFile.values()) {
      long rows = file(f);
      Long declared =
          manifest.files().stream()
              .filter(e -> e.path().equals(f.fileName()))
              .findFirst()
              .map(Manifest.Entry::rows)
              .orElse(null);
      if (declared == null || declared != rows) {
        throw ArchiveCheck.invalid(
            f.fileName() + " : " + rows + " lignes, le manifeste en annonce " + declared + ".");
      }
      restored.put(f.fileName(), rows);
    }
  }

  /**
   * The pharmacy's row locked (two imports of the same pharmacy wait for each other), then: nothing
   * of its patients' data here yet. Audit records and accounts may exist (the titulaire who imports
   * logged in: that is audited).
   */
  private void lockAndCheckEmpty(String finess) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT finess FROM pharmacy WHERE finess = ? FOR UPDATE")) {
      ps.setString(1, finess);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ProblemException(
              ProblemType.IMPORT_OTHER_PHARMACY, "Pharmacie " + finess + " inconnue de ce module.");
        }
      }
    }
    long dispensations =
        count("SELECT COUNT(*) FROM dispensation WHERE pharmacy_finess = ?", finess);
    long identities =
        count("SELECT COUNT(*) FROM patient_identity WHERE pharmacy_finess = ?", finess);
    long unknown =
        count("SELECT COUNT(*) FROM unknown_product_delivery WHERE pharmacy_finess = ?", finess);
    // the feed's ids continue the archive's: none of this pharmacy's here yet
    long events =
        count("SELECT COUNT(*) FROM pharmacy_event_sequence WHERE pharmacy_finess = ?", finess);
    if (dispensations + identities + unknown + events > 0) {
      throw new ProblemException(
          ProblemType.IMPORT_PHARMACY_NOT_EMPTY,
          "Déjà ici pour la pharmacie "
              + finess
              + " : "
              + dispensations
              + " délivrance(s), "
              + identities
              + " identité(s), "
              + unknown
              + " ligne(s) « produit inconnu de la base »"
              + (events > 0 ? ", un fil d'événements" : "")
              + ".");
    }
  }

  private long count(String sql, String finess) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, finess);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long file(ExportedFile f) throws SQLException {
    ZipEntry entry = zip.getEntry(f.fileName());
    long rows = 0;
    try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
      JsonLines lines = new JsonLines(in, maxLineBytes);
      for (Optional<String> line = lines.next(); line.isPresent(); line = lines.next()) {
        JsonObject row = row(f, line.get(), lines.number());
        try {
          restore(f, row);
        } catch (ColumnType.BadValueException | ArithmeticException e) {
          throw ArchiveCheck.invalid(
              f.fileName() + " ligne " + lines.number() + " : " + e.getMessage() + ".");
        } catch (SQLException e) {
          throw ArchiveCheck.invalid(
              f.fileName()
                  + " ligne "
                  + lines.number()
                  + " refusée par la base ("
                  + e.getSQLState()
                  + ").");
        }
        rows++;
      }
    } catch (JsonLines.LineTooLong e) {
      throw ArchiveCheck.unsafe(f.fileName() + " : ligne de plus de " + maxLineBytes + " octets.");
    } catch (IOException e) {
      throw ArchiveCheck.invalid(f.fileName() + " illisible.");
    }
    return rows;
  }

  /** The line as an object with exactly the file's fields. */
  private JsonObject row(ExportedFile f, String line, long number) {
    JsonObject row;
    try (JsonReader reader = json.createReader(new StringReader(line))) {
      row = reader.readObject();
    } catch (JsonException | ClassCastException e) {
      throw ArchiveCheck.invalid(f.fileName() + " ligne " + number + " : objet JSON attendu.");
    }
    Set<String> expected = f.columns().stream().map(Column::name).collect(Collectors.toSet());
    if (!row.keySet().equals(expected)) {
      throw ArchiveCheck.invalid(
          f.fileName()
              + " ligne "
              + number
              + " : champs "
              + row.keySet()
              + ", attendus "
              + expected
              + ".");
    }
    return row;
  }

  private void restore(ExportedFile f, JsonObject row) throws SQLException {
    Optional<String> pharmacyColumn = f.pharmacyColumn();
    if (pharmacyColumn.isPresent()
        && !manifest.pharmacyFiness().equals(text(row, pharmacyColumn.get()))) {
      throw new ProblemException(
          ProblemType.IMPORT_OTHER_PHARMACY,
          f.fileName()
              + " contient une ligne de la pharmacie "
              + ArchiveCheck.printable(String.valueOf(text(row, pharmacyColumn.get())))
              + ".");
    }
    // a row that names a dispensation names one of the archive's (an event may name none: the
    // columns that must name one are NOT NULL in the schema)
    String dispensation = f.dispensationColumn().map(column -> text(row, column)).orElse(null);
    if (dispensation != null && !dispensations.contains(dispensation)) {
      throw ArchiveCheck.invalid(
          f.fileName() + " : une ligne vise une délivrance absente de l'archive.");
    }
    switch (f) {
      case PHARMACY -> pharmacy(row);
      case ACCOUNTS -> account(row);
      case AUDIT -> audit(row);
      default -> {
        insert(f, row);
        if (f == ExportedFile.DISPENSATIONS) {
          dispensations.add(text(row, "id"));
        }
      }
    }
  }

  /** The pharmacy exists here already (the importer is its titulaire): the archive's must be it. */
  private void pharmacy(JsonObject row) {
    if (!manifest.pharmacyFiness().equals(text(row, "finess"))) {
      throw new ProblemException(
          ProblemType.IMPORT_OTHER_PHARMACY, "pharmacy.jsonl décrit une autre pharmacie.");
    }
  }

  /**
   * An account of the archive that exists here must be of the same pharmacy; one that does not is
   * created without a password (the dispensations it recorded name it; it opens no session).
   */
  private void account(JsonObject row) throws SQLException {
    String login = text(row, "login");
    try (PreparedStatement ps =
        c.prepareStatement("SELECT pharmacy_finess FROM account WHERE login = ?")) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          if (!manifest.pharmacyFiness().equals(rs.getString(1))) {
            throw new ProblemException(
                ProblemType.IMPORT_OTHER_PHARMACY,
                "Le compte « "
                    + ArchiveCheck.printable(login)
                    + " » existe ici dans une autre pharmacie.");
          }
          return;
        }
      }
    }
    List<Column> columns = ExportedFile.ACCOUNTS.columns();
    StringBuilder sql = new StringBuilder("INSERT INTO account (password_hash");
    columns.forEach(col -> sql.append(", ").append(col.name()));
    sql.append(") VALUES (?").append(", ?".repeat(columns.size())).append(")");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setString(1, NO_PASSWORD);
      for (int i = 0; i < columns.size(); i++) {
        columns.get(i).type().bind(ps, i + 2, row.get(columns.get(i).name()));
      }
      ps.executeUpdate();
    }
  }

  private void insert(ExportedFile f, JsonObject row) throws SQLException {
    List<Column> columns =
        f.columns().stream()
            .filter(col -> !col.isComputed() || col.type() == ColumnType.FILE)
            .toList();
    String sql =
        "INSERT INTO "
            + f.table()
            + " ("
            + columns.stream().map(Column::name).collect(Collectors.joining(", "))
            + ") VALUES ("
            + columns.stream().map(col -> "?").collect(Collectors.joining(", "))
            + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < columns.size(); i++) {
        Column col = columns.get(i);
        JsonValue value = row.get(col.name());
        if (col.type() == ColumnType.FILE) {
          bindFile(ps, i + 1, ColumnType.text(value));
        } else {
          col.type().bind(ps, i + 1, value);
        }
      }
      ps.executeUpdate();
    } catch (IOException e) {
      throw ArchiveCheck.invalid(f.fileName() + " : document illisible.");
    }
  }

  /** A document's bytes, streamed from its (already checked) entry into the BLOB. */
  private void bindFile(PreparedStatement ps, int index, String entryName)
      throws SQLException, IOException {
    Manifest.Entry listed =
        manifest.files().stream()
            .filter(e -> e.path().equals(entryName) && entryName.startsWith("documents/"))
            .findFirst()
            .orElseThrow(
                () ->
                    ArchiveCheck.invalid(
                        "Document " + ArchiveCheck.printable(entryName) + " absent de l'archive."));
    ps.setBinaryStream(index, zip.getInputStream(zip.getEntry(entryName)), listed.bytes());
    documents++;
  }

  /**
   * Checks the record against the hash it had where it comes from, then appends it here; a record
   * edited in the archive (and its checksum recomputed) is refused.
   */
  private void audit(JsonObject row) throws SQLException {
    AuditRecord original =
        new AuditRecord(
            ColumnType.number(row.get("seq")).longValueExact(),
            ColumnType.instant(text(row, "occurred_at")).toInstant(),
            text(row, "login"),
            text(row, "rpps"),
            text(row, "role"),
            text(row, "pharmacy_finess"),
            text(row, "action"),
            text(row, "target"),
            text(row, "prescription_number"),
            text(row, "ins_matricule"),
            text(row, "client_ip"),
            text(row, "user_agent"),
            ColumnType.number(row.get("http_status")).intValueExact(),
            text(row, "problem_code"));
    String hash = text(row, "hash");
    String previous = text(row, "previous_hash");
    if (hash == null || previous == null || !AuditChain.link(previous, original).equals(hash)) {
      throw ArchiveCheck.invalid(
          "audit.jsonl : l'enregistrement "
              + original.seq()
              + " ne correspond pas à son empreinte d'origine (journal modifié).");
    }
    // in the order of the chain; two records that followed each other there still do
    if (original.seq() <= lastAuditSeq
        || (original.seq() == lastAuditSeq + 1 && !previous.equals(lastAuditHash))) {
      throw ArchiveCheck.invalid(
          "audit.jsonl : l'enregistrement "
              + original.seq()
              + " n'est pas à sa place dans la chaîne d'origine.");
    }
    lastAuditSeq = original.seq();
    lastAuditHash = hash;
    AuditRecord appended = AuditLog.appendWithin(h, original);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_import_origin (seq, export_id, original_seq, original_hash, previous_hash)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, appended.seq());
      ps.setString(2, manifest.exportId());
      ps.setLong(3, original.seq());
      ps.setString(4, hash);
      ps.setString(5, previous);
      ps.executeUpdate();
    }
  }

  private static String text(JsonObject row, String name) {
    JsonValue v = row.get(name);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : ColumnType.text(v);
  }
}
