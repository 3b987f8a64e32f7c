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
    return db.read(c -> find(c, login));
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
    return db.inTransaction(
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

  public boolean exists(String login) {
    return find(login).isPresent();
  }

  public void add(Account account) {
    db.inTransaction(
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
