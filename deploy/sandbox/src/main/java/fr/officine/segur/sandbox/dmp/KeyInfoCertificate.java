package fr.officine.segur.sandbox.dmp;

import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;

/**
 * Takes the key of the certificate a signature carries in KeyInfo/X509Data, and remembers the
 * certificate: whether it is trusted (a seal of the PKI) is checked after the signature verifies.
 */
final class KeyInfoCertificate extends KeySelector {
  private Optional<X509Certificate> certificate = Optional.empty();

  Optional<X509Certificate> certificate() {
    return certificate;
  }

  @Override
  public KeySelectorResult select(
      KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
      throws KeySelectorException {
    if (keyInfo == null) {
      throw new KeySelectorException(
          "KeyInfo absent: the signing certificate is expected in X509Data");
    }
    for (Object content : keyInfo.getContent()) {
      if (content instanceof X509Data data) {
        for (Object o : data.getContent()) {
          if (o instanceof X509Certificate c) {
            certificate = Optional.of(c);
            Key key = c.getPublicKey();
            return () -> key;
          }
        }
      }
    }
    throw new KeySelectorException("no X509Certificate in KeyInfo/X509Data");
  }
}
