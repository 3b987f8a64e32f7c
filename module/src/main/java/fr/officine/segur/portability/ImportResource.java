package fr.officine.segur.portability;

import fr.officine.segur.api.portability.ImportView;
import fr.officine.segur.http.AcceptsBody;
import fr.officine.segur.http.BodyKind;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code POST /api/v1/imports} (body: the zip of {@code GET /exports/{id}/archive.zip}) restores a
 * pharmacy's data into this instance, where that pharmacy has none yet: 201 and what was restored,
 * or a problem and nothing restored. The titulaire's only, audited.
 */
@Path("imports")
@RequestScoped
public class ImportResource {
  private Imports imports;
  private ActingProfessional acting;

  protected ImportResource() {}

  @Inject
  public ImportResource(Imports imports, ActingProfessional acting) {
    this.imports = imports;
    this.acting = acting;
  }

  @POST
  @Performs(Action.DATA_IMPORT)
  @AcceptsBody(BodyKind.ARCHIVE)
  @Consumes({ExportResource.ZIP, MediaType.APPLICATION_OCTET_STREAM})
  @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
  public Response importArchive(InputStream archive) {
    ImportView restored = imports.importArchive(archive, acting.pharmacy().finess());
    return Response.status(Response.Status.CREATED).entity(restored).build();
  }
}
