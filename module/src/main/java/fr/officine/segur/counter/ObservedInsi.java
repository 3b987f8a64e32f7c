package fr.officine.segur.counter;

import fr.officine.segur.identity.CarteVitaleBeneficiary;
import fr.officine.segur.identity.InsiAnswer;
import fr.officine.segur.identity.InsiService;
import fr.officine.segur.trust.CallerContext;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times every INSi call for the health lights (what counts as down: {@link ServiceHealth#ended}).
 */
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
    return observe(
        () -> delegate.searchByTraits(birthName, firstNames, sex, birthDate, birthPlace, caller));
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
    } catch (RuntimeException e) {
      health.ended(NationalService.INSI, Duration.ofNanos(System.nanoTime() - start), e);
      throw e;
    }
  }
}
