package fr.officine.segur.sandbox.dmp;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.crypto.OctetStreamData;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Manifest;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Signs a submission set the way a DMP client does (XAdES-BES, IHE manifest, DOMAIN-FACTS §2.4),
 * for the sandbox's own tests: the sandbox judges a signature without the module's code.
 */
final class XadesTestSigner {
  static final String XADES = "http://uri.etsi.org/01903/v1.1.1#";

  /** What to leave out or spoil, to see the DMP refuse it. */
  enum Defect {
    NONE,
    NO_SIGNED_PROPERTIES,
    WRONG_CERTIFICATE_DIGEST
  }

  private XadesTestSigner() {}

  static byte[] sign(Map<String, byte[]> references, TestPharmacy signer, Defect defect) {
    try {
      XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
      DigestMethod sha256 = f.newDigestMethod(DigestMethod.SHA256, null);
      Manifest manifest =
          f.newManifest(
              references.keySet().stream().map(uri -> f.newReference(uri, sha256)).toList(),
              "IHEManifest");
      Document doc = Xml.newDocument();
      var purpose =
          f.newSignatureProperties(
              List.of(
                  f.newSignatureProperty(
                      List.of(new DOMStructure(doc.createTextNode("1.2.840.10065.1.12.1.14"))),
                      "#sig",
                      "purposeOfSignature")),
              null);
      List<javax.xml.crypto.dsig.Reference> signedRefs =
          new java.util.ArrayList<>(
              List.of(
                  f.newReference("#IHEManifest", sha256, null, Manifest.TYPE, null),
                  f.newReference("#purposeOfSignature", sha256)));
      List<javax.xml.crypto.dsig.XMLObject> objects =
          new java.util.ArrayList<>(
              List.of(
                  f.newXMLObject(List.of(manifest), null, null, null),
                  f.newXMLObject(List.of(purpose), null, null, null)));
      if (defect != Defect.NO_SIGNED_PROPERTIES) {
        objects.add(
            f.newXMLObject(
                List.of(new DOMStructure(qualifying(doc, signer, defect))), null, null, null));
        signedRefs.add(
            f.newReference(
                "#props",
                sha256,
                List.of(
                    f.newTransform(
                        CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                XADES + "SignedProperties",
                null));
      }
      var kif = f.getKeyInfoFactory();
      var signature =
          f.newXMLSignature(
              f.newSignedInfo(
                  f.newCanonicalizationMethod(
                      CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                  f.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
                  signedRefs),
              kif.newKeyInfo(List.of(kif.newX509Data(List.of(signer.certificate())))),
              objects,
              "sig",
              null);
      DOMSignContext context = new DOMSignContext(signer.keys().getPrivate(), doc);
      context.setDefaultNamespacePrefix("ds");
      var standard = f.getURIDereferencer();
      context.setURIDereferencer(
          (ref, ctx) ->
              references.containsKey(ref.getURI())
                  ? new OctetStreamData(new ByteArrayInputStream(references.get(ref.getURI())))
                  : standard.dereference(ref, ctx));
      signature.sign(context);
      return Xml.bytes(doc);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Element qualifying(Document doc, TestPharmacy signer, Defect defect)
      throws Exception {
    Element q = doc.createElementNS(XADES, "xades:QualifyingProperties");
    q.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xades", XADES);
    q.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", Xml.DSIG);
    Element props = add(q, XADES, "xades:SignedProperties", null);
    props.setAttribute("Id", "props");
    props.setIdAttribute("Id", true);
    Element ssp = add(props, XADES, "xades:SignedSignatureProperties", null);
    add(ssp, XADES, "xades:SigningTime", "2026-11-23T10:16:00Z");
    Element cert =
        add(add(ssp, XADES, "xades:SigningCertificate", null), XADES, "xades:Cert", null);
    Element digest = add(cert, XADES, "xades:CertDigest", null);
    add(digest, Xml.DSIG, "ds:DigestMethod", null).setAttribute("Algorithm", DigestMethod.SHA256);
    byte[] der =
        defect == Defect.WRONG_CERTIFICATE_DIGEST
            ? new byte[] {1}
            : signer.certificate().getEncoded();
    add(
        digest,
        Xml.DSIG,
        "ds:DigestValue",
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
    Element issuerSerial = add(cert, XADES, "xades:IssuerSerial", null);
    add(
        issuerSerial,
        Xml.DSIG,
        "ds:X509IssuerName",
        signer.certificate().getIssuerX500Principal().getName());
    add(
        issuerSerial,
        Xml.DSIG,
        "ds:X509SerialNumber",
        signer.certificate().getSerialNumber().toString());
    return q;
  }

  private static Element add(Element parent, String ns, String name, String text) {
    Element e = parent.getOwnerDocument().createElementNS(ns, name);
    if (text != null) {
      e.setTextContent(text);
    }
    parent.appendChild(e);
    return e;
  }
}
