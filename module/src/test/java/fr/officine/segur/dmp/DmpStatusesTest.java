package fr.officine.segur.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each TD0.2 answer (as the sandbox DMP gives it, deploy/sandbox/SEEDS.md) shows at the
 * counter.
 */
class DmpStatusesTest {
  @Test
  void active_dmp_can_be_fed() {
    var v =
        DmpStatuses.view(
            new Td02Answer(
                "OK",
                Map.of(
                    "AUTORISATION",
                    "VALIDE",
                    "STATUT_DMP",
                    "ACTIF",
                    "OPPOSITION_ALIMENTATION",
                    "NON")));
    assertThat(v.state()).isEqualTo("ACTIVE");
    assertThat(v.canFeed()).isTrue();
    assertThat(v.authorisation()).isEqualTo("VALIDE");
  }

  @Test
  void no_dmp_closed_opposed_and_blocked_cannot_be_fed() {
    assertThat(DmpStatuses.view(new Td02Answer("NF", Map.of("AUTORISATION", "NON_EXISTE"))).state())
        .isEqualTo("NONE");
    var closed =
        DmpStatuses.view(
            new Td02Answer(
                "OK",
                Map.of(
                    "AUTORISATION",
                    "NON_EXISTE",
                    "STATUT_DMP",
                    "FERME",
                    "DATE_FERMETURE",
                    "20260924")));
    assertThat(closed.state()).isEqualTo("CLOSED");
    assertThat(closed.label()).isEqualTo("DMP fermé depuis le 24/09/2026");
    var opposed =
        DmpStatuses.view(
            new Td02Answer(
                "OK",
                Map.of(
                    "AUTORISATION",
                    "VALIDE",
                    "STATUT_DMP",
                    "ACTIF",
                    "OPPOSITION_ALIMENTATION",
                    "OUI")));
    assertThat(opposed.state()).isEqualTo("OPPOSED");
    var blocked =
        DmpStatuses.view(
            new Td02Answer("OK", Map.of("AUTORISATION", "INTERDIT", "STATUT_DMP", "ACTIF")));
    assertThat(blocked.state()).isEqualTo("PS_BLOCKED");
    assertThat(java.util.List.of(closed, opposed, blocked)).noneMatch(s -> s.canFeed());
  }

  @Test
  void a_pharmacist_of_two_pharmacies_gets_in_each_the_td02_answer_given_to_that_pharmacy() {
    // issue 11 §1: TD0.2 is asked for a pharmacist and a structure; the cache never crosses
    // pharmacies
    var ins = fr.officine.segur.api.id.Ins.parse("275126322074974");
    var pharmacist = fr.officine.segur.dmp.document.DispensationSamples.TITULAIRE;
    assertThat(DmpStatuses.cacheKey(ins, pharmacist, "690100011"))
        .isNotEqualTo(DmpStatuses.cacheKey(ins, pharmacist, "690100029"))
        .isEqualTo(DmpStatuses.cacheKey(ins, pharmacist, "690100011"));
  }
}
