package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * A pharmacy's dispensations as the counter and an LGO read them: each with its sends to the
 * national services, its document links, its lines unknown to the base and its short number.
 */
@ApplicationScoped
public class DispensationReads {
  private DispensationStore store;
  private Optional<DispensationFeed> feed;
  private Optional<UnknownProductDeliveries> unknownProducts;
  private Optional<DispensationNumbers> numbers;

  protected DispensationReads() {}

  @Inject
  public DispensationReads(
      DispensationStore store,
      DispensationFeed feed,
      UnknownProductDeliveries unknownProducts,
      DispensationNumbers numbers) {
    this(store, Optional.of(feed), Optional.of(unknownProducts), Optional.of(numbers));
  }

  /** The dispensations alone, without sends nor numbers (tests of the base exchange). */
  DispensationReads(DispensationStore store) {
    this(store, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private DispensationReads(
      DispensationStore store,
      Optional<DispensationFeed> feed,
      Optional<UnknownProductDeliveries> unknownProducts,
      Optional<DispensationNumbers> numbers) {
    this.store = store;
    this.feed = feed;
    this.unknownProducts = unknownProducts;
    this.numbers = numbers;
  }

  /**
   * The dispensation {@code id} of pharmacy {@code finess}, as an API call names it: another
   * pharmacy's does not exist for it (the same 404 as an unknown or malformed id, nothing
   * disclosed).
   */
  public Dispensation ofPharmacy(String id, String finess) {
    DispensationId checked;
    try {
      checked = DispensationId.parse(id);
    } catch (InvalidIdentifierException e) {
      throw notFound();
    }
    return store
        .find(checked)
        .filter(d -> d.pharmacyFiness().equals(finess))
        .orElseThrow(DispensationReads::notFound);
  }

  /**
   * The pharmacy's dispensations in {@code status}, newest first (at most {@code limit}), after
   * {@code after} in that order when given (the next page).
   */
  public List<Dispensation> ofPharmacy(
      String finess, DispensationStatus status, Optional<DispensationId> after, int limit) {
    return store.findAll(store.ofPharmacy(finess, status, after, limit));
  }

  /** The dispensation with its sends to the national services and the links to its document. */
  public DispensationView view(Dispensation d) {
    DispensationView v =
        feed.map(f -> DispensationViews.view(d, f.sends(d.id()), f.hasDocument(d.id())))
            .orElseGet(() -> DispensationViews.view(d));
    v =
        unknownProducts.isEmpty() || d.unknownProductLines().isEmpty()
            ? v
            : DispensationViews.withUnknownProducts(
                v, unknownProducts.get().ofDispensation(d.id().toString()));
    // the short number the counter shows, once the base recorded it
    return d.status() == DispensationStatus.RECORDED && numbers.isPresent()
        ? v.withLocalNumber(numbers.get().of(Finess.of(d.pharmacyFiness()), d.id()))
        : v;
  }

  private static ProblemException notFound() {
    return new ProblemException(
        ProblemType.DISPENSATION_NOT_FOUND,
        "Aucune délivrance de votre pharmacie sous cet identifiant.");
  }
}
