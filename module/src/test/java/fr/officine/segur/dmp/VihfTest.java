package fr.officine.segur.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.InsType;
import fr.officine.segur.dmp.document.DispensationSamples;
import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.PharmacyCredentials;
import fr.officine.segur.trust.PharmacyCredentials.Signing;
import java.security.Key;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class VihfTest {
  static TestPki pki;
  static Signing signing;

  static final DmpActor ACTOR =
      new DmpActor(
          DispensationSamples.TITULAIRE,
          AuthMode.INDIRECTE,
          "690100011",
          "Pharmacie du Marché",
          new Ins("2751263220749", "74", InsType.NIR));

  /** The pharmacy's certificate as the test PKI (the sandbox's IGC-Santé stand-in) issued it. */
  @BeforeAll
  static void credentials() {
    pki = TestPki.temporary(Clock.systemUTC());
    signing = new PharmacyCredentials(pki.issuedDirectory()).seal("690100011");
  }

  @AfterAll
  static void removePki() {
    pki.close();
  }

  static Document signedEnvelope() {
    return signedEnvelope(ACTOR);
  }

  static Document signedEnvelope(DmpActor actor) {
    Document doc = DmpXml.newDocument();
    Element env = doc.createElementNS(DmpXml.SOAP12, "soap:Envelope");
    doc.appendChild(env);
    Element header = DmpXml.add(env, DmpXml.SOAP12, "soap:Header");
    new Vihf(new Vihf.Software("officine-segur", "0.1.0", "SANDBOX-0001"), Clock.systemUTC())
        .append(header, actor, signing);
    DmpXml.add(env, DmpXml.SOAP12, "soap:Body");
    Document wire = DmpXml.parse(DmpXml.bytes(doc));
    Vihf.sign(wire, signing);
    // what the DMP receives: the bytes, parsed again
    return DmpXml.parse(DmpXml.bytes(wire));
  }

  static boolean verifies(Document envelope) throws Exception {
    Element assertion =
        DmpXml.descendants(envelope.getDocumentElement(), DmpXml.SAML2, "Assertion").get(0);
    assertion.setIdAttributeNS(null, "ID", true);
    Element signature = DmpXml.descendants(assertion, DmpXml.DSIG, "Signature").get(0);
    Key key = signing.certificate().getPublicKey();
    DOMValidateContext context = new DOMValidateContext(key, signature);
    XMLSignature s = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
    return s.validate(context);
  }

  @Test
  void vihf_signature_verifies_with_the_pharmacy_certificate_after_the_wire() throws Exception {
    assertThat(verifies(signedEnvelope())).isTrue();
  }

  @Test
  void vihf_changed_after_signing_no_longer_verifies() throws Exception {
    Document envelope = signedEnvelope();
    for (Element a : DmpXml.descendants(envelope.getDocumentElement(), DmpXml.SAML2, "Attribute")) {
      if (a.getAttribute("Name").endsWith(":resource-id")) {
        DmpXml.children(a).get(0).setTextContent("110086322083060^^^&1.2.250.1.213.1.4.8&ISO^NH");
      }
    }
    assertThat(verifies(envelope)).isFalse();
  }

  @Test
  void vihf_carries_pharmacist_pharmacy_patient_and_mandatory_attributes() {
    Element assertion =
        DmpXml.descendants(signedEnvelope().getDocumentElement(), DmpXml.SAML2, "Assertion").get(0);
    Map<String, List<Element>> attributes = new HashMap<>();
    for (Element a : DmpXml.descendants(assertion, DmpXml.SAML2, "Attribute")) {
      attributes.put(a.getAttribute("Name"), DmpXml.children(a));
    }
    assertThat(DmpXml.descendants(assertion, DmpXml.SAML2, "NameID").get(0).getTextContent())
        .isEqualTo("810100000016");
    assertThat(text(attributes, "VIHF_Version")).isEqualTo("3.0");
    assertThat(text(attributes, "Authentification_Mode")).isEqualTo("INDIRECTE");
    assertThat(text(attributes, "Identifiant_Structure")).isEqualTo("1690100011");
    assertThat(text(attributes, "Secteur_Activite")).isEqualTo("SA33^1.2.250.1.71.4.2.4");
    assertThat(text(attributes, "urn:oasis:names:tc:xspa:1.0:subject:subject-id"))
        .isEqualTo("MARTIN Claire");
    assertThat(text(attributes, "urn:oasis:names:tc:xacml:2.0:resource:resource-id"))
        .isEqualTo("275126322074974^^^&1.2.250.1.213.1.4.8&ISO^NH");
    assertThat(text(attributes, "Ressource_URN")).isEqualTo("urn:dmp");
    assertThat(text(attributes, "LPS_Nom")).isEqualTo("officine-segur");
    assertThat(text(attributes, "LPS_ID_HOMOLOGATION_DMP")).isEqualTo("SANDBOX-0001");
    List<Element> roles = attributes.get("urn:oasis:names:tc:xacml:2.0:subject:role");
    assertThat(roles).hasSize(2);
    assertThat(DmpXml.children(roles.get(0)).get(0).getAttribute("code")).isEqualTo("21");
    assertThat(DmpXml.children(roles.get(1)).get(0).getAttribute("code")).isEqualTo("A");
    assertThat(DmpXml.children(roles.get(1)).get(0).getAttribute("codeSystem"))
        .isEqualTo("1.2.250.1.71.4.2.6");
    // the signature sits right after Issuer (SAML 2.0 core schema order)
    List<Element> children = DmpXml.children(assertion);
    assertThat(children.get(0).getLocalName()).isEqualTo("Issuer");
    assertThat(children.get(1).getLocalName()).isEqualTo("Signature");
    assertThat(children.get(0).getTextContent()).contains("OU=1690100011");
  }

  @Test
  void
      a_cps_card_session_is_declared_directe_with_the_smartcard_class_and_a_password_session_indirecte() {
    DmpActor withCard =
        new DmpActor(
            ACTOR.professional(),
            AuthMode.DIRECTE,
            ACTOR.pharmacyFiness(),
            ACTOR.pharmacyName(),
            ACTOR.patient());
    Element direct =
        DmpXml.descendants(signedEnvelope(withCard).getDocumentElement(), DmpXml.SAML2, "Assertion")
            .get(0);
    Element indirect =
        DmpXml.descendants(signedEnvelope(ACTOR).getDocumentElement(), DmpXml.SAML2, "Assertion")
            .get(0);

    assertThat(attribute(direct, "Authentification_Mode")).isEqualTo("DIRECTE");
    assertThat(classRef(direct)).isEqualTo("urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI");
    assertThat(attribute(indirect, "Authentification_Mode")).isEqualTo("INDIRECTE");
    assertThat(classRef(indirect)).isEqualTo("urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified");
  }

  @Test
  void directe_is_declared_only_for_the_card_holder_named_in_the_vihf() {
    assertThat(
            AuthMode.declared(
                AuthMode.DIRECTE,
                java.util.Optional.of("10100000016"),
                java.util.Optional.of("10100000016")))
        .isEqualTo(AuthMode.DIRECTE);
    // a préparateur's delivery names the titulaire: the card (if any) did not authenticate her
    assertThat(
            AuthMode.declared(
                AuthMode.DIRECTE, java.util.Optional.empty(), java.util.Optional.of("10100000016")))
        .isEqualTo(AuthMode.INDIRECTE);
    assertThat(
            AuthMode.declared(
                AuthMode.DIRECTE,
                java.util.Optional.of("10100000024"),
                java.util.Optional.of("10100000016")))
        .isEqualTo(AuthMode.INDIRECTE);
    assertThat(
            AuthMode.declared(
                AuthMode.INDIRECTE,
                java.util.Optional.of("10100000016"),
                java.util.Optional.of("10100000016")))
        .isEqualTo(AuthMode.INDIRECTE);
    assertThat(AuthMode.of(null)).isEqualTo(AuthMode.INDIRECTE);
    assertThat(AuthMode.of("DIRECTE")).isEqualTo(AuthMode.DIRECTE);
  }

  private static String attribute(Element assertion, String name) {
    return DmpXml.descendants(assertion, DmpXml.SAML2, "Attribute").stream()
        .filter(a -> a.getAttribute("Name").equals(name))
        .map(a -> DmpXml.children(a).get(0).getTextContent())
        .findFirst()
        .orElseThrow();
  }

  private static String classRef(Element assertion) {
    return DmpXml.descendants(assertion, DmpXml.SAML2, "AuthnContextClassRef")
        .get(0)
        .getTextContent();
  }

  private static String text(Map<String, List<Element>> attributes, String name) {
    return attributes.get(name).get(0).getTextContent();
  }
}
