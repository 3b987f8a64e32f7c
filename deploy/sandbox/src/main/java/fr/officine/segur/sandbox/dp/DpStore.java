package fr.officine.segur.sandbox.dp;

import fr.officine.segur.sandbox.db.Database;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The DP stub's H2 store: patients, refused products, recorded dispensations. */
public final class DpStore {
  private final Database db;
  private final Clock clock;

  public DpStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    db.runScript("/sandbox/dp-schema.sql");
  }

  public Clock clock() {
    return clock;
  }

  public Optional<DpPatient> byIns(String ins) {
    return db.jdbcTransaction(c -> one(c, "SELECT * FROM dp_patient WHERE ins = ?", ins));
  }

  /** By carte Vitale data: NIR + rang + date of birth must all match. */
  public Optional<DpPatient> byCarteVitale(String nir, int rang, LocalDate birthDate) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT ins FROM dp_patient WHERE nir = ? AND rang = ? AND date_naissance = ?")) {
            ps.setString(1, nir);
            ps.setInt(2, rang);
            ps.setDate(3, Date.valueOf(birthDate));
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? one(c, "SELECT * FROM dp_patient WHERE ins = ?", rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  private static Optional<DpPatient> one(Connection c, String sql, String ins) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, ins);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Set<String> refused = new HashSet<>();
        try (PreparedStatement r = c.prepareStatement("SELECT cip13 FROM dp_produit_refuse WHERE ins = ?")) {
          r.setString(1, ins);
          try (ResultSet rr = r.executeQuery()) {
            while (rr.next()) {
              refused.add(rr.getString(1));
            }
          }
        }
        return Optional.of(
            new DpPatient(
                rs.getString("ins"), rs.getString("nom"), rs.getString("prenom"), rs.getString("nir"),
                rs.getInt("rang"), rs.getDate("date_naissance").toLocalDate(),
                DpPatient.Status.valueOf(rs.getString("statut")), refused, rs.getString("scenario")));
      }
    }
  }

  /** The patient's dispensations delivered since {@code since}, newest first. */
  public List<DpLine> history(String ins, OffsetDateTime since) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id_dispensation, delivree_le, finess, pharmacie, cip13, libelle, atc, quantite, lot"
                      + " FROM dp_dispensation WHERE ins = ? AND delivree_le >= ? ORDER BY delivree_le DESC, id")) {
            ps.setString(1, ins);
            ps.setObject(2, since);
            List<DpLine> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DpLine(
                        rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), Optional.ofNullable(rs.getString(7)),
                        rs.getInt(8), Optional.ofNullable(rs.getString(9))));
              }
            }
            return out;
          }
        });
  }

  /** A recorded dispensation: lines and DMP forwarding outcome. */
  public record Recorded(int lines, Optional<String> dmpStatus) {}

  public Optional<Recorded> recorded(String dispensationId) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT lignes, statut_dmp FROM dp_enregistrement WHERE id_dispensation = ?")) {
            ps.setString(1, dispensationId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Recorded(rs.getInt(1), Optional.ofNullable(rs.getString(2))))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Records the lines of one dispensation once: false when the id was already recorded (by an
   * earlier call, or a concurrent one that won the primary key).
   */
  public boolean record(String dispensationId, String ins, List<DpLine> lines, Optional<String> dmpStatus) {
    try {
      return db.jdbcTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO dp_enregistrement(id_dispensation, ins, lignes, statut_dmp, recu_le) VALUES (?, ?, ?, ?, ?)")) {
              ps.setString(1, dispensationId);
              ps.setString(2, ins);
              ps.setInt(3, lines.size());
              ps.setString(4, dmpStatus.orElse(null));
              ps.setObject(5, OffsetDateTime.now(clock));
              ps.executeUpdate();
            }
            insertLines(c, ins, lines);
            return true;
          });
    } catch (Database.DatabaseException e) {
      if (e.isUniqueViolation()) {
        return false;
      }
      throw e;
    }
  }

  private static void insertLines(Connection c, String ins, List<DpLine> lines) throws SQLException {
    int n = 0;
    for (DpLine l : lines) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO dp_dispensation(id, id_dispensation, ins, delivree_le, finess, pharmacie, cip13,"
                  + " libelle, atc, quantite, lot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, l.dispensationId() + "#" + (++n));
        ps.setString(2, l.dispensationId());
        ps.setString(3, ins);
        ps.setObject(4, l.deliveredAt());
        ps.setString(5, l.finess());
        ps.setString(6, l.pharmacy());
        ps.setString(7, l.cip13());
        ps.setString(8, l.label());
        ps.setString(9, l.atc().orElse(null));
        ps.setInt(10, l.quantity());
        ps.setString(11, l.lot().orElse(null));
        ps.executeUpdate();
      }
    }
  }

  /** Writes the seeds once per database (marker row). */
  public boolean seedOnce(String marker, List<DpPatient> patients, List<DpLine> history, String historyIns) {
    return db.jdbcTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dp_meta WHERE meta_key = ?")) {
            ps.setString(1, marker);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return false;
              }
            }
          }
          for (DpPatient p : patients) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO dp_patient(ins, nom, prenom, nir, rang, date_naissance, statut, scenario)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
              ps.setString(1, p.ins());
              ps.setString(2, p.lastName());
              ps.setString(3, p.firstName());
              ps.setString(4, p.nir());
              ps.setInt(5, p.rang());
              ps.setDate(6, Date.valueOf(p.birthDate()));
              ps.setString(7, p.status().name());
              ps.setString(8, p.scenario());
              ps.executeUpdate();
            }
            for (String cip : p.refusedCip13()) {
              try (PreparedStatement ps =
                  c.prepareStatement("INSERT INTO dp_produit_refuse(ins, cip13) VALUES (?, ?)")) {
                ps.setString(1, p.ins());
                ps.setString(2, cip);
                ps.executeUpdate();
              }
            }
          }
          insertLines(c, historyIns, history);
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO dp_meta(meta_key, meta_value) VALUES (?, ?)")) {
            ps.setString(1, marker);
            ps.setString(2, OffsetDateTime.now(clock).toString());
            ps.executeUpdate();
          }
          return true;
        });
  }

  public void wipe() {
    db.jdbcTransaction(
        c -> {
          try (var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM dp_dispensation");
            s.executeUpdate("DELETE FROM dp_enregistrement");
            s.executeUpdate("DELETE FROM dp_produit_refuse");
            s.executeUpdate("DELETE FROM dp_patient");
            s.executeUpdate("DELETE FROM dp_meta");
          }
          return null;
        });
  }
}
