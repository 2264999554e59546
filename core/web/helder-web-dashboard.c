/* helder-web-dashboard.c — the strategic advisor's dashboard
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /dashboard shows what services/views/helder-insights.h computes: key
 * figures, the next gate with its open criteria, the coming moments, the
 * timeline and the heat map as server-drawn SVG (each also as a table),
 * the commitments ledger and role changes per group. The two pictures are
 * also served on their own as image/svg+xml. The insights are kept with
 * the store until the database changes, so a busy dashboard costs a
 * lookup and a render.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/views/helder-insights.h"
#include "services/views/helder-status.h"
#include "web/helder-web-private.h"
#include "web/helder-web-overdue.h"
#include "web/helder-web-svg.h"

static const char *
str (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
num (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return 0;
  return json_node_get_int (node);
}

static JsonObject *
obj (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static JsonArray *
arr (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static guint
len (JsonArray *array)
{
  return array ? json_array_get_length (array) : 0;
}

static void
set_take (JsonObject *object, const char *name, char *value)
{
  json_object_set_string_member (object, name, value ? value : "");
  g_free (value);
}

static void
set_status (JsonObject *object, const char *status)
{
  json_object_set_string_member (object, "status", status ? status : "");
  json_object_set_string_member (object, "status_label", helder_web_svg_value_label (status));
}

/* "in 18 days", "today", "3 days ago". */
static char *
days_from_now (gint64 days)
{
  if (days == 0)
    return g_strdup (_ ("today"));
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", (gulong) days),
                            (int) days);
  return g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) -days), (int) -days);
}

static JsonObject *
insights_or_respond (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  JsonObject *insights = helder_insights_get (request->store, request->today, &error);

  if (insights == NULL)
    helder_web_respond_gerror (request, NULL, error);
  return insights;
}

/* ---- the parts of the page ------------------------------------------------- */

static void
add_stat (JsonArray *stats, gint64 value, char *label, gboolean alert)
{
  JsonObject *stat = json_object_new ();

  json_object_set_int_member (stat, "value", value);
  set_take (stat, "label", label);
  json_object_set_boolean_member (stat, "alert", alert);
  json_array_add_object_element (stats, stat);
}

