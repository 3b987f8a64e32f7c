package fr.officine.segur.sandbox.seed;

import fr.officine.segur.sandbox.eprescription.Patient;
import fr.officine.segur.sandbox.eprescription.Pharmacy;
import fr.officine.segur.sandbox.eprescription.Prescriber;
import java.time.LocalDate;
import java.util.List;

/**
 * The sandbox's patients, prescribers and the other pharmacy.
 *
 * <p>Patients are the public INSi qualification identities (shared/DOMAIN-FACTS.md §3.4), with the
 * OID the qualification service returns for them, 1.2.250.1.213.1.4.8 (INS-NIR), so that the
 * sandbox's future INSi answers and these prescriptions agree. HERMANN GATIEN is left out: the
 * published key 60 of 1810363220456 fails the 97 - (n mod 97) rule (the key would be 76), and the
 * module rightly refuses such an INS.
 */
public final class SampleParties {
  public static final String INS_NIR_OID = "1.2.250.1.213.1.4.8";

  public static final Patient ADRUN_ZOE =
      new Patient("275126322074974", INS_NIR_OID, "ADRUN", "ZOE", LocalDate.of(1975, 12, 31), "F");
  public static final Patient CORSE_ANTHONY =
      new Patient(
          "180032B02040123", INS_NIR_OID, "CORSE", "ANTHONY", LocalDate.of(1980, 3, 2), "M");
  public static final Patient ECETINSI_PIERRE_ALAIN =
      new Patient(
          "109076322083489",
          INS_NIR_OID,
          "ECETINSI",
          "PIERRE-ALAIN",
          LocalDate.of(2009, 7, 14),
          "M");
  public static final Patient NESSI_MICHELANGELO =
      new Patient(
          "110086322083060", INS_NIR_OID, "NESSI", "MICHELANGELO", LocalDate.of(2010, 8, 7), "M");
  public static final Patient TCHITCHI_CATARINA =
      new Patient(
          "236066322083656", INS_NIR_OID, "TCHITCHI", "CATARINA", LocalDate.of(1936, 6, 21), "F");

  public static final List<Patient> PATIENTS =
      List.of(
          ADRUN_ZOE, CORSE_ANTHONY, ECETINSI_PIERRE_ALAIN, NESSI_MICHELANGELO, TCHITCHI_CATARINA);

  public static final Prescriber DR_LEFEBVRE =
      new Prescriber(
          "10100000040",
          "LEFEBVRE",
          "Anne",
          "Médecine générale",
          "Cabinet médical des Brotteaux, 12 rue Bugeaud, 69006 Lyon");
  public static final Prescriber DR_GIRAUD =
      new Prescriber(
          "10100000057",
          "GIRAUD",
          "Marc",
          "Pédiatrie",
          "Cabinet de pédiatrie Bellecour, 3 place Bellecour, 69002 Lyon");
  public static final Prescriber DR_MOREAU =
      new Prescriber(
          "10100000065",
          "MOREAU",
          "Sophie",
          "Cardiologie",
          "Centre cardiologique du Parc, 40 cours Émile Zola, 69100 Villeurbanne");

  public static final List<Prescriber> PRESCRIBERS = List.of(DR_LEFEBVRE, DR_GIRAUD, DR_MOREAU);

  /** Pharmacy B of the shared reference data, with its titulaire (the module's "confrere"). */
  public static final Pharmacy PHARMACIE_DES_ARCADES =
      new Pharmacy("690100029", "Pharmacie des Arcades", "10100000032", "BERNARD Louis");

  private SampleParties() {}
}
