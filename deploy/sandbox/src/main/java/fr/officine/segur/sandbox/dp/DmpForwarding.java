package fr.officine.segur.sandbox.dp;

import fr.officine.segur.sandbox.dmp.DmpDocument;
import fr.officine.segur.sandbox.dmp.DmpPatient;
import fr.officine.segur.sandbox.dmp.DmpStore;
import fr.officine.segur.sandbox.dmp.ExtrinsicObjectBuilder;
import fr.officine.segur.sandbox.dp.soap.AlimenterDP.TransmissionDMP;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Route via-dp (DOMAIN-FACTS §2.6: the DP feeds the DMP): the stub puts the pharmacy's own eDISP
 * document into the sandbox DMP's store, in-process, under the SAME uniqueId the module gave it.
 * The DMP's uniqueness rule then makes one dispensation one document, whoever sends it and however
 * often. The DMP's patient rules (no DMP, closed, opposition) apply as they do to ITI-41.
 */
final class DmpForwarding {
  private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final String INS_NIR_OID = "1.2.250.1.213.1.4.8";

  private final DmpStore dmp;

  DmpForwarding(DmpStore dmp) {
    this.dmp = dmp;
  }

  /** TRANSMIS, DEJA_PRESENT, or the DMP's reason for not holding it. */
  String forward(String ins, TransmissionDMP t, byte[] cda) {
    Optional<DmpPatient> patient = dmp.patient(ins);
    if (patient.isEmpty()) {
      return "DMP_PATIENT_INCONNU";
    }
    switch (patient.get().status()) {
      case AUCUN -> {
        return "DMP_INEXISTANT";
      }
      case FERME -> {
        return "DMP_FERME";
      }
      default -> {
        if (patient.get().opposedToFeeding()) {
          return "DMP_OPPOSITION";
        }
      }
    }
    String entryUuid = "urn:uuid:" + UUID.randomUUID();
    String patientId = ins + "^^^&" + INS_NIR_OID + "&ISO^NH";
    String now = DTM.format(ZonedDateTime.now(dmp.clock()).withZoneSameInstant(ZoneOffset.UTC));
    UUID set =
        UUID.nameUUIDFromBytes(
            ("dp-submission-set:" + t.getUniqueId()).getBytes(StandardCharsets.UTF_8));
    DmpDocument d =
        new DmpDocument(
            entryUuid,
            t.getUniqueId(),
            ins,
            patientId,
            t.getClassCode(),
            t.getTypeCode(),
            t.getFormatCode(),
            t.getConfidentialityCode(),
            false,
            t.getTitre(),
            "text/xml",
            cda.length,
            sha1(cda),
            t.getAuteur(),
            t.getRppsAuteur(),
            t.getDateCreation(),
            now,
            "2.25." + new BigInteger(set.toString().replace("-", ""), 16),
            metadata(entryUuid, patientId, t),
            Optional.empty());
    List<String> known = dmp.storeAll(List.of(new DmpStore.StoredDocument(d, cda)));
    return known.isEmpty() ? "TRANSMIS" : "DEJA_PRESENT";
  }

  /**
   * A minimal ExtrinsicObject for ITI-18 (IHE XDS.b scheme UUIDs, written here too on purpose: the
   * sandbox plays the other side), with what the DP was given; by a DOM, so the pharmacy's title
   * and codes read back as sent.
   */
  private static String metadata(String entryUuid, String patientId, TransmissionDMP t) {
    return new ExtrinsicObjectBuilder(entryUuid, "text/xml")
        .name(t.getTitre())
        .classification(
            "a",
            "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a",
            t.getClassCode(),
            Optional.empty())
        .classification(
            "b", "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983", t.getTypeCode(), Optional.empty())
        .classification(
            "c",
            "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d",
            t.getFormatCode(),
            Optional.empty())
        .externalId(
            "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",
            patientId,
            "XDSDocumentEntry.patientId")
        .externalId(
            "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab",
            t.getUniqueId(),
            "XDSDocumentEntry.uniqueId")
        .xml();
  }

  private static String sha1(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
