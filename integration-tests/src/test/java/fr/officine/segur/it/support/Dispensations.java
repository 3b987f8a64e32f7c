package fr.officine.segur.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Builds dispensation bodies (the ▣ contract: lines[], handwrittenLines[]). */
public final class Dispensations {
  private final JsonArrayBuilder lines = Json.createArrayBuilder();
  private final JsonArrayBuilder handwritten = Json.createArrayBuilder();
  private final JsonArrayBuilder unknownProducts = Json.createArrayBuilder();
  private final JsonArrayBuilder acknowledgements = Json.createArrayBuilder();
  private boolean anyUnknownProduct;
  private boolean anyAcknowledgement;

  public static Dispensations body() {
    return new Dispensations();
  }

  public Dispensations deliver(String lineId, int quantity) {
    lines.add(Json.createObjectBuilder().add("lineId", lineId).add("quantity", quantity));
    return this;
  }

  /** A line delivered with the box scanned: its lot, expiry (YYYY-MM-DD) and serial. */
  public Dispensations deliverBox(
      String lineId, int quantity, String lot, String expiry, String serial) {
    lines.add(
        Json.createObjectBuilder()
            .add("lineId", lineId)
            .add("quantity", quantity)
            .add("lot", lot)
            .add("expiry", expiry)
            .add("serial", serial));
    return this;
  }

  public Dispensations substitute(String lineId, int quantity, String cip13, String label) {
    JsonObjectBuilder product = Json.createObjectBuilder().add("cip13", cip13).add("label", label);
    lines.add(
        Json.createObjectBuilder()
            .add("lineId", lineId)
            .add("quantity", quantity)
            .add("deliveredProduct", product));
    return this;
  }

  public Dispensations notDelivered(String lineId, String reason) {
    lines.add(
        Json.createObjectBuilder()
            .add("lineId", lineId)
            .add("quantity", 0)
            .add("notDeliveredReason", reason));
    return this;
  }

  public Dispensations handwritten(String cip13, String label, int quantity) {
    handwritten.add(
        Json.createObjectBuilder()
            .add("cip13", cip13)
            .add("label", label)
            .add("quantity", quantity));
    return this;
  }

  /** A line flagged UNKNOWN_PRODUCT, delivered outside the base (unknownProductLines[]). */
  public Dispensations unknownProduct(String lineId, int quantity) {
    unknownProducts.add(Json.createObjectBuilder().add("lineId", lineId).add("quantity", quantity));
    anyUnknownProduct = true;
    return this;
  }

  /**
   * The pharmacist acknowledged a blocking safety signal of the line (LOT_RECALL,
   * SECURE_PRESCRIPTION, NARCOTIC_OVERLAP).
   */
  public Dispensations acknowledge(String lineId, String kind) {
    acknowledgements.add(Json.createObjectBuilder().add("lineId", lineId).add("kind", kind));
    anyAcknowledgement = true;
    return this;
  }

  public JsonObject build() {
    var body = Json.createObjectBuilder().add("lines", lines).add("handwrittenLines", handwritten);
    if (anyAcknowledgement) {
      body.add("acknowledgements", acknowledgements);
    }
    if (anyUnknownProduct) {
      body.add("unknownProductLines", unknownProducts);
    }
    return body.build();
  }
}
