package fr.officine.segur.counter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PresenceTicketsTest {
  static Database db;
  static Account claire;

  /** Two nodes of one cluster: two instances over the same database. */
  static PresenceTickets node1;

  static PresenceTickets node2;

  @BeforeAll
  static void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:tickets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    db = new Database(h2);
    Accounts accounts = new Accounts(db);
    new SandboxSeed(accounts, new PasswordHasher(), "sandbox").seed();
    claire = accounts.find("titulaire").orElseThrow();
    node1 = new PresenceTickets(db, accounts);
    node2 = new PresenceTickets(db, accounts);
  }

  @Test
  void a_ticket_opens_one_stream_of_its_own_prescription_once() {
    String ticket = node1.issue(claire, "01S2TBPZ2JCNZZYGHZ");
    assertThat(ticket).hasSizeGreaterThanOrEqualTo(43); // 256 random bits
    assertThat(node1.redeem(ticket, "01S2TBPZ2JCNZZYGHZ")).contains(claire);
    assertThat(node1.redeem(ticket, "01S2TBPZ2JCNZZYGHZ")).as("used once").isEmpty();
  }

  @Test
  void a_ticket_for_another_prescription_or_an_unknown_one_opens_nothing() {
    String ticket = node1.issue(claire, "01S2TBPZ2JCNZZYGHZ");
    assertThat(node1.redeem(ticket, "SBX02MULTILIGNES00")).isEmpty();
    assertThat(node1.redeem(ticket, "01S2TBPZ2JCNZZYGHZ")).as("a wrong try burns it").isEmpty();
    assertThat(node1.redeem("guessed", "01S2TBPZ2JCNZZYGHZ")).isEmpty();
    assertThat(node1.redeem(null, "01S2TBPZ2JCNZZYGHZ")).isEmpty();
  }

  /** Issue 13 §2: behind HAProxy the stream is often opened on another node than the ticket's. */
  @Test
  void a_ticket_issued_by_one_node_is_redeemed_by_another_once_with_its_session() {
    String ticket = node1.issue(claire, "a-session-hash", "01S2TBPZ2JCNZZYGHZ");
    assertThat(node2.redeemWithSession(ticket, "01S2TBPZ2JCNZZYGHZ"))
        .hasValueSatisfying(
            r -> {
              assertThat(r.account()).isEqualTo(claire);
              assertThat(r.sessionTokenHash()).isEqualTo("a-session-hash");
            });
    assertThat(node1.redeem(ticket, "01S2TBPZ2JCNZZYGHZ")).as("used once, on any node").isEmpty();
    assertThat(node2.redeem(ticket, "01S2TBPZ2JCNZZYGHZ")).isEmpty();
  }

  @Test
  void only_the_tickets_hash_is_stored() {
    String ticket = node1.issue(claire, "01S2TBPZ2JCNZZYGHZ");
    int found =
        db.jdbcRead(
            c -> {
              try (var ps =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM stream_ticket WHERE ticket_hash = ? OR scope = ?")) {
                ps.setString(1, ticket);
                ps.setString(2, ticket);
                try (var rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getInt(1);
                }
              }
            });
    assertThat(found).isZero();
  }
}
