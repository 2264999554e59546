/* helder-json.c — JSON from outside: refused before json-glib mishandles it, then parsed
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 parses nested arrays and objects recursively and has no
 * limit, so a few megabytes of "[[[[…" overflow the stack. This scanner walks
 * the bytes once, keeping track of strings (and the escapes inside them) so
 * that brackets in text do not count, and stops at the first container that
 * opens deeper than allowed. On the way it refuses two things json-glib
 * gets wrong (a second top-level value, escapes JSON does not allow); it
 * does not otherwise validate the JSON: the parser does that afterwards.
 *
 * It must skip exactly what json-glib's scanner skips and no more, or
 * brackets hidden from us would still nest in the parser: strings in double
 * quotes (with backslash escapes), strings in single quotes (without
 * escapes) and comments — which for json-glib 1.6 run from a "/" to the
 * next "/": a C comment works only as long as it holds no other slash, and
 * "[1, /x 2 / 3]" is [1, 3]. Counting too much is safe (the input is
 * refused); counting too little is not. tests/fuzz/fuzz-json-depth.c checks
 * this against json-glib.
 *
 * Numbers are checked here too, because json-glib 1.6 reads an integer
 * into a guint64 and negates it: -18446744073709551518 arrives as 98,
 * 99999999999999999999 as -1, "012" as octal 10 and "0x10" as 16, with no
 * error. A number must be written as JSON writes it, and a whole number
 * must fit in a gint64; the refusal names the member it belongs to.
 */
#define G_LOG_DOMAIN "helder-json"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/util/helder-json.h"

