package fr.officine.segur.trust.cps;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;

/**
 * The PC/SC side of the CPS card: readers, presence, and reading the holder (stand-in layout).
 *
 * <p>A fresh {@code TerminalFactory.getInstance("PC/SC")} per call, never {@code getDefault()}: the
 * default is decided once per JVM, so a module started before pcscd would answer type "None" and an
 * empty reader list forever (STACK.md §6).
 */
@ApplicationScoped
public class PcscCards {
  private static final int SW_OK = 0x9000;

  /** The PC/SC reader names; a problem when there is no PC/SC service or no reader at all. */
  public List<String> readers() {
    try {
      List<String> names = terminals().stream().map(CardTerminal::getName).toList();
      if (names.isEmpty()) {
        throw noReader("aucun lecteur PC/SC branché.");
      }
      return names;
    } catch (CardException e) {
      throw noReader("aucun lecteur PC/SC (" + e.getMessage() + ").");
    }
  }

  /** Whether a card sits in that reader; false when the reader or PC/SC itself is gone. */
  public boolean isCardPresent(String reader) {
    try {
      return terminal(reader).map(PcscCards::present).orElse(false);
    } catch (CardException | ProblemException e) {
      return false;
    }
  }

  /**
   * Reads the CPS card in {@code reader}, or in the first reader holding a card when absent: checks
   * the ATR, verifies the PIN, reads the holder. The card is reset on the way out so that the
   * verified PIN does not outlive this call.
   */
  public InsertedCard read(Optional<String> reader, char[] pin) {
    return read(reader, pin, false);
  }

