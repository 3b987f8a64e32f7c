package fr.officine.segur.data;

import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.id.Rpps;
import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * The module's one Jdbi configuration (the CDI-produced {@link Jdbi} and the tests' both come from
 * {@link #create}): the SQL stays written out in the stores, Jdbi binds named parameters and maps
 * rows to records.
 *
 * <p>Typed ids bind and map as their text column: a {@link Finess}, {@link Rpps}, {@link
 * PrescriptionNumber}, {@link Cip13} or {@link DispensationId} parameter is bound as VARCHAR, and a
 * column read as one of them is checked by the record's constructor (a malformed stored value fails
 * loudly instead of travelling on as a String). An {@link fr.officine.segur.api.id.Ins} is two or
 * three columns (matricule, key, OID): bind its parts by name ({@code bindMethods("ins", ins)} →
 * {@code :ins.matricule}, {@code :ins.key}, {@code :ins.oid}).
 *
 * <p>{@code OffsetDateTime} and {@code LocalDate} need nothing: Jdbi binds and reads them with
 * JDBC's {@code setObject}/{@code getObject}, as the hand-written code did, so the offset written
 * is the offset read ({@code TIMESTAMP WITH TIME ZONE} columns; JdbisTest holds it).
 */
public final class Jdbis {
  private Jdbis() {}

  public static Jdbi create(DataSource dataSource) {
    Jdbi jdbi = Jdbi.create(dataSource);
    textId(jdbi, Finess.class, Finess::of, Finess::value);
    textId(jdbi, Rpps.class, Rpps::of, Rpps::value);
    textId(jdbi, PrescriptionNumber.class, PrescriptionNumber::of, PrescriptionNumber::value);
    textId(jdbi, Cip13.class, Cip13::of, Cip13::value);
    textId(jdbi, DispensationId.class, DispensationId::parse, DispensationId::toString);
    return jdbi;
  }

  /**
   * An id stored as its text: bound with setString, read with getString and parsed (null stays
   * null).
   */
  private static <T> void textId(
      Jdbi jdbi, Class<T> type, Function<String, T> parse, Function<T, String> text) {
    jdbi.registerArgument(
        new ArgumentFactory.Preparable() {
          @Override
          public Optional<Function<Object, Argument>> prepare(Type asked, ConfigRegistry config) {
            if (!type.equals(asked)) {
              return Optional.empty();
            }
            return Optional.of(
                value ->
                    value == null
                        ? new NullArgument(Types.VARCHAR)
                        : (position, statement, ctx) ->
                            statement.setString(position, text.apply(type.cast(value))));
          }

          @Override
          public Collection<Type> prePreparedTypes() {
            return List.of(type);
          }
        });
    ColumnMapper<T> mapper =
        (rs, column, ctx) -> {
          String s = rs.getString(column);
          return s == null ? null : parse.apply(s);
        };
    jdbi.registerColumnMapper(type, mapper);
  }
}
