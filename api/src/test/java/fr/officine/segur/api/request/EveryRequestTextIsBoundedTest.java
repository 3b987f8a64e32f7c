package fr.officine.segur.api.request;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §4: every text a client sends has a length limit, answered with 422 before any work. The
 * limits are {@code @Size} on the request records (FieldLimits), checked as each body is read; a
 * record added without them would take any size. This test walks every {@code *Request} record of
 * the API and the records it carries, and names each text or list without a {@code @Size}.
 */
class EveryRequestTextIsBoundedTest {
  private static final Path SOURCES = Path.of("src/main/java");

  @Test
  void every_text_and_list_of_a_request_record_declares_its_size_limit() throws IOException {
    List<String> unbounded = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    for (Class<?> request : requestRecords()) {
      check(request, seen, unbounded);
    }
    assertThat(seen).as("request records found").hasSizeGreaterThan(5);
    assertThat(unbounded).as("request fields without @Size (FieldLimits)").isEmpty();
  }

  private static void check(Class<?> record, Set<Class<?>> seen, List<String> unbounded) {
    if (!record.isRecord() || !seen.add(record)) {
      return;
    }
    for (RecordComponent c : record.getRecordComponents()) {
      Class<?> type = c.getType();
      boolean text = type == String.class;
      boolean list = List.class.isAssignableFrom(type);
      if ((text || list)
          && c.getAccessor().getAnnotation(Size.class) == null
          && !sizedField(record, c)) {
        unbounded.add(record.getSimpleName() + "." + c.getName());
      }
      carried(c.getGenericType()).forEach(t -> check(t, seen, unbounded));
    }
  }

  /**
   * @Size on a record component lands on the field, the accessor or the constructor parameter.
   */
  private static boolean sizedField(Class<?> record, RecordComponent c) {
    try {
      return record.getDeclaredField(c.getName()).getAnnotation(Size.class) != null
          || Stream.of(record.getDeclaredConstructors())
              .filter(k -> k.getParameterCount() == record.getRecordComponents().length)
              .flatMap(k -> Stream.of(k.getParameters()))
              .anyMatch(
                  p -> p.getName().equals(c.getName()) && p.getAnnotation(Size.class) != null);
    } catch (NoSuchFieldException e) {
      return false;
    }
  }

  /** The API's own records a component carries, directly or as list elements. */
  private static List<Class<?>> carried(Type type) {
    List<Class<?>> out = new ArrayList<>();
    if (type instanceof Class<?> k
        && k.isRecord()
        && k.getName().startsWith("fr.officine.segur.api")) {
      out.add(k);
    } else if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        out.addAll(carried(arg));
      }
    }
    return out;
  }

  private static List<Class<?>> requestRecords() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("Request.java"))
          .map(f -> SOURCES.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""))
          .map(EveryRequestTextIsBoundedTest::load)
          .filter(Class::isRecord)
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(name, e);
    }
  }
}
