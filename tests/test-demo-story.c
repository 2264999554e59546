/* test-demo-story.c — the demo programme adds up, whatever day it is loaded
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo's dates are relative to the day it is loaded and move to
 * working days, so what its texts say (numbers, week distances, weekdays)
 * must hold for every "today": each check runs on the demo as loaded on
 * every day of two years, and on the days the clock tests pin.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>

#include "helder-clock.h"
#include "helder-test-utils.h"
#include "model/helder-date.h"
#include "model/helder-holidays.h"
#include "services/transfer/helder-demo.h"

/* The days the clock matrix pins (tests/run-clock-matrix.sh) and the
 * days around Christmas, Easter and Whitsun, besides the sweep. */
static const char *const pinned[] = {
  "2026-12-04", "2026-03-29", "2026-10-25", "2026-12-31", "2026-12-24",
  "2027-03-26", "2027-05-05", "2027-05-17", "2028-04-16", "2028-12-26",
};

typedef struct
{
  const char *today;
  JsonObject *doc;
} Demo;

static JsonArray *
rows (const Demo *demo, const char *plural)
{
  return json_object_get_array_member (demo->doc, plural);
}

static JsonObject *
find (const Demo *demo, const char *plural, const char *member, const char *value)
{
  JsonArray *list = rows (demo, plural);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *row = json_array_get_object_element (list, i);
      if (g_strcmp0 (json_object_get_string_member (row, member), value) == 0)
        return row;
    }
  g_error ("%s: no %s with %s “%s”", demo->today, plural, member, value);
}

static GDate
day_of (const char *text)
{
  GDate date;
  g_autofree char *day = g_strndup (text, 10);

  g_assert_true (helder_date_parse (day, &date));
  return date;
}

static int
days_between (const char *from, const char *to)
{
  GDate a = day_of (from), b = day_of (to);

  return g_date_days_between (&a, &b);
}

static gboolean
working_day (const char *text)
{
  GDate date = day_of (text);
  GDateWeekday weekday = g_date_get_weekday (&date);

  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY &&
         helder_holidays_name (g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date)) == NULL;
}

/* "drie" → 3, "27" → 27: the numbers the demo's texts spell. */
static guint
number (const char *word)
{
  static const char *const words[] = { "nul",   "een",  "twee",  "drie", "vier", "vijf",  "zes",
                                       "zeven", "acht", "negen", "tien", "elf",  "twaalf" };
  g_autofree char *lower = g_utf8_strdown (word, -1);

  if (g_ascii_isdigit (lower[0]))
    return (guint) g_ascii_strtoull (lower, NULL, 10);
  if (g_str_equal (lower, "één"))
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (lower, words[i]))
      return i;
  g_error ("“%s” is not a number the test knows", word);
}

/* Every match of @pattern in the texts (title, body, text, note) of
 * @plural, with its row: calls @check for each, returns how many. */
typedef void (*MatchFunc) (const Demo *demo, JsonObject *row, GMatchInfo *match);

static guint
each_match (const Demo *demo, const char *plural, const char *pattern, MatchFunc check)
{
  static const char *const members[] = { "title", "body", "text", "note" };
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  JsonArray *list = rows (demo, plural);
  guint n = 0;

  g_assert_nonnull (regex);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *row = json_array_get_object_element (list, i);
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          g_autoptr (GMatchInfo) match = NULL;

          if (!json_object_has_member (row, members[m]))
            continue;
          g_regex_match (regex, json_object_get_string_member (row, members[m]), 0, &match);
          for (; g_match_info_matches (match); g_match_info_next (match, NULL), n++)
            check (demo, row, match);
        }
    }
  return n;
}

static guint
criteria (const Demo *demo, const char *gate, const char *status)
{
  JsonArray *list = rows (demo, "gate_criteria");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);
      if (g_str_equal (json_object_get_string_member (c, "gate"), gate) &&
          (status == NULL || g_str_equal (json_object_get_string_member (c, "status"), status)))
        n++;
    }
  return n;
}

