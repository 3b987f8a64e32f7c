package fr.officine.segur.counter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Pharmacy;
import fr.officine.segur.trust.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceTicketsTest {
  final PresenceTickets tickets = new PresenceTickets();
  final Account claire =
      new Account("titulaire", "x", Optional.of("10100000016"), "MARTIN", "Claire", Role.TITULAIRE,
          new Pharmacy("690100011", "Pharmacie du Marché", "Lyon"));

  @Test
  void a_ticket_opens_one_stream_of_its_own_prescription_once() {
    String ticket = tickets.issue(claire, "01S2TBPZ2JCNZZYGHZ");
    assertThat(ticket).hasSizeGreaterThanOrEqualTo(43); // 256 random bits
    assertThat(tickets.redeem(ticket, "01S2TBPZ2JCNZZYGHZ")).contains(claire);
    assertThat(tickets.redeem(ticket, "01S2TBPZ2JCNZZYGHZ")).as("used once").isEmpty();
  }

  @Test
  void a_ticket_for_another_prescription_or_an_unknown_one_opens_nothing() {
    String ticket = tickets.issue(claire, "01S2TBPZ2JCNZZYGHZ");
    assertThat(tickets.redeem(ticket, "SBX02MULTILIGNES00")).isEmpty();
    assertThat(tickets.redeem(ticket, "01S2TBPZ2JCNZZYGHZ")).as("a wrong try burns it").isEmpty();
    assertThat(tickets.redeem("guessed", "01S2TBPZ2JCNZZYGHZ")).isEmpty();
    assertThat(tickets.redeem(null, "01S2TBPZ2JCNZZYGHZ")).isEmpty();
  }
}
