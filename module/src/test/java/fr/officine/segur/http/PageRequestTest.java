package fr.officine.segur.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageRequestTest {
  @Test
  void the_first_page_has_no_position_and_the_default_limit() {
    PageRequest page = PageRequest.of("audit", null, null, 200, 1000);
    assertThat(page.after()).isEmpty();
    assertThat(page.limit()).isEqualTo(200);
    assertThat(page.fetch()).as("one more, to know whether a next page exists").isEqualTo(201);
    assertThat(PageRequest.of("audit", " 5 ", "", 200, 1000).limit()).isEqualTo(5);
  }

  @Test
  void a_cursor_given_by_a_list_brings_its_position_back_opaque_and_url_safe() {
    String cursor =
        PageRequest.cursor("dispensations-IN_DOUBT", "0b5a4bde-8a0e-4b6c-9d55-3f1c2a7e9f10");
    assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain("0b5a4bde");
    assertThat(PageRequest.of("dispensations-IN_DOUBT", "10", cursor, 100, 1000).after())
        .contains("0b5a4bde-8a0e-4b6c-9d55-3f1c2a7e9f10");
  }

  @Test
  void a_cursor_of_another_list_or_made_up_is_refused_in_french() {
    String audit = PageRequest.cursor("audit", "42");
    assertThatThrownBy(() -> PageRequest.of("dispensations-IN_DOUBT", null, audit, 100, 1000))
        .isInstanceOf(InvalidPageRequestException.class)
        .hasMessageContaining("lien « next »");
    assertThatThrownBy(() -> PageRequest.of("audit", null, "%%%", 100, 1000))
        .isInstanceOf(InvalidPageRequestException.class);
    assertThatThrownBy(
            () -> PageRequest.of("audit", null, PageRequest.cursor("audit", ""), 100, 1000))
        .isInstanceOf(InvalidPageRequestException.class);
  }

  @Test
  void a_position_the_list_cannot_read_is_a_cursor_it_did_not_give() {
    assertThat(
            PageRequest.of("audit", null, PageRequest.cursor("audit", "42"), 200, 1000)
                .position(Long::parseLong))
        .contains(42L);
    assertThat(PageRequest.of("audit", null, null, 200, 1000).position(Long::parseLong)).isEmpty();
    PageRequest forged =
        PageRequest.of("audit", null, PageRequest.cursor("audit", "quarante"), 200, 1000);
    assertThatThrownBy(() -> forged.position(Long::parseLong))
        .isInstanceOf(InvalidPageRequestException.class)
        .hasMessageContaining("lien « next »");
  }

  @Test
  void a_limit_out_of_range_is_refused_not_silently_changed() {
    for (String limit : new String[] {"0", "-1", "1001", "deux", "1e3"}) {
      assertThatThrownBy(() -> PageRequest.of("audit", limit, null, 200, 1000))
          .as(limit)
          .isInstanceOf(InvalidPageRequestException.class)
          .hasMessage("limit : un nombre entier de 1 à 1000 est attendu.");
    }
  }
}
