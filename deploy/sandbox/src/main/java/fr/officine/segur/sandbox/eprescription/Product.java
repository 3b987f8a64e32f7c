package fr.officine.segur.sandbox.eprescription;

import java.util.Objects;

/**
 * A product as the base knows it. {@code code}/{@code codeSystem} are absent (null) only for a
 * free-text product, e.g. a handwritten line naming a product without its code.
 */
public record Product(String code, String codeSystem, String label) {
  /** CIP13 code system, as written in the stand-in WSDL. */
  public static final String CIP13_SYSTEM = "1.2.250.1.213.2.3.2";

  /** LPP (Liste des produits et prestations), TRE_R312-LPP of the ANS terminologies. */
  public static final String LPP_SYSTEM = "1.2.250.1.215.200.2.1";

  public Product {
    Objects.requireNonNull(label, "label");
  }

  public static Product cip13(String code, String label) {
    return new Product(code, CIP13_SYSTEM, label);
  }

  /** A device of the LPP, 7-digit code: prescribable, unknown to the base's product reference. */
  public static Product lpp(String code, String label) {
    return new Product(code, LPP_SYSTEM, label);
  }

  public boolean isLpp() {
    return LPP_SYSTEM.equals(codeSystem);
  }

  /** A substitution is a delivered product whose code differs from the prescribed one. */
  public boolean sameCodeAs(Product other) {
    return Objects.equals(code, other.code);
  }
}
