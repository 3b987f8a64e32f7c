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
import fr.officine.segur.event.FeedEvents;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

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
  private FeedEvents feed;

  protected PatientIdentities() {}

  @Inject
  public PatientIdentities(Database db, FeedEvents feed) {
    this(db, Clock.systemUTC(), feed);
  }

  /** Outside the container: the same event feed on {@code db}. */
  public PatientIdentities(Database db) {
    this(db, Clock.systemUTC(), FeedEvents.on(db));
  }

  PatientIdentities(Database db, Clock clock) {
    this(db, clock, FeedEvents.on(db));
  }

  PatientIdentities(Database db, Clock clock, FeedEvents feed) {
    this.db = db;
    this.clock = clock;
    this.feed = feed;
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
      return db.inTransaction(h -> upsertRetrieved(h, identity, by));
    } catch (DuplicateKeyException concurrentFirstInsert) {
      // two counters retrieved the same new INS at once: the other insert won, update it
      return db.inTransaction(h -> upsertRetrieved(h, identity, by));
    }
  }

  private IdentityStatus upsertRetrieved(Handle h, RetrievedIdentity identity, Account by) {
    String finess = by.pharmacy().finess();
    Optional<Row> existing = find(h, finess, identity.ins().matricule(), true);
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (existing.isPresent()
        && existing.get().status() == IdentityStatus.QUALIFIEE
        && sameIdentity(existing.get().identity(), identity)) {
      h.createUpdate(
              "UPDATE patient_identity SET retrieved_at = :now, retrieved_by = :login"
                  + " WHERE pharmacy_finess = :finess AND matricule = :ins.matricule")
          .bind("now", now)
          .bind("login", by.login())
          .bind("finess", finess)
          .bindMethods("ins", identity.ins())
          .execute();
      return IdentityStatus.QUALIFIEE;
    }
    String sql =
        existing.isPresent()
            ? "UPDATE patient_identity SET ins_key = :ins.key, oid = :ins.oid, status = 'RECUPEREE',"
                + " birth_name = :birthName, first_names = :firstNames, sex = :sex, birth_date = :birthDate,"
                + " birth_place = :birthPlace, retrieved_at = :now, retrieved_by = :login, qualified_at = NULL,"
                + " qualified_by = NULL, qualified_by_name = NULL, qualified_by_rpps = NULL, document_type = NULL"
                + " WHERE pharmacy_finess = :finess AND matricule = :ins.matricule"
            : "INSERT INTO patient_identity (ins_key, oid, status, birth_name, first_names, sex,"
                + " birth_date, birth_place, retrieved_at, retrieved_by, pharmacy_finess, matricule)"
                + " VALUES (:ins.key, :ins.oid, 'RECUPEREE', :birthName, :firstNames, :sex, :birthDate,"
                + " :birthPlace, :now, :login, :finess, :ins.matricule)";
    h.createUpdate(sql)
        .bindMethods("ins", identity.ins())
        .bind("birthName", identity.birthName())
        .bind("firstNames", identity.firstNameList())
        .bind("sex", identity.sex())
        .bind("birthDate", identity.birthDate())
        .bind("birthPlace", identity.birthPlace().orElse(null))
        .bind("now", now)
        .bind("login", by.login())
        .bind("finess", finess)
        .execute();
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
          ProblemType.MALFORMED_REQUEST,
          "L'INS (matricule, key, oid) à qualifier est obligatoire.");
    }
    IdentityDocumentRequest document = request.identityDocument();
    if (document == null || document.type() == null) {
      throw new ProblemException(
          ProblemType.IDENTITY_DOCUMENT_REFUSED,
          "La pièce d'identité vérifiée (type) est obligatoire.");
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
    return db.inTransaction(
        h -> {
          String finess = by.pharmacy().finess();
          Row row =
              find(h, finess, ins.matricule().strip().toUpperCase(java.util.Locale.ROOT), true)
                  .filter(r -> r.identity().ins().key().equals(ins.key().strip()))
                  .filter(r -> r.identity().ins().oid().equals(ins.oid().strip()))
                  .orElseThrow(
                      () ->
                          new ProblemException(
                              ProblemType.IDENTITY_NOT_RETRIEVED,
                              ProblemType.IDENTITY_NOT_RETRIEVED.title()));
          OffsetDateTime now = OffsetDateTime.now(clock);
          h.createUpdate(
                  "UPDATE patient_identity SET status = 'QUALIFIEE', qualified_at = :now, qualified_by = :login,"
                      + " qualified_by_name = :name, qualified_by_rpps = :rpps, document_type = :document"
                      + " WHERE pharmacy_finess = :finess AND matricule = :matricule")
              .bind("now", now)
              .bind("login", by.login())
              .bind("name", by.displayName())
              .bind("rpps", by.rpps().orElse(null))
              .bind("document", type.name())
              .bind("finess", finess)
              .bind("matricule", row.identity().ins().matricule())
              .execute();
          feed.insQualified(h, finess, row.identity().ins().matricule());
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
   * {@code pharmacyFiness} holds; PROVISOIRE when it has never retrieved this INS, whatever another
   * pharmacy did (nothing of another pharmacy's record shows, not even that it exists).
   */
  public PatientIdentityView view(String typed, String pharmacyFiness) {
    String compact = typed == null ? "" : typed.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    Ins checked;
    try {
      if (compact.length() != Ins.MATRICULE_LENGTH + 2) {
        throw new InvalidIdentifierException(
            fr.officine.segur.api.id.IdentifierKind.INS,
            "INS invalide : 15 caractères (matricule et clé) attendus.");
      }
      // format only: an INS INSi returned may carry a key the formula refuses (HERMANN GATIEN)
      checked = new Ins(compact.substring(0, 13), compact.substring(13), InsType.NIR);
    } catch (InvalidIdentifierException e) {
      throw new ProblemException(ProblemType.INVALID_IDENTIFIER, e.getMessage(), null, e);
    }
    return db.withHandle(h -> find(h, pharmacyFiness, checked.matricule(), false))
        .filter(r -> r.identity().ins().key().equals(checked.key()))
        .map(IdentityViews::patient)
        .orElseGet(() -> IdentityViews.provisional(checked));
  }

  /**
   * For the DMP feed and any sharing by {@code pharmacyFiness}: present only when that pharmacy
   * qualified this very INS.
   */
  public Optional<QualifiedIdentity> qualified(Ins ins, String pharmacyFiness) {
    return db.withHandle(h -> find(h, pharmacyFiness, ins.matricule(), false))
        .filter(r -> r.status() == IdentityStatus.QUALIFIEE)
        .filter(
            r ->
                r.identity().ins().key().equals(ins.key())
                    && r.identity().ins().oid().equals(ins.oid()))
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

  /** A patient_identity row as stored. */
  record Stored(
      String matricule,
      String insKey,
      String oid,
      IdentityStatus status,
      String birthName,
      String firstNames,
      String sex,
      LocalDate birthDate,
      Optional<String> birthPlace,
      Optional<OffsetDateTime> qualifiedAt,
      Optional<String> qualifiedBy,
      Optional<String> qualifiedByName,
      Optional<String> documentType) {
    Row row() {
      RetrievedIdentity identity =
          new RetrievedIdentity(
              Ins.fromInsi(matricule, insKey, oid),
              List.of(),
              birthName,
              Arrays.asList(firstNames.split(" ")),
              sex,
              birthDate,
              birthPlace);
      return new Row(
          identity,
          status,
          qualifiedAt,
          qualifiedBy,
          qualifiedByName,
          documentType.flatMap(IdentityDocumentType::of));
    }
  }

  private static Optional<Row> find(
      Handle h, String pharmacyFiness, String matricule, boolean forUpdate) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM patient_identity WHERE pharmacy_finess = :finess AND matricule = :matricule"
                + (forUpdate ? " FOR UPDATE" : ""))
        .bind("finess", pharmacyFiness)
        .bind("matricule", matricule)
        .map(ConstructorMapper.of(Stored.class))
        .findOne()
        .map(Stored::row);
  }
}
