package fr.officine.segur.dmp;

import static fr.officine.segur.dmp.DmpXml.DSIG;
import static fr.officine.segur.dmp.DmpXml.XMLNS;
import static fr.officine.segur.dmp.DmpXml.add;

import fr.officine.segur.trust.PharmacyCredentials.Signing;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.OctetStreamData;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Manifest;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignatureProperties;
import javax.xml.crypto.dsig.SignatureProperty;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The signature of the submission set the DMP asks for: « lot de soumission signé en XAdES » (ANS
 * PDSM4DMP, {@code transaction_td2.md}; DOMAIN-FACTS §2.4). A detached XAdES-BES signature, as
 * ANS's own DMP client writes it (DRIM-M DRIMbox, {@code dmp/utils/XadesSign.java}):
 *
 * <ul>
 *   <li>a {@code ds:Manifest Id="IHEManifest"} (IHE DSG) referencing {@code urn:oid:<submission set
 *       uniqueId>} and {@code urn:oid:<document uniqueId>} with their digests;
 *   <li>a SignatureProperty {@code purposeOfSignature} = 1.2.840.10065.1.12.1.14 ("Source");
 *   <li>XAdES {@code QualifyingProperties/SignedProperties} (namespace 1.1.1, as the DMP samples):
 *       SigningTime, SigningCertificate (digest, issuer and serial of the signing certificate) and
 *       SignaturePolicyImplied;
 *   <li>SignedInfo covering the Manifest, the purpose and the SignedProperties (Type {@code
 *       …#SignedProperties}), signed by the structure's signing certificate ("cachet").
 * </ul>
 *
 * SHA-256 and exc-c14n rather than the samples' SHA-1 / C14N-with-comments (both are verified by
 * any XML-DSig validator).
 */
final class SubmissionSignature {
  static final String PURPOSE_SOURCE = "1.2.840.10065.1.12.1.14";
  static final String XADES = "http://uri.etsi.org/01903/v1.1.1#";
  static final String SIGNED_PROPERTIES_TYPE = XADES + "SignedProperties";
  private static final String SIGNATURE_ID = "submission-signature";
  private static final String SIGNED_PROPERTIES_ID = "signed-properties";

  private SubmissionSignature() {}

  /**
   * @param signed the signed contents by URI ({@code urn:oid:...} → bytes: the document, and the
   *     submission set as serialised in the request)
   * @param signingTime when the set is signed (its submission time)
   */
  static byte[] sign(Map<String, byte[]> signed, Signing seal, Instant signingTime) {
    try {
      XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
      DigestMethod sha256 = f.newDigestMethod(DigestMethod.SHA256, null);
      List<Reference> manifestRefs =
          signed.keySet().stream().map(uri -> f.newReference(uri, sha256)).toList();
      Manifest manifest = f.newManifest(manifestRefs, "IHEManifest");
      Document doc = DmpXml.newDocument();
      SignatureProperty purpose =
          f.newSignatureProperty(
              List.of(new DOMStructure(doc.createTextNode(PURPOSE_SOURCE))),
              "#" + SIGNATURE_ID,
              "purposeOfSignature");
      SignatureProperties properties = f.newSignatureProperties(List.of(purpose), null);
      Element qualifying = qualifyingProperties(doc, seal, signingTime);
      Transform excC14n =
          f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null);
      var signedInfo =
          f.newSignedInfo(
              f.newCanonicalizationMethod(
                  CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              f.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
              List.of(
                  f.newReference("#IHEManifest", sha256, null, Manifest.TYPE, null),
                  f.newReference("#purposeOfSignature", sha256),
                  f.newReference(
                      "#" + SIGNED_PROPERTIES_ID,
                      sha256,
                      List.of(excC14n),
                      SIGNED_PROPERTIES_TYPE,
                      null)));
      KeyInfoFactory kif = f.getKeyInfoFactory();
      var signature =
          f.newXMLSignature(
              signedInfo,
              kif.newKeyInfo(List.of(kif.newX509Data(List.of(seal.certificate())))),
              List.of(
                  f.newXMLObject(List.of(manifest), null, null, null),
                  f.newXMLObject(List.of(properties), null, null, null),
                  f.newXMLObject(List.of(new DOMStructure(qualifying)), null, null, null)),
              SIGNATURE_ID,
              null);
      DOMSignContext context = new DOMSignContext(seal.key(), doc);
      context.setDefaultNamespacePrefix("ds");
      URIDereferencer standard = f.getURIDereferencer();
      // urn:oid references name the documents of the submission, not resources to fetch
      context.setURIDereferencer(
          (ref, ctx) -> {
            byte[] bytes = signed.get(ref.getURI());
            return bytes != null
                ? new OctetStreamData(new ByteArrayInputStream(bytes))
                : standard.dereference(ref, ctx);
          });
      signature.sign(context);
      return DmpXml.bytes(doc);
    } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
      throw new IllegalStateException("Cannot sign the submission set", e);
    }
  }

  /**
   * XAdES QualifyingProperties (ETSI TS 101 903): what makes the signature XAdES rather than plain
   * XML-DSig: when it was made and with which certificate, both signed.
   */
  private static Element qualifying(Document doc) {
    Element q = doc.createElementNS(XADES, "xades:QualifyingProperties");
    // declared on the element: canonicalisation reads declarations from the DOM, not from prefixes
    q.setAttributeNS(XMLNS, "xmlns:xades", XADES);
    q.setAttributeNS(XMLNS, "xmlns:ds", DSIG);
    q.setAttribute("Target", "#" + SIGNATURE_ID);
    return q;
  }

  private static Element qualifyingProperties(Document doc, Signing seal, Instant signingTime)
      throws GeneralSecurityException {
    Element q = qualifying(doc);
    Element signed = add(q, XADES, "xades:SignedProperties");
    signed.setAttribute("Id", SIGNED_PROPERTIES_ID);
    signed.setIdAttribute("Id", true);
    Element properties = add(signed, XADES, "xades:SignedSignatureProperties");
    // xs:dateTime with its seconds and zone (ISO_INSTANT always writes both)
    add(
        properties,
        XADES,
        "xades:SigningTime",
        DateTimeFormatter.ISO_INSTANT.format(signingTime.truncatedTo(ChronoUnit.SECONDS)));
    Element cert = add(add(properties, XADES, "xades:SigningCertificate"), XADES, "xades:Cert");
    Element digest = add(cert, XADES, "xades:CertDigest");
    add(digest, DSIG, "ds:DigestMethod").setAttribute("Algorithm", DigestMethod.SHA256);
    add(
        digest,
        DSIG,
        "ds:DigestValue",
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256").digest(seal.certificate().getEncoded())));
    Element issuerSerial = add(cert, XADES, "xades:IssuerSerial");
    add(
        issuerSerial,
        DSIG,
        "ds:X509IssuerName",
        seal.certificate().getIssuerX500Principal().getName());
    add(issuerSerial, DSIG, "ds:X509SerialNumber", seal.certificate().getSerialNumber().toString());
    add(
        add(properties, XADES, "xades:SignaturePolicyIdentifier"),
        XADES,
        "xades:SignaturePolicyImplied");
    return q;
  }
}
