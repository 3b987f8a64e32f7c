package fr.officine.segur.identity;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.InsType;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.identity.IdentityDocumentRequest;
import fr.officine.segur.api.identity.IdentityStatus;
import fr.officine.segur.api.identity.InsView;
import fr.officine.segur.api.identity.PatientIdentityView;
import fr.officine.segur.api.identity.QualificationRequest;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.DuplicateKeyException;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The module's identity repository (table patient_identity): what INSi returned, and who qualified
 * it with which document. The identitovigilance rule lives here: an INS is QUALIFIEE only after an
 * INSi 00 obtained by this module AND a high-trust document whose traits the professional
 * confirmed; a later INSi answer with different traits sends it back to RECUPEREE.
 *
 * <p>Every record belongs to one pharmacy (FINESS): identitovigilance is a duty of each structure
 * ("chaque structure doit récupérer / vérifier l'INS de l'usager", ANS FAQ INS; the document check
 * "au moins une fois par chaque professionnel ou structure", RNIV FAQ). Another pharmacy served by
 * the same instance neither reads this record nor relies on it: it calls INSi and checks the
 * document itself, and its qualification is its own row (V8 migration).
 */
@ApplicationScoped
public class PatientIdentities {
  private static final String COLUMNS =
      "matricule, ins_key, oid, status, birth_name, first_names, sex, birth_date, birth_place,"
          + " qualified_at, qualified_by, qualified_by_name, document_type";

  private Database db;
  private Clock clock;

  protected PatientIdentities() {}

  @Inject
  public PatientIdentities(Database db) {
    this(db, Clock.systemUTC());
  }

  PatientIdentities(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A row as stored. */
  record Row(
      RetrievedIdentity identity,
      IdentityStatus status,
      Optional<OffsetDateTime> qualifiedAt,
      Optional<String> qualifiedBy,
      Optional<String> qualifiedByName,
      Optional<IdentityDocumentType> document) {}

  /**
   * After an INSi 00 obtained by {@code by}: its pharmacy's record becomes RECUPEREE, or stays
   * QUALIFIEE when INSi confirms the very same identity.
   */
  public IdentityStatus recordRetrieved(RetrievedIdentity identity, Account by) {
    try {
      return db.jdbcTransaction(c -> upsertRetrieved(c, identity, by));
    } catch (DuplicateKeyException concurrentFirstInsert) {
      // two counters retrieved the same new INS at once: the other insert won, update it
      return db.jdbcTransaction(c -> upsertRetrieved(c, identity, by));
    }
  }

  private IdentityStatus upsertRetrieved(Connection c, RetrievedIdentity identity, Account by)
      throws SQLException {
    String finess = by.pharmacy().finess();
    Optional<Row> existing = find(c, finess, identity.ins().matricule(), true);
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (existing.isPresent()
        && existing.get().status() == IdentityStatus.QUALIFIEE
        && sameIdentity(existing.get().identity(), identity)) {
      try (PreparedStatement u =
          c.prepareStatement(
              "UPDATE patient_identity SET retrieved_at = ?, retrieved_by = ?"
                  + " WHERE pharmacy_finess = ? AND matricule = ?")) {
        u.setObject(1, now);
        u.setString(2, by.login());
        u.setString(3, finess);
        u.setString(4, identity.ins().matricule());
        u.executeUpdate();
      }
      return IdentityStatus.QUALIFIEE;
    }
    String sql =
        existing.isPresent()
            ? "UPDATE patient_identity SET ins_key = ?, oid = ?, status = 'RECUPEREE', birth_name = ?,"
                + " first_names = ?, sex = ?, birth_date = ?, birth_place = ?, retrieved_at = ?,"
                + " retrieved_by = ?, qualified_at = NULL, qualified_by = NULL, qualified_by_name = NULL,"
                + " qualified_by_rpps = NULL, document_type = NULL WHERE pharmacy_finess = ? AND matricule = ?"
            : "INSERT INTO patient_identity (ins_key, oid, status, birth_name, first_names, sex,"
                + " birth_date, birth_place, retrieved_at, retrieved_by, pharmacy_finess, matricule)"
                + " VALUES (?, ?, 'RECUPEREE', ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, identity.ins().key());
      s.setString(2, identity.ins().oid());
      s.setString(3, identity.birthName());
      s.setString(4, identity.firstNameList());
      s.setString(5, identity.sex());
      s.setDate(6, Date.valueOf(identity.birthDate()));
      s.setString(7, identity.birthPlace().orElse(null));
      s.setObject(8, now);
      s.setString(9, by.login());
      s.setString(10, finess);
      s.setString(11, identity.ins().matricule());
      s.executeUpdate();
    }
    return IdentityStatus.RECUPEREE;
  }

