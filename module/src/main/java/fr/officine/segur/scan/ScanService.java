package fr.officine.segur.scan;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.scan.ScanResult;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * What a scan at the counter is: the text a keyboard-wedge scanner ("douchette") typed or the
 * number typed by hand, or a picture of the QR code. Either way the answer is an e-prescription
 * number or a problem the pharmacist can act on.
 *
 * <p>The QR code holds only the number (DOMAIN-FACTS §1.1). Its real payload syntax (bare number,
 * prefix, URL) is not public, so only the bare number is accepted: accepting a guessed wrapper
 * would let any look-alike URL through, and the sandbox's QR holds the bare number.
 */
@ApplicationScoped
public class ScanService {
  /** GS1 dates are the pack's, read in France: "today" is the French calendar day. */
  private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  private static final String EXPECTED =
      "un numéro d'ordonnance numérique compte 18 lettres majuscules ou chiffres, sans préfixe ni adresse web.";

  private final ScanLimits limits;
  private final PictureReader pictures;
  private final PictureSource pixels;
  private final QrDecoder decoder;
  private final Semaphore decodePermits;
  private final Clock clock;

  /** For CDI's client proxy only. */
  protected ScanService() {
    this(ScanLimits.defaults());
  }

  @Inject
  public ScanService(Config config) {
    this(ScanLimits.from(config));
  }

  public ScanService(ScanLimits limits) {
    this(limits, Clock.system(FRANCE));
  }

  ScanService(ScanLimits limits, Clock clock) {
    this(limits, clock, null);
  }

  /**
   * How a picture's bytes become pixels; a seam so a test can hold a decode's permit until told.
   */
  interface PictureSource {
    GrayImage read(byte[] bytes, String mediaType, long deadlineNanos);
  }

  ScanService(ScanLimits limits, Clock clock, PictureSource pixelSource) {
    this.clock = clock;
    this.limits = limits;
    this.pictures = new PictureReader(limits);
    this.pixels = pixelSource == null ? this.pictures::read : pixelSource;
    this.decoder = new QrDecoder();
    this.decodePermits = new Semaphore(limits.concurrentDecodes(), true);
  }

  /**
   * What a scanner typed or a person typed. Cleaned (spaces, control characters such as a trailing
   * CR/LF/TAB, invisible characters dropped; letters upper-cased), then, only if that is not a
   * valid number, repaired for a scanner whose keyboard layout differs from the computer's (QWERTY
   * scanner on an AZERTY computer, or the reverse), provided exactly one repair gives a valid
   * number.
   */
  public ScanResult scanText(String text) {
    if (text == null || text.isEmpty()) {
      throw notAPrescription("Aucun texte reçu : scannez le QR code ou tapez le numéro.");
    }
    // Before any work: a megabyte of padding costs nothing more than its length check.
    if (text.length() > limits.maxTextChars()) {
      throw tooLong(text.substring(0, 64), text.length() + " caractères");
    }
    String cleaned = ScannedText.clean(text);
    String asTyped = ScannedText.asciiUpper(cleaned);
    if (PrescriptionNumber.isValid(asTyped)) {
      return result(asTyped);
    }
    Set<String> repaired = new LinkedHashSet<>();
    for (KeyboardLayoutMismatch mismatch : KeyboardLayoutMismatch.values()) {
      String candidate = ScannedText.asciiUpper(mismatch.repair(cleaned));
      if (PrescriptionNumber.isValid(candidate)) {
        repaired.add(candidate);
      }
    }
    if (repaired.size() == 1) {
      return result(repaired.iterator().next());
    }
    if (repaired.size() > 1) {
      // Two layouts give two different numbers: guessing could open another patient's prescription.
      throw notAPrescription(
          "Lecture ambiguë : la douchette ne semble pas réglée sur la disposition du clavier"
              + " (AZERTY/QWERTY). Tapez le numéro à la main.");
    }
    // Not a prescription number: the GS1 DataMatrix of a medicine box, scanned into the same field?
    // Parsed from the raw text: its GS separators are data (cleaning drops control characters).
    if (Gs1ElementString.looksLikeGs1(text)) {
      return box(text);
    }
    throw notAPrescription(describe("Lu", cleaned));
  }

  /** Refused before any work; a box code's beginning gets the box code's problem. */
  private static ProblemException tooLong(String head, String size) {
    if (Gs1ElementString.looksLikeGs1(head)) {
      return new ProblemException(
          ProblemType.BOX_CODE_INVALID,
          "Code de "
              + size
              + " reçu : le DataMatrix d'une boîte en compte moins de 100 caractères.");
    }
    return notAPrescription("Texte de " + size + " reçu : " + EXPECTED);
  }

  /** The box's GS1 element string, or BOX_CODE_INVALID saying what is wrong with it. */
  private ScanResult box(String gs1) {
    try {
      return result(Gs1ElementString.parse(gs1, LocalDate.now(clock)));
    } catch (Gs1ElementString.Invalid e) {
      throw new ProblemException(ProblemType.BOX_CODE_INVALID, e.getMessage());
    }
  }