/* The gate whose name a text names. */
static JsonObject *
gate_named_in (const Demo *demo, const char *text)
{
  JsonArray *gates = rows (demo, "gates");
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; i < json_array_get_length (gates); i++)
    {
      JsonObject *g = json_array_get_object_element (gates, i);
      g_autofree char *name = g_utf8_strdown (json_object_get_string_member (g, "name"), -1);
      if (strstr (lower, name) != NULL)
        return g;
    }
  return NULL;
}

/* ---- the migration weekend -------------------------------------------- */

/* The Friday the outage begins: the first Friday from the day of the
 * moment that announces "van vrijdag 17.00 uur tot maandag 07.00 uur". */
static char *
outage_friday (const Demo *demo)
{
  JsonArray *moments = rows (demo, "moments");

  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      const char *at = json_object_get_string_member (m, "scheduled_at");
      GDate date;

      if (strstr (json_object_get_string_member (m, "body"),
                  "van vrijdag 17.00 uur tot maandag 07.00 uur") == NULL)
        continue;
      date = day_of (at);
      while (g_date_get_weekday (&date) != G_DATE_FRIDAY)
        g_date_add_days (&date, 1);
      {
        char text[11];
        g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
        return g_strdup (text);
      }
    }
  g_error ("%s: no moment announces the migration weekend", demo->today);
}

/* ---- the checks, for one demo ----------------------------------------- */

static void
walk_dates (const Demo *demo, JsonNode *node, const char *member, GString *path)
{
  gsize len = path->len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr (GList) members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_string_append_printf (path, ".%s", (char *) l->data);
          walk_dates (demo, json_object_get_member (json_node_get_object (node), l->data), l->data,
                      path);
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append_printf (path, "[%u]", i);
          walk_dates (demo, json_array_get_element (array, i), member, path);
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      gsize n = strlen (s);
      g_autofree char *day = g_strndup (s, 10);

      /* spans (phases, the programme) may end on any day; the records'
       * own timestamps (…Z) are when they were stored, not events */
      if (g_str_equal (member, "starts_on") || g_str_equal (member, "ends_on") ||
          !(n == 10 || (n == 16 && s[10] == 'T')) || !helder_date_parse (day, NULL))
        return;
      if (!working_day (s))
        g_error ("demo of %s: %s is %s, not a working day", demo->today, path->str, s);
    }
}

static void
check_working_days (const Demo *demo)
{
  g_autoptr (GString) path = g_string_new (NULL);
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), demo->doc);

  walk_dates (demo, node, "", path);
}

static void
check_newsletters (const Demo *demo)
{
  g_autoptr (GRegex) regex = g_regex_new ("^Nieuwsbrief Wolk #([0-9]+)", 0, 0, NULL);
  JsonArray *moments = rows (demo, "moments");
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *previous_at = "";
  guint expected = 1;

  /* in the order they go out */
  for (guint pass = 0; pass < json_array_get_length (moments); pass++)
    {
      const char *next_at = NULL;
      guint next = 0;

      for (guint i = 0; i < json_array_get_length (moments); i++)
        {
          JsonObject *m = json_array_get_object_element (moments, i);
          const char *at = json_object_get_string_member (m, "scheduled_at");
          g_autoptr (GMatchInfo) match = NULL;

          if (!g_regex_match (regex, json_object_get_string_member (m, "title"), 0, &match) ||
              strcmp (at, previous_at) <= 0 || (next_at != NULL && strcmp (at, next_at) >= 0))
            continue;
          {
            g_autofree char *digits = g_match_info_fetch (match, 1);
            next = number (digits);
            next_at = at;
          }
        }
      if (next_at == NULL)
        break;
      g_array_append_val (numbers, next);
      previous_at = next_at;
    }
  g_assert_cmpuint (numbers->len, >=, 3);
  for (guint i = 0; i < numbers->len; i++, expected++)
    if (g_array_index (numbers, guint, i) != expected)
      g_error ("demo of %s: newsletter #%u goes out where #%u should", demo->today,
               g_array_index (numbers, guint, i), expected);
}

static void
check_met_criteria (const Demo *demo, JsonObject *row, GMatchInfo *match)
{
  g_autofree char *met = g_match_info_fetch (match, 1);
  g_autofree char *of = g_match_info_fetch (match, 2);
  JsonObject *gate = gate_named_in (demo, json_object_get_string_member (row, "body"));
  const char *slug;

  g_assert_nonnull (gate);
  slug = json_object_get_string_member (gate, "slug");
  g_assert_cmpuint (number (met), ==, criteria (demo, slug, "met"));
  g_assert_cmpuint (number (of), ==, criteria (demo, slug, NULL));
}

