/* helder-invite.c — inviting people to Helder, many at once
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-access"

#include "config.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-language.h"
#include "services/access/helder-access.h"
#include "services/access/helder-access-state.h"
#include "services/access/helder-config.h"
#include "services/delivery/helder-invite.h"
#include "services/delivery/helder-signin-message.h"

static guint
invite_days (HelderStore *store)
{
  g_autofree char *value = helder_config_get (store, "access.invite_days", NULL);
  guint64 days;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 90, &days, NULL))
    return HELDER_INVITE_DAYS;
  return (guint) days;
}

/* The slugs of @table, for an error that lists the valid ones. */
static char *
known_slugs (HelderStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT slug FROM %s ORDER BY slug", table);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);
  g_autoptr (GString) list = g_string_new ("");

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (list, "%s%s", list->len ? ", " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static gboolean
check_selector (HelderStore *store, const HelderInviteSelector *selector, GError **error)
{
  struct
  {
    const char *value;
    const char *field;
    const char *table;
  } keys[] = {
    { selector->group, "group", "stakeholder_group" },
    { selector->role, "role", "role" },
  };
  int given = (selector->group != NULL) + (selector->role != NULL) + (selector->all != FALSE);

  if (given != 1)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "selector",
                        _ ("say whom to invite: one group, one role, or all (not %d of them)"),
                        given);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *sql = NULL;
      g_autoptr (HelderStmt) stmt = NULL;

      if (keys[i].value == NULL)
        continue;
      sql = g_strdup_printf ("SELECT 1 FROM %s WHERE slug = ?1", keys[i].table);
      stmt = helder_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, keys[i].value, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_autofree char *known = known_slugs (store, keys[i].table);

          helder_error_set (error, HELDER_ERROR_INVALID, keys[i].field,
                            /* TRANSLATORS: "group: there is no “x” (known: a, b)" */
                            _ ("%s: there is no “%s” (known: %s)"), keys[i].field, keys[i].value,
                            known[0] ? known : "—");
          return FALSE;
        }
    }
  return TRUE;
}

static HelderStmt *
select_people (HelderStore *store, const HelderInviteSelector *selector, GError **error)
{
  HelderStmt *stmt;
  const char *sql =
    selector->group != NULL
      ? "SELECT p.id, p.name, p.email, p.locale FROM person p"
        " JOIN person_group g ON g.person = p.id AND g.grp = ?1 ORDER BY p.name, p.id"
    : selector->role != NULL
      ? "SELECT p.id, p.name, p.email, p.locale FROM person p WHERE p.role = ?1"
        " ORDER BY p.name, p.id"
      : "SELECT p.id, p.name, p.email, p.locale FROM person p ORDER BY p.name, p.id";

  stmt = helder_store_prepare (store, sql, error);
  if (stmt != NULL && !selector->all)
    sqlite3_bind_text (stmt, 1, selector->group ? selector->group : selector->role, -1,
                       SQLITE_TRANSIENT);
  return stmt;
}

static JsonObject *
entry (sqlite3_stmt *stmt, gboolean with_email)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (object, "name", (const char *) sqlite3_column_text (stmt, 1));
  if (with_email)
    json_object_set_string_member (object, "email", (const char *) sqlite3_column_text (stmt, 2));
  return object;
}

typedef struct
{
  HelderStore *store;
  const HelderAuditActor *actor;
  const char *now;
  const char *expires;
  const char *base_url;
  const char *const *channels;
  gint64 hours;
  const char *detail;
} Invitation;

static gboolean
invite_one (const Invitation *inv, sqlite3_stmt *row, GError **error)
{
  g_autofree char *code = NULL;
  g_autofree char *record = NULL;
  gint64 person = sqlite3_column_int64 (row, 0);
  gint64 link = 0;
  HelderSigninMessage message = {
    .kind = HELDER_SIGNIN_MESSAGE_INVITATION,
    .person = person,
    .name = (const char *) sqlite3_column_text (row, 1),
    .locale = (const char *) sqlite3_column_text (row, 3),
    .base_url = inv->base_url,
    .expires = inv->expires,
  };

  if (!helder_access_issue_login (inv->store, person, "employee", inv->hours, &link, &code, error))
    return FALSE;
  message.code = code;
  message.link = link;
  if (!helder_signin_message_queue (inv->store, &message, inv->channels, inv->now, error))
    return FALSE;
  record = g_strdup_printf ("%" PRId64, link);
  return helder_audit_record (inv->store, inv->actor, "invite", "sign-in link", record, person,
                              inv->detail, error);
}

static JsonObject *
selector_json (const HelderInviteSelector *selector, char **detail)
{
  JsonObject *object = json_object_new ();

  if (selector->group != NULL)
    json_object_set_string_member (object, "group", selector->group);
  else if (selector->role != NULL)
    json_object_set_string_member (object, "role", selector->role);
  else
    json_object_set_boolean_member (object, "all", TRUE);
  *detail = selector->group  ? g_strdup_printf ("group %s", selector->group)
            : selector->role ? g_strdup_printf ("role %s", selector->role)
                             : g_strdup ("all");
  return object;
}

/* Walks the selected people and sorts them into the report's lists,
 * inviting those who may be. */
