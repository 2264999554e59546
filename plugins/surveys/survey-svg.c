/* survey-svg.c — the results page's charts, drawn on the server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain SVG built as text, like core's dashboard pictures: presentation
 * attributes, an Okabe–Ito blue for bars, and every bar labelled with its
 * words so that neither colour nor length alone carries the number.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-svg.h"

#define INK    "#1a1a1a"
#define MUTED  "#595959"
#define GRID   "#d9d9d9"
#define BLUE   "#0072B2"
#define WIDTH  720
#define LABELS 250
#define BAR    300
#define ROW    30
#define TOP    8
#define FONT   "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"

static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* A label cut to what fits the label column, with an ellipsis. */
static char *
fit_label (const char *label)
{
  const glong max_chars = 38;

  if (label == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (label, -1) <= max_chars)
    return g_strdup (label);
  {
    g_autofree char *head = g_utf8_substring (label, 0, max_chars - 1);
    return g_strconcat (head, "…", NULL);
  }
}

static double
bars_max (JsonArray *bars)
{
  double max = 0;

  for (guint i = 0; i < json_array_get_length (bars); i++)
    {
      JsonObject *bar = json_array_get_object_element (bars, i);

      if (!json_object_get_boolean_member_with_default (bar, "suppressed", FALSE))
        max = MAX (max, json_object_get_double_member_with_default (bar, "value", 0));
    }
  return max;
}

/* The words of the picture: "label: text; label: text". */
static void
append_desc (GString *out, JsonArray *bars)
{
  g_string_append (out, "<desc>");
  for (guint i = 0; i < json_array_get_length (bars); i++)
    {
      JsonObject *bar = json_array_get_object_element (bars, i);

      if (i > 0)
        g_string_append (out, "; ");
      append_escaped (out, json_object_get_string_member_with_default (bar, "label", ""));
      g_string_append (out, ": ");
      append_escaped (out, json_object_get_string_member_with_default (bar, "text", ""));
    }
  g_string_append (out, "</desc>\n");
}

static void
append_bar (GString *out, JsonObject *bar, guint row, double max)
{
  int y = TOP + row * ROW;
  g_autofree char *label =
    fit_label (json_object_get_string_member_with_default (bar, "label", ""));
  const char *text = json_object_get_string_member_with_default (bar, "text", "");
  gboolean suppressed = json_object_get_boolean_member_with_default (bar, "suppressed", FALSE);
  int length = 0;

  g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"" INK "\">",
                          LABELS - 8, y + 19);
  append_escaped (out, label);
  g_string_append (out, "</text>\n");
  if (suppressed)
    {
      g_string_append_printf (out,
                              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                              "stroke=\"" MUTED "\" stroke-dasharray=\"4 3\"/>\n",
                              LABELS, y + 4, BAR, ROW - 8);
      g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" fill=\"" MUTED "\">", LABELS + 8,
                              y + 19);
      append_escaped (out, text);
      g_string_append (out, "</text>\n");
      return;
    }
  if (max > 0)
    length = (int) (BAR * json_object_get_double_member_with_default (bar, "value", 0) / max + 0.5);
  length = CLAMP (length, 0, BAR);
  g_string_append_printf (
    out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"" BLUE "\"/>\n", LABELS, y + 4,
    length, ROW - 8);
  g_string_append_printf (out, "<text x=\"%d\" y=\"%d\" fill=\"" INK "\">", LABELS + length + 6,
                          y + 19);
  append_escaped (out, text);
  g_string_append (out, "</text>\n");
}

char *
survey_svg_bars (const char *title, JsonArray *bars, double max)
{
  GString *out = g_string_new (NULL);
  guint n = json_array_get_length (bars);
  int height = TOP * 2 + MAX (n, 1) * ROW;

  if (max <= 0)
    max = bars_max (bars);
  g_string_append_printf (out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"survey-chart\" "
                          "role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                          "font-family=\"" FONT "\" font-size=\"14\">\n",
                          WIDTH, height, WIDTH, height);
  g_string_append (out, "<title>");
  append_escaped (out, title);
  g_string_append (out, "</title>\n");
  append_desc (out, bars);
  g_string_append_printf (out,
                          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" GRID "\"/>\n",
                          LABELS, TOP, LABELS, height - TOP);
  for (guint i = 0; i < n; i++)
    append_bar (out, json_array_get_object_element (bars, i), i, max);
  g_string_append (out, "</svg>");
  return g_string_free (out, FALSE);
}