static void
check_judged_criteria (const Demo *demo, JsonObject *row, GMatchInfo *match)
{
  g_autofree char *of = g_match_info_fetch (match, 1);
  JsonObject *gate = gate_named_in (demo, json_object_get_string_member (row, "title"));

  g_assert_nonnull (gate);
  g_assert_cmpuint (number (of), ==,
                    criteria (demo, json_object_get_string_member (gate, "slug"), NULL));
}

/* "Over twee tot drie weken nemen we het eerste Go/No-Go-besluit" */
static void
check_weeks_to_gate (const Demo *demo, JsonObject *row, GMatchInfo *match)
{
  g_autofree char *from = g_match_info_fetch (match, 1);
  g_autofree char *to = g_match_info_fetch (match, 2);
  JsonObject *gate = gate_named_in (demo, json_object_get_string_member (row, "body"));
  int days;

  g_assert_nonnull (gate);
  days = days_between (json_object_get_string_member (row, "scheduled_at"),
                       json_object_get_string_member (gate, "decide_on"));
  if (days < 7 * (int) number (from) || days > 7 * (int) number (to))
    g_error ("demo of %s: “%s” says %s to %s weeks before its gate, but it is %d days", demo->today,
             json_object_get_string_member (row, "title"), from, to, days);
}

/* "minimaal acht weken vóór het migratieweekend" */
static void
check_weeks_before_weekend (const Demo *demo, JsonObject *row, GMatchInfo *match)
{
  g_autofree char *weeks = g_match_info_fetch (match, 1);
  g_autofree char *friday = outage_friday (demo);
  int days = days_between (json_object_get_string_member (row, "due_on"), friday);

  if (days < 7 * (int) number (weeks))
    g_error ("demo of %s: commitment %" G_GINT64_FORMAT " promises %s weeks before the weekend "
             "of %s, but is due %d days before",
             demo->today, json_object_get_int_member (row, "id"), weeks, friday, days);
}

static guint
count_changes (const Demo *demo, const char *const *statuses)
{
  JsonArray *list = rows (demo, "role_changes");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (statuses == NULL ||
        g_strv_contains (statuses, json_object_get_string_member (
                                     json_array_get_object_element (list, i), "status")))
      n++;
  return n;
}

/* "27 van de 47 (persoonlijke) gesprekken zijn gevoerd": a conversation
 * took place once a role change is discussed, accepted or objected to. */
static void
check_conversations (const Demo *demo, JsonObject *row, GMatchInfo *match)
{
  static const char *const held[] = { "discussed", "accepted", "objection", NULL };
  g_autofree char *done = g_match_info_fetch (match, 1);
  g_autofree char *of = g_match_info_fetch (match, 2);

  (void) row;
  g_assert_cmpuint (number (done), ==, count_changes (demo, held));
  g_assert_cmpuint (number (of), ==, count_changes (demo, NULL));
}

/* "elf staan in de agenda": decided, the conversation planned */
static void
check_planned (const Demo *demo, JsonObject *row, GMatchInfo *match)
{
  static const char *const planned[] = { "decided", NULL };
  g_autofree char *a = g_match_info_fetch (match, 1);
  g_autofree char *b = g_match_info_fetch (match, 2);

  (void) row;
  g_assert_cmpuint (number (*a != '\0' ? a : b), ==, count_changes (demo, planned));
}

/* "Vier van de zes functiebeschrijvingen": one per regie role */
static void
check_descriptions (const Demo *demo, JsonObject *row, GMatchInfo *match)
{
  g_autofree char *of = g_match_info_fetch (match, 2);
  JsonArray *roles = rows (demo, "roles");
  guint regie = 0;

  (void) row;
  for (guint i = 0; i < json_array_get_length (roles); i++)
    regie += g_str_equal (
      json_object_get_string_member (json_array_get_object_element (roles, i), "kind"), "regie");
  g_assert_cmpuint (number (of), ==, regie);
}

