package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The VIHF in wsse:Security and WS-Addressing: refused with a SOAP 1.2 fault, nothing stored. */
class VihfTest extends DmpSandboxTest {

  @Test
  void request_without_vihf_is_refused_VIHF_ABSENT() throws Exception {
    DmpTestClient.Answer answer = dmp.provideAndRegister(new Iti41Request(ADRUN), null);
    assertThat(answer.faultCode()).hasValue("VIHF_ABSENT");
    assertThat(answer.faultSubcode()).endsWith(":InvalidSecurity");
  }

  @Test
  void vihf_changed_after_signing_is_refused_VIHF_SIGNATURE_INVALIDE() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(NESSI), vihf(ADRUN).tamperedAfterSigning());
    assertThat(answer.faultCode()).hasValue("VIHF_SIGNATURE_INVALIDE");
    assertThat(answer.faultSubcode()).endsWith(":FailedCheck");
  }

  @Test
  void vihf_signed_with_a_key_that_is_not_the_certificates_is_refused() throws Exception {
    TestPharmacy other = TestPharmacy.seal(TestPharmacy.ARCADES);
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ADRUN), vihf(ADRUN).signedWithWrongKey(other));
    assertThat(answer.faultCode()).hasValue("VIHF_SIGNATURE_INVALIDE");
  }

  @Test
  void unsigned_vihf_is_refused_VIHF_NON_SIGNE() throws Exception {
    assertThat(dmp.provideAndRegister(new Iti41Request(ADRUN), vihf(ADRUN).unsigned()).faultCode())
        .hasValue("VIHF_NON_SIGNE");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "VIHF_Version",
        "Authentification_Mode",
        "Identifiant_Structure",
        "Secteur_Activite",
        "urn:oasis:names:tc:xspa:1.0:subject:subject-id",
        "urn:oasis:names:tc:xacml:2.0:subject:role",
        "urn:oasis:names:tc:xacml:2.0:resource:resource-id",
        "Ressource_URN",
        "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse",
        "LPS_Nom",
        "LPS_ID_HOMOLOGATION_DMP"
      })
  void each_mandatory_vihf_attribute_is_required(String attribute) throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ADRUN), vihf(ADRUN).without(attribute));
    assertThat(answer.faultCode()).hasValue("VIHF_ATTRIBUT_MANQUANT");
    assertThat(answer.payload().getTextContent()).contains(attribute);
  }

  @Test
  void a_sector_other_than_officine_is_refused() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(
            new Iti41Request(ADRUN),
            vihf(ADRUN).with("Secteur_Activite", "SA07^1.2.250.1.71.4.2.4"));
    assertThat(answer.faultCode()).hasValue("VIHF_ATTRIBUT_INVALIDE");
  }

  @Test
  void a_pharmacist_role_without_the_cnop_sous_section_is_refused() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ADRUN), vihf(ADRUN).role("21", null));
    assertThat(answer.faultCode()).hasValue("VIHF_ATTRIBUT_INVALIDE");
    assertThat(answer.payload().getTextContent()).contains("sous-section");
  }

  @Test
  void an_authentication_mode_outside_the_three_allowed_values_is_refused() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(
            new Iti41Request(ADRUN), vihf(ADRUN).with("Authentification_Mode", "CARTE"));
    assertThat(answer.faultCode()).hasValue("VIHF_ATTRIBUT_INVALIDE");
    assertThat(answer.payload().getTextContent()).contains("Authentification_Mode");
  }

  @Test
  void directe_without_the_smartcard_authentication_class_is_refused() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(
            new Iti41Request(ADRUN),
            vihf(ADRUN)
                .with("Authentification_Mode", "DIRECTE")
                .authnContextClassRef("urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified"));
    assertThat(answer.faultCode()).hasValue("VIHF_ATTRIBUT_INVALIDE");
    assertThat(answer.payload().getTextContent()).contains("carte CPS");
  }

  @Test
  void the_authentication_mode_of_the_submission_is_recorded_with_the_document() throws Exception {
    Iti41Request direct = new Iti41Request(ADRUN);
    assertThat(
            dmp.provideAndRegister(direct, vihf(ADRUN).with("Authentification_Mode", "DIRECTE"))
                .status())
        .isEqualTo(DmpNames.SUCCESS);
    Iti41Request indirect = new Iti41Request(ADRUN);
    assertThat(
            dmp.provideAndRegister(
                    indirect,
                    vihf(ADRUN)
                        .authnContextClassRef("urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified"))
                .status())
        .isEqualTo(DmpNames.SUCCESS);
    String held = client.get("/sandbox/dmp/documents?ins=" + ADRUN).body();
    assertThat(held)
        .contains("\"uniqueId\":\"" + direct.uniqueId() + "\"")
        .contains("\"uniqueId\":\"" + indirect.uniqueId() + "\"");
    jakarta.json.JsonArray documents =
        jakarta.json.Json.createReader(new java.io.StringReader(held)).readArray();
    java.util.Map<String, String> modes = new java.util.HashMap<>();
    for (jakarta.json.JsonObject d : documents.getValuesAs(jakarta.json.JsonObject.class)) {
      modes.put(d.getString("uniqueId"), d.getString("authenticationMode", "absent"));
    }
    assertThat(modes.get(direct.uniqueId())).isEqualTo("DIRECTE");
    assertThat(modes.get(indirect.uniqueId())).isEqualTo("INDIRECTE");
  }

  @Test
  void vihf_version_4_0_is_accepted_like_3_0() throws Exception {
    assertThat(
            dmp.provideAndRegister(new Iti41Request(ADRUN), vihf(ADRUN).with("VIHF_Version", "4.0"))
                .status())
        .isEqualTo(DmpNames.SUCCESS);
  }

  @Test
  void wrong_or_missing_wsa_action_is_refused_with_a_ws_addressing_fault() throws Exception {
    DmpTestClient.Answer wrong =
        dmp.call(Dmp.REPOSITORY, DmpNames.ACTION_ITI18, new Iti41Request(ADRUN).xml(), vihf(ADRUN));
    assertThat(wrong.faultCode()).hasValue("WSA_ACTIONNOTSUPPORTED");
    DmpTestClient.Answer missing =
        dmp.call(Dmp.REPOSITORY, null, new Iti41Request(ADRUN).xml(), vihf(ADRUN));
    assertThat(missing.faultCode()).hasValue("WSA_MESSAGEADDRESSINGHEADERREQUIRED");
  }

  // ANS, mapping VIHF: « //Assertion/ds:Signature : signature XML-DSIG avec le certificat de cachet
  // de la structure de soins »: the authentication certificate is not a seal
  @Test
  void a_vihf_signed_with_the_authentication_certificate_is_refused() throws Exception {
    VihfBuilder byAuthentication =
        new VihfBuilder(ADRUN, TestPharmacy.authentication(TestPharmacy.MARCHE));
    DmpTestClient.Answer answer = dmp.provideAndRegister(new Iti41Request(ADRUN), byAuthentication);
    assertThat(answer.faultCode()).hasValue("VIHF_CERTIFICAT_INVALIDE");
    assertThat(answer.payload().getTextContent()).contains("cachet");
  }

  @Test
  void a_vihf_signed_with_a_certificate_of_no_known_authority_is_refused() throws Exception {
    VihfBuilder selfSigned =
        new VihfBuilder(ADRUN, TestPharmacy.selfSigned(TestPharmacy.MARCHE, "Pharmacie du Marché"));
    DmpTestClient.Answer answer = dmp.provideAndRegister(new Iti41Request(ADRUN), selfSigned);
    assertThat(answer.faultCode()).hasValue("VIHF_CERTIFICAT_INVALIDE");
  }

  @Test
  void identifiant_structure_must_be_the_structure_of_the_signing_certificate() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(
            new Iti41Request(ADRUN), vihf(ADRUN).with("Identifiant_Structure", "1690100029"));
    assertThat(answer.faultCode()).hasValue("VIHF_ATTRIBUT_INVALIDE");
    assertThat(answer.payload().getTextContent()).contains("cachet");
  }

  @Test
  void identifiant_structure_must_be_the_structure_of_the_tls_client_certificate()
      throws Exception {
    // Pharmacie des Arcades' VIHF, consistent with its seal, sent over Pharmacie du Marché's TLS
    // session
    VihfBuilder arcades =
        new VihfBuilder(ADRUN, TestPharmacy.seal(TestPharmacy.ARCADES))
            .with("Identifiant_Structure", "1690100029");
    DmpTestClient.Answer refused =
        overTlsAs(TestPharmacy.MARCHE)
            .callMtom(
                Dmp.REPOSITORY, DmpNames.ACTION_ITI41, new Iti41Request(ADRUN).xml(), arcades);
    assertThat(refused.faultCode()).hasValue("VIHF_ATTRIBUT_INVALIDE");
    assertThat(refused.payload().getTextContent()).contains("TLS");

    DmpTestClient.Answer accepted =
        overTlsAs(TestPharmacy.MARCHE)
            .callMtom(
                Dmp.REPOSITORY, DmpNames.ACTION_ITI41, new Iti41Request(ADRUN).xml(), vihf(ADRUN));
    assertThat(accepted.status()).isEqualTo(DmpNames.SUCCESS);
  }

  private DmpTestClient overTlsAs(String finess) throws Exception {
    var tls =
        fr.officine.segur.sandbox.pki.TlsClient.context(
            sandbox.pkiDirectory(), sandbox.pki().pharmacyKeyStore(finess));
    return new DmpTestClient(
        sandbox.tlsBaseUrl(), java.net.http.HttpClient.newBuilder().sslContext(tls).build());
  }
}
