/* helder-placement-sync.c — a role change and an HR placement tell one story
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule and its mapping are in helder-placement-sync.h. The other side
 * is written with plain statements, not through the repository, so that a
 * write here never starts another sync, and so that reopening a decided
 * role change (back to draft) is possible although the advisor cannot move
 * one backwards.
 */
#define G_LOG_DOMAIN "helder-repo"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/repo/helder-placement-sync.h"
#include "services/repo/helder-repo.h"

/**
 * helder_placement_sync_status_decides:
 *
 * Returns: whether a role change with @role_change_status has its future
 *   role decided
 */
gboolean
helder_placement_sync_status_decides (const char *role_change_status)
{
  return g_strcmp0 (role_change_status, "decided") == 0 ||
         g_strcmp0 (role_change_status, "discussed") == 0 ||
         g_strcmp0 (role_change_status, "accepted") == 0;
}

/* The same status labels as the CLI and the web show. */
static const char *const status_labels[] = {
  N_ ("draft"), N_ ("decided"), N_ ("discussed"), N_ ("accepted"), N_ ("objection"),
};

static const char *
status_label (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_labels); i++)
    if (g_strcmp0 (status_labels[i], status) == 0)
      return _ (status_labels[i]);
  return status;
}

static const char *
text_or_null (JsonObject *row, const char *name)
{
  JsonNode *node = row != NULL ? json_object_get_member (row, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static void
add_linked (JsonObject *row,
            const char *entity,
            gint64 record,
            gint64 subject,
            const char *action,
            const char *detail)
{
  JsonObject *item = json_object_new ();
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, record);

  if (!json_object_has_member (row, "linked"))
    json_object_set_array_member (row, "linked", json_array_new ());
  json_object_set_string_member (item, "entity", entity);
  json_object_set_string_member (item, "record", key);
  json_object_set_int_member (item, "subject", subject);
  json_object_set_string_member (item, "action", action);
  json_object_set_string_member (item, "detail", detail);
  json_array_add_object_element (json_object_get_array_member (row, "linked"), item);
}

static gboolean
role_is_to_fill (HelderStore *store, const char *slug, gboolean *to_fill, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT 1 FROM role WHERE slug = ?1 AND (kind = 'regie' OR fate = 'new')", error);
  int rc;

  *to_fill = FALSE;
  if (slug == NULL)
    return TRUE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *to_fill = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || helder_store_propagate (store, rc, error);
}

/* One text column of one row, or NULL. */
static char *
lookup_text (HelderStore *store, const char *sql, gint64 id, const char *text)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
person_name (HelderStore *store, gint64 person)
{
  char *name = lookup_text (store, "SELECT name FROM person WHERE id = ?1", person, NULL);

  return name != NULL ? name : g_strdup_printf ("%" G_GINT64_FORMAT, person);
}

static char *
role_name (HelderStore *store, const char *slug)
{
  char *name = lookup_text (store, "SELECT name FROM role WHERE slug = ?1", 0, slug);

  return name != NULL ? name : g_strdup (slug);
}

typedef struct
{
  gint64 id;
  char *to_role;
  char *status;
} RoleChange;

static void
role_change_clear (RoleChange *rc)
{
  g_clear_pointer (&rc->to_role, g_free);
  g_clear_pointer (&rc->status, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RoleChange, role_change_clear)

/* The person's role change; id 0 when there is none. */
static gboolean
read_role_change (HelderStore *store, gint64 person, RoleChange *out, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id, to_role, status FROM role_change WHERE person = ?1", error);
  int rc;

  out->id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  out->id = sqlite3_column_int64 (stmt, 0);
  out->to_role = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  out->status = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  return TRUE;
}

/* ---- a placement was written ---------------------------------------------- */

static gboolean
decide_role_change (HelderStore *store,
                    JsonObject *row,
                    gint64 person,
                    const char *role,
                    GError **error)
{
  g_auto (RoleChange) rc = { 0 };
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *detail = NULL;
  g_autoptr (HelderStmt) stmt = NULL;

  if (!read_role_change (store, person, &rc, error))
    return FALSE;
  if (rc.id != 0 && g_strcmp0 (rc.to_role, role) == 0 &&
      helder_placement_sync_status_decides (rc.status))
    return TRUE;
  if (rc.id != 0 && g_strcmp0 (rc.to_role, role) != 0 &&
      (g_str_equal (rc.status, "discussed") || g_str_equal (rc.status, "accepted")))
    {
      g_autofree char *who = person_name (store, person);
      g_autofree char *to = rc.to_role != NULL ? role_name (store, rc.to_role) : NULL;

      helder_error_set (
        error, HELDER_ERROR_CONFLICT, "status",
        /* TRANSLATORS: confirming a placement: person, role change id, its role, its status */
        _ ("status: %s's role change %" PRId64
           " leads to “%s” and is %s: it was told to them; change the role change first"),
        who, rc.id, to != NULL ? to : _ ("no role yet"), status_label (rc.status));
      return FALSE;
    }

  detail = g_strdup_printf ("status decided, to_role %s (placement %" G_GINT64_FORMAT " confirmed)",
                            role, json_object_get_int_member (row, "id"));
  if (rc.id == 0)
    {
      stmt = helder_store_prepare (
        store,
        "INSERT INTO role_change (person, from_role, to_role, status, changes, created_at,"
        " updated_at) VALUES (?1, (SELECT role FROM person WHERE id = ?1), ?2, 'decided', '',"
        " ?3, ?3)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person);
      sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      if (!helder_store_step_done (store, stmt, error))
        return FALSE;
      add_linked (row, "role_change", sqlite3_last_insert_rowid (helder_store_get_db (store)),
                  person, "create", detail);
      return TRUE;
    }
  stmt = helder_store_prepare (
    store, "UPDATE role_change SET to_role = ?1, status = 'decided', updated_at = ?2 WHERE id = ?3",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, rc.id);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  add_linked (row, "role_change", rc.id, person, "update", detail);
  return TRUE;
}

static gboolean
reopen_role_change (HelderStore *store,
                    JsonObject *row,
                    gint64 person,
                    const char *role,
                    GError **error)
{
  g_auto (RoleChange) rc = { 0 };
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *detail = NULL;
  g_autoptr (HelderStmt) stmt = NULL;

  if (!read_role_change (store, person, &rc, error))
    return FALSE;
  if (rc.id == 0 || g_strcmp0 (rc.to_role, role) != 0 ||
      !helder_placement_sync_status_decides (rc.status))
    return TRUE;
  stmt = helder_store_prepare (
    store, "UPDATE role_change SET status = 'draft', updated_at = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rc.id);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  detail = g_strdup_printf ("status draft: reopened (placement %" G_GINT64_FORMAT " %s)",
                            json_object_get_int_member (row, "id"),
                            json_object_get_string_member (row, "status"));
  add_linked (row, "role_change", rc.id, person, "update", detail);
  return TRUE;
}

static gboolean
after_placement (HelderStore *store, JsonObject *old, JsonObject *row, GError **error)
{
  const char *was = text_or_null (old, "status");
  const char *now = text_or_null (row, "status");
  gint64 person = json_object_get_int_member (row, "person");
  const char *role = json_object_get_string_member (row, "role");

  if (g_strcmp0 (was, now) == 0)
    return TRUE;
  if (g_strcmp0 (now, "confirmed") == 0)
    return decide_role_change (store, row, person, role, error);
  if (g_strcmp0 (was, "confirmed") == 0)
    return reopen_role_change (store, row, person, role, error);
  return TRUE;
}

/* ---- a role change was written -------------------------------------------- */

/* The role to fill that @row decides, or NULL. */
static gboolean
decided_role (HelderStore *store, JsonObject *row, const char **role, GError **error)
{
  gboolean to_fill;

  *role = NULL;
  if (row == NULL || !helder_placement_sync_status_decides (text_or_null (row, "status")))
    return TRUE;
  if (!role_is_to_fill (store, text_or_null (row, "to_role"), &to_fill, error))
    return FALSE;
  if (to_fill)
    *role = text_or_null (row, "to_role");
  return TRUE;
}

/* Sets every confirmed placement of @person other than for @keep (NULL:
 * all of them) back to intended. */
static gboolean
reopen_placements (HelderStore *store,
                   JsonObject *row,
                   gint64 person,
                   const char *keep,
                   GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *detail = NULL;
  int rc;

  {
    g_autoptr (HelderStmt) stmt =
      helder_store_prepare (store,
                            "SELECT id FROM placement WHERE person = ?1 AND status = 'confirmed'"
                            " AND (?2 IS NULL OR role != ?2) ORDER BY id",
                            error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, person);
    if (keep != NULL)
      sqlite3_bind_text (stmt, 2, keep, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }
    if (!helder_store_propagate (store, rc, error))
      return FALSE;
  }
  detail = g_strdup_printf ("status intended: reopened (role change %" G_GINT64_FORMAT " %s)",
                            json_object_get_int_member (row, "id"),
                            json_object_get_string_member (row, "status"));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (HelderStmt) stmt = helder_store_prepare (
        store, "UPDATE placement SET status = 'intended', updated_at = ?1 WHERE id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!helder_store_step_done (store, stmt, error))
        return FALSE;
      add_linked (row, "placement", g_array_index (ids, gint64, i), person, "update", detail);
    }
  return TRUE;
}

static gboolean
confirm_placement (HelderStore *store,
                   JsonObject *row,
                   gint64 person,
                   const char *role,
                   GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *detail = NULL;
  gint64 id = 0;
  g_autofree char *status = NULL;

  {
    g_autoptr (HelderStmt) stmt = helder_store_prepare (
      store, "SELECT id, status FROM placement WHERE person = ?1 AND role = ?2", error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, person);
    sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        id = sqlite3_column_int64 (stmt, 0);
        status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      }
    else if (!helder_store_propagate (store, rc, error))
      return FALSE;
  }
  if (g_strcmp0 (status, "confirmed") == 0)
    return TRUE;

  detail = g_strdup_printf ("status confirmed (role change %" G_GINT64_FORMAT " %s, to_role %s)",
                            json_object_get_int_member (row, "id"),
                            json_object_get_string_member (row, "status"), role);
  if (id == 0)
    {
      g_autoptr (HelderStmt) stmt = helder_store_prepare (
        store,
        "INSERT INTO placement (role, person, status, note, created_at, updated_at)"
        " VALUES (?1, ?2, 'confirmed', '', ?3, ?3)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, role, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, person);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      if (!helder_store_step_done (store, stmt, error))
        return FALSE;
      add_linked (row, "placement", sqlite3_last_insert_rowid (helder_store_get_db (store)), person,
                  "create", detail);
      return TRUE;
    }
  {
    g_autoptr (HelderStmt) stmt = helder_store_prepare (
      store, "UPDATE placement SET status = 'confirmed', updated_at = ?1 WHERE id = ?2", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, id);
    if (!helder_store_step_done (store, stmt, error))
      return FALSE;
    add_linked (row, "placement", id, person, "update", detail);
  }
  return TRUE;
}

static gboolean
after_role_change (HelderStore *store, JsonObject *old, JsonObject *row, GError **error)
{
  const char *was = NULL, *now = NULL;
  gint64 person = json_object_get_int_member (row, "person");

  if (!decided_role (store, old, &was, error) || !decided_role (store, row, &now, error))
    return FALSE;
  if (old != NULL && g_strcmp0 (was, now) == 0)
    return TRUE;
  /* whatever else was confirmed for this person is open again */
  if (!reopen_placements (store, row, person, now, error))
    return FALSE;
  if (now != NULL)
    return confirm_placement (store, row, person, now, error);
  return TRUE;
}

/**
 * helder_placement_sync_after_write:
 *
 * Returns: %FALSE with @error set when the other side cannot follow; the
 *   caller rolls the whole write back then
 */
gboolean
helder_placement_sync_after_write (HelderStore *store,
                                   const HelderEntity *entity,
                                   JsonObject *old,
                                   JsonObject *row,
                                   GError **error)
{
  if (g_str_equal (entity->name, "placement"))
    return after_placement (store, old, row, error);
  if (g_str_equal (entity->name, "role_change"))
    return after_role_change (store, old, row, error);
  return TRUE;
}

/**
 * helder_placement_sync_check_delete:
 *
 * Returns: %FALSE with a conflict in @error when the row is half of a
 *   decided future
 */
gboolean
helder_placement_sync_check_delete (HelderStore *store,
                                    const HelderEntity *entity,
                                    JsonNode *key,
                                    GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  if (g_str_equal (entity->name, "placement"))
    stmt = helder_store_prepare (
      store, "SELECT id FROM placement WHERE id = ?1 AND status = 'confirmed'", error);
  else if (g_str_equal (entity->name, "role_change"))
    stmt = helder_store_prepare (
      store,
      "SELECT pl.id FROM role_change rc JOIN placement pl"
      " ON pl.person = rc.person AND pl.role = rc.to_role AND pl.status = 'confirmed'"
      " WHERE rc.id = ?1 AND rc.status IN " HELDER_PLACEMENT_DECIDING_SQL,
      error);
  else
    return TRUE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, json_node_get_int (key));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  helder_error_set (error, HELDER_ERROR_CONFLICT, NULL,
                    /* TRANSLATORS: %s is a placement's id */
                    _ ("placement %s is confirmed: withdraw it first, which reopens the role"
                       " change, instead of deleting a decision"),
                    (const char *) sqlite3_column_text (stmt, 0));
  return FALSE;
}

/**
 * helder_placement_sync_disagreements:
 *
 * Returns: (transfer full): the people whose role change and placements
 *   tell different stories, or %NULL with @error
 */
JsonArray *
helder_placement_sync_disagreements (HelderStore *store, GError **error)
{
  return helder_repo_query_rows (
    store,
    "SELECT p.id AS person, p.name, r.slug AS role, pl.status AS placement_status,"
    " rc.status AS role_change_status, rc.to_role"
    " FROM person p CROSS JOIN role r"
    " LEFT JOIN placement pl ON pl.person = p.id AND pl.role = r.slug"
    " LEFT JOIN role_change rc ON rc.person = p.id"
    " WHERE (r.kind = 'regie' OR r.fate = 'new')"
    "   AND (pl.id IS NOT NULL OR rc.to_role = r.slug)"
    "   AND (coalesce (pl.status = 'confirmed', 0)"
    "        != coalesce (rc.to_role = r.slug AND rc.status IN " HELDER_PLACEMENT_DECIDING_SQL
    ", 0))"
    " ORDER BY p.name COLLATE NOCASE, p.id, r.slug",
    NULL, NULL, error);
}
