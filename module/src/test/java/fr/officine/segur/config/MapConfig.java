package fr.officine.segur.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * MicroProfile Config outside the container, for tests: the defaults file (ordinal 100) under
 * system properties (ordinal 400), as Payara stacks them.
 */
public record MapConfig(Map<String, String> defaults, Map<String, String> systemProperties)
    implements Config {
  public static final int DEFAULTS_ORDINAL = 100;
  public static final int SYSTEM_PROPERTIES_ORDINAL = 400;

  /** The module's own {@code META-INF/microprofile-config.properties}, as read at run time. */
  public static Map<String, String> moduleDefaults() {
    java.util.Properties file = new java.util.Properties();
    try (java.io.InputStream in =
        MapConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      file.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, String> all = new LinkedHashMap<>();
    file.stringPropertyNames().forEach(k -> all.put(k, file.getProperty(k)));
    return all;
  }

  /** The module's defaults file under these system properties. */
  public static MapConfig withModuleDefaults(Map<String, String> systemProperties) {
    return new MapConfig(moduleDefaults(), systemProperties);
  }

  /** Only system properties. */
  public MapConfig(Map<String, String> systemProperties) {
    this(Map.of(), systemProperties);
  }

  @Override
  public <T> T getValue(String name, Class<T> type) {
    return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
  }

  @Override
  public ConfigValue getConfigValue(String name) {
    if (systemProperties.containsKey(name)) {
      return new Value(name, systemProperties.get(name), "system", SYSTEM_PROPERTIES_ORDINAL);
    }
    if (defaults.containsKey(name)) {
      return new Value(name, defaults.get(name), "defaults", DEFAULTS_ORDINAL);
    }
    return new Value(name, null, null, 0);
  }

  @Override
  public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
    return Optional.ofNullable(getConfigValue(name).getValue()).map(v -> convert(v, type));
  }

  private static <T> T convert(String v, Class<T> type) {
    if (type == Long.class) {
      return type.cast(Long.valueOf(v.trim()));
    }
    if (type == Integer.class) {
      return type.cast(Integer.valueOf(v.trim()));
    }
    return type.cast(v);
  }

  @Override
  public Iterable<String> getPropertyNames() {
    Map<String, String> all = new LinkedHashMap<>(defaults);
    all.putAll(systemProperties);
    return all.keySet();
  }

  @Override
  public Iterable<ConfigSource> getConfigSources() {
    return List.of();
  }

  @Override
  public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
    return Optional.empty();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    // Config.unwrap's contract: IllegalArgumentException when the type is not supported.
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("MapConfig cannot be unwrapped to " + type.getName());
  }

  private record Value(String name, String value, String sourceName, int sourceOrdinal)
      implements ConfigValue {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getValue() {
      return value;
    }

    @Override
    public String getRawValue() {
      return value;
    }

    @Override
    public String getSourceName() {
      return sourceName;
    }

    @Override
    public int getSourceOrdinal() {
      return sourceOrdinal;
    }
  }
}
