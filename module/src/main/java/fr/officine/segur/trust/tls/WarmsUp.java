package fr.officine.segur.trust.tls;

/**
 * A national service's client that can get its first call ready before the first pharmacist needs
 * it (WSDL and JAXB model built, TLS handshake done, connection kept alive).
 */
public interface WarmsUp {
  /** The service's name in the log, e.g. "base e-prescription". */
  String serviceName();

  /** Builds what the first call needs and does one harmless round trip as pharmacy {@code finess}. */
  void warmUp(String finess) throws Exception;
}
