package fr.officine.segur.dispensation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The reasons a line is not delivered live in three places that cannot share code: the api enum
 * (the source), the base's stand-in WSDL (what travels) and the counter page's list (what the
 * pharmacist picks). A missing entry used to fail at run time; here the build fails on any drift
 * (issue 14 §6).
 */
class NotDeliveredReasonListsTest {
  private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

  @Test
  void the_wsdl_lists_the_api_reasons_in_the_same_order() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Document wsdl;
    try (InputStream in =
        NotDeliveredReasonListsTest.class.getResourceAsStream("/wsdl/eprescription.wsdl")) {
      wsdl = f.newDocumentBuilder().parse(in);
    }
    List<String> listed = new ArrayList<>();
    NodeList types = wsdl.getElementsByTagNameNS(XS, "simpleType");
    for (int i = 0; i < types.getLength(); i++) {
      Element type = (Element) types.item(i);
      if ("MotifNonDelivrance".equals(type.getAttribute("name"))) {
        NodeList values = type.getElementsByTagNameNS(XS, "enumeration");
        for (int j = 0; j < values.getLength(); j++) {
          listed.add(((Element) values.item(j)).getAttribute("value"));
        }
      }
    }
    assertThat(listed).containsExactlyElementsOf(names());
  }

  @Test
  void the_counter_page_lists_the_api_reasons_with_their_french_labels() throws Exception {
    String js =
        Files.readString(Path.of("src/main/webapp/assets/format.js"), StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile("NOT_DELIVERED_REASONS = Object\\.freeze\\(\\[(.*?)\\]\\);", Pattern.DOTALL)
            .matcher(js);
    assertThat(block.find()).as("NOT_DELIVERED_REASONS in format.js").isTrue();
    List<String> listed = new ArrayList<>();
    Matcher entry = Pattern.compile("\\['([A-Z_]+)', '([^']*)'\\]").matcher(block.group(1));
    while (entry.find()) {
      listed.add(entry.group(1) + " = " + entry.group(2));
    }
    assertThat(listed)
        .containsExactlyElementsOf(
            Arrays.stream(NotDeliveredReason.values())
                .map(r -> r.name() + " = " + r.label())
                .toList());
  }

  private static List<String> names() {
    return Arrays.stream(NotDeliveredReason.values()).map(Enum::name).toList();
  }
}
