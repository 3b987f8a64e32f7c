package fr.officine.segur.sandbox.dp;

import fr.officine.segur.sandbox.dp.soap.Alerte;
import fr.officine.segur.sandbox.dp.soap.AlimenterDP;
import fr.officine.segur.sandbox.dp.soap.AlimenterDPReponse;
import fr.officine.segur.sandbox.dp.soap.ConsulterDP;
import fr.officine.segur.sandbox.dp.soap.ConsulterDPReponse;
import fr.officine.segur.sandbox.dp.soap.ContexteLPS;
import fr.officine.segur.sandbox.dp.soap.Dispensation;
import fr.officine.segur.sandbox.dp.soap.DossierPharmaceutiquePort;
import fr.officine.segur.sandbox.dp.soap.ErreurDP;
import fr.officine.segur.sandbox.dp.soap.ErreurDP_Exception;
import fr.officine.segur.sandbox.dp.soap.IdentifiantPatient;
import fr.officine.segur.sandbox.dp.soap.Pharmacie;
import fr.officine.segur.sandbox.dp.soap.Produit;
import fr.officine.segur.sandbox.dp.soap.TypeAlerte;
import fr.officine.segur.sandbox.faults.FaultMode;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.ids.Identifiers;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * The SOAP face of the DP stub, WSDL-first (module/src/main/resources/wsdl/dp/dp.wsdl, a stand-in):
 * consult (history, product reference, alerts) and record (idempotent on idDispensation, optional
 * forwarding to the DMP). Refusals are {@code erreurDP} faults with a DP_* code.
 */
