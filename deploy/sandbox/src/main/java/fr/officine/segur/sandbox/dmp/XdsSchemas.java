package fr.officine.segur.sandbox.dmp;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The IHE XDS.b schemas (IHEXDSB over ebRIM/ebRS 3.0 lcm, rs, query), unpacked at build time from
 * IPF's ipf-commons-ihe-xds jar into {@code /ihe/wsdl/schema}. Compiled once, thread-safe; a
 * Validator per call.
 */
public final class XdsSchemas {
  private final Schema schema;

  public XdsSchemas() {
    URL xdsb = XdsSchemas.class.getResource("/ihe/wsdl/schema/IHE/IHEXDSB.xsd");
    URL query = XdsSchemas.class.getResource("/ihe/wsdl/schema/ebRS30/query.xsd");
    if (xdsb == null || query == null) {
      throw new IllegalStateException(
          "IHE XDS.b schemas missing from the classpath (/ihe/wsdl/schema)");
    }
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      // Local files only: the schemas import each other by relative paths inside the jar.
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
      // rim.xsd imports IHE's xcf.xsd into the namespace IHEXDSB.xsd defines: both must be read.
      f.setFeature("http://apache.org/xml/features/honour-all-schemaLocations", true);
      schema =
          f.newSchema(
              new javax.xml.transform.Source[] {
                new javax.xml.transform.stream.StreamSource(xdsb.toExternalForm()),
              });
    } catch (SAXException e) {
      throw new IllegalStateException("cannot compile the IHE XDS.b schemas", e);
    }
  }

  /** The schema errors of this element (empty = valid), at most a few, with line context. */
  public List<String> errors(Element element) {
    List<String> errors = new ArrayList<>();
    Validator v = schema.newValidator();
    try {
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
    v.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {
            // warnings do not refuse a request
          }

          @Override
          public void error(SAXParseException e) {
            if (errors.size() < 5) {
              errors.add(e.getMessage());
            }
          }

          @Override
          public void fatalError(SAXParseException e) throws SAXException {
            errors.add(e.getMessage());
            throw e;
          }
        });
    try {
      v.validate(new DOMSource(element));
    } catch (SAXException e) {
      if (errors.isEmpty()) {
        errors.add(e.getMessage());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return errors;
  }
}
