package fr.officine.segur.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The classes of one build output (a classes folder in the reactor, or its jar), loaded
 * uninitialised.
 */
final class ClassesOf {
  private ClassesOf() {}

  static List<Class<?>> locationOf(Class<?> anchor, String packagePrefix) {
    Path root;
    try {
      root = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> names = new ArrayList<>();
    try {
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files
              .filter(f -> f.toString().endsWith(".class"))
              .map(f -> root.relativize(f).toString().replace('\\', '/'))
              .forEach(names::add);
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          Collections.list(jar.entries()).stream()
              .map(JarEntry::getName)
              .filter(n -> n.endsWith(".class"))
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String prefix = packagePrefix.replace('.', '/') + "/";
    List<Class<?>> classes = new ArrayList<>();
    for (String n : names) {
      if (n.startsWith(prefix)
          && !n.endsWith("module-info.class")
          && !n.endsWith("package-info.class")) {
        String name = n.substring(0, n.length() - ".class".length()).replace('/', '.');
        try {
          classes.add(Class.forName(name, false, anchor.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalStateException("cannot load " + name, e);
        }
      }
    }
    return classes;
  }
}
