package fr.officine.segur.dmp.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;

/**
 * An ISO Schematron (queryBinding xslt2) compiled with the ISO "skeleton" XSLT 2 pipeline (dsdl
 * include → abstract expand → svrl for xslt2, the stylesheets shipped in ph-schematron-xslt) and
 * run by Saxon-HE; the result is read from the SVRL report. Phase {@code #ALL}: every pattern, not
 * only those of the schema's default phase. A failed assert is a warning when its role says so
 * ({@code warning}, {@code info}); otherwise an error, as the ANS tools count them.
 */
public final class Schematron {
  private static final String SKELETON = "/external/schematron/20100710-xslt2/";

  private final Processor processor = new Processor(false);
  private final XsltExecutable validation;

  public Schematron(Path sch) {
    try {
      XsltCompiler compiler = processor.newXsltCompiler();
      XdmNode step = processor.newDocumentBuilder().build(new StreamSource(sch.toFile()));
      step = apply(compiler, "iso_dsdl_include.xsl", step, sch.toUri().toString());
      step = apply(compiler, "iso_abstract_expand.xsl", step, sch.toUri().toString());
      step = apply(compiler, "iso_svrl_for_xslt2.xsl", step, sch.toUri().toString(), "#ALL");
      this.validation = compiler.compile(step.asSource());
    } catch (SaxonApiException | IOException | URISyntaxException e) {
      throw new IllegalStateException("Schematron " + sch + " does not compile", e);
    }
  }

  private XdmNode apply(XsltCompiler compiler, String stylesheet, XdmNode input, String baseUri)
      throws SaxonApiException, IOException, URISyntaxException {
    return apply(compiler, stylesheet, input, baseUri, null);
  }

  private XdmNode apply(
      XsltCompiler compiler, String stylesheet, XdmNode input, String baseUri, String phase)
      throws SaxonApiException, IOException, URISyntaxException {
    URL url = Schematron.class.getResource(SKELETON + stylesheet);
    if (url == null) {
      throw new IllegalStateException("ISO schematron skeleton missing: " + stylesheet);
    }
    XsltExecutable exec;
    try (InputStream in = url.openStream()) {
      exec = compiler.compile(new StreamSource(in, url.toExternalForm()));
    }
    XsltTransformer transformer = exec.load();
    transformer.setInitialContextNode(input);
    if (phase != null) {
      transformer.setParameter(new QName("phase"), new XdmAtomicValue(phase));
    }
    XdmDestination out = new XdmDestination();
    out.setBaseURI(new java.net.URI(baseUri));
    transformer.setDestination(out);
    transformer.transform();
    return out.getXdmNode();
  }

  /** The outcome for one document. */
  public Report validate(byte[] xml) {
    try {
      DocumentBuilder builder = processor.newDocumentBuilder();
      XdmNode document = builder.build(new StreamSource(new ByteArrayInputStream(xml)));
      XsltTransformer transformer = validation.load();
      transformer.setInitialContextNode(document);
      XdmDestination out = new XdmDestination();
      transformer.setDestination(out);
      transformer.transform();
      return Report.of(processor, out.getXdmNode());
    } catch (SaxonApiException e) {
      throw new IllegalStateException("Schematron validation did not run", e);
    }
  }

  /**
   * Failed asserts and successful reports of an SVRL document, text normalized; {@code warnings}
   * are the failed asserts whose role is warning or info, {@code errors} all the others.
   */
  public record Report(
      List<String> failedAsserts,
      List<String> successfulReports,
      int firedRules,
      List<String> errors,
      List<String> warnings) {
    static Report of(Processor processor, XdmNode svrl) throws SaxonApiException {
      XPathCompiler xpath = processor.newXPathCompiler();
      xpath.declareNamespace("svrl", "http://purl.oclc.org/dsdl/svrl");
      List<String> failed = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (XdmItem item : xpath.evaluate("//svrl:failed-assert", svrl)) {
        XdmNode assertion = (XdmNode) item;
        String text =
            xpath.evaluateSingle("normalize-space(svrl:text)", assertion).getStringValue();
        String role =
            xpath
                .evaluateSingle("lower-case(string((@role, @flag)[1]))", assertion)
                .getStringValue();
        failed.add(text);
        (role.startsWith("warn") || role.startsWith("info") ? warnings : errors).add(text);
      }
      List<String> reports = new ArrayList<>();
      for (XdmItem item :
          xpath.evaluate("//svrl:successful-report/normalize-space(svrl:text)", svrl)) {
        reports.add(item.getStringValue());
      }
      int fired =
          Integer.parseInt(xpath.evaluateSingle("count(//svrl:fired-rule)", svrl).getStringValue());
      return new Report(
          List.copyOf(failed),
          List.copyOf(reports),
          fired,
          List.copyOf(errors),
          List.copyOf(warnings));
    }
  }
}
