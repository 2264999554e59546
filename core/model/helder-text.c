/* helder-text.c — the one rule for text and e-mail addresses
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever reaches Helder as text — a form, the API, the CLI, an import —
 * is checked here before it is stored, so that what a page, the CLI, an
 * e-mail subject or a calendar shows is what the person typed, and nothing
 * hidden. Refused everywhere: C0 controls, DEL, the C1 controls
 * (U+0080–U+009F), the line and paragraph separators U+2028/U+2029, and
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that make text read differently from how it is stored.
 * Multi-line (Markdown) text may hold \n, \r\n and \t. Text that is not
 * empty must show something: a name of zero-width spaces is refused.
 *
 * An e-mail address follows one rule, the one an SMTP server takes without
 * SMTPUTF8, so that an address Helder stores is one the e-mail channel can
 * deliver to: the e-mail plugin asks this file too.
 */
#define G_LOG_DOMAIN "helder-text"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "helder-text.h"

#define EMAIL_MAX 254

static const struct
{
  gunichar c;
  const char *name;
} char_names[] = {
  { 0x00AD, "SOFT HYPHEN" },
  { 0x034F, "COMBINING GRAPHEME JOINER" },
  { 0x061C, "ARABIC LETTER MARK" },
  { 0x115F, "HANGUL CHOSEONG FILLER" },
  { 0x1160, "HANGUL JUNGSEONG FILLER" },
  { 0x180E, "MONGOLIAN VOWEL SEPARATOR" },
  { 0x200B, "ZERO WIDTH SPACE" },
  { 0x200C, "ZERO WIDTH NON-JOINER" },
  { 0x200D, "ZERO WIDTH JOINER" },
  { 0x200E, "LEFT-TO-RIGHT MARK" },
  { 0x200F, "RIGHT-TO-LEFT MARK" },
  { 0x2028, "LINE SEPARATOR" },
  { 0x2029, "PARAGRAPH SEPARATOR" },
  { 0x202A, "LEFT-TO-RIGHT EMBEDDING" },
  { 0x202B, "RIGHT-TO-LEFT EMBEDDING" },
  { 0x202C, "POP DIRECTIONAL FORMATTING" },
  { 0x202D, "LEFT-TO-RIGHT OVERRIDE" },
  { 0x202E, "RIGHT-TO-LEFT OVERRIDE" },
  { 0x2060, "WORD JOINER" },
  { 0x2066, "LEFT-TO-RIGHT ISOLATE" },
  { 0x2067, "RIGHT-TO-LEFT ISOLATE" },
  { 0x2068, "FIRST STRONG ISOLATE" },
  { 0x2069, "POP DIRECTIONAL ISOLATE" },
  { 0x2800, "BRAILLE PATTERN BLANK" },
  { 0x3164, "HANGUL FILLER" },
  { 0xFEFF, "ZERO WIDTH NO-BREAK SPACE" },
  { 0xFFA0, "HALFWIDTH HANGUL FILLER" },
};

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* Characters no text of Helder's may hold (besides the controls). */
static gboolean
is_refused (gunichar c)
{
  return c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Letters that draw nothing although GLib calls them graphic. */
static gboolean
is_blank_letter (gunichar c)
{
  return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x2800 || c == 0x3164 || c == 0xFFA0;
}

static gboolean
is_visible (gunichar c)
{
  return g_unichar_isgraph (c) && !is_blank_letter (c);
}

/* "U+202E RIGHT-TO-LEFT OVERRIDE", "U+0007 (a control character)". */
static char *
describe (gunichar c)
{
  if (is_control (c))
    return g_strdup_printf ("U+%04X (%s)", c, _ ("a control character"));
  for (guint i = 0; i < G_N_ELEMENTS (char_names); i++)
    if (char_names[i].c == c)
      return g_strdup_printf ("U+%04X %s", c, char_names[i].name);
  return g_strdup_printf ("U+%04X", c);
}

static gboolean
set_char_error (GError **error, gunichar c, gsize position)
{
  g_autofree char *what = describe (c);

  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("contains %s at character %zu"), what,
               position);
  return FALSE;
}

/**
 * helder_text_has_visible:
 * @text: UTF-8 text
 *
 * Returns: %TRUE when @text holds a character that shows: not a space, a
 *   control, a zero-width or other format character, or a blank letter
 *   such as U+3164 HANGUL FILLER
 */
