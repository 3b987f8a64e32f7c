package fr.officine.segur.sandbox.documents;

import java.nio.file.Files;
import java.nio.file.Path;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Build step (exec-maven-plugin, process-classes): compiles the JRXML reports into .jasper files
 * beside them in the classes directory, so that the first ordonnance PDF does not pay the Java
 * compilation of the report's expressions (seconds on a busy machine).
 */
public final class ReportCompiler {
  private ReportCompiler() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ReportCompiler <classes/reports directory>");
    }
    try (var files = Files.list(Path.of(args[0]))) {
      for (Path jrxml : files.filter(p -> p.toString().endsWith(".jrxml")).toList()) {
        compile(jrxml, Path.of(jrxml.toString().replaceFirst("\\.jrxml$", ".jasper")));
      }
    }
  }

  private static void compile(Path jrxml, Path jasper) throws JRException {
    JasperCompileManager.compileReportToFile(jrxml.toString(), jasper.toString());
  }
}
