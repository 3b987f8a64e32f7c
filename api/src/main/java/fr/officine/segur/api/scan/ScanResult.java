package fr.officine.segur.api.scan;

/** {@code POST /api/v1/scans} answer: what the scanned code is. */
public record ScanResult(String kind, String prescriptionNumber) {
  public static final String E_PRESCRIPTION = "E_PRESCRIPTION";
}
