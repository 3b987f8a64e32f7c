package fr.officine.segur.data;

import java.sql.SQLException;

/**
 * A database failure nobody at the counter can fix: it becomes an INTERNAL_ERROR with an incident
 * id.
 */
public class DataAccessException extends RuntimeException {
  public DataAccessException(SQLException cause) {
    super(cause.getMessage(), cause);
  }
}
