/* helder-markdown.c — CommonMark in and out: text made safe to put in it, and its plain text
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-markdown"

#include "config.h"

#include <string.h>
#include <cmark.h>

#include "services/util/helder-markdown.h"

/* Text from the store as inline CommonMark: what would be markup is
 * escaped, and line breaks become spaces. */
void
helder_markdown_append_inline (GString *out, const char *text)
{
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '&':
          /* only where it would start an entity: "I&A" stays as it is */
          if (p[strspn (p + 1, "#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") +
                1] == ';')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '\r':
          break;
        case '\n':
          g_string_append_c (out, ' ');
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Collects the text of a CommonMark document; blocks end in new lines. */
static void
append_text (GString *out, cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          if (event == CMARK_EVENT_ENTER)
            g_string_append (out, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_CODE_BLOCK:
          if (cmark_node_get_type (node) == CMARK_NODE_CODE_BLOCK)
            g_string_append (out, cmark_node_get_literal (node));
          if (event == CMARK_EVENT_EXIT || cmark_node_get_type (node) == CMARK_NODE_CODE_BLOCK)
            g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_ITEM:
          if (event == CMARK_EVENT_ENTER)
            g_string_append (out, "• ");
          break;
        default:
          break;
        }
    }
  cmark_iter_free (iter);
}

/**
 * helder_markdown_to_text:
 * @markdown: CommonMark
 * @max_chars: the most characters to keep (0: all); a cut text ends in "…"
 *
 * The text of @markdown without its markup, for places that show plain
 * text (desktop notifications).
 *
 * Returns: (transfer full): plain text
 */
char *
helder_markdown_to_text (const char *markdown, gsize max_chars)
{
  cmark_node *root;
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (markdown != NULL, NULL);

  root = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  append_text (out, root);
  cmark_node_free (root);
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  if (max_chars > 0 && (gsize) g_utf8_strlen (out->str, -1) > max_chars)
    {
      const char *end = g_utf8_offset_to_pointer (out->str, (glong) max_chars - 1);

      g_string_truncate (out, end - out->str);
      g_string_append (out, "…");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
