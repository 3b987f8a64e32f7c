package fr.officine.segur.scan;

import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.InvalidIdentifierException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the GS1 element string of a medicine box's DataMatrix into a {@link MedicineBox}, as a
 * douchette types it or as ZXing decodes a picture. Rules from the GS1 General Specifications
 * (release 24): §3.2 (AIs 01, 10, 11, 17, 21 and the 710–715 national healthcare reimbursement
 * numbers, with their lengths), §7.8 (a variable-length field is ended by FNC1, transmitted as the
 * GS character 0x1D, unless it is the last), §7.9.5 (GTIN check digit), §7.12 (YYMMDD: the century
 * closest to today within −49/+50 years; day 00 means the last day of the month), §7.11 (character
 * set 82 for the alphanumeric fields).
 *
 * <p>Hostile input is refused with a sentence saying what is wrong, never echoed raw: only AIs a
 * medicine box carries are accepted (an unknown AI could hide anything), each once.
 */
final class Gs1ElementString {
  /** The GS separator (FNC1 as transmitted). */
  static final char GS = '\u001d';

  /** How scanners and their drivers send FNC1 when they do not send the GS character itself. */
  private static final List<String> SEPARATOR_SPELLINGS =
      List.of("<GS>", "{GS}", "[GS]", "<FNC1>", "{FNC1}", "[FNC1]", "\u241d", "^]");

  /**
   * AIM symbology identifiers a scanner may prefix (ISO/IEC 15424): GS1 DataMatrix, GS1-128, GS1
   * QR.
   */
  private static final List<String> SYMBOLOGY_IDS = List.of("]d2", "]C1", "]Q3", "]e0");

  /** GS1 character set 82 (§7.11): what an alphanumeric field may hold. */
  private static final Pattern CSET82 = Pattern.compile("[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]+");

  /**
   * The AIs a medicine box's DataMatrix carries. Fixed length, or the maximum of a variable one.
   */
  private enum Ai {
    GTIN("01", 14, true, "code produit (GTIN)"),
    LOT("10", 20, false, "numéro de lot"),
    PRODUCTION_DATE("11", 6, true, "date de fabrication"),
    EXPIRY("17", 6, true, "date de péremption"),
    SERIAL("21", 20, false, "numéro de série"),
    NHRN_DE("710", 20, false, "numéro national de remboursement"),
    NHRN_711("711", 20, false, "numéro national de remboursement"),
    NHRN_712("712", 20, false, "numéro national de remboursement"),
    NHRN_713("713", 20, false, "numéro national de remboursement"),
    NHRN_714("714", 20, false, "numéro national de remboursement"),
    NHRN_715("715", 20, false, "numéro national de remboursement");

    final String code;
    final int length;
    final boolean fixed;
    final String words;

    Ai(String code, int length, boolean fixed, String words) {
      this.code = code;
      this.length = length;
      this.fixed = fixed;
      this.words = words;
    }

    static Optional<Ai> at(String s, int i) {
      for (Ai ai : values()) {
        if (s.startsWith(ai.code, i)) {
          return Optional.of(ai);
        }
      }
      return Optional.empty();
    }
  }

