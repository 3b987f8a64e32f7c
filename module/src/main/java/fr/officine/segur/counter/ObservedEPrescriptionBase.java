package fr.officine.segur.counter;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.prescription.EPrescriptionBase;
import fr.officine.segur.prescription.ExecutionOrder;
import fr.officine.segur.prescription.ExecutionOutcome;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.trust.CallerContext;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Times every call to the e-prescription base for the health lights, around whichever adapter is
 * deployed (a CDI decorator, so the SOAP adapter itself is unchanged). Which failures count as down
 * is decided by {@link ServiceHealth#ended}.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class ObservedEPrescriptionBase implements EPrescriptionBase {
  @Inject @Delegate EPrescriptionBase delegate;
  @Inject ServiceHealth health;

  @Override
  public Prescription consult(PrescriptionNumber number, CallerContext caller) {
    return observe(() -> delegate.consult(number, caller));
  }

  @Override
  public ExecutionOutcome recordExecution(ExecutionOrder order, CallerContext caller) {
    return observe(() -> delegate.recordExecution(order, caller));
  }

  private <T> T observe(Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T answer = call.get();
      health.answered(NationalService.EPRESCRIPTION, Duration.ofNanos(System.nanoTime() - start));
      return answer;
    } catch (RuntimeException e) {
      health.ended(NationalService.EPRESCRIPTION, Duration.ofNanos(System.nanoTime() - start), e);
      throw e;
    }
  }
}
