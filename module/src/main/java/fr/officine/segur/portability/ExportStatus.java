package fr.officine.segur.portability;

/** Where an export stands; the French text is what the counter page shows. */
enum ExportStatus {
  RUNNING("Export en cours"),
  DONE("Archive prête à télécharger"),
  FAILED("Échec de l'export"),
  /** The archive was deleted once its retention was over (segur.export.retention). */
  EXPIRED("Archive supprimée (délai de conservation passé) : relancez un export");

  private final String label;

  ExportStatus(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
