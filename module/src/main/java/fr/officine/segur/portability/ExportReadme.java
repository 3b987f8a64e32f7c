package fr.officine.segur.portability;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code README.txt} inside every archive: what each file holds and its fields, written from the
 * same list as the files themselves ({@link ExportedFile}), so the archive explains itself to
 * whoever opens it (the pharmacy, the next software vendor) without this module.
 */
final class ExportReadme {
  static final String NAME = "README.txt";

  private static final Map<ExportedFile, String> WHAT =
      Map.ofEntries(
          Map.entry(ExportedFile.PHARMACY, "la pharmacie (FINESS, nom, adresse)"),
          Map.entry(ExportedFile.ACCOUNTS, "les comptes de ses professionnels (sans mot de passe)"),
          Map.entry(ExportedFile.DISPENSATIONS, "les délivrances (exécutions transmises à la base ordonnance numérique)"),
          Map.entry(ExportedFile.DISPENSATION_NUMBERS, "le numéro de délivrance propre à la pharmacie"),
          Map.entry(ExportedFile.DISPENSATION_LINES, "les lignes délivrées (quantités, substitutions, lot, péremption)"),
          Map.entry(ExportedFile.HANDWRITTEN_LINES, "les mentions manuscrites délivrées"),
          Map.entry(ExportedFile.DOCUMENTS, "les documents de délivrance : CDA R2 (documents/<id>.cda.xml) et PDF (documents/<id>.pdf)"),
          Map.entry(ExportedFile.SENDS, "l'historique des envois de chaque délivrance (DMP, DP, MSSanté)"),
          Map.entry(ExportedFile.UNKNOWN_PRODUCT_DELIVERIES, "les lignes « produit inconnu de la base » et leur régularisation"),
          Map.entry(ExportedFile.IDENTITIES, "les identités INS récupérées par l'INSi et leur qualification"),
          Map.entry(ExportedFile.AUDIT, "le journal des accès (chaîné : hash = SHA-256(previous_hash || enregistrement))"));

  private ExportReadme() {}

  static String text() {
    StringBuilder b = new StringBuilder();
    b.append("Export des données de la pharmacie (officine-segur), format ")
        .append(ExportedFile.FORMAT_VERSION)
        .append("\n\n")
        .append("manifest.json : chaque fichier de l'archive, sa taille et son empreinte SHA-256.\n")
        .append("Fichiers .jsonl : une ligne JSON par enregistrement, UTF-8 ; dates AAAA-MM-JJ,\n")
        .append("horodatages ISO-8601 en UTC ; null = valeur absente.\n\n");
    for (ExportedFile f : ExportedFile.values()) {
      b.append(f.fileName())
          .append(" : ")
          .append(WHAT.get(f))
          .append("\n  champs : ")
          .append(f.columns().stream().map(c -> c.name() + " (" + c.type().name().toLowerCase() + ")").collect(Collectors.joining(", ")))
          .append("\n");
    }
    return b.toString();
  }
}
