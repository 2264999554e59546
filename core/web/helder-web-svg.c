/* helder-web-svg.c — the dashboard's pictures, drawn on the server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain SVG built as text: no scripts, no style elements or attributes (the
 * page's Content-Security-Policy forbids them), colours as presentation
 * attributes so the file also reads on its own, and classes (dash-…) for
 * the stylesheet. Colours come from colour-blind-safe palettes (ColorBrewer
 * "Blues" for the heat map, Okabe–Ito for states), and no state is told by
 * colour alone: phases differ in outline, gates and moments in shape and
 * fill, overload is outlined and silence hatched. Text is sized for a
 * drawing that the page scales to its width and lets scroll sideways on a
 * phone rather than shrink below legibility.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "model/helder-entity.h"
#include "model/helder-channel-names.h"
#include "services/views/helder-insights.h"
#include "web/helder-web-private.h"
#include "web/helder-web-svg.h"

#define INK        "#1a1a1a"
#define MUTED      "#595959"
#define GRID       "#d9d9d9"
#define BLUE       "#0072B2"
#define SKY        "#56B4E9"
#define GREEN      "#009E73"
#define ORANGE     "#E69F00"
#define VERMILLION "#D55E00"
#define PURPLE     "#CC79A7"

#define FONT \
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif"

/* ---- small helpers ---------------------------------------------------------- */

static const char *const value_labels[] = {
  N_ ("draft"),     N_ ("approved"), N_ ("sent"),      N_ ("cancelled"), N_ ("decided"),
  N_ ("discussed"), N_ ("accepted"), N_ ("objection"), N_ ("open"),      N_ ("late"),
  N_ ("kept"),      N_ ("broken"),   N_ ("withdrawn"), N_ ("go"),        N_ ("nogo"),
  N_ ("postponed"), N_ ("met"),      N_ ("failed"),    N_ ("done"),      N_ ("current"),
  N_ ("planned"),   N_ ("meeting"),  N_ ("internal"),  N_ ("external"),
};

const char *
helder_web_svg_value_label (const char *value)
{
  const char *label;

  if (value == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if (strcmp (value_labels[i], value) == 0)
      return _ (value_labels[i]);
  /* A channel's label comes from the plugin that provides it. */
  label = helder_channel_names_get_label (value);
  return label != NULL ? label : value;
}

char *
helder_web_svg_format_decimal (double value, const char *lang)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *dot;

  g_ascii_formatd (buf, sizeof buf, "%.1f", value);
  if (g_str_has_suffix (buf, ".0"))
    buf[strlen (buf) - 2] = '\0';
  if (g_strcmp0 (lang, "en") != 0 && (dot = strchr (buf, '.')) != NULL)
    *dot = ',';
  return g_strdup (buf);
}

static const char *
short_month (int month)
{
  static const char *const months[] = {
    NC_ ("abbreviated month", "Jan"), NC_ ("abbreviated month", "Feb"),
    NC_ ("abbreviated month", "Mar"), NC_ ("abbreviated month", "Apr"),
    NC_ ("abbreviated month", "May"), NC_ ("abbreviated month", "Jun"),
    NC_ ("abbreviated month", "Jul"), NC_ ("abbreviated month", "Aug"),
    NC_ ("abbreviated month", "Sep"), NC_ ("abbreviated month", "Oct"),
    NC_ ("abbreviated month", "Nov"), NC_ ("abbreviated month", "Dec"),
  };

  if (month < 1 || month > 12)
    return "";
  return g_dpgettext2 (GETTEXT_PACKAGE, "abbreviated month", months[month - 1]);
}

/* "23 Nov" */
static char *
short_date (const GDate *date)
{
  /* TRANSLATORS: a short date in a chart: day and abbreviated month */
  return g_strdup_printf (C_ ("short date", "%d %s"), g_date_get_day (date),
                          short_month (g_date_get_month (date)));
}

static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* <text> with escaped content; @attrs are more attributes, already safe. */
static void
append_text (GString *out, int x, int y, const char *attrs, const char *text)
{
  g_string_append_printf (out, "<text x=\"%d\" y=\"%d\"%s%s>", x, y, attrs ? " " : "",
                          attrs ? attrs : "");
  append_escaped (out, text);
  g_string_append (out, "</text>\n");
}

static void
append_title (GString *out, const char *text)
{
  g_string_append (out, "<title>");
  append_escaped (out, text);
  g_string_append (out, "</title>");
}

/* An estimate of the width of @text at @size px in a sans-serif font. */
static int
text_width (const char *text, int size)
{
  return (int) (g_utf8_strlen (text ? text : "", -1) * size * 0.56) + 2;
}

/* @text cut to at most @chars characters, with an ellipsis when cut. */
static char *
truncate_text (const char *text, glong chars)
{
  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= chars || chars < 2)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, chars - 1);
    return g_strconcat (head, "…", NULL);
  }
}

