package fr.officine.segur.sandbox.seed;

import fr.officine.segur.sandbox.eprescription.Product;
import java.util.List;
import java.util.Optional;

/**
 * Products used by the seeds and to fill a prescription created without lines. DOLIPRANE 1000 mg
 * B/8 carries its real CIP13; the other codes are realistic (34009 prefix, valid EAN-13 check
 * digit) but not guaranteed to be the marketed packs' codes.
 */
public final class SampleProducts {
  public static final Product DOLIPRANE_1000 =
      Product.cip13("3400935955838", "DOLIPRANE 1000 mg cp B/8");
  public static final Product AMOXICILLINE_1G =
      Product.cip13("3400936035416", "AMOXICILLINE BIOGARAN 1 g cp dispers B/6");
  public static final Product CLAMOXYL_1G =
      Product.cip13("3400932158744", "CLAMOXYL 1 g cp dispers B/6");
  public static final Product SPASFON_LYOC =
      Product.cip13("3400930188309", "SPASFON LYOC 80 mg lyoph oral B/10");
  public static final Product ATORVASTATINE_20 =
      Product.cip13("3400937832021", "ATORVASTATINE ARROW 20 mg cp pellic B/30");
  public static final Product KARDEGIC_75 =
      Product.cip13("3400933216146", "KARDEGIC 75 mg pdre sol buv sach B/30");
  public static final Product LEVOTHYROX_75 =
      Product.cip13("3400935987525", "LEVOTHYROX 75 microgrammes cp séc B/30");
  public static final Product SKENAN_LP_30 =
      Product.cip13("3400934661211", "SKENAN LP 30 mg gél B/14");
  public static final Product OMEPRAZOLE_20 =
      Product.cip13("3400936194557", "OMEPRAZOLE ZYDUS 20 mg gél gastrorésist B/28");
  public static final Product VENTOLINE =
      Product.cip13("3400933512804", "VENTOLINE 100 microgrammes/dose susp inhal fl 200 doses");
  public static final Product AMOXICILLINE_SUSP =
      Product.cip13("3400933319625", "AMOXICILLINE SANDOZ 250 mg/5 ml pdre susp buv fl 60 ml");
  public static final Product METFORMINE_850 =
      Product.cip13("3400934248511", "METFORMINE BIOGARAN 850 mg cp pellic B/30");
  public static final Product NUROFEN_400 =
      Product.cip13("3400937582193", "NUROFEN 400 mg cp enr B/12");

  /**
   * An eye lubricant of the LPP (7-digit code of the LPP's shape, not checked against the real
   * list): the kind of product the real base does not know (DOMAIN-FACTS §1.3).
   */
  public static final Product LUBRIFIANT_OCULAIRE =
      Product.lpp(
          "1150130", "HYALURONATE DE SODIUM 0,15 % collyre lubrifiant sans conservateur fl 10 ml");

  /** A handwritten addition as a pharmacist would record it: free text, no code. */
  public static final Product SERUM_PHYSIOLOGIQUE =
      new Product(null, null, "SERUM PHYSIOLOGIQUE unidoses 5 ml B/30");

  private static final List<Product> CATALOGUE =
      List.of(
          DOLIPRANE_1000,
          AMOXICILLINE_1G,
          CLAMOXYL_1G,
          SPASFON_LYOC,
          ATORVASTATINE_20,
          KARDEGIC_75,
          LEVOTHYROX_75,
          SKENAN_LP_30,
          OMEPRAZOLE_20,
          VENTOLINE,
          AMOXICILLINE_SUSP,
          METFORMINE_850,
          NUROFEN_400);

  private SampleProducts() {}

  public static Optional<Product> byCip13(String cip13) {
    return CATALOGUE.stream().filter(p -> p.code().equals(cip13)).findFirst();
  }
}
