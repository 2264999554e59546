/* helder-json-depth.c — refuse JSON nested too deeply, before parsing it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 parses nested arrays and objects recursively and has no
 * limit, so a few megabytes of "[[[[…" overflow the stack. This scanner walks
 * the bytes once, keeping track of strings (and the escapes inside them) so
 * that brackets in text do not count, and stops at the first container that
 * opens deeper than allowed. It does not otherwise validate the JSON: the
 * parser does that afterwards.
 *
 * It must skip exactly what json-glib's scanner (GScanner) skips and no
 * more, or brackets hidden from us would still nest in the parser: strings
 * in double quotes (with backslash escapes), strings in single quotes
 * (without escapes) and C comments. Counting too much is safe (the input is
 * refused); counting too little is not. tests/fuzz/fuzz-json-depth.c checks
 * this against json-glib.
 */
#define G_LOG_DOMAIN "helder-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/helder-export.h"

/**
 * helder_json_check_depth:
 * @data: JSON text (need not be nul-terminated)
 * @length: its length in bytes
 * @max_depth: how many arrays/objects may be open at once (the outermost
 *   container counts as 1)
 *
 * Also refuses an array or object after a complete top-level value
 * ("[1] [2]"): json-glib 1.6 accepts that silently, keeps the last value
 * and leaks the first.
 *
 * Returns: %TRUE when no array or object opens deeper than @max_depth (and
 *   the text holds one value); otherwise %FALSE with %HELDER_ERROR_INVALID
 *   naming the line, the column and the byte offset of the problem.
 */
gboolean
helder_json_check_depth (const char  *data,
                         gsize        length,
                         guint        max_depth,
                         GError     **error)
{
  gsize line = 1;
  gsize line_start = 0;
  guint depth = 0;
  char in = 0;   /* '"' or '\'' inside a string, '*' inside a comment */
  gboolean value_done = FALSE;   /* a whole value stands at the top level */

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
          /* The character after a backslash never ends the string. */
          if (c == '\\' && i + 1 < length)
            {
              if (data[i + 1] == '\n')
                {
                  line++;
                  line_start = i + 2;
                }
              i++;
            }
          else if (c == '"')
            in = 0;
          continue;

        case '\'':
          if (c == '\'')
            in = 0;
          continue;

        case '*':
          if (c == '*' && i + 1 < length && data[i + 1] == '/')
            {
              in = 0;
              i++;
            }
          continue;

        default:
          break;
        }

      switch (c)
        {
        case '"':
        case '\'':
          in = c;
          if (depth == 0)
            value_done = TRUE;
          break;

        case '/':
          if (i + 1 < length && data[i + 1] == '*')
            {
              in = '*';
              i++;
            }
          break;

        case '[':
        case '{':
          if (depth == 0 && value_done)
            {
              g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                           _("line %" G_GSIZE_FORMAT ", column %" G_GSIZE_FORMAT
                             " (byte %" G_GSIZE_FORMAT "): a second JSON value after the end of the document"),
                           line, i - line_start + 1, i);
              return FALSE;
            }
          if (depth >= max_depth)
            {
              g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                           _("line %" G_GSIZE_FORMAT ", column %" G_GSIZE_FORMAT
                             " (byte %" G_GSIZE_FORMAT "): the JSON is nested more than %u levels deep"),
                           line, i - line_start + 1, i, max_depth);
              return FALSE;
            }
          depth++;
          break;

        case ']':
        case '}':
          /* Unbalanced closers are the parser's to report. */
          if (depth > 0)
            depth--;
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
          break;
        }
    }

  return TRUE;
}
