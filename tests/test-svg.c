/* test-svg.c — the dashboard's pictures: well-formed, escaped, complete
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timeline and the heat map are drawn from real insights of a seeded
 * programme whose names carry markup, parsed back with GMarkupParseContext
 * and checked element by element: one root <svg role="img"> with a <title>
 * and <desc> it points at, nothing unescaped, every group and week there,
 * overload and silence marked, a diamond per gate, a mark per moment.
 * Then the same pictures as the dashboard serves them over HTTP.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/views/helder-insights.h"
#include "web/helder-web-svg.h"

#define XSS_GROUP "<script>&\""
#define XSS_TITLE "<b>\"x\"&'y'</b>"

typedef struct
{
  guint depth;
  guint roots;
  char *root_role;
  char *root_labelledby;
  GPtrArray *ids;     /* id attributes */
  GPtrArray *classes; /* class attributes */
  GString *texts;     /* all text, unescaped, one element a line */
  guint paths;        /* <path> elements (diamonds, draft corners) */
  GString *current;
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_free (parsed->root_role);
  g_free (parsed->root_labelledby);
  g_ptr_array_unref (parsed->ids);
  g_ptr_array_unref (parsed->classes);
  g_string_free (parsed->texts, TRUE);
  g_string_free (parsed->current, TRUE);
}

static void
start_element (GMarkupParseContext *context,
               const char *name,
               const char **names,
               const char **values,
               gpointer user_data,
               GError **error)
{
  Parsed *parsed = user_data;

  if (parsed->depth == 0)
    {
      parsed->roots++;
      g_assert_cmpstr (name, ==, "svg");
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (parsed->depth == 0 && g_str_equal (names[i], "role"))
        parsed->root_role = g_strdup (values[i]);
      if (parsed->depth == 0 && g_str_equal (names[i], "aria-labelledby"))
        parsed->root_labelledby = g_strdup (values[i]);
      if (g_str_equal (names[i], "id"))
        g_ptr_array_add (parsed->ids, g_strdup (values[i]));
      if (g_str_equal (names[i], "class"))
        g_ptr_array_add (parsed->classes, g_strdup (values[i]));
      /* No scripts, no event handlers, no inline styles (CSP). */
      g_assert_false (g_str_has_prefix (names[i], "on"));
      g_assert_cmpstr (names[i], !=, "style");
      g_assert_cmpstr (names[i], !=, "href");
    }
  g_assert_cmpstr (name, !=, "script");
  g_assert_cmpstr (name, !=, "style");
  g_assert_cmpstr (name, !=, "foreignObject");
  if (g_str_equal (name, "path"))
    parsed->paths++;
  g_string_truncate (parsed->current, 0);
  parsed->depth++;
}

static void
end_element (GMarkupParseContext *context, const char *name, gpointer user_data, GError **error)
{
  Parsed *parsed = user_data;

  if (parsed->current->len > 0)
    {
      g_string_append (parsed->texts, parsed->current->str);
      g_string_append_c (parsed->texts, '\n');
      g_string_truncate (parsed->current, 0);
    }
  parsed->depth--;
}

static void
text (GMarkupParseContext *context,
      const char *text,
      gsize length,
      gpointer user_data,
      GError **error)
{
  Parsed *parsed = user_data;

  g_string_append_len (parsed->current, text, length);
  /* Whitespace between elements is no text. */
  if (strspn (parsed->current->str, " \n") == parsed->current->len)
    g_string_truncate (parsed->current, 0);
}