static void
add_stats (JsonObject *context, JsonObject *insights)
{
  JsonObject *counts = obj (insights, "ledger_counts");
  JsonObject *totals = obj (insights, "role_change_totals");
  JsonObject *gate = obj (insights, "next_gate");
  JsonArray *groups = arr (obj (insights, "heatmap"), "groups");
  JsonArray *weeks = arr (obj (insights, "heatmap"), "weeks");
  JsonArray *stats = json_array_new ();
  gint64 late = num (counts, "late"), broken = num (counts, "broken");
  gint64 undecided = num (totals, "undecided");
  gint64 overload = 0, silent_now = 0;
  guint current = G_MAXUINT;

  for (guint w = 0; w < len (weeks); w++)
    if (json_object_get_boolean_member_with_default (json_array_get_object_element (weeks, w),
                                                     "current", FALSE))
      current = w;
  for (guint g = 0; g < len (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *cells = arr (group, "cells");

      overload += num (group, "overload_weeks");
      if (current < len (cells) &&
          json_object_get_boolean_member_with_default (
            json_array_get_object_element (cells, current), "silence", FALSE))
        silent_now++;
    }

  add_stat (
    stats, late,
    g_strdup (g_dngettext (GETTEXT_PACKAGE, "late commitment", "late commitments", (gulong) late)),
    late > 0);
  add_stat (stats, broken,
            g_strdup (g_dngettext (GETTEXT_PACKAGE, "broken commitment", "broken commitments",
                                   (gulong) broken)),
            broken > 0);
  if (gate != NULL)
    {
      gint64 days = num (gate, "days_left");
      gint64 open_criteria = len (arr (gate, "open_criteria"));

      if (days >= 0)
        add_stat (stats, days,
                  g_strdup (g_dngettext (GETTEXT_PACKAGE, "day to the next gate",
                                         "days to the next gate", (gulong) days)),
                  open_criteria > 0 && days <= 14);
      else
        add_stat (stats, -days,
                  g_strdup (g_dngettext (GETTEXT_PACKAGE, "day the next gate is overdue",
                                         "days the next gate is overdue", (gulong) -days)),
                  TRUE);
    }
  add_stat (stats, undecided,
            g_strdup (g_dngettext (GETTEXT_PACKAGE, "future role not decided yet",
                                   "future roles not decided yet", (gulong) undecided)),
            num (totals, "overdue") > 0);
  add_stat (stats, overload,
            g_strdup (g_dngettext (GETTEXT_PACKAGE, "group-week with overload",
                                   "group-weeks with overload", (gulong) overload)),
            overload > 0);
  add_stat (stats, silent_now,
            g_strdup (g_dngettext (GETTEXT_PACKAGE, "group silent for weeks now",
                                   "groups silent for weeks now", (gulong) silent_now)),
            silent_now > 0);
  json_object_set_array_member (context, "stats", stats);
}

static void
add_lede (JsonObject *context, JsonObject *insights, const char *today)
{
  JsonObject *phase = obj (insights, "current_phase");
  g_autofree char *day = helder_web_format_date (today);

  if (phase != NULL)
    /* TRANSLATORS: today's date, the current phase, its day number and length */
    set_take (context, "lede",
              g_strdup_printf (_ ("%s · phase “%s”, day %d of %d"), day, str (phase, "name"),
                               (int) num (phase, "day"), (int) num (phase, "days")));
  else
    set_take (context, "lede", g_strdup_printf (_ ("%s · no phase is running today"), day));
}

static void
add_gate (JsonObject *context, JsonObject *insights)
{
  JsonObject *gate = obj (insights, "next_gate");
  JsonArray *open = arr (gate, "open_criteria");
  JsonObject *out;
  JsonArray *items;
  g_autofree char *date = NULL;
  g_autofree char *when = NULL;
  g_autofree char *href = NULL;
  g_autofree char *escaped = NULL;
  gint64 criteria = num (gate, "criteria");

  if (gate == NULL)
    return;
  out = json_object_new ();
  date = helder_web_format_date (str (gate, "decide_on"));
  when = days_from_now (num (gate, "days_left"));
  escaped = g_uri_escape_string (str (gate, "slug"), NULL, FALSE);
  href = g_strconcat ("/gates/", escaped, NULL);
  json_object_set_string_member (out, "name", str (gate, "name"));
  json_object_set_string_member (out, "href", href);
  /* TRANSLATORS: a gate's date and how far away it is, "17 December 2026 (in 18 days)" */
  set_take (out, "when", g_strdup_printf (_ ("%s (%s)"), date, when));
  if (criteria == 0)
    set_take (out, "criteria_summary", g_strdup (_ ("This gate has no criteria yet.")));
  else
    set_take (out, "criteria_summary",
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %d criterion open",
                                            "%u of %d criteria open", (gulong) criteria),
                               len (open), (int) criteria));
  items = json_array_new ();
  for (guint i = 0; i < len (open); i++)
    {
      JsonObject *c = json_array_get_object_element (open, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "text", str (c, "text"));
      json_object_set_string_member (item, "owner", str (c, "owner") ? str (c, "owner") : "");
      set_status (item, str (c, "status"));
      json_array_add_object_element (items, item);
    }
  json_object_set_boolean_member (out, "has_open", len (open) > 0);
  json_object_set_array_member (out, "open", items);
  json_object_set_object_member (context, "gate", out);
}

static char *
moment_href (gint64 id)
{
  return g_strdup_printf ("/moments/%" G_GINT64_FORMAT, id);
}

static void
add_upcoming (JsonObject *context, JsonObject *insights)
{
  JsonArray *upcoming = arr (insights, "upcoming");
  JsonArray *items = json_array_new ();

  for (guint i = 0; i < len (upcoming); i++)
    {
      JsonObject *m = json_array_get_object_element (upcoming, i);
      JsonObject *item = json_object_new ();
      gint64 audience = num (m, "audience");

      set_take (item, "href", moment_href (num (m, "id")));
      json_object_set_string_member (item, "title", str (m, "title"));
      set_status (item, str (m, "status"));
      set_take (item, "when", helder_web_format_datetime (str (m, "scheduled_at")));
      if (json_object_get_boolean_member_with_default (m, "filtered", FALSE))
        set_take (item, "audience",
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "reaches at most %d person",
                                                "reaches at most %d people", (gulong) audience),
                                   (int) audience));
      else
        set_take (item, "audience",
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "reaches %d person",
                                                "reaches %d people", (gulong) audience),
                                   (int) audience));
      json_array_add_object_element (items, item);
    }
  set_take (
    context, "upcoming_summary",
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Draft and approved moments of the next %d day.",
                                  "Draft and approved moments of the next %d days.",
                                  HELDER_STATUS_HORIZON_DAYS),
                     HELDER_STATUS_HORIZON_DAYS));
  json_object_set_boolean_member (context, "has_upcoming", len (upcoming) > 0);
  json_object_set_array_member (context, "upcoming", items);
}

