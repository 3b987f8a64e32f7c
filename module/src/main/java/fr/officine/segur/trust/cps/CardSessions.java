package fr.officine.segur.trust.cps;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.session.CpsCardView;
import fr.officine.segur.api.session.CpsSessionView;
import fr.officine.segur.api.session.SessionView;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Opens DIRECTE sessions from a CPS card and ends them when the card leaves its reader. The holder
 * must be a known account of this pharmacy (matched by RPPS): the card proves who is there, the
 * account says what they may do here.
 */
@ApplicationScoped
public class CardSessions {
  public static final String CARD_REMOVED =
      "Carte CPS retirée : réinsérez votre carte et reconnectez-vous.";
  private static final Logger LOG = Logger.getLogger(CardSessions.class.getName());

  private PcscCards cards;
  private Accounts accounts;
  private Sessions sessions;
  private Clock clock;

  protected CardSessions() {}

  @Inject
  public CardSessions(PcscCards cards, Accounts accounts, Sessions sessions) {
    this.cards = cards;
    this.accounts = accounts;
    this.sessions = sessions;
    this.clock = Clock.systemDefaultZone();
  }

  public CpsSessionView open(char[] pin, Optional<String> reader) {
    return open(pin, reader, false);
  }

  /** As {@link #open(char[], Optional)}; the card's last PIN try is used only if confirmed. */
  public CpsSessionView open(char[] pin, Optional<String> reader, boolean confirmLastTry) {
    InsertedCard card = cards.read(reader, pin, confirmLastTry);
    CpsHolder holder = card.holder();
    if (!holder.validOn(LocalDate.now(clock))) {
      throw new ProblemException(
          ProblemType.CPS_CARD_REFUSED,
          "Carte refusée : carte CPS hors de sa période de validité (jusqu'au "
              + holder.validUntil()
              + ").");
    }
    Account account =
        accounts
            .findByRpps(holder.rpps())
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.CPS_HOLDER_UNKNOWN,
                        holder.firstName()
                            + " "
                            + holder.lastName()
                            + " (RPPS "
                            + holder.rpps()
                            + ") n'a pas de compte dans cette officine."));
    SessionView session = sessions.openBoundToCard(account, card.reader(), holder.serial());
    LOG.info(() -> "CPS session opened for " + account.login() + " in reader " + card.reader());
    return new CpsSessionView(
        session.token(),
        session.expiresAt(),
        session.professional(),
        session.pharmacy(),
        fr.officine.segur.trust.AuthMode.DIRECTE.name(),
        new CpsCardView(
            holder.cardType(),
            holder.rpps(),
            holder.lastName(),
            holder.firstName(),
            holder.professionCode(),
            holder.validUntil(),
            card.reader()));
  }

  /**
   * One pass of the card watcher: every reader that sessions are bound to and that no longer holds
   * a card has its sessions revoked. Fails closed: a reader or a PC/SC service that went away
   * counts as a removed card. Returns how many sessions were revoked.
   */
  public int revokeSessionsOfRemovedCards() {
    int revoked = 0;
    for (String reader : sessions.boundReaders()) {
      if (!cards.isCardPresent(reader)) {
        int n = sessions.revokeCardSessions(reader, CARD_REMOVED);
        LOG.info(() -> "CPS card left reader " + reader + ": " + n + " session(s) revoked");
        revoked += n;
      }
    }
    return revoked;
  }
}
