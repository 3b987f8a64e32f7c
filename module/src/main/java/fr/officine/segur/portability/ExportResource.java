package fr.officine.segur.portability;

import fr.officine.segur.api.portability.ExportView;
import fr.officine.segur.api.portability.ExportView.ExportProgress;
import fr.officine.segur.api.portability.ExportsView;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The pharmacy's data, exportable (issue 15 §4): {@code POST /api/v1/exports} → 202 and the export
 * (built in the background), {@code GET /api/v1/exports/{id}} its status and progress, {@code GET
 * /api/v1/exports/{id}/archive.zip} the archive, {@code GET /api/v1/exports} the pharmacy's last
 * ones. The titulaire's only, audited (the matrix in {@link Action}).
 */
@Path("exports")
@RequestScoped
public class ExportResource {
  static final String ZIP = "application/zip";

  private ExportJobs jobs;
  private ExportStore store;
  private ActingProfessional acting;

  protected ExportResource() {}

  @Inject
  public ExportResource(ExportJobs jobs, ExportStore store, ActingProfessional acting) {
    this.jobs = jobs;
    this.store = store;
    this.acting = acting;
  }

  @POST
  @Performs(Action.DATA_EXPORT)
  @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
  public Response start(@Context UriInfo uri) {
    ExportRecord export = jobs.start(acting.pharmacy().finess(), acting.login());
    ExportView view = view(export, uri);
    return Response.accepted(view)
        .location(uri.getBaseUriBuilder().path("exports").path(export.id()).build())
        .build();
  }

  @GET
  @Performs(Action.DATA_EXPORT_READ)
  @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
  public ExportsView list(@Context UriInfo uri) {
    return new ExportsView(
        store.list(acting.pharmacy().finess(), 10).stream().map(e -> view(e, uri)).toList());
  }

  @GET
  @Path("{id}")
  @Performs(Action.DATA_EXPORT_READ)
  @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
  public ExportView status(@PathParam("id") String id, @Context UriInfo uri) {
    return view(find(id), uri);
  }

  @GET
  @Path("{id}/archive.zip")
  @Performs(Action.DATA_EXPORT_DOWNLOAD)
  @Produces({ZIP, "application/problem+json"})
  public Response archive(@PathParam("id") String id) {
    ExportRecord export = find(id);
    switch (export.status()) {
      case RUNNING ->
          throw new ProblemException(
              ProblemType.EXPORT_NOT_READY,
              percent(export) + " % écrits : réessayez dans un instant.");
      case FAILED -> throw new ProblemException(ProblemType.EXPORT_FAILED, export.problem());
      case EXPIRED ->
          throw new ProblemException(
              ProblemType.EXPORT_GONE, "Archive supprimée à la fin de son délai de conservation.");
      case DONE -> {
        // the answer below
      }
    }
    java.nio.file.Path file =
        jobs.archive(export)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.EXPORT_GONE,
                        "L'archive n'est pas sur ce serveur (supprimée, ou écrite par un autre nœud)."));
    StreamingOutput body =
        out -> {
          try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
          }
        };
    String name =
        "officine-segur-export-"
            + export.pharmacyFiness()
            + "-"
            + export.createdAt().toString().substring(0, 10)
            + ".zip";
    try {
      return Response.ok(body, ZIP)
          .header("Content-Length", Files.size(file))
          .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
          .header("Digest", "sha-256=" + export.sha256())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ExportRecord find(String id) {
    return store
        .find(id, acting.pharmacy().finess())
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.EXPORT_NOT_FOUND, "Export " + id + " introuvable."));
  }

  static int percent(ExportRecord e) {
    if (e.status() == ExportStatus.DONE) {
      return 100;
    }
    return e.rowsTotal() <= 0 ? 0 : (int) Math.min(99, e.rowsDone() * 100 / e.rowsTotal());
  }

  static ExportView view(ExportRecord e, UriInfo uri) {
    int percent = percent(e);
    String label =
        e.status() == ExportStatus.RUNNING
            ? e.status().label() + " (" + percent + " %)"
            : e.status().label();
    Map<String, String> links =
        e.status() == ExportStatus.DONE
            ? Map.of(
                "archive.zip",
                uri.getBaseUriBuilder()
                    .path("exports")
                    .path(e.id())
                    .path("archive.zip")
                    .build()
                    .getRawPath())
            : Map.of();
    return new ExportView(
        e.id(),
        e.status().name(),
        label,
        new ExportProgress(e.rowsDone(), e.rowsTotal(), percent),
        utc(e.createdAt()),
        utc(e.finishedAt()),
        utc(e.expiresAt()),
        e.sizeBytes(),
        e.sha256(),
        e.problem(),
        links);
  }

  private static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }
}
