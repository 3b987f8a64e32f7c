package fr.officine.segur.sandbox.dmp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
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
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * What the DMP checks a received CDA against before it stores it (issue: « the sandbox DMP judges
 * like the real one »): the HL7 CDA R2 schema with the French extensions ({@code CDA_extended.xsd})
 * and the five CI-SIS schematrons an eDISP-MED document must pass — the ones the ANS sample names
 * in its {@code <?oxygen SCHSchema?>} lines: StrucMin (minimal structure), CI-SIS content models,
 * ANS models, IHE, and the eDISP-MED model, each in phase {@code #ALL}. An error is a failed {@code
 * assert} or a successful {@code report} of role error/fatal (the CI-SIS schematrons mark warnings
 * {@code role="warning"}, which do not refuse a document).
 *
 * <p>Compiling the schematrons (ISO skeleton → XSLT 2 → Saxon) takes seconds: done once, in the
 * background from {@link #startCompiling}, and awaited by the first validation.
 */
public final class CdaConformance {
  private static final String MATERIAL = "/cisis/";
  private static final String SKELETON = "/external/schematron/20100710-xslt2/";
  private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

  /** The schematrons of an eDISP-MED document, by the name a refusal gives. */
  static final List<String[]> SCHEMATRONS =
      List.of(
          new String[] {
            "StrucMin", "schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch"
          },
          new String[] {
            "CI-SIS_ModelesDeContenusCDA", "schematrons/profils/CI-SIS_ModelesDeContenusCDA.sch"
          },
          new String[] {"CI-SIS_Modeles_ANS", "schematrons/profils/CI-SIS_Modeles_ANS.sch"},
          new String[] {"IHE", "schematrons/profils/IHE.sch"},
          new String[] {"CI-SIS_eDISP-MED_2024.01", "schematrons/CI-SIS_eDISP-MED_2024.01.sch"});

  private final Processor processor = new Processor(false);
  private final CompletableFuture<Compiled> compiled = new CompletableFuture<>();

  /**
   * The value sets the schematrons read with document() (jeuxDeValeurs, several MB), parsed once
   * and shared by every validation: Saxon's own document pool lives one transformation only.
   */
  private final Map<String, XdmNode> readDocuments = new ConcurrentHashMap<>();

  private record Named(String name, XsltExecutable validation) {}

  private record Compiled(Path material, Schema cdaSchema, List<Named> schematrons) {}

  /** One problem of a document: which check, what it says. */
  public record Finding(String check, String text) {}

  /** Starts compiling in a background thread; returns at once. */
  public CdaConformance startCompiling() {
    Thread t = new Thread(this::compile, "cda-conformance-compile");
    t.setDaemon(true);
    t.start();
    return this;
  }

  private void compile() {
    try {
      long start = System.nanoTime();
      Path material = extract();
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      Schema xsd = f.newSchema(material.resolve("schemas/cda/CDA_extended.xsd").toFile());
      List<Named> schematrons = new ArrayList<>();
      for (String[] s : SCHEMATRONS) {
        schematrons.add(new Named(s[0], compile(material.resolve(s[1]))));
      }
      System.getLogger(CdaConformance.class.getName())
          .log(
              System.Logger.Level.INFO,
              "CDA conformance (XSD + {0} schematrons) compiled in {1} ms",
              schematrons.size(),
              (System.nanoTime() - start) / 1_000_000);
      compiled.complete(new Compiled(material, xsd, List.copyOf(schematrons)));
    } catch (RuntimeException | SAXException | SaxonApiException | IOException e) {
      compiled.completeExceptionally(e);
    }
  }

  /**
   * The errors of {@code cda} (empty = conformant); waits for the compilation the first time.
   *
   * @throws IllegalStateException when the material does not compile (a sandbox defect)
   */
  public List<Finding> errors(byte[] cda) {
    Compiled c = compiled.join();
    List<Finding> findings = new ArrayList<>();
    Validator validator = c.cdaSchema().newValidator();
    validator.setErrorHandler(
        new DefaultHandler() {
          @Override
          public void error(SAXParseException e) {
            findings.add(
                new Finding(
                    "CDA_extended.xsd", "ligne " + e.getLineNumber() + " : " + e.getMessage()));
          }

          @Override
          public void fatalError(SAXParseException e) {
            error(e);
          }
        });
    try {
      validator.validate(new StreamSource(new ByteArrayInputStream(cda)));
    } catch (SAXException | IOException e) {
      findings.add(new Finding("CDA_extended.xsd", "document illisible : " + e.getMessage()));
      return findings;
    }
    try {
      XdmNode document =
          processor.newDocumentBuilder().build(new StreamSource(new ByteArrayInputStream(cda)));
      for (Named s : c.schematrons()) {
        XsltTransformer t = s.validation().load();
        t.setURIResolver(this::cached);
        t.setInitialContextNode(document);
        XdmDestination out = new XdmDestination();
        t.setDestination(out);
        t.transform();
        for (String text : errorTexts(out.getXdmNode())) {
          findings.add(new Finding(s.name(), text));
        }
      }
    } catch (SaxonApiException e) {
      findings.add(new Finding("schematron", "document illisible : " + e.getMessage()));
    }
    return findings;
  }

  /** A document the schematron opens, from the cache (parsed at first use). */
  private Source cached(String href, String base) throws TransformerException {
    URI uri = base == null || base.isEmpty() ? URI.create(href) : URI.create(base).resolve(href);
    try {
      return readDocuments
          .computeIfAbsent(
              uri.toString(),
              u -> {
                try {
                  return processor.newDocumentBuilder().build(new StreamSource(u));
                } catch (SaxonApiException e) {
                  throw new IllegalStateException(e);
                }
              })
          .asSource();
    } catch (IllegalStateException e) {
      throw new TransformerException("cannot read " + uri, e);
    }
  }

  /** Failed asserts and reports that are not warnings or information, text normalised. */
  private List<String> errorTexts(XdmNode svrl) throws SaxonApiException {
    XPathCompiler xpath = processor.newXPathCompiler();
    xpath.declareNamespace("svrl", SVRL);
    List<String> out = new ArrayList<>();
    for (XdmItem item :
        xpath.evaluate(
            "(//svrl:failed-assert | //svrl:successful-report)"
                + "[not(lower-case(@role) = ('warning', 'warn', 'info', 'information'))]/normalize-space(svrl:text)",
            svrl)) {
      out.add(item.getStringValue());
    }
    return out;
  }

  /**
   * ISO Schematron → XSLT 2 with the ISO skeleton (include, abstract expansion, SVRL, phase #ALL).
   */
  private XsltExecutable compile(Path sch) throws SaxonApiException, IOException {
    XsltCompiler compiler = processor.newXsltCompiler();
    XdmNode step = processor.newDocumentBuilder().build(new StreamSource(sch.toFile()));
    step = apply(compiler, "iso_dsdl_include.xsl", step, sch.toUri(), false);
    step = apply(compiler, "iso_abstract_expand.xsl", step, sch.toUri(), false);
    step = apply(compiler, "iso_svrl_for_xslt2.xsl", step, sch.toUri(), true);
    return compiler.compile(step.asSource());
  }

  private XdmNode apply(
      XsltCompiler compiler, String stylesheet, XdmNode input, URI base, boolean allPhases)
      throws SaxonApiException, IOException {
    URL url = CdaConformance.class.getResource(SKELETON + stylesheet);
    if (url == null) {
      throw new IllegalStateException("ISO schematron skeleton missing: " + stylesheet);
    }
    XsltExecutable exec;
    try (InputStream in = url.openStream()) {
      exec = compiler.compile(new StreamSource(in, url.toExternalForm()));
    }
    XsltTransformer t = exec.load();
    if (allPhases) {
      t.setParameter(new QName("phase"), new XdmAtomicValue("#ALL"));
    }
    t.setInitialContextNode(input);
    XdmDestination out = new XdmDestination();
    out.setBaseURI(base);
    t.setDestination(out);
    t.transform();
    return out.getXdmNode();
  }

  /**
   * The material as files (the schematrons open their includes and value sets by relative path,
   * which a jar: URL does not resolve), in a directory deleted when the JVM exits.
   */
  private static Path extract() throws IOException {
    Path dir = Files.createTempDirectory("sandbox-cisis-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    List<String> files;
    try (InputStream index = resource("FILES")) {
      files =
          new String(index.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
    }
    for (String f : files) {
      Path target = dir.resolve(f).normalize();
      Path parent = target.getParent();
      if (parent == null || !target.startsWith(dir) || target.equals(dir)) {
        throw new IllegalStateException("material path outside its directory: " + f);
      }
      Files.createDirectories(parent);
      try (InputStream in = resource(f)) {
        Files.copy(in, target);
      }
    }
    return dir;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = CdaConformance.class.getResourceAsStream(MATERIAL + name);
    if (in == null) {
      throw new IOException("sandbox resource missing: " + MATERIAL + name);
    }
    return in;
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
