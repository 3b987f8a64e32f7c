package fr.officine.segur.sandbox.eprescription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Plain JDBC over the sandbox base's tables. Every method runs in the caller's transaction. */
final class PrescriptionStore {

  /** An execution already recorded: enough to recognise a replay. */
  record StoredExecution(String executionId, String number, String contentHash) {}

  /** A prescription row before its parties and lines are attached. */
  private record Header(LocalDate prescribedOn, String scenario, String ins, String rpps) {}

  /** A delivery row with the line it belongs to. */
  private record LineDelivery(String lineId, Delivery delivery) {}

  /** Maps the current row of a result set. */
  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  // ------------------------------------------------------------ parties

  Optional<Patient> patient(Connection c, String ins) throws SQLException {
    return one(c, "SELECT * FROM patient WHERE ins = ?", PrescriptionStore::patientOf, ins);
  }

  Optional<Prescriber> prescriber(Connection c, String rpps) throws SQLException {
    return one(c, "SELECT * FROM prescriber WHERE rpps = ?", PrescriptionStore::prescriberOf, rpps);
  }

  void insertPatient(Connection c, Patient p) throws SQLException {
    update(
        c,
        "MERGE INTO patient (ins, oid, nom_naissance, prenom, date_naissance, sexe) KEY (ins)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        p.ins(), p.oid(), p.birthName(), p.firstName(), p.birthDate(), p.sex());
  }

  void insertPrescriber(Connection c, Prescriber p) throws SQLException {
    update(
        c,
        "MERGE INTO prescriber (rpps, nom, prenom, specialite, structure) KEY (rpps)"
            + " VALUES (?, ?, ?, ?, ?)",
        p.rpps(), p.lastName(), p.firstName(), p.specialty(), p.structure());
  }

  // ------------------------------------------------------------ prescriptions

  boolean exists(Connection c, String number) throws SQLException {
    return one(c, "SELECT 1 FROM prescription WHERE numero = ?", rs -> true, number).isPresent();
  }

  /**
   * Takes the row lock of the prescription until the transaction ends: two executions on the same
   * prescription are serialized, so neither can read a remaining quantity the other is consuming.
   */
  boolean lock(Connection c, String number) throws SQLException {
    return one(c, "SELECT numero FROM prescription WHERE numero = ? FOR UPDATE", rs -> true, number)
        .isPresent();
  }

  void insertPrescription(
      Connection c, String number, NewPrescription p, String scenario, OffsetDateTime now)
      throws SQLException {
    update(
        c,
        "INSERT INTO prescription (numero, date_prescription, prescriber_rpps, patient_ins,"
            + " scenario, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        number, p.prescribedOn(), p.prescriberRpps(), p.patientIns(), scenario, now);
    int position = 1;
    for (NewPrescription.NewLine line : p.lines()) {
      insertLine(c, number, "L" + position, position, line, false);
      position++;
    }
  }

  void insertLine(
      Connection c,
      String number,
      String lineId,
      int position,
      NewPrescription.NewLine line,
      boolean handwritten)
      throws SQLException {
    update(
        c,
        "INSERT INTO prescription_line (numero, id_ligne, position, code, systeme_code, libelle,"
            + " posologie, quantite, renouvellements, substituable, stupefiant, mention_manuscrite,"
            + " duree_traitement_jours, fractionnement_jours)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        number, lineId, position, line.product().code(), line.product().codeSystem(),
        line.product().label(), line.posology(), line.quantity(), line.renewals(),
        line.substitutable(), line.narcotic(), handwritten, line.treatmentDays(), line.fractionDays());
  }

  Optional<Prescription> load(Connection c, String number) throws SQLException {
    Optional<Header> header =
        one(
            c,
            "SELECT date_prescription, scenario, patient_ins, prescriber_rpps FROM prescription"
                + " WHERE numero = ?",
            rs ->
                new Header(
                    rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4)),
            number);
    if (header.isEmpty()) {
      return Optional.empty();
    }
    Header h = header.get();
    Map<String, List<Delivery>> deliveries =
        list(
                c,
                "SELECT d.*, e.date_execution, e.finess, e.nom_structure, e.rpps_ps, e.nom_ps"
                    + " FROM delivery d JOIN execution e ON e.id_execution = d.id_execution"
                    + " WHERE d.numero = ? ORDER BY d.id",
                PrescriptionStore::deliveryOf,
                number)
            .stream()
            .collect(
                Collectors.groupingBy(
                    LineDelivery::lineId,
                    Collectors.mapping(LineDelivery::delivery, Collectors.toList())));
    List<PrescriptionLine> lines =
        list(
            c,
            "SELECT * FROM prescription_line WHERE numero = ? ORDER BY position",
            rs ->
                new PrescriptionLine(
                    rs.getString("id_ligne"),
                    rs.getInt("position"),
                    new Product(rs.getString("code"), rs.getString("systeme_code"), rs.getString("libelle")),
                    rs.getString("posologie"),
                    rs.getInt("quantite"),
                    rs.getInt("renouvellements"),
                    rs.getBoolean("substituable"),
                    rs.getBoolean("stupefiant"),
                    rs.getBoolean("mention_manuscrite"),
                    deliveries.getOrDefault(rs.getString("id_ligne"), List.of()),
                    (Integer) rs.getObject("duree_traitement_jours", Integer.class),
                    (Integer) rs.getObject("fractionnement_jours", Integer.class)),
            number);
    // Patient and prescriber are foreign keys of the prescription row: present by construction.
    return Optional.of(
        new Prescription(
            number,
            h.prescribedOn(),
            prescriber(c, h.rpps()).orElseThrow(),
            patient(c, h.ins()).orElseThrow(),
            h.scenario(),
            lines));
  }

  /** Numbers matching the SQL-side criteria; status is computed by the caller. */
  List<String> search(Connection c, SearchCriteria criteria) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT numero FROM prescription WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    criteria.ins().ifPresent(ins -> { sql.append(" AND patient_ins = ?"); args.add(ins); });
    criteria.prescriberRpps().ifPresent(r -> { sql.append(" AND prescriber_rpps = ?"); args.add(r); });
    criteria.since().ifPresent(d -> { sql.append(" AND date_prescription >= ?"); args.add(d); });
    sql.append(" ORDER BY date_prescription DESC, numero");
    return list(c, sql.toString(), rs -> rs.getString(1), args.toArray());
  }

