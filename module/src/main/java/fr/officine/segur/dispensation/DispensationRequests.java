package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DeliveredProduct;
import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.HandwrittenLineRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.dispensation.SafetyAcknowledgement;
import fr.officine.segur.api.dispensation.UnknownProductLineRequest;
import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.safety.LineAlertKind;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.scan.MedicineBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a dispensation request and the Idempotency-Key, and fingerprints the request. */
public final class DispensationRequests {
  /** 1 to 100 printable ASCII characters (a UUID, a ULID, an LGO's own counter...). */
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E][\\x20-\\x7E]{0,99}");

  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private DispensationRequests() {}

  public static String idempotencyKey(String header) {
    if (header == null || header.isEmpty()) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_KEY_REQUIRED,
          "Ajoutez l'en-tête Idempotency-Key (par exemple un UUID nouveau pour chaque délivrance).");
    }
    if (!KEY.matcher(header).matches() || header.endsWith(" ")) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_KEY_REQUIRED,
          "Idempotency-Key invalide : 1 à 100 caractères ASCII imprimables attendus.");
    }
    return header;
  }

  /** Refuses what the base must never see; the base still decides quantities and substitution. */
  public static void validate(DispensationRequest request) {
    if (request == null) {
      throw malformed("Corps attendu : {\"lines\":[…],\"handwrittenLines\":[…]}.", null);
    }
    List<LineRequest> lines = orEmpty(request.lines());
    List<HandwrittenLineRequest> handwritten = orEmpty(request.handwrittenLines());
    List<UnknownProductLineRequest> unknown = orEmpty(request.unknownProductLines());
    if (lines.isEmpty() && handwritten.isEmpty() && unknown.isEmpty()) {
      throw malformed("Aucune ligne : indiquez au moins une ligne délivrée ou non délivrée.", null);
    }
    Set<String> seen = new HashSet<>();
    for (LineRequest line : lines) {
      if (line == null || line.lineId() == null || line.lineId().isBlank()) {
        throw malformed("Une ligne n'a pas d'identifiant (lineId).", null);
      }
      String id = line.lineId();
      if (id.length() > 64) {
        throw malformed("Identifiant de ligne trop long.", null);
      }
      if (!seen.add(id)) {
        throw malformed("La ligne " + id + " figure deux fois dans la délivrance.", id);
      }
      if (line.quantity() < 0) {
        throw malformed("Quantité négative sur la ligne " + id + ".", id);
      }
      if (line.notDeliveredReason() != null) {
        NotDeliveredReason reason = reason(line.notDeliveredReason(), id);
        if (line.quantity() != 0) {
          throw malformed(
              "Motif de non-délivrance (" + reason.name() + ") avec une quantité non nulle.", id);
        }
      }
      if (line.deliveredProduct() != null) {
        product(line.deliveredProduct(), id);
      }
      box(line);
    }
    for (UnknownProductLineRequest u : unknown) {
      if (u == null || u.lineId() == null || u.lineId().isBlank() || u.lineId().length() > 64) {
        throw malformed(
            "Une ligne « produit inconnu de la base » n'a pas d'identifiant (lineId).", null);
      }
      if (!seen.add(u.lineId())) {
        throw malformed(
            "La ligne " + u.lineId() + " figure deux fois dans la délivrance.", u.lineId());
      }
      if (u.quantity() < 1) {
        throw malformed(
            "Ligne " + u.lineId() + " (produit inconnu de la base) : au moins 1 boîte délivrée.",
            u.lineId());
      }
    }
    for (SafetyAcknowledgement a : orEmpty(request.acknowledgements())) {
      if (a == null || a.lineId() == null || a.lineId().isBlank() || a.lineId().length() > 64) {
        throw malformed("Un acquittement (acknowledgements[]) n'a pas de ligne (lineId).", null);
      }
      if (Arrays.stream(LineAlertKind.values())
          .noneMatch(k -> k.acknowledgement() && k.name().equals(a.kind()))) {
        throw malformed(
            "Acquittement inconnu sur la ligne "
                + a.lineId()
                + ". Possibles : "
                + String.join(
                    ", ",
                    Arrays.stream(LineAlertKind.values())
                        .filter(LineAlertKind::acknowledgement)
                        .map(Enum::name)
                        .toList())
                + ".",
            a.lineId());
      }
    }
    for (HandwrittenLineRequest h : handwritten) {
      if (h == null || h.label() == null || h.label().isBlank()) {
        throw malformed("Une mention manuscrite n'a pas de libellé.", null);
      }
      if (h.label().length() > 300) {
        throw malformed("Libellé de mention manuscrite trop long (300 caractères au plus).", null);
      }
      cip13(h.cip13(), null);
      if (h.quantity() <= 0) {
        throw malformed("Quantité d'une mention manuscrite : au moins 1.", null);
      }
    }
  }

  /**
   * The box fields of a line, checked: lot and serial as GS1 allows them (what the DataMatrix can
   * hold, so nothing else reaches the documents), the expiry an ISO date; only on a delivered line.
   */
  public static Dispensation.Box box(LineRequest line) {
    String id = line.lineId();
    if (line.lot() == null && line.expiry() == null && line.serial() == null) {
      return Dispensation.Box.NONE;
    }
    if (line.quantity() == 0) {
      throw malformed(
          "Lot, péremption ou numéro de série sur la ligne " + id + " non délivrée.", id);
    }
    if (line.lot() != null && !MedicineBox.isGs1Field(line.lot(), MedicineBox.MAX_LOT)) {
      throw malformed(
          "Numéro de lot de la ligne "
              + id
              + " : 1 à "
              + MedicineBox.MAX_LOT
              + " lettres, chiffres ou ponctuation simple (GS1).",
          id);
    }
    if (line.serial() != null && !MedicineBox.isGs1Field(line.serial(), MedicineBox.MAX_SERIAL)) {
      throw malformed(
          "Numéro de série de la ligne "
              + id
              + " : 1 à "
              + MedicineBox.MAX_SERIAL
              + " lettres, chiffres ou ponctuation simple (GS1).",
          id);
    }
    Optional<LocalDate> expiry = Optional.empty();
    if (line.expiry() != null) {
      try {
        expiry = Optional.of(LocalDate.parse(line.expiry()));
      } catch (DateTimeParseException e) {
        throw malformed("Date de péremption de la ligne " + id + " : AAAA-MM-JJ attendu.", id);
      }
    }
    return new Dispensation.Box(
        Optional.ofNullable(line.lot()), expiry, Optional.ofNullable(line.serial()));
  }

  /**
   * A box past its expiry date is never delivered: the expiry printed on the pack is the date after
   * which the medicine must not be used (directive 2001/83/EC art. 54(m)), and dispensing is the
   * pharmacist's act of safety (Code de la santé publique R.4235-48). The last day itself is valid.
   */
  public static void refuseExpiredBoxes(DispensationRequest request, LocalDate today) {
    for (LineRequest line : orEmpty(request.lines())) {
      Optional<LocalDate> expiry = box(line).expiry();
      if (expiry.isPresent() && expiry.get().isBefore(today)) {
        throw new ProblemException(
            ProblemType.BOX_EXPIRED,
            "Ligne "
                + line.lineId()
                + " : boîte"
                + box(line).lot().map(l -> " du lot " + l).orElse("")
                + " périmée depuis le "
                + expiry.get().format(FRENCH_DATE)
                + ".",
            line.lineId(),
            null);
      }
    }
  }

  public static NotDeliveredReason reason(String value, String lineId) {
    return Arrays.stream(NotDeliveredReason.values())
        .filter(r -> r.name().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                malformed(
                    "Motif de non-délivrance inconnu. Motifs possibles : "
                        + String.join(
                            ", ",
                            Arrays.stream(NotDeliveredReason.values()).map(Enum::name).toList())
                        + ".",
                    lineId));
  }

  private static void product(DeliveredProduct p, String lineId) {
    if (p.label() == null || p.label().isBlank()) {
      throw malformed("Produit délivré sans libellé sur la ligne " + lineId + ".", lineId);
    }
    cip13(p.cip13(), lineId);
  }

  /** A CIP13, when given, is checked here (EAN-13 key) rather than refused later by the base. */
  private static void cip13(String code, String lineId) {
    if (code == null) {
      return;
    }
    try {
      Cip13.of(code);
    } catch (InvalidIdentifierException e) {
      throw new ProblemException(ProblemType.INVALID_IDENTIFIER, e.getMessage(), lineId, e);
    }
  }

  /**
   * SHA-256 (hex) of the prescription number and the request in a canonical form: prescribed lines
   * sorted by lineId (they are a set keyed by line), absent and empty lists alike, every field
   * length-prefixed so no two different requests can encode to the same bytes. Two requests with
   * the same fingerprint ask for the same thing.
   */
  public static String fingerprint(PrescriptionNumber number, DispensationRequest request) {
    StringBuilder canonical = new StringBuilder();
    field(canonical, "v1");
    field(canonical, number.value());
    List<LineRequest> lines =
        orEmpty(request.lines()).stream()
            .sorted(Comparator.comparing(LineRequest::lineId))
            .toList();
    field(canonical, Integer.toString(lines.size()));
    for (LineRequest l : lines) {
      field(canonical, l.lineId());
      field(canonical, Integer.toString(l.quantity()));
      field(canonical, l.deliveredProduct() == null ? null : l.deliveredProduct().cip13());
      field(canonical, l.deliveredProduct() == null ? null : l.deliveredProduct().label());
      field(canonical, l.notDeliveredReason());
    }
    List<HandwrittenLineRequest> handwritten = orEmpty(request.handwrittenLines());
    field(canonical, Integer.toString(handwritten.size()));
    for (HandwrittenLineRequest h : handwritten) {
      field(canonical, h.cip13());
      field(canonical, h.label());
      field(canonical, Integer.toString(h.quantity()));
    }
    // Box fields (lot, expiry, serial), appended only when a line has them, like what follows.
    List<LineRequest> withBox =
        lines.stream()
            .filter(l -> l.lot() != null || l.expiry() != null || l.serial() != null)
            .toList();
    if (!withBox.isEmpty()) {
      field(canonical, "boxes");
      field(canonical, Integer.toString(withBox.size()));
      for (LineRequest l : withBox) {
        field(canonical, l.lineId());
        field(canonical, l.lot());
        field(canonical, l.expiry());
        field(canonical, l.serial());
      }
    }
    // Appended only when present: the fingerprint of a request without them is unchanged (a key
    // stored before this field existed still matches its replay).
    List<UnknownProductLineRequest> unknown =
        orEmpty(request.unknownProductLines()).stream()
            .sorted(Comparator.comparing(UnknownProductLineRequest::lineId))
            .toList();
    if (!unknown.isEmpty()) {
      field(canonical, "unknownProducts");
      field(canonical, Integer.toString(unknown.size()));
      for (UnknownProductLineRequest u : unknown) {
        field(canonical, u.lineId());
        field(canonical, Integer.toString(u.quantity()));
      }
    }
    // acknowledgements likewise: appended only when present, sorted (a set of acts)
    List<String> acks =
        orEmpty(request.acknowledgements()).stream()
            .filter(a -> a != null)
            .map(a -> a.lineId() + "|" + a.kind())
            .sorted()
            .toList();
    if (!acks.isEmpty()) {
      field(canonical, "acknowledgements");
      field(canonical, Integer.toString(acks.size()));
      acks.forEach(a -> field(canonical, a));
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** null is "-", a value is "<length>:<value>": unambiguous whatever the value contains. */
  private static void field(StringBuilder out, String value) {
    if (value == null) {
      out.append('-');
    } else {
      out.append(value.length()).append(':').append(value);
    }
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static ProblemException malformed(String detail, String lineId) {
    return new ProblemException(ProblemType.MALFORMED_REQUEST, detail, lineId, null);
  }
}
