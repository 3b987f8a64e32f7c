package fr.officine.segur.prescription;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.prescription.Prescription.Execution;
import fr.officine.segur.prescription.Prescription.Line;
import fr.officine.segur.prescription.Prescription.Patient;
import fr.officine.segur.prescription.Prescription.Prescriber;
import fr.officine.segur.prescription.Prescription.Product;
import fr.officine.segur.prescription.soap.ContexteLPS;
import fr.officine.segur.prescription.soap.EPrescription;
import fr.officine.segur.prescription.soap.LignePrescription;
import fr.officine.segur.prescription.soap.MotifNonDelivrance;
import fr.officine.segur.prescription.soap.Produit;
import fr.officine.segur.prescription.soap.StatutPrescription;
import fr.officine.segur.prescription.soap.TransmettreExecutionEPrescription;
import fr.officine.segur.prescription.soap.TransmettreExecutionEPrescriptionReponse;
import fr.officine.segur.trust.CallerContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.GregorianCalendar;
import java.util.List;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** The anti-corruption layer: SOAP types of the stand-in WSDL in, module records out (and back). */
final class SoapTranslation {
  /** CIP13 code system (ANS): what a product code is when the base does not say. */
  static final String CIP13_SYSTEM = "1.2.250.1.213.2.3.2";

  private static final DatatypeFactory XML_DATES = DatatypeFactory.newDefaultInstance();

  private SoapTranslation() {}

  static PrescriptionStatus status(StatutPrescription statut) {
    return switch (statut) {
      case OUVERTE -> PrescriptionStatus.OPEN;
      case PARTIELLE -> PrescriptionStatus.PARTIAL;
      case CLOTUREE -> PrescriptionStatus.COMPLETE;
      case EXPIREE -> PrescriptionStatus.EXPIRED;
    };
  }

  static Prescription prescription(EPrescription p) {
    return new Prescription(
        PrescriptionNumber.of(p.getNumero()),
        status(p.getStatut()),
        date(p.getDatePrescription()),
        date(p.getDateLimitePremiereDelivrance()),
        new Prescriber(
            p.getPrescripteur().getRpps(),
            p.getPrescripteur().getNom(),
            p.getPrescripteur().getPrenom(),
            p.getPrescripteur().getSpecialite()),
        new Patient(
            p.getPatient().getIns(),
            p.getPatient().getOidIns(),
            p.getPatient().getNomNaissance(),
            p.getPatient().getPrenom(),
            date(p.getPatient().getDateNaissance()),
            p.getPatient().getSexe()),
        p.getLigne().stream().map(SoapTranslation::line).toList());
  }

  private static Line line(LignePrescription l) {
    return new Line(
        l.getIdLigne(),
        product(l.getProduit()),
        l.getPosologie(),
        l.getQuantitePrescrite(),
        l.getRenouvellements(),
        l.getQuantiteTotale(),
        l.getQuantiteDelivree(),
        l.getQuantiteRestante(),
        l.getQuantiteDelivrableMaintenant(),
        l.isSubstituable(),
        l.isStupefiant(),
        l.isMentionManuscrite(),
        l.getExecution().stream()
            .map(
                e ->
                    new Execution(
                        e.getIdExecution(),
                        e.getFiness(),
                        e.getNomPharmacie(),
                        e.getRppsPharmacien(),
                        dateTime(e.getDateExecution()),
                        e.getQuantite(),
                        e.getCodeCompletude() == null ? null : e.getCodeCompletude().value(),
                        e.getProduitDelivre() == null ? null : product(e.getProduitDelivre()),
                        e.getMotifNonDelivrance() == null
                            ? null
                            : e.getMotifNonDelivrance().value()))
            .toList(),
        l.getDureeTraitementJours(),
        l.getFractionnementJours());
  }

  static Product product(Produit p) {
    return new Product(p.getCode(), p.getSystemeCode(), p.getLibelle());
  }

  static Produit produit(Product p) {
    Produit produit = new Produit();
    produit.setCode(p.code());
    produit.setSystemeCode(
        p.codeSystem() == null && p.code() != null ? CIP13_SYSTEM : p.codeSystem());
    produit.setLibelle(p.label());
    return produit;
  }

  static TransmettreExecutionEPrescription execution(ExecutionOrder order) {
    TransmettreExecutionEPrescription t = new TransmettreExecutionEPrescription();
    t.setIdExecution(order.executionId().toString());
    t.setNumero(order.number().value());
    t.setDateExecution(dateTime(order.executedAt()));
    for (ExecutionOrder.ExecutedLine line : order.lines()) {
      TransmettreExecutionEPrescription.LigneExecutee l =
          new TransmettreExecutionEPrescription.LigneExecutee();
      l.setIdLigne(line.lineId());
      l.setQuantite(line.quantity());
      line.deliveredProduct().map(SoapTranslation::produit).ifPresent(l::setProduitDelivre);
      line.notDeliveredReason()
          .map(r -> MotifNonDelivrance.fromValue(r.name()))
          .ifPresent(l::setMotifNonDelivrance);
      t.getLigneExecutee().add(l);
    }
    for (ExecutionOrder.HandwrittenItem item : order.handwritten()) {
      TransmettreExecutionEPrescription.MentionManuscrite m =
          new TransmettreExecutionEPrescription.MentionManuscrite();
      m.setProduit(produit(item.product()));
      m.setQuantite(item.quantity());
      t.getMentionManuscrite().add(m);
    }
    return t;
  }

  static ExecutionOutcome outcome(TransmettreExecutionEPrescriptionReponse r) {
    List<ExecutionOutcome.AcceptedLine> accepted =
        r.getLigneAcceptee().stream()
            .map(
                a ->
                    new ExecutionOutcome.AcceptedLine(
                        a.getIdLigne(),
                        a.getQuantite(),
                        a.getCodeCompletude() == null ? null : a.getCodeCompletude().value(),
                        a.getQuantiteRestante()))
            .toList();
    return new ExecutionOutcome(
        r.getIdExecution(), r.isDejaEnregistree(), accepted, prescription(r.getPrescription()));
  }

  static ContexteLPS context(CallerContext caller) {
    ContexteLPS c = new ContexteLPS();
    c.setIdLogiciel("officine-segur");
    c.setNomLogiciel("officine-segur module");
    c.setVersionLogiciel(
        SoapTranslation.class.getPackage().getImplementationVersion() == null
            ? "dev"
            : SoapTranslation.class.getPackage().getImplementationVersion());
    c.setInstance("officine-segur-module");
    c.setFiness(caller.pharmacyFiness());
    c.setNomStructure(caller.pharmacyName());
    caller.rpps().ifPresent(c::setRppsPS);
    c.setNomPS(caller.professionalName());
    return c;
  }

  static LocalDate date(XMLGregorianCalendar c) {
    return c == null ? null : LocalDate.of(c.getYear(), c.getMonth(), c.getDay());
  }

  static OffsetDateTime dateTime(XMLGregorianCalendar c) {
    return c == null ? null : c.toGregorianCalendar().toZonedDateTime().toOffsetDateTime();
  }

  static XMLGregorianCalendar dateTime(OffsetDateTime t) {
    return XML_DATES.newXMLGregorianCalendar(GregorianCalendar.from(t.toZonedDateTime()));
  }
}
