package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.pki.SealCertificates;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.OctetStreamData;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.dsig.Manifest;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Checks the signature of a submission set as the DMP requires it (DOMAIN-FACTS §2.4; PDSM4DMP
 * {@code transaction_td2.md}: « lot de soumission signé en XAdES »; the structure of ANS's DRIMbox
 * {@code XadesSign}): a detached XML-DSig whose SignedInfo covers the {@code ds:Manifest
 * Id="IHEManifest"} and the XAdES {@code SignedProperties} (SigningTime, SigningCertificate: digest
 * and issuer/serial of the signing certificate); the Manifest references the submission set ({@code
 * urn:oid:<uniqueId>}) and every document, whose digests must match the documents received; signed
 * by the structure's signing certificate ("cachet") of the PKI, whose structure is the VIHF's
 * {@code Identifiant_Structure}.
 *
 * <p>The Manifest's digest of the submission set itself is not recomputed: it is taken over the
 * sender's serialisation of the RegistryPackage, which a receiver cannot reproduce byte for byte
 * (ANS's DRIMbox puts a placeholder there); the set's uniqueId is checked instead.
 */
final class SubmissionSignatures {
  static final String PURPOSE_SOURCE = "1.2.840.10065.1.12.1.14";

  /** XAdES 1.1.1 (DRIMbox, the DMP samples) and 1.3.2 (ETSI TS 101 903 current): both accepted. */
  private static final Set<String> XADES =
      Set.of("http://uri.etsi.org/01903/v1.1.1#", "http://uri.etsi.org/01903/v1.3.2#");

  private final SealCertificates seals;

  SubmissionSignatures(SealCertificates seals) {
    this.seals = seals;
  }

  /**
   * @param documents the documents received, by the URI the Manifest names them ({@code
   *     urn:oid:<uniqueId>}, a caret escaped as %5E)
   * @return what is wrong, in French; empty when the signature holds
   */
  List<String> problems(
      byte[] content,
      String submissionSetUniqueId,
      Map<String, byte[]> documents,
      String structureId) {
    List<String> problems = new ArrayList<>();
    Element root;
    try {
      root = Xml.parse(content).getDocumentElement();
    } catch (SAXException e) {
      return List.of("signature du lot illisible (XML).");
    }
    if (!Xml.DSIG.equals(root.getNamespaceURI()) || !"Signature".equals(root.getLocalName())) {
      return List.of("la signature du lot doit être un ds:Signature.");
    }
    // the Id attributes the References point to (Manifest, SignatureProperty, SignedProperties)
    for (Element e : Xml.descendants(root, "*", "*")) {
      if (e.hasAttribute("Id")) {
        e.setIdAttribute("Id", true);
      }
    }
    KeyInfoCertificate selector = new KeyInfoCertificate();
    DOMValidateContext context = new DOMValidateContext(selector, root);
    context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
    XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
    URIDereferencer standard = factory.getURIDereferencer();
    context.setURIDereferencer(
        (ref, ctx) -> {
          byte[] bytes = documents.get(ref.getURI());
          return bytes != null
              ? new OctetStreamData(new ByteArrayInputStream(bytes))
              : standard.dereference(ref, ctx);
        });
    XMLSignature signature;
    try {
      signature = factory.unmarshalXMLSignature(context);
      if (!signature.validate(context)) {
        return List.of(
            "la signature du lot ne se vérifie pas (SignedInfo, Manifest ou propriétés modifiés, ou mauvaise clé).");
      }
    } catch (MarshalException | XMLSignatureException e) {
      return List.of("signature du lot illisible : " + e.getMessage());
    }
    X509Certificate signer = selector.certificate().orElseThrow();
    seals
        .refusal(List.of(signer))
        .ifPresent(
            why ->
                problems.add(
                    "le lot doit être signé avec le certificat de cachet de la structure : "
                        + why
                        + "."));
    String signerStructure =
        fr.officine.segur.sandbox.pki.SealCertificates.structureId(signer).orElse("");
    if (!signerStructure.equals(structureId)) {
      problems.add(
          "le certificat de cachet signataire ("
              + signerStructure
              + ") n'est pas celui de la structure du VIHF ("
              + structureId
              + ").");
    }
    checkSignedProperties(root, signature, signer, problems);
    checkManifest(signature, context, submissionSetUniqueId, documents, problems);
    boolean purpose =
        Xml.descendants(root, Xml.DSIG, "SignatureProperty").stream()
            .anyMatch(
                p ->
                    "purposeOfSignature".equals(p.getAttribute("Id"))
                        && PURPOSE_SOURCE.equals(Xml.text(p)));
    if (!purpose) {
      problems.add(
          "SignatureProperty purposeOfSignature = " + PURPOSE_SOURCE + " (Source) attendue.");
    }
    return problems;
  }

  /**
   * XAdES: SignedProperties covered by SignedInfo, with SigningTime and the signer's
   * SigningCertificate.
   */
  private static void checkSignedProperties(
      Element root, XMLSignature signature, X509Certificate signer, List<String> problems) {
    Optional<Element> properties =
        XADES.stream()
            .flatMap(ns -> Xml.descendants(root, ns, "SignedProperties").stream())
            .findFirst();
    if (properties.isEmpty()) {
      problems.add(
          "XAdES attendu : QualifyingProperties/SignedProperties absentes (signature XML-DSig simple).");
      return;
    }
    Element signed = properties.get();
    String ns = signed.getNamespaceURI();
    String id = signed.getAttribute("Id");
    boolean covered =
        signature.getSignedInfo().getReferences().stream()
            .map(Reference.class::cast)
            .anyMatch(
                r ->
                    ("#" + id).equals(r.getURI()) && (ns + "SignedProperties").equals(r.getType()));
    if (id.isEmpty() || !covered) {
      problems.add(
          "XAdES : SignedInfo doit référencer les SignedProperties (Type "
              + ns
              + "SignedProperties).");
    }
    Optional<String> time =
        Xml.descendants(signed, ns, "SigningTime").stream().findFirst().map(Xml::text);
    if (time.isEmpty()) {
      problems.add("XAdES : SigningTime absent.");
    } else {
      try {
        OffsetDateTime.parse(time.get());
      } catch (DateTimeParseException e) {
        problems.add(
            "XAdES : SigningTime " + time.get() + " n'est pas un xs:dateTime avec fuseau.");
      }
    }
    List<Element> certs = Xml.descendants(signed, ns, "Cert");
    if (certs.isEmpty()) {
      problems.add("XAdES : SigningCertificate absent.");
      return;
    }
    Element cert = certs.get(0);
    boolean digestMatches =
        Xml.descendants(cert, ns, "CertDigest").stream()
            .findFirst()
            .map(d -> certificateDigestMatches(d, signer))
            .orElse(false);
    if (!digestMatches) {
      problems.add(
          "XAdES : SigningCertificate/CertDigest n'est pas l'empreinte du certificat signataire.");
    }
    boolean issuerSerial =
        Xml.descendants(cert, Xml.DSIG, "X509SerialNumber").stream()
                .anyMatch(
                    s ->
                        new BigInteger(Xml.text(s).isEmpty() ? "-1" : Xml.text(s))
                            .equals(signer.getSerialNumber()))
            && Xml.descendants(cert, Xml.DSIG, "X509IssuerName").stream()
                .anyMatch(n -> sameName(Xml.text(n), signer.getIssuerX500Principal()));
    if (!issuerSerial) {
      problems.add(
          "XAdES : SigningCertificate/IssuerSerial n'est pas l'émetteur et le numéro du certificat signataire.");
    }
  }

  private static boolean certificateDigestMatches(Element certDigest, X509Certificate signer) {
    String algorithm =
        Xml.descendants(certDigest, Xml.DSIG, "DigestMethod").stream()
            .findFirst()
            .map(m -> m.getAttribute("Algorithm"))
            .orElse("");
    String jca =
        switch (algorithm) {
          case "http://www.w3.org/2000/09/xmldsig#sha1" -> "SHA-1";
          case "http://www.w3.org/2001/04/xmlenc#sha256" -> "SHA-256";
          case "http://www.w3.org/2001/04/xmlenc#sha512" -> "SHA-512";
          default -> "";
        };
    Optional<String> value =
        Xml.descendants(certDigest, Xml.DSIG, "DigestValue").stream().findFirst().map(Xml::text);
    if (jca.isEmpty() || value.isEmpty()) {
      return false;
    }
    try {
      byte[] expected = MessageDigest.getInstance(jca).digest(signer.getEncoded());
      return MessageDigest.isEqual(expected, Base64.getMimeDecoder().decode(value.get()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean sameName(String text, X500Principal issuer) {
    try {
      return new X500Principal(text).equals(issuer);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The IHEManifest: the set and every document referenced, each document's digest right. */
  private static void checkManifest(
      XMLSignature signature,
      DOMValidateContext context,
      String ssUniqueId,
      Map<String, byte[]> documents,
      List<String> problems) {
    Optional<Manifest> manifest =
        signature.getObjects().stream()
            .flatMap(o -> ((XMLObject) o).getContent().stream())
            .filter(Manifest.class::isInstance)
            .map(Manifest.class::cast)
            .filter(m -> "IHEManifest".equals(m.getId()))
            .findFirst();
    boolean coversManifest =
        signature.getSignedInfo().getReferences().stream()
            .map(Reference.class::cast)
            .anyMatch(r -> "#IHEManifest".equals(r.getURI()));
    if (manifest.isEmpty() || !coversManifest) {
      problems.add("ds:Manifest Id=\"IHEManifest\" attendu, couvert par SignedInfo.");
      return;
    }
    List<String> uris =
        manifest.get().getReferences().stream().map(r -> ((Reference) r).getURI()).toList();
    if (!uris.contains("urn:oid:" + ssUniqueId)) {
      problems.add("le Manifest doit référencer le lot de soumission urn:oid:" + ssUniqueId + ".");
    }
    for (String uri : documents.keySet()) {
      if (!uris.contains(uri)) {
        problems.add("le Manifest ne référence pas le document " + uri + ".");
      }
    }
    for (Object o : manifest.get().getReferences()) {
      Reference r = (Reference) o;
      if (!documents.containsKey(r.getURI())) {
        continue;
      }
      try {
        if (!r.validate(context)) {
          problems.add(
              "l'empreinte du document "
                  + r.getURI()
                  + " dans le Manifest ne correspond pas au document reçu.");
        }
      } catch (XMLSignatureException e) {
        problems.add("empreinte du document " + r.getURI() + " invérifiable : " + e.getMessage());
      }
    }
  }
}
