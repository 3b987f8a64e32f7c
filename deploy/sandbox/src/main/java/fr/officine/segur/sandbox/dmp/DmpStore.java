package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.db.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The sandbox DMP's own H2: patients with their DMP status, and the documents received. */
public final class DmpStore {
  private final Database db;
  private final Clock clock;

  /** TD0.2 queries received, per INS: in memory (tests and demos), gone at restart or reset. */
  private final Map<String, List<StatusQuery>> statusQueries = new ConcurrentHashMap<>();

  /** ITI-41 submissions received, per INS: in memory, as {@link #statusQueries}. */
  private final Map<String, List<Submission>> submissions = new ConcurrentHashMap<>();

  /**
   * One ITI-41 as the DMP received it (accepted or refused): what a client's retries cost the DMP.
   */
  public record Submission(String ins, OffsetDateTime at) {}

  /** One TD0.2 as the DMP received it: which INS was sent, by whom, how authenticated. */
  public record StatusQuery(
      String ins, String psId, String authenticationMode, OffsetDateTime at) {}

  public DmpStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    db.runScript("/sandbox/dmp-schema.sql");
  }

  public Clock clock() {
    return clock;
  }

  public Optional<DmpPatient> patient(String ins) {
    return db.withHandle(h -> patient(h, ins));
  }

  /** A dmp_patient row under the names of {@link DmpPatient}'s components. */
  record PatientRow(
      String ins,
      String lastName,
      String firstName,
      DmpPatient.Status status,
      Optional<LocalDate> closedOn,
      Optional<String> closingReason,
      boolean opposedToFeeding,
      String scenario) {
    DmpPatient patient(Set<String> blockedRpps) {
      return new DmpPatient(
          ins,
          lastName,
          firstName,
          status,
          closedOn,
          closingReason,
          opposedToFeeding,
          blockedRpps,
          scenario);
    }
  }

  private static Optional<DmpPatient> patient(Handle h, String ins) {
    Set<String> blocked =
        h.createQuery("SELECT rpps FROM dmp_ps_bloque WHERE ins = :ins")
            .bind("ins", ins)
            .mapTo(String.class)
            .set();
    return h.createQuery(
            "SELECT ins, nom AS last_name, prenom AS first_name, statut AS status, date_fermeture AS closed_on,"
                + " motif_fermeture AS closing_reason, opposition_alimentation AS opposed_to_feeding, scenario"
                + " FROM dmp_patient WHERE ins = :ins")
        .bind("ins", ins)
        .map(ConstructorMapper.of(PatientRow.class))
        .findOne()
        .map(row -> row.patient(blocked));
  }

  public List<DmpPatient> patients() {
    return db.inTransaction(
        h ->
            h
                .createQuery("SELECT ins FROM dmp_patient ORDER BY nom")
                .mapTo(String.class)
                .list()
                .stream()
                .flatMap(ins -> patient(h, ins).stream())
                .toList());
  }

  /** Writes the seeds once per database (marker row), so a restart does not duplicate them. */
  public boolean seedOnce(
      String marker, List<DmpPatient> patients, List<StoredDocument> documents) {
    return db.once(
        "dmp_meta",
        marker,
        OffsetDateTime.now(clock).toString(),
        h -> {
          for (DmpPatient p : patients) {
            insertPatient(h, p);
          }
          for (StoredDocument d : documents) {
            insert(h, d);
          }
        });
  }

  private static void insertPatient(Handle h, DmpPatient p) {
    h.createUpdate(
            "INSERT INTO dmp_patient(ins, nom, prenom, statut, date_fermeture, motif_fermeture,"
                + " opposition_alimentation, scenario) VALUES (:ins, :lastName, :firstName, :status, :closedOn,"
                + " :closingReason, :opposedToFeeding, :scenario)")
        .bindMethods(p)
        .bind("status", p.status().name())
        .execute();
    for (String rpps : p.blockedRpps()) {
      h.createUpdate("INSERT INTO dmp_ps_bloque(ins, rpps) VALUES (:ins, :rpps)")
          .bind("ins", p.ins())
          .bind("rpps", rpps)
          .execute();
    }
  }

  /** A document with its bytes, as written. */
  public record StoredDocument(DmpDocument document, byte[] content) {}

  /**
   * Stores the documents of one submission atomically.
   *
   * @return the uniqueIds already held (nothing is stored then): the caller answers
   *     XDSDocumentUniqueIdError. The UNIQUE constraint settles two concurrent sends of one
   *     document.
   */
  public List<String> storeAll(List<StoredDocument> documents) {
    List<String> known = db.withHandle(h -> existing(h, documents));
    if (!known.isEmpty()) {
      return known;
    }
    try {
      db.useTransaction(
          h -> {
            for (StoredDocument d : documents) {
              insert(h, d);
            }
          });
      return List.of();
    } catch (Database.DatabaseException e) {
      if (e.isUniqueViolation()) {
        return db.withHandle(h -> existing(h, documents));
      }
      throw e;
    }
  }

  private static List<String> existing(Handle h, List<StoredDocument> documents) {
    List<String> uniqueIds = documents.stream().map(d -> d.document().uniqueId()).toList();
    if (uniqueIds.isEmpty()) {
      return List.of();
    }
    Set<String> held =
        h.createQuery("SELECT unique_id FROM dmp_document WHERE unique_id IN (<uniqueIds>)")
            .bindList("uniqueIds", uniqueIds)
            .mapTo(String.class)
            .set();
    return uniqueIds.stream().filter(held::contains).toList();
  }

  /** dmp_document's columns under the names of {@link DmpDocument}'s components. */
  private static final String DOCUMENT_COLUMNS =
      "entry_uuid, unique_id, ins, patient_id, class_code, type_code, format_code, confidentiality,"
          + " masque_ps AS hidden_from_professionals, title, mime_type, size_bytes AS size, hash_sha1 AS hash,"
          + " author, author_rpps, creation_time, submission_time, submission_set_unique_id, metadata,"
          + " authentication_mode";

  private void insert(Handle h, StoredDocument s) {
    h.createUpdate(
            "INSERT INTO dmp_document(entry_uuid, unique_id, ins, patient_id, class_code, type_code,"
                + " format_code, confidentiality, masque_ps, title, mime_type, size_bytes, hash_sha1,"
                + " author, author_rpps, creation_time, submission_time, submission_set_unique_id,"
                + " received_at, metadata, content, authentication_mode)"
                + " VALUES (:entryUuid, :uniqueId, :ins, :patientId, :classCode, :typeCode, :formatCode,"
                + " :confidentiality, :hiddenFromProfessionals, :title, :mimeType, :size, :hash, :author,"
                + " :authorRpps, :creationTime, :submissionTime, :submissionSetUniqueId, :receivedAt,"
                + " :metadata, :content, :authenticationMode)")
        .bindMethods(s.document())
        .bind("receivedAt", OffsetDateTime.now(clock))
        .bind("content", s.content())
        .execute();
  }

  /** Every document of the patient, oldest submission first. */
  public List<DmpDocument> documents(String ins) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + DOCUMENT_COLUMNS
                        + " FROM dmp_document WHERE ins = :ins"
                        + " ORDER BY submission_time, received_at")
                .bind("ins", ins)
                .map(ConstructorMapper.of(DmpDocument.class))
                .list());
  }

  /** The document of this uniqueId, whoever the patient (ITI-18 GetDocuments). */
  public Optional<DmpDocument> document(String uniqueId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + DOCUMENT_COLUMNS + " FROM dmp_document WHERE unique_id = :uniqueId")
                .bind("uniqueId", uniqueId)
                .map(ConstructorMapper.of(DmpDocument.class))
                .findOne());
  }

  public Optional<byte[]> content(String uniqueId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT content FROM dmp_document WHERE unique_id = :uniqueId")
                .bind("uniqueId", uniqueId)
                .mapTo(byte[].class)
                .findOne());
  }

  public void recordStatusQuery(String ins, String psId, String authenticationMode) {
    statusQueries
        .computeIfAbsent(ins, k -> new CopyOnWriteArrayList<>())
        .add(
            new StatusQuery(
                ins,
                java.util.Objects.requireNonNullElse(psId, ""),
                java.util.Objects.requireNonNullElse(authenticationMode, ""),
                OffsetDateTime.now(clock)));
  }

  public List<StatusQuery> statusQueries(String ins) {
    return List.copyOf(statusQueries.getOrDefault(ins, List.of()));
  }

  public void recordSubmission(String ins) {
    submissions
        .computeIfAbsent(ins, k -> new CopyOnWriteArrayList<>())
        .add(new Submission(ins, OffsetDateTime.now(clock)));
  }

  public List<Submission> submissions(String ins) {
    return List.copyOf(submissions.getOrDefault(ins, List.of()));
  }

  /** POST /sandbox/reset: everything goes, the seeds are written again by the caller. */
  public void wipe() {
    statusQueries.clear();
    submissions.clear();
    db.useTransaction(
        h -> {
          for (String table : List.of("dmp_document", "dmp_ps_bloque", "dmp_patient", "dmp_meta")) {
            h.execute("DELETE FROM " + table);
          }
        });
  }
}
