package fr.officine.segur.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paging through a list whose rows share times: every row once, in order, whatever the page size.
 */
class KeysetTest {
  static Database db;

  @BeforeAll
  static void database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:keyset-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    db = new Database(h2);
    db.useTransaction(
        h -> {
          h.execute("CREATE TABLE item (id VARCHAR(10) PRIMARY KEY, seen_at INT NOT NULL)");
          // b and c share a time, as do d and e: the id breaks the tie
          for (String[] row :
              new String[][] {
                {"a", "1"}, {"c", "2"}, {"b", "2"}, {"e", "3"}, {"d", "3"}, {"f", "4"}
              }) {
            h.execute(
                "INSERT INTO item (id, seen_at) VALUES (?, ?)", row[0], Integer.parseInt(row[1]));
          }
        });
  }

  @Test
  void oldest_first_pages_follow_time_then_id() {
    Keyset keyset = new Keyset("item", "i", "seen_at", false);
    assertThat(all(keyset, 1)).containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(all(keyset, 2)).containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(all(keyset, 4)).containsExactly("a", "b", "c", "d", "e", "f");
  }

  @Test
  void newest_first_pages_follow_time_then_id_backwards() {
    Keyset keyset = new Keyset("item", "", "seen_at", true);
    assertThat(all(keyset, 1)).containsExactly("f", "e", "d", "c", "b", "a");
    assertThat(all(keyset, 3)).containsExactly("f", "e", "d", "c", "b", "a");
  }

  private static List<String> all(Keyset keyset, int pageSize) {
    List<String> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      Optional<String> position = after;
      String from = keyset.alias().isEmpty() ? "item" : "item " + keyset.alias();
      List<String> page =
          db.withHandle(
              h ->
                  keyset
                      .bindAfter(
                          h.createQuery(
                              "SELECT "
                                  + (keyset.alias().isEmpty() ? "" : keyset.alias() + ".")
                                  + "id FROM "
                                  + from
                                  + " WHERE 1 = 1"
                                  + keyset.after(position)
                                  + keyset.page(pageSize)),
                          position)
                      .mapTo(String.class)
                      .list());
      seen.addAll(page);
      if (page.size() < pageSize) {
        return seen;
      }
      after = Optional.of(page.get(page.size() - 1));
    }
  }
}
