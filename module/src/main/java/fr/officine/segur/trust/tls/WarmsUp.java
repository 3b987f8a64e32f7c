package fr.officine.segur.trust.tls;

/**
 * A national service's client that can get its first call ready before the first pharmacist needs
 * it (WSDL and JAXB model built, TLS handshake done, connection kept alive).
 */
public interface WarmsUp {
  /** The service's name in the log, e.g. "base e-prescription". */
  String serviceName();

  /**
   * Lower first. The first warmed client also pays the JVM-wide first use of Metro, JAXB and TLS,
   * so the e-prescription base (called first at every scan) comes first, then what the scan waits
   * for in parallel (DMP, DP), then INSi (identity qualification, later in the day).
   */
  int warmUpRank();

  /**
   * Builds what the first call needs and does one harmless round trip as pharmacy {@code finess}.
   */
  void warmUp(String finess) throws Exception;
}
