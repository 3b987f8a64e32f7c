package fr.officine.segur.sandbox.eprescription;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL over the sandbox base's tables. Every method runs on the caller's handle (its
 * transaction).
 */
final class PrescriptionStore {

  /** An execution already recorded: enough to recognise a replay. */
  record StoredExecution(String executionId, String number, String contentHash) {}

  /** A prescription row before its parties and lines are attached. */
  record Header(LocalDate prescribedOn, String scenario, String ins, String rpps) {}

  /** A prescription_line row, its deliveries attached by the caller. */
  record LineRow(
      String lineId,
      int position,
      String code,
      String codeSystem,
      String label,
      String posology,
      int quantityPerPeriod,
      int renewals,
      boolean substitutable,
      boolean narcotic,
      boolean handwritten,
      Integer treatmentDays,
      Integer fractionDays) {
    PrescriptionLine line(List<Delivery> deliveries) {
      return new PrescriptionLine(
          lineId,
          position,
          new Product(code, codeSystem, label),
          posology,
          quantityPerPeriod,
          renewals,
          substitutable,
          narcotic,
          handwritten,
          deliveries,
          treatmentDays,
          fractionDays);
    }
  }

  /** A delivery row with its execution, and the line it belongs to. */
  record DeliveryRow(
      String lineId,
      String executionId,
      String finess,
      String structureName,
      String rpps,
      String professionalName,
      OffsetDateTime executedAt,
      int quantity,
      String completeness,
      String productCode,
      String productSystem,
      String productLabel,
      String notDeliveredReason) {
    Delivery delivery() {
      Product substitute =
          productLabel == null ? null : new Product(productCode, productSystem, productLabel);
      return new Delivery(
          executionId,
          new Pharmacy(finess, structureName, rpps, professionalName),
          executedAt,
          quantity,
          completeness,
          substitute,
          notDeliveredReason);
    }
  }

  // ------------------------------------------------------------ parties

  Optional<Patient> patient(Handle h, String ins) {
    return h.createQuery(
            "SELECT ins, oid, nom_naissance AS birth_name, prenom AS first_name, date_naissance AS birth_date,"
                + " sexe AS sex FROM patient WHERE ins = :ins")
        .bind("ins", ins)
        .map(ConstructorMapper.of(Patient.class))
        .findOne();
  }

  Optional<Prescriber> prescriber(Handle h, String rpps) {
    return h.createQuery(
            "SELECT rpps, nom AS last_name, prenom AS first_name, specialite AS specialty, structure"
                + " FROM prescriber WHERE rpps = :rpps")
        .bind("rpps", rpps)
        .map(ConstructorMapper.of(Prescriber.class))
        .findOne();
  }

  void insertPatient(Handle h, Patient p) {
    h.createUpdate(
            "MERGE INTO patient (ins, oid, nom_naissance, prenom, date_naissance, sexe) KEY (ins)"
                + " VALUES (:ins, :oid, :birthName, :firstName, :birthDate, :sex)")
        .bindMethods(p)
        .execute();
  }

  void insertPrescriber(Handle h, Prescriber p) {
    h.createUpdate(
            "MERGE INTO prescriber (rpps, nom, prenom, specialite, structure) KEY (rpps)"
                + " VALUES (:rpps, :lastName, :firstName, :specialty, :structure)")
        .bindMethods(p)
        .execute();
  }

  // ------------------------------------------------------------ prescriptions

  boolean exists(Handle h, String number) {
    return h.createQuery("SELECT 1 FROM prescription WHERE numero = :number")
        .bind("number", number)
        .mapTo(Integer.class)
        .findFirst()
        .isPresent();
  }

  /**
   * Takes the row lock of the prescription until the transaction ends: two executions on the same
   * prescription are serialized, so neither can read a remaining quantity the other is consuming.
   */
  boolean lock(Handle h, String number) {
    return h.createQuery("SELECT numero FROM prescription WHERE numero = :number FOR UPDATE")
        .bind("number", number)
        .mapTo(String.class)
        .findFirst()
        .isPresent();
  }

