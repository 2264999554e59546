/* helder-hr-board.c — HR's board: the roles to fill and the people to place
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HR fills the roles of the regie organisation (DESIGN.md §3: a role of
 * kind regie, or any role whose fate is new) with people whose own role
 * lapses or changes. The board counts, per role, the people confirmed and
 * intended (the placement table), and lists who still has nowhere to go:
 * no confirmed placement and no decided future role.
 *
 * A programme of 10,000 people has thousands of role changes, placements
 * and people to place, so the board can be read in slices
 * (helder_hr_board_slice()): a few names per role next to honest counts,
 * and one page of each long list next to its full total. SQL does the
 * cutting, so a slice costs what it shows, not what the programme holds.
 */
#define G_LOG_DOMAIN "helder-hr"

#include "config.h"

#include "helder-error.h"
#include "services/repo/helder-placement-sync.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-hr.h"

/* The role-change statuses that mean the future role is decided. */
#define DECIDED_STATUSES HELDER_PLACEMENT_DECIDING_SQL

#define FILL_SQL "(r.kind = 'regie' OR r.fate = 'new')"

#define UNPLACED_SQL                                                        \
  "SELECT p.id AS person, p.name, cur.slug AS role, cur.name AS role_name," \
  " cur.fate, rc.id AS role_change, rc.status, rc.to_role,"                 \
  " tr.name AS to_role_name, rc.decision_expected, rc.effective_on"         \
  " FROM person p"                                                          \
  " LEFT JOIN role_change rc ON rc.person = p.id"                           \
  " LEFT JOIN role cur ON cur.slug = coalesce (p.role, rc.from_role)"       \
  " LEFT JOIN role tr ON tr.slug = rc.to_role"                              \
  " WHERE (cur.fate IN ('lapses', 'changes')"                               \
  "        OR (rc.id IS NOT NULL AND rc.to_role IS NULL))"                  \
  "   AND NOT EXISTS (SELECT 1 FROM placement pl"                           \
  "                   WHERE pl.person = p.id AND pl.status = 'confirmed')"  \
  "   AND NOT (rc.to_role IS NOT NULL AND rc.status IN " DECIDED_STATUSES ")"

#define PLACEMENTS_FROM_SQL            \
  " FROM placement pl"                 \
  " JOIN role r ON r.slug = pl.role"   \
  " JOIN person p ON p.id = pl.person" \
  " WHERE (?1 IS NULL OR pl.role = ?1)"

/* One pass for the page and the total: walking the name index would visit
 * every person's row in name order to reach a late page; filtering first
 * and sorting what is left costs the same for every page. */
static const char unplaced_sql[] = "SELECT *, count (*) OVER () AS n_total FROM (" UNPLACED_SQL ")"
                                   " ORDER BY name COLLATE NOCASE, person LIMIT ?2 OFFSET ?3";
static const char unplaced_count_sql[] = "SELECT count (*) FROM (" UNPLACED_SQL ")";

static const char placements_sql[] =
  "SELECT pl.id, pl.role, r.name AS role_name, pl.person,"
  " p.name AS person_name, pl.status, pl.note, pl.created_at, pl.updated_at" PLACEMENTS_FROM_SQL
  " ORDER BY r.name COLLATE NOCASE, p.name COLLATE NOCASE, pl.id LIMIT ?2 OFFSET ?3";
static const char placements_count_sql[] = "SELECT count (*)" PLACEMENTS_FROM_SQL;

/* The first ?2 people (all when ?2 < 1) intended or confirmed per role. */
static const char role_people_sql[] =
  "SELECT id, role, person, name, status, note FROM"
  " (SELECT pl.id, pl.role, pl.person, p.name, pl.status, pl.note,"
  "   row_number () OVER (PARTITION BY pl.role, pl.status"
  "                       ORDER BY p.name COLLATE NOCASE, pl.id) AS n"
  "  FROM placement pl JOIN person p ON p.id = pl.person"
  "  WHERE pl.status IN ('intended', 'confirmed'))"
  " WHERE ?2 < 1 OR n <= ?2 ORDER BY n";

