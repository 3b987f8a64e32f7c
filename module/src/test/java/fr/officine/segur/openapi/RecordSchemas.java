package fr.officine.segur.openapi;

import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON schema of a record as JSON-B (Yasson, in Payara) writes and reads it: one property per
 * record component, named after it; {@code @Size} bounds as {@code maxLength}/{@code maxItems};
 * nested records as {@code $ref}s. The OpenAPI document's components are checked against these, so
 * a field added to a record and not to the document (or the reverse) fails the build.
 */
final class RecordSchemas {
  /** Two records of the same simple name: the second gets a name of its own in the document. */
  static final Map<String, String> RENAMED =
      Map.of("fr.officine.segur.api.product.ProductView", "ReferenceProductView");

  private final Map<String, Map<String, Object>> schemas = new TreeMap<>();

  /** The schemas of these records and of every record they carry, by component name. */
  static Map<String, Map<String, Object>> of(Collection<Class<?>> roots) {
    RecordSchemas all = new RecordSchemas();
    roots.forEach(all::add);
    return all.schemas;
  }

  static String name(Class<?> type) {
    String renamed = RENAMED.get(type.getName());
    if (renamed != null) {
      return renamed;
    }
    // a record's own nested records are named after it (DpView.Alert: DpViewAlert); a holder
    // class of view records (HealthViews) is no part of their names
    return type.getEnclosingClass() == null || !type.getEnclosingClass().isRecord()
        ? type.getSimpleName()
        : name(type.getEnclosingClass()) + type.getSimpleName();
  }

  private void add(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(
          type.getName() + " is not a record: the API answers records");
    }
    String name = name(type);
    if (schemas.containsKey(name)) {
      return;
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schemas.put(name, schema);
    schema.put("type", "object");
    Map<String, Object> properties = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Map<String, Object> property =
          schemaOf(c.getGenericType(), type.getName() + "." + c.getName());
      Size size = c.getAnnotation(Size.class);
      if (size == null) {
        size = c.getAccessor().getAnnotation(Size.class);
      }
      if (size != null && size.max() < Integer.MAX_VALUE) {
        property.put("array".equals(property.get("type")) ? "maxItems" : "maxLength", size.max());
      }
      properties.put(c.getName(), property);
    }
    schema.put("properties", properties);
  }

  private Map<String, Object> schemaOf(Type type, String where) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (Collection.class.isAssignableFrom(raw)) {
        s.put("type", "array");
        s.put("items", schemaOf(p.getActualTypeArguments()[0], where));
        return s;
      }
      if (Map.class.isAssignableFrom(raw) && p.getActualTypeArguments()[0] == String.class) {
        s.put("type", "object");
        s.put("additionalProperties", schemaOf(p.getActualTypeArguments()[1], where));
        return s;
      }
      throw new IllegalArgumentException(where + ": no JSON schema for " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      s.put("type", "string");
    } else if (c == int.class || c == Integer.class || c == short.class || c == Short.class) {
      s.put("type", "integer");
      s.put("format", "int32");
    } else if (c == long.class || c == Long.class) {
      s.put("type", "integer");
      s.put("format", "int64");
    } else if (c == boolean.class || c == Boolean.class) {
      s.put("type", "boolean");
    } else if (c == double.class || c == Double.class || c == BigDecimal.class) {
      s.put("type", "number");
    } else if (c == OffsetDateTime.class || c == Instant.class) {
      s.put("type", "string");
      s.put("format", "date-time");
    } else if (c == LocalDate.class) {
      s.put("type", "string");
      s.put("format", "date");
    } else if (c == UUID.class) {
      s.put("type", "string");
      s.put("format", "uuid");
    } else if (c == URI.class) {
      s.put("type", "string");
      s.put("format", "uri");
    } else if (c.isEnum()) {
      s.put("type", "string");
      s.put("enum", Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
    } else if (c.isRecord()) {
      add(c);
      s.put("$ref", "#/components/schemas/" + name(c));
    } else {
      throw new IllegalArgumentException(where + ": no JSON schema for " + c.getName());
    }
    return s;
  }

  /** For the component names of records answered as lists. */
  static List<String> names(Collection<Class<?>> types) {
    return types.stream().map(RecordSchemas::name).toList();
  }
}
