package fr.officine.segur.api.id;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which register an INS matricule comes from, as told by its OID (the INSi answer's {@code OID}).
 * The test and demonstration OIDs are what the CNAM qualification environment and ANS examples use;
 * a production system must refuse them (that policy belongs to the identity feature).
 */
public enum InsType {
  NIR("1.2.250.1.213.1.4.8"),
  NIA("1.2.250.1.213.1.4.9"),
  NIR_TEST("1.2.250.1.213.1.4.10"),
  NIR_DEMO("1.2.250.1.213.1.4.11");

  private final String oid;

  InsType(String oid) {
    this.oid = oid;
  }

  public String oid() {
    return oid;
  }

  public static Optional<InsType> fromOid(String oid) {
    return Arrays.stream(values()).filter(t -> t.oid.equals(oid)).findFirst();
  }
}
