package fr.officine.segur.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.event.EventData;
import fr.officine.segur.api.event.EventType;
import fr.officine.segur.api.event.EventView;
import fr.officine.segur.api.portability.ImportView;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.audit.AuditLog;
import fr.officine.segur.audit.AuditRecord;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.event.EventLog;
import fr.officine.segur.event.FeedEvents;
import fr.officine.segur.http.JsonCodec;
import fr.officine.segur.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive of one pharmacy (issue 15 §4) on H2 with the production migrations: what it holds,
 * that it restores byte for byte into an empty database, and every way an archive is refused. The
 * end-to-end proof through two running modules and the sandbox is DmpFeedIT's.
 */
class PharmacyExportTest {
  static final String A = "690100011";
  static final String B = "690100029";
  static final String A_PATIENT = "2751263220749";
  static final String B_PATIENT = "1800320204012";

  @TempDir Path tmp;
  Database source;
  List<String> aDispensations = new ArrayList<>();
  String bDispensation;

  @BeforeEach
  void pharmaciesWithData() throws Exception {
    source = database();
    AuditLog audit = new AuditLog(source);
    for (int i = 0; i < 3; i++) {
      aDispensations.add(dispensation(source, A, "titulaire", "01S2TBPZ2JCNZZYGH" + i, A_PATIENT));
      // the two pharmacies' records interleave in the one chain of the instance
      audit.append(access("titulaire", A, "PRESCRIPTION_CONSULT", A_PATIENT));
      audit.append(access("confrere", B, "PRESCRIPTION_CONSULT", B_PATIENT));
    }
    bDispensation = dispensation(source, B, "confrere", "01S2TBPZ2JCNZZYGHB", B_PATIENT);
    identity(source, A, A_PATIENT, "titulaire");
    identity(source, B, B_PATIENT, "confrere");
    unknownDelivery(source, A, aDispensations.get(0), "titulaire");
    unknownDelivery(source, B, bDispensation, "confrere");
    // the pharmacies' event feeds, as the stores write them: A 1..4, B 1..2
    FeedEvents feed = FeedEvents.on(source);
    source.useTransaction(
        h -> {
          aDispensations.forEach(id -> feed.dispensationMoved(h, id));
          feed.dispensationMoved(h, bDispensation);
        });
    source.useTransaction(h -> feed.insQualified(h, A, A_PATIENT));
    source.useTransaction(h -> feed.insQualified(h, B, B_PATIENT));
  }

