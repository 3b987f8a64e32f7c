package fr.officine.segur.products;

import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.product.ProductView;
import fr.officine.segur.api.product.SubstitutesView;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/products?q=…} (label words, CIP13, CIP7 or CIS; at most 20) and {@code GET
 * /api/v1/products/{cip13}/substitutes} (same generic group). No patient data: the reference only.
 */
@Path("products")
@RequestScoped
public class ProductResource {
  private static final int MAX_QUERY = 100;

  private ProductReference reference;

  protected ProductResource() {}

  @Inject
  public ProductResource(ProductReference reference) {
    this.reference = reference;
  }

  @GET
  @Performs(Action.PRODUCT_SEARCH)
  @Produces(MediaType.APPLICATION_JSON)
  public List<ProductView> search(@QueryParam("q") String q) {
    if (q != null && q.length() > MAX_QUERY) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST,
          "Recherche trop longue (" + MAX_QUERY + " caractères au plus).");
    }
    return reference.catalogue().search(q);
  }

  @GET
  @Path("{cip13}/substitutes")
  @Performs(Action.PRODUCT_SEARCH)
  @Produces(MediaType.APPLICATION_JSON)
  public SubstitutesView substitutes(@PathParam("cip13") String cip13) {
    try {
      Cip13.of(cip13);
    } catch (InvalidIdentifierException e) {
      throw new ProblemException(ProblemType.INVALID_IDENTIFIER, e.getMessage(), null, e);
    }
    return reference.catalogue().substitutes(cip13);
  }
}
