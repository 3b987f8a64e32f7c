package fr.officine.segur.dmp.document;

import fr.officine.segur.dmp.document.DocumentEntryMetadata.Code;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * {@link DocumentEntryMetadata} as stored beside the document ("key=value" lines): the metadata is
 * computed once with the document and every resend reads it back, so a retry never recomputes a
 * creation time or a hash.
 */
public final class MetadataText {
  private MetadataText() {}

  public static String write(DocumentEntryMetadata m) {
    Properties p = new Properties();
    p.setProperty("uniqueId", m.uniqueId());
    p.setProperty("mimeType", m.mimeType());
    p.setProperty("hash", m.hashSha1());
    p.setProperty("size", Long.toString(m.size()));
    p.setProperty("title", m.title());
    p.setProperty("languageCode", m.languageCode());
    p.setProperty("creationTime", m.creationTime());
    p.setProperty("serviceStartTime", m.serviceStartTime());
    m.serviceStopTime().ifPresent(t -> p.setProperty("serviceStopTime", t));
    code(p, "classCode", m.classCode());
    code(p, "typeCode", m.typeCode());
    code(p, "formatCode", m.formatCode());
    code(p, "healthcareFacilityTypeCode", m.healthcareFacilityTypeCode());
    code(p, "practiceSettingCode", m.practiceSettingCode());
    code(p, "confidentialityCode", m.confidentialityCode());
    m.patientId().ifPresent(id -> p.setProperty("patientId", id));
    p.setProperty("sourcePatientName", m.sourcePatientName());
    p.setProperty("sourcePatientBirthDate", m.sourcePatientBirthDate());
    p.setProperty("sourcePatientSex", m.sourcePatientSex());
    p.setProperty("authorPerson", m.authorPerson());
    p.setProperty("authorInstitution", m.authorInstitution());
    code(p, "authorSpecialty", m.authorSpecialty());
    m.authorRole().ifPresent(r -> p.setProperty("authorRole", r));
    p.setProperty("legalAuthenticator", m.legalAuthenticator());
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static DocumentEntryMetadata read(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DocumentEntryMetadata(
        get(p, "uniqueId"),
        get(p, "mimeType"),
        get(p, "hash"),
        Long.parseLong(get(p, "size")),
        get(p, "title"),
        get(p, "languageCode"),
        get(p, "creationTime"),
        get(p, "serviceStartTime"),
        Optional.ofNullable(p.getProperty("serviceStopTime")),
        code(p, "classCode"),
        code(p, "typeCode"),
        code(p, "formatCode"),
        code(p, "healthcareFacilityTypeCode"),
        code(p, "practiceSettingCode"),
        code(p, "confidentialityCode"),
        Optional.ofNullable(p.getProperty("patientId")),
        get(p, "sourcePatientName"),
        get(p, "sourcePatientBirthDate"),
        get(p, "sourcePatientSex"),
        get(p, "authorPerson"),
        get(p, "authorInstitution"),
        code(p, "authorSpecialty"),
        Optional.ofNullable(p.getProperty("authorRole")),
        get(p, "legalAuthenticator"));
  }

  private static void code(Properties p, String name, Code c) {
    p.setProperty(name + ".code", c.code());
    p.setProperty(name + ".scheme", c.codingScheme());
    p.setProperty(name + ".display", c.displayName());
  }

  private static Code code(Properties p, String name) {
    return new Code(get(p, name + ".code"), get(p, name + ".scheme"), get(p, name + ".display"));
  }

  private static String get(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalStateException("stored XDS metadata without " + key);
    }
    return v;
  }
}
