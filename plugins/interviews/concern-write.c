/* concern-write.c — raising, answering and withdrawing concerns; themes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each write checks everything first (naming the field and the value),
 * then writes in one transaction with its audit entry. A concern raised
 * without the person's consent to be named keeps nobody: not in the
 * concern and not in its audit entry (whose subject is then nobody, and
 * whose actor is never the person who raised it), and its day only.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "concern-service.h"
#include "interview-private.h"

#define MAX_TEXT 4000

static const char *const vias[] = { "interview", "conversation", "personal-page", NULL };

static gboolean
exists (HelderStore *store,
        const char *sql,
        gint64 id,
        const char *text,
        gboolean *found,
        GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  *found = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_slug (const char *slug, GError **error)
{
  gsize n = slug != NULL ? strlen (slug) : 0;
  gboolean ok = n >= 1 && n <= 40 && g_ascii_isalnum (slug[0]);

  for (gsize i = 0; ok && i < n; i++)
    ok = g_ascii_islower (slug[i]) || g_ascii_isdigit (slug[i]) || slug[i] == '-';
  if (!ok)
    helder_error_set (error, HELDER_ERROR_INVALID, "slug",
                      _ ("slug: “%s” is no short name (1–40 lower-case letters, digits and "
                         "hyphens)"),
                      slug != NULL && g_utf8_validate (slug, -1, NULL) ? slug : "");
  return ok;
}

gboolean
concern_theme_add (HelderStore *store,
                   const HelderAuditActor *actor,
                   const char *slug,
                   const char *name,
                   const char *name_en,
                   GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  gboolean found = FALSE;
  gint64 id;

  if (!check_slug (slug, error) || name == NULL ||
      !interview_check_line ("name", name, 100, error) ||
      (name_en != NULL && !interview_check_line ("name_en", name_en, 100, error)))
    {
      if (name == NULL && (error == NULL || *error == NULL))
        helder_error_set (error, HELDER_ERROR_INVALID, "name", _ ("name: a theme needs a name"));
      return FALSE;
    }
  if (!helder_text_has_visible (name))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "name", _ ("name: a theme needs a name"));
      return FALSE;
    }
  if (!exists (store, "SELECT 1 FROM concern_theme WHERE slug = ?1", 0, slug, &found, error))
    return FALSE;
  if (found)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "slug",
                        _ ("slug: there is a theme “%s” already"), slug);
      return FALSE;
    }
  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (
    store, "INSERT INTO concern_theme (slug, name, name_en, created_at) VALUES (?1, ?2, ?3, ?4)",
    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name_en != NULL ? name_en : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (helder_store_get_db (store));
  if (!interview_audit (store, actor, "create", "concern_theme", id, 0, slug, error) ||
      !helder_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  helder_store_rollback (store);
  return FALSE;
}

gboolean
concern_theme_resolve (HelderStore *store, const char *text, gint64 *theme, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT id, slug, name FROM concern_theme ORDER BY id", error);
  g_autofree char *folded = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "theme", _ ("theme: not valid UTF-8"));
      return FALSE;
    }
  folded = helder_text_fold (text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = helder_text_fold ((const char *) sqlite3_column_text (stmt, 2));

      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 1), text) ||
          g_str_equal (name, folded))
        {
          *theme = sqlite3_column_int64 (stmt, 0);
          return TRUE;
        }
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  helder_error_set (error, HELDER_ERROR_NOT_FOUND, "theme",
                    _ ("theme: there is no theme “%s” (helder concern theme list)"), text);
  return FALSE;
}

gint64
concern_resolve (HelderStore *store, const char *text, GError **error)
{
  gint64 id = 0;
  gboolean found = FALSE;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "concern",
                        _ ("concern: “%s” is no concern number"),
                        text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");
      return 0;
    }
  if (!exists (store, "SELECT 1 FROM concern WHERE id = ?1", id, NULL, &found, error))
    return 0;
  if (!found)
    {
      helder_error_set (error, HELDER_ERROR_NOT_FOUND, "concern",
                        _ ("concern: there is no concern %" PRId64), id);
      return 0;
    }
  return id;
}

/* ---- raising ------------------------------------------------------------ */

typedef struct
{
  gint64 theme, person, interview;
  const char *via;
} Raise;

