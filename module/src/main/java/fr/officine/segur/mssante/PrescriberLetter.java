package fr.officine.segur.mssante;

import fr.officine.segur.dispensation.Dispensation;
import fr.officine.segur.dmp.document.StoredDocument;
import fr.officine.segur.text.FrenchWords;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the prescriber reads: a French subject and body saying what the pharmacy changed to the
 * prescription (substitution, line not delivered, smaller quantity) and naming the attached
 * document. Patient identity in the body only, as the receiving software reads it from
 * METADATA.XML.
 */
public record PrescriberLetter(String subject, String body) {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);
  private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  public static PrescriberLetter of(
      Dispensation d, StoredDocument doc, DocumentPrescriber prescriber) {
    String day = DAY.format(d.createdAt().atZoneSameInstant(FRANCE));
    List<String> changes = changes(d);
    StringBuilder body = new StringBuilder();
    body.append("Bonjour Docteur ")
        .append(prescriber.givenName())
        .append(' ')
        .append(prescriber.familyName())
        .append(",\r\n\r\n");
    body.append(d.pharmacyName())
        .append(" a délivré le ")
        .append(day)
        .append(" votre ordonnance n° ")
        .append(d.prescriptionNumber().value())
        .append(" pour ")
        .append(patient(doc))
        .append('.');
    if (changes.isEmpty()) {
      body.append("\r\n");
    } else {
      body.append(changes.size() == 1 ? " Une modification :" : " Modifications :").append("\r\n");
      changes.forEach(c -> body.append("  - ").append(c).append("\r\n"));
    }
    body.append(
            "\r\nLe document de dispensation est joint : IHE_XDM.ZIP (document CDA et ses métadonnées,")
        .append(" à intégrer dans votre logiciel) et sa version PDF.\r\n\r\n");
    body.append(d.pharmacistName()).append("\r\n").append(d.pharmacyName()).append("\r\n");
    String subject =
        "Dispensation "
            + (changes.isEmpty() ? "" : "modifiée ")
            + "— ordonnance n° "
            + d.prescriptionNumber().value()
            + " du "
            + day;
    return new PrescriberLetter(subject, body.toString());
  }

  /** The lines where what was delivered differs from what was prescribed. */
  static List<String> changes(Dispensation d) {
    List<String> out = new ArrayList<>();
    for (Dispensation.Line line : d.lines()) {
      if (line.notDeliveredReason().isPresent()) {
        out.add(
            "ligne "
                + line.lineId()
                + " : non délivrée ("
                + line.notDeliveredReason().get().label()
                + ")");
      } else if (line.deliveredProduct().isPresent()) {
        out.add(
            "ligne "
                + line.lineId()
                + " : substituée par "
                + FrenchWords.boxesOf(line.quantity(), line.deliveredProduct().get().label())
                + " (CIP "
                + line.deliveredProduct().get().code()
                + ")");
      } else if (line.quantity() == 0) {
        out.add("ligne " + line.lineId() + " : non délivrée");
      } else if (line.accepted().filter(a -> a.remainingQuantity() > 0).isPresent()) {
        out.add(
            "ligne "
                + line.lineId()
                + " : délivrance partielle, "
                + FrenchWords.boxes(line.quantity())
                + " (reste "
                + FrenchWords.boxes(line.accepted().get().remainingQuantity())
                + ")");
      }
    }
    return out;
  }

  /** "ADRUN ZOE, née le 31/12/1975" from the entry's sourcePatientInfo (PID-5, PID-7, PID-8). */
  private static String patient(StoredDocument doc) {
    String name = doc.metadata().sourcePatientName().replaceFirst("^PID-5\\|", "");
    String[] parts = name.split("\\^", -1);
    String who = (parts.length > 1 ? parts[0] + " " + parts[1] : parts[0]).strip();
    String born = doc.metadata().sourcePatientBirthDate().replaceFirst("^PID-7\\|", "");
    String sex = doc.metadata().sourcePatientSex().replaceFirst("^PID-8\\|", "");
    try {
      LocalDate birth = LocalDate.parse(born, DateTimeFormatter.BASIC_ISO_DATE);
      return who + ", " + ("F".equals(sex) ? "née" : "né") + " le " + DAY.format(birth);
    } catch (RuntimeException e) {
      return who;
    }
  }
}