  @Test
  void the_archive_holds_every_file_with_its_checksum_and_nothing_of_another_pharmacy()
      throws Exception {
    Map<String, byte[]> entries = unzip(export(source, A));

    Set<String> expected = new HashSet<>(Set.of(ExportedFile.MANIFEST, ExportReadme.NAME));
    for (ExportedFile f : ExportedFile.values()) {
      expected.add(f.fileName());
    }
    for (String id : aDispensations) {
      expected.add("documents/" + id + ".cda.xml");
      expected.add("documents/" + id + ".pdf");
    }
    assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(expected);

    JsonObject manifest = json(entries.get(ExportedFile.MANIFEST));
    assertThat(manifest.getInt("formatVersion")).isEqualTo(ExportedFile.FORMAT_VERSION);
    assertThat(manifest.getString("pharmacyFiness")).isEqualTo(A);
    assertThat(manifest.getJsonArray("files")).hasSize(entries.size() - 1);
    for (JsonObject f : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
      byte[] bytes = entries.get(f.getString("path"));
      assertThat(bytes).as(f.getString("path")).hasSize(f.getInt("bytes"));
      assertThat(sha256(bytes)).as(f.getString("path")).isEqualTo(f.getString("sha256"));
    }
    assertThat(lines(entries.get("dispensations.jsonl"))).hasSize(3);
    assertThat(lines(entries.get("audit.jsonl"))).hasSize(3);
    assertThat(lines(entries.get("identities.jsonl"))).hasSize(1);
    assertThat(lines(entries.get("unknown_product_deliveries.jsonl"))).hasSize(1);
    assertThat(lines(entries.get("events.jsonl"))).hasSize(4);
    assertThat(lines(entries.get("event_sequence.jsonl")))
        .singleElement()
        .asString()
        .contains("\"last_id\":4");
    assertThat(entries.get("documents/" + aDispensations.get(0) + ".pdf"))
        .isEqualTo(pdf(aDispensations.get(0)));

    // pharmacy B's FINESS, dispensation, patient and logins are nowhere in any file
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      String text = new String(e.getValue(), StandardCharsets.ISO_8859_1);
      assertThat(text).as(e.getKey()).doesNotContain(B, bDispensation, B_PATIENT, "confrere");
    }
  }

  @Test
  void an_import_into_an_empty_database_restores_the_same_rows_and_bytes_and_a_valid_audit_chain()
      throws Exception {
    Path archive = export(source, A);
    Database target = database();
    new AuditLog(target).append(access("titulaire", A, "LOGIN", null));

    ImportView view = imports(target).importArchive(Files.newInputStream(archive), A);

    assertThat(view.pharmacyFiness()).isEqualTo(A);
    assertThat(view.rows())
        .containsEntry("dispensations.jsonl", 3L)
        .containsEntry("audit.jsonl", 3L);
    assertThat(view.documents()).isEqualTo(6);
    for (ExportedFile f : ExportedFile.values()) {
      if (f == ExportedFile.AUDIT) {
        continue;
      }
      assertThat(rows(target, f)).as(f.fileName()).isEqualTo(rows(source, f));
    }
    for (String id : aDispensations) {
      assertThat(blob(target, id, "cda")).isEqualTo(blob(source, id, "cda"));
      assertThat(blob(target, id, "pdf")).isEqualTo(pdf(id));
    }
    // the audit: same records (other seq), the target's chain valid, each original hash kept
    List<Map<String, Object>> before = rows(source, ExportedFile.AUDIT);
    List<Map<String, Object>> after = rows(target, ExportedFile.AUDIT);
    assertThat(after).hasSize(before.size() + 1);
    assertThat(strip(after.subList(1, after.size()))).isEqualTo(strip(before));
    assertThat(new AuditLog(target).verify().valid()).isTrue();
    assertThat(originalHashes(target))
        .containsExactlyElementsOf(before.stream().map(r -> (String) r.get("hash")).toList());
    // an imported account that did not exist opens no session
    String adjointPassword =
        target.jdbcRead(c -> text(c, "SELECT password_hash FROM account WHERE login = 'adjoint'"));
    assertThat(adjointPassword).isEqualTo(ImportRestore.NO_PASSWORD);
    // the feed goes on where it was: an LGO resuming after event 4 on the new instance gets 5
    EventLog events = new EventLog(target, new JsonCodec());
    assertThat(events.after(A, 0, 10)).extracting(EventView::id).containsExactly(1L, 2L, 3L, 4L);
    long next =
        target.inTransaction(
            h -> events.append(h, A, EventType.INS_QUALIFIED, EventData.identity(A_PATIENT)));
    assertThat(next).isEqualTo(5L);
  }

  @Test
  void a_second_import_into_a_pharmacy_that_has_data_is_refused_and_changes_nothing()
      throws Exception {
    Path archive = export(source, A);
    Database target = database();
    imports(target).importArchive(Files.newInputStream(archive), A);
    long audit = count(target, "audit_record");

    assertProblem(
        () -> imports(target).importArchive(Files.newInputStream(archive), A),
        ProblemType.IMPORT_PHARMACY_NOT_EMPTY);
    assertThat(count(target, "audit_record")).isEqualTo(audit);
    assertThat(count(target, "dispensation")).isEqualTo(3);
  }

  @Test
  void an_archive_of_another_pharmacy_is_refused() throws Exception {
    Path archive = export(source, A);
    assertProblem(
        () -> imports(database()).importArchive(Files.newInputStream(archive), B),
        ProblemType.IMPORT_OTHER_PHARMACY);
  }

  @Test
  void a_byte_changed_in_a_file_is_refused_by_its_checksum_and_nothing_is_restored()
      throws Exception {
    byte[] tampered =
        rewrite(
            export(source, A),
            Map.of("dispensations.jsonl", s -> s.replace("RECORDED", "REFUSED!")),
            false);
    Database target = database();
    assertProblem(
        () -> imports(target).importArchive(new ByteArrayInputStream(tampered), A),
        ProblemType.IMPORT_CHECKSUM_MISMATCH);
    assertThat(count(target, "dispensation")).isZero();
  }

  @Test
  void
      a_row_of_another_pharmacy_slipped_in_with_recomputed_checksums_is_refused_and_nothing_is_restored()
          throws Exception {
    byte[] crafted =
        rewrite(
            export(source, A),
            Map.of(
                "identities.jsonl",
                s ->
                    s
                        + s.replace(
                                "\"pharmacy_finess\":\"" + A + "\"",
                                "\"pharmacy_finess\":\"" + B + "\"")
                            .replace(A_PATIENT, "1010101010101")),
            true);
    Database target = database();
    assertProblem(
        () -> imports(target).importArchive(new ByteArrayInputStream(crafted), A),
        ProblemType.IMPORT_OTHER_PHARMACY);
    assertThat(count(target, "dispensation")).isZero();
    assertThat(count(target, "patient_identity")).isZero();
  }

  @Test
  void an_audit_record_edited_with_recomputed_checksums_is_refused() throws Exception {
    byte[] crafted =
        rewrite(
            export(source, A),
            Map.of("audit.jsonl", s -> s.replaceFirst("PRESCRIPTION_CONSULT", "LOGIN")),
            true);
    Database target = database();
    assertProblem(
        () -> imports(target).importArchive(new ByteArrayInputStream(crafted), A),
        ProblemType.IMPORT_ARCHIVE_INVALID);
    assertThat(count(target, "dispensation")).isZero();
  }

  @Test
  void a_path_outside_the_archive_is_refused_before_anything_is_inflated() throws Exception {
    byte[] zip =
        zip(Map.of("manifest.json", "{}".getBytes(), "../../etc/cron.d/evil", "x".getBytes()));
    assertProblem(
        () -> imports(database()).importArchive(new ByteArrayInputStream(zip), A),
        ProblemType.IMPORT_ARCHIVE_UNSAFE);
    byte[] absolute = zip(Map.of("/tmp/evil.jsonl", "x".getBytes()));
    assertProblem(
        () -> imports(database()).importArchive(new ByteArrayInputStream(absolute), A),
        ProblemType.IMPORT_ARCHIVE_UNSAFE);
  }

  @Test
  void a_zip_bomb_is_refused_while_inflating_whatever_its_manifest_declares() throws Exception {
    // 64 MiB of zeros compress to about 64 KiB; the manifest claims them, the ratio gives them away
    long size = 64L << 20;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("audit.jsonl"));
      byte[] zeros = new byte[1 << 20];
      for (long n = 0; n < size; n += zeros.length) {
        zip.write(zeros);
      }
      zip.closeEntry();
      for (ExportedFile f : ExportedFile.values()) {
        if (f != ExportedFile.AUDIT) {
          zip.putNextEntry(new ZipEntry(f.fileName()));
          zip.closeEntry();
        }
      }
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write(
          ("{\"format\":\"officine-segur-export\",\"formatVersion\":"
                  + ExportedFile.FORMAT_VERSION
                  + ",\"exportId\":\"x\",\"pharmacyFiness\":\""
                  + A
                  + "\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"files\":[{\"path\":\"audit.jsonl\",\"bytes\":"
                  + size
                  + ",\"sha256\":\"00\"}"
                  + otherFiles()
                  + "]}")
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    assertThat(bytes.size()).isLessThan(1 << 20);
    assertProblem(
        () -> imports(database()).importArchive(new ByteArrayInputStream(bytes.toByteArray()), A),
        ProblemType.IMPORT_ARCHIVE_UNSAFE);
  }

  @Test
  void a_manifest_that_inflates_like_a_bomb_is_refused_as_unsafe_in_french() throws Exception {
    // a manifest of 8 MiB of spaces: valid JSON once inflated, but it inflates a thousand times
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("manifest.json"));
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int n = 0; n < 8; n++) {
        zip.write(spaces);
      }
      zip.write("{}".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    assertThatThrownBy(
            () ->
                imports(database()).importArchive(new ByteArrayInputStream(bytes.toByteArray()), A))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).as(p.detail()).isEqualTo(ProblemType.IMPORT_ARCHIVE_UNSAFE);
              // was « manifest.json illisible : inflates too much », the stream's English words
              assertThat(p.detail()).startsWith("manifest.json se décompresse bien au-delà");
            });
  }

  @Test
  void what_is_not_a_zip_is_refused_clearly() {
    assertProblem(
        () ->
            imports(database())
                .importArchive(new ByteArrayInputStream("PK? not really".getBytes()), A),
        ProblemType.IMPORT_ARCHIVE_INVALID);
  }

  @Test
  void every_column_of_an_exported_table_is_exported_or_left_out_with_its_reason()
      throws Exception {
    List<String> forgotten = new ArrayList<>();
    source.jdbcRead(
        c -> {
          for (ExportedFile f : ExportedFile.values()) {
            Set<String> exported = new HashSet<>();
            f.columns().forEach(col -> exported.add(col.name()));
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT LOWER(column_name) FROM information_schema.columns WHERE LOWER(table_name) = ?")) {
              ps.setString(1, f.table());
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  String column = rs.getString(1);
                  if (!exported.contains(column)
                      && !ExportedFile.NOT_EXPORTED.contains(f.table() + "." + column)) {
                    forgotten.add(f.table() + "." + column);
                  }
                }
              }
            }
          }
          return null;
        });
    assertThat(forgotten)
        .as(
            "a column added to an exported table: export it (ExportedFile, README, FORMAT_VERSION) or list it in NOT_EXPORTED")
        .isEmpty();
  }

  /**
   * Issue 15 §4: everything of the pharmacy. Every table of the schema is exported or listed in
   * {@link ExportedFile#NOT_EXPORTED_TABLES} with the reason it is not the pharmacy's data.
   */
  @Test
  void every_table_of_the_schema_is_exported_or_left_out_with_its_reason() throws Exception {
    Set<String> exported = new HashSet<>();
    for (ExportedFile f : ExportedFile.values()) {
      exported.add(f.table());
    }
    List<String> forgotten = new ArrayList<>();
    source.jdbcRead(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT LOWER(table_name) FROM information_schema.tables WHERE LOWER(table_schema) = 'public'"
                          + " AND table_type IN ('BASE TABLE', 'TABLE')");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String table = rs.getString(1);
              if (!exported.contains(table) && !ExportedFile.NOT_EXPORTED_TABLES.contains(table)) {
                forgotten.add(table);
              }
            }
          }
          return null;
        });
    assertThat(forgotten)
        .as(
            "a table added to the schema: export it (ExportedFile, README, FORMAT_VERSION) or list it in NOT_EXPORTED_TABLES")
        .isEmpty();
  }

  // --- helpers

  static String otherFiles() {
    StringBuilder b = new StringBuilder();
    for (ExportedFile f : ExportedFile.values()) {
      if (f != ExportedFile.AUDIT) {
        b.append(",{\"path\":\"").append(f.fileName()).append("\",\"bytes\":0,\"sha256\":\"00\"}");
      }
    }
    return b.toString();
  }

  Imports imports(Database target) {
    return new Imports(target, ArchiveLimits.DEFAULTS, tmp.resolve("imports"));
  }

  Path export(Database db, String finess) throws Exception {
    Path file = Files.createTempFile(tmp, "export-", ".zip");
    long[] last = {0};
    db.jdbcRead(
        c -> {
          try (OutputStream out = Files.newOutputStream(file)) {
            ExportWriter writer = new ExportWriter(c, finess, n -> last[0] = n);
            long total = writer.total();
            writer.write(UUID.randomUUID().toString(), Instant.now(), out);
            assertThat(last[0]).as("progress reaches the total").isEqualTo(total);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          return null;
        });
    return file;
  }

  static Database database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:export-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    Database db = new Database(h2);
    db.jdbcTransaction(
        c -> {
          exec(
              c,
              "INSERT INTO pharmacy (finess, name, city) VALUES ('"
                  + A
                  + "', 'Pharmacie du Marché', 'Lyon')");
          exec(
              c,
              "INSERT INTO pharmacy (finess, name, city) VALUES ('"
                  + B
                  + "', 'Pharmacie des Arcades', 'Villeurbanne')");
          exec(
              c,
              "INSERT INTO account (login, password_hash, rpps, last_name, first_name, role, pharmacy_finess)"
                  + " VALUES ('titulaire', 'x', '10100000016', 'MARTIN', 'Claire', 'TITULAIRE', '"
                  + A
                  + "')");
          exec(
              c,
              "INSERT INTO account (login, password_hash, rpps, last_name, first_name, role, pharmacy_finess)"
                  + " VALUES ('confrere', 'x', null, 'DURAND', 'Paul', 'TITULAIRE', '"
                  + B
                  + "')");
          return null;
        });
    return db;
  }

  /** A pharmacy's adjoint exists only in the source (to show an imported account). */
  static String dispensation(Database db, String finess, String login, String number, String ins) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    db.jdbcTransaction(
        c -> {
          if (finess.equals(A)) {
            exec(
                c,
                "MERGE INTO account (login, password_hash, rpps, last_name, first_name, role, pharmacy_finess)"
                    + " KEY (login) VALUES ('adjoint', 'y', null, 'PETIT', 'Léa', 'ADJOINT', '"
                    + A
                    + "')");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO dispensation (id, prescription_number, pharmacy_finess, pharmacy_name, login, rpps,"
                      + " pharmacist_name, status, created_at, updated_at, attempts) VALUES (?, ?, ?, 'P', ?, null,"
                      + " 'Claire MARTIN', 'RECORDED', ?, ?, 1)")) {
            ps.setString(1, id);
            ps.setString(2, number);
            ps.setString(3, finess);
            ps.setString(4, login);
            ps.setObject(5, now);
            ps.setObject(6, now);
            ps.executeUpdate();
          }
          exec(
              c,
              "INSERT INTO dispensation_line (dispensation_id, line_no, line_id, quantity, accepted_quantity,"
                  + " completeness_code, remaining_quantity, box_lot, box_expiry) VALUES ('"
                  + id
                  + "', 1, 'L1', 2, 2, 'FFC', 0,"
                  + " 'K75-2501', DATE '2027-05-31')");
          exec(
              c,
              "INSERT INTO dispensation_handwritten_line (dispensation_id, line_no, label, quantity)"
                  + " VALUES ('"
                  + id
                  + "', 1, 'Sérum physiologique', 1)");
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO dispensation_document (dispensation_id, unique_id, cda, pdf, metadata, patient_ins,"
                      + " patient_ins_oid, author_rpps, author_family_name, author_given_name, author_role, created_at)"
                      + " VALUES (?, ?, ?, ?, 'k=v', ?, '1.2.250.1.213.1.4.10', '10100000016', 'MARTIN', 'Claire', '21', ?)")) {
            ps.setString(1, id);
            ps.setString(2, "2.25." + Math.abs(id.hashCode()));
            ps.setBytes(
                3,
                ("<ClinicalDocument>" + ins + "</ClinicalDocument>")
                    .getBytes(StandardCharsets.UTF_8));
            ps.setBytes(4, pdfBytes(id));
            ps.setString(5, ins);
            ps.setObject(6, now);
            ps.executeUpdate();
          }
          exec(
              c,
              "INSERT INTO outbox (id, target, dispensation_id, pharmacy_finess, state, reason, attempts,"
                  + " next_attempt_at, created_at, updated_at) VALUES ('"
                  + UUID.randomUUID()
                  + "', 'DMP', '"
                  + id
                  + "', '"
                  + finess
                  + "', 'SENT', null, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
          exec(
              c,
              "INSERT INTO dispensation_number (pharmacy_finess, local_number, dispensation_id)"
                  + " VALUES ('"
                  + finess
                  + "', (SELECT COALESCE(MAX(local_number), 0) + 1 FROM dispensation_number"
                  + " WHERE pharmacy_finess = '"
                  + finess
                  + "'), '"
                  + id
                  + "')");
          return null;
        });
    return id;
  }

  static void identity(Database db, String finess, String ins, String login) {
    db.jdbcTransaction(
        c -> {
          exec(
              c,
              "INSERT INTO patient_identity (pharmacy_finess, matricule, ins_key, oid, status, birth_name,"
                  + " first_names, sex, birth_date, retrieved_at, retrieved_by, qualified_at, qualified_by, document_type)"
                  + " VALUES ('"
                  + finess
                  + "', '"
                  + ins
                  + "', '74', '1.2.250.1.213.1.4.10', 'QUALIFIEE', 'ADRUN', 'ZOE', 'F',"
                  + " DATE '1975-12-31', CURRENT_TIMESTAMP, '"
                  + login
                  + "', CURRENT_TIMESTAMP, '"
                  + login
                  + "', 'PASSEPORT')");
          return null;
        });
  }

  static void unknownDelivery(Database db, String finess, String dispensationId, String login) {
    db.jdbcTransaction(
        c -> {
          exec(
              c,
              "INSERT INTO unknown_product_delivery (id, dispensation_id, prescription_number, line_id, label,"
                  + " quantity, pharmacy_finess, login, pharmacist_name, delivered_at, state, resolution_note, resolved_by,"
                  + " resolved_at) VALUES ('"
                  + UUID.randomUUID()
                  + "', '"
                  + dispensationId
                  + "', '01S2TBPZ2JCNZZYGH0',"
                  + " 'L9', 'LARMES ARTIFICIELLES', 1, '"
                  + finess
                  + "', '"
                  + login
                  + "', 'X', CURRENT_TIMESTAMP, 'RESOLVED',"
                  + " 'facturé hors ordonnance', 'Claire MARTIN', CURRENT_TIMESTAMP)");
          return null;
        });
  }

  static AuditRecord access(String login, String finess, String action, String ins) {
    return new AuditRecord(
        0,
        Instant.now(),
        login,
        null,
        "TITULAIRE",
        finess,
        action,
        null,
        null,
        ins,
        "127.0.0.1",
        "JUnit",
        200,
        null);
  }

  static byte[] pdfBytes(String id) {
    byte[] b = new byte[4096];
    new java.util.Random(id.hashCode()).nextBytes(b);
    return b;
  }

  byte[] pdf(String id) {
    return pdfBytes(id);
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeUpdate();
    }
  }

  static long count(Database db, String table) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  static String text(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** The file's rows of pharmacy A as the export reads them. */
  static List<Map<String, Object>> rows(Database db, ExportedFile f) {
    return db.jdbcRead(
        c -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(f.selectSql())) {
            ps.setString(1, A);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Column col : f.columns()) {
                  row.put(col.name(), rs.getObject(col.name()));
                }
                rows.add(row);
              }
            }
          }
          return rows;
        });
  }

  static List<Map<String, Object>> strip(List<Map<String, Object>> audit) {
    return audit.stream()
        .map(
            r -> {
              Map<String, Object> copy = new LinkedHashMap<>(r);
              copy.remove("seq");
              copy.remove("hash");
              copy.remove("previous_hash");
              return copy;
            })
        .toList();
  }

  static List<String> originalHashes(Database db) {
    return db.jdbcRead(
        c -> {
          List<String> hashes = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT original_hash FROM audit_import_origin ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              hashes.add(rs.getString(1));
            }
          }
          return hashes;
        });
  }

  static byte[] blob(Database db, String id, String column) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + column + " FROM dispensation_document WHERE dispensation_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getBytes(1);
            }
          }
        });
  }

  static Map<String, byte[]> unzip(Path file) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * The archive with some files edited; with {@code fixManifest}, as a forger would, checksums
   * recomputed.
   */
  static byte[] rewrite(Path archive, Map<String, UnaryOperator<String>> edits, boolean fixManifest)
      throws IOException {
    Map<String, byte[]> entries = unzip(archive);
    edits.forEach(
        (name, edit) ->
            entries.put(
                name,
                edit.apply(new String(entries.get(name), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8)));
    if (fixManifest) {
      JsonObject manifest = json(entries.get(ExportedFile.MANIFEST));
      var files = Json.createArrayBuilder();
      for (JsonObject f : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
        byte[] bytes = entries.get(f.getString("path"));
        var b = Json.createObjectBuilder(f).add("bytes", bytes.length).add("sha256", sha256(bytes));
        if (f.containsKey("rows")) {
          b.add("rows", lines(bytes).size());
        }
        files.add(b);
      }
      entries.put(
          ExportedFile.MANIFEST,
          Json.createObjectBuilder(manifest)
              .add("files", files)
              .build()
              .toString()
              .getBytes(StandardCharsets.UTF_8));
    }
    return zip(entries);
  }

  static JsonObject json(byte[] bytes) {
    try (var reader =
        Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
      return reader.readObject();
    }
  }

  static List<String> lines(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertProblem(ThrowingRunnable call, ProblemType type) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ProblemException.class, p -> assertThat(p.type()).as(p.detail()).isEqualTo(type));
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static InputStream stream(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}
