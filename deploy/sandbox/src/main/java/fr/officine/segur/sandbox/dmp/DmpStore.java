package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.db.Database;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The sandbox DMP's own H2: patients with their DMP status, and the documents received. */
public final class DmpStore {
  private final Database db;
  private final Clock clock;
  /** TD0.2 queries received, per INS: in memory (tests and demos), gone at restart or reset. */
  private final Map<String, List<StatusQuery>> statusQueries = new ConcurrentHashMap<>();

  /** One TD0.2 as the DMP received it: which INS was sent, by whom, how authenticated. */
  public record StatusQuery(String ins, String psId, String authenticationMode, OffsetDateTime at) {}

  public DmpStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    db.runScript("/sandbox/dmp-schema.sql");
  }

  public Clock clock() {
    return clock;
  }

  public Optional<DmpPatient> patient(String ins) {
    return db.jdbcTransaction(c -> patient(c, ins));
  }

  private static Optional<DmpPatient> patient(Connection c, String ins) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT nom, prenom, statut, date_fermeture, motif_fermeture, opposition_alimentation,"
                + " scenario FROM dmp_patient WHERE ins = ?")) {
      ps.setString(1, ins);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Set<String> blocked = new HashSet<>();
        try (PreparedStatement b = c.prepareStatement("SELECT rpps FROM dmp_ps_bloque WHERE ins = ?")) {
          b.setString(1, ins);
          try (ResultSet brs = b.executeQuery()) {
            while (brs.next()) {
              blocked.add(brs.getString(1));
            }
          }
        }
        Date closed = rs.getDate(4);
        return Optional.of(
            new DmpPatient(
                ins,
                rs.getString(1),
                rs.getString(2),
                DmpPatient.Status.valueOf(rs.getString(3)),
                Optional.ofNullable(closed).map(Date::toLocalDate),
                Optional.ofNullable(rs.getString(5)),
                rs.getBoolean(6),
                blocked,
                rs.getString(7)));
      }
    }
  }

  public List<DmpPatient> patients() {
    return db.jdbcTransaction(
        c -> {
          List<String> ins = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT ins FROM dmp_patient ORDER BY nom");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ins.add(rs.getString(1));
            }
          }
          List<DmpPatient> out = new ArrayList<>();
          for (String i : ins) {
            patient(c, i).ifPresent(out::add);
          }
          return out;
        });
  }

  /** Writes the seeds once per database (marker row), so a restart does not duplicate them. */
  public boolean seedOnce(String marker, List<DmpPatient> patients, List<StoredDocument> documents) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM dmp_meta WHERE meta_key = ?")) {
            ps.setString(1, marker);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return false;
              }
            }
          }
          for (DmpPatient p : patients) {
            insertPatient(c, p);
          }
          for (StoredDocument d : documents) {
            insert(c, d);
          }
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO dmp_meta(meta_key, meta_value) VALUES (?, ?)")) {
            ps.setString(1, marker);
            ps.setString(2, OffsetDateTime.now(clock).toString());
            ps.executeUpdate();
          }
          return true;
        });
  }

  private static void insertPatient(Connection c, DmpPatient p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dmp_patient(ins, nom, prenom, statut, date_fermeture, motif_fermeture,"
                + " opposition_alimentation, scenario) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, p.ins());
      ps.setString(2, p.lastName());
      ps.setString(3, p.firstName());
      ps.setString(4, p.status().name());
      ps.setDate(5, p.closedOn().map(Date::valueOf).orElse(null));
      ps.setString(6, p.closingReason().orElse(null));
      ps.setBoolean(7, p.opposedToFeeding());
      ps.setString(8, p.scenario());
      ps.executeUpdate();
    }
    for (String rpps : p.blockedRpps()) {
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO dmp_ps_bloque(ins, rpps) VALUES (?, ?)")) {
        ps.setString(1, p.ins());
        ps.setString(2, rpps);
        ps.executeUpdate();
      }
    }
  }

  /** A document with its bytes, as written. */
  public record StoredDocument(DmpDocument document, byte[] content) {}

  /**
   * Stores the documents of one submission atomically.
   *
   * @return the uniqueIds already held (nothing is stored then): the caller answers
   *     XDSDocumentUniqueIdError. The UNIQUE constraint settles two concurrent sends of one document.
   */
  public List<String> storeAll(List<StoredDocument> documents) {
    List<String> known = db.jdbcTransaction(c -> existing(c, documents));
    if (!known.isEmpty()) {
      return known;
    }
    try {
      db.jdbcTransaction(
          c -> {
            for (StoredDocument d : documents) {
              insert(c, d);
            }
            return null;
          });
      return List.of();
    } catch (Database.DatabaseException e) {
      if (e.isUniqueViolation()) {
        return db.jdbcTransaction(c -> existing(c, documents));
      }
      throw e;
    }
  }

  private static List<String> existing(Connection c, List<StoredDocument> documents)
      throws SQLException {
    List<String> known = new ArrayList<>();
    for (StoredDocument d : documents) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT 1 FROM dmp_document WHERE unique_id = ?")) {
        ps.setString(1, d.document().uniqueId());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            known.add(d.document().uniqueId());
          }
        }
      }
    }
    return known;
  }

  private void insert(Connection c, StoredDocument s) throws SQLException {
    DmpDocument d = s.document();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dmp_document(entry_uuid, unique_id, ins, patient_id, class_code, type_code,"
                + " format_code, confidentiality, masque_ps, title, mime_type, size_bytes, hash_sha1,"
                + " author, author_rpps, creation_time, submission_time, submission_set_unique_id,"
                + " received_at, metadata, content, authentication_mode)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = 1;
      ps.setString(i++, d.entryUuid());
      ps.setString(i++, d.uniqueId());
      ps.setString(i++, d.ins());
      ps.setString(i++, d.patientId());
      ps.setString(i++, d.classCode());
      ps.setString(i++, d.typeCode());
      ps.setString(i++, d.formatCode());
      ps.setString(i++, d.confidentiality());
      ps.setBoolean(i++, d.hiddenFromProfessionals());
      ps.setString(i++, d.title());
      ps.setString(i++, d.mimeType());
      ps.setLong(i++, d.size());
      ps.setString(i++, d.hash());
      ps.setString(i++, d.author());
      ps.setString(i++, d.authorRpps());
      ps.setString(i++, d.creationTime());
      ps.setString(i++, d.submissionTime());
      ps.setString(i++, d.submissionSetUniqueId());
      ps.setObject(i++, OffsetDateTime.now(clock));
      ps.setString(i++, d.metadata());
      ps.setBytes(i++, s.content());
      ps.setString(i, d.authenticationMode().orElse(null));
      ps.executeUpdate();
    }
  }

  /** Every document of the patient, oldest submission first. */
  public List<DmpDocument> documents(String ins) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT entry_uuid, unique_id, ins, patient_id, class_code, type_code, format_code,"
                      + " confidentiality, masque_ps, title, mime_type, size_bytes, hash_sha1, author,"
                      + " author_rpps, creation_time, submission_time, submission_set_unique_id, metadata,"
                      + " authentication_mode"
                      + " FROM dmp_document WHERE ins = ? ORDER BY submission_time, received_at")) {
            ps.setString(1, ins);
            List<DmpDocument> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                int i = 1;
                out.add(
                    new DmpDocument(
                        rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++),
                        rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++),
                        rs.getBoolean(i++), rs.getString(i++), rs.getString(i++), rs.getLong(i++),
                        rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++),
                        rs.getString(i++), rs.getString(i++), rs.getString(i++),
                        Optional.ofNullable(rs.getString(i))));
              }
            }
            return out;
          }
        });
  }

  public Optional<byte[]> content(String uniqueId) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT content FROM dmp_document WHERE unique_id = ?")) {
            ps.setString(1, uniqueId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
          }
        });
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

  /** POST /sandbox/reset: everything goes, the seeds are written again by the caller. */
  public void wipe() {
    statusQueries.clear();
    db.jdbcTransaction(
        c -> {
          for (String table : List.of("dmp_document", "dmp_ps_bloque", "dmp_patient", "dmp_meta")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
              ps.executeUpdate();
            }
          }
          return null;
        });
  }
}