static int
hex_value (const char *p)
{
  int value = 0;

  for (guint k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The length of the escape at @p (which starts with a backslash), or 0 when
 * it is not one JSON allows. json-glib 1.6 is lax here: it takes "\q" and
 * "\uzzzz", turns "\ud800x" into invalid UTF-8, cuts text at "\u0000",
 * and leaks memory on a malformed surrogate pair. */
static gsize
escape_length (const char *p, gsize left)
{
  int unit, low;

  if (left < 2)
    return 0;
  if (strchr ("\"\\/bfnrt", p[1]) != NULL && p[1] != '\0')
    return 2;
  if (p[1] != 'u' || left < 6 || (unit = hex_value (p + 2)) < 0)
    return 0;
  if (unit == 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
    return 0;
  if (unit < 0xD800 || unit > 0xDBFF)
    return 6;
  /* a high surrogate needs its low half */
  if (left < 12 || p[6] != '\\' || p[7] != 'u' || (low = hex_value (p + 8)) < 0 || low < 0xDC00 ||
      low > 0xDFFF)
    return 0;
  return 12;
}

/* The length of the number token that starts at @p: what json-glib's
 * scanner would take as one (digits, letters, dots, signs). */
static gsize
number_token_length (const char *p, gsize left)
{
  gsize n = 1;

  while (n < left &&
         (g_ascii_isalnum (p[n]) || p[n] == '.' || p[n] == '-' || p[n] == '+' || p[n] == '_'))
    n++;
  return n;
}

/* Whether @p (@n bytes) is a JSON number; *integral tells whether it has
 * neither a fraction nor an exponent. */
static gboolean
is_json_number (const char *p, gsize n, gboolean *integral)
{
  gsize i = 0;

  *integral = TRUE;
  if (i < n && p[i] == '-')
    i++;
  if (i >= n || !g_ascii_isdigit (p[i]))
    return FALSE;
  if (p[i] == '0')
    i++;
  else
    while (i < n && g_ascii_isdigit (p[i]))
      i++;
  if (i < n && p[i] == '.')
    {
      *integral = FALSE;
      i++;
      if (i >= n || !g_ascii_isdigit (p[i]))
        return FALSE;
      while (i < n && g_ascii_isdigit (p[i]))
        i++;
    }
  if (i < n && (p[i] == 'e' || p[i] == 'E'))
    {
      *integral = FALSE;
      i++;
      if (i < n && (p[i] == '+' || p[i] == '-'))
        i++;
      if (i >= n || !g_ascii_isdigit (p[i]))
        return FALSE;
      while (i < n && g_ascii_isdigit (p[i]))
        i++;
    }
  return i == n;
}

/* Whether the integer @p (@n bytes, a JSON integer) fits in a gint64. */
static gboolean
integer_fits (const char *p, gsize n)
{
  char buf[32];

  if (n >= sizeof buf)
    return FALSE;
  memcpy (buf, p, n);
  buf[n] = '\0';
  errno = 0;
  (void) g_ascii_strtoll (buf, NULL, 10);
  return errno != ERANGE;
}

typedef struct
{
  gsize start;  /* the raw text of the key between its quotes */
  gsize length; /* 0: no key yet (a list, or an object before its first) */
} Key;

/* The member a value belongs to, as messages name it: the innermost key
 * in @keys (one per open container), made valid and cut short. */
static char *
member_name (const char *data, GArray *keys)
{
  for (guint d = keys->len; d > 0; d--)
    {
      const Key *key = &g_array_index (keys, Key, d - 1);

      if (key->length > 0)
        return g_utf8_make_valid (data + key->start, (gssize) MIN (key->length, 64));
    }
  return g_strdup (_ ("the value"));
}

/**
 * helder_json_check_depth:
 * @data: JSON text (need not be nul-terminated)
 * @length: its length in bytes
 * @max_depth: how many arrays/objects may be open at once (the outermost
 *   container counts as 1)
 *
 * Also refuses what json-glib 1.6 accepts but should not: an array or
 * object after a complete top-level value ("[1] [2]": it keeps the last
 * value and leaks the first), and string escapes that JSON does not allow
 * (see escape_length()).
 *
 * Returns: %TRUE when no array or object opens deeper than @max_depth (and
 *   the text holds one value); otherwise %FALSE with %HELDER_ERROR_INVALID
 *   naming the line, the column and the byte offset of the problem.
 */
gboolean
helder_json_check_depth (const char *data, gsize length, guint max_depth, GError **error)
{
  gsize line = 1;
  gsize line_start = 0;
  guint depth = 0;
  char in = 0;                 /* '"' or '\'' inside a string, '/' inside a comment */
  gboolean value_done = FALSE; /* a whole value stands at the top level */
  g_autoptr (GArray) keys = g_array_new (FALSE, TRUE, sizeof (Key));
  Key last_string = { 0, 0 };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        {
          line++;
          line_start = i + 1;
        }

      switch (in)
        {
        case '"':
          if (c == '\\')
            {
              gsize skip = escape_length (data + i, length - i);

              if (skip == 0)
                {
                  gsize shown = MIN (length - i, (i + 1 < length && data[i + 1] == 'u') ? 6 : 2);
                  g_autofree char *escape = g_utf8_make_valid (data + i, (gssize) shown);

                  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                               _ ("line %zu, column %zu"
                                  " (byte %zu): “%s” is not a valid escape in a JSON string"),
                               line, i - line_start + 1, i, escape);
                  return FALSE;
                }
              i += skip - 1;
            }
          else if (c == '"')
            {
              in = 0;
              last_string.length = i - last_string.start;
            }
          continue;

        case '\'':
          if (c == '\'')
            {
              in = 0;
              last_string.length = i - last_string.start;
            }
          continue;

        case '/':
          if (c == '/')
            in = 0;
          continue;

        default:
          break;
        }

      switch (c)
        {
        case '"':
        case '\'':
          in = c;
          last_string.start = i + 1;
          last_string.length = 0;
          if (depth == 0)
            value_done = TRUE;
          break;

        case ':':
          if (depth > 0)
            g_array_index (keys, Key, depth - 1) = last_string;
          else
            value_done = TRUE;
          break;

        case '/':
          in = '/';
          break;

        case '[':
        case '{':
          if (depth == 0 && value_done)
            {
              g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                           _ ("line %zu, column %zu"
                              " (byte %zu): a second JSON value after the end of the document"),
                           line, i - line_start + 1, i);
              return FALSE;
            }
          if (depth >= max_depth)
            {
              g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                           _ ("line %zu, column %zu"
                              " (byte %zu): the JSON is nested more than %u levels deep"),
                           line, i - line_start + 1, i, max_depth);
              return FALSE;
            }
          depth++;
          g_array_set_size (keys, depth);
          g_array_index (keys, Key, depth - 1) = (Key){ 0, 0 };
          break;

        case ']':
        case '}':
          /* Unbalanced closers are the parser's to report. */
          if (depth > 0)
            depth--;
          g_array_set_size (keys, depth);
          if (depth == 0)
            value_done = TRUE;
          break;

        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;

        default:
          if (depth == 0)
            value_done = TRUE;
          if (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.')
            {
              gsize n = number_token_length (data + i, length - i);
              gboolean integral;
              gboolean valid = is_json_number (data + i, n, &integral);

              if (!valid || (integral && !integer_fits (data + i, n)))
                {
                  g_autofree char *member = member_name (data, keys);
                  g_autofree char *number = g_utf8_make_valid (data + i, (gssize) MIN (n, 40));

                  if (valid)
                    helder_error_set (error, HELDER_ERROR_INVALID, member,
                                      _ ("%s: %s is out of range for a whole number"
                                         " (line %zu, column %zu)"),
                                      member, number, line, i - line_start + 1);
                  else
                    helder_error_set (error, HELDER_ERROR_INVALID, member,
                                      _ ("%s: “%s” is not a number as JSON writes it"
                                         " (line %zu, column %zu)"),
                                      member, number, line, i - line_start + 1);
                  return FALSE;
                }
              i += n - 1;
            }
          else if (g_ascii_isalpha (c) || c == '_')
            /* a word (true, false, null): its digits are no number */
            i += number_token_length (data + i, length - i) - 1;
          break;
        }
    }

  return TRUE;
}

