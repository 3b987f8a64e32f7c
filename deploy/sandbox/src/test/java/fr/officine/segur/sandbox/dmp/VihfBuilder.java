package fr.officine.segur.sandbox.dmp;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.ExcC14NParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the VIHF a pharmacy's software sends (DOMAIN-FACTS §2.3) and signs it like the LPS does:
 * enveloped XML-DSig, exc-c14n, RSA-SHA256, the certificate in KeyInfo, inserted after Issuer.
 * Tests drop or change one attribute at a time.
 */
final class VihfBuilder {
  static final String HL7 = "urn:hl7-org:v3";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private final Map<String, String> attributes = new LinkedHashMap<>();
  private String nameId = "810100000016";
  private String profession = "21";
  private String sousSection = "A";
  private String purpose = "normal";
  private String classRef = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI";
  private boolean tamperAfterSigning;
  private TestPharmacy signer;
  private boolean signed = true;

  VihfBuilder(String ins, TestPharmacy signer) {
    this.signer = signer;
    attributes.put("VIHF_Version", "3.0");
    attributes.put("Authentification_Mode", "INDIRECTE");
    attributes.put("Identifiant_Structure", "1690100011");
    attributes.put("Secteur_Activite", "SA33^1.2.250.1.71.4.2.4");
    attributes.put("urn:oasis:names:tc:xspa:1.0:subject:subject-id", "MARTIN Claire");
    attributes.put("urn:oasis:names:tc:xacml:2.0:subject:role", "");
    attributes.put(
        "urn:oasis:names:tc:xacml:2.0:resource:resource-id",
        ins + "^^^&1.2.250.1.213.1.4.8&ISO^NH");
    attributes.put("Ressource_URN", "urn:dmp");
    attributes.put("urn:oasis:names:tc:xspa:1.0:subject:purposeofuse", "");
    attributes.put("LPS_Nom", "officine-segur");
    attributes.put("LPS_Version", "0.1.0");
    attributes.put("LPS_ID_HOMOLOGATION_DMP", "SANDBOX-0001");
  }

  VihfBuilder ps(String rpps) {
    nameId = "8" + rpps;
    return this;
  }

  VihfBuilder without(String attribute) {
    attributes.remove(attribute);
    return this;
  }

  VihfBuilder with(String attribute, String value) {
    attributes.put(attribute, value);
    return this;
  }

  VihfBuilder authnContextClassRef(String value) {
    classRef = value;
    return this;
  }

  VihfBuilder role(String professionCode, String sousSectionCode) {
    profession = professionCode;
    sousSection = sousSectionCode;
    return this;
  }

  /** Changes resource-id after the signature: the signature must no longer verify. */
  VihfBuilder tamperedAfterSigning() {
    tamperAfterSigning = true;
    return this;
  }

  /** Signs with another key than the one of the certificate carried in KeyInfo. */
  VihfBuilder signedWithWrongKey(TestPharmacy other) {
    signer = new TestPharmacy(other.keys(), signer.certificate());
    return this;
  }

  VihfBuilder unsigned() {
    signed = false;
    return this;
  }