static void
svg_open (GString *out,
          const char *id,
          const char *kind,
          int width,
          int height,
          const char *lang,
          const char *title,
          const char *desc)
{
  g_string_append_printf (
    out,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
    " role=\"img\" aria-labelledby=\"%s-title %s-desc\" class=\"dash-chart dash-chart--%s\""
    " lang=\"%s\" font-family=\"%s\" font-size=\"13\" fill=\"" INK "\">\n",
    width, height, width, height, id, id, kind, g_strcmp0 (lang, "en") == 0 ? "en" : "nl", FONT);
  g_string_append_printf (out, "<title id=\"%s-title\">", id);
  append_escaped (out, title);
  g_string_append_printf (out, "</title>\n<desc id=\"%s-desc\">", id);
  append_escaped (out, desc);
  g_string_append (out, "</desc>\n");
}

static gboolean
parse_day (const char *text, guint32 *julian)
{
  GDate date;

  if (text == NULL || !helder_date_parse (text, &date))
    return FALSE;
  *julian = g_date_get_julian (&date);
  return TRUE;
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
member_array (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/* Greedy placement in rows: the first row whose last item ends before @x. */
static guint
place_in_row (GArray *row_ends, int x, int end, guint max_rows)
{
  for (guint r = 0; r < row_ends->len; r++)
    if (g_array_index (row_ends, int, r) < x)
      {
        g_array_index (row_ends, int, r) = end;
        return r;
      }
  if (row_ends->len < max_rows)
    {
      g_array_append_val (row_ends, end);
      return row_ends->len - 1;
    }
  return max_rows - 1;
}

/* Legend items laid out left to right, wrapping at @width. */
typedef struct
{
  GString *out;
  int x0, x, y, width;
} Legend;

static void
legend_next (Legend *legend, const char *label)
{
  int w = 22 + text_width (label, 12) + 18;

  if (legend->x > legend->x0 && legend->x + w > legend->width)
    {
      legend->x = legend->x0;
      legend->y += 22;
    }
}

static void
legend_label (Legend *legend, const char *label)
{
  append_text (legend->out, legend->x + 20, legend->y + 4, "font-size=\"12\"", label);
  legend->x += 22 + text_width (label, 12) + 18;
}

/* ---- the timeline ------------------------------------------------------------- */

#define TL_WIDTH 800
#define TL_X0    16
#define TL_X1    784

typedef struct
{
  guint32 from, to;
} Axis;

static int
axis_x (const Axis *axis, guint32 day)
{
  double span = axis->to > axis->from ? (double) (axis->to - axis->from) : 1.0;

  if (day < axis->from)
    day = axis->from;
  if (day > axis->to)
    day = axis->to;
  return TL_X0 + (int) ((double) (day - axis->from) / span * (TL_X1 - TL_X0) + 0.5);
}

/* Month ticks from @top to @bottom, labelled above @top every few months
 * so that the labels do not touch. */
static void
draw_month_grid (GString *out, const Axis *axis, int top, int bottom)
{
  guint n_months = (guint) ((axis->to - axis->from) / 30) + 1;
  guint step = MAX (1u, (n_months * 64 + (TL_X1 - TL_X0) - 1) / (TL_X1 - TL_X0));
  GDate tick;

  g_date_clear (&tick, 1);
  g_date_set_julian (&tick, axis->from);
  g_date_set_day (&tick, 1);
  if (g_date_get_julian (&tick) < axis->from)
    g_date_add_months (&tick, 1);
  g_string_append (out, "<g class=\"dash-chart__grid\">\n");
  for (guint i = 0; g_date_get_julian (&tick) <= axis->to; i++, g_date_add_months (&tick, 1))
    {
      int x = axis_x (axis, g_date_get_julian (&tick));

      g_string_append_printf (
        out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" GRID "\"/>\n", x, top - 6, x,
        bottom);
      if (i % step == 0 && x + 40 <= TL_X1 + 16)
        {
          g_autofree char *label = NULL;

          if (g_date_get_month (&tick) == G_DATE_JANUARY || i == 0)
            label = g_strdup_printf ("%s %u", short_month (g_date_get_month (&tick)),
                                     g_date_get_year (&tick));
          else
            label = g_strdup (short_month (g_date_get_month (&tick)));
          append_text (out, x + 3, top - 10, "font-size=\"12\" fill=\"" MUTED "\"", label);
        }
    }
  g_string_append (out, "</g>\n");
}

static const char *
moment_fill (const char *status, const char **stroke)
{
  *stroke = BLUE;
  if (g_strcmp0 (status, "sent") == 0)
    return BLUE;
  if (g_strcmp0 (status, "approved") == 0)
    return SKY;
  if (g_strcmp0 (status, "cancelled") == 0)
    {
      *stroke = "#767676";
      return "#bdbdbd";
    }
  return "#ffffff";
}

static const char *
gate_fill (const char *decision)
{
  if (g_strcmp0 (decision, "go") == 0)
    return GREEN;
  if (g_strcmp0 (decision, "nogo") == 0)
    return VERMILLION;
  if (g_strcmp0 (decision, "postponed") == 0)
    return ORANGE;
  return "#ffffff";
}

static void
draw_moment_mark (GString *out, int x, int y, const char *status, gboolean meeting)
{
  const char *stroke;
  const char *fill = moment_fill (status, &stroke);

  if (meeting)
    g_string_append_printf (
      out,
      "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"%s\""
      " stroke-width=\"1.5\"/>",
      x - 6, y - 6, fill, stroke);
  else
    g_string_append_printf (out,
                            "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"%s\" stroke=\"%s\""
                            " stroke-width=\"1.5\"/>",
                            x, y, fill, stroke);
}

static void
draw_diamond (GString *out, int x, int y, const char *decision)
{
  g_string_append_printf (out,
                          "<path d=\"M%d %dl9 9l-9 9l-9 -9z\" fill=\"%s\" stroke=\"" INK "\""
                          " stroke-width=\"1.5\"/>",
                          x, y - 9, gate_fill (decision));
}

static void
draw_phase_bar (GString *out, int x, int y, int w, int h, const char *state)
{
  if (g_strcmp0 (state, "current") == 0)
    g_string_append_printf (
      out,
      "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"#9ecae1\""
      " stroke=\"#08519c\" stroke-width=\"2\"/>",
      x, y, w, h);
  else if (g_strcmp0 (state, "done") == 0)
    g_string_append_printf (
      out,
      "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"" GRID "\""
      " stroke=\"#737373\"/>",
      x, y, w, h);
  else
    g_string_append_printf (
      out,
      "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"#ffffff\""
      " stroke=\"#737373\" stroke-dasharray=\"4 3\"/>",
      x, y, w, h);
}

static char *
timeline_desc (JsonObject *timeline, const char *today)
{
  JsonArray *phases = member_array (timeline, "phases");
  JsonArray *gates = member_array (timeline, "gates");
  JsonArray *moments = member_array (timeline, "moments");
  guint n_phases = phases ? json_array_get_length (phases) : 0;
  guint n_gates = gates ? json_array_get_length (gates) : 0;
  guint n_moments = moments ? json_array_get_length (moments) : 0;
  guint decided = 0, sent = 0, ahead = 0;
  const char *current = NULL;
  g_autofree char *from = helder_web_format_date (member_string (timeline, "from"));
  g_autofree char *to = helder_web_format_date (member_string (timeline, "to"));
  g_autofree char *day = helder_web_format_date (today);
  GString *desc = g_string_new (NULL);

  for (guint i = 0; i < n_phases; i++)
    {
      JsonObject *phase = json_array_get_object_element (phases, i);
      if (current == NULL && json_object_get_boolean_member_with_default (phase, "current", FALSE))
        current = member_string (phase, "name");
    }
  for (guint i = 0; i < n_gates; i++)
    if (member_string (json_array_get_object_element (gates, i), "decision") != NULL)
      decided++;
  for (guint i = 0; i < n_moments; i++)
    {
      const char *status = member_string (json_array_get_object_element (moments, i), "status");
      if (g_strcmp0 (status, "sent") == 0)
        sent++;
      else if (g_strcmp0 (status, "approved") == 0 || g_strcmp0 (status, "draft") == 0)
        ahead++;
    }

  g_string_append_printf (desc, _ ("The programme from %s to %s."), from, to);
  g_string_append_c (desc, ' ');
  if (current != NULL)
    g_string_append_printf (desc, _ ("Today is %s, in the phase “%s”."), day, current);
  else
    g_string_append_printf (desc, _ ("Today is %s."), day);
  g_string_append_c (desc, ' ');
  g_string_append_printf (
    desc, g_dngettext (GETTEXT_PACKAGE, "%u phase, ", "%u phases, ", n_phases), n_phases);
  g_string_append_printf (
    desc,
    g_dngettext (GETTEXT_PACKAGE, "%u gate (%u decided), ", "%u gates (%u decided), ", n_gates),
    n_gates, decided);
  g_string_append_printf (desc,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u moment: %u sent, %u planned or approved.",
                                       "%u moments: %u sent, %u planned or approved.", n_moments),
                          n_moments, sent, ahead);
  return g_string_free (desc, FALSE);
}

char *
helder_web_svg_timeline (JsonObject *timeline, const char *today, const char *lang)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GArray) gate_rows = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) moment_rows = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *desc = NULL;
  JsonArray *phases, *gates, *moments;
  Axis axis = { 0, 0 };
  guint32 today_day = 0;
  int y, gates_top, moments_top, plot_bottom, height;
  Legend legend;

  g_return_val_if_fail (timeline != NULL, NULL);

  phases = member_array (timeline, "phases");
  gates = member_array (timeline, "gates");
  moments = member_array (timeline, "moments");
  if (!parse_day (today, &today_day))
    today_day = 0;
  if (!parse_day (member_string (timeline, "from"), &axis.from) ||
      !parse_day (member_string (timeline, "to"), &axis.to) || axis.to <= axis.from)
    {
      axis.from = today_day > 30 ? today_day - 30 : 1;
      axis.to = axis.from + 60;
    }

  y = 40;

  /* Phases: one lane each. */
  for (guint i = 0; phases != NULL && i < json_array_get_length (phases); i++)
    {
      JsonObject *phase = json_array_get_object_element (phases, i);
      const char *name = member_string (phase, "name");
      const char *state = member_string (phase, "state");
      gboolean current = g_strcmp0 (state, "current") == 0;
      guint32 start, end;
      int x0, x1, w, label_w;
      g_autofree char *start_text = NULL;
      g_autofree char *end_text = NULL;
      g_autofree char *tip = NULL;
      const char *weight = current ? "font-weight=\"bold\"" : NULL;

      if (!parse_day (member_string (phase, "starts_on"), &start) ||
          !parse_day (member_string (phase, "ends_on"), &end))
        continue;
      x0 = axis_x (&axis, start);
      x1 = axis_x (&axis, end + 1);
      w = MAX (x1 - x0, 3);
      start_text = helder_web_format_date (member_string (phase, "starts_on"));
      end_text = helder_web_format_date (member_string (phase, "ends_on"));
      /* TRANSLATORS: phase name, first day, last day, state (done, current, planned) */
      tip = g_strdup_printf (_ ("%s: %s – %s (%s)"), name, start_text, end_text,
                             helder_web_svg_value_label (state));
      g_string_append (body, "<g class=\"dash-chart__phase\">");
      append_title (body, tip);
      draw_phase_bar (body, x0, y, w, 22, state);
      label_w = text_width (name, 13);
      if (w >= label_w + 8)
        append_text (body, x0 + 5, y + 16, weight, name);
      else if (x1 + 5 + label_w <= TL_X1 + 16)
        append_text (body, x1 + 5, y + 16, weight, name);
      else
        {
          g_autofree char *attrs =
            g_strconcat ("text-anchor=\"end\"", current ? " font-weight=\"bold\"" : "", NULL);
          append_text (body, MAX (x0 - 5, TL_X0 + label_w), y + 16, attrs, name);
        }
      g_string_append (body, "</g>\n");
      y += 28;
    }

  /* Gates: diamonds, labels in rows so that they do not overlap. */
  gates_top = y + 8;
  append_text (body, TL_X0, gates_top + 4,
               "font-size=\"12\" font-weight=\"bold\" fill=\"" MUTED "\"", _ ("Gates"));
  gates_top += 22;
  for (guint i = 0; gates != NULL && i < json_array_get_length (gates); i++)
    {
      JsonObject *gate = json_array_get_object_element (gates, i);
      const char *name = member_string (gate, "name");
      const char *decision = member_string (gate, "decision");
      guint32 day;
      int x, gy, label_w;
      guint row;
      g_autofree char *date = NULL;
      g_autofree char *tip = NULL;
      g_autofree char *label = NULL;

      if (!parse_day (member_string (gate, "decide_on"), &day))
        continue;
      x = axis_x (&axis, day);
      date = helder_web_format_date (member_string (gate, "decide_on"));
      label = decision ? g_strdup_printf ("%s · %s", name, helder_web_svg_value_label (decision))
                       : g_strdup (name);
      label_w = text_width (label, 12);
      /* Labels go right of the diamond, or left near the right edge. */
      if (x + 14 + label_w > TL_X1 + 16)
        row = place_in_row (gate_rows, x - 14 - label_w, x + 10, 4);
      else
        row = place_in_row (gate_rows, x - 10, x + 14 + label_w, 4);
      gy = gates_top + (int) row * 24;
      tip =
        g_strdup_printf (_ ("Gate %s on %s: %s"), name, date,
                         decision ? helder_web_svg_value_label (decision) : _ ("not decided yet"));
      g_string_append (body, "<g class=\"dash-chart__gate\">");
      append_title (body, tip);
      draw_diamond (body, x, gy, decision);
      if (x + 14 + label_w > TL_X1 + 16)
        append_text (body, x - 13, gy + 4, "font-size=\"12\" text-anchor=\"end\"", label);
      else
        append_text (body, x + 13, gy + 4, "font-size=\"12\"", label);
      g_string_append (body, "</g>\n");
    }
  moments_top = gates_top + (int) MAX (gate_rows->len, 1) * 24 + 4;

  /* Moments: dots, stacked where they would touch. */
  append_text (body, TL_X0, moments_top + 4,
               "font-size=\"12\" font-weight=\"bold\" fill=\"" MUTED "\"", _ ("Moments"));
  moments_top += 22;
  for (guint i = 0; moments != NULL && i < json_array_get_length (moments); i++)
    {
      JsonObject *moment = json_array_get_object_element (moments, i);
      const char *status = member_string (moment, "status");
      const char *channel = member_string (moment, "channel");
      guint32 day;
      int x, my;
      guint row;
      g_autofree char *when = NULL;
      g_autofree char *tip = NULL;

      if (!parse_day (member_string (moment, "date"), &day))
        continue;
      x = axis_x (&axis, day);
      row = place_in_row (moment_rows, x - 7, x + 7, 6);
      my = moments_top + (int) row * 16;
      when = helder_web_format_date (member_string (moment, "date"));
      /* TRANSLATORS: a moment in the timeline: title, date, status, channel */
      tip = g_strdup_printf (_ ("%s — %s, %s, %s"), member_string (moment, "title"), when,
                             helder_web_svg_value_label (status),
                             channel ? helder_web_svg_value_label (channel) : _ ("no channel"));
      g_string_append_printf (
        body, "<g class=\"dash-chart__moment dash-chart__moment--%s\">",
        status && strspn (status, "abcdefghijklmnopqrstuvwxyz") == strlen (status) ? status
                                                                                   : "other");
      append_title (body, tip);
      draw_moment_mark (body, x, my, status, g_strcmp0 (channel, "meeting") == 0);
      g_string_append (body, "</g>\n");
    }
  plot_bottom = moments_top + (int) MAX (moment_rows->len, 1) * 16 + 4;

  /* Today. */
  if (today_day >= axis.from && today_day <= axis.to)
    {
      int x = axis_x (&axis, today_day);
      int anchor_end = x > TL_X1 - 60;

      g_string_append_printf (
        body,
        "<line class=\"dash-chart__today\" x1=\"%d\" y1=\"14\" x2=\"%d\" y2=\"%d\""
        " stroke=\"" PURPLE "\" stroke-width=\"3\"/>\n",
        x, x, plot_bottom);
      append_text (body, anchor_end ? x - 5 : x + 5, 14,
                   anchor_end ? "font-size=\"12\" font-weight=\"bold\" text-anchor=\"end\""
                              : "font-size=\"12\" font-weight=\"bold\"",
                   _ ("Today"));
    }

  /* The legend. */
  legend = (Legend){ body, TL_X0, TL_X0, plot_bottom + 22, TL_X1 + 16 };
  {
    static const char *const states[] = { "done", "current", "planned" };
    static const char *const statuses[] = { "sent", "approved", "draft", "cancelled" };
    static const char *const decisions[] = { NULL, "go", "nogo", "postponed" };
    g_autofree char *phase_label = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (states); i++)
      {
        phase_label = (g_free (phase_label),
                       g_strdup_printf (_ ("phase %s"), helder_web_svg_value_label (states[i])));
        legend_next (&legend, phase_label);
        draw_phase_bar (body, legend.x, legend.y - 6, 16, 12, states[i]);
        legend_label (&legend, phase_label);
      }
    for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
      {
        g_autofree char *label =
          decisions[i] ? g_strdup_printf (_ ("gate: %s"), helder_web_svg_value_label (decisions[i]))
                       : g_strdup (_ ("gate: not decided yet"));
        legend_next (&legend, label);
        draw_diamond (body, legend.x + 8, legend.y, decisions[i]);
        legend_label (&legend, label);
      }
    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      {
        g_autofree char *label =
          g_strdup_printf (_ ("moment %s"), helder_web_svg_value_label (statuses[i]));
        legend_next (&legend, label);
        draw_moment_mark (body, legend.x + 8, legend.y, statuses[i], FALSE);
        legend_label (&legend, label);
      }
    /* The square mark is labelled with the channel it stands for. */
    legend_next (&legend, helder_web_svg_value_label ("meeting"));
    draw_moment_mark (body, legend.x + 8, legend.y, "sent", TRUE);
    legend_label (&legend, helder_web_svg_value_label ("meeting"));
    legend_next (&legend, _ ("today"));
    g_string_append_printf (body,
                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" PURPLE "\""
                            " stroke-width=\"3\"/>",
                            legend.x + 8, legend.y - 8, legend.x + 8, legend.y + 8);
    legend_label (&legend, _ ("today"));
  }
  height = legend.y + 18;

  desc = timeline_desc (timeline, today);
  svg_open (out, "helder-timeline", "timeline", TL_WIDTH, height, lang, _ ("Programme timeline"),
            desc);
  draw_month_grid (out, &axis, 40, plot_bottom);
  g_string_append_len (out, body->str, body->len);
  g_string_append (out, "</svg>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- the heat map ------------------------------------------------------------ */

#define HM_CELL_W 50
#define HM_CELL_H 30
#define HM_GAP    2
#define HM_TOP    48

/* ColorBrewer "Blues", light to dark: 0, under 1, 1–2, 2–3, 3 or more. */
static const char *const bucket_fill[] = { "#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b" };
static const char *const bucket_ink[] = { INK, INK, INK, "#ffffff", "#ffffff" };

static guint
bucket (double per_member)
{
  if (per_member <= 0.0)
    return 0;
  if (per_member < 1.0)
    return 1;
  if (per_member < 2.0)
    return 2;
  if (per_member < HELDER_INSIGHTS_OVERLOAD)
    return 3;
  return 4;
}

static double
member_double (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return 0.0;
  return json_node_get_double (node);
}

static gint64
member_int (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return 0;
  return json_node_get_int (node);
}

static gboolean
member_bool (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_boolean (node);
}

/* "week 48 (23 Nov)" for the text alternatives. */
char *
helder_web_svg_week_label (JsonObject *week)
{
  GDate monday;
  g_autofree char *date = NULL;

  if (!helder_date_parse (member_string (week, "monday"), &monday))
    return g_strdup (member_string (week, "key"));
  date = short_date (&monday);
  /* TRANSLATORS: an ISO week number and the date of its Monday */
  return g_strdup_printf (_ ("week %d (%s)"), (int) member_int (week, "week"), date);
}

/* Silence is a fact about weeks that have begun: a future week without
 * messages is not hatched (its messages may still be planned). */
static gboolean
cell_silent (JsonObject *cell, JsonObject *week)
{
  return member_bool (cell, "silence") &&
         (member_bool (week, "past") || member_bool (week, "current"));
}

static char *
cell_tip (JsonObject *group, JsonObject *week, JsonObject *cell, const char *lang)
{
  g_autofree char *label = helder_web_svg_week_label (week);
  g_autofree char *average =
    helder_web_svg_format_decimal (member_double (cell, "per_member"), lang);
  g_autofree char *planned =
    helder_web_svg_format_decimal (member_double (cell, "planned_per_member"), lang);
  guint moments = (guint) member_int (cell, "moments");
  guint drafts = (guint) member_int (cell, "planned_moments");
  GString *tip = g_string_new (NULL);

  /* TRANSLATORS: group, week: average messages per member, from how many moments */
  g_string_append_printf (tip,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s, %s: %s messages per member (%u moment)",
                                       "%s, %s: %s messages per member (%u moments)", moments),
                          member_string (group, "name"), label, average, moments);
  if (drafts > 0)
    {
      g_string_append (tip, "; ");
      g_string_append_printf (tip,
                              g_dngettext (GETTEXT_PACKAGE, "%s more planned in %u draft",
                                           "%s more planned in %u drafts", drafts),
                              planned, drafts);
    }
  if (member_bool (cell, "overload"))
    g_string_append_printf (tip, "; %s", _ ("overload"));
  if (cell_silent (cell, week))
    g_string_append_printf (tip, "; %s", _ ("silence"));
  return g_string_free (tip, FALSE);
}

