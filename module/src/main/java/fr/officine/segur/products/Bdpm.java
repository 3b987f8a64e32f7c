package fr.officine.segur.products;

import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.InvalidIdentifierException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the three files of the Base de données publique des médicaments (ANSM) the counter needs:
 * tab-separated, no header line. Layout (ANSM "Contenu et format des fichiers téléchargeables"):
 *
 * <ul>
 *   <li>CIS_bdpm.txt: 1 CIS, 2 dénomination, 3 forme, 4 voies, 5 statut AMM, 6 procédure, 7 état de
 *       commercialisation, 8 date AMM, 9 statut BDM, 10 n° autorisation européenne, 11
 *       titulaire(s), 12 surveillance renforcée;
 *   <li>CIS_CIP_bdpm.txt: 1 CIS, 2 CIP7, 3 libellé de la présentation, 4 statut administratif, 5
 *       état de commercialisation, 6 date de déclaration, 7 CIP13, 8 agrément collectivités, 9 taux
 *       de remboursement, 10-12 prix, 13 indications (often a trailing tab after it);
 *   <li>CIS_GENER_bdpm.txt: 1 identifiant du groupe, 2 libellé du groupe, 3 CIS, 4 type (0
 *       princeps, 1 générique, 2 générique par complémentarité posologique, 4 générique
 *       substituable), 5 n° de tri.
 * </ul>
 *
 * <p>The ANSM publishes CIS_bdpm and CIS_GENER in Windows-1252 (CRLF) and CIS_CIP in UTF-8 (LF)
 * since 2023; older downloads were all Windows-1252. Each file is therefore decoded as UTF-8 when
 * it is valid UTF-8, else as Windows-1252 (a Windows-1252 accent is never valid UTF-8). A line that
 * does not fit (too few fields, a code that is not one) is skipped and counted, never fatal: the
 * real files carry a few such lines.
 */
public final class Bdpm {
  public static final String SPECIALITIES = "CIS_bdpm.txt";
  public static final String PRESENTATIONS = "CIS_CIP_bdpm.txt";
  public static final String GENERIC_GROUPS = "CIS_GENER_bdpm.txt";

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Pattern CIS = Pattern.compile("\\d{8}");
  private static final Pattern GROUP_ID = Pattern.compile("\\d{1,9}");

  private Bdpm() {}

  /** One speciality (CIS_bdpm.txt). */
  public record Speciality(String cis, String denomination, String form, boolean marketed) {}

  /** One pack (CIS_CIP_bdpm.txt). */
  public record Presentation(
      String cis, String cip7, String cip13, String label, boolean marketed) {}

  /** One membership of a generic group (CIS_GENER_bdpm.txt). */
  public record GroupMember(String groupId, String groupLabel, String cis, GenericType type) {}

  /** The types of CIS_GENER's 4th field. */
  public enum GenericType {
    PRINCEPS,
    GENERIC,
    COMPLEMENTARY_DOSAGE_GENERIC,
    SUBSTITUTABLE_GENERIC;

    static Optional<GenericType> ofCode(String code) {
      return switch (code) {
        case "0" -> Optional.of(PRINCEPS);
        case "1" -> Optional.of(GENERIC);
        case "2" -> Optional.of(COMPLEMENTARY_DOSAGE_GENERIC);
        case "4" -> Optional.of(SUBSTITUTABLE_GENERIC);
        default -> Optional.empty();
      };
    }
  }

  /** What one file gave: the records read and the lines skipped (1-based line numbers). */
  public record Read<T>(List<T> records, List<Integer> skippedLines) {}

  /** UTF-8 when the bytes are valid UTF-8 (BOM dropped), else Windows-1252. */
  public static String decode(byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      return new String(bytes, WINDOWS_1252);
    }
  }

  public static Read<Speciality> specialities(byte[] file) {
    return lines(
        file,
        7,
        (f, out) -> {
          if (CIS.matcher(f[0]).matches() && !f[1].isEmpty()) {
            out.accept(new Speciality(f[0], f[1], f[2], f[6].startsWith("Commercialis")));
          }
        });
  }

  public static Read<Presentation> presentations(byte[] file) {
    return lines(
        file,
        7,
        (f, out) -> {
          if (CIS.matcher(f[0]).matches() && isCip13(f[6]) && !f[2].isEmpty()) {
            // "Déclaration de commercialisation" is marketed; "… d'arrêt de commercialisation",
            // "… de suspension de commercialisation" are not; so is any pack whose status is not
            // active.
            boolean marketed =
                f[4].equals("Déclaration de commercialisation")
                    && !f[3].toLowerCase(java.util.Locale.ROOT).contains("abrog");
            out.accept(new Presentation(f[0], f[1], f[6], f[2], marketed));
          }
        });
  }

  public static Read<GroupMember> genericGroups(byte[] file) {
    return lines(
        file,
        4,
        (f, out) -> {
          Optional<GenericType> type = GenericType.ofCode(f[3]);
          if (GROUP_ID.matcher(f[0]).matches() && CIS.matcher(f[2]).matches() && type.isPresent()) {
            out.accept(new GroupMember(f[0], f[1], f[2], type.get()));
          }
        });
  }

  private static boolean isCip13(String code) {
    try {
      Cip13.of(code);
      return true;
    } catch (InvalidIdentifierException e) {
      return false;
    }
  }

  @FunctionalInterface
  private interface LineParser<T> {
    void parse(String[] fields, Consumer<T> out);
  }

  private static <T> Read<T> lines(byte[] file, int minFields, LineParser<T> parser) {
    List<T> records = new ArrayList<>();
    List<Integer> skipped = new ArrayList<>();
    String[] lines = decode(file).split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue; // the last newline, or the empty lines the real files sometimes hold
      }
      String[] fields = line.split("\t", -1);
      if (fields.length < minFields) {
        skipped.add(i + 1);
        continue;
      }
      for (int f = 0; f < fields.length; f++) {
        fields[f] = fields[f].strip();
      }
      int before = records.size();
      parser.parse(fields, records::add);
      if (records.size() == before) {
        skipped.add(i + 1);
      }
    }
    return new Read<>(List.copyOf(records), List.copyOf(skipped));
  }
}