  void insertPrescription(
      Handle h, String number, NewPrescription p, String scenario, OffsetDateTime now) {
    h.createUpdate(
            "INSERT INTO prescription (numero, date_prescription, prescriber_rpps, patient_ins, scenario,"
                + " created_at) VALUES (:number, :p.prescribedOn, :p.prescriberRpps, :p.patientIns, :scenario, :now)")
        .bind("number", number)
        .bindMethods("p", p)
        .bind("scenario", scenario)
        .bind("now", now)
        .execute();
    int position = 1;
    for (NewPrescription.NewLine line : p.lines()) {
      insertLine(h, number, "L" + position, position, line, false);
      position++;
    }
  }

  void insertLine(
      Handle h,
      String number,
      String lineId,
      int position,
      NewPrescription.NewLine line,
      boolean handwritten) {
    h.createUpdate(
            "INSERT INTO prescription_line (numero, id_ligne, position, code, systeme_code, libelle,"
                + " posologie, quantite, renouvellements, substituable, stupefiant, mention_manuscrite,"
                + " duree_traitement_jours, fractionnement_jours) VALUES (:number, :lineId, :position,"
                + " :product.code, :product.codeSystem, :product.label, :line.posology, :line.quantity,"
                + " :line.renewals, :line.substitutable, :line.narcotic, :handwritten, :line.treatmentDays,"
                + " :line.fractionDays)")
        .bind("number", number)
        .bind("lineId", lineId)
        .bind("position", position)
        .bindMethods("product", line.product())
        .bindMethods("line", line)
        .bind("handwritten", handwritten)
        .execute();
  }

  Optional<Prescription> load(Handle h, String number) {
    Optional<Header> header =
        h.createQuery(
                "SELECT date_prescription AS prescribed_on, scenario, patient_ins AS ins, prescriber_rpps AS rpps"
                    + " FROM prescription WHERE numero = :number")
            .bind("number", number)
            .map(ConstructorMapper.of(Header.class))
            .findOne();
    if (header.isEmpty()) {
      return Optional.empty();
    }
    Header row = header.get();
    Map<String, List<Delivery>> deliveries =
        h.createQuery(
                "SELECT d.id_ligne AS line_id, d.id_execution AS execution_id, e.finess,"
                    + " e.nom_structure AS structure_name, e.rpps_ps AS rpps, e.nom_ps AS professional_name,"
                    + " e.date_execution AS executed_at, d.quantite AS quantity, d.code_completude AS completeness,"
                    + " d.produit_code AS product_code, d.produit_systeme AS product_system,"
                    + " d.produit_libelle AS product_label, d.motif AS not_delivered_reason"
                    + " FROM delivery d JOIN execution e ON e.id_execution = d.id_execution"
                    + " WHERE d.numero = :number ORDER BY d.id")
            .bind("number", number)
            .map(ConstructorMapper.of(DeliveryRow.class))
            .collect(
                Collectors.groupingBy(
                    DeliveryRow::lineId,
                    Collectors.mapping(DeliveryRow::delivery, Collectors.toList())));
    List<PrescriptionLine> lines =
        h.createQuery(
                "SELECT id_ligne AS line_id, position, code, systeme_code AS code_system, libelle AS label,"
                    + " posologie AS posology, quantite AS quantity_per_period, renouvellements AS renewals,"
                    + " substituable AS substitutable, stupefiant AS narcotic, mention_manuscrite AS handwritten,"
                    + " duree_traitement_jours AS treatment_days, fractionnement_jours AS fraction_days"
                    + " FROM prescription_line WHERE numero = :number ORDER BY position")
            .bind("number", number)
            .map(ConstructorMapper.of(LineRow.class))
            .map(line -> line.line(deliveries.getOrDefault(line.lineId(), List.of())))
            .list();
    // Patient and prescriber are foreign keys of the prescription row: present by construction.
    return Optional.of(
        new Prescription(
            number,
            row.prescribedOn(),
            prescriber(h, row.rpps()).orElseThrow(),
            patient(h, row.ins()).orElseThrow(),
            row.scenario(),
            lines));
  }

  /** Numbers matching the SQL-side criteria; status is computed by the caller. */
  List<String> search(Handle h, SearchCriteria criteria) {
    StringBuilder sql = new StringBuilder("SELECT numero FROM prescription WHERE 1 = 1");
    criteria.ins().ifPresent(ins -> sql.append(" AND patient_ins = :ins"));
    criteria.prescriberRpps().ifPresent(r -> sql.append(" AND prescriber_rpps = :rpps"));
    criteria.since().ifPresent(d -> sql.append(" AND date_prescription >= :since"));
    sql.append(" ORDER BY date_prescription DESC, numero");
    Query query = h.createQuery(sql.toString());
    criteria.ins().ifPresent(ins -> query.bind("ins", ins));
    criteria.prescriberRpps().ifPresent(r -> query.bind("rpps", r));
    criteria.since().ifPresent(d -> query.bind("since", d));
    return query.mapTo(String.class).list();
  }

