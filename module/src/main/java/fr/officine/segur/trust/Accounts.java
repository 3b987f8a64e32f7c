package fr.officine.segur.trust;

import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The pharmacies and the local accounts, in the module's database. */
@ApplicationScoped
public class Accounts {
  private Database db;

  protected Accounts() {}

  @Inject
  public Accounts(Database db) {
    this.db = db;
  }

  public Optional<Account> find(String login) {
    return db.withHandle(h -> find(h, login));
  }

  /** The account of the professional with this RPPS (how a CPS card finds its holder). */
  public Optional<Account> findByRpps(String rpps) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT login FROM account WHERE rpps = :rpps")
                .bind("rpps", rpps)
                .mapTo(String.class)
                .findFirst()
                .flatMap(login -> find(h, login)));
  }

  /** An account row joined with its pharmacy. */
  record Row(
      String login,
      String passwordHash,
      Optional<String> rpps,
      String lastName,
      String firstName,
      Role role,
      String finess,
      String name,
      String city) {
    Account account() {
      return new Account(
          login, passwordHash, rpps, lastName, firstName, role, new Pharmacy(finess, name, city));
    }
  }

  static Optional<Account> find(Handle h, String login) {
    return h.createQuery(
            "SELECT a.login, a.password_hash, a.rpps, a.last_name, a.first_name, a.role,"
                + " p.finess, p.name, p.city FROM account a"
                + " JOIN pharmacy p ON p.finess = a.pharmacy_finess WHERE a.login = :login")
        .bind("login", login)
        .map(ConstructorMapper.of(Row.class))
        .findOne()
        .map(Row::account);
  }

  /** Inserts the pharmacy unless its FINESS is already known (seeding is idempotent). */
  public boolean addPharmacyIfAbsent(Pharmacy pharmacy) {
    return db.inTransaction(
        h -> {
          boolean known =
              h.createQuery("SELECT 1 FROM pharmacy WHERE finess = :finess")
                  .bind("finess", pharmacy.finess())
                  .mapTo(Integer.class)
                  .findFirst()
                  .isPresent();
          if (known) {
            return false;
          }
          h.createUpdate("INSERT INTO pharmacy (finess, name, city) VALUES (:finess, :name, :city)")
              .bindMethods(pharmacy)
              .execute();
          return true;
        });
  }

  /** The pharmacy's postal address (street, postal code), when it was recorded. */
  public Optional<PharmacyAddress> address(String finess) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT street, postal_code, city FROM pharmacy WHERE finess = :finess"
                        + " AND street IS NOT NULL AND postal_code IS NOT NULL")
                .bind("finess", finess)
                .map(ConstructorMapper.of(PharmacyAddress.class))
                .findOne());
  }

  /** Records the address unless one is already there (seeding is idempotent). */
  public void setAddressIfAbsent(String finess, String street, String postalCode) {
    db.useTransaction(
        h ->
            h.createUpdate(
                    "UPDATE pharmacy SET street = :street, postal_code = :postalCode WHERE finess = :finess"
                        + " AND street IS NULL")
                .bind("street", street)
                .bind("postalCode", postalCode)
                .bind("finess", finess)
                .execute());
  }

  /**
   * The pharmacy's titulaire with an RPPS: the pharmacist under whose responsibility a préparateur
   * delivers (the dispensation document's author must be a pharmacist). The first by login when a
   * pharmacy has several co-titulaires.
   */
  public Optional<Account> titulaireOf(String finess) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT login FROM account WHERE pharmacy_finess = :finess AND role = 'TITULAIRE'"
                        + " AND rpps IS NOT NULL ORDER BY login")
                .bind("finess", finess)
                .mapTo(String.class)
                .findFirst()
                .flatMap(login -> find(h, login)));
  }

  public boolean exists(String login) {
    return find(login).isPresent();
  }

  public void add(Account account) {
    db.useTransaction(
        h ->
            h.createUpdate(
                    "INSERT INTO account (login, password_hash, rpps, last_name, first_name, role,"
                        + " pharmacy_finess) VALUES (:login, :passwordHash, :rpps, :lastName, :firstName,"
                        + " :role, :finess)")
                .bindMethods(account)
                .bind("role", account.role().name())
                .bind("finess", account.pharmacy().finess())
                .execute());
  }
}