static char *
heatmap_desc (JsonObject *heatmap, JsonArray *weeks, JsonArray *groups)
{
  guint n_groups = json_array_get_length (groups);
  guint n_weeks = json_array_get_length (weeks);
  g_autoptr (GString) overload = g_string_new (NULL);
  g_autoptr (GString) silence = g_string_new (NULL);
  GString *desc = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (n_weeks > 0)
    {
      first = helder_web_svg_week_label (json_array_get_object_element (weeks, 0));
      last = helder_web_svg_week_label (json_array_get_object_element (weeks, n_weeks - 1));
    }
  /* TRANSLATORS: how many groups, first week, last week */
  g_string_append_printf (
    desc,
    g_dngettext (
      GETTEXT_PACKAGE,
      "How many messages an average member of each of %u group receives per week, from %s to %s.",
      "How many messages an average member of each of %u groups receives per week, from %s to %s.",
      n_groups),
    n_groups, first ? first : "", last ? last : "");
  for (guint g = 0; g < n_groups; g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      guint o = (guint) member_int (group, "overload_weeks");
      JsonArray *cells = member_array (group, "cells");
      guint s = 0;

      for (guint w = 0; cells != NULL && w < json_array_get_length (cells) && w < n_weeks; w++)
        s += cell_silent (json_array_get_object_element (cells, w),
                          json_array_get_object_element (weeks, w));

      if (o > 0)
        {
          if (overload->len > 0)
            g_string_append (overload, ", ");
          g_string_append_printf (overload,
                                  g_dngettext (GETTEXT_PACKAGE, "%s (%u week)", "%s (%u weeks)", o),
                                  member_string (group, "name"), o);
        }
      if (s > 0)
        {
          if (silence->len > 0)
            g_string_append (silence, ", ");
          g_string_append_printf (silence,
                                  g_dngettext (GETTEXT_PACKAGE, "%s (%u week)", "%s (%u weeks)", s),
                                  member_string (group, "name"), s);
        }
    }
  g_string_append_c (desc, ' ');
  if (overload->len > 0)
    g_string_append_printf (desc, _ ("Overload, %d or more messages a week: %s."),
                            (int) member_int (heatmap, "overload_threshold"), overload->str);
  else
    g_string_append_printf (desc, _ ("No group receives %d or more messages a week."),
                            (int) member_int (heatmap, "overload_threshold"));
  g_string_append_c (desc, ' ');
  if (silence->len > 0)
    g_string_append_printf (desc, _ ("Silence, no messages for %d weeks or more in a row: %s."),
                            (int) member_int (heatmap, "silence_weeks"), silence->str);
  else
    g_string_append_printf (desc, _ ("No group goes %d weeks or more without messages."),
                            (int) member_int (heatmap, "silence_weeks"));
  return g_string_free (desc, FALSE);
}

