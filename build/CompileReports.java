import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Compiles every JRXML under a folder into a {@code .jasper} beside it, at build time. The module
 * loads the {@code .jasper} (issue 13 §7: it compiled its three templates at each start of a node,
 * ~2.6 CPU seconds of the JDT compiler), the sandbox its ordonnance; the JRXML stays the source.
 * Run by both builds (exec-maven-plugin, phase process-classes) as a single-file program, {@code
 * java -cp <classpath> build/CompileReports.java target/classes/reports}, so it is in neither the
 * WAR nor the sandbox's jar.
 */
public final class CompileReports {
  private CompileReports() {}

  public static void main(String[] args) throws IOException, JRException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CompileReports <folder of .jrxml>");
    }
    List<Path> templates;
    try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
      templates = files.filter(f -> f.toString().endsWith(".jrxml")).sorted().toList();
    }
    if (templates.isEmpty()) {
      throw new IllegalStateException("No .jrxml under " + args[0]);
    }
    for (Path jrxml : templates) {
      Path jasper = jrxml.resolveSibling(jrxml.getFileName().toString().replace(".jrxml", ".jasper"));
      JasperCompileManager.compileReportToFile(jrxml.toString(), jasper.toString());
      System.out.println("compiled " + jasper);
    }
  }
}
