package fr.officine.segur.api.id;

import java.util.Locale;

/**
 * A patient's INS (Identifiant National de Santé): a 13-character matricule (NIR or NIA), its
 * 2-digit key and the OID of the register (DOMAIN-FACTS §3.1).
 *
 * <p>The matricule is 13 digits, except that Corsican births carry {@code 2A}/{@code 2B} as the
 * département (positions 6-7), hence the INSi pattern {@code \d{6}[A-Za-z0-9]\d{6}}. The key is
 * {@code 97 - (n mod 97)} where n is the matricule read as a number after replacing {@code 2A} by
 * {@code 19} and {@code 2B} by {@code 18}.
 *
 * <p>Two doors in: {@link #parse} for what a person typed (the key is checked: that is what catches
 * typing errors) and {@link #fromInsi} for what the INSi service returned (the key is NOT checked:
 * the published CNAM test case HERMANN GATIEN carries an inconsistent key, and the INSi answer is
 * the authority). The canonical constructor checks the format only.
 *
 * <p>{@link #toString()} is masked: an INS is identifying health data and must never reach a log in
 * full; use {@link #masked()} in messages and logs.
 */
public record Ins(String matricule, String key, InsType type) {
  public static final int MATRICULE_LENGTH = 13;

  public Ins {
    Checks.requirePresent(IdentifierKind.INS, matricule);
    matricule = matricule.toUpperCase(Locale.ROOT);
    checkMatriculeFormat(matricule);
    Checks.requirePresent(IdentifierKind.INS, key);
    if (key.length() != 2 || !isAsciiDigit(key.charAt(0)) || !isAsciiDigit(key.charAt(1))) {
      throw new InvalidIdentifierException(
          IdentifierKind.INS, "INS invalide : la clé doit compter 2 chiffres.");
    }
    if (type == null) {
      throw new InvalidIdentifierException(
          IdentifierKind.INS, "INS invalide : le type (OID NIR, NIA, test) est absent.");
    }
  }

  /**
   * What a person typed: 15 characters (matricule + key), spaces allowed ("2 75 12 63 220 749 74"),
   * key checked. The type is {@link InsType#NIR}: a typed number does not tell its register.
   */
  public static Ins parse(String typed) {
    return parse(typed, InsType.NIR);
  }

  /** As {@link #parse(String)}, for a known register. */
  public static Ins parse(String typed, InsType type) {
    Checks.requirePresent(IdentifierKind.INS, typed);
    String compact = typed.replace(" ", "").toUpperCase(Locale.ROOT);
    Checks.requireLength(
        IdentifierKind.INS, compact, MATRICULE_LENGTH + 2, "caractères (matricule et clé)");
    Ins ins =
        new Ins(compact.substring(0, MATRICULE_LENGTH), compact.substring(MATRICULE_LENGTH), type);
    if (!ins.hasConsistentKey()) {
      throw Checks.badKey(IdentifierKind.INS);
    }
    return ins;
  }

  /**
   * What the INSi service returned ({@code NumIdentifiant}, {@code Cle}, {@code OID}): format
   * checked, key consistency deliberately not (see the class comment).
   */
  public static Ins fromInsi(String matricule, String key, String oid) {
    InsType type =
        InsType.fromOid(oid)
            .orElseThrow(
                () ->
                    new InvalidIdentifierException(
                        IdentifierKind.INS,
                        "INS invalide : OID inconnu (NIR 1.2.250.1.213.1.4.8, NIA .4.9, test .4.10,"
                            + " démonstration .4.11 attendus)."));
    return new Ins(matricule, key, type);
  }

  /** The key computed from the matricule, 2 digits ("01".."97"). */
  public static String keyOf(String matricule) {
    Checks.requirePresent(IdentifierKind.INS, matricule);
    String m = matricule.toUpperCase(Locale.ROOT);
    checkMatriculeFormat(m);
    String numeric = m.replace("2A", "19").replace("2B", "18");
    long n = Long.parseLong(numeric);
    return String.format(Locale.ROOT, "%02d", 97 - n % 97);
  }

  public boolean hasConsistentKey() {
    return keyOf(matricule).equals(key);
  }

  public String oid() {
    return type.oid();
  }

  /** Matricule and key, 15 characters: for the wire only, never for logs. */
  public String number() {
    return matricule + key;
  }

  /**
   * For logs and support messages: the sex digit and the last 3 characters of the matricule, e.g.
   * {@code 2*********074}: enough to tell two patients apart in one log, not enough to identify
   * anybody; birth year, month and place are hidden, and so is the key.
   */
  public String masked() {
    return matricule.charAt(0)
        + "*".repeat(MATRICULE_LENGTH - 4)
        + matricule.substring(MATRICULE_LENGTH - 3);
  }

  @Override
  public String toString() {
    return "Ins[" + masked() + ", " + type + "]";
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void checkMatriculeFormat(String m) {
    Checks.requireLength(IdentifierKind.INS, m, MATRICULE_LENGTH, "caractères de matricule");
    for (int i = 0; i < MATRICULE_LENGTH; i++) {
      char c = m.charAt(i);
      boolean digit = isAsciiDigit(c);
      // Corsica: "2A"/"2B" in place of the département digits (positions 6-7), nowhere else.
      boolean corsica = i == 6 && (c == 'A' || c == 'B') && m.charAt(5) == '2';
      if (!digit && !corsica) {
        throw Checks.badCharacter(
            IdentifierKind.INS, i, "chiffres, ou 2A/2B en positions 6-7 pour la Corse");
      }
    }
  }
}
