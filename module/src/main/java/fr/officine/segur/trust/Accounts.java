package fr.officine.segur.trust;

import fr.officine.segur.data.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

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
    return db.jdbcRead(c -> find(c, login));
  }

  /** The account of the professional with this RPPS (how a CPS card finds its holder). */
  public Optional<Account> findByRpps(String rpps) {
    return db.jdbcRead(
        c -> {
          String login;
          try (PreparedStatement ps = c.prepareStatement("SELECT login FROM account WHERE rpps = ?")) {
            ps.setString(1, rpps);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              login = rs.getString(1);
            }
          }
          return find(c, login);
        });
  }

  static Optional<Account> find(Connection c, String login) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.login, a.password_hash, a.rpps, a.last_name, a.first_name, a.role,"
                + " p.finess, p.name, p.city FROM account a"
                + " JOIN pharmacy p ON p.finess = a.pharmacy_finess WHERE a.login = ?")) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Account(
                rs.getString(1),
                rs.getString(2),
                Optional.ofNullable(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                Role.valueOf(rs.getString(6)),
                new Pharmacy(rs.getString(7), rs.getString(8), rs.getString(9))));
      }
    }
  }

  /** Inserts the pharmacy unless its FINESS is already known (seeding is idempotent). */
  public boolean addPharmacyIfAbsent(Pharmacy pharmacy) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pharmacy WHERE finess = ?")) {
            q.setString(1, pharmacy.finess());
            try (ResultSet rs = q.executeQuery()) {
              if (rs.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO pharmacy (finess, name, city) VALUES (?, ?, ?)")) {
            ps.setString(1, pharmacy.finess());
            ps.setString(2, pharmacy.name());
            ps.setString(3, pharmacy.city());
            ps.executeUpdate();
          }
          return true;
        });
  }

  /** The pharmacy's postal address (street, postal code), when it was recorded. */
  public Optional<PharmacyAddress> address(String finess) {
    return db.jdbcRead(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT street, postal_code, city FROM pharmacy WHERE finess = ?"
                      + " AND street IS NOT NULL AND postal_code IS NOT NULL")) {
            ps.setString(1, finess);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new PharmacyAddress(rs.getString(1), rs.getString(2), rs.getString(3)))
                  : Optional.<PharmacyAddress>empty();
            }
          }
        });
  }

  /** Records the address unless one is already there (seeding is idempotent). */
  public void setAddressIfAbsent(String finess, String street, String postalCode) {
    db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE pharmacy SET street = ?, postal_code = ? WHERE finess = ? AND street IS NULL")) {
            ps.setString(1, street);
            ps.setString(2, postalCode);
            ps.setString(3, finess);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * The pharmacy's titulaire with an RPPS: the pharmacist under whose responsibility a préparateur
   * delivers (the dispensation document's author must be a pharmacist). The first by login when a
   * pharmacy has several co-titulaires.
   */
  public Optional<Account> titulaireOf(String finess) {
    return db.jdbcRead(
        c -> {
          String login;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT login FROM account WHERE pharmacy_finess = ? AND role = 'TITULAIRE'"
                      + " AND rpps IS NOT NULL ORDER BY login")) {
            ps.setString(1, finess);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Account>empty();
              }
              login = rs.getString(1);
            }
          }
          return find(c, login);
        });
  }

  public boolean exists(String login) {
    return find(login).isPresent();
  }

  public void add(Account account) {
    db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO account (login, password_hash, rpps, last_name, first_name, role,"
                      + " pharmacy_finess) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, account.login());
            ps.setString(2, account.passwordHash());
            ps.setString(3, account.rpps().orElse(null));
            ps.setString(4, account.lastName());
            ps.setString(5, account.firstName());
            ps.setString(6, account.role().name());
            ps.setString(7, account.pharmacy().finess());
            ps.executeUpdate();
          }
          return null;
        });
  }
}
