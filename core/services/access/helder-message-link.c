/* helder-message-link.c — the sign-in links in messages
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See helder-message-link.h for what a message link is and why it is
 * minted when its message is handed over rather than when it is queued.
 */
#define G_LOG_DOMAIN "helder-access"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <sqlite3.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/access/helder-access-private.h"
#include "services/access/helder-config.h"
#include "services/access/helder-message-link.h"

#define CODE_MAX 256 /* longer is no code of ours: refused before hashing */

/**
 * helder_message_link_days:
 *
 * Returns: how many days a message link lives (session.message_link_days;
 *   a stored value that is not a number from 1 to 90 counts as unset)
 */
gint64
helder_message_link_days (HelderStore *store)
{
  g_autofree char *value = helder_config_get (store, "session.message_link_days", NULL);
  guint64 days = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 90, &days, NULL))
    days = HELDER_MESSAGE_LINK_DAYS;
  return (gint64) days;
}

static char *
utc_in_days (const char *now, gint64 days)
{
  g_autoptr (GDateTime) from = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr (GDateTime) then = NULL;

  g_return_val_if_fail (from != NULL, NULL);
  then = g_date_time_add_days (from, (gint) days);
  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/* Whether @person's access was revoked and not given again: they had an
 * API token, and every one of them was revoked. Their messages then carry
 * the plain link to their page, which asks them to sign in. */
static gboolean
access_revoked (HelderStore *store, gint64 person, gboolean *revoked, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT count (*), count (revoked_at) FROM access_token"
                          " WHERE person = ?1 AND kind = 'api'",
                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      helder_store_propagate (store, sqlite3_errcode (helder_store_get_db (store)), error);
      return FALSE;
    }
  *revoked = sqlite3_column_int64 (stmt, 0) > 0 &&
             sqlite3_column_int64 (stmt, 0) == sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
insert_link (HelderStore *store,
             gint64 person,
             gint64 delivery,
             const char *hash,
             const char *now,
             const char *expires,
             GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "INSERT INTO message_link (person, delivery, hash, created_at,"
                          " expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  if (delivery > 0)
    sqlite3_bind_int64 (stmt, 2, delivery);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, expires, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* The message's text with every "<@from>" (the CommonMark form the
 * closing line writes its link in) made "<@to>", and every "<@from#…>"
 * (a part of the page, such as the digest's settled promises) made
 * "<@to#…>": the reader is signed in and lands on the page. */
static char *
replace_link (const char *body, const char *from, const char *to)
{
  g_autoptr (GString) out = g_string_new (body);
  g_autofree char *old = g_strconcat ("<", from, ">", NULL);
  g_autofree char *new = g_strconcat ("<", to, ">", NULL);
  g_autofree char *old_part = g_strconcat ("<", from, "#", NULL);
  g_autofree char *new_part = g_strconcat ("<", to, "#", NULL);

  g_string_replace (out, old, new, 0);
  g_string_replace (out, old_part, new_part, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * helder_message_link_attach:
 * @store: a #HelderStore, inside the caller's transaction
 * @rows: outbox rows (helder_outbox_claim, helder_outbox_offered_list)
 *   with "id", "person", "link" and "body"
 * @now: the current time, as the store writes it
 * @error: set when the store fails
 *
 * Gives every row whose link is a person's own page (BASE/me) a new
 * sign-in link of that person instead, BASE/s/CODE, in "link" and in the
 * body's closing line. The rows in the database keep the plain link: the
 * secret is only in @rows, on its way to the channel.
 *
 * Returns: %TRUE unless the store failed
 */
gboolean
helder_message_link_attach (HelderStore *store, JsonArray *rows, const char *now, GError **error)
{
  g_autofree char *expires = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL && now != NULL, FALSE);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *link = json_object_get_string_member_with_default (row, "link", "");
      gint64 person = json_object_get_int_member_with_default (row, "person", 0);
      g_autofree char *code = NULL;
      g_autofree char *base = NULL;
      g_autofree char *signed_link = NULL;
      g_autofree char *body = NULL;
      char hash[HELDER_ACCESS_HASH_HEX];
      gboolean revoked = FALSE;

      if (person <= 0 || !g_str_has_suffix (link, "/me"))
        continue;
      if (!access_revoked (store, person, &revoked, error))
        return FALSE;
      if (revoked)
        continue;
      if (expires == NULL)
        expires = utc_in_days (now, helder_message_link_days (store));
      code = helder_access_secret_new ("", error);
      if (code == NULL)
        return FALSE;
      helder_access_secret_hash (code, hash); /* sodium works: the code was made */
      if (!insert_link (store, person, json_object_get_int_member_with_default (row, "id", 0), hash,
                        now, expires, error))
        return FALSE;
      base = g_strndup (link, strlen (link) - 2);
      signed_link = g_strconcat (base, HELDER_MESSAGE_LINK_PATH, code, NULL);
      body = replace_link (json_object_get_string_member_with_default (row, "body", ""), link,
                           signed_link);
      json_object_set_string_member (row, "body", body);
      json_object_set_string_member (row, "link", signed_link);
      sodium_memzero (code, strlen (code));
    }
  return TRUE;
}

/* The usable link with @code: not revoked, not expired, not used up. */
static gboolean
find (HelderStore *store, const char *code, gint64 *id, HelderAccess **access, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  char hash[HELDER_ACCESS_HASH_HEX];

  if (code == NULL || *code == '\0' || strlen (code) > CODE_MAX ||
      !helder_access_secret_hash (code, hash))
    goto refused;
  stmt = helder_store_prepare (store,
                               "SELECT l.id, l.person, p.name, p.locale, l.hash"
                               " FROM message_link l JOIN person p ON p.id = l.person"
                               " WHERE l.hash = ?1 AND l.revoked_at IS NULL AND l.expires_at > ?2"
                               " AND l.uses < ?3",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, HELDER_MESSAGE_LINK_MAX_USES);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_bytes (stmt, 4) != HELDER_ACCESS_HASH_HEX - 1 ||
      sodium_memcmp (sqlite3_column_text (stmt, 4), hash, HELDER_ACCESS_HASH_HEX - 1) != 0)
    goto refused;
  *id = sqlite3_column_int64 (stmt, 0);
  if (access != NULL)
    {
      *access = g_new0 (HelderAccess, 1);
      (*access)->person = sqlite3_column_int64 (stmt, 1);
      (*access)->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      (*access)->locale = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      (*access)->role = g_strdup ("employee");
    }
  return TRUE;

refused:
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION,
               _ ("the sign-in link is unknown, has expired, was used up or was revoked"));
  return FALSE;
}