/* The first ?2 role changes (all when ?2 < 1) into each role to fill. */
static const char role_changes_sql[] =
  "SELECT to_role, person, name, status FROM"
  " (SELECT rc.to_role, rc.person, p.name, rc.status,"
  "   row_number () OVER (PARTITION BY rc.to_role"
  "                       ORDER BY p.name COLLATE NOCASE, rc.id) AS n"
  "  FROM role_change rc JOIN person p ON p.id = rc.person"
  "  JOIN role r ON r.slug = rc.to_role WHERE " FILL_SQL ")"
  " WHERE ?2 < 1 OR n <= ?2 ORDER BY n";

/* How many role changes lead into each role to fill, per status, in the
 * order of their course. */
static const char role_change_counts_sql[] =
  "SELECT rc.to_role, rc.status, count (*) AS n"
  " FROM role_change rc JOIN role r ON r.slug = rc.to_role WHERE " FILL_SQL
  " GROUP BY rc.to_role, rc.status"
  " ORDER BY rc.to_role, CASE rc.status WHEN 'draft' THEN 0 WHEN 'decided' THEN 1"
  "  WHEN 'discussed' THEN 2 WHEN 'accepted' THEN 3 WHEN 'objection' THEN 4 ELSE 5 END";

/* The intended placements of the people in the JSON array ?1 of ids. */
static const char unplaced_intended_sql[] =
  "SELECT pl.id, pl.person, pl.role, r.name AS role_name"
  " FROM placement pl JOIN role r ON r.slug = pl.role"
  " WHERE pl.status = 'intended' AND pl.person IN (SELECT value FROM json_each (?1))"
  " ORDER BY r.name COLLATE NOCASE, pl.id";

/* Runs @sql with ?1 = @text (NULL when %NULL), ?2 = @n2 and ?3 = @n3;
 * the rows as objects named by their columns. */
static JsonArray *
rows_of (HelderStore *store,
         const char *sql,
         const char *text,
         gint64 n2,
         gint64 n3,
         GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autoptr (JsonArray) rows = json_array_new ();
  int n_params;
  int rc;

  if (stmt == NULL)
    return NULL;
  n_params = sqlite3_bind_parameter_count (stmt);
  if (text != NULL && n_params >= 1)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (n_params >= 2)
    sqlite3_bind_int64 (stmt, 2, n2);
  if (n_params >= 3)
    sqlite3_bind_int64 (stmt, 3, n3);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        json_object_set_member (row, sqlite3_column_name (stmt, c),
                                helder_repo_column_value (stmt, c));
      json_array_add_object_element (rows, row);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static gboolean
count_of (HelderStore *store, const char *sql, const char *text, gint64 *count, GError **error)
{
  g_autoptr (JsonArray) rows = rows_of (store, sql, text, 0, 0, error);
  JsonObject *row;
  g_autoptr (GList) members = NULL;

  if (rows == NULL)
    return FALSE;
  row = json_array_get_object_element (rows, 0);
  members = json_object_get_members (row);
  *count = json_object_get_int_member (row, members->data);
  return TRUE;
}

static JsonArray *
ensure_array (JsonObject *object, const char *name)
{
  if (!json_object_has_member (object, name))
    json_object_set_array_member (object, name, json_array_new ());
  return json_object_get_array_member (object, name);
}

static char *
key_of (JsonObject *row, const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return g_strdup (json_node_get_string (node));
}

static JsonObject *
find_by (GHashTable *index, JsonObject *row, const char *member)
{
  g_autofree char *key = key_of (row, member);

  return key != NULL ? g_hash_table_lookup (index, key) : NULL;
}

static GHashTable *
index_rows (JsonArray *rows, const char *member)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_hash_table_insert (index, key_of (row, member), row);
    }
  return index;
}