/* "binnen het tijdvenster van 62 uur": Friday 17:00 to Monday 07:00 */
static void
check_window (const Demo *demo, JsonObject *row, GMatchInfo *match)
{
  g_autofree char *hours = g_match_info_fetch (match, 1);

  (void) demo;
  (void) row;
  g_assert_cmpuint (number (hours), ==, (24 - 17) + 24 + 24 + 7);
}

static void
check_texts (const Demo *demo)
{
  g_assert_cmpuint (
    each_match (demo, "moments", "(\\w+) van de (\\w+) criteria zijn gehaald", check_met_criteria),
    >=, 1);
  g_assert_cmpuint (
    each_match (demo, "moments", "aan de hand van (\\w+) criteria", check_judged_criteria), >=, 1);
  g_assert_cmpuint (
    each_match (demo, "moments", "over (\\w+) tot (\\w+) weken nemen we", check_weeks_to_gate), >=,
    1);
  g_assert_cmpuint (each_match (demo, "commitments",
                                "minimaal (\\w+) weken vóór het migratieweekend",
                                check_weeks_before_weekend),
                    >=, 2);
  g_assert_cmpuint (each_match (demo, "moments",
                                "(\\w+) van de (\\w+) (?:persoonlijke )?gesprekken zijn gevoerd",
                                check_conversations),
                    >=, 1);
  g_assert_cmpuint (each_match (demo, "commitment_updates",
                                "(\\w+) van de (\\w+) (?:persoonlijke )?gesprekken zijn gevoerd",
                                check_conversations),
                    >=, 1);
  g_assert_cmpuint (
    each_match (demo, "moments", "(\\w+) staan in de agenda|met (\\w+) collega", check_planned), >=,
    1);
  g_assert_cmpuint (each_match (demo, "commitment_updates",
                                "(\\w+) staan in de agenda|met (\\w+) collega", check_planned),
                    >=, 1);
  g_assert_cmpuint (each_match (demo, "commitment_updates",
                                "(\\w+) van de (\\w+) functiebeschrijvingen", check_descriptions),
                    >=, 1);
  g_assert_cmpuint (each_match (demo, "gate_criteria", "tijdvenster van (\\w+) uur", check_window),
                    ==, 1);
}

/* A gate decides before what it decides: before its phase ends, before
 * the moment that reports it, and the migration weekend's Go/No-Go before
 * the outage, on the weekday the announcement names. */
static void
check_gates (const Demo *demo)
{
  JsonArray *gates = rows (demo, "gates");
  JsonArray *moments = rows (demo, "moments");
  g_autofree char *friday = outage_friday (demo);
  JsonObject *weekend = find (demo, "gates", "slug", "migratieweekend");
  GDate decided = day_of (json_object_get_string_member (weekend, "decide_on"));
  guint reported = 0;

  for (guint i = 0; i < json_array_get_length (gates); i++)
    {
      JsonObject *g = json_array_get_object_element (gates, i);
      JsonObject *phase = find (demo, "phases", "key", json_object_get_string_member (g, "phase"));

      g_assert_cmpstr (json_object_get_string_member (g, "decide_on"), <=,
                       json_object_get_string_member (phase, "ends_on"));
    }
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      const char *title = json_object_get_string_member (m, "title");
      JsonObject *gate = g_str_has_prefix (title, "Uitslag") ? gate_named_in (demo, title) : NULL;

      if (gate == NULL)
        continue;
      reported++;
      g_assert_cmpint (days_between (json_object_get_string_member (gate, "decide_on"),
                                     json_object_get_string_member (m, "scheduled_at")),
                       >=, 0);
      if (gate == weekend)
        g_assert_cmpint (days_between (json_object_get_string_member (m, "scheduled_at"), friday),
                         >, 0);
    }
  g_assert_cmpuint (reported, >=, 2);

  if (days_between (json_object_get_string_member (weekend, "decide_on"), friday) <= 0)
    g_error ("demo of %s: the Go/No-Go of %s falls in or after the weekend of %s", demo->today,
             json_object_get_string_member (weekend, "decide_on"), friday);
  g_assert_cmpint (days_between (json_object_get_string_member (weekend, "decide_on"), friday), <,
                   7);
  g_assert_cmpint (g_date_get_weekday (&decided), ==, G_DATE_WEDNESDAY); /* "van woensdag" */
  g_assert_cmpint (days_between (json_object_get_string_member (
                                   find (demo, "gates", "slug", "productie"), "decide_on"),
                                 friday),
                   <, 0);
}

