package fr.officine.segur.counter;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.identity.CarteVitaleBeneficiary;
import fr.officine.segur.identity.InsiAnswer;
import fr.officine.segur.identity.InsiService;
import fr.officine.segur.prescription.CallerContext;
import fr.officine.segur.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/** Times every INSi call for the health lights; INSI_REFUSED is an answer, INSI_UNAVAILABLE is not. */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class ObservedInsi implements InsiService {
  @Inject @Delegate InsiService delegate;
  @Inject ServiceHealth health;

  @Override
  public InsiAnswer searchByTraits(
      String birthName,
      String firstNames,
      String sex,
      LocalDate birthDate,
      Optional<String> birthPlace,
      CallerContext caller) {
    return observe(() -> delegate.searchByTraits(birthName, firstNames, sex, birthDate, birthPlace, caller));
  }

  @Override
  public InsiAnswer searchByCarteVitale(CarteVitaleBeneficiary beneficiary, CallerContext caller) {
    return observe(() -> delegate.searchByCarteVitale(beneficiary, caller));
  }

  private InsiAnswer observe(Supplier<InsiAnswer> call) {
    long start = System.nanoTime();
    try {
      InsiAnswer answer = call.get();
      health.answered(NationalService.INSI, Duration.ofNanos(System.nanoTime() - start));
      return answer;
    } catch (ProblemException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (e.type() == ProblemType.INSI_UNAVAILABLE) {
        health.failed(NationalService.INSI, took, ProblemType.INSI_UNAVAILABLE.title());
      } else {
        health.answered(NationalService.INSI, took);
      }
      throw e;
    }
  }
}
