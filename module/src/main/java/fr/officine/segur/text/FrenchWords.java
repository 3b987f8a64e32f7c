package fr.officine.segur.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * French the pharmacist reads at a glance, in one place for the prints and the API's sentences:
 * plurals ("1 boîte", "2 boîtes", never "boîte(s)") and the elision of "de" before a vowel or a
 * mute h ("1 boîte d'AMOXICILLINE", "2 boîtes de DOLIPRANE").
 */
public final class FrenchWords {
  private FrenchWords() {}

  /** "1 boîte", "2 boîtes", "0 boîte" (French: the singular below 2). */
  public static String boxes(int n) {
    return count(n, "boîte", "boîtes");
  }

  /** "1 produit délivré", "3 produits délivrés". */
  public static String count(int n, String singular, String plural) {
    return n + " " + (Math.abs(n) >= 2 ? plural : singular);
  }

  /** "1 boîte d'AMOXICILLINE …", "2 boîtes de DOLIPRANE …". */
  public static String boxesOf(int n, String label) {
    return boxes(n) + " " + of(label);
  }

  /**
   * "d'AMOXICILLINE", "de DOLIPRANE", "d'HUILE" (mute h taken as such: drug names rarely have an
   * aspirated h).
   */
  public static String of(String noun) {
    if (noun == null || noun.isBlank()) {
      return "de ce produit";
    }
    String first =
        Normalizer.normalize(noun.strip().substring(0, 1), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    return ("aeiouyh".contains(first) ? "d'" : "de ") + noun.strip();
  }
}