/* Appends to the array @array of the row of @index that @row names by
 * @by a new entry with @members of @row; nothing when it names none. */
static void
attach (GHashTable *index,
        JsonObject *row,
        const char *by,
        const char *array,
        const char *const *members)
{
  JsonObject *target = find_by (index, row, by);
  JsonObject *entry;

  if (target == NULL)
    return;
  entry = json_object_new ();
  for (guint m = 0; members[m] != NULL; m++)
    json_object_set_member (entry, members[m],
                            json_node_copy (json_object_get_member (row, members[m])));
  json_array_add_object_element (ensure_array (target, array), entry);
}

/* Adds the names of the people intended and confirmed to their roles. */
static gboolean
add_role_people (HelderStore *store, GHashTable *roles, guint names, GError **error)
{
  g_autoptr (JsonArray) people = rows_of (store, role_people_sql, NULL, names, 0, error);

  if (people == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      static const char *const members[] = { "id", "person", "name", "note", NULL };
      JsonObject *row = json_array_get_object_element (people, i);

      attach (roles, row, "role", json_object_get_string_member (row, "status"), members);
    }
  return TRUE;
}

/* Adds the role changes into each role: the first @names and the counts. */
static gboolean
add_role_changes (HelderStore *store, GHashTable *roles, guint names, GError **error)
{
  g_autoptr (JsonArray) changes = rows_of (store, role_changes_sql, NULL, names, 0, error);
  g_autoptr (JsonArray) counts = NULL;

  if (changes == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      static const char *const members[] = { "person", "name", "status", NULL };

      attach (roles, json_array_get_object_element (changes, i), "to_role", "role_changes",
              members);
    }
  counts = rows_of (store, role_change_counts_sql, NULL, 0, 0, error);
  if (counts == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (counts); i++)
    {
      JsonObject *count = json_array_get_object_element (counts, i);
      JsonObject *role = find_by (roles, count, "to_role");
      JsonObject *entry;
      gint64 n = json_object_get_int_member (count, "n");

      if (role == NULL)
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "status",
                                     json_object_get_string_member (count, "status"));
      json_object_set_int_member (entry, "n", n);
      json_array_add_object_element (ensure_array (role, "role_change_counts"), entry);
      json_object_set_int_member (role, "n_role_changes",
                                  json_object_get_int_member (role, "n_role_changes") + n);
    }
  return TRUE;
}

/* Adds to each person of @unplaced the roles they are intended for. */
static gboolean
add_unplaced_intended (HelderStore *store, JsonArray *unplaced, GError **error)
{
  g_autoptr (GHashTable) people = index_rows (unplaced, "person");
  g_autoptr (GString) ids = g_string_new ("[");
  g_autoptr (JsonArray) intended = NULL;

  for (guint i = 0; i < json_array_get_length (unplaced); i++)
    g_string_append_printf (
      ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
      json_object_get_int_member (json_array_get_object_element (unplaced, i), "person"));
  g_string_append_c (ids, ']');
  intended = rows_of (store, unplaced_intended_sql, ids->str, 0, 0, error);
  if (intended == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (intended); i++)
    {
      static const char *const members[] = { "id", "role", "role_name", NULL };

      attach (people, json_array_get_object_element (intended, i), "person", "intended", members);
    }
  return TRUE;
}

/* Copies the numbers of helder_hr_counts() onto the roles; the totals. */
static JsonObject *
add_counts (HelderStore *store, GHashTable *roles, GError **error)
{
  static const char *const members[] = { "fte",        "fte_open",  "n_confirmed",
                                         "n_intended", "n_planned", "over_placed" };
  g_autoptr (JsonObject) counts = helder_hr_counts (store, error);
  JsonArray *counted;

  if (counts == NULL)
    return NULL;
  counted = json_object_get_array_member (counts, "roles");
  for (guint i = 0; i < json_array_get_length (counted); i++)
    {
      JsonObject *count = json_array_get_object_element (counted, i);
      JsonObject *role = find_by (roles, count, "slug");

      if (role == NULL)
        continue;
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        json_object_set_member (role, members[m],
                                json_node_copy (json_object_get_member (count, members[m])));
    }
  return json_object_ref (json_object_get_object_member (counts, "totals"));
}

