package fr.officine.segur.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.problem.ProblemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebApplicationExceptionMapperTest {
  @ParameterizedTest
  @CsvSource({
    "404,NOT_FOUND",
    "405,METHOD_NOT_ALLOWED",
    "406,NOT_ACCEPTABLE",
    "415,UNSUPPORTED_MEDIA_TYPE",
    "413,PAYLOAD_TOO_LARGE",
    "400,MALFORMED_REQUEST",
    "409,MALFORMED_REQUEST",
    "500,INTERNAL_ERROR",
    "503,INTERNAL_ERROR"
  })
  void jax_rs_refusals_become_problems_of_the_catalogue(int status, ProblemType expected) {
    assertThat(WebApplicationExceptionMapper.problemFor(status)).isEqualTo(expected);
  }
}
