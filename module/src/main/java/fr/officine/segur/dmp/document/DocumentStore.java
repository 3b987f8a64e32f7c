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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The dispensation documents in the module's database, stored once, read by every send. */
@ApplicationScoped
public class DocumentStore {
  private Database db;

  protected DocumentStore() {}

  @Inject
  public DocumentStore(Database db) {
    this.db = db;
  }

  /**
   * Inserts on {@code h}: the caller's transaction is the one that marks the dispensation RECORDED.
   */
  public void insert(
      Handle h,
      DispensationId id,
      DispensationDocument document,
      DocumentEntryMetadata metadata,
      Optional<Ins> ins,
      Professional author,
      OffsetDateTime createdAt) {
    h.createUpdate(
            "INSERT INTO dispensation_document (dispensation_id, unique_id, cda, pdf, metadata,"
                + " patient_ins, patient_ins_oid, author_rpps, author_family_name, author_given_name,"
                + " author_role, created_at) VALUES (:id, :document.uniqueId, :document.cda, :document.pdf,"
                + " :metadata, :ins, :insOid, :rpps, :author.familyName, :author.givenName, :role, :createdAt)")
        .bind("id", id)
        .bindMethods("document", document)
        .bind("metadata", MetadataText.write(metadata))
        .bind("ins", ins.map(Ins::number).orElse(null))
        .bind("insOid", ins.map(Ins::oid).orElse(null))
        .bind("rpps", author.rpps().orElseThrow())
        .bindMethods("author", author)
        .bind("role", author.role().name())
        .bind("createdAt", createdAt)
        .execute();
  }

  /**
   * Replaces a stored document's bytes and metadata (same uniqueId): a re-identified, unsent one.
   */
  public void replace(DispensationId id, byte[] cda, DocumentEntryMetadata metadata) {
    db.useTransaction(
        h ->
            h.createUpdate(
                    "UPDATE dispensation_document SET cda = :cda, metadata = :metadata WHERE dispensation_id = :id")
                .bind("cda", cda)
                .bind("metadata", MetadataText.write(metadata))
                .bind("id", id)
                .execute());
  }

  /** The dispensations of {@code pharmacyFiness} whose document names the patient {@code ins}. */
  public List<DispensationId> ofPatient(Ins ins, String pharmacyFiness) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT d.dispensation_id FROM dispensation_document d"
                        + " JOIN dispensation s ON s.id = d.dispensation_id"
                        + " WHERE d.patient_ins = :ins AND d.patient_ins_oid = :oid AND s.pharmacy_finess = :finess")
                .bind("ins", ins.number())
                .bind("oid", ins.oid())
                .bind("finess", pharmacyFiness)
                .mapTo(DispensationId.class)
                .list());
  }

  public boolean exists(DispensationId id) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT 1 FROM dispensation_document WHERE dispensation_id = :id")
                .bind("id", id)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent());
  }

  public Optional<StoredDocument> find(DispensationId id) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT d.unique_id, d.cda, d.pdf, d.metadata, d.patient_ins, d.patient_ins_oid,"
                        + " d.author_rpps, d.author_family_name, d.author_given_name, d.author_role,"
                        + " d.created_at, s.pharmacy_finess, s.pharmacy_name, s.auth_mode,"
                        + " s.rpps AS acting_rpps"
                        + " FROM dispensation_document d JOIN dispensation s ON s.id = d.dispensation_id"
                        + " WHERE d.dispensation_id = :id")
                .bind("id", id)
                .map(ConstructorMapper.of(Row.class))
                .findOne()
                .map(row -> row.stored(id)));
  }

  /** A stored document with what its dispensation says of who recorded it. */
  record Row(
      String uniqueId,
      byte[] cda,
      byte[] pdf,
      String metadata,
      Optional<String> patientIns,
      String patientInsOid,
      Rpps authorRpps,
      String authorFamilyName,
      String authorGivenName,
      Role authorRole,
      OffsetDateTime createdAt,
      String pharmacyFiness,
      String pharmacyName,
      String authMode,
      Optional<String> actingRpps) {
    StoredDocument stored(DispensationId id) {
      // DIRECTE only if the card holder who recorded it is the author named in the VIHF
      AuthMode authorMode =
          AuthMode.declared(AuthMode.of(authMode), actingRpps, Optional.of(authorRpps.value()));
      return new StoredDocument(
          id,
          new DispensationDocument(uniqueId, cda, pdf),
          MetadataText.read(metadata),
          patientIns.map(
              ins ->
                  Ins.fromInsi(
                      ins.substring(0, Ins.MATRICULE_LENGTH),
                      ins.substring(Ins.MATRICULE_LENGTH),
                      patientInsOid)),
          new Professional(Optional.of(authorRpps), authorFamilyName, authorGivenName, authorRole),
          authorMode,
          pharmacyFiness,
          pharmacyName,
          createdAt);
    }
  }
}