  /** A GS1 string that is not a valid medicine box code; the message is French, for the counter. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private Gs1ElementString() {}

  static boolean isCset82(String value) {
    return CSET82.matcher(value).matches();
  }

  /**
   * Whether {@code text} is meant as a GS1 element string (and so deserves a GS1 error rather than
   * "not a prescription number"): a symbology identifier, a separator, or the GTIN AI followed by
   * digits, as typed or through a keyboard mismatch.
   */
  static boolean looksLikeGs1(String text) {
    String t = text.strip();
    for (String id : SYMBOLOGY_IDS) {
      if (t.startsWith(id)) {
        return true;
      }
    }
    if (t.indexOf(GS) >= 0 || SEPARATOR_SPELLINGS.stream().anyMatch(t::contains)) {
      return true;
    }
    if (t.length() > 18 && startsWithGtinAi(t)) {
      return true;
    }
    for (Gs1Keyboard k : Gs1Keyboard.values()) {
      Optional<String> r = k.repair(t);
      if (r.isPresent() && r.get().length() > 18 && startsWithGtinAi(r.get())) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithGtinAi(String t) {
    return t.length() >= 4
        && t.startsWith("01")
        && Character.isDigit(t.charAt(2))
        && Character.isDigit(t.charAt(3));
  }

  /**
   * The box, read as typed, else through the one keyboard mismatch that makes it valid. When
   * nothing reads, the error of the reading as typed (what the pharmacist sees on the screen).
   */
  static MedicineBox parse(String text, LocalDate today) throws Invalid {
    Invalid asTyped;
    try {
      return parseExact(text, today);
    } catch (Invalid e) {
      asTyped = e;
    }
    MedicineBox repaired = null;
    for (Gs1Keyboard k : Gs1Keyboard.values()) {
      Optional<String> candidate = k.repair(text);
      if (candidate.isEmpty()) {
        continue;
      }
      try {
        MedicineBox box = parseExact(candidate.get(), today);
        if (repaired != null && !repaired.equals(box)) {
          throw new Invalid(
              "Lecture ambiguë : la douchette ne semble pas réglée sur la disposition du clavier (AZERTY/QWERTY).");
        }
        repaired = box;
      } catch (Invalid e) {
        // this mismatch does not explain the text either
      }
    }
    if (repaired != null) {
      return repaired;
    }
    throw asTyped;
  }

  /** The element string exactly as given (after separator and prefix normalisation). */
  static MedicineBox parseExact(String text, LocalDate today) throws Invalid {
    String s = normalised(text);
    if (s.isEmpty()) {
      throw new Invalid("Code GS1 vide.");
    }
    Map<Ai, String> fields = new LinkedHashMap<>();
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) == GS) {
        i++; // a separator after a fixed-length field, or doubled: allowed (§7.8.5)
        continue;
      }
      int at = i;
      Ai ai =
          Ai.at(s, i)
              .orElseThrow(
                  () ->
                      new Invalid(
                          "Identifiant d'application GS1 inconnu « "
                              + ScannedText.excerpt(s.substring(at, Math.min(s.length(), at + 4)))
                              + " » en position "
                              + (at + 1)
                              + " : une boîte de médicament porte (01), (17), (10) et (21)."));
      i += ai.code.length();
      String value;
      if (ai.fixed) {
        if (i + ai.length > s.length()) {
          throw new Invalid(
              "Champ ("
                  + ai.code
                  + ") "
                  + ai.words
                  + " tronqué : "
                  + ai.length
                  + " chiffres attendus.");
        }
        value = s.substring(i, i + ai.length);
        i += ai.length;
      } else {
        int end = s.indexOf(GS, i);
        end = end < 0 ? s.length() : end;
        value = s.substring(i, end);
        i = end;
        if (value.isEmpty()) {
          throw new Invalid("Champ (" + ai.code + ") " + ai.words + " vide.");
        }
        if (value.length() > ai.length) {
          throw new Invalid(
              "Champ ("
                  + ai.code
                  + ") "
                  + ai.words
                  + " de "
                  + value.length()
                  + " caractères : "
                  + ai.length
                  + " au plus (séparateur GS manquant après le champ ?).");
        }
        if (!isCset82(value)) {
          throw new Invalid(
              "Champ ("
                  + ai.code
                  + ") "
                  + ai.words
                  + " : caractère non autorisé par GS1 (lettres, chiffres et ponctuation simple).");
        }
      }
      if (fields.put(ai, value) != null) {
        throw new Invalid("Champ (" + ai.code + ") " + ai.words + " présent deux fois.");
      }
    }
    String gtin = fields.get(Ai.GTIN);
    if (gtin == null) {
      throw new Invalid("Pas de code produit (01) : ce code n'identifie pas une boîte.");
    }
    Cip13 cip13 = cip13(gtin);
    Optional<LocalDate> expiry = Optional.empty();
    if (fields.containsKey(Ai.EXPIRY)) {
      expiry = Optional.of(date(fields.get(Ai.EXPIRY), Ai.EXPIRY, today));
    }
    if (fields.containsKey(Ai.PRODUCTION_DATE)) {
      date(fields.get(Ai.PRODUCTION_DATE), Ai.PRODUCTION_DATE, today);
    }
    return new MedicineBox(
        cip13,
        expiry,
        Optional.ofNullable(fields.get(Ai.LOT)),
        Optional.ofNullable(fields.get(Ai.SERIAL)));
  }

  /**
   * Trims what scanners add around the data (symbology identifier, CR/LF/TAB suffix), turns every
   * separator spelling into GS, and refuses other control characters: they are not GS1 data.
   */
  private static String normalised(String text) throws Invalid {
    String s = text;
    // CR, LF and TAB are the usual scanner suffixes; only at the end.
    int end = s.length();
    while (end > 0
        && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    s = s.substring(0, end);
    for (String id : SYMBOLOGY_IDS) {
      if (s.startsWith(id)) {
        s = s.substring(id.length());
        break;
      }
    }
    for (String spelling : SEPARATOR_SPELLINGS) {
      s = replaceIgnoringCase(s, spelling, String.valueOf(GS));
    }
    // A leading separator is the FNC1 in first position some scanners transmit.
    while (!s.isEmpty() && s.charAt(0) == GS) {
      s = s.substring(1);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != GS && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
        throw new Invalid(
            "Caractère de contrôle (code "
                + (int) c
                + ") en position "
                + (i + 1)
                + " : ce n'est pas un code GS1 de boîte.");
      }
    }
    return s;
  }

  private static String replaceIgnoringCase(String s, String target, String replacement) {
    return Pattern.compile(Pattern.quote(target), Pattern.CASE_INSENSITIVE)
        .matcher(s)
        .replaceAll(java.util.regex.Matcher.quoteReplacement(replacement));
  }

  /** GTIN-14 = indicator 0 + CIP13 (GS1 France allocates 340… to the CIP). */
  private static Cip13 cip13(String gtin) throws Invalid {
    if (!gtin.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Invalid("Code produit (01) : 14 chiffres attendus.");
    }
    if (gtinCheckDigit(gtin) != gtin.charAt(13) - '0') {
      throw new Invalid(
          "Code produit (01) "
              + gtin
              + " : clé de contrôle GTIN fausse (code mal lu ou falsifié).");
    }
    if (gtin.charAt(0) != '0' || !gtin.startsWith("34", 1)) {
      throw new Invalid(
          "Code produit (01) "
              + gtin
              + " : ce n'est pas un code CIP13 (0 + 340…) d'un médicament vendu en France.");
    }
    try {
      return Cip13.of(gtin.substring(1));
    } catch (InvalidIdentifierException e) {
      throw new Invalid("Code produit (01) " + gtin + " : " + e.getMessage());
    }
  }

  /** GS1 §7.9.1: weights 3 and 1 alternating from the rightmost data digit. */
  static int gtinCheckDigit(String gtin14) {
    int sum = 0;
    for (int i = 0; i < 13; i++) {
      int d = gtin14.charAt(i) - '0';
      sum += (i % 2 == 0) ? 3 * d : d;
    }
    return (10 - sum % 10) % 10;
  }

  /** YYMMDD (§7.12): century within −49/+50 years of today; DD 00 = last day of the month. */
  private static LocalDate date(String yymmdd, Ai ai, LocalDate today) throws Invalid {
    if (!yymmdd.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Invalid("Champ (" + ai.code + ") " + ai.words + " : AAMMJJ en chiffres attendu.");
    }
    int yy = Integer.parseInt(yymmdd.substring(0, 2));
    int mm = Integer.parseInt(yymmdd.substring(2, 4));
    int dd = Integer.parseInt(yymmdd.substring(4, 6));
    int current = today.getYear() % 100;
    int century = today.getYear() - current;
    int diff = yy - current;
    if (diff >= 51) {
      century -= 100;
    } else if (diff <= -50) {
      century += 100;
    }
    try {
      YearMonth month = YearMonth.of(century + yy, mm);
      return dd == 0 ? month.atEndOfMonth() : month.atDay(dd);
    } catch (DateTimeException e) {
      throw new Invalid(
          "Champ (" + ai.code + ") " + ai.words + " " + yymmdd + " : date impossible.");
    }
  }
}