gboolean
helder_text_has_visible (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (is_visible (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/**
 * helder_text_check:
 * @text: UTF-8 text as it would be stored
 * @kind: one line, or Markdown that may span lines
 * @error: says which character is refused and where (counted in
 *   characters from 1), without the field's name: callers prefix it
 *
 * The one text rule (see the top of this file).
 *
 * Returns: %TRUE when @text may be stored
 */
gboolean
helder_text_check (const char *text, HelderTextKind kind, GError **error)
{
  gsize position = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("not valid UTF-8 text"));
      return FALSE;
    }
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      position++;
      if (kind == HELDER_TEXT_MULTILINE && (c == '\n' || c == '\t' || (c == '\r' && p[1] == '\n')))
        continue;
      if (is_control (c) || is_refused (c))
        return set_char_error (error, c, position);
      if (!g_unichar_isspace (c))
        any = TRUE;
    }
  if (any && !helder_text_has_visible (text))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("has no visible character"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
not_an_address (const char *address, GError **error)
{
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("“%s” is not an e-mail address"),
               address);
  return FALSE;
}

/**
 * helder_text_check_email:
 * @address: an e-mail address without name or angle brackets, as stored
 * @error: says why not, without the field's name
 *
 * The one e-mail rule: an address as SMTP can carry it without SMTPUTF8 —
 * printable ASCII, one "@", no spaces or characters that need quoting, and
 * a domain of letters, digits, dots and hyphens. Hidden characters are
 * named (U+200B ZERO WIDTH SPACE at character 27).
 *
 * Returns: %TRUE when Helder may store @address and the e-mail channel can
 *   send to it
 */
gboolean
helder_text_check_email (const char *address, GError **error)
{
  const char *at;
  const char *p;
  gsize position = 0;

  g_return_val_if_fail (address != NULL, FALSE);

  if (!helder_text_check (address, HELDER_TEXT_LINE, error))
    return FALSE;
  for (p = address; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      position++;
      if (c >= 0x80 && !is_visible (c))
        return set_char_error (error, c, position);
    }
  if (address[0] == '\0' || strlen (address) > EMAIL_MAX)
    return not_an_address (address, error);
  at = strchr (address, '@');
  if (at == NULL || at == address || strchr (at + 1, '@') != NULL || at[1] == '\0')
    return not_an_address (address, error);
  for (p = address; p < at; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 127 || strchr ("<>()[]\\,;:\"", *p) != NULL)
      return not_an_address (address, error);
  if (at[1] == '.' || at[1] == '-' || address[strlen (address) - 1] == '.')
    return not_an_address (address, error);
  for (p = at + 1; *p != '\0'; p++)
    if ((!g_ascii_isalnum (*p) && *p != '.' && *p != '-') || (*p == '.' && p[1] == '.'))
      return not_an_address (address, error);
  return TRUE;
}

/**
 * helder_text_normalize_email:
 * @text: an address as typed
 * @error: says why it is not one, without the field's name
 *
 * Trims the spaces around @text, checks it with helder_text_check_email()
 * and writes the domain in lower case, so that two ways of typing one
 * address compare equal.
 *
 * Returns: (transfer full): the address as stored, or %NULL
 */
char *
helder_text_normalize_email (const char *text, GError **error)
{
  g_autofree char *address = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  address = g_strstrip (g_strdup (text));
  if (!helder_text_check_email (address, error))
    return NULL;
  for (char *p = strchr (address, '@'); *p; p++)
    *p = g_ascii_tolower (*p);
  return g_steal_pointer (&address);
}

/**
 * helder_text_isolate:
 * @text: (nullable): a name or title to put inside a sentence
 *
 * Wraps @text in U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL
 * ISOLATE, what <bdi> does on a page, for a value that a sentence carries
 * ("Made to: %s."): a name written right to left stays in its place and
 * does not pull the words around it.
 *
 * Returns: (transfer full): the isolated text
 */
char *
helder_text_isolate (const char *text)
{
  return g_strconcat ("\xe2\x81\xa8", text ? text : "", "\xe2\x81\xa9", NULL);
}

/**
 * helder_text_fold:
 * @text: (nullable): a name, an e-mail address or what someone typed to find one
 *
 * The key by which a search compares text regardless of case and accents:
 * decomposed (NFD), without its combining marks, case-folded and
 * recomposed, so that "Loïs", "LOIS" and "lois" have the same key.
 *
 * Returns: (transfer full): the key; "" for %NULL
 */
char *
helder_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr (GString) bare = NULL;

  if (text == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }
  folded = g_utf8_casefold (bare->str, bare->len);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}