char *
helder_web_svg_heatmap (JsonObject *heatmap, const char *lang)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *desc = NULL;
  JsonArray *weeks, *groups;
  g_autoptr (JsonArray) no_weeks = json_array_new ();
  g_autoptr (JsonArray) no_groups = json_array_new ();
  guint n_weeks, n_groups;
  int label_w = 120, width, height, legend_top;
  glong max_chars;
  Legend legend;

  g_return_val_if_fail (heatmap != NULL, NULL);

  weeks = member_array (heatmap, "weeks");
  groups = member_array (heatmap, "groups");
  if (weeks == NULL)
    weeks = no_weeks;
  if (groups == NULL)
    groups = no_groups;
  n_weeks = json_array_get_length (weeks);
  n_groups = json_array_get_length (groups);

  for (guint g = 0; g < n_groups; g++)
    label_w =
      MAX (label_w,
           text_width (member_string (json_array_get_object_element (groups, g), "name"), 13) + 16);
  label_w = MIN (label_w, 260);
  max_chars = (glong) ((label_w - 16) / (13 * 0.56));
  width = MAX (label_w + (int) n_weeks * (HM_CELL_W + HM_GAP) + 8, 560);
  legend_top = HM_TOP + (int) n_groups * (HM_CELL_H + HM_GAP) + 28;

  /* The legend decides the height: draw it first into its own string. */
  {
    static const char *const bucket_labels[] = {
      N_ ("none"), N_ ("less than 1"), N_ ("1 to 2"), N_ ("2 to 3"), N_ ("3 or more: overload"),
    };
    g_autoptr (GString) drawn = g_string_new (NULL);

    legend = (Legend){ drawn, 8, 8, legend_top + 20, width - 8 };
    append_text (drawn, 8, legend_top, "font-size=\"12\" font-weight=\"bold\" fill=\"" MUTED "\"",
                 _ ("Messages per member in a week"));
    for (guint b = 0; b < G_N_ELEMENTS (bucket_labels); b++)
      {
        legend_next (&legend, _ (bucket_labels[b]));
        g_string_append_printf (drawn,
                                "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"14\" fill=\"%s\""
                                " stroke=\"%s\" stroke-width=\"%s\"/>",
                                legend.x, legend.y - 7, bucket_fill[b], b == 4 ? INK : "#969696",
                                b == 4 ? "3" : "1");
        legend_label (&legend, _ (bucket_labels[b]));
      }
    {
      g_autofree char *silence = g_strdup_printf (_ ("silence: none for %d weeks or more"),
                                                  (int) member_int (heatmap, "silence_weeks"));
      legend_next (&legend, silence);
      g_string_append_printf (
        drawn,
        "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"14\" fill=\"%s\" stroke=\"#969696\"/>"
        "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"14\" fill=\"url(#helder-heatmap-hatch)\"/>",
        legend.x, legend.y - 7, bucket_fill[0], legend.x, legend.y - 7);
      legend_label (&legend, silence);
    }
    legend_next (&legend, _ ("more planned in drafts"));
    g_string_append_printf (drawn, "<path d=\"M%d %dh10v10z\" fill=\"" INK "\"/>", legend.x + 6,
                            legend.y - 7);
    legend_label (&legend, _ ("more planned in drafts"));
    height = legend.y + 16;

    desc = heatmap_desc (heatmap, weeks, groups);
    svg_open (out, "helder-heatmap", "heatmap", width, height, lang,
              _ ("Messages per group and week"), desc);
    g_string_append (out, "<defs><pattern id=\"helder-heatmap-hatch\" width=\"7\" height=\"7\""
                          " patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\" stroke=\"" VERMILLION
                          "\" stroke-width=\"1.5\"/>"
                          "</pattern></defs>\n");
    g_string_append_len (out, drawn->str, drawn->len);
  }

  /* Column headings: the week number and its Monday. */
  for (guint w = 0; w < n_weeks; w++)
    {
      JsonObject *week = json_array_get_object_element (weeks, w);
      int x = label_w + (int) w * (HM_CELL_W + HM_GAP);
      gboolean current = member_bool (week, "current");
      const char *bold = current ? "text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\""
                                 : "text-anchor=\"middle\" font-size=\"12\"";
      g_autofree char *number = NULL;
      g_autofree char *date = NULL;
      GDate monday;

      /* TRANSLATORS: a short ISO week number over a column, "wk 48" */
      number = g_strdup_printf (C_ ("week number", "wk %d"), (int) member_int (week, "week"));
      if (helder_date_parse (member_string (week, "monday"), &monday))
        date = short_date (&monday);
      g_string_append_printf (out, "<g class=\"dash-chart__week%s\">",
                              current ? " dash-chart__week--current" : "");
      append_text (out, x + HM_CELL_W / 2, 18, bold, number);
      append_text (out, x + HM_CELL_W / 2, 36,
                   current ? "text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\""
                           : "text-anchor=\"middle\" font-size=\"11\" fill=\"" MUTED "\"",
                   date ? date : "");
      if (current)
        g_string_append_printf (
          out,
          "<rect x=\"%d\" y=\"2\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"" PURPLE "\""
          " stroke-width=\"2\" rx=\"3\"/>",
          x - 1, HM_CELL_W + 2, HM_TOP + (int) n_groups * (HM_CELL_H + HM_GAP));
      g_string_append (out, "</g>\n");
    }

  /* One row per group. */
  for (guint g = 0; g < n_groups; g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *cells = member_array (group, "cells");
      int y = HM_TOP + (int) g * (HM_CELL_H + HM_GAP);
      g_autofree char *name = truncate_text (member_string (group, "name"), max_chars);
      g_autofree char *members = NULL;

      /* TRANSLATORS: a group's name and how many people are in it */
      members =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d member", "%s: %d members",
                                      (gulong) member_int (group, "members")),
                         member_string (group, "name"), (int) member_int (group, "members"));
      g_string_append (out, "<g class=\"dash-chart__row\">");
      g_string_append (out, "<g>");
      append_title (out, members);
      append_text (out, label_w - 8, y + 20, "text-anchor=\"end\"", name);
      g_string_append (out, "</g>\n");
      for (guint w = 0; cells != NULL && w < json_array_get_length (cells) && w < n_weeks; w++)
        {
          JsonObject *cell = json_array_get_object_element (cells, w);
          JsonObject *week = json_array_get_object_element (weeks, w);
          double average = member_double (cell, "per_member");
          guint b = bucket (average);
          gboolean overload = member_bool (cell, "overload");
          gboolean silence = cell_silent (cell, week);
          int x = label_w + (int) w * (HM_CELL_W + HM_GAP);
          g_autofree char *tip = cell_tip (group, week, cell, lang);
          g_autofree char *value = helder_web_svg_format_decimal (average, lang);
          g_autofree char *attrs = NULL;

          g_string_append_printf (out, "<g class=\"dash-chart__cell%s%s\">",
                                  overload ? " dash-chart__cell--overload" : "",
                                  silence ? " dash-chart__cell--silence" : "");
          append_title (out, tip);
          if (overload)
            g_string_append_printf (out,
                                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
                                    " stroke=\"" INK "\" stroke-width=\"3\"/>",
                                    x + 1, y + 1, HM_CELL_W - 2, HM_CELL_H - 2, bucket_fill[b]);
          else
            g_string_append_printf (out,
                                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
                                    " stroke=\"#969696\"/>",
                                    x, y, HM_CELL_W, HM_CELL_H, bucket_fill[b]);
          if (silence)
            g_string_append_printf (out,
                                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
                                    " fill=\"url(#helder-heatmap-hatch)\"/>",
                                    x, y, HM_CELL_W, HM_CELL_H);
          else
            {
              attrs = g_strdup_printf ("text-anchor=\"middle\" fill=\"%s\"%s", bucket_ink[b],
                                       overload ? " font-weight=\"bold\"" : "");
              append_text (out, x + HM_CELL_W / 2, y + 20, attrs, value);
            }
          if (member_int (cell, "planned") > 0)
            g_string_append_printf (out, "<path d=\"M%d %dh10v10z\" fill=\"%s\"/>",
                                    x + HM_CELL_W - 11, y + 1, b >= 3 ? "#ffffff" : INK);
          g_string_append (out, "</g>\n");
        }
      g_string_append (out, "</g>\n");
    }

  g_string_append (out, "</svg>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
