package fr.officine.segur.api.request;

/**
 * The one table of the longest text each request field may carry (characters), and of the longest
 * lists. The request records name these in their {@code @Size} constraints; the module checks them
 * on every body it reads and answers {@code 422 field-too-long} naming the field, before any work
 * (issue 11 §4: a 301-character delivered product label used to reach the database and give 500).
 * Where a column stores the field, the limit is the column's width.
 */
public final class FieldLimits {
  private FieldLimits() {}

  /** A login. */
  public static final int LOGIN = 64;

  /** A password: long passphrases welcome, but hashing a megabyte is not a login. */
  public static final int PASSWORD = 256;

  /** A CPS PIN (the card takes 4 to 8 characters; the module says so past this check). */
  public static final int PIN = 16;

  /** A PC/SC reader name. */
  public static final int READER = 200;

  /** A line identifier of the prescription ({@code lineId}). */
  public static final int LINE_ID = 64;

  /** A short code: CIP13, reason, sex, date, INSEE place, document type, INS parts, OID. */
  public static final int CODE = 64;

  /**
   * A box's lot or serial number from its GS1 DataMatrix (AI 10 and 21: 20 characters at most;
   * {@code box_lot}, {@code box_serial} columns VARCHAR(20)).
   */
  public static final int GS1_FIELD = 20;

  /** A product label ({@code delivered_label}, {@code label} columns: VARCHAR(300)). */
  public static final int LABEL = 300;

  /** A birth name or a first name ({@code birth_name} column: VARCHAR(100)). */
  public static final int NAME = 100;

  /** A reconciliation note ({@code resolution_note} column: VARCHAR(1000)). */
  public static final int NOTE = 1000;

  /** Lines of one dispensation (prescribed, handwritten or unknown to the base, each list). */
  public static final int LINES = 100;

  /** Birth first names of one person. */
  public static final int FIRST_NAMES = 10;
}
