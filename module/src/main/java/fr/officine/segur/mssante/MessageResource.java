package fr.officine.segur.mssante;

import fr.officine.segur.api.message.MessageRequest;
import fr.officine.segur.api.message.MessageView;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dispensation.Dispensation;
import fr.officine.segur.dispensation.DispensationReads;
import fr.officine.segur.dispensation.DispensationStatus;
import fr.officine.segur.dmp.document.DocumentStore;
import fr.officine.segur.outbox.OutboxEntry;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/dispensations/{id}/messages} {@code {"to":"PRESCRIBER"}} → 202 {@code
 * {"messageId"}}: the dispensation document to the prescriber's MSSanté mailbox, through the outbox
 * (target MSSANTE in the dispensation's {@code sends[]}). Only for a dispensation of the acting
 * pharmacy that the base recorded (it has a document); idempotent per dispensation.
 */
@Path("dispensations/{id}/messages")
@RequestScoped
public class MessageResource {
  static final String PRESCRIBER = "PRESCRIBER";

  private static final String ONLY_RECIPIENT =
      "seul " + PRESCRIBER + ", le prescripteur de l'ordonnance, est possible.";

  private DispensationReads dispensations;
  private DocumentStore documents;
  private PrescriberMessages messages;
  private ActingProfessional acting;

  protected MessageResource() {}

  @Inject
  public MessageResource(
      DispensationReads dispensations,
      DocumentStore documents,
      PrescriberMessages messages,
      ActingProfessional acting) {
    this.dispensations = dispensations;
    this.documents = documents;
    this.messages = messages;
    this.acting = acting;
  }

  @POST
  @Performs(Action.MESSAGE_SEND)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response send(@PathParam("id") String id, MessageRequest request) {
    if (request == null || request.to() == null) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "Destinataire absent (champ « to ») : " + ONLY_RECIPIENT);
    }
    if (!PRESCRIBER.equals(request.to())) {
      // echoed only when it looks like a code: the detail never carries what a sender made up
      String which = request.to().matches("[A-Za-z_]{1,40}") ? "« " + request.to() + " » " : "";
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST, "Destinataire " + which + "inconnu : " + ONLY_RECIPIENT);
    }
    Dispensation d = dispensations.ofPharmacy(id, acting.pharmacy().finess());
    if (d.status() != DispensationStatus.RECORDED || documents.find(d.id()).isEmpty()) {
      throw new ProblemException(
          ProblemType.DISPENSATION_NOT_FOUND,
          "Cette délivrance n'a pas de document à envoyer (refusée, en attente de la base, ou aucune ligne"
              + " délivrée).");
    }
    OutboxEntry send = messages.request(d);
    return Response.accepted(new MessageView(send.id(), PRESCRIBER, send.state().name())).build();
  }
}