  List<String> allNumbers(Connection c) throws SQLException {
    return list(c, "SELECT numero FROM prescription ORDER BY created_at, numero", rs -> rs.getString(1));
  }

  // ------------------------------------------------------------ executions

  Optional<StoredExecution> execution(Connection c, String executionId) throws SQLException {
    return one(
        c,
        "SELECT id_execution, numero, content_hash FROM execution WHERE id_execution = ?",
        rs -> new StoredExecution(rs.getString(1), rs.getString(2), rs.getString(3)),
        executionId);
  }

  List<ExecutionOutcome.AcceptedLine> acceptedLines(Connection c, String executionId)
      throws SQLException {
    return list(
        c,
        "SELECT id_ligne, quantite, code_completude, quantite_restante FROM delivery"
            + " WHERE id_execution = ? ORDER BY id",
        rs ->
            new ExecutionOutcome.AcceptedLine(
                rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4)),
        executionId);
  }

  void insertExecution(
      Connection c,
      ExecutionRequest request,
      Pharmacy pharmacy,
      OffsetDateTime recordedAt,
      String contentHash)
      throws SQLException {
    update(
        c,
        "INSERT INTO execution (id_execution, numero, date_execution, recorded_at, finess,"
            + " nom_structure, rpps_ps, nom_ps, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        request.executionId(), request.number(), request.executedAt(), recordedAt,
        pharmacy.finess(), pharmacy.structureName(), pharmacy.rpps(), pharmacy.professionalName(),
        contentHash);
  }

  /** {@code completeness}, {@code substitute} and {@code reason} may be null. */
  void insertDelivery(
      Connection c,
      String executionId,
      String number,
      String lineId,
      int quantity,
      String completeness,
      int remainingAfter,
      Product substitute,
      String reason)
      throws SQLException {
    update(
        c,
        "INSERT INTO delivery (id_execution, numero, id_ligne, quantite, code_completude,"
            + " quantite_restante, produit_code, produit_systeme, produit_libelle, motif)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        executionId, number, lineId, quantity, completeness, remainingAfter,
        substitute == null ? null : substitute.code(),
        substitute == null ? null : substitute.codeSystem(),
        substitute == null ? null : substitute.label(),
        reason);
  }

  // ------------------------------------------------------------ sandbox bookkeeping

  Optional<String> meta(Connection c, String key) throws SQLException {
    return one(
        c, "SELECT meta_value FROM sandbox_meta WHERE meta_key = ?", rs -> rs.getString(1), key);
  }

  void putMeta(Connection c, String key, String value) throws SQLException {
    update(c, "MERGE INTO sandbox_meta (meta_key, meta_value) KEY (meta_key) VALUES (?, ?)", key, value);
  }

  /** Everything, seeds included: the caller seeds again. */
  void wipe(Connection c) throws SQLException {
    for (String table :
        List.of(
            "delivery", "execution", "prescription_line", "prescription", "prescriber", "patient",
            "sandbox_meta")) {
      update(c, "DELETE FROM " + table);
    }
  }

  // ------------------------------------------------------------ JDBC plumbing

  private static void update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      ps.executeUpdate();
    }
  }

  private static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args)
      throws SQLException {
    List<T> all = new ArrayList<>();
    try (PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        all.add(row.map(rs));
      }
    }
    return all;
  }

  private static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args)
      throws SQLException {
    return list(c, sql, row, args).stream().findFirst();
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

  private static Patient patientOf(ResultSet rs) throws SQLException {
    return new Patient(
        rs.getString("ins"),
        rs.getString("oid"),
        rs.getString("nom_naissance"),
        rs.getString("prenom"),
        rs.getObject("date_naissance", LocalDate.class),
        rs.getString("sexe"));
  }

  private static Prescriber prescriberOf(ResultSet rs) throws SQLException {
    return new Prescriber(
        rs.getString("rpps"),
        rs.getString("nom"),
        rs.getString("prenom"),
        rs.getString("specialite"),
        rs.getString("structure"));
  }

  private static LineDelivery deliveryOf(ResultSet rs) throws SQLException {
    String label = rs.getString("produit_libelle");
    Product substitute =
        label == null
            ? null
            : new Product(rs.getString("produit_code"), rs.getString("produit_systeme"), label);
    return new LineDelivery(
        rs.getString("id_ligne"),
        new Delivery(
            rs.getString("id_execution"),
            new Pharmacy(
                rs.getString("finess"),
                rs.getString("nom_structure"),
                rs.getString("rpps_ps"),
                rs.getString("nom_ps")),
            rs.getObject("date_execution", OffsetDateTime.class),
            rs.getInt("quantite"),
            rs.getString("code_completude"),
            substitute,
            rs.getString("motif")));
  }
}