/* The moments sent lately, each with what the outbox holds for it: the
 * people it was sent to, not its audience of today. */
static void
add_sent (JsonObject *context, JsonObject *insights)
{
  JsonArray *sent = arr (insights, "sent");
  JsonArray *items = json_array_new ();

  for (guint i = 0; i < len (sent); i++)
    {
      JsonObject *m = json_array_get_object_element (sent, i);
      JsonObject *reach = obj (m, "reach");
      JsonObject *item = json_object_new ();
      gint64 people = num (reach, "people");

      set_take (item, "href", moment_href (num (m, "id")));
      json_object_set_string_member (item, "title", str (m, "title"));
      set_take (item, "when", helder_web_format_datetime (str (m, "scheduled_at")));
      if (!json_object_get_boolean_member_with_default (reach, "recorded", FALSE))
        set_take (item, "reach", g_strdup (_ ("no delivery recorded")));
      else
        set_take (item, "reach",
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "sent to %d person: %d delivered, %d read, "
                                                "%d waiting, %d failed",
                                                "sent to %d people: %d delivered, %d read, "
                                                "%d waiting, %d failed",
                                                (gulong) people),
                                   (int) people, (int) num (reach, "sent"),
                                   (int) num (reach, "read"), (int) num (reach, "pending"),
                                   (int) num (reach, "failed")));
      json_array_add_object_element (items, item);
    }
  set_take (context, "sent_summary",
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Moments sent in the last %d day, with the number of "
                                          "people the outbox holds a message for.",
                                          "Moments sent in the last %d days, with the number of "
                                          "people the outbox holds a message for.",
                                          HELDER_STATUS_HORIZON_DAYS),
                             HELDER_STATUS_HORIZON_DAYS));
  json_object_set_boolean_member (context, "has_sent", len (sent) > 0);
  json_object_set_array_member (context, "sent", items);
}

static void
add_timeline_tables (JsonObject *context, JsonObject *timeline)
{
  JsonArray *phases = arr (timeline, "phases");
  JsonArray *gates = arr (timeline, "gates");
  JsonArray *moments = arr (timeline, "moments");
  JsonArray *out;

  out = json_array_new ();
  for (guint i = 0; i < len (phases); i++)
    {
      JsonObject *p = json_array_get_object_element (phases, i);
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "name", str (p, "name"));
      set_take (row, "from", helder_web_format_date (str (p, "starts_on")));
      set_take (row, "to", helder_web_format_date (str (p, "ends_on")));
      json_object_set_string_member (row, "state", str (p, "state"));
      json_object_set_string_member (row, "state_label",
                                     helder_web_svg_value_label (str (p, "state")));
      json_array_add_object_element (out, row);
    }
  json_object_set_array_member (context, "phases", out);

  out = json_array_new ();
  for (guint i = 0; i < len (gates); i++)
    {
      JsonObject *g = json_array_get_object_element (gates, i);
      JsonObject *row = json_object_new ();
      g_autofree char *slug = g_uri_escape_string (str (g, "slug"), NULL, FALSE);
      gint64 criteria = num (g, "criteria");

      json_object_set_string_member (row, "name", str (g, "name"));
      set_take (row, "href", g_strconcat ("/gates/", slug, NULL));
      set_take (row, "date", helder_web_format_date (str (g, "decide_on")));
      if (str (g, "decision") != NULL)
        {
          json_object_set_string_member (row, "decision", str (g, "decision"));
          json_object_set_string_member (row, "decision_label",
                                         helder_web_svg_value_label (str (g, "decision")));
        }
      set_take (row, "criteria_summary",
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d open", "%d of %d open",
                                              (gulong) criteria),
                                 (int) num (g, "open_criteria"), (int) criteria));
      json_array_add_object_element (out, row);
    }
  json_object_set_array_member (context, "gates", out);

  out = json_array_new ();
  for (guint i = 0; i < len (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      JsonObject *row = json_object_new ();
      const char *channel = str (m, "channel");

      set_take (row, "href", moment_href (num (m, "id")));
      json_object_set_string_member (row, "title", str (m, "title"));
      set_take (row, "date", helder_web_format_datetime (str (m, "scheduled_at")));
      set_status (row, str (m, "status"));
      json_object_set_string_member (row, "channel_label",
                                     channel ? helder_web_svg_value_label (channel) : "");
      json_array_add_object_element (out, row);
    }
  json_object_set_array_member (context, "moments", out);
}

