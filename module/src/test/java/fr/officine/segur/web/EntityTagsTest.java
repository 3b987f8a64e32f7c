package fr.officine.segur.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ETag and If-None-Match (RFC 9110 §8.8.3, §13.1.2), issue 16 §4. */
class EntityTagsTest {
  static final String TAG =
      EntityTags.tagOf("{\"status\":\"OPEN\"}".getBytes(StandardCharsets.UTF_8));

  @Test
  void the_tag_changes_exactly_when_the_answer_does() {
    assertThat(TAG).startsWith("\"").endsWith("\"").hasSize(45);
    assertThat(EntityTags.tagOf("{\"status\":\"OPEN\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(TAG);
    assertThat(EntityTags.tagOf("{\"status\":\"PARTIAL\"}".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(TAG);
  }

  @Test
  void if_none_match_naming_it_weakly_or_in_a_list_or_star_matches() {
    assertThat(EntityTags.matches(TAG, TAG)).isTrue();
    assertThat(EntityTags.matches("W/" + TAG, TAG)).isTrue();
    assertThat(EntityTags.matches("\"other\", " + TAG, TAG)).isTrue();
    assertThat(EntityTags.matches("*", TAG)).isTrue();
  }

  @Test
  void another_tag_or_none_does_not() {
    assertThat(EntityTags.matches(null, TAG)).isFalse();
    assertThat(EntityTags.matches("", TAG)).isFalse();
    assertThat(EntityTags.matches("\"other\"", TAG)).isFalse();
    assertThat(EntityTags.matches(TAG.substring(1), TAG)).isFalse();
  }
}