/* The phases follow each other without a gap or an overlap, and the
 * outage ends on a Monday people work ("wat merk je maandagochtend"). */
static void
check_phases (const Demo *demo)
{
  JsonArray *phases = rows (demo, "phases");
  g_autofree char *friday = outage_friday (demo);
  g_autofree char *monday = helder_date_add_days (friday, 3);

  for (guint i = 1; i < json_array_get_length (phases); i++)
    {
      JsonObject *before = json_array_get_object_element (phases, i - 1);
      JsonObject *after = json_array_get_object_element (phases, i);

      g_assert_cmpint (days_between (json_object_get_string_member (before, "ends_on"),
                                     json_object_get_string_member (after, "starts_on")),
                       ==, 1);
      g_assert_cmpint (days_between (json_object_get_string_member (after, "starts_on"),
                                     json_object_get_string_member (after, "ends_on")),
                       >, 0);
    }
  if (!working_day (monday))
    g_error ("demo of %s: the migration weekend ends on %s, not a working day", demo->today,
             monday);
}

/* A settled promise says it was kept, not that it is still to happen. */
static void
check_kept_notes (const Demo *demo)
{
  JsonArray *updates = rows (demo, "commitment_updates");

  for (guint i = 0; i < json_array_get_length (updates); i++)
    {
      JsonObject *u = json_array_get_object_element (updates, i);
      const char *note = json_object_get_string_member (u, "note");

      if (json_object_get_null_member (u, "status") ||
          !g_str_equal (json_object_get_string_member (u, "status"), "kept"))
        continue;
      g_assert_null (strstr (note, "gepland"));
      g_assert_null (strstr (note, " nog "));
    }
}

/* Placements were made and changed over weeks, in an order that fits
 * their status, all before today. */
static void
check_placements (const Demo *demo)
{
  JsonArray *list = rows (demo, "placements");
  g_autoptr (GHashTable) changed = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (json_array_get_length (list), >=, 3);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *p = json_array_get_object_element (list, i);
      const char *created = json_object_get_string_member (p, "created_at");
      const char *updated = json_object_get_string_member (p, "updated_at");
      const char *status = json_object_get_string_member (p, "status");

      g_assert_cmpuint (strlen (created), ==, 16);
      g_assert_cmpuint (strlen (updated), ==, 16);
      g_assert_cmpstr (created, <=, updated);
      g_assert_cmpint (days_between (updated, demo->today), >=, 0);
      if (g_str_equal (status, "intended"))
        g_assert_cmpstr (created, ==, updated);
      else
        g_assert_cmpint (days_between (created, updated), >=, 7);
      g_hash_table_add (changed, (gpointer) updated);
    }
  g_assert_cmpuint (g_hash_table_size (changed), ==, json_array_get_length (list));
}

static void
check_demo (const char *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = helder_demo_document (today, 0, &error);
  Demo demo = { today, NULL };

  g_assert_no_error (error);
  demo.doc = json_node_get_object (node);
  check_working_days (&demo);
  check_newsletters (&demo);
  check_texts (&demo);
  check_gates (&demo);
  check_phases (&demo);
  check_kept_notes (&demo);
  check_placements (&demo);
}

static void
test_pinned (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pinned); i++)
    check_demo (pinned[i]);
}

/* Every day of 2026 and 2027 as "today". */
static void
test_every_day (void)
{
  g_autofree char *day = g_strdup ("2026-01-01");

  for (guint i = 0; i < 730; i++)
    {
      char *next = helder_date_add_days (day, 1);

      check_demo (day);
      g_free (day);
      day = next;
    }
}

/* HELDER_NOW's day: what `helder demo` loads. */
static void
test_today (void)
{
  g_autofree char *today = helder_clock_today ();

  check_demo (today);
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/demo-story/today", test_today);
  g_test_add_func ("/demo-story/pinned", test_pinned);
  g_test_add_func ("/demo-story/every-day", test_every_day);

  return g_test_run ();
}