static void
add_heatmap_table (JsonObject *context, JsonObject *heatmap, const char *lang)
{
  JsonArray *weeks = arr (heatmap, "weeks");
  JsonArray *groups = arr (heatmap, "groups");
  JsonArray *head = json_array_new ();
  JsonArray *rows = json_array_new ();
  gint64 overload = 0, silent = 0;

  for (guint w = 0; w < len (weeks); w++)
    {
      JsonObject *label = json_object_new ();
      set_take (label, "label",
                helder_web_svg_week_label (json_array_get_object_element (weeks, w)));
      json_array_add_object_element (head, label);
    }
  for (guint g = 0; g < len (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *cells = arr (group, "cells");
      JsonObject *row = json_object_new ();
      JsonArray *out = json_array_new ();
      gint64 members = num (group, "members");

      json_object_set_string_member (row, "name", str (group, "name"));
      set_take (
        row, "members",
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d member", "%d members", (gulong) members),
                         (int) members));
      overload += num (group, "overload_weeks");
      silent += num (group, "silent_weeks");
      for (guint c = 0; c < len (cells); c++)
        {
          JsonObject *cell = json_array_get_object_element (cells, c);
          JsonObject *item = json_object_new ();
          g_autoptr (GString) note = g_string_new (NULL);

          set_take (item, "text",
                    helder_web_svg_format_decimal (
                      json_object_get_double_member_with_default (cell, "per_member", 0), lang));
          if (num (cell, "planned") > 0)
            {
              g_autofree char *planned = helder_web_svg_format_decimal (
                json_object_get_double_member_with_default (cell, "planned_per_member", 0), lang);
              /* TRANSLATORS: messages per member still in draft moments */
              g_string_append_printf (note, _ ("+%s planned"), planned);
            }
          if (json_object_get_boolean_member_with_default (cell, "overload", FALSE))
            g_string_append_printf (note, "%s%s", note->len ? ", " : "", _ ("overload"));
          if (json_object_get_boolean_member_with_default (cell, "silence", FALSE))
            g_string_append_printf (note, "%s%s", note->len ? ", " : "", _ ("silence"));
          if (note->len > 0)
            json_object_set_string_member (item, "note", note->str);
          json_array_add_object_element (out, item);
        }
      json_object_set_array_member (row, "cells", out);
      json_array_add_object_element (rows, row);
    }
  json_object_set_array_member (context, "heatmap_weeks", head);
  json_object_set_array_member (context, "heatmap_rows", rows);
  set_take (context, "heatmap_explanation",
            g_strdup_printf (
              _ ("Each cell shows how many messages an average member of the group receives in "
                 "that week: approved and sent moments, each counted once per person whatever "
                 "its channels. Draft moments are shown apart as planned. Overload is %d or more "
                 "a week; silence is %d weeks or more in a row in which no message reaches the "
                 "group."),
              (int) num (heatmap, "overload_threshold"), (int) num (heatmap, "silence_weeks")));
  json_object_set_string_member (
    context, "heatmap_summary",
    overload + silent == 0
      ? _ ("The darker a cell, the more messages. No group has overload or silence in these weeks.")
      : _ (
          "The darker a cell, the more messages. Cells with a thick outline are overload, hatched cells are silence; a black corner means more is planned in drafts."));
}

