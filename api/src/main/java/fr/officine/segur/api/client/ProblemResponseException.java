package fr.officine.segur.api.client;

import fr.officine.segur.api.problem.Problem;

/**
 * An error answer of the module, read as its RFC 9457 problem: switch on {@link Problem#code()}
 * (the catalogue constant), show {@link Problem#title()} (the French sentence of the counter).
 */
public class ProblemResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public ProblemResponseException(Problem problem) {
    super(problem.status() + " " + problem.code() + ": " + problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