static void
parse_svg (const char *svg, Parsed *parsed)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) labels = NULL;

  memset (parsed, 0, sizeof *parsed);
  parsed->ids = g_ptr_array_new_with_free_func (g_free);
  parsed->classes = g_ptr_array_new_with_free_func (g_free);
  parsed->texts = g_string_new (NULL);
  parsed->current = g_string_new (NULL);
  g_assert_true (g_utf8_validate (svg, -1, NULL));
  context = g_markup_parse_context_new (&parser, 0, parsed, NULL);
  g_markup_parse_context_parse (context, svg, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (parsed->roots, ==, 1);
  g_assert_cmpstr (parsed->root_role, ==, "img");
  g_assert_nonnull (parsed->root_labelledby);
  /* aria-labelledby names the <title> and <desc>, which exist. */
  labels = g_strsplit (parsed->root_labelledby, " ", -1);
  g_assert_cmpuint (g_strv_length (labels), ==, 2);
  g_assert_true (g_str_has_suffix (labels[0], "-title"));
  g_assert_true (g_str_has_suffix (labels[1], "-desc"));
  for (guint i = 0; labels[i] != NULL; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (parsed->ids, labels[i], g_str_equal, NULL));
  g_assert_true (g_str_has_prefix (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

static guint
count_class (Parsed *parsed, const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < parsed->classes->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (parsed->classes, i), prefix))
      n++;
  return n;
}

static gboolean
has_line (Parsed *parsed, const char *needle)
{
  return strstr (parsed->texts->str, needle) != NULL;
}

/* ---- a programme with markup in its names ------------------------------------ */

static JsonObject *
seeded_insights (HelderStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *d_p3 = helder_test_day (3);
  g_autofree char *d_m7 = helder_test_day (-7);
  g_autofree char *d_p20 = helder_test_day (20);
  g_autofree char *json = NULL;
  JsonObject *insights;

  helder_test_seed (store);
  json_object_unref (helder_test_create (store, "group",
                                         "{\"slug\":\"xss\",\"name\":\""
                                         "<script>&\\\""
                                         "\",\"kind\":\"internal\"}"));
  json_object_unref (helder_test_create (
    store, "person", "{\"name\":\"Eva\",\"email\":\"eva@voorbeeld.nl\",\"groups\":[\"xss\"]}"));
  json = g_strdup_printf (
    "{\"title\":\"<b>\\\"x\\\"&'y'</b>\",\"scheduled_at\":\"%sT10:00\",\"status\":\"approved\","
    "\"channels\":[\"email\"],\"groups\":[\"xss\",\"beheer\"]}",
    d_p3);
  json_object_unref (helder_test_create (store, "moment", json));
  g_free (json);
  /* Overload for beheer this week: three more moments. */
  for (guint i = 0; i < 3; i++)
    {
      json = g_strdup_printf (
        "{\"title\":\"Extra %u\",\"scheduled_at\":\"%sT1%u:00\",\"status\":\"approved\","
        "\"channels\":[\"meeting\"],\"groups\":[\"beheer\"]}",
        i, d_m7, i);
      json_object_unref (helder_test_create (store, "moment", json));
      g_free (json);
    }
  json =
    g_strdup_printf ("{\"slug\":\"infra\",\"name\":\"<gate> & co\",\"decide_on\":\"%s\"}", d_p20);
  json_object_unref (helder_test_create (store, "gate", json));

  insights = helder_insights_compute (store, NULL, &error);
  g_assert_no_error (error);
  return insights;
}

static void
test_heatmap_svg (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (JsonObject) insights = seeded_insights (store);
  JsonObject *heatmap = json_object_get_object_member (insights, "heatmap");
  JsonArray *groups = json_object_get_array_member (heatmap, "groups");
  JsonArray *weeks = json_object_get_array_member (heatmap, "weeks");
  g_autofree char *svg = helder_web_svg_heatmap (heatmap, "en");
  Parsed parsed;
  guint overload = 0, silence = 0, planned = 0, outsourcing_silent = 0;
  g_autofree char *outsourcing = NULL;

  parse_svg (svg, &parsed);

  /* The group named <script>&" comes out escaped, never as markup. */
  g_assert_null (strstr (svg, "<script"));
  g_assert_nonnull (strstr (svg, "&lt;script&gt;&amp;&quot;"));
  g_assert_true (has_line (&parsed, XSS_GROUP));

  /* Every group and every week is there. */
  g_assert_cmpuint (json_array_get_length (groups), ==, 4);
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *cells = json_object_get_array_member (group, "cells");

      g_assert_true (has_line (&parsed, json_object_get_string_member (group, "name")));
      for (guint c = 0; c < json_array_get_length (cells); c++)
        {
          JsonObject *cell = json_array_get_object_element (cells, c);
          JsonObject *week = json_array_get_object_element (weeks, c);
          /* Silence is drawn for weeks that have begun, never for future ones. */
          gboolean silent = json_object_get_boolean_member (cell, "silence") &&
                            (json_object_get_boolean_member (week, "past") ||
                             json_object_get_boolean_member (week, "current"));

          overload += json_object_get_boolean_member (cell, "overload");
          silence += silent;
          if (silent &&
              g_str_equal (json_object_get_string_member (group, "name"), "Outsourcingspartner"))
            outsourcing_silent++;
          planned += json_object_get_int_member (cell, "planned") > 0;
        }
    }
  g_assert_cmpuint (json_array_get_length (weeks), ==, 13);
  for (guint w = 0; w < json_array_get_length (weeks); w++)
    {
      JsonObject *week = json_array_get_object_element (weeks, w);
      g_autofree char *label =
        g_strdup_printf ("wk %d\n", (int) json_object_get_int_member (week, "week"));
      g_autofree char *tip = helder_web_svg_week_label (week);

      g_assert_true (has_line (&parsed, label));
      g_assert_true (has_line (&parsed, tip));
    }
  g_assert_cmpuint (count_class (&parsed, "dash-chart__cell"), ==, 4 * 13);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__week--current"), ==, 0);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__week dash-chart__week--current"), ==, 1);

  /* Overload and silence are marked as they are in the data, and said in <desc>. */
  g_assert_cmpuint (overload, >, 0);
  g_assert_cmpuint (silence, >, 0);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__cell dash-chart__cell--overload"), ==,
                    overload);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__cell dash-chart__cell--silence"), ==,
                    silence);
  g_assert_true (
    has_line (&parsed, "Overload, 3 or more messages a week: Systeem- en netwerkbeheer (1 week)"));
  g_assert_cmpuint (outsourcing_silent, >, 0);
  g_assert_cmpuint (outsourcing_silent, <, 13);
  outsourcing = g_strdup_printf ("Outsourcingspartner (%u weeks)", outsourcing_silent);
  g_assert_true (has_line (&parsed, outsourcing));
  /* The legend names every shade. */
  g_assert_true (has_line (&parsed, "3 or more: overload"));
  g_assert_true (has_line (&parsed, "less than 1"));
  g_assert_true (has_line (&parsed, "silence: none for 3 weeks or more"));
  g_assert_cmpuint (parsed.paths, ==, planned + 1);

  parsed_clear (&parsed);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_timeline_svg (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (JsonObject) insights = seeded_insights (store);
  JsonObject *timeline = json_object_get_object_member (insights, "timeline");
  g_autofree char *today = helder_test_day (0);
  g_autofree char *svg = helder_web_svg_timeline (timeline, today, "nl");
  Parsed parsed;

  parse_svg (svg, &parsed);
  g_assert_null (strstr (svg, "<b>"));
  g_assert_null (strstr (svg, "<gate>"));
  g_assert_nonnull (strstr (svg, "&lt;b&gt;&quot;x&quot;&amp;&apos;y&apos;&lt;/b&gt;"));
  g_assert_true (has_line (&parsed, XSS_TITLE));
  g_assert_true (has_line (&parsed, "<gate> & co"));
  g_assert_nonnull (strstr (svg, " lang=\"nl\""));

  /* Every phase by name, a diamond per gate, a mark per moment, today. */
  g_assert_true (has_line (&parsed, "Inventarisatie\n"));
  g_assert_true (has_line (&parsed, "Omgeving gereed maken\n"));
  g_assert_true (has_line (&parsed, "Migratie\n"));
  g_assert_cmpuint (count_class (&parsed, "dash-chart__phase"), ==, 3);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__gate"), ==, 1);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__moment"), ==, 4);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__moment dash-chart__moment--approved"), ==,
                    4);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__today"), ==, 1);
  g_assert_true (has_line (&parsed, "Today\n"));
  /* The description says where we are. */
  g_assert_true (has_line (&parsed, "in the phase “Omgeving gereed maken”"));
  g_assert_true (has_line (&parsed, "4 moments: 0 sent, 4 planned or approved."));

  parsed_clear (&parsed);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* Nothing recorded yet: still a valid picture with words in it. */