  /**
   * As {@link #read(Optional, char[])}; with one PIN try left on the card, the PIN is tried only if
   * {@code confirmLastTry} (otherwise CPS_PIN_LAST_TRY, the try unused).
   */
  public InsertedCard read(Optional<String> reader, char[] pin, boolean confirmLastTry) {
    CardTerminal terminal = pick(reader);
    Card card;
    try {
      card = terminal.connect("*");
    } catch (CardException e) {
      throw refused("la carte du lecteur « " + terminal.getName() + " » ne répond pas.");
    }
    try {
      byte[] atr = card.getATR().getBytes();
      String family =
          CpxAtr.family(atr)
              .orElseThrow(
                  () ->
                      refused(
                          "ce n'est pas une carte CPS (ATR "
                              + HexFormat.of().withUpperCase().formatHex(atr)
                              + ")."));
      CardChannel channel = card.getBasicChannel();
      if (sw(channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00, StandInLayout.AID)))
          != SW_OK) {
        throw refused("application CPS introuvable sur la carte.");
      }
      verify(channel, pin, confirmLastTry);
      return new InsertedCard(
          terminal.getName(),
          family,
          StandInLayout.parse(readHolderFile(channel))
              .orElseThrow(() -> refused("données du porteur illisibles.")));
    } catch (CardException e) {
      throw refused("lecture de la carte interrompue (" + e.getMessage() + ").");
    } finally {
      try {
        card.disconnect(true);
      } catch (CardException e) {
        // the card already left: nothing to reset
      }
    }
  }

  private static void verify(CardChannel channel, char[] pin, boolean confirmLastTry)
      throws CardException {
    if (pin == null || pin.length < 4 || pin.length > StandInLayout.PIN_LENGTH) {
      throw new ProblemException(
          ProblemType.CPS_PIN_INCORRECT, "Le code PIN compte de 4 à 8 caractères.");
    }
    // ISO/IEC 7816-4 VERIFY without data: the card says how many tries are left (63Cx) without
    // using one. Three wrong PINs block a CPS (unblocking needs the PUK, and the card is off the
    // counter meanwhile): the module never spends the last one unless the pharmacist confirms it.
    int left = triesLeft(sw(channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80))));
    if (left == 0) {
      throw blocked();
    }
    if (left == 1 && !confirmLastTry) {
      throw new ProblemException(
          ProblemType.CPS_PIN_LAST_TRY,
          "Il ne reste qu'un essai du code PIN sur cette carte CPS : un code faux la bloquerait"
              + " (déblocage par le code PUK). Le module ne l'a pas tenté. Vérifiez votre code,"
              + " puis confirmez ce dernier essai.");
    }
    byte[] block = StandInLayout.pinBlock(pin);
    int sw;
    try {
      sw = sw(channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80, block)));
    } finally {
      Arrays.fill(block, (byte) 0);
    }
    if (sw == SW_OK) {
      return;
    }
    if (sw == 0x6983) {
      throw blocked();
    }
    if ((sw & 0xFFF0) == 0x63C0) {
      int after = sw & 0x0F;
      throw new ProblemException(
          ProblemType.CPS_PIN_INCORRECT,
          "Code PIN incorrect : "
              + after
              + (after > 1
                  ? " essais restants."
                  : " essai restant. Le prochain devra être confirmé : un code faux bloquerait la carte."));
    }
    throw refused("vérification du code PIN impossible (SW " + Integer.toHexString(sw) + ").");
  }

  /**
   * The tries left from the status query's answer: 63Cx = x; 6983 = blocked (0); anything else (a
   * card that does not tell) = unknown, -1, and the PIN is tried as before.
   */
  static int triesLeft(int sw) {
    if (sw == 0x6983) {
      return 0;
    }
    return (sw & 0xFFF0) == 0x63C0 ? sw & 0x0F : -1;
  }

  private static ProblemException blocked() {
    return new ProblemException(
        ProblemType.CPS_PIN_INCORRECT,
        "Carte CPS bloquée : trop de codes PIN faux. Débloquez-la avec le code PUK.");
  }

  private static byte[] readHolderFile(CardChannel channel) throws CardException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (int offset = 0; offset < 0x7FFF; ) {
      ResponseAPDU r =
          channel.transmit(new CommandAPDU(0x00, 0xB0, offset >> 8, offset & 0xFF, 256));
      if (r.getSW() == 0x6B00 || (r.getSW() == SW_OK && r.getData().length == 0)) {
        break; // past the end of the file
      }
      if (r.getSW() != SW_OK) {
        throw refused("lecture du porteur refusée (SW " + Integer.toHexString(r.getSW()) + ").");
      }
      file.write(r.getData(), 0, r.getData().length);
      offset += r.getData().length;
      if (r.getData().length < 256) {
        break;
      }
    }
    return file.toByteArray();
  }

  private CardTerminal pick(Optional<String> reader) {
    try {
      if (reader.isPresent()) {
        CardTerminal t =
            terminal(reader.get())
                .orElseThrow(() -> noReader("le lecteur « " + reader.get() + " » est absent."));
        if (!present(t)) {
          throw refused("aucune carte dans le lecteur « " + t.getName() + " ».");
        }
        return t;
      }
      List<CardTerminal> all = terminals();
      if (all.isEmpty()) {
        throw noReader("aucun lecteur PC/SC branché.");
      }
      return all.stream()
          .filter(PcscCards::present)
          .findFirst()
          .orElseThrow(() -> refused("aucune carte dans les lecteurs."));
    } catch (CardException e) {
      throw noReader("aucun lecteur PC/SC (" + e.getMessage() + ").");
    }
  }

  private Optional<CardTerminal> terminal(String name) throws CardException {
    return terminals().stream().filter(t -> t.getName().equals(name)).findFirst();
  }

  private static List<CardTerminal> terminals() throws CardException {
    TerminalFactory factory;
    try {
      factory = TerminalFactory.getInstance("PC/SC", null);
    } catch (NoSuchAlgorithmException e) {
      // libpcsclite present but no pcscd service, or no libpcsclite at all
      throw noReader("aucun lecteur PC/SC (service PC/SC indisponible : pcscd est-il démarré ?).");
    }
    if (!"PC/SC".equals(factory.getType())) {
      throw noReader("aucun lecteur PC/SC (fournisseur « " + factory.getType() + " »).");
    }
    return factory.terminals().list();
  }

  private static boolean present(CardTerminal t) {
    try {
      return t.isCardPresent();
    } catch (CardException e) {
      return false;
    }
  }

  private static int sw(ResponseAPDU r) {
    return r.getSW();
  }

  private static ProblemException noReader(String detail) {
    return new ProblemException(ProblemType.CPS_READER_UNAVAILABLE, "Carte CPS : " + detail);
  }

  private static ProblemException refused(String detail) {
    return new ProblemException(ProblemType.CPS_CARD_REFUSED, "Carte refusée : " + detail);
  }
}