@WebService(
    endpointInterface = "fr.officine.segur.sandbox.dp.soap.DossierPharmaceutiquePort",
    wsdlLocation = "/wsdl/dp/dp.wsdl",
    serviceName = "DossierPharmaceutiqueService",
    portName = "DossierPharmaceutiquePort",
    targetNamespace = "urn:officine-segur:stand-in:dp:v1")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class DpEndpoint implements DossierPharmaceutiquePort {
  private final DpStore store;
  private final DpSeeds seeds;
  private final DmpForwarding dmp;
  private final FaultModes faults;
  private final DatatypeFactory xml;

  DpEndpoint(DpStore store, DpSeeds seeds, DmpForwarding dmp, FaultModes faults) {
    this.store = store;
    this.seeds = seeds;
    this.dmp = dmp;
    this.faults = faults;
    this.xml = DatatypeFactory.newDefaultInstance();
  }

  @Override
  public ConsulterDPReponse consulterDP(ConsulterDP parameters, ContexteLPS contexte)
      throws ErreurDP_Exception {
    checkService(contexte);
    DpPatient patient = openDp(parameters.getPatient());
    int months = parameters.getMoisHistorique();
    if (months < 1 || months > 36) {
      throw fault("DP_REQUETE_INVALIDE", "moisHistorique : de 1 à 36 mois.", null);
    }
    ConsulterDPReponse out = new ConsulterDPReponse();
    List<DpLine> history =
        store.history(patient.ins(), OffsetDateTime.now(store.clock()).minusMonths(months));
    Set<String> concerned = new HashSet<>(parameters.getCip13Envisage());
    for (DpLine l : history) {
      concerned.add(l.cip13());
      Dispensation d = new Dispensation();
      d.setIdDispensation(l.dispensationId());
      d.setDate(
          xml.newXMLGregorianCalendar(GregorianCalendar.from(l.deliveredAt().toZonedDateTime())));
      Pharmacie p = new Pharmacie();
      p.setFiness(l.finess());
      p.setNom(l.pharmacy());
      d.setPharmacie(p);
      d.setProduit(product(l.cip13(), l.label(), l.atc()));
      d.setQuantite(l.quantity());
      d.setLot(l.lot().orElse(null));
      out.getDispensation().add(d);
    }
    for (String cip : new java.util.TreeSet<>(parameters.getCip13Envisage())) {
      DpProducts.byCip13(cip)
          .ifPresent(
              r ->
                  out.getReferenceProduit()
                      .add(product(r.cip13(), r.label(), Optional.of(r.atc()))));
    }
    for (DpSeeds.Alert a : seeds.alerts()) {
      if (!concerned.contains(a.cip13())) {
        continue;
      }
      Alerte alerte = new Alerte();
      alerte.setType(TypeAlerte.valueOf(a.type()));
      DpProducts.Reference r = DpProducts.byCip13(a.cip13()).orElseThrow();
      alerte.setProduit(product(r.cip13(), r.label(), Optional.of(r.atc())));
      alerte.setLot(a.lot().orElse(null));
      alerte.setDepuis(date(a.since()));
      alerte.setMessage(a.message());
      out.getAlerte().add(alerte);
    }
    return out;
  }

  @Override
  public AlimenterDPReponse alimenterDP(AlimenterDP parameters, ContexteLPS contexte)
      throws ErreurDP_Exception {
    checkService(contexte);
    String id = parameters.getIdDispensation();
    if (id == null || id.isBlank() || id.length() > 64) {
      throw fault("DP_REQUETE_INVALIDE", "idDispensation manquant ou trop long.", null);
    }
    DpPatient patient = openDp(parameters.getPatient());
    Optional<DpStore.Recorded> already = store.recorded(id);
    if (already.isPresent()) {
      return answer("DEJA_ENREGISTREE", already.get().lines(), already.get().dmpStatus());
    }
    List<EdispLines.Line> lines;
    try {
      lines = EdispLines.read(parameters.getDocumentEdisp());
    } catch (IllegalArgumentException e) {
      throw fault("DP_REQUETE_INVALIDE", e.getMessage(), null);
    }
    for (EdispLines.Line l : lines) {
      if (patient.refusedCip13().contains(l.cip13())) {
        throw fault(
            "DP_REFUS_PRODUIT",
            "Le patient a refusé que "
                + l.label()
                + " soit inscrit dans son Dossier Pharmaceutique.",
            l.cip13());
      }
    }
    // forwarded before the local record: a crash between the two is healed by the resend, which
    // finds the document already in the DMP (same uniqueId) and records here
    Optional<String> dmpStatus =
        Optional.ofNullable(parameters.getTransmissionDMP())
            .map(t -> dmp.forward(patient.ins(), t, parameters.getDocumentEdisp()));
    OffsetDateTime now = OffsetDateTime.now(store.clock());
    List<DpLine> toStore = new ArrayList<>();
    for (EdispLines.Line l : lines) {
      toStore.add(
          new DpLine(
              id,
              now,
              contexte.getFiness(),
              contexte.getNomStructure(),
              l.cip13(),
              l.label(),
              DpProducts.byCip13(l.cip13()).map(DpProducts.Reference::atc),
              l.quantity(),
              l.lot()));
    }
    if (!store.record(id, patient.ins(), toStore, dmpStatus)) {
      DpStore.Recorded r = store.recorded(id).orElseThrow();
      return answer("DEJA_ENREGISTREE", r.lines(), r.dmpStatus());
    }
    return answer("ENREGISTREE", toStore.size(), dmpStatus);
  }

  private static AlimenterDPReponse answer(String status, int lines, Optional<String> dmpStatus) {
    AlimenterDPReponse out = new AlimenterDPReponse();
    out.setStatut(status);
    out.setLignesEnregistrees(lines);
    out.setStatutDMP(dmpStatus.orElse(null));
    return out;
  }

  private void checkService(ContexteLPS contexte) throws ErreurDP_Exception {
    if (faults.of(SandboxService.DP).mode() == FaultMode.Mode.ERROR) {
      throw fault(
          "DP_SERVICE_INDISPONIBLE",
          "Le Dossier Pharmaceutique est momentanément indisponible.",
          null);
    }
    if (contexte == null
        || contexte.getFiness() == null
        || !contexte.getFiness().matches("\\d{9}")
        || contexte.getNomStructure() == null
        || contexte.getNomStructure().isBlank()) {
      throw fault(
          "DP_CONTEXTE_INVALIDE",
          "ContexteLPS : FINESS (9 chiffres) et nom de la structure attendus.",
          null);
    }
  }

  /** The patient, whose DP must be open and accessible. */
  private DpPatient openDp(IdentifiantPatient id) throws ErreurDP_Exception {
    Optional<DpPatient> patient;
    if (id == null) {
      throw fault("DP_REQUETE_INVALIDE", "Patient non identifié.", null);
    } else if (id.getIns() != null) {
      if (!Identifiers.isIns(id.getIns())) {
        throw fault("DP_REQUETE_INVALIDE", "INS invalide (15 caractères, clé de contrôle).", null);
      }
      patient = store.byIns(id.getIns());
    } else if (id.getCarteVitale() != null) {
      var cv = id.getCarteVitale();
      if (cv.getNir() == null || cv.getDateNaissance() == null) {
        throw fault(
            "DP_REQUETE_INVALIDE", "Carte Vitale : NIR, rang et date de naissance attendus.", null);
      }
      XMLGregorianCalendar b = cv.getDateNaissance();
      patient =
          store.byCarteVitale(
              cv.getNir(), cv.getRang(), LocalDate.of(b.getYear(), b.getMonth(), b.getDay()));
    } else {
      throw fault("DP_REQUETE_INVALIDE", "Patient non identifié (INS ou carte Vitale).", null);
    }
    if (patient.isEmpty()) {
      throw fault("DP_PATIENT_INCONNU", "Patient inconnu du Dossier Pharmaceutique.", null);
    }
    return switch (patient.get().status()) {
      case AUCUN ->
          throw fault("DP_INEXISTANT", "Le patient n'a pas de Dossier Pharmaceutique.", null);
      case FERME ->
          throw fault("DP_FERME", "Le Dossier Pharmaceutique du patient est fermé.", null);
      case REFUS_ACCES ->
          throw fault(
              "DP_REFUS_ACCES", "Le patient a refusé l'accès à son Dossier Pharmaceutique.", null);
      case ACTIF -> patient.get();
    };
  }

  private static Produit product(String cip13, String label, Optional<String> atc) {
    Produit p = new Produit();
    p.setCip13(cip13);
    p.setLibelle(label);
    p.setAtc(atc.orElse(null));
    return p;
  }

  private XMLGregorianCalendar date(LocalDate d) {
    return xml.newXMLGregorianCalendarDate(
        d.getYear(),
        d.getMonthValue(),
        d.getDayOfMonth(),
        javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED);
  }

  static ErreurDP_Exception fault(String code, String message, String cip13) {
    ErreurDP e = new ErreurDP();
    e.setCode(code);
    e.setMessage(message);
    e.setCip13(cip13);
    return new ErreurDP_Exception(code + " : " + message, e);
  }
}
