package fr.officine.segur.counter;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.dp.DossierPharmaceutique;
import fr.officine.segur.trust.CallerContext;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Times every DP call for the health lights (what counts as down: {@link ServiceHealth#ended}). */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class ObservedDp implements DossierPharmaceutique {
  @Inject @Delegate DossierPharmaceutique delegate;
  @Inject ServiceHealth health;

  @Override
  public Consultation consult(
      Ins ins, int months, List<String> envisagedCip13, CallerContext caller) {
    return observe(() -> delegate.consult(ins, months, envisagedCip13, caller));
  }

  @Override
  public Recorded record(RecordRequest request, CallerContext caller) {
    return observe(() -> delegate.record(request, caller));
  }

  private <T> T observe(Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T answer = call.get();
      health.answered(NationalService.DP, Duration.ofNanos(System.nanoTime() - start));
      return answer;
    } catch (RuntimeException e) {
      health.ended(NationalService.DP, Duration.ofNanos(System.nanoTime() - start), e);
      throw e;
    }
  }
}
