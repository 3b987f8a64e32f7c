package fr.officine.segur.data;

import java.sql.SQLException;

/** A unique constraint refused a row: someone else wrote the same key first. */
public class DuplicateKeyException extends DataAccessException {
  public DuplicateKeyException(SQLException cause) {
    super(cause);
  }
}
