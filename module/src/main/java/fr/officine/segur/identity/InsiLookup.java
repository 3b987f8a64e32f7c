package fr.officine.segur.identity;

import fr.officine.segur.trust.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The lookup strategy of the practice (padoa/tlsi-ins, DOMAIN-FACTS §3.2): query INSi with each
 * birth first name alone, in order, then with the full list; stop at the first 00. A technical
 * error stops everything (it propagates as a problem): the pharmacist must not get a 01 that only
 * means "INSi did not answer".
 */
@ApplicationScoped
public class InsiLookup {
  private InsiService insi;

  protected InsiLookup() {}

  @Inject
  public InsiLookup(InsiService insi) {
    this.insi = insi;
  }

  /** The final answer and how many calls it took. */
  public record Outcome(InsiAnswer answer, int queries) {}

  public Outcome lookup(InsiQuery query, CallerContext caller) {
    int queries = 0;
    boolean several = false;
    for (String firstNames : query.firstNameAttempts()) {
      InsiAnswer answer =
          insi.searchByTraits(
              query.birthName(),
              firstNames,
              query.sex(),
              query.birthDate(),
              query.birthPlace(),
              caller);
      queries++;
      if (answer.code() == InsiAnswer.Code.FOUND) {
        return new Outcome(answer, queries);
      }
      several |= answer.code() == InsiAnswer.Code.SEVERAL;
    }
    // 02 on any attempt means candidates exist: the pharmacist should add the birth place, which a
    // 01 would not suggest
    return new Outcome(
        InsiAnswer.of(several ? InsiAnswer.Code.SEVERAL : InsiAnswer.Code.NOT_FOUND), queries);
  }
}