static void
add_ledger (JsonObject *context, JsonObject *insights)
{
  JsonArray *ledger = arr (insights, "ledger");
  JsonObject *counts = obj (insights, "ledger_counts");
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < len (ledger); i++)
    {
      JsonObject *c = json_array_get_object_element (ledger, i);
      JsonObject *row = json_object_new ();
      JsonArray *groups = arr (c, "groups");
      JsonObject *update = obj (c, "last_update");
      g_autoptr (GString) made_to = g_string_new (NULL);
      gint64 days_late = num (c, "days_late");
      gint64 persons = num (c, "persons");

      set_take (row, "href", g_strdup_printf ("/commitments/%" G_GINT64_FORMAT, num (c, "id")));
      json_object_set_string_member (row, "text", str (c, "text"));
      json_object_set_string_member (row, "made_by", str (c, "made_by"));
      set_status (row, str (c, "effective"));
      if (days_late > 0)
        set_take (row, "late",
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late", "%d days late",
                                                (gulong) days_late),
                                   (int) days_late));
      for (guint g = 0; g < len (groups); g++)
        g_string_append_printf (made_to, "%s%s", g ? ", " : "",
                                str (json_array_get_object_element (groups, g), "name"));
      if (persons > 0)
        {
          g_autofree char *people = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%d person", "%d people", (gulong) persons),
            (int) persons);
          g_string_append_printf (made_to, "%s%s", made_to->len ? ", " : "", people);
        }
      json_object_set_string_member (row, "made_to", made_to->str);
      set_take (row, "due", helder_web_format_date (str (c, "due_on")));
      if (update != NULL && str (update, "note") != NULL)
        json_object_set_string_member (row, "note", str (update, "note"));
      json_array_add_object_element (rows, row);
    }
  json_object_set_boolean_member (context, "has_ledger", len (ledger) > 0);
  json_object_set_array_member (context, "ledger", rows);
  if (len (ledger) == 0)
    set_take (context, "ledger_summary", g_strdup (_ ("No commitments are recorded yet.")));
  else
    /* TRANSLATORS: counts of commitments by status */
    set_take (
      context, "ledger_summary",
      g_strdup_printf (
        _ ("%d late, %d broken, %d open, %d kept, %d withdrawn. Late and broken ones come first."),
        (int) num (counts, "late"), (int) num (counts, "broken"), (int) num (counts, "open"),
        (int) num (counts, "kept"), (int) num (counts, "withdrawn")));
}

/* A column heading starts with a capital, like every other heading. */
static void
add_heading (JsonArray *columns, const char *label)
{
  g_autofree char *heading = NULL;
  char first[8];
  gint n;

  if (label == NULL || label[0] == '\0')
    {
      json_array_add_string_element (columns, "");
      return;
    }
  n = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (label)), first);
  heading = g_strdup_printf ("%.*s%s", n, first, g_utf8_next_char (label));
  json_array_add_string_element (columns, heading);
}

