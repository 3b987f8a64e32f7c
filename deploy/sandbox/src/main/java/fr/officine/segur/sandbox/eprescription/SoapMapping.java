package fr.officine.segur.sandbox.eprescription;

import fr.officine.segur.sandbox.eprescription.soap.CodeCompletude;
import fr.officine.segur.sandbox.eprescription.soap.EPrescription;
import fr.officine.segur.sandbox.eprescription.soap.Execution;
import fr.officine.segur.sandbox.eprescription.soap.LignePrescription;
import fr.officine.segur.sandbox.eprescription.soap.MotifNonDelivrance;
import fr.officine.segur.sandbox.eprescription.soap.Prescripteur;
import fr.officine.segur.sandbox.eprescription.soap.Produit;
import fr.officine.segur.sandbox.eprescription.soap.StatutPrescription;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescriptionReponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** Translation between the wire types of the stand-in WSDL and the base's own records. */
final class SoapMapping {
  private final DatatypeFactory datatypes;
  private final ZoneId zone;

  SoapMapping(ZoneId zone) {
    this.zone = zone;
    // The JDK's built-in factory: stateless, so one instance serves every worker thread.
    this.datatypes = DatatypeFactory.newDefaultInstance();
  }

  // ------------------------------------------------------------ wire -> base

  ExecutionRequest executionRequest(TransmettreExecutionEPrescription in) {
    return new ExecutionRequest(
        in.getIdExecution(),
        in.getNumero(),
        in.getDateExecution() == null ? null : dateTime(in.getDateExecution()),
        in.getLigneExecutee().stream()
            .map(
                l ->
                    new ExecutionRequest.ExecutedLine(
                        l.getIdLigne(),
                        l.getQuantite(),
                        l.getProduitDelivre() == null ? null : product(l.getProduitDelivre()),
                        l.getMotifNonDelivrance() == null
                            ? null
                            : l.getMotifNonDelivrance().value()))
            .toList(),
        in.getMentionManuscrite().stream()
            .map(
                m ->
                    new ExecutionRequest.HandwrittenLine(
                        m.getProduit() == null ? null : product(m.getProduit()), m.getQuantite()))
            .toList());
  }

  Product product(Produit p) {
    return new Product(
        p.getCode(), p.getSystemeCode(), p.getLibelle() == null ? "" : p.getLibelle());
  }

  OffsetDateTime dateTime(XMLGregorianCalendar c) {
    if (c.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
      // A local time without offset is read in the sandbox's zone (metropolitan France).
      return c.toGregorianCalendar(java.util.TimeZone.getTimeZone(zone), null, null)
          .toZonedDateTime()
          .toOffsetDateTime();
    }
    return c.toGregorianCalendar().toZonedDateTime().toOffsetDateTime();
  }

  LocalDate date(XMLGregorianCalendar c) {
    return LocalDate.of(c.getYear(), c.getMonth(), c.getDay());
  }

  // ------------------------------------------------------------ base -> wire

  EPrescription prescription(Prescription p, LocalDate today) {
    EPrescription out = new EPrescription();
    out.setNumero(p.number());
    out.setStatut(StatutPrescription.fromValue(p.status(today).name()));
    out.setDatePrescription(xmlDate(p.prescribedOn()));
    out.setDateLimitePremiereDelivrance(xmlDate(p.firstDeliveryDeadline()));
    Prescripteur prescripteur = new Prescripteur();
    prescripteur.setRpps(p.prescriber().rpps());
    prescripteur.setNom(p.prescriber().lastName());
    prescripteur.setPrenom(p.prescriber().firstName());
    prescripteur.setSpecialite(p.prescriber().specialty());
    prescripteur.setStructure(p.prescriber().structure());
    out.setPrescripteur(prescripteur);
    var patient = new fr.officine.segur.sandbox.eprescription.soap.Patient();
    patient.setIns(p.patient().ins());
    patient.setOidIns(p.patient().oid());
    patient.setNomNaissance(p.patient().birthName());
    patient.setPrenom(p.patient().firstName());
    patient.setDateNaissance(xmlDate(p.patient().birthDate()));
    patient.setSexe(p.patient().sex());
    out.setPatient(patient);
    for (PrescriptionLine line : p.lines()) {
      out.getLigne().add(line(line));
    }
    return out;
  }

  private LignePrescription line(PrescriptionLine line) {
    LignePrescription out = new LignePrescription();
    out.setIdLigne(line.lineId());
    out.setProduit(produit(line.product()));
    out.setPosologie(line.posology());
    out.setQuantitePrescrite(line.quantityPerPeriod());
    out.setRenouvellements(line.renewals());
    out.setQuantiteTotale(line.totalQuantity());
    out.setQuantiteDelivree(line.deliveredQuantity());
    out.setQuantiteRestante(line.remainingQuantity());
    out.setQuantiteDelivrableMaintenant(line.deliverableNow());
    out.setSubstituable(line.substitutable());
    out.setStupefiant(line.narcotic());
    out.setDureeTraitementJours(line.treatmentDays());
    out.setFractionnementJours(line.fractionDays());
    out.setMentionManuscrite(line.handwritten());
    for (Delivery d : line.deliveries()) {
      Execution e = new Execution();
      e.setIdExecution(d.executionId());
      e.setFiness(d.pharmacy().finess());
      e.setNomPharmacie(d.pharmacy().structureName());
      e.setRppsPharmacien(d.pharmacy().rpps());
      e.setDateExecution(xmlDateTime(d.executedAt()));
      e.setQuantite(d.quantity());
      d.completenessCode().ifPresent(code -> e.setCodeCompletude(CodeCompletude.fromValue(code)));
      d.substitute().ifPresent(s -> e.setProduitDelivre(produit(s)));
      d.reason().ifPresent(r -> e.setMotifNonDelivrance(MotifNonDelivrance.fromValue(r)));
      out.getExecution().add(e);
    }
    return out;
  }

  TransmettreExecutionEPrescriptionReponse executionResponse(
      ExecutionOutcome outcome, LocalDate today) {
    TransmettreExecutionEPrescriptionReponse out = new TransmettreExecutionEPrescriptionReponse();
    out.setIdExecution(outcome.executionId());
    out.setDejaEnregistree(outcome.alreadyRecorded());
    for (ExecutionOutcome.AcceptedLine a : outcome.accepted()) {
      var line = new TransmettreExecutionEPrescriptionReponse.LigneAcceptee();
      line.setIdLigne(a.lineId());
      line.setQuantite(a.quantity());
      if (a.completeness() != null) {
        line.setCodeCompletude(CodeCompletude.fromValue(a.completeness()));
      }
      line.setQuantiteRestante(a.remaining());
      out.getLigneAcceptee().add(line);
    }
    out.setPrescription(prescription(outcome.prescription(), today));
    return out;
  }

  Produit produit(Product p) {
    Produit out = new Produit();
    out.setCode(p.code());
    out.setSystemeCode(p.codeSystem());
    out.setLibelle(p.label());
    return out;
  }

  XMLGregorianCalendar xmlDate(LocalDate d) {
    return datatypes.newXMLGregorianCalendarDate(
        d.getYear(), d.getMonthValue(), d.getDayOfMonth(), DatatypeConstants.FIELD_UNDEFINED);
  }

  XMLGregorianCalendar xmlDateTime(OffsetDateTime t) {
    return datatypes.newXMLGregorianCalendar(GregorianCalendar.from(t.toZonedDateTime()));
  }
}
