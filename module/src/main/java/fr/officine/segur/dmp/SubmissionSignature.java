package fr.officine.segur.dmp;

import fr.officine.segur.trust.PharmacyCredentials.Signing;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
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
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import org.w3c.dom.Document;

/**
 * The signature of the submission set the DMP asks for (DOMAIN-FACTS §2.4, IHE DSG): a detached
 * XML-DSig whose {@code ds:Manifest Id="IHEManifest"} references {@code urn:oid:<submission set
 * uniqueId>} and {@code urn:oid:<document uniqueId>} with their digests, and a SignatureProperty
 * {@code purposeOfSignature} = 1.2.840.10065.1.12.1.14 ("Source"), signed by the pharmacy's
 * certificate. SHA-256 and exc-c14n rather than the samples' SHA-1 / C14N-with-comments.
 *
 * <p>Not a full XAdES: the QualifyingProperties (signing time, signing certificate digest) are not
 * there yet; the sandbox checks the Manifest only (its README).
 */
final class SubmissionSignature {
  static final String PURPOSE_SOURCE = "1.2.840.10065.1.12.1.14";

  private SubmissionSignature() {}

  /**
   * @param signed the signed contents by URI ({@code urn:oid:...} → bytes: the document, and the
   *     submission set as serialised in the request)
   */
  static byte[] sign(Map<String, byte[]> signed, Signing signing) {
    try {
      XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
      DigestMethod sha256 = f.newDigestMethod(DigestMethod.SHA256, null);
      List<Reference> manifestRefs =
          signed.keySet().stream().map(uri -> f.newReference(uri, sha256)).toList();
      Manifest manifest = f.newManifest(manifestRefs, "IHEManifest");
      Document doc = DmpXml.newDocument();
      SignatureProperty purpose =
          f.newSignatureProperty(
              List.of(new DOMStructure(doc.createTextNode(PURPOSE_SOURCE))), "#submission-signature", "purposeOfSignature");
      SignatureProperties properties = f.newSignatureProperties(List.of(purpose), null);
      var signedInfo =
          f.newSignedInfo(
              f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              f.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
              List.of(
                  f.newReference("#IHEManifest", sha256, null, Manifest.TYPE, null),
                  f.newReference("#purposeOfSignature", sha256)));
      KeyInfoFactory kif = f.getKeyInfoFactory();
      var signature =
          f.newXMLSignature(
              signedInfo,
              kif.newKeyInfo(List.of(kif.newX509Data(List.of(signing.certificate())))),
              List.of(f.newXMLObject(List.of(manifest), null, null, null), f.newXMLObject(List.of(properties), null, null, null)),
              "submission-signature",
              null);
      DOMSignContext context = new DOMSignContext(signing.key(), doc);
      context.setDefaultNamespacePrefix("ds");
      URIDereferencer standard = f.getURIDereferencer();
      // urn:oid references name the documents of the submission, not resources to fetch
      context.setURIDereferencer(
          (ref, ctx) -> {
            byte[] bytes = signed.get(ref.getURI());
            return bytes != null ? new OctetStreamData(new ByteArrayInputStream(bytes)) : standard.dereference(ref, ctx);
          });
      signature.sign(context);
      return DmpXml.bytes(doc);
    } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
      throw new IllegalStateException("Cannot sign the submission set", e);
    }
  }
}