/* ---- parsing ---------------------------------------------------------- */

static gsize
line_of (const char *data, gsize offset)
{
  gsize line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* json-glib says "<data>:3:14: Parse error: unexpected …"; we say
 * "line 3, column 14: unexpected …". */
static char *
rewrite_parse_error (const char *message)
{
  const char *p = message;
  guint64 line, column;
  char *end;

  if (g_str_has_prefix (p, "<data>:"))
    p += strlen ("<data>:");
  line = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  column = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "Parse error: "))
    p += strlen ("Parse error: ");
  return g_strdup_printf (_ ("line %" PRIu64 ", column %" PRIu64 ": %s"), line, column, p);
}

/**
 * helder_json_parse_checked:
 * @data: the bytes of a JSON document
 * @length: their number
 *
 * Parses JSON from outside: rejects invalid UTF-8 (naming the line),
 * nesting deeper than %HELDER_JSON_MAX_DEPTH before json-glib sees it, and
 * malformed JSON (with line and column). A UTF-8 byte order mark is skipped.
 *
 * Returns: (transfer full): the root node, or %NULL with %HELDER_ERROR_INVALID
 */
JsonNode *
helder_json_parse_checked (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local = NULL;
  const char *end = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (length == 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("the document is empty"));
      return NULL;
    }
  if (length > G_MAXSSIZE)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("the document is too large"));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize offset = (gsize) (end - data);

      if (data[offset] == '\0')
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                     _ ("line %zu: contains a zero byte (byte %zu); this is not JSON text"),
                     line_of (data, offset), offset);
      else
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                     _ ("line %zu: not valid UTF-8 (byte %zu); save the file as UTF-8"),
                     line_of (data, offset), offset);
      return NULL;
    }

  if (!helder_json_check_depth (data, length, HELDER_JSON_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local))
    {
      g_autofree char *message = rewrite_parse_error (local->message);
      g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_INVALID, message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("the document is empty"));
      return NULL;
    }
  return root;
}
