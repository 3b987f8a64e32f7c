package fr.officine.segur.audit;

import java.util.regex.Pattern;

/**
 * What may be written to the application log about a request. A path can carry a patient's INS
 * ({@code /identity/patients/{ins}}): any segment shaped like an INS (13 characters, or 15 with the
 * key) is masked like {@link fr.officine.segur.api.id.Ins#masked()}. Prescription numbers (18
 * characters) and dispensation ids (UUIDs) are not patient identifiers and stay readable.
 */
public final class LogSafe {
  private static final Pattern INS_SEGMENT =
      Pattern.compile("(?<=^|/)([0-9])[0-9]{5}[0-9AaBb][0-9]{3}([0-9]{3})([0-9]{2})?(?=$|/|\\?|;)");

  private LogSafe() {}

  public static String path(String path) {
    if (path == null) {
      return null;
    }
    return INS_SEGMENT.matcher(path).replaceAll("$1*********$2");
  }

  /** The classes of an exception's causes, without their messages (which may quote the input). */
  public static String causes(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null && b.length() < 500; t = t.getCause()) {
      if (b.length() > 0) {
        b.append(" <- ");
      }
      b.append(t.getClass().getName());
    }
    return b.toString();
  }
}
