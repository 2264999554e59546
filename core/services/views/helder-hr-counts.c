/* helder-hr-counts.c — every number on HR's board, from one query
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People are counted once however many placements they have (a person
 * intended for two roles is one person intended); a role is still to fill
 * while FTE is open (or its FTE is not known); a role is over-placed when
 * more people are intended or confirmed for it than it has FTE. The board
 * (helder-hr.c), `helder status` and the tests read the same numbers.
 */
#define G_LOG_DOMAIN "helder-hr"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "services/repo/helder-repo.h"
#include "services/views/helder-hr.h"

static const char counts_sql[] =
  "WITH fill AS (SELECT slug, name, fte FROM role WHERE kind = 'regie' OR fate = 'new'),"
  " per AS (SELECT f.slug, f.name, f.fte,"
  "   count (DISTINCT CASE WHEN pl.status = 'confirmed' THEN pl.person END) AS n_confirmed,"
  "   count (DISTINCT CASE WHEN pl.status = 'intended' THEN pl.person END) AS n_intended,"
  "   count (DISTINCT CASE WHEN pl.status IN ('intended', 'confirmed') THEN pl.person END)"
  "     AS n_planned"
  "   FROM fill f LEFT JOIN placement pl ON pl.role = f.slug GROUP BY f.slug),"
  " live AS (SELECT pl.person, pl.status FROM placement pl JOIN fill f ON f.slug = pl.role)"
  " SELECT slug, name, fte, n_confirmed, n_intended, n_planned,"
  "  fte - n_confirmed AS fte_open,"
  "  (fte IS NOT NULL AND n_planned > fte) AS over_placed,"
  "  (SELECT count (*) FROM per) AS total_roles,"
  "  (SELECT count (*) FROM per WHERE fte IS NULL OR fte - n_confirmed > 0) AS total_to_fill,"
  "  (SELECT total (fte) FROM per) AS total_fte,"
  "  (SELECT total (max (fte - n_confirmed, 0)) FROM per WHERE fte IS NOT NULL)"
  "    AS total_fte_open,"
  "  (SELECT count (DISTINCT person) FROM live WHERE status = 'intended') AS total_intended,"
  "  (SELECT count (DISTINCT person) FROM live WHERE status = 'confirmed') AS total_confirmed,"
  "  (SELECT count (*) FROM per WHERE fte IS NOT NULL AND n_planned > fte) AS total_over_placed"
  " FROM per ORDER BY name COLLATE NOCASE, slug";

static double
number (JsonObject *row, const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

/* The row's "total_*" columns as the totals object; zeros without roles. */
static JsonObject *
totals_of (JsonArray *rows)
{
  JsonObject *first =
    json_array_get_length (rows) > 0 ? json_array_get_object_element (rows, 0) : json_object_new ();
  JsonObject *totals = json_object_new ();

  json_object_set_int_member (totals, "roles", (gint64) number (first, "total_roles"));
  json_object_set_int_member (totals, "roles_to_fill", (gint64) number (first, "total_to_fill"));
  json_object_set_double_member (totals, "fte", number (first, "total_fte"));
  json_object_set_double_member (totals, "fte_open", number (first, "total_fte_open"));
  json_object_set_int_member (totals, "n_intended", (gint64) number (first, "total_intended"));
  json_object_set_int_member (totals, "n_confirmed", (gint64) number (first, "total_confirmed"));
  json_object_set_int_member (totals, "over_placed", (gint64) number (first, "total_over_placed"));
  if (json_array_get_length (rows) == 0)
    json_object_unref (first);
  return totals;
}

/**
 * helder_hr_counts:
 *
 * Returns: (transfer full): {"roles": [{slug, name, fte (null when
 *   unknown, else a double), n_confirmed, n_intended, n_planned,
 *   fte_open (null when fte is), over_placed}] by name, "totals": {roles,
 *   roles_to_fill, fte, fte_open, n_intended, n_confirmed, over_placed}},
 *   or %NULL with @error
 */
JsonObject *
helder_hr_counts (HelderStore *store, GError **error)
{
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonArray) roles = json_array_new ();
  JsonObject *counts;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  rows = helder_repo_query_rows (store, counts_sql, NULL, NULL, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *role = json_object_new ();
      gboolean known = !json_object_get_null_member (row, "fte");

      json_object_set_string_member (role, "slug", json_object_get_string_member (row, "slug"));
      json_object_set_string_member (role, "name", json_object_get_string_member (row, "name"));
      if (known)
        {
          json_object_set_double_member (role, "fte", number (row, "fte"));
          json_object_set_double_member (role, "fte_open", number (row, "fte_open"));
        }
      else
        {
          json_object_set_null_member (role, "fte");
          json_object_set_null_member (role, "fte_open");
        }
      json_object_set_int_member (role, "n_confirmed", (gint64) number (row, "n_confirmed"));
      json_object_set_int_member (role, "n_intended", (gint64) number (row, "n_intended"));
      json_object_set_int_member (role, "n_planned", (gint64) number (row, "n_planned"));
      json_object_set_boolean_member (role, "over_placed", number (row, "over_placed") != 0);
      json_array_add_object_element (roles, role);
    }
  counts = json_object_new ();
  json_object_set_object_member (counts, "totals", totals_of (rows));
  json_object_set_array_member (counts, "roles", g_steal_pointer (&roles));
  return counts;
}

/**
 * helder_hr_over_placed:
 *
 * Returns: (transfer full): the roles with more people intended or
 *   confirmed than FTE, as in helder_hr_counts(), or %NULL with @error
 */
JsonArray *
helder_hr_over_placed (HelderStore *store, GError **error)
{
  g_autoptr (JsonObject) counts = helder_hr_counts (store, error);
  JsonArray *roles, *over;

  if (counts == NULL)
    return NULL;
  roles = json_object_get_array_member (counts, "roles");
  over = json_array_new ();
  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);

      if (json_object_get_boolean_member (role, "over_placed"))
        json_array_add_object_element (over, json_object_ref (role));
    }
  return over;
}

/**
 * helder_hr_over_placed_text:
 * @role: a role from helder_hr_over_placed()
 * @fte: its FTE as the reader writes numbers
 *
 * Returns: (transfer full): "Servicemanager: 4 people intended or
 *   confirmed for 3 FTE"
 */
char *
helder_hr_over_placed_text (JsonObject *role, const char *fte)
{
  gint64 planned = json_object_get_int_member (role, "n_planned");

  return g_strdup_printf (
    /* TRANSLATORS: a role with more people than FTE: role, number of people, FTE */
    g_dngettext (GETTEXT_PACKAGE, "%s: %" PRId64 " person intended or confirmed for %s FTE",
                 "%s: %" PRId64 " people intended or confirmed for %s FTE", (gulong) planned),
    json_object_get_string_member (role, "name"), planned, fte);
}