static void
add_changes (JsonObject *context, JsonObject *insights)
{
  static const char *const keys[] = { "draft", "decided", "discussed", "accepted", "objection" };
  JsonArray *groups = arr (insights, "role_changes");
  JsonObject *totals = obj (insights, "role_change_totals");
  JsonArray *columns = json_array_new ();
  JsonArray *rows = json_array_new ();
  JsonArray *total_cells = json_array_new ();

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    add_heading (columns, helder_web_svg_value_label (keys[k]));
  add_heading (columns, _ ("no future role yet"));
  add_heading (columns, _ ("of which decision overdue"));
  add_heading (columns, _ ("total"));

  for (guint g = 0; g < len (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonObject *row;
      JsonArray *counts;

      if (num (group, "total") == 0)
        continue;
      row = json_object_new ();
      counts = json_array_new ();
      json_object_set_string_member (row, "name", str (group, "name"));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        json_array_add_int_element (counts, num (group, keys[k]));
      json_array_add_int_element (counts, num (group, "undecided"));
      json_array_add_int_element (counts, num (group, "overdue"));
      json_array_add_int_element (counts, num (group, "total"));
      json_object_set_array_member (row, "counts", counts);
      json_array_add_object_element (rows, row);
    }
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    json_array_add_int_element (total_cells, num (totals, keys[k]));
  json_array_add_int_element (total_cells, num (totals, "undecided"));
  json_array_add_int_element (total_cells, num (totals, "overdue"));
  json_array_add_int_element (total_cells, num (totals, "total"));

  json_object_set_boolean_member (context, "has_changes", num (totals, "total") > 0);
  json_object_set_array_member (context, "change_columns", columns);
  json_object_set_array_member (context, "changes", rows);
  json_object_set_array_member (context, "change_totals", total_cells);
  if (num (totals, "total") == 0)
    set_take (context, "changes_summary", g_strdup (_ ("No role changes are recorded yet.")));
  else
    set_take (
      context, "changes_summary",
      g_strdup_printf (
        g_dngettext (
          GETTEXT_PACKAGE,
          "%d role change; %d of them without a decided future role (%d past the expected decision date).",
          "%d role changes; %d of them without a decided future role (%d past the expected decision date).",
          (gulong) num (totals, "total")),
        (int) num (totals, "total"), (int) num (totals, "undecided"),
        (int) num (totals, "overdue")));
}

/* ---- handlers -------------------------------------------------------------- */

/* The page's context depends only on the insights, the day and the
 * language, so it is built once per state of the database and language
 * and kept with the store next to the insights it was built from. */
typedef struct
{
  JsonObject *insights; /* the cached insights it was built from */
  char *today;
  JsonObject *context; /* sealed */
} DashboardView;

static void
dashboard_view_free (DashboardView *view)
{
  g_clear_pointer (&view->insights, json_object_unref);
  g_free (view->today);
  g_clear_pointer (&view->context, json_object_unref);
  g_free (view);
}

static JsonObject *
build_context (HelderWebRequest *request, JsonObject *insights)
{
  JsonObject *context = json_object_new ();

  add_lede (context, insights, request->today);
  add_stats (context, insights);
  add_gate (context, insights);
  add_upcoming (context, insights);
  add_sent (context, insights);
  set_take (context, "timeline_svg",
            helder_web_svg_timeline (obj (insights, "timeline"), request->today, request->lang));
  add_timeline_tables (context, obj (insights, "timeline"));
  set_take (context, "heatmap_svg",
            helder_web_svg_heatmap (obj (insights, "heatmap"), request->lang));
  add_heatmap_table (context, obj (insights, "heatmap"), request->lang);
  add_ledger (context, insights);
  add_changes (context, insights);
  json_object_seal (context);
  return context;
}

/* Returns: (transfer full) (nullable): the sealed context of the page;
 * %NULL when an error was answered. */
static JsonObject *
dashboard_view (HelderWebRequest *request)
{
  g_autoptr (JsonObject) insights = insights_or_respond (request);
  g_autofree char *key = NULL;
  DashboardView *view;

  if (insights == NULL)
    return NULL;
  key = g_strdup_printf ("helder-web-dashboard-%s", request->lang);
  view = g_object_get_data (G_OBJECT (request->store), key);
  if (view != NULL && view->insights == insights && g_strcmp0 (view->today, request->today) == 0)
    return json_object_ref (view->context);

  view = g_new0 (DashboardView, 1);
  view->insights = json_object_ref (insights);
  view->today = g_strdup (request->today);
  view->context = build_context (request, insights);
  g_object_set_data_full (G_OBJECT (request->store), key, view,
                          (GDestroyNotify) dashboard_view_free);
  return json_object_ref (view->context);
}

static void
share_member (JsonObject *from, const char *name, JsonNode *node, gpointer to)
{
  json_object_set_member (to, name, json_node_copy (node));
}

void
helder_web_handle_dashboard (HelderWebRequest *request)
{
  g_autoptr (JsonObject) view = NULL;
  g_autoptr (JsonObject) context = NULL;
  g_autoptr (GError) error = NULL;

  /* Computed gate criteria as their plugins measure them now; writes only
   * what changed, so the cached view stays valid otherwise. */
  if (!helder_context_refresh_gate_measures (request->context, request->store, &error))
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  view = dashboard_view (request);
  if (view == NULL)
    return;
  /* The layout adds the caller's members: a fresh object sharing the rest. */
  context = json_object_new ();
  json_object_foreach_member (view, share_member, context);
  helder_web_overdue_dashboard (request, context);
  json_object_set_array_member (
    context, "panels", helder_web_panels (request, "dashboard", request->identity.person, FALSE));
  helder_web_respond_page (request, SOUP_STATUS_OK, "dashboard", _ ("Dashboard"), context);
}

static void
respond_svg (HelderWebRequest *request, const char *svg)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (svg ? svg : "", svg ? strlen (svg) : 0);

  helder_web_respond_bytes (request, SOUP_STATUS_OK, "image/svg+xml; charset=utf-8", bytes);
}

void
helder_web_handle_timeline_svg (HelderWebRequest *request)
{
  g_autoptr (JsonObject) view = dashboard_view (request);

  if (view == NULL)
    return;
  respond_svg (request, str (view, "timeline_svg"));
}

void
helder_web_handle_heatmap_svg (HelderWebRequest *request)
{
  g_autoptr (JsonObject) view = dashboard_view (request);

  if (view == NULL)
    return;
  respond_svg (request, str (view, "heatmap_svg"));
}