static gboolean
check_groups (HelderStore *store, const char *const *groups, GError **error)
{
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (!g_utf8_validate (groups[i], -1, NULL))
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "groups", _ ("groups: not valid UTF-8"));
          return FALSE;
        }
      if (!exists (store, "SELECT 1 FROM stakeholder_group WHERE slug = ?1", 0, groups[i], &found,
                   error))
        return FALSE;
      if (!found)
        {
          helder_error_set (error, HELDER_ERROR_NOT_FOUND, "groups",
                            _ ("groups: there is no group “%s”"), groups[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_draft (HelderStore *store, const ConcernDraft *d, Raise *r, GError **error)
{
  gboolean found = FALSE;
  g_autofree char *known = g_strjoinv (", ", (char **) vias);

  if (d->text == NULL || !interview_check_markdown ("text", d->text, MAX_TEXT, error))
    {
      if (d->text == NULL)
        helder_error_set (error, HELDER_ERROR_INVALID, "text", _ ("text: the concern is empty"));
      return FALSE;
    }
  if (!helder_text_has_visible (d->text))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "text", _ ("text: the concern is empty"));
      return FALSE;
    }
  r->via = d->via != NULL ? d->via : (d->interview != 0 ? "interview" : "conversation");
  if (!g_utf8_validate (r->via, -1, NULL) || !g_strv_contains (vias, r->via))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "via", _ ("via: “%s” is not one of %s"),
                        g_utf8_validate (r->via, -1, NULL) ? r->via : "", known);
      return FALSE;
    }
  if ((d->interview != 0) != g_str_equal (r->via, "interview"))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "interview",
                        _ ("interview: a concern raised via an interview names that interview, "
                           "and only then"));
      return FALSE;
    }
  if (d->interview != 0 && (!exists (store, "SELECT 1 FROM interview WHERE id = ?1", d->interview,
                                     NULL, &found, error) ||
                            !found))
    {
      if (error == NULL || *error == NULL)
        helder_error_set (error, HELDER_ERROR_NOT_FOUND, "interview",
                          _ ("interview: there is no interview %" PRId64), d->interview);
      return FALSE;
    }
  r->interview = d->interview;
  if (d->theme != NULL && !concern_theme_resolve (store, d->theme, &r->theme, error))
    return FALSE;
  if (!check_groups (store, d->groups, error))
    return FALSE;
  if (d->named && d->person == 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "named",
                        _ ("named: say who raised the concern (person) to name them"));
      return FALSE;
    }
  if (d->named &&
      (!exists (store, "SELECT 1 FROM person WHERE id = ?1", d->person, NULL, &found, error) ||
       !found))
    {
      if (error == NULL || *error == NULL)
        helder_error_set (error, HELDER_ERROR_NOT_FOUND, "person",
                          _ ("person: there is no person %" PRId64), d->person);
      return FALSE;
    }
  /* Not named: the person is forgotten here, before anything is written. */
  r->person = d->named ? d->person : 0;
  return TRUE;
}

static gboolean
insert_groups (HelderStore *store, gint64 concern, const char *const *groups, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "INSERT OR IGNORE INTO concern_group (concern, grp) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, concern);
      sqlite3_bind_text (stmt, 2, groups[i], -1, SQLITE_TRANSIENT);
      if (!helder_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert (HelderStore *store, const ConcernDraft *d, const Raise *r, gint64 *id, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "INSERT INTO concern (text, theme, named, person, via, interview, raised_on)"
    " VALUES (?1, nullif (?2, 0), ?3, nullif (?4, 0), ?5, nullif (?6, 0), ?7)",
    error);
  g_autofree char *today = helder_clock_today ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, r->theme);
  sqlite3_bind_int (stmt, 3, r->person != 0);
  sqlite3_bind_int64 (stmt, 4, r->person);
  sqlite3_bind_text (stmt, 5, r->via, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, r->interview);
  sqlite3_bind_text (stmt, 7, today, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (helder_store_get_db (store));
  return insert_groups (store, *id, d->groups, error);
}

gboolean
concern_raise (HelderStore *store,
               const HelderAuditActor *actor,
               const ConcernDraft *draft,
               gint64 *id,
               GError **error)
{
  /* Who raised an anonymous concern is not the actor of its audit entry
   * (from their own page, or the operator raising their own). */
  const HelderAuditActor nobody = { 0, "anonymous", "system" };
  Raise r = { 0 };
  gint64 new_id = 0;

  g_return_val_if_fail (draft != NULL && actor != NULL, FALSE);
  if (!check_draft (store, draft, &r, error))
    return FALSE;
  if (r.person == 0 && ((draft->person != 0 && actor->person == draft->person) ||
                        g_str_equal (r.via, "personal-page")))
    actor = &nobody;
  if (!helder_store_begin (store, error))
    return FALSE;
  if (!insert (store, draft, &r, &new_id, error) ||
      !interview_audit (store, actor, "create", "concern", new_id, r.person, NULL, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  if (id != NULL)
    *id = new_id;
  return TRUE;
}
