package fr.officine.segur.dmp.document;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * CDA_extended.xsd (ANS TestContenuCDA, with the IHE Pharmacy and SDTC extensions), the test copy.
 * The schema may include its local files; the validated document may fetch nothing: no DTD, no
 * external entity, no schema location it would name itself (XXE).
 */
public final class CdaSchema {
  private final Schema schema;

  public CdaSchema() {
    try {
      SchemaFactory factory = SchemaFactory.newDefaultInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
      this.schema =
          factory.newSchema(ConformanceMaterial.resolve(ConformanceMaterial.CDA_XSD).toFile());
    } catch (SAXException e) {
      throw new IllegalStateException("CDA_extended.xsd does not load", e);
    }
  }

  /** Every error and fatal error; empty when the document is valid. */
  public List<String> errors(byte[] xml) {
    List<String> errors = new ArrayList<>();
    Validator validator = schema.newValidator();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      validator.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
              errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
              errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
          });
      validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
    } catch (SAXException e) {
      errors.add("fatal: " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return errors;
  }
}
