#!/usr/bin/env bash
# check-install.sh — does an installed Helder run as installed?
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-install.sh SRCDIR WORKDIR [PLUGIN…] [-- MESON-OPTION…]
#
# Configures a build of SRCDIR in WORKDIR/build with its prefix in
# WORKDIR/prefix (emptied first; kept between runs only so that a second
# run rebuilds what changed, not everything), installs it there with
# `meson install`, and runs the installed `helder plugins` and
# `helder init --demo` in a clean environment: only PATH, HOME (a new
# temporary folder), LANGUAGE=nl and LC_ALL=C.UTF-8; no HELDER_* variable,
# no LD_LIBRARY_PATH. It fails unless
#   - helder finds libhelder (installed privately in LIBDIR/helder/, found
#     through the rpath) and its plugins, and every PLUGIN given shows as
#     loaded;
#   - the names and descriptions of the plugins are in Dutch (the merged
#     .plugin files), and so is what the commands print (the installed
#     catalogue);
#   - init --demo fills the database it is given.
set -euo pipefail

srcdir=$(cd "${1:?usage: check-install.sh SRCDIR WORKDIR [PLUGIN…] [-- MESON-OPTION…]}" && pwd)
work=${2:?usage: check-install.sh SRCDIR WORKDIR [PLUGIN…] [-- MESON-OPTION…]}
shift 2
plugins=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  plugins+=("$1")
  shift
done
[ $# -gt 0 ] && shift
options=("$@")

mkdir -p "$work"
work=$(cd "$work" && pwd)
build=$work/build
prefix=$work/prefix
meson=${MESON:-meson}

# Nothing of the calling build's test environment leaks into the install.
unset DESTDIR

fail () {
  printf 'check-install: FAIL: %s\n' "$*" >&2
  exit 1
}

echo "== meson setup $build --prefix $prefix ${options[*]}"
if [ -f "$build/meson-private/coredata.dat" ]; then
  "$meson" setup --reconfigure "$build" "$srcdir" --prefix "$prefix" -Dbuildtype=plain "${options[@]}" > /dev/null
else
  "$meson" setup "$build" "$srcdir" --prefix "$prefix" -Dbuildtype=plain "${options[@]}" > /dev/null
fi
echo "== meson compile"
"$meson" compile -C "$build" > "$work/compile.log" 2>&1 || {
  tail -n 40 "$work/compile.log"
  fail "the build in $build failed"
}
rm -rf "$prefix"
echo "== meson install"
"$meson" install -C "$build" --no-rebuild --quiet > "$work/install.log" 2>&1 || {
  tail -n 40 "$work/install.log"
  fail "meson install into $prefix failed"
}

exe=$prefix/bin/helder
[ -x "$exe" ] || fail "no $exe after meson install"
# The library is Helder's own: not in the public library folder.
find "$prefix" -name 'libhelder.so*' -printf 'check-install: installed %P\n'
if find "$prefix" -name 'libhelder.so*' | grep -v '/helder/libhelder\.so' | grep -q .; then
  fail "libhelder is installed outside LIBDIR/helder/"
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/helder-check-install.XXXXXX")
trap 'rm -rf "$home"' EXIT

installed () {
  env -i PATH=/usr/bin:/bin HOME="$home" LANGUAGE=nl LC_ALL=C.UTF-8 "$exe" "$@"
}

echo "== helder plugins"
out=$(installed plugins 2>&1) || {
  printf '%s\n' "$out"
  fail "the installed helder plugins failed"
}
printf '%s\n' "$out"
json=$(installed --json plugins) || fail "the installed helder --json plugins failed"

# Every plugin asked for is there and loaded; the table's words are Dutch.
for p in "${plugins[@]}"; do
  printf '%s\n' "$out" | grep -qE "^$p +.* geladen " || fail "plugin $p is not shown as loaded (geladen)"
done
if [ "${#plugins[@]}" -gt 0 ]; then
  printf '%s\n' "$out" | grep -q '^module *naam ' || fail "the header of helder plugins is not in Dutch"
else
  printf '%s\n' "$out" | grep -q '^Geen plugins gevonden' || fail "helder plugins did not say, in Dutch, that it found none"
fi

# The names and descriptions of the .plugin files, in Dutch.
declare -A dutch=(
  [email]='Verstuurt berichten'
  [desktop]='Bureaubladmeldingen'
)
for p in "${plugins[@]}"; do
  want=${dutch[$p]:-}
  [ -n "$want" ] || continue
  printf '%s\n' "$json" | grep -q "$want" || fail "the .plugin text of $p is not in Dutch (no “$want”)"
done

echo "== helder init --demo"
db=$home/data/helder.db
out=$(installed --db "$db" init --demo 2>&1) || {
  printf '%s\n' "$out"
  fail "the installed helder init --demo failed"
}
printf '%s\n' "$out"
[ -s "$db" ] || fail "init --demo wrote no database at $db"
printf '%s\n' "$out" | grep -q 'aangemaakt in' || fail "helder init --demo did not speak Dutch"
out=$(installed --db "$db" status 2>&1) || {
  printf '%s\n' "$out"
  fail "the installed helder status failed"
}
printf '%s\n' "$out" | head -n 5
echo "check-install: ok"
