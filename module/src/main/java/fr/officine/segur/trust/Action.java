package fr.officine.segur.trust;

import static fr.officine.segur.trust.Role.ADJOINT;
import static fr.officine.segur.trust.Role.PREPARATEUR;
import static fr.officine.segur.trust.Role.TITULAIRE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The habilitation matrix, in one place: every action of the API and the roles that may perform it.
 * A resource method says which action it performs with {@link Performs}; the server checks the role
 * against this matrix (403 FORBIDDEN otherwise) and the audit log records the call.
 *
 * <p>Pharmacists (titulaire, adjoint: profession 21 with a CNOP sous-section, DOMAIN-FACTS §2.3)
 * may do everything. The préparateur works at the counter under a pharmacist's responsibility (Code
 * de la santé publique L.4241-1): scan, consult, record, read what was dispensed, query the INSi
 * and qualify an identity (identitovigilance is everybody's job at the counter), and see the
 * patient's DMP <em>status</em> (exists, closed, opposed: one flag on the counter screen). The
 * DMP's VIHF role attribute needs profession 21 and, for a pharmacist, the CNOP sous-section: a
 * préparateur (no RPPS, no sous-section) has neither, so reading the DMP's <em>documents</em> is
 * reserved to pharmacists. He may not read the audit log, check the chain, nor act on the national
 * sends (admin actions).
 */
public enum Action {
  /** Opening a session (login + password): anybody, audited for failed attempts. */
  LOGIN("Ouvrir une session", TITULAIRE, ADJOINT, PREPARATEUR),
  SCAN("Lire une ordonnance (scan)", TITULAIRE, ADJOINT, PREPARATEUR),
  PRESCRIPTION_CONSULT("Consulter une ordonnance", TITULAIRE, ADJOINT, PREPARATEUR),
  DISPENSATION_RECORD("Enregistrer une délivrance", TITULAIRE, ADJOINT, PREPARATEUR),
  /**
   * Part of recording (no endpoint of its own): acknowledging a blocking signal of a line (lot
   * recall, narcotic secure prescription checked, overlap on the prescriber's express mention).
   */
  SAFETY_ACKNOWLEDGE(
      "Prendre acte d'un signal de sécurité d'une ligne", TITULAIRE, ADJOINT, PREPARATEUR),
  PRESENCE(
      "Signaler aux collègues une ordonnance ouverte au comptoir", TITULAIRE, ADJOINT, PREPARATEUR),
  /** The screen's live stream of its pharmacy's dispensations: ids and states, no patient data. */
  COUNTER_EVENTS(
      "Suivre en direct les délivrances de la pharmacie", TITULAIRE, ADJOINT, PREPARATEUR),
  DISPENSATION_READ("Consulter une délivrance", TITULAIRE, ADJOINT, PREPARATEUR),
  /**
   * The pharmacy's durable event feed (GET /api/v1/events, issue 15 §1): what the LGO follows. Ids
   * and codes, no patient data but the INS of an INS_QUALIFIED event: every role of the counter.
   */
  EVENTS_READ("Suivre le fil des événements de la pharmacie", TITULAIRE, ADJOINT, PREPARATEUR),
  /**
   * An in-doubt dispensation (answer of the base lost): asking the base now, or cancelling it once
   * the base confirms it never recorded it, decides what the patient got: the pharmacist's.
   */
  DISPENSATION_SETTLE(
      "Vérifier ou annuler une délivrance en attente de confirmation", TITULAIRE, ADJOINT),
  DOCUMENT_READ("Consulter le document de délivrance", TITULAIRE, ADJOINT, PREPARATEUR),
  /**
   * A secure message (MSSanté) to the prescriber about a dispensation that changed the
   * prescription: part of the delivery, by whoever delivered (the préparateur under a pharmacist's
   * responsibility).
   */
  MESSAGE_SEND(
      "Envoyer la dispensation au prescripteur (MSSanté)", TITULAIRE, ADJOINT, PREPARATEUR),
  /** The product reference (BDPM) to pick a substitute: no patient data, every role. */
  PRODUCT_SEARCH("Rechercher un produit (substitution)", TITULAIRE, ADJOINT, PREPARATEUR),
  /** Today part of the consult's answer (TD0.2 at scan); the decision is recorded here. */
  DMP_STATUS("Consulter le statut DMP du patient", TITULAIRE, ADJOINT, PREPARATEUR),
  /** No endpoint yet: reading the DMP's documents (ITI-18/43) is reserved to pharmacists. */
  DMP_DOCUMENTS("Consulter les documents du DMP", TITULAIRE, ADJOINT),
  INSI_QUERY("Interroger le téléservice INSi", TITULAIRE, ADJOINT, PREPARATEUR),
  IDENTITY_QUALIFY("Qualifier une identité (INS)", TITULAIRE, ADJOINT, PREPARATEUR),
  IDENTITY_READ("Consulter l'identité d'un patient", TITULAIRE, ADJOINT, PREPARATEUR),
  /** Lines "produit inconnu de la base" delivered and kept for reconciliation (no patient data). */
  RECONCILIATION_READ("Consulter les lignes à régulariser", TITULAIRE, ADJOINT, PREPARATEUR),
  /** Settling them is the pharmacist's (billing outside the e-prescription, note kept). */
  RECONCILIATION_RESOLVE(
      "Régulariser une ligne « produit inconnu de la base »", TITULAIRE, ADJOINT),
  OUTBOX_READ("Consulter les envois en attente", TITULAIRE, ADJOINT, PREPARATEUR),
  OUTBOX_ADMIN("Relancer ou abandonner un envoi", TITULAIRE, ADJOINT),
  /** The refused logins of the pharmacy's accounts (issue 11 §6): the pharmacists' watch. */
  LOGIN_FAILURES_READ("Consulter les connexions refusées", TITULAIRE, ADJOINT),
  /**
   * The pharmacy's data taken out or brought in (issue 15 §4, SONS portability clause): everything
   * of the pharmacy, patients included, so the titulaire's alone (the pharmacy's owner, who is the
   * data controller).
   */
  DATA_EXPORT("Exporter les données de la pharmacie", TITULAIRE),
  DATA_EXPORT_READ("Suivre un export des données de la pharmacie", TITULAIRE),
  DATA_EXPORT_DOWNLOAD("Télécharger l'archive des données de la pharmacie", TITULAIRE),
  DATA_IMPORT("Importer l'archive des données de la pharmacie", TITULAIRE),
  AUDIT_READ("Consulter le journal des accès", TITULAIRE, ADJOINT),
  AUDIT_VERIFY("Vérifier l'intégrité du journal des accès", TITULAIRE, ADJOINT);

  private final String label;
  private final Set<Role> roles;

  Action(String label, Role first, Role... others) {
    this.label = label;
    this.roles = Collections.unmodifiableSet(EnumSet.of(first, others));
  }

  /** What a pharmacist reads in a refusal (French). */
  public String label() {
    return label;
  }

  public Set<Role> roles() {
    return roles;
  }

  public boolean allows(Role role) {
    return roles.contains(role);
  }
}