  List<String> allNumbers(Handle h) {
    return h.createQuery("SELECT numero FROM prescription ORDER BY created_at, numero")
        .mapTo(String.class)
        .list();
  }

  // ------------------------------------------------------------ executions

  Optional<StoredExecution> execution(Handle h, String executionId) {
    return h.createQuery(
            "SELECT id_execution AS execution_id, numero AS number, content_hash FROM execution"
                + " WHERE id_execution = :executionId")
        .bind("executionId", executionId)
        .map(ConstructorMapper.of(StoredExecution.class))
        .findOne();
  }

  List<ExecutionOutcome.AcceptedLine> acceptedLines(Handle h, String executionId) {
    return h.createQuery(
            "SELECT id_ligne AS line_id, quantite AS quantity, code_completude AS completeness,"
                + " quantite_restante AS remaining FROM delivery WHERE id_execution = :executionId"
                + " ORDER BY id")
        .bind("executionId", executionId)
        .map(ConstructorMapper.of(ExecutionOutcome.AcceptedLine.class))
        .list();
  }

  void insertExecution(
      Handle h,
      ExecutionRequest request,
      Pharmacy pharmacy,
      OffsetDateTime recordedAt,
      String contentHash) {
    h.createUpdate(
            "INSERT INTO execution (id_execution, numero, date_execution, recorded_at, finess, nom_structure,"
                + " rpps_ps, nom_ps, content_hash) VALUES (:request.executionId, :request.number,"
                + " :request.executedAt, :recordedAt, :pharmacy.finess, :pharmacy.structureName, :pharmacy.rpps,"
                + " :pharmacy.professionalName, :contentHash)")
        .bindMethods("request", request)
        .bindMethods("pharmacy", pharmacy)
        .bind("recordedAt", recordedAt)
        .bind("contentHash", contentHash)
        .execute();
  }

  /** {@code completeness}, {@code substitute} and {@code reason} may be null. */
  void insertDelivery(
      Handle h,
      String executionId,
      String number,
      String lineId,
      int quantity,
      String completeness,
      int remainingAfter,
      Product substitute,
      String reason) {
    Optional<Product> product = Optional.ofNullable(substitute);
    h.createUpdate(
            "INSERT INTO delivery (id_execution, numero, id_ligne, quantite, code_completude,"
                + " quantite_restante, produit_code, produit_systeme, produit_libelle, motif)"
                + " VALUES (:executionId, :number, :lineId, :quantity, :completeness, :remainingAfter,"
                + " :productCode, :productSystem, :productLabel, :reason)")
        .bind("executionId", executionId)
        .bind("number", number)
        .bind("lineId", lineId)
        .bind("quantity", quantity)
        .bind("completeness", completeness)
        .bind("remainingAfter", remainingAfter)
        .bind("productCode", product.map(Product::code).orElse(null))
        .bind("productSystem", product.map(Product::codeSystem).orElse(null))
        .bind("productLabel", product.map(Product::label).orElse(null))
        .bind("reason", reason)
        .execute();
  }

  // ------------------------------------------------------------ sandbox bookkeeping

  Optional<String> meta(Handle h, String key) {
    return h.createQuery("SELECT meta_value FROM sandbox_meta WHERE meta_key = :key")
        .bind("key", key)
        .mapTo(String.class)
        .findOne();
  }

  void putMeta(Handle h, String key, String value) {
    h.createUpdate(
            "MERGE INTO sandbox_meta (meta_key, meta_value) KEY (meta_key) VALUES (:key, :value)")
        .bind("key", key)
        .bind("value", value)
        .execute();
  }

  /** Everything, seeds included: the caller seeds again. */
  void wipe(Handle h) {
    for (String table :
        List.of(
            "delivery",
            "execution",
            "prescription_line",
            "prescription",
            "prescriber",
            "patient",
            "sandbox_meta")) {
      h.execute("DELETE FROM " + table);
    }
  }
}
