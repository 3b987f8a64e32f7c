package fr.officine.segur.portability;

/**
 * One field of an export file: its name in the JSON (the table's column name), its type, and the
 * SQL expression that reads it ({@code t.<name>} unless computed).
 */
record Column(String name, ColumnType type, String expression) {
  static Column of(String name, ColumnType type) {
    return new Column(name, type, "t." + name);
  }

  /** Read by the export, never written back as a column (e.g. the audit record's previous hash). */
  static Column computed(String name, ColumnType type, String expression) {
    return new Column(name, type, expression);
  }

  boolean isComputed() {
    return !expression.equals("t." + name);
  }
}
