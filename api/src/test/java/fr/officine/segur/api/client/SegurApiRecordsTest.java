package fr.officine.segur.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.problem.Problem;
import jakarta.json.bind.annotation.JsonbCreator;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 §2: {@link SegurApi} reads and writes the api records with JSON-B, and JSON-B builds a
 * record through one constructor: a record with several (the server's conveniences) and none named
 * {@code @JsonbCreator} is written by the module but cannot be read back by a client (Yasson
 * refuses it). Walks every record a method of the interface sends or answers, and those they carry.
 */
class SegurApiRecordsTest {
  @Test
  void every_record_the_client_reads_or_sends_has_one_constructor_json_b_can_use() {
    Set<Class<?>> records = new LinkedHashSet<>();
    collect(Problem.class, records);
    for (Method m : SegurApi.class.getDeclaredMethods()) {
      collect(m.getGenericReturnType(), records);
      Arrays.stream(m.getGenericParameterTypes()).forEach(t -> collect(t, records));
    }
    assertThat(records).as("records reached").hasSizeGreaterThan(20);

    List<String> ambiguous = new ArrayList<>();
    for (Class<?> record : records) {
      Constructor<?>[] constructors = record.getDeclaredConstructors();
      boolean named =
          Stream.of(constructors).anyMatch(c -> c.isAnnotationPresent(JsonbCreator.class));
      if (constructors.length > 1 && !named) {
        ambiguous.add(record.getName());
      }
    }
    assertThat(ambiguous)
        .as("records with several constructors and no @JsonbCreator on the canonical one")
        .isEmpty();
  }

  private static void collect(Type type, Set<Class<?>> records) {
    if (type instanceof ParameterizedType p) {
      Arrays.stream(p.getActualTypeArguments()).forEach(t -> collect(t, records));
    } else if (type instanceof Class<?> c && c.isRecord() && records.add(c)) {
      for (RecordComponent component : c.getRecordComponents()) {
        collect(component.getGenericType(), records);
      }
    }
  }
}
