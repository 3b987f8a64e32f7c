package fr.officine.segur.sandbox.eprescription;

import java.util.Objects;

/**
 * A product as the base knows it. {@code code}/{@code codeSystem} are absent (null) only for a
 * free-text product, e.g. a handwritten line naming a product without its code.
 */
public record Product(String code, String codeSystem, String label) {
  /** CIP13 code system, as written in the stand-in WSDL. */
  public static final String CIP13_SYSTEM = "1.2.250.1.213.2.3.2";

  public Product {
    Objects.requireNonNull(label, "label");
  }

  public static Product cip13(String code, String label) {
    return new Product(code, CIP13_SYSTEM, label);
  }

  /** A substitution is a delivered product whose code differs from the prescribed one. */
  public boolean sameCodeAs(Product other) {
    return Objects.equals(code, other.code);
  }
}
