package fr.officine.segur.sandbox.dmp;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** rs:RegistryResponse and its RegistryErrorList (ebRS 3.0), used by ITI-41 and ITI-18 answers. */
final class RegistryResponses {
  private RegistryResponses() {}

  static Element success(Document doc) {
    Element r = doc.createElementNS(Xml.RS, "rs:RegistryResponse");
    r.setAttribute("status", DmpNames.SUCCESS);
    return r;
  }

  static Element failure(Document doc, List<RegistryError> errors) {
    Element r = doc.createElementNS(Xml.RS, "rs:RegistryResponse");
    r.setAttribute("status", DmpNames.FAILURE);
    r.appendChild(errorList(doc, errors));
    return r;
  }

  static Element errorList(Document doc, List<RegistryError> errors) {
    Element list = doc.createElementNS(Xml.RS, "rs:RegistryErrorList");
    list.setAttribute("highestSeverity", DmpNames.SEVERITY_ERROR);
    for (RegistryError e : errors) {
      Element error = doc.createElementNS(Xml.RS, "rs:RegistryError");
      error.setAttribute("errorCode", e.errorCode());
      error.setAttribute("codeContext", e.codeContext());
      error.setAttribute("location", e.location());
      error.setAttribute("severity", DmpNames.SEVERITY_ERROR);
      list.appendChild(error);
    }
    return list;
  }
}
