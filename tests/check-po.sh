#!/usr/bin/env bash
# check-po.sh — is every user-visible string translated into Dutch?
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-po.sh [SRCDIR [LANG]]      (defaults: this tree, nl)
#
# Fails, naming each offender, when:
#   - a file listed in po/POTFILES.in does not exist;
#   - a .c file under core/ or plugins/ marks strings with _(), N_(), C_(),
#     NC_() or ngettext() but is not listed in po/POTFILES.in (nor is a
#     .desktop.in, .plugin.desktop.in or .metainfo.xml.in under data/ or
#     plugins/);
#   - a msgid extracted from those files is missing from po/LANG.po, is
#     untranslated there or is fuzzy;
#   - a .c file calls a bare gettext()/ngettext() (wrong text domain for a
#     library) or puts a glib format macro (G_GINT64_FORMAT, …) inside a
#     translatable string (the msgid is cut at the macro);
#   - msgfmt --check rejects po/LANG.po, or the catalogue merged with the
#     fresh template (format strings that do not match, a bad header).
# It writes nothing in the tree: the template is made in a temporary folder.
set -euo pipefail

srcdir=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"}
lang=${2:-nl}
cd "$srcdir"

pofile=po/$lang.po
tmp=$(mktemp -d "${TMPDIR:-/tmp}/helder-check-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The same options meson passes for i18n.gettext (preset: 'glib') plus the
# extra args in po/meson.build: keep the two in step.
# shellcheck disable=SC2054 # the commas belong to xgettext keyword specs
xgettext_args=(
  --package-name=helder
  -k_
  --from-code=UTF-8
  --add-comments
  --keyword=_
  --keyword=N_
  --keyword=C_:1c,2
  --keyword=NC_:1c,2
  --keyword=g_dcgettext:2
  --keyword=g_dngettext:2,3
  --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format
  --flag=C_:2:pass-c-format
  --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format
  --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format
  --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format
  --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format
  --flag=g_print:1:c-format
  --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format
  --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format
  --flag=g_snprintf:3:c-format
  --copyright-holder="The Helder authors"
  --msgid-bugs-address=https://github.com/helder-nl/helder/issues
  --flag=g_prefix_error:2:c-format
  --flag=g_propagate_prefixed_error:3:c-format
  --flag=helder_cli_usage_error:2:c-format
  --keyword=Description
)

# Problems are listed at the end, after the (long) lists of msgids, so that
# the tail of the output that meson shows holds all of them.
problems=()
problem () {
  problems+=("$*")
}

finish () {
  local translated=$1
  echo
  if [ "${#problems[@]}" -gt 0 ]; then
    printf '%s\n' "${problems[@]}"
  fi
  echo "check-po: $lang: $total msgids, $translated translated, ${fuzzy:-0} fuzzy, ${untranslated:-0} untranslated; ${#problems[@]} problem(s)"
  [ "${#problems[@]}" -eq 0 ]
}

# Entries of a .po file, the header left out, one blank line between them.
entries () {
  awk 'BEGIN { RS = ""; ORS = "\n\n" } !/(^|\n)msgid ""\nmsgstr/' "$1"
}

for tool in xgettext msgmerge msgattrib msgfmt; do
  if ! command -v "$tool" > /dev/null; then
    echo "check-po: $tool is not installed (Debian package gettext)"
    exit 1
  fi
done

# 1. Every file of POTFILES.in exists.
potfiles=()
while IFS= read -r line; do
  line=${line%%#*}
  line=${line%"${line##*[![:space:]]}"}
  [ -n "$line" ] || continue
  if [ -f "$line" ]; then
    potfiles+=("$line")
  else
    problem "po/POTFILES.in: $line does not exist"
  fi
done < po/POTFILES.in

listed () {
  local f
  for f in "${potfiles[@]}"; do
    [ "$f" = "$1" ] && return 0
  done
  return 1
}

# 2. Every file with translatable strings is in POTFILES.in.
dirs=()
for d in core plugins; do
  [ -d "$d" ] && dirs+=("$d")
done
if [ "${#dirs[@]}" -gt 0 ]; then
  while IFS= read -r f; do
    listed "$f" || problem "$f: has translatable strings but is not listed in po/POTFILES.in"
  done < <(grep -rlE --include='*.c' \
             '(^|[^[:alnum:]_])((N|C|NC)?_|ngettext|g_dngettext) ?\( *"' "${dirs[@]}" | sort || true)
fi
for d in data plugins; do
  [ -d "$d" ] || continue
  while IFS= read -r f; do
    listed "$f" || problem "$f: is translatable but is not listed in po/POTFILES.in"
  done < <(find "$d" -path data/demo -prune -o -type f \
             \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \) -print | sort)
done

# libhelder and its plugins are libraries: a bare gettext()/ngettext() looks
# in the program's default domain, not Helder's, and is never translated.
if [ "${#dirs[@]}" -gt 0 ]; then
  while IFS=: read -r file line match; do
    fn=${match//[^[:alpha:]]/}
    problem "$file:$line: a bare $fn() looks in the program's text domain, not Helder's, so it is never translated: use _() or g_dngettext (GETTEXT_PACKAGE, …)"
  done < <(grep -rnoE --include='*.c' '(^|[^[:alnum:]_])(gettext|ngettext|dgettext|dngettext) ?\(' "${dirs[@]}" || true)
fi

# 3. A fresh template from those files.
printf '%s\n' "${potfiles[@]}" > "$tmp/POTFILES"
if ! xgettext "${xgettext_args[@]}" -D "$srcdir" -f "$tmp/POTFILES" \
       -o "$tmp/helder.pot" 2> "$tmp/xgettext.log"; then
  cat "$tmp/xgettext.log"
  problem "xgettext failed on the files of po/POTFILES.in"
fi
# A macro such as G_GINT64_FORMAT inside _() cuts the msgid at the macro:
# the string looked up at run time is never in the catalogue. <inttypes.h>'s
# PRId64/PRIu64 are the forms xgettext and gettext understand (and %zu for
# gsize). xgettext's own warnings about broken format strings count too.
declare -A macro_hits=()
if [ "${#potfiles[@]}" -gt 0 ]; then
  while IFS= read -r hit; do
    where=${hit%%:_*}
    where=${where%%:N_*}
    macro_hits["$where"]=1
    problem "$where: a glib format macro inside a translatable string cuts its msgid: ${hit#"$where":}; use PRId64/PRIu64 from <inttypes.h>, or %zu for a gsize"
  done < <(grep -noE '(^|[^[:alnum:]_])(N|C|NC)?_ ?\( *"([^"\\]|\\.)*" *G_G[A-Z0-9]*_(FORMAT|MODIFIER)' \
             "${potfiles[@]}" 2> /dev/null | sed -E 's/^([^:]+:[0-9]+:)[^_N]*/\1/' || true)
fi
while IFS= read -r warning; do
  where=$(printf '%s\n' "$warning" | cut -d: -f1,2)
  [ -n "${macro_hits[$where]:-}" ] && continue
  problem "$warning"
done < <(grep 'not a valid C format string' "$tmp/xgettext.log" || true)
if [ ! -f "$tmp/helder.pot" ]; then
  # xgettext writes nothing when it finds no string at all.
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' > "$tmp/helder.pot"
fi
total=$(entries "$tmp/helder.pot" | grep -c '^msgid ' || true)

if [ ! -f "$pofile" ]; then
  problem "$pofile does not exist: bootstrap it with msginit --no-translator -l nl_NL.UTF-8 -i po/helder.pot -o $pofile"
  untranslated=$total
  finish 0
  exit 1
fi

# 4. The catalogue itself compiles and its format strings match.
if ! msgfmt --check -o /dev/null "$pofile" > "$tmp/msgfmt.log" 2>&1; then
  cat "$tmp/msgfmt.log"
  problem "$pofile: msgfmt --check failed"
fi

# 5. Merged with the fresh template (no fuzzy guessing, so a new msgid shows
# up as untranslated), nothing is untranslated or fuzzy and msgfmt --check
# still passes with the template's current format flags.
msgmerge --quiet --force-po --no-fuzzy-matching --no-wrap -o "$tmp/merged.po" "$pofile" "$tmp/helder.pot"

if ! msgfmt --check -o /dev/null "$tmp/merged.po" > "$tmp/merged.log" 2>&1; then
  sed "s|$tmp/merged.po|$pofile (merged with the template)|g" "$tmp/merged.log"
  problem "$pofile: msgfmt --check failed after merging with the current template"
fi

msgattrib --force-po --untranslated --no-obsolete --no-wrap -o "$tmp/untranslated.po" "$tmp/merged.po"
msgattrib --force-po --only-fuzzy --no-obsolete --no-wrap -o "$tmp/fuzzy.po" "$tmp/merged.po"
untranslated=$(entries "$tmp/untranslated.po" | grep -c '^msgid ' || true)
fuzzy=$(entries "$tmp/fuzzy.po" | grep -c '^msgid ' || true)
if grep -q '^#,.*fuzzy' <(awk 'BEGIN { RS = "" } /(^|\n)msgid ""\nmsgstr/ { print; exit }' "$tmp/merged.po"); then
  problem "$pofile: the header entry is fuzzy, so msgfmt ignores its charset: remove \"#, fuzzy\" above it"
fi

if [ "$untranslated" -gt 0 ]; then
  echo "== $pofile: missing or untranslated:"
  entries "$tmp/untranslated.po"
  problem "$pofile: $untranslated msgid(s) missing or untranslated (listed above)"
fi
if [ "$fuzzy" -gt 0 ]; then
  echo "== $pofile: fuzzy (review, then remove the \"fuzzy\" flag):"
  entries "$tmp/fuzzy.po"
  problem "$pofile: $fuzzy fuzzy translation(s) (listed above)"
fi

finish $((total - untranslated - fuzzy))
