package fr.officine.segur.trust.cps;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §12/§13: the card readers are listed, and the card used, only at the reader's machine.
 */
class CpsWorkstationsTest {
  private final CpsWorkstations byDefault = new CpsWorkstations("127.0.0.1,::1");

  @Test
  void the_readers_are_listed_to_the_machine_holding_them_only() {
    assertThatCode(() -> byDefault.checkReaders("127.0.0.1")).doesNotThrowAnyException();
    assertThatCode(() -> byDefault.checkReaders("0:0:0:0:0:0:0:1")).doesNotThrowAnyException();
    for (String other : new String[] {"192.168.1.20", "fe80::1", "localhost", "", null}) {
      assertThatThrownBy(() -> byDefault.checkReaders(other))
          .as(String.valueOf(other))
          .isInstanceOfSatisfying(
              ProblemException.class,
              p ->
                  org.assertj.core.api.Assertions.assertThat(p.type())
                      .isEqualTo(ProblemType.CPS_WORKSTATION_REFUSED));
    }
  }

  @Test
  void a_declared_workstation_may_list_them_too() {
    assertThatCode(() -> new CpsWorkstations("127.0.0.1,192.168.1.20").checkReaders("192.168.1.20"))
        .doesNotThrowAnyException();
  }
}
