#!/usr/bin/env bash
# The arrows between the module's feature packages, drawn from the compiled classes with the JDK's
# jdeps (issue 14 §1). ArchitectureTest is what fails the build; this only draws the picture.
#
#   build/package-arrows.sh                 the arrows of the working tree
#   build/package-arrows.sh REV             the arrows of a git revision (built in a temporary worktree)
#   build/package-arrows.sh BEFORE AFTER    the arrows gone and the arrows new between two revisions,
#                                           and the pairs of packages using each other on each side
#
# Maven runs offline (-o): the revisions' dependencies must already be in ~/.m2 (build once online).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

arrows_of_tree() {
  (cd "$1" && mvn -B -q -o -pl module -am compile \
      -Djs.skip=true -Dspotbugs.skip=true -Dspotless.check.skip=true >/dev/null) \
    || { echo "compile failed in $1" >&2; return 1; }
  jdeps -verbose:package -filter:none -e 'fr\.officine\.segur\..*' "$1/module/target/classes" \
    | awk '$1 ~ /^fr\./ && $2 == "->" {print $1, $3}' | grep -v '\.api\.' \
    | sed 's/fr\.officine\.segur\.//g' \
    | awk '{split($1,a,"."); split($2,b,"."); f=a[1]; t=b[1];
            if ($1 ~ /^dmp\.document/) f="dmp.document"; if ($2 ~ /^dmp\.document/) t="dmp.document";
            if (f != t) print f " -> " t}' | sort -u
}

arrows_of_rev() {
  local tree
  tree="$(mktemp -d)"
  git -C "$repo" worktree add -q --detach "$tree" "$1"
  arrows_of_tree "$tree" || { git -C "$repo" worktree remove --force "$tree"; return 1; }
  git -C "$repo" worktree remove --force "$tree"
}

# "a <-> b" for every two packages that use each other: the smallest cycles
mutual() {
  awk '{ seen[$1" "$3]=1 } END { for (k in seen) { split(k, p, " ");
         if (p[1] < p[2] && ((p[2]" "p[1]) in seen)) print "  " p[1] " <-> " p[2] } }' "$1" | sort \
    | grep . || echo "  (none)"
}

case $# in
  0) arrows_of_tree "$repo" ;;
  1) arrows_of_rev "$1" ;;
  2)
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    arrows_of_rev "$1" >"$work/before"
    arrows_of_rev "$2" >"$work/after"
    echo "$1: $(wc -l <"$work/before") arrows; packages using each other:"
    mutual "$work/before"
    echo "$2: $(wc -l <"$work/after") arrows; packages using each other:"
    mutual "$work/after"
    echo "gone:"
    comm -23 "$work/before" "$work/after" | sed 's/^/  /'
    echo "new:"
    comm -13 "$work/before" "$work/after" | sed 's/^/  /'
    ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