  private static ScanResult result(MedicineBox box) {
    return ScanResult.medicineBox(
        box.cip13().value(),
        box.expiry().orElse(null),
        box.lot().orElse(null),
        box.serial().orElse(null));
  }

  /** As {@link #scanText(String)}, for a request body: never reads more than the text limit. */
  public ScanResult scanText(InputStream body, Charset charset) {
    if (body == null) {
      return scanText((String) null);
    }
    try {
      // 4 bytes per character at most in UTF-8: past that, the text is too long whatever it is.
      int byteLimit = limits.maxTextChars() * 4;
      byte[] bytes = body.readNBytes(byteLimit + 1);
      if (bytes.length > byteLimit) {
        throw tooLong(new String(bytes, 0, 64, charset), "plus de " + byteLimit + " octets");
      }
      return scanText(new String(bytes, charset));
    } catch (IOException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Texte reçu incomplet.", null, e);
    }
  }

  /**
   * A picture (PNG or JPEG; {@code application/octet-stream} when its bytes are PNG or JPEG):
   * bounded, size-checked from its header before decoding, then searched for a QR code holding a
   * bare prescription number.
   */
  public ScanResult scanImage(InputStream body, String mediaType) {
    byte[] bytes = pictures.readBounded(body);
    acquireDecodePermit();
    try {
      // One budget from the permit on, for ImageIO's read as well as the search (issue 11 §3, issue
      // 15 §2): a picture never holds its permit much longer than the budget, whatever it holds.
      long deadline = System.nanoTime() + limits.decodeBudget().toNanos();
      GrayImage image = pixels.read(bytes, mediaType, deadline);
      Optional<QrDecoder.Decoded> decoded = decoder.decode(image, this::wanted, deadline);
      String text =
          decoded
              .orElseThrow(
                  () ->
                      new ProblemException(
                          ProblemType.SCAN_UNREADABLE,
                          "Aucun QR code lisible sur l'image : tapez le numéro imprimé sous le code."))
              .text();
      Optional<String> number = normalizedNumber(text);
      if (number.isPresent()) {
        return result(number.get());
      }
      // A decoded code is exactly what was printed: no keyboard repair, only the GS1 rules.
      if (text.length() <= limits.maxTextChars() && Gs1ElementString.looksLikeGs1(text)) {
        try {
          return result(Gs1ElementString.parseExact(text, LocalDate.now(clock)));
        } catch (Gs1ElementString.Invalid e) {
          throw new ProblemException(ProblemType.BOX_CODE_INVALID, e.getMessage());
        }
      }
      throw notAPrescription(describe("Le QR code contient", text));
    } finally {
      decodePermits.release();
    }
  }

  /**
   * Decodes without the cleaning, layout repair or problem mapping of {@link #scanImage}; for the
   * benchmark, which wants to know which strategy read each picture.
   */
  Optional<QrDecoder.Decoded> decodeForBenchmark(byte[] bytes, String mediaType) {
    long deadline = System.nanoTime() + limits.decodeBudget().toNanos();
    GrayImage image = pictures.read(bytes, mediaType, deadline);
    return decoder.decode(image, this::wanted, deadline);
  }

  /** A prescription number, or a valid medicine box code: what a picture is searched for. */
  private boolean wanted(String decoded) {
    if (normalizedNumber(decoded).isPresent()) {
      return true;
    }
    if (decoded.length() > limits.maxTextChars()) {
      return false;
    }
    try {
      Gs1ElementString.parseExact(decoded, LocalDate.now(clock));
      return true;
    } catch (Gs1ElementString.Invalid e) {
      return false;
    }
  }

  /**
   * A decoded QR text as a number: cleaned and upper-cased like typed text, never layout-repaired.
   */
  private Optional<String> normalizedNumber(String decoded) {
    if (decoded.length() > limits.maxTextChars()) {
      return Optional.empty();
    }
    String number = ScannedText.asciiUpper(ScannedText.clean(decoded));
    return PrescriptionNumber.isValid(number) ? Optional.of(number) : Optional.empty();
  }

  private void acquireDecodePermit() {
    try {
      // Each decode holds a full-size copy of the picture: bound how many run at once.
      if (!decodePermits.tryAcquire(limits.decodeBudget().toMillis() * 2, TimeUnit.MILLISECONDS)) {
        throw new ProblemException(ProblemType.SCAN_BUSY, ProblemType.SCAN_BUSY.title());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(ProblemType.SCAN_BUSY, ProblemType.SCAN_BUSY.title(), null, e);
    }
  }

  private static ScanResult result(String number) {
    return new ScanResult(ScanResult.E_PRESCRIPTION, PrescriptionNumber.of(number).value());
  }

  private static String describe(String prefix, String text) {
    if (text.isEmpty()) {
      return "Aucun caractère lisible reçu : " + EXPECTED;
    }
    return prefix
        + " « "
        + ScannedText.excerpt(text)
        + " » ("
        + text.length()
        + " caractères) : "
        + EXPECTED;
  }

  private static ProblemException notAPrescription(String detail) {
    return new ProblemException(ProblemType.SCAN_NOT_A_PRESCRIPTION, detail);
  }
}