/**
 * helder_hr_board_slice:
 * @slice: (nullable): what to show of the long lists; %NULL: everything
 *
 * Returns: (transfer full): the board described in helder-hr.h, or %NULL
 *   with @error set when the store cannot be read
 */
JsonObject *
helder_hr_board_slice (HelderStore *store, const HelderHrSlice *slice, GError **error)
{
  static const HelderHrSlice everything = { 0 };
  g_autoptr (JsonArray) roles = NULL;
  g_autoptr (JsonArray) placements = NULL;
  g_autoptr (JsonArray) unplaced = NULL;
  g_autoptr (GHashTable) role_index = NULL;
  g_autoptr (JsonObject) board = json_object_new ();
  JsonObject *totals;
  gint64 n_unplaced, n_placements;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (slice == NULL)
    slice = &everything;
  roles = rows_of (store,
                   "SELECT slug, name, kind, fate, fte FROM role r WHERE " FILL_SQL
                   " ORDER BY name COLLATE NOCASE, slug",
                   NULL, 0, 0, error);
  if (roles == NULL)
    return NULL;
  role_index = index_rows (roles, "slug");
  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);

      ensure_array (role, "confirmed");
      ensure_array (role, "intended");
      ensure_array (role, "role_changes");
      ensure_array (role, "role_change_counts");
      json_object_set_int_member (role, "n_role_changes", 0);
    }
  if (!add_role_people (store, role_index, slice->names, error) ||
      !add_role_changes (store, role_index, slice->names, error))
    return NULL;

  unplaced = rows_of (store, unplaced_sql, NULL,
                      slice->unplaced_limit > 0 ? (gint64) slice->unplaced_limit : -1,
                      slice->unplaced_offset, error);
  if (unplaced == NULL)
    return NULL;
  if (json_array_get_length (unplaced) > 0)
    n_unplaced =
      json_object_get_int_member (json_array_get_object_element (unplaced, 0), "n_total");
  else if (!count_of (store, unplaced_count_sql, NULL, &n_unplaced, error))
    return NULL; /* a page past the end still knows the total */
  for (guint i = 0; i < json_array_get_length (unplaced); i++)
    {
      JsonObject *person = json_array_get_object_element (unplaced, i);

      json_object_remove_member (person, "n_total");
      ensure_array (person, "intended");
    }
  if (!add_unplaced_intended (store, unplaced, error))
    return NULL;

  placements = rows_of (store, placements_sql, slice->placements_role,
                        slice->placements_limit > 0 ? (gint64) slice->placements_limit : -1,
                        slice->placements_offset, error);
  if (placements == NULL ||
      !count_of (store, placements_count_sql, slice->placements_role, &n_placements, error))
    return NULL;

  totals = add_counts (store, role_index, error);
  if (totals == NULL)
    return NULL;
  json_object_set_int_member (totals, "unplaced", n_unplaced);

  json_object_set_array_member (board, "roles", g_steal_pointer (&roles));
  json_object_set_array_member (board, "unplaced", g_steal_pointer (&unplaced));
  json_object_set_array_member (board, "placements", g_steal_pointer (&placements));
  json_object_set_int_member (board, "n_placements", n_placements);
  json_object_set_object_member (board, "totals", totals);
  return g_steal_pointer (&board);
}

/**
 * helder_hr_board:
 *
 * Returns: (transfer full): the whole board, every list in full, or
 *   %NULL with @error set when the store cannot be read
 */
JsonObject *
helder_hr_board (HelderStore *store, GError **error)
{
  return helder_hr_board_slice (store, NULL, error);
}