/**
 * helder_message_link_usable:
 *
 * Whether @code is a link that can still sign in, without using it or
 * writing anything (what GET /s/CODE asks).
 */
gboolean
helder_message_link_usable (HelderStore *store, const char *code)
{
  gint64 id = 0;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  return find (store, code, &id, NULL, NULL);
}

/**
 * helder_message_link_sign_in:
 * @store: a #HelderStore, not in a transaction
 * @code: the code of the link
 * @session: (out): the new session's secret, for the cookie
 * @error: %HELDER_ERROR_PERMISSION when the link cannot sign in
 *
 * Counts a use of the link and opens an employee's session for its
 * person, in one transaction.
 *
 * Returns: (transfer full): the session's access, or %NULL
 */
HelderAccess *
helder_message_link_sign_in (HelderStore *store, const char *code, char **session, GError **error)
{
  g_autoptr (HelderAccess) access = NULL;
  g_autoptr (HelderStmt) use = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  gint64 link = 0;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  if (!find (store, code, &link, &access, error))
    goto fail;
  use = helder_store_prepare (store,
                              "UPDATE message_link SET uses = uses + 1, last_used_at = ?2"
                              " WHERE id = ?1",
                              error);
  if (use == NULL)
    goto fail;
  sqlite3_bind_int64 (use, 1, link);
  sqlite3_bind_text (use, 2, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, use, error) ||
      !helder_access_session_open (store, access->person, access->role, 0, &access->id, session,
                                   &access->csrf, error))
    goto fail;
  if (!helder_store_commit (store, error))
    return NULL;
  access->root = access->id;
  return g_steal_pointer (&access);

fail:
  helder_store_rollback (store);
  return NULL;
}

/**
 * helder_message_link_revoke_person:
 * @store: a #HelderStore, inside the caller's transaction
 *
 * Revokes @person's message links and the sessions they opened (the
 * sessions without an API token above them).
 */
gboolean
helder_message_link_revoke_person (HelderStore *store,
                                   gint64 person,
                                   const char *now,
                                   GError **error)
{
  g_autoptr (HelderStmt) links = NULL;
  g_autoptr (HelderStmt) sessions = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  links = helder_store_prepare (store,
                                "UPDATE message_link SET revoked_at = ?2"
                                " WHERE person = ?1 AND revoked_at IS NULL",
                                error);
  if (links == NULL)
    return FALSE;
  sqlite3_bind_int64 (links, 1, person);
  sqlite3_bind_text (links, 2, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, links, error))
    return FALSE;
  sessions = helder_store_prepare (store,
                                   "UPDATE access_token SET revoked_at = ?2"
                                   " WHERE person = ?1 AND kind = 'session' AND parent IS NULL"
                                   " AND revoked_at IS NULL",
                                   error);
  if (sessions == NULL)
    return FALSE;
  sqlite3_bind_int64 (sessions, 1, person);
  sqlite3_bind_text (sessions, 2, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, sessions, error);
}
