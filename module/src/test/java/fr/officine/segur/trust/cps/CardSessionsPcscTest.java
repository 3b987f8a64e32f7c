package fr.officine.segur.trust.cps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.session.CpsSessionView;
import fr.officine.segur.data.Database;
import fr.officine.segur.data.Migrations;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PasswordHasher;
import fr.officine.segur.trust.SandboxSeed;
import fr.officine.segur.trust.Sessions;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * CPS card sessions through the real PC/SC stack: pcscd + vsmartcard's vpcd reader + our virtual
 * card (deploy/pcsc). Needs deploy/install-test-deps.sh (installs and starts pcscd); fails, with
 * the command to run, when PC/SC is missing; -Dpcsc.skip=true skips it explicitly.
 */
@DisabledIfSystemProperty(
    named = "pcsc.skip",
    matches = "true",
    disabledReason = "PC/SC tests skipped on request (-Dpcsc.skip=true)")
class CardSessionsPcscTest {
  static FileChannel lockFile;
  static FileLock lock;
  static PcscCards cards = new PcscCards();
  static Sessions sessions;
  static CardSessions cardSessions;

  @BeforeAll
  static void realPcscStack() throws Exception {
    try {
      assertThat(cards.readers())
          .as("vpcd's reader (vsmartcard-vpcd) among the PC/SC readers")
          .contains(VirtualCpsCard.READER);
    } catch (ProblemException | AssertionError e) {
      throw new AssertionError(
          "PC/SC stack unavailable ("
              + (e instanceof ProblemException p ? p.detail() : e.getMessage())
              + "). Run deploy/install-test-deps.sh as root (installs and starts pcscd + vpcd),"
              + " or skip these tests with -Dpcsc.skip=true.",
          e);
    }
    // one virtual reader for the whole machine (not per build dir): serialise every JVM using it
    lockFile =
        FileChannel.open(
            Path.of(
                System.getenv().getOrDefault("TMPDIR", "/tmp"), "officine-segur-pcsc-reader0.lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
    lock = lockFile.lock();

    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:cps-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Migrations.migrate(h2);
    Database db = new Database(h2);
    Accounts accounts = new Accounts(db);
    PasswordHasher hasher = new PasswordHasher();
    new SandboxSeed(accounts, hasher, "sandbox").seed();
    sessions = new Sessions(db, accounts, hasher, java.time.Duration.ofHours(10));
    cardSessions = new CardSessions(cards, accounts, sessions);
  }

  @AfterAll
  static void release() throws Exception {
    if (lock != null) {
      lock.release();
      lockFile.close();
    }
  }

  @Test
  void titulaire_card_opens_a_directe_session_that_ends_within_2s_when_the_card_is_removed()
      throws Exception {
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
    try (VirtualCpsCard card = VirtualCpsCard.insert(cards, "--holder", "titulaire")) {
      CpsSessionView view = cardSessions.open("1234".toCharArray(), Optional.empty());

      assertThat(view.authMode()).isEqualTo("DIRECTE");
      assertThat(view.professional().login()).isEqualTo("titulaire");
      assertThat(view.professional().rpps()).isEqualTo("10100000016");
      assertThat(view.pharmacy().name()).isEqualTo("Pharmacie du Marché");
      assertThat(view.card().reader()).isEqualTo(VirtualCpsCard.READER);
      assertThat(view.card().cardType()).isEqualTo("CPS");
      assertThat(view.card().professionCode()).isEqualTo("21");
      assertThat(sessions.authenticate(view.token()).map(Account::login)).contains("titulaire");

      // the same cadence as CardWatch in the container: one pass per second
      watch.scheduleAtFixedRate(cardSessions::revokeSessionsOfRemovedCards, 0, 1, TimeUnit.SECONDS);
      Thread.sleep(1500);
      assertThat(sessions.authenticate(view.token())).as("card still inserted").isPresent();

      card.remove();
      long removed = System.nanoTime();
      boolean ended =
          VirtualCpsCard.waitFor(
              () -> sessions.authenticate(view.token()).isEmpty(), Duration.ofSeconds(60));
      long millis = (System.nanoTime() - removed) / 1_000_000;
      System.out.println("CPS session revoked " + millis + " ms after pcscd saw the card removed");

      // generous bound: the figure is printed above, the test proves the revocation, not its speed
      assertThat(ended).as("session revoked after the removal").isTrue();
      assertThat(sessions.revocationReason(view.token())).contains(CardSessions.CARD_REMOVED);
      assertThat(CardSessions.CARD_REMOVED).startsWith("Carte CPS retirée");
    } finally {
      watch.shutdownNow();
    }
  }

  @Test
  void password_sessions_survive_a_card_removal() throws Exception {
    var password = sessions.open("adjoint", "adjoint");
    try (VirtualCpsCard card = VirtualCpsCard.insert(cards, "--holder", "adjoint")) {
      CpsSessionView bound =
          cardSessions.open("1234".toCharArray(), Optional.of(VirtualCpsCard.READER));
      assertThat(bound.professional().login()).isEqualTo("adjoint");
      card.remove();
      assertThat(cardSessions.revokeSessionsOfRemovedCards()).isEqualTo(1);
    }
    assertThat(sessions.authenticate(password.token()).map(Account::login)).contains("adjoint");
  }

  @Test
  void a_card_that_is_not_a_cps_is_refused_in_french() throws Exception {
    try (VirtualCpsCard card =
        VirtualCpsCard.insert(cards, "--holder", "titulaire", "--atr", "3B951381018073FF01000B")) {
      assertThatThrownBy(() -> cardSessions.open("1234".toCharArray(), Optional.empty()))
          .isInstanceOfSatisfying(
              ProblemException.class,
              p -> {
                assertThat(p.type()).isEqualTo(ProblemType.CPS_CARD_REFUSED);
                assertThat(p.detail())
                    .isEqualTo(
                        "Carte refusée : ce n'est pas une carte CPS (ATR 3B951381018073FF01000B).");
              });
    }
  }

  @Test
  void two_wrong_pins_then_the_module_stops_before_the_last_try_until_it_is_confirmed()
      throws Exception {
    try (VirtualCpsCard card = VirtualCpsCard.insert(cards, "--holder", "titulaire")) {
      assertThat(triesLeft()).isEqualTo(3);
      assertThatThrownBy(() -> cardSessions.open("0000".toCharArray(), Optional.empty()))
          .isInstanceOfSatisfying(
              ProblemException.class,
              p -> {
                assertThat(p.type()).isEqualTo(ProblemType.CPS_PIN_INCORRECT);
                assertThat(p.detail()).isEqualTo("Code PIN incorrect : 2 essais restants.");
              });
      assertThatThrownBy(() -> cardSessions.open("0000".toCharArray(), Optional.empty()))
          .hasMessageContaining("1 essai restant. Le prochain devra être confirmé");
      assertThat(triesLeft()).isEqualTo(1);

      // the last try is not spent, whatever the PIN typed, until the pharmacist confirms it
      for (String pin : new String[] {"0000", "1234"}) {
        assertThatThrownBy(() -> cardSessions.open(pin.toCharArray(), Optional.empty()))
            .isInstanceOfSatisfying(
                ProblemException.class,
                p -> {
                  assertThat(p.type()).isEqualTo(ProblemType.CPS_PIN_LAST_TRY);
                  assertThat(p.type().status()).isEqualTo(409);
                  assertThat(p.detail())
                      .startsWith("Il ne reste qu'un essai du code PIN sur cette carte CPS");
                });
      }
      assertThat(triesLeft()).as("counted on the card itself").isEqualTo(1);

      // confirmed with the right PIN: the session opens and the card has its three tries again
      CpsSessionView view = cardSessions.open("1234".toCharArray(), Optional.empty(), true);
      assertThat(view.professional().login()).isEqualTo("titulaire");
      assertThat(triesLeft()).isEqualTo(3);
      sessions.close(Sessions.hash(view.token())); // the other tests count the card sessions left
    }
  }

  @Test
  void a_confirmed_wrong_last_try_blocks_the_card_as_the_pharmacist_was_warned() throws Exception {
    try (VirtualCpsCard card = VirtualCpsCard.insert(cards, "--holder", "adjoint")) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> cardSessions.open("0000".toCharArray(), Optional.empty()))
            .isInstanceOf(ProblemException.class);
      }
      assertThatThrownBy(() -> cardSessions.open("0000".toCharArray(), Optional.empty(), true))
          .hasMessageContaining("Carte CPS bloquée");
      assertThat(triesLeft()).isZero();
      assertThatThrownBy(() -> cardSessions.open("1234".toCharArray(), Optional.empty(), true))
          .as("even the right PIN once blocked")
          .hasMessageContaining("Carte CPS bloquée");
    }
  }

  /** The card's own count (ISO 7816-4 VERIFY without data), read beside the module. */
  static int triesLeft() throws Exception {
    javax.smartcardio.Card card =
        javax.smartcardio.TerminalFactory.getInstance("PC/SC", null)
            .terminals()
            .getTerminal(VirtualCpsCard.READER)
            .connect("*");
    try {
      javax.smartcardio.CardChannel channel = card.getBasicChannel();
      channel.transmit(
          new javax.smartcardio.CommandAPDU(0x00, 0xA4, 0x04, 0x00, StandInLayout.AID));
      return PcscCards.triesLeft(
          channel.transmit(new javax.smartcardio.CommandAPDU(0x00, 0x20, 0x00, 0x80)).getSW());
    } finally {
      card.disconnect(true);
    }
  }

  @Test
  void the_holder_of_a_valid_cps_without_an_account_here_is_forbidden() throws Exception {
    try (VirtualCpsCard card = VirtualCpsCard.insert(cards, "--holder", "inconnu")) {
      assertThatThrownBy(() -> cardSessions.open("1234".toCharArray(), Optional.empty()))
          .isInstanceOfSatisfying(
              ProblemException.class,
              p -> {
                assertThat(p.type()).isEqualTo(ProblemType.CPS_HOLDER_UNKNOWN);
                assertThat(p.type().status()).isEqualTo(403);
                assertThat(p.detail())
                    .isEqualTo(
                        "Hélène PETIT (RPPS 10100000099) n'a pas de compte dans cette officine.");
              });
    }
  }

  @Test
  void an_expired_card_is_refused() throws Exception {
    try (VirtualCpsCard card =
        VirtualCpsCard.insert(
            cards,
            "--holder",
            "titulaire",
            "--valid-from",
            "20200101",
            "--valid-until",
            "20231231")) {
      assertThatThrownBy(() -> cardSessions.open("1234".toCharArray(), Optional.empty()))
          .isInstanceOfSatisfying(
              ProblemException.class,
              p ->
                  assertThat(p.detail())
                      .isEqualTo(
                          "Carte refusée : carte CPS hors de sa période de validité (jusqu'au 2023-12-31)."));
    }
  }

  @Test
  void an_empty_reader_is_refused() {
    assertThatThrownBy(
            () -> cardSessions.open("1234".toCharArray(), Optional.of(VirtualCpsCard.READER)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.CPS_CARD_REFUSED);
              assertThat(p.detail())
                  .isEqualTo("Carte refusée : aucune carte dans le lecteur « Virtual PCD 00 00 ».");
            });
  }
}
