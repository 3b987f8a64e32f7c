package fr.officine.segur.sandbox.ids;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Format rules of the identifiers the sandbox handles. The prescription number is opaque ({@code
 * [0-9A-Z]{18}}, the ANS example 01S2TBPZ2JCNZZYGHZ): its real check rule (SEL-SFG-023) is not
 * public, so none is invented here.
 */
public final class Identifiers {
  private static final Pattern PRESCRIPTION_NUMBER = Pattern.compile("[0-9A-Z]{18}");
  private static final Pattern INS =
      Pattern.compile("[12][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}[0-9]{2}");
  private static final Pattern CIP13 = Pattern.compile("[0-9]{13}");
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private Identifiers() {}

  public static boolean isPrescriptionNumber(String s) {
    return s != null && PRESCRIPTION_NUMBER.matcher(s).matches();
  }

  public static String randomPrescriptionNumber(SecureRandom random) {
    StringBuilder sb = new StringBuilder(18);
    for (int i = 0; i < 18; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /**
   * INS = 13-character matricule + 2-digit key, key = 97 - (matricule mod 97), Corsica's 2A/2B read
   * as 19/18 for the computation.
   */
  public static boolean isIns(String s) {
    if (s == null || !INS.matcher(s).matches()) {
      return false;
    }
    String matricule = s.substring(0, 13).replace("2A", "19").replace("2B", "18");
    int key = Integer.parseInt(s.substring(13));
    return 97 - new BigInteger(matricule).mod(BigInteger.valueOf(97)).intValue() == key;
  }

  /** CIP13 is an EAN-13: 13 digits, the last one a mod-10 check digit with weights 1,3. */
  public static boolean isCip13(String s) {
    if (s == null || !CIP13.matcher(s).matches()) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (s.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return (10 - sum % 10) % 10 == s.charAt(12) - '0';
  }

  /**
   * What may appear in a log line for an INS: the first 3 and last 2 characters, never the rest.
   */
  public static String maskIns(String ins) {
    if (ins == null || ins.length() < 6) {
      return "***";
    }
    return ins.substring(0, 3) + "*".repeat(ins.length() - 5) + ins.substring(ins.length() - 2);
  }
}
