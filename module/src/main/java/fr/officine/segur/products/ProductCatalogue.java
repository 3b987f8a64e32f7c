package fr.officine.segur.products;

import fr.officine.segur.api.product.GenericGroupView;
import fr.officine.segur.api.product.ProductView;
import fr.officine.segur.api.product.SubstitutesView;
import fr.officine.segur.products.Bdpm.GenericType;
import fr.officine.segur.products.Bdpm.GroupMember;
import fr.officine.segur.products.Bdpm.Presentation;
import fr.officine.segur.products.Bdpm.Speciality;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The product reference in memory, read once from the BDPM files: search by words of the label
 * (accent- and case-insensitive, each word a prefix), by CIP13, CIP7 or CIS; substitutes from the
 * generic groups. Immutable: a new file means a new catalogue.
 */
public final class ProductCatalogue {
  /** A counter list, not a catalogue browser: beyond this the pharmacist types one more letter. */
  public static final int MAX_RESULTS = 20;

  private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^A-Z0-9]+");
  private static final int MAX_LABEL = 200;

  private final List<Entry> entries;
  private final Map<String, Entry> byCip13 = new HashMap<>();
  private final Map<String, List<Entry>> byCis = new HashMap<>();
  private final Map<String, List<GroupMember>> groupsOfCis = new HashMap<>();
  private final Map<String, List<GroupMember>> membersOfGroup = new LinkedHashMap<>();
  private final Stats stats;

  /** What was read, for the startup log and the tests. */
  public record Stats(int specialities, int presentations, int groupMembers, int skippedLines) {}

  private record Entry(ProductView view, String[] words, String denominationKey) {}

  public ProductCatalogue(
      Bdpm.Read<Speciality> specialities,
      Bdpm.Read<Presentation> presentations,
      Bdpm.Read<GroupMember> groups) {
    for (GroupMember m : groups.records()) {
      groupsOfCis.computeIfAbsent(m.cis(), k -> new ArrayList<>()).add(m);
      membersOfGroup.computeIfAbsent(m.groupId(), k -> new ArrayList<>()).add(m);
    }
    Map<String, Speciality> specialityByCis = new HashMap<>();
    for (Speciality s : specialities.records()) {
      specialityByCis.putIfAbsent(s.cis(), s);
    }
    List<Entry> all = new ArrayList<>();
    int orphans = 0;
    for (Presentation p : presentations.records()) {
      Speciality s = specialityByCis.get(p.cis());
      if (s == null || byCip13.containsKey(p.cip13())) {
        orphans++; // a pack of a speciality the file does not list, or the same CIP13 twice
        continue;
      }
      Optional<GroupMember> group =
          groupsOfCis.getOrDefault(s.cis(), List.of()).stream().findFirst();
      ProductView view =
          new ProductView(
              p.cip13(),
              p.cip7(),
              s.cis(),
              label(s.denomination(), p.label()),
              s.denomination(),
              p.label(),
              p.marketed() && s.marketed(),
              group.map(g -> new GenericGroupView(g.groupId(), g.groupLabel())).orElse(null),
              group.map(g -> g.type().name()).orElse(null),
              group.map(g -> g.type() == GenericType.PRINCEPS).orElse(false));
      Entry e =
          new Entry(view, words(s.denomination() + " " + p.label()), normalize(s.denomination()));
      all.add(e);
      byCip13.put(p.cip13(), e);
      byCis.computeIfAbsent(s.cis(), k -> new ArrayList<>()).add(e);
    }
    this.entries = List.copyOf(all);
    this.stats =
        new Stats(
            specialities.records().size(),
            all.size(),
            groups.records().size(),
            specialities.skippedLines().size()
                + presentations.skippedLines().size()
                + groups.skippedLines().size()
                + orphans);
  }

  public static ProductCatalogue empty() {
    return new ProductCatalogue(
        new Bdpm.Read<>(List.of(), List.of()),
        new Bdpm.Read<>(List.of(), List.of()),
        new Bdpm.Read<>(List.of(), List.of()));
  }

  public Stats stats() {
    return stats;
  }

  public Optional<ProductView> find(String cip13) {
    return Optional.ofNullable(byCip13.get(cip13)).map(Entry::view);
  }

  /**
   * 13 digits: that CIP13; 8 digits: the CIS's packs; 7 digits: that CIP7; otherwise words, each
   * the start of a word of the name or the pack (so "amox 1 g" finds "AMOXICILLINE … 1 g").
   * Marketed packs first, then names starting with the first word, then alphabetical.
   */
  public List<ProductView> search(String query) {
    String q = query == null ? "" : query.strip();
    if (q.matches("\\d{13}")) {
      return find(q).map(List::of).orElse(List.of());
    }
    if (q.matches("\\d{8}")) {
      return byCis.getOrDefault(q, List.of()).stream().map(Entry::view).limit(MAX_RESULTS).toList();
    }
    if (q.matches("\\d{7}")) {
      return entries.stream()
          .filter(e -> q.equals(e.view().cip7()))
          .map(Entry::view)
          .limit(MAX_RESULTS)
          .toList();
    }
    String[] asked = words(q);
    if (asked.length == 0 || normalize(q).replace(" ", "").length() < 2) {
      return List.of();
    }
    String first = asked[0];
    return entries.stream()
        .filter(
            e ->
                Arrays.stream(asked)
                    .allMatch(w -> Arrays.stream(e.words()).anyMatch(x -> x.startsWith(w))))
        .sorted(
            Comparator.comparing((Entry e) -> !e.view().marketed())
                .thenComparing(e -> !e.denominationKey().startsWith(first))
                .thenComparing(e -> e.view().label()))
        .limit(MAX_RESULTS)
        .map(Entry::view)
        .toList();
  }

  /**
   * The marketed packs of the other specialities of the product's generic group(s): generics first,
   * then the princeps, then by name. A product in no group has no substitute here.
   */
  public SubstitutesView substitutes(String cip13) {
    Entry prescribed = byCip13.get(cip13);
    if (prescribed == null) {
      return new SubstitutesView(null, null, List.of());
    }
    String cis = prescribed.view().cis();
    List<GroupMember> groups = groupsOfCis.getOrDefault(cis, List.of());
    if (groups.isEmpty()) {
      return new SubstitutesView(prescribed.view(), null, List.of());
    }
    List<ProductView> found = new ArrayList<>();
    for (GroupMember g : groups) {
      for (GroupMember other : membersOfGroup.getOrDefault(g.groupId(), List.of())) {
        if (other.cis().equals(cis)) {
          continue;
        }
        for (Entry e : byCis.getOrDefault(other.cis(), List.of())) {
          if (e.view().marketed()
              && found.stream().noneMatch(v -> v.cip13().equals(e.view().cip13()))) {
            found.add(e.view());
          }
        }
      }
    }
    found.sort(Comparator.comparing(ProductView::princeps).thenComparing(ProductView::label));
    GroupMember group = groups.get(0);
    return new SubstitutesView(
        prescribed.view(),
        new GenericGroupView(group.groupId(), group.groupLabel()),
        List.copyOf(found.subList(0, Math.min(found.size(), MAX_RESULTS))));
  }

  /**
   * Upper case, accents and punctuation gone: "Gélule gastro-résistante" → "GELULE GASTRO
   * RESISTANTE".
   */
  static String normalize(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    String plain = COMBINING.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT);
    return NOT_WORD.matcher(plain).replaceAll(" ").strip();
  }

  static String[] words(String text) {
    String n = normalize(text);
    return n.isEmpty() ? new String[0] : n.split(" ");
  }

  /** "DOLIPRANE 1000 mg, comprimé — plaquette(s) … de 8 comprimé(s)", at most 200 characters. */
  static String label(String denomination, String presentation) {
    String label = denomination + " — " + presentation;
    return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
  }
}
