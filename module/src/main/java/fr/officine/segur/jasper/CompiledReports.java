package fr.officine.segur.jasper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;

/**
 * The Jasper reports the module prints, compiled at build time ({@code build/CompileReports.java}
 * writes each {@code .jasper} beside its {@code .jrxml}): compiling the templates at each start
 * cost 2.6 CPU s, loading them 0.07 s (issue 13 §7).
 */
public final class CompiledReports {
  private CompiledReports() {}

  /** The compiled report at this class-path resource, e.g. {@code /reports/dispensation.jasper}. */
  public static JasperReport load(String resource) {
    try (InputStream compiled = CompiledReports.class.getResourceAsStream(resource)) {
      if (compiled == null) {
        throw new IllegalStateException("Missing compiled report " + resource);
      }
      return (JasperReport) JRLoader.loadObject(compiled);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JRException e) {
      throw new IllegalStateException("The compiled report " + resource + " does not load", e);
    }
  }
}