static void
test_empty_svg (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = helder_insights_compute (store, "2026-06-01", &error);
  g_autofree char *timeline = NULL;
  g_autofree char *heatmap = NULL;
  g_autoptr (JsonObject) nothing = json_object_new ();
  g_autofree char *bare_timeline = NULL;
  g_autofree char *bare_heatmap = NULL;
  Parsed parsed;

  g_assert_no_error (error);
  timeline = helder_web_svg_timeline (json_object_get_object_member (insights, "timeline"),
                                      "2026-06-01", "en");
  parse_svg (timeline, &parsed);
  g_assert_true (has_line (&parsed, "Today is 1 June 2026."));
  g_assert_cmpuint (count_class (&parsed, "dash-chart__today"), ==, 1);
  parsed_clear (&parsed);

  heatmap = helder_web_svg_heatmap (json_object_get_object_member (insights, "heatmap"), "en");
  parse_svg (heatmap, &parsed);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__cell"), ==, 0);
  g_assert_cmpuint (count_class (&parsed, "dash-chart__week"), ==, 13);
  parsed_clear (&parsed);

  /* Even an object without any of the expected members. */
  bare_timeline = helder_web_svg_timeline (nothing, "not a date", "en");
  parse_svg (bare_timeline, &parsed);
  parsed_clear (&parsed);
  bare_heatmap = helder_web_svg_heatmap (nothing, "en");
  parse_svg (bare_heatmap, &parsed);
  parsed_clear (&parsed);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_values (void)
{
  struct
  {
    double value;
    const char *lang, *expected;
  } decimals[] = {
    { 1.5, "nl", "1,5" }, { 1.5, "en", "1.5" },  { 2.0, "nl", "2" },      { 0.0, "en", "0" },
    { 0.04, "nl", "0" },  { 0.06, "nl", "0,1" }, { 12.25, "en", "12.2" }, { 3.33, "nl", "3,3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (decimals); i++)
    {
      g_autofree char *text = helder_web_svg_format_decimal (decimals[i].value, decimals[i].lang);
      g_assert_cmpstr (text, ==, decimals[i].expected);
    }
  g_assert_cmpstr (helder_web_svg_value_label ("late"), ==, "late");
  g_assert_cmpstr (helder_web_svg_value_label ("nogo"), ==, "nogo");
  g_assert_cmpstr (helder_web_svg_value_label ("no such value"), ==, "no such value");
  g_assert_cmpstr (helder_web_svg_value_label (NULL), ==, "");
}

/* ---- served: the dashboard page and the two images -------------------------- */

/* The inline <svg> of @kind in @html, as a new string. */
static char *
inline_svg (const char *html, const char *kind)
{
  g_autofree char *marker = g_strdup_printf ("class=\"dash-chart dash-chart--%s\"", kind);
  const char *at = strstr (html, marker);
  const char *start, *end;

  g_assert_nonnull (at);
  for (start = at; start > html && !g_str_has_prefix (start, "<svg "); start--)
    ;
  end = strstr (at, "</svg>");
  g_assert_nonnull (end);
  return g_strndup (start, end + strlen ("</svg>") - start);
}

static void
test_served (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) insights = helder_insights_compute (web->store, web->today, &error);
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (HelderWebTestResponse) heatmap = NULL;
  g_autoptr (HelderWebTestResponse) timeline = NULL;
  g_autoptr (HelderWebTestResponse) again = NULL;
  g_autoptr (HelderWebTestResponse) forbidden = NULL;
  g_autofree char *inline_heatmap = NULL;
  g_autofree char *inline_timeline = NULL;
  JsonArray *ledger;
  JsonObject *gate;
  const char *previous = NULL;
  Parsed parsed;

  g_assert_no_error (error);
  page = helder_web_test_get (web, "/dashboard", &web->advisor);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (g_str_has_prefix (page->content_type, "text/html"));

  /* Both pictures inline, each well-formed; the images serve the same. */
  inline_timeline = inline_svg (page->text, "timeline");
  inline_heatmap = inline_svg (page->text, "heatmap");
  parse_svg (inline_timeline, &parsed);
  parsed_clear (&parsed);
  parse_svg (inline_heatmap, &parsed);
  parsed_clear (&parsed);
  heatmap = helder_web_test_get (web, "/dashboard/heatmap.svg", &web->advisor);
  g_assert_cmpuint (heatmap->status, ==, 200);
  g_assert_cmpstr (heatmap->content_type, ==, "image/svg+xml");
  g_assert_true (g_str_has_prefix (heatmap->text, inline_heatmap));
  timeline = helder_web_test_get (web, "/dashboard/timeline.svg", &web->advisor);
  g_assert_cmpuint (timeline->status, ==, 200);
  g_assert_true (g_str_has_prefix (timeline->text, inline_timeline));

  /* The ledger in its order, late first, each linking to its commitment. */
  ledger = json_object_get_array_member (insights, "ledger");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (ledger, 0), "effective"), ==,
    "late");
  for (guint i = 0; i < json_array_get_length (ledger); i++)
    {
      g_autofree char *href = g_strdup_printf (
        "href=\"/commitments/%" G_GINT64_FORMAT "\"",
        json_object_get_int_member (json_array_get_object_element (ledger, i), "id"));
      const char *at = strstr (page->text, href);

      g_assert_nonnull (at);
      g_assert_true (previous == NULL || at > previous);
      previous = at;
    }
  /* The next gate links to its page; new moments can be made from here. */
  gate = json_object_get_object_member (insights, "next_gate");
  {
    g_autofree char *href =
      g_strdup_printf ("href=\"/gates/%s\"", json_object_get_string_member (gate, "slug"));
    g_assert_nonnull (strstr (page->text, href));
  }
  g_assert_nonnull (strstr (page->text, "href=\"/moments/new\""));
  /* The text alternatives are there. */
  g_assert_nonnull (strstr (page->text, "<details"));
  g_assert_nonnull (strstr (page->text, "<th scope=\"row\"><bdi>Systeem- en netwerkbeheer"));

  /* A change made through another connection shows on the next request. */
  {
    g_autofree char *day = helder_date_add_days (web->today, 2);
    g_autofree char *json =
      g_strdup_printf ("{\"title\":\"Extra & <nieuw>\",\"scheduled_at\":\"%sT10:00\","
                       "\"groups\":[\"servicedesk\"]}",
                       day);
    json_object_unref (helder_test_create (web->store, "moment", json));
  }
  again = helder_web_test_get (web, "/dashboard", &web->advisor);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_nonnull (strstr (again->text, "Extra &amp; &lt;nieuw&gt;"));
  g_assert_null (strstr (again->text, "<nieuw>"));

  /* Only for the advisor. */
  forbidden = helder_web_test_get (web, "/dashboard/heatmap.svg", &web->employee);
  g_assert_cmpuint (forbidden->status, ==, 403);

  helder_web_test_stop (web);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/svg/heatmap", test_heatmap_svg);
  g_test_add_func ("/svg/timeline", test_timeline_svg);
  g_test_add_func ("/svg/empty", test_empty_svg);
  g_test_add_func ("/svg/values", test_values);
  g_test_add_func ("/svg/served", test_served);
  return g_test_run ();
}
