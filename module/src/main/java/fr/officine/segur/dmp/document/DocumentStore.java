package fr.officine.segur.dmp.document;

import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.Rpps;
import fr.officine.segur.data.Database;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DispensationDocumentData.Role;
import fr.officine.segur.trust.AuthMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The dispensation documents in the module's database, stored once, read by every send. */
@ApplicationScoped
public class DocumentStore {
  private Database db;

  protected DocumentStore() {}

  @Inject
  public DocumentStore(Database db) {
    this.db = db;
  }

  /** Inserts on {@code c}: the caller's transaction is the one that marks the dispensation RECORDED. */
  public void insert(
      Connection c,
      DispensationId id,
      DispensationDocument document,
      DocumentEntryMetadata metadata,
      Optional<Ins> ins,
      Professional author,
      OffsetDateTime createdAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dispensation_document (dispensation_id, unique_id, cda, pdf, metadata,"
                + " patient_ins, patient_ins_oid, author_rpps, author_family_name,"
                + " author_given_name, author_role, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id.toString());
      ps.setString(2, document.uniqueId());
      ps.setBytes(3, document.cda());
      ps.setBytes(4, document.pdf());
      ps.setString(5, MetadataText.write(metadata));
      ps.setString(6, ins.map(Ins::number).orElse(null));
      ps.setString(7, ins.map(Ins::oid).orElse(null));
      ps.setString(8, author.rpps().orElseThrow().value());
      ps.setString(9, author.familyName());
      ps.setString(10, author.givenName());
      ps.setString(11, author.role().name());
      ps.setObject(12, createdAt);
      ps.executeUpdate();
    }
  }

  /** Replaces a stored document's bytes and metadata (same uniqueId): a re-identified, unsent one. */
  public void replace(DispensationId id, byte[] cda, DocumentEntryMetadata metadata) {
    db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE dispensation_document SET cda = ?, metadata = ? WHERE dispensation_id = ?")) {
            ps.setBytes(1, cda);
            ps.setString(2, MetadataText.write(metadata));
            ps.setString(3, id.toString());
            return ps.executeUpdate();
          }
        });
  }

  /** The dispensations of {@code pharmacyFiness} whose document names the patient {@code ins}. */
  public List<DispensationId> ofPatient(Ins ins, String pharmacyFiness) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT d.dispensation_id FROM dispensation_document d"
                      + " JOIN dispensation s ON s.id = d.dispensation_id"
                      + " WHERE d.patient_ins = ? AND d.patient_ins_oid = ? AND s.pharmacy_finess = ?")) {
            ps.setString(1, ins.number());
            ps.setString(2, ins.oid());
            ps.setString(3, pharmacyFiness);
            List<DispensationId> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(DispensationId.parse(rs.getString(1)));
              }
            }
            return ids;
          }
        });
  }

  public boolean exists(DispensationId id) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM dispensation_document WHERE dispensation_id = ?")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  public Optional<StoredDocument> find(DispensationId id) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT d.unique_id, d.cda, d.pdf, d.metadata, d.patient_ins, d.patient_ins_oid,"
                      + " d.author_rpps, d.author_family_name, d.author_given_name, d.author_role,"
                      + " d.created_at, s.pharmacy_finess, s.pharmacy_name, s.auth_mode, s.rpps"
                      + " FROM dispensation_document d JOIN dispensation s ON s.id = d.dispensation_id"
                      + " WHERE d.dispensation_id = ?")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<StoredDocument>empty();
              }
              String ins = rs.getString(5);
              // DIRECTE only if the card holder who recorded it is the author named in the VIHF
              AuthMode authorMode =
                  AuthMode.declared(
                      AuthMode.of(rs.getString(14)),
                      Optional.ofNullable(rs.getString(15)),
                      Optional.of(rs.getString(7)));
              return Optional.of(
                  new StoredDocument(
                      id,
                      new DispensationDocument(rs.getString(1), rs.getBytes(2), rs.getBytes(3)),
                      MetadataText.read(rs.getString(4)),
                      ins == null
                          ? Optional.empty()
                          : Optional.of(
                              Ins.fromInsi(ins.substring(0, Ins.MATRICULE_LENGTH),
                                  ins.substring(Ins.MATRICULE_LENGTH), rs.getString(6))),
                      new Professional(
                          Optional.of(Rpps.of(rs.getString(7))),
                          rs.getString(8),
                          rs.getString(9),
                          Role.valueOf(rs.getString(10))),
                      authorMode,
                      rs.getString(12),
                      rs.getString(13),
                      rs.getObject(11, OffsetDateTime.class)));
            }
          }
        });
  }
}