  /**
   * {@code POST /identity/qualifications}: qualifies {@code by}'s pharmacy's record, which its own
   * INSi call must have made (another pharmacy's retrieval or qualification does not count).
   */
  public PatientIdentityView qualify(QualificationRequest request, Account by) {
    InsView ins = request == null ? null : request.ins();
    if (ins == null || ins.matricule() == null || ins.key() == null || ins.oid() == null) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "L'INS (matricule, key, oid) à qualifier est obligatoire.");
    }
    IdentityDocumentRequest document = request.identityDocument();
    if (document == null || document.type() == null) {
      throw new ProblemException(
          ProblemType.IDENTITY_DOCUMENT_REFUSED, "La pièce d'identité vérifiée (type) est obligatoire.");
    }
    IdentityDocumentType type =
        IdentityDocumentType.of(document.type())
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.IDENTITY_DOCUMENT_REFUSED,
                        "Type de pièce inconnu : " + document.type() + "."));
    if (!type.allowsQualification()) {
      throw new ProblemException(
          ProblemType.IDENTITY_DOCUMENT_REFUSED,
          "Une "
              + (type == IdentityDocumentType.CARTE_VITALE ? "carte Vitale" : "pièce de ce type")
              + " ne prouve pas l'identité : présentez une carte d'identité, un passeport, un titre de"
              + " séjour (ou, pour un mineur, un acte de naissance ou le livret de famille).");
    }
    if (!Boolean.TRUE.equals(document.checkedTraitsMatch())) {
      throw new ProblemException(
          ProblemType.IDENTITY_DOCUMENT_REFUSED,
          "Les traits de la pièce ne correspondent pas à ceux de l'INS : l'identité reste récupérée,"
              + " non qualifiée. Vérifiez la saisie ou signalez l'écart à la référente identitovigilance.");
    }
    return db.jdbcTransaction(
        c -> {
          String finess = by.pharmacy().finess();
          Row row =
              find(c, finess, ins.matricule().strip().toUpperCase(java.util.Locale.ROOT), true)
                  .filter(r -> r.identity().ins().key().equals(ins.key().strip()))
                  .filter(r -> r.identity().ins().oid().equals(ins.oid().strip()))
                  .orElseThrow(
                      () ->
                          new ProblemException(
                              ProblemType.IDENTITY_NOT_RETRIEVED,
                              ProblemType.IDENTITY_NOT_RETRIEVED.title()));
          OffsetDateTime now = OffsetDateTime.now(clock);
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE patient_identity SET status = 'QUALIFIEE', qualified_at = ?, qualified_by = ?,"
                      + " qualified_by_name = ?, qualified_by_rpps = ?, document_type = ?"
                      + " WHERE pharmacy_finess = ? AND matricule = ?")) {
            u.setObject(1, now);
            u.setString(2, by.login());
            u.setString(3, by.displayName());
            u.setString(4, by.rpps().orElse(null));
            u.setString(5, type.name());
            u.setString(6, finess);
            u.setString(7, row.identity().ins().matricule());
            u.executeUpdate();
          }
          return IdentityViews.patient(
              new Row(
                  row.identity(),
                  IdentityStatus.QUALIFIEE,
                  Optional.of(now),
                  Optional.of(by.login()),
                  Optional.of(by.displayName()),
                  Optional.of(type)));
        });
  }

  /**
   * {@code GET /identity/patients/{ins}}: 15 characters, format checked, key not recomputed. What
   * {@code pharmacyFiness} holds; PROVISOIRE when it has never retrieved this INS, whatever
   * another pharmacy did (nothing of another pharmacy's record shows, not even that it exists).
   */
  public PatientIdentityView view(String typed, String pharmacyFiness) {
    String compact = typed == null ? "" : typed.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    Ins checked;
    try {
      if (compact.length() != Ins.MATRICULE_LENGTH + 2) {
        throw new InvalidIdentifierException(
            fr.officine.segur.api.id.IdentifierKind.INS, "INS invalide : 15 caractères (matricule et clé) attendus.");
      }
      // format only: an INS INSi returned may carry a key the formula refuses (HERMANN GATIEN)
      checked = new Ins(compact.substring(0, 13), compact.substring(13), InsType.NIR);
    } catch (InvalidIdentifierException e) {
      throw new ProblemException(ProblemType.INVALID_IDENTIFIER, e.getMessage(), null, e);
    }
    return db.jdbcRead(c -> find(c, pharmacyFiness, checked.matricule(), false))
        .filter(r -> r.identity().ins().key().equals(checked.key()))
        .map(IdentityViews::patient)
        .orElseGet(() -> IdentityViews.provisional(checked));
  }

  /**
   * For the DMP feed and any sharing by {@code pharmacyFiness}: present only when that pharmacy
   * qualified this very INS.
   */
  public Optional<QualifiedIdentity> qualified(Ins ins, String pharmacyFiness) {
    return db.jdbcRead(c -> find(c, pharmacyFiness, ins.matricule(), false))
        .filter(r -> r.status() == IdentityStatus.QUALIFIEE)
        .filter(r -> r.identity().ins().key().equals(ins.key()) && r.identity().ins().oid().equals(ins.oid()))
        .map(
            r ->
                new QualifiedIdentity(
                    r.identity().ins(),
                    r.identity().birthName(),
                    r.identity().firstNames(),
                    r.identity().sex(),
                    r.identity().birthDate(),
                    r.identity().birthPlace(),
                    r.qualifiedAt().orElseThrow(),
                    r.qualifiedBy().orElseThrow(),
                    r.document().orElseThrow()));
  }

  /**
   * The DMP feed's question for a document of {@code pharmacyFiness}: this patient (maybe without
   * INS), feed or not, and why.
   */
  public DmpFeedIdentity forDmp(Optional<Ins> ins, String pharmacyFiness) {
    if (ins.isEmpty()) {
      return new DmpFeedIdentity.NoFeed(DmpFeedIdentity.Reason.NO_INS);
    }
    return qualified(ins.get(), pharmacyFiness)
        .<DmpFeedIdentity>map(DmpFeedIdentity.Feed::new)
        .orElseGet(() -> new DmpFeedIdentity.NoFeed(DmpFeedIdentity.Reason.NOT_QUALIFIED));
  }

  private static boolean sameIdentity(RetrievedIdentity a, RetrievedIdentity b) {
    return a.ins().equals(b.ins())
        && a.birthName().equals(b.birthName())
        && a.firstNames().equals(b.firstNames())
        && a.sex().equals(b.sex())
        && a.birthDate().equals(b.birthDate())
        && a.birthPlace().equals(b.birthPlace());
  }

  private static Optional<Row> find(Connection c, String pharmacyFiness, String matricule, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM patient_identity WHERE pharmacy_finess = ? AND matricule = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, pharmacyFiness);
      s.setString(2, matricule);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        RetrievedIdentity identity =
            new RetrievedIdentity(
                Ins.fromInsi(r.getString("matricule"), r.getString("ins_key"), r.getString("oid")),
                List.of(),
                r.getString("birth_name"),
                Arrays.asList(r.getString("first_names").split(" ")),
                r.getString("sex"),
                r.getDate("birth_date").toLocalDate(),
                Optional.ofNullable(r.getString("birth_place")));
        return Optional.of(
            new Row(
                identity,
                IdentityStatus.valueOf(r.getString("status")),
                Optional.ofNullable(r.getObject("qualified_at", OffsetDateTime.class)),
                Optional.ofNullable(r.getString("qualified_by")),
                Optional.ofNullable(r.getString("qualified_by_name")),
                Optional.ofNullable(r.getString("document_type")).flatMap(IdentityDocumentType::of)));
      }
    }
  }
}