static gboolean
sort_people (const Invitation *inv,
             const HelderInviteSelector *selector,
             gboolean dry_run,
             JsonObject *report,
             GError **error)
{
  g_autoptr (GHashTable) states = helder_access_state_all (inv->store, error);
  g_autoptr (HelderStmt) stmt = NULL;
  JsonArray *invited = json_array_new ();
  JsonArray *already = json_array_new ();
  JsonArray *no_address = json_array_new ();
  int rc;

  json_object_set_array_member (report, "invited", invited);
  json_object_set_array_member (report, "already", already);
  json_object_set_array_member (report, "no_address", no_address);
  if (states == NULL || (stmt = select_people (inv->store, selector, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 person = sqlite3_column_int64 (stmt, 0);
      const char *email = (const char *) sqlite3_column_text (stmt, 2);
      HelderAccessState state = GPOINTER_TO_INT (g_hash_table_lookup (states, &person));

      if (email == NULL || email[0] == '\0')
        json_array_add_object_element (no_address, entry (stmt, FALSE));
      else if (state != HELDER_ACCESS_NONE)
        {
          JsonObject *object = entry (stmt, TRUE);

          json_object_set_string_member (object, "reason",
                                         state == HELDER_ACCESS_HELD ? "access" : "link");
          json_array_add_object_element (already, object);
        }
      else
        {
          if (inv->channels[0] == NULL)
            {
              g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                           _ ("no channel reaches people at their e-mail address: enable the "
                              "plugin that sends e-mail, then invite again"));
              return FALSE;
            }
          if (!dry_run && !invite_one (inv, stmt, error))
            return FALSE;
          json_array_add_object_element (invited, entry (stmt, TRUE));
        }
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (inv->store, rc, error);
  return TRUE;
}

JsonObject *
helder_invite_run (HelderStore *store,
                   const HelderInviteSelector *selector,
                   gboolean dry_run,
                   const HelderAuditActor *actor,
                   GError **error)
{
  g_autoptr (JsonObject) report = json_object_new ();
  g_autoptr (JsonObject) counts = json_object_new ();
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *base_url = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *expires = NULL;
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr (GDateTime) end = NULL;
  g_auto (GStrv) channels = NULL;
  Invitation inv = { store, actor, now };
  const char *lists[] = { "invited", "already", "no_address" };
  g_autofree char *language = helder_signin_message_language ();
  guint selected = 0;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (selector != NULL && actor != NULL, NULL);

  if (!check_selector (store, selector, error))
    return NULL;
  inv.hours = (gint64) invite_days (store) * 24;
  end = g_date_time_add_hours (at, (gint) inv.hours);
  expires = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
  base_url = helder_signin_message_base_url (store);
  channels = helder_signin_message_channels (store, error);
  if (channels == NULL)
    return NULL;
  inv.expires = expires;
  inv.base_url = base_url;
  inv.channels = (const char *const *) channels;
  json_object_set_object_member (report, "selector", selector_json (selector, &detail));
  inv.detail = detail;
  json_object_set_boolean_member (report, "dry_run", dry_run);
  json_object_set_string_member (report, "expires_at", expires);

  if (!helder_store_begin (store, error))
    return NULL;
  if (!sort_people (&inv, selector, dry_run, report, error))
    {
      helder_language_use (language);
      helder_store_rollback (store);
      return NULL;
    }
  helder_language_use (language);
  if (dry_run)
    helder_store_rollback (store);
  else if (!helder_store_commit (store, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      guint n = json_array_get_length (json_object_get_array_member (report, lists[i]));

      json_object_set_int_member (counts, lists[i], n);
      selected += n;
    }
  json_object_set_int_member (counts, "selected", selected);
  json_object_set_object_member (report, "counts", g_steal_pointer (&counts));
  return g_steal_pointer (&report);
}

static JsonArray *
choices_of (HelderStore *store, const char *sql, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autoptr (JsonArray) list = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "slug", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (object, "name", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_int_member (object, "people", sqlite3_column_int64 (stmt, 2));
      json_array_add_object_element (list, object);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * helder_invite_choices:
 *
 * Whom one can invite: {"groups": [{slug, name, people}], "roles": […],
 * "people": N}, for the advisor's form.
 */
JsonObject *
helder_invite_choices (HelderStore *store, GError **error)
{
  g_autoptr (JsonObject) choices = json_object_new ();
  JsonArray *groups, *roles;
  g_autoptr (HelderStmt) count = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  groups = choices_of (store,
                       "SELECT g.slug, g.name, (SELECT count(*) FROM person_group pg"
                       " WHERE pg.grp = g.slug) FROM stakeholder_group g ORDER BY g.name",
                       error);
  if (groups == NULL)
    return NULL;
  json_object_set_array_member (choices, "groups", groups);
  roles = choices_of (store,
                      "SELECT r.slug, r.name, (SELECT count(*) FROM person p"
                      " WHERE p.role = r.slug) FROM role r ORDER BY r.name",
                      error);
  if (roles == NULL)
    return NULL;
  json_object_set_array_member (choices, "roles", roles);
  count = helder_store_prepare (store, "SELECT count(*) FROM person", error);
  if (count == NULL || sqlite3_step (count) != SQLITE_ROW)
    return NULL;
  json_object_set_int_member (choices, "people", sqlite3_column_int64 (count, 0));
  return g_steal_pointer (&choices);
}
