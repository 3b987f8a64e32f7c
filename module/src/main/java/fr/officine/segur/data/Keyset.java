package fr.officine.segur.data;

import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Keyset pagination of a list ordered by a column two rows may share (a creation or delivery time),
 * ties broken by {@code id}: the condition "after the row {@code :after}" and the ORDER BY it goes
 * with, written once so that they never disagree. The position is the previous page's last id (what
 * the cursor carries); that row's time is read back in the same statement, so a row written
 * meanwhile never shifts a page.
 *
 * @param table the table listed, whose {@code id} the position names
 * @param alias how the statement names that table ({@code "u"}), or empty when it does not
 * @param column the ordering column
 * @param descending newest first (else oldest first)
 */
public record Keyset(String table, String alias, String column, boolean descending) {
  /** The parameter {@link #bindAfter} binds to the position. */
  public static final String AFTER = "after";

  /** {@code " AND (…)"}: the rows after the position in this order; empty for the first page. */
  public String after(Optional<?> position) {
    if (position.isEmpty()) {
      return "";
    }
    String at = "(SELECT a." + column + " FROM " + table + " a WHERE a.id = :" + AFTER + ")";
    String op = descending ? "<" : ">";
    return " AND ("
        + qualified(column)
        + " "
        + op
        + " "
        + at
        + " OR ("
        + qualified(column)
        + " = "
        + at
        + " AND "
        + qualified("id")
        + " "
        + op
        + " :"
        + AFTER
        + "))";
  }

  /** {@code " ORDER BY … FETCH FIRST limit ROWS ONLY"}: the order {@link #after} follows. */
  public String page(int limit) {
    String direction = descending ? " DESC" : "";
    return " ORDER BY "
        + qualified(column)
        + direction
        + ", "
        + qualified("id")
        + direction
        + " FETCH FIRST "
        + limit
        + " ROWS ONLY";
  }

  /** Binds the position (its text: an id) when there is one. */
  public <S extends SqlStatement<S>> S bindAfter(S statement, Optional<?> position) {
    position.ifPresent(p -> statement.bind(AFTER, p.toString()));
    return statement;
  }

  private String qualified(String name) {
    return alias.isEmpty() ? name : alias + "." + name;
  }
}
