package fr.officine.segur.api.dispensation;

import fr.officine.segur.api.request.FieldLimits;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * What is done on one prescribed line. {@code deliveredProduct} when substituted; {@code
 * notDeliveredReason} (a {@link NotDeliveredReason} name) when {@code quantity} is 0.
 *
 * <p>Optional, from the box's GS1 DataMatrix scanned at the counter (or typed from the pack):
 * {@code lot} (AI 10), {@code expiry} ({@code YYYY-MM-DD}, AI 17) and {@code serial} (AI 21). An
 * expired box is refused (BOX_EXPIRED), a lot under a DP recall too (BOX_LOT_RECALLED); they are
 * stored with the line and carried by the dispensation document.
 */
public record LineRequest(
    @Size(max = FieldLimits.LINE_ID) String lineId,
    int quantity,
    @Valid DeliveredProduct deliveredProduct,
    @Size(max = FieldLimits.CODE) String notDeliveredReason,
    @Size(max = FieldLimits.GS1_FIELD) String lot,
    @Size(max = FieldLimits.CODE) String expiry,
    @Size(max = FieldLimits.GS1_FIELD) String serial) {
  /** The one constructor JSON-B uses (a record with several constructors needs it named). */
  @JsonbCreator
  public LineRequest {}

  public LineRequest(
      String lineId, int quantity, DeliveredProduct deliveredProduct, String notDeliveredReason) {
    this(lineId, quantity, deliveredProduct, notDeliveredReason, null, null, null);
  }
}
