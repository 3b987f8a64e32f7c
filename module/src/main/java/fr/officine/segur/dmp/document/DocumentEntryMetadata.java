package fr.officine.segur.dmp.document;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.dmp.document.DispensationDocumentData.Patient;
import fr.officine.segur.dmp.document.DispensationDocumentData.Pharmacy;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The XDS DocumentEntry values of a dispensation document, as DOMAIN-FACTS §2.4 lists them for the
 * DMP, already in their HL7 v2 string forms (CX, XCN, XON). Derived from the same data as the CDA
 * so the metadata can never contradict the document (CDA header → XDS mapping, ANS mapping.md). The
 * ITI-41 sender wraps them in ebRIM; nothing here knows about SOAP.
 *
 * <p>Every value is the CDA header's (ANS CDAHeaderToXDM): title, creationTime = effectiveTime,
 * serviceStartTime = serviceEvent/effectiveTime/low and a serviceStopTime only where the CDA has a
 * high (a dispensation is an instant: none), author = header author (authorSpecialty its code),
 * patient = recordTarget. {@code DocumentEntryMetadataTest} reads them back from the CDA.
 *
 * @param patientId CX {@code <INS>^^^&<oid>&ISO^NH}; absent without a qualified INS (no DMP send)
 * @param authorRole the author's role in the pharmacy when known (titulaire, adjoint)
 */
public record DocumentEntryMetadata(
    String uniqueId,
    String mimeType,
    String hashSha1,
    long size,
    String title,
    String languageCode,
    String creationTime,
    String serviceStartTime,
    Optional<String> serviceStopTime,
    Code classCode,
    Code typeCode,
    Code formatCode,
    Code healthcareFacilityTypeCode,
    Code practiceSettingCode,
    Code confidentialityCode,
    Optional<String> patientId,
    String sourcePatientName,
    String sourcePatientBirthDate,
    String sourcePatientSex,
    String authorPerson,
    String authorInstitution,
    Code authorSpecialty,
    Optional<String> authorRole,
    String legalAuthenticator) {

  /** A coded value: code, its coding scheme (OID or URN) and display name. */
  public record Code(String code, String codingScheme, String displayName) {}

  /**
   * TRE_R02 SA33 "Pharmacie d'officine": the CDA's healthCareFacility/code, hence the entry's
   * healthcareFacilityTypeCode, and the submission set's contentTypeCode.
   */
  public static final Code PHARMACIE_D_OFFICINE =
      new Code("SA33", "1.2.250.1.71.4.2.4", "Pharmacie d'officine");

  /** UTC, {@code YYYYMMDDhhmmss} (ITI TF-3 DTM as the DMP expects it). */
  private static final DateTimeFormatter DTM =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  public static DocumentEntryMetadata of(
      DispensationDocumentData data, DispensationDocument document) {
    String time = utc(data.dispensedAt());
    Professional author = data.responsiblePharmacist();
    Patient patient = data.patient();
    return new DocumentEntryMetadata(
        document.uniqueId(),
        DispensationDocument.CDA_MIME_TYPE,
        sha1(document.cda()),
        document.cda().length,
        EdispCdaWriter.TITLE,
        "fr-FR",
        time,
        time,
        Optional.empty(),
        new Code(DispensationDocument.CLASS_CODE, "1.2.250.1.213.1.1.4.1", "Dispensation"),
        new Code(
            DispensationDocument.TYPE_CODE, EdispCdaWriter.LOINC, "Dispensation médicamenteuse"),
        new Code(
            DispensationDocument.FORMAT_CODE,
            "1.3.6.1.4.1.19376.1.2.3",
            "Dispensation pharmaceutique"),
        PHARMACIE_D_OFFICINE,
        new Code("AMBULATOIRE", "1.2.250.1.213.1.1.4.9", "Ambulatoire"),
        new Code("N", "2.16.840.1.113883.5.25", "Normal"),
        patient.ins().map(DocumentEntryMetadata::cx),
        // PID-5 type L (legal = birth name, CDA family/given qualifier BR), first birth first name
        "PID-5|" + patient.birthFamilyName() + "^" + patient.firstName() + "^^^^^L",
        "PID-7|" + DAY.format(patient.birthDate()),
        "PID-8|" + patient.sex().name(),
        xcn(author),
        xon(data.pharmacy()),
        new Code(
            author.role().code().code(),
            EdispCdaWriter.TRE_R85_PROFESSION,
            author.role().code().displayName()),
        Optional.of(author.role().label()),
        xcn(author));
  }

  /**
   * The metadata of a re-identified document ({@link EdispCdaWriter#reidentify}): hash, size and
   * patient traits from the new bytes and traits, everything else unchanged.
   */
  public DocumentEntryMetadata reidentified(byte[] cda, Patient patient) {
    return new DocumentEntryMetadata(
        uniqueId,
        mimeType,
        sha1(cda),
        cda.length,
        title,
        languageCode,
        creationTime,
        serviceStartTime,
        serviceStopTime,
        classCode,
        typeCode,
        formatCode,
        healthcareFacilityTypeCode,
        practiceSettingCode,
        confidentialityCode,
        patientId,
        "PID-5|" + patient.birthFamilyName() + "^" + patient.firstName() + "^^^^^L",
        "PID-7|" + DAY.format(patient.birthDate()),
        "PID-8|" + patient.sex().name(),
        authorPerson,
        authorInstitution,
        authorSpecialty,
        authorRole,
        legalAuthenticator);
  }

  static String cx(Ins ins) {
    return ins.number() + "^^^&" + ins.oid() + "&ISO^NH";
  }

  /** XCN with PS_IdNat ("8" + RPPS) assigned by the RPPS authority, type IDNPS. */
  static String xcn(Professional who) {
    String idNat = "8" + who.rpps().orElseThrow().value();
    return idNat
        + "^"
        + who.familyName()
        + "^"
        + who.givenName()
        + "^^^^^^&"
        + EdispCdaWriter.OID_PS
        + "&ISO^D^^^IDNPS";
  }

  /** XON with Struct_IdNat ("1" + FINESS), type IDNST. */
  static String xon(Pharmacy pharmacy) {
    return pharmacy.name()
        + "^^^^^&"
        + EdispCdaWriter.OID_STRUCTURE
        + "&ISO^IDNST^^^1"
        + pharmacy.finess().value();
  }

  private static String utc(OffsetDateTime time) {
    return DTM.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  private static String sha1(byte[] bytes) {
    try {
      // XDS DocumentEntry.hash is SHA-1 by the IHE profile, not a security choice.
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
