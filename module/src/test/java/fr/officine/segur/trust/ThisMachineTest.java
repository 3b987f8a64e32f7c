package fr.officine.segur.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThisMachineTest {

  @Test
  void only_loopback_addresses_are_this_machine() {
    assertThat(ThisMachine.isLoopback("127.0.0.1")).isTrue();
    assertThat(ThisMachine.isLoopback("127.8.9.10")).isTrue();
    assertThat(ThisMachine.isLoopback("::1")).isTrue();
    assertThat(ThisMachine.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(ThisMachine.isLoopback("192.168.1.20")).isFalse();
    assertThat(ThisMachine.isLoopback("fe80::1")).isFalse();
    assertThat(ThisMachine.isLoopback("::ffff:192.168.1.20")).isFalse();
  }

  @Test
  void a_name_or_nothing_is_never_resolved_and_never_this_machine() {
    assertThat(ThisMachine.isLoopback("localhost")).isFalse();
    assertThat(ThisMachine.isLoopback(null)).isFalse();
    assertThat(ThisMachine.isLoopback("")).isFalse();
  }
}
