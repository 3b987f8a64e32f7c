package fr.officine.segur.portability;

import java.util.stream.Collectors;

/**
 * {@code README.txt} inside every archive: what each file holds and its fields, written from the
 * same list as the files themselves ({@link ExportedFile}), so the archive explains itself to
 * whoever opens it (the pharmacy, the next software vendor) without this module.
 */
final class ExportReadme {
  static final String NAME = "README.txt";

  private ExportReadme() {}

  static String text() {
    StringBuilder b = new StringBuilder();
    b.append("Export des données de la pharmacie (officine-segur), format ")
        .append(ExportedFile.FORMAT_VERSION)
        .append("\n\n")
        .append(
            "manifest.json : chaque fichier de l'archive, sa taille et son empreinte SHA-256.\n")
        .append("Fichiers .jsonl : une ligne JSON par enregistrement, UTF-8 ; dates AAAA-MM-JJ,\n")
        .append("horodatages ISO-8601 en UTC ; null = valeur absente.\n\n");
    for (ExportedFile f : ExportedFile.values()) {
      b.append(f.fileName())
          .append(" : ")
          .append(f.description())
          .append("\n  champs : ")
          .append(
              f.columns().stream()
                  .map(c -> c.name() + " (" + c.type().name().toLowerCase() + ")")
                  .collect(Collectors.joining(", ")))
          .append("\n");
    }
    return b.toString();
  }
}