  /** The unsigned assertion, built in {@code security} (wsse:Security of the envelope). */
  Element build(Element security) {
    Document doc = security.getOwnerDocument();
    String saml = Xml.SAML2;
    Element a = doc.createElementNS(saml, "saml2:Assertion");
    security.appendChild(a);
    a.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI);
    String id = "_" + UUID.randomUUID();
    Instant now = Instant.now();
    a.setAttribute("ID", id);
    a.setAttribute("IssueInstant", now.toString());
    a.setAttribute("Version", "2.0");
    Element issuer = add(a, saml, "saml2:Issuer");
    issuer.setAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName");
    issuer.setTextContent(signer.certificate().getSubjectX500Principal().getName());
    Element subject = add(a, saml, "saml2:Subject");
    Element nameIdElement = add(subject, saml, "saml2:NameID");
    nameIdElement.setAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
    nameIdElement.setTextContent(nameId);
    Element conditions = add(a, saml, "saml2:Conditions");
    conditions.setAttribute("NotBefore", now.minus(Duration.ofMinutes(1)).toString());
    conditions.setAttribute("NotOnOrAfter", now.plus(Duration.ofHours(1)).toString());
    Element authn = add(a, saml, "saml2:AuthnStatement");
    authn.setAttribute("AuthnInstant", now.toString());
    add(add(authn, saml, "saml2:AuthnContext"), saml, "saml2:AuthnContextClassRef")
        .setTextContent(classRef);
    Element statement = add(a, saml, "saml2:AttributeStatement");
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      Element attribute = add(statement, saml, "saml2:Attribute");
      attribute.setAttribute("Name", e.getKey());
      if (e.getKey().endsWith(":role")) {
        coded(
            add(attribute, saml, "saml2:AttributeValue"), "Role", profession, "1.2.250.1.71.1.2.7");
        if (sousSection != null) {
          coded(
              add(attribute, saml, "saml2:AttributeValue"),
              "Role",
              sousSection,
              "1.2.250.1.71.4.2.6");
        }
      } else if (e.getKey().endsWith(":purposeofuse")) {
        coded(
            add(attribute, saml, "saml2:AttributeValue"),
            "PurposeOfUse",
            purpose,
            "1.2.250.1.213.1.1.4.248");
      } else {
        add(attribute, saml, "saml2:AttributeValue").setTextContent(e.getValue());
      }
    }
    return a;
  }

  /**
   * Signs the assertion of an envelope parsed from its bytes: signing the DOM just built would
   * digest elements whose namespace declarations are not attributes yet, unlike what the wire
   * carries.
   */
  void signIn(Document envelope) {
    Element a = Xml.descendants(envelope.getDocumentElement(), Xml.SAML2, "Assertion").get(0);
    if (signed) {
      Element subject = Xml.child(a, Xml.SAML2, "Subject").orElseThrow();
      sign(a, a.getAttribute("ID"), subject);
    }
    if (tamperAfterSigning) {
      for (Element attribute : Xml.descendants(a, Xml.SAML2, "Attribute")) {
        if (attribute.getAttribute("Name").endsWith(":resource-id")) {
          Xml.children(attribute)
              .get(0)
              .setTextContent("110086322083060^^^&1.2.250.1.213.1.4.8&ISO^NH");
        }
      }
    }
  }

  /**
   * A wsse:Security header holding the signed VIHF, in a document of its own: what a SOAP stack's
   * handler imports into the message it sends.
   */
  Element securityHeader() {
    Document doc = Xml.newDocument();
    Element security = doc.createElementNS(Xml.WSSE, "wsse:Security");
    doc.appendChild(security);
    build(security);
    try {
      Document wire = Xml.parse(Xml.bytes(doc));
      signIn(wire);
      return wire.getDocumentElement();
    } catch (org.xml.sax.SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Element add(Element parent, String ns, String qname) {
    Element e = parent.getOwnerDocument().createElementNS(ns, qname);
    parent.appendChild(e);
    return e;
  }

  private static void coded(Element value, String name, String code, String codeSystem) {
    Element c = value.getOwnerDocument().createElementNS(HL7, name);
    c.setAttributeNS(XSI, "xsi:type", "CE");
    c.setAttribute("code", code);
    c.setAttribute("codeSystem", codeSystem);
    value.appendChild(c);
  }

  private void sign(Element assertion, String id, Element before) {
    try {
      assertion.setIdAttributeNS(null, "ID", true);
      XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
      Reference ref =
          f.newReference(
              "#" + id,
              f.newDigestMethod(DigestMethod.SHA256, null),
              List.of(
                  f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                  f.newTransform(
                      CanonicalizationMethod.EXCLUSIVE,
                      new ExcC14NParameterSpec(List.of("ds", "saml2", "xsi")))),
              null,
              null);
      SignedInfo si =
          f.newSignedInfo(
              f.newCanonicalizationMethod(
                  CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              f.newSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", null),
              List.of(ref));
      KeyInfoFactory kif = f.getKeyInfoFactory();
      X509Certificate cert = signer.certificate();
      PrivateKey key = signer.keys().getPrivate();
      DOMSignContext context = new DOMSignContext(key, assertion, before);
      context.setDefaultNamespacePrefix("ds");
      f.newXMLSignature(si, kif.newKeyInfo(List.of(kif.newX509Data(List.of(cert))))).sign(context);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
