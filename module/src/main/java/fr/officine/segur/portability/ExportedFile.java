package fr.officine.segur.portability;

import static fr.officine.segur.portability.ColumnType.BIGINT;
import static fr.officine.segur.portability.ColumnType.DATE;
import static fr.officine.segur.portability.ColumnType.FILE;
import static fr.officine.segur.portability.ColumnType.INTEGER;
import static fr.officine.segur.portability.ColumnType.TEXT;
import static fr.officine.segur.portability.ColumnType.TIMESTAMP;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files of an export archive (format {@link #FORMAT_VERSION}), in the order they are written
 * and restored (a dispensation before its lines): one JSON Lines file per table ({@code .jsonl}:
 * one JSON object per line, UTF-8, field names = the table's columns), each row belonging to the
 * acting pharmacy, either by its own {@code pharmacy_finess} or through its dispensation. The one
 * list the export, the import, the README's table and the test of forgotten columns read.
 *
 * <p>Format version 2 (1 had no event feed). A change that removes or renames a field, or changes
 * its meaning, is a new version; adding a file or a field is not (an importer ignores neither: it
 * refuses an unknown field, so the version is raised with every addition too, see README « Export
 * des données »).
 */
enum ExportedFile {
  PHARMACY(
      "pharmacy.jsonl",
      "la pharmacie (FINESS, nom, adresse)",
      Rows.where("pharmacy", "WHERE t.finess = ?"),
      "t.finess",
      List.of(
          Column.of("finess", TEXT),
          Column.of("name", TEXT),
          Column.of("city", TEXT),
          Column.of("street", TEXT),
          Column.of("postal_code", TEXT))),
  ACCOUNTS(
      "accounts.jsonl",
      "les comptes de ses professionnels (sans mot de passe)",
      Rows.own("account"),
      "t.login",
      List.of(
          Column.of("login", TEXT),
          Column.of("rpps", TEXT),
          Column.of("last_name", TEXT),
          Column.of("first_name", TEXT),
          Column.of("role", TEXT),
          Column.of("pharmacy_finess", TEXT))),
  DISPENSATIONS(
      "dispensations.jsonl",
      "les délivrances (exécutions transmises à la base ordonnance numérique)",
      Rows.own("dispensation"),
      "t.created_at, t.id",
      List.of(
          Column.of("id", TEXT),
          Column.of("prescription_number", TEXT),
          Column.of("pharmacy_finess", TEXT),
          Column.of("pharmacy_name", TEXT),
          Column.of("login", TEXT),
          Column.of("rpps", TEXT),
          Column.of("pharmacist_name", TEXT),
          Column.of("status", TEXT),
          Column.of("created_at", TIMESTAMP),
          Column.of("updated_at", TIMESTAMP),
          Column.of("attempts", INTEGER),
          Column.of("last_attempt_at", TIMESTAMP),
          Column.of("prescription_status", TEXT),
          Column.of("problem_code", TEXT),
          Column.of("problem_detail", TEXT),
          Column.of("problem_line_id", TEXT),
          Column.of("auth_mode", TEXT),
          Column.of("settled_at", TIMESTAMP),
          Column.of("settled_by", TEXT))),
  DISPENSATION_NUMBERS(
      "dispensation_numbers.jsonl",
      "le numéro de délivrance propre à la pharmacie",
      Rows.throughDispensation("dispensation_number"),
      "t.local_number",
      List.of(
          Column.of("pharmacy_finess", TEXT),
          Column.of("local_number", BIGINT),
          Column.of("dispensation_id", TEXT))),
  DISPENSATION_LINES(
      "dispensation_lines.jsonl",
      "les lignes délivrées (quantités, substitutions, lot, péremption)",
      Rows.throughDispensation("dispensation_line"),
      "t.dispensation_id, t.line_no",
      List.of(
          Column.of("dispensation_id", TEXT),
          Column.of("line_no", INTEGER),
          Column.of("line_id", TEXT),
          Column.of("quantity", INTEGER),
          Column.of("delivered_cip13", TEXT),
          Column.of("delivered_label", TEXT),
          Column.of("not_delivered_reason", TEXT),
          Column.of("accepted_quantity", INTEGER),
          Column.of("completeness_code", TEXT),
          Column.of("remaining_quantity", INTEGER),
          Column.of("box_lot", TEXT),
          Column.of("box_expiry", DATE),
          Column.of("box_serial", TEXT))),
  HANDWRITTEN_LINES(
      "dispensation_handwritten_lines.jsonl",
      "les mentions manuscrites délivrées",
      Rows.throughDispensation("dispensation_handwritten_line"),
      "t.dispensation_id, t.line_no",
      List.of(
          Column.of("dispensation_id", TEXT),
          Column.of("line_no", INTEGER),
          Column.of("cip13", TEXT),
          Column.of("label", TEXT),
          Column.of("quantity", INTEGER))),
  DOCUMENTS(
      "documents.jsonl",
      "les documents de délivrance : CDA R2 (documents/<id>.cda.xml) et PDF (documents/<id>.pdf)",
      Rows.throughDispensation("dispensation_document"),
      "t.dispensation_id",
      List.of(
          Column.of("dispensation_id", TEXT),
          Column.of("unique_id", TEXT),
          // the CDA R2 (eDISP) and the PDF as stored and sent, byte for byte, in their own entries
          new Column("cda", FILE, "'documents/' || t.dispensation_id || '.cda.xml'"),
          new Column("pdf", FILE, "'documents/' || t.dispensation_id || '.pdf'"),
          Column.of("metadata", TEXT),
          Column.of("patient_ins", TEXT),
          Column.of("patient_ins_oid", TEXT),
          Column.of("author_rpps", TEXT),
          Column.of("author_family_name", TEXT),
          Column.of("author_given_name", TEXT),
          Column.of("author_role", TEXT),
          Column.of("created_at", TIMESTAMP))),
  SENDS(
      "sends.jsonl",
      "l'historique des envois de chaque délivrance (DMP, DP, MSSanté)",
      Rows.throughDispensation("outbox"),
      "t.dispensation_id, t.target",
      List.of(
          Column.of("id", TEXT),
          Column.of("target", TEXT),
          Column.of("dispensation_id", TEXT),
          Column.of("pharmacy_finess", TEXT),
          Column.of("state", TEXT),
          Column.of("reason", TEXT),
          // the reason's code of the catalogue (api SendReason, V16): what an LGO switches on
          Column.of("reason_code", TEXT),
          Column.of("attempts", INTEGER),
          Column.of("next_attempt_at", TIMESTAMP),
          Column.of("last_attempt_at", TIMESTAMP),
          Column.of("created_at", TIMESTAMP),
          Column.of("updated_at", TIMESTAMP))),
  UNKNOWN_PRODUCT_DELIVERIES(
      "unknown_product_deliveries.jsonl",
      "les lignes « produit inconnu de la base » et leur régularisation",
      Rows.own("unknown_product_delivery"),
      "t.delivered_at, t.id",
      List.of(
          Column.of("id", TEXT),
          Column.of("dispensation_id", TEXT),
          Column.of("prescription_number", TEXT),
          Column.of("line_id", TEXT),
          Column.of("product_code", TEXT),
          Column.of("code_system", TEXT),
          Column.of("label", TEXT),
          Column.of("quantity", INTEGER),
          Column.of("pharmacy_finess", TEXT),
          Column.of("login", TEXT),
          Column.of("pharmacist_name", TEXT),
          Column.of("delivered_at", TIMESTAMP),
          // the reconciliation: PENDING_RECONCILIATION, then RESOLVED with its note
          Column.of("state", TEXT),
          Column.of("resolution_note", TEXT),
          Column.of("resolved_by", TEXT),
          Column.of("resolved_at", TIMESTAMP))),
  IDENTITIES(
      "identities.jsonl",
      "les identités INS récupérées par l'INSi et leur qualification",
      Rows.own("patient_identity"),
      "t.matricule",
      List.of(
          Column.of("pharmacy_finess", TEXT),
          Column.of("matricule", TEXT),
          Column.of("ins_key", TEXT),
          Column.of("oid", TEXT),
          Column.of("status", TEXT),
          Column.of("birth_name", TEXT),
          Column.of("first_names", TEXT),
          Column.of("sex", TEXT),
          Column.of("birth_date", DATE),
          Column.of("birth_place", TEXT),
          Column.of("retrieved_at", TIMESTAMP),
          Column.of("retrieved_by", TEXT),
          Column.of("qualified_at", TIMESTAMP),
          Column.of("qualified_by", TEXT),
          Column.of("qualified_by_name", TEXT),
          Column.of("qualified_by_rpps", TEXT),
          Column.of("document_type", TEXT))),
  EVENTS(
      "events.jsonl",
      "le fil d'événements de la pharmacie suivi par le LGO (GET /api/v1/events), mêmes numéros",
      Rows.own("pharmacy_event"),
      "t.id",
      List.of(
          // the event feed an LGO follows (GET /api/v1/events): same ids on the new instance, so a
          // client resuming after id n there misses nothing and sees nothing twice
          Column.of("pharmacy_finess", TEXT),
          Column.of("id", BIGINT),
          Column.of("type", TEXT),
          Column.of("occurred_at", TIMESTAMP),
          // null for an event of no dispensation (INS_QUALIFIED)
          Column.of("dispensation_id", TEXT),
          Column.of("data", TEXT))),
  EVENT_SEQUENCE(
      "event_sequence.jsonl",
      "le dernier numéro d'événement : le module importateur continue après lui",
      Rows.own("pharmacy_event_sequence"),
      "t.pharmacy_finess",
      // the feed's last id: the new instance's next event follows it
      List.of(Column.of("pharmacy_finess", TEXT), Column.of("last_id", BIGINT))),
  AUDIT(
      "audit.jsonl",
      "le journal des accès (chaîné : hash = SHA-256(previous_hash || enregistrement))",
      Rows.where(
          "audit_record",
          "LEFT JOIN audit_record p ON p.seq = t.seq - 1 WHERE t.pharmacy_finess = ?"),
      "t.seq",
      List.of(
          Column.of("seq", BIGINT),
          Column.of("occurred_at", TIMESTAMP),
          Column.of("login", TEXT),
          Column.of("rpps", TEXT),
          Column.of("role", TEXT),
          Column.of("pharmacy_finess", TEXT),
          Column.of("action", TEXT),
          Column.of("target", TEXT),
          Column.of("prescription_number", TEXT),
          Column.of("ins_matricule", TEXT),
          Column.of("client_ip", TEXT),
          Column.of("user_agent", TEXT),
          Column.of("http_status", INTEGER),
          Column.of("problem_code", TEXT),
          Column.of("hash", TEXT),
          // the hash of the record just before in the instance's chain (another pharmacy's, or
          // the genesis): with it each exported record's hash can be checked on its own
          Column.computed(
              "previous_hash",
              TEXT,
              "CASE WHEN t.seq = 1 THEN '" + "0".repeat(64) + "' ELSE p.hash END")));

  /** The version of the archive's layout, in the manifest; the import refuses another. */
  static final int FORMAT_VERSION = 2;

  static final String MANIFEST = "manifest.json";

  /** Columns of the exported tables that are deliberately left out, with the reason. */
  static final Set<String> NOT_EXPORTED =
      Set.of(
          // a secret of this instance: the imported accounts get no password (set it again)
          "account.password_hash",
          // a node's claim on a send of this instance (V20), meaningless on another
          "outbox.lease_until",
          "outbox.claimed_by");

  /** The column by which a row names its pharmacy: checked at import wherever a table has it. */
  static final String PHARMACY_COLUMN = "pharmacy_finess";

  /**
   * The column by which a row names its dispensation: one of the archive's, wherever a table has
   * it.
   */
  static final String DISPENSATION_COLUMN = "dispensation_id";

  /**
   * Which rows of {@code table} (alias {@code t}) are the pharmacy's, the FINESS being the one
   * parameter: {@code from} is the SQL after {@code FROM}.
   */
  record Rows(String table, String from) {
    /** Rows that carry their own {@code pharmacy_finess}. */
    static Rows own(String table) {
      return where(table, "WHERE t." + PHARMACY_COLUMN + " = ?");
    }

    /** Rows of the pharmacy's dispensations. */
    static Rows throughDispensation(String table) {
      return where(
          table,
          "JOIN dispensation d ON d.id = t."
              + DISPENSATION_COLUMN
              + " WHERE d.pharmacy_finess = ?");
    }

    static Rows where(String table, String clause) {
      return new Rows(table, table + " t " + clause);
    }
  }

  /**
   * The schema's tables that are not exported, each with the reason (none is the pharmacy's own
   * record: a secret of this instance, a working state, or a national fact). A new table is in
   * {@link ExportedFile} or here
   * (PharmacyExportTest#every_table_of_the_schema_is_exported_or_left_out_with_its_reason).
   */
  static final Set<String> NOT_EXPORTED_TABLES =
      Set.of(
          // the schema's own version (Flyway)
          "flyway_schema_history",
          // secrets and working state of this instance: sessions, stream tickets, login
          // throttling, idempotency keys (a replay is answered by the instance that recorded it),
          // the lock taken while arbitrating a line unknown to the base
          "app_session",
          "stream_ticket",
          "login_throttle",
          "idempotency_record",
          "prescription_lock",
          // the instance's audit chain: its head, its empty TRUNCATE guard (V6.2), and the
          // origin of records a previous import brought (the records are exported, each with the
          // hash it has in this chain)
          "audit_chain_head",
          "audit_record_truncate_guard",
          "audit_import_origin",
          // the exports' own trace on this instance (who took the data out, when)
          "data_export",
          // national facts, not the pharmacy's: the DP's lot recalls
          "dp_recalled_lot");

  private final String fileName;
  private final String description;
  private final Rows rows;
  private final String orderBy;
  private final List<Column> columns;

  ExportedFile(
      String fileName, String description, Rows rows, String orderBy, List<Column> columns) {
    this.fileName = fileName;
    this.description = description;
    this.rows = rows;
    this.orderBy = orderBy;
    this.columns = columns;
  }

  String fileName() {
    return fileName;
  }

  /** What the file holds, for the archive's README.txt (in French: the pharmacy reads it). */
  String description() {
    return description;
  }

  String table() {
    return rows.table();
  }

  List<Column> columns() {
    return columns;
  }

  /** The column that names the row's pharmacy (checked at import), when the table has one. */
  Optional<String> pharmacyColumn() {
    return column(PHARMACY_COLUMN);
  }

  /**
   * The column that names the row's dispensation (one of the archive's, checked at import), when
   * the table has one.
   */
  Optional<String> dispensationColumn() {
    return column(DISPENSATION_COLUMN);
  }

  private Optional<String> column(String name) {
    return columns.stream().map(Column::name).filter(name::equals).findFirst();
  }

  /** The rows of the pharmacy given as the one parameter, in a stable order. */
  String selectSql() {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      sql.append(i == 0 ? "" : ", ").append(c.expression()).append(" AS ").append(c.name());
    }
    return sql.append(" FROM ").append(rows.from()).append(" ORDER BY ").append(orderBy).toString();
  }

  String countSql() {
    return "SELECT COUNT(*) FROM " + rows.from();
  }

  /** The FILE columns' entries of the pharmacy, with the column that holds their bytes. */
  String blobSql(Column file) {
    return "SELECT "
        + file.expression()
        + " AS entry_name, t."
        + file.name()
        + " AS bytes FROM "
        + rows.from()
        + " ORDER BY "
        + orderBy;
  }
}
