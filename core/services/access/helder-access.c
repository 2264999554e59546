/* helder-access.c — API tokens, one-time login links and browser sessions
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-access"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <sqlite3.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/access/helder-access.h"
#include "services/access/helder-access-private.h"
#include "services/access/helder-message-link.h"
#include "services/access/helder-config.h"

#define SECRET_BYTES 32 /* 256 bits */
#define HASH_BYTES   32

void
helder_access_free (HelderAccess *access)
{
  if (access == NULL)
    return;
  g_free (access->name);
  g_free (access->locale);
  g_free (access->role);
  g_free (access->csrf);
  g_free (access);
}

gboolean
helder_access_role_valid (const char *role)
{
  return g_strcmp0 (role, "advisor") == 0 || g_strcmp0 (role, "hr") == 0 ||
         g_strcmp0 (role, "employee") == 0;
}

static gboolean
ensure_sodium (GError **error)
{
  static gsize ready = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&ready))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&ready, 1);
    }
  if (!ok)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                 _ ("the random number generator of the system could not be used"));
  return ok;
}

/* A new secret: SECRET_BYTES from the OS, URL-safe base64 without padding. */
static char *
new_secret (const char *prefix)
{
  guint8 bytes[SECRET_BYTES];
  char text[sodium_base64_ENCODED_LEN (SECRET_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  return g_strconcat (prefix, text, NULL);
}

/* The stored form of a secret: the hex BLAKE2b-256 of its text. */
static void
hash_secret (const char *secret, char hex[HASH_BYTES * 2 + 1])
{
  guint8 hash[HASH_BYTES];

  crypto_generichash (hash, sizeof hash, (const guint8 *) secret, strlen (secret), NULL, 0);
  sodium_bin2hex (hex, HASH_BYTES * 2 + 1, hash, sizeof hash);
}

/* @now (UTC "…Z") plus @hours. The expiry is counted from the instant that
 * is stored as created_at, on Helder's one clock: with HELDER_NOW set (a
 * pinned test, a preview of a coming date) a secret issued on the system's
 * clock had already expired, or lived too long. */
static char *
utc_in_hours (const char *now, gint64 hours)
{
  g_autoptr (GDateTime) from = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr (GDateTime) then = NULL;

  g_return_val_if_fail (from != NULL, NULL);
  then = g_date_time_add_hours (from, (gint) hours);
  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
insert_token (HelderStore *store,
              gint64 person,
              const char *role,
              const char *kind,
              const char *hash,
              const char *csrf,
              gint64 parent,
              gint64 hours,
              gint64 *id,
              GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *expires = utc_in_hours (now, hours);

  stmt = helder_store_prepare (store,
                               "INSERT INTO access_token (person, role, kind, hash, csrf, parent,"
                               " created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_TRANSIENT);
  if (csrf != NULL)
    sqlite3_bind_text (stmt, 5, csrf, -1, SQLITE_TRANSIENT);
  if (parent > 0)
    sqlite3_bind_int64 (stmt, 6, parent);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, expires, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (helder_store_get_db (store));
  return TRUE;
}

/* ---- for the other files of services/access (helder-access-private.h) --- */

char *
helder_access_secret_new (const char *prefix, GError **error)
{
  if (!ensure_sodium (error))
    return NULL;
  return new_secret (prefix);
}

gboolean
helder_access_secret_hash (const char *secret, char hex[HELDER_ACCESS_HASH_HEX])
{
  if (!ensure_sodium (NULL))
    return FALSE;
  hash_secret (secret, hex);
  return TRUE;
}

gboolean
helder_access_session_open (HelderStore *store,
                            gint64 person,
                            const char *role,
                            gint64 parent,
                            gint64 *id,
                            char **session,
                            char **csrf,
                            GError **error)
{
  g_autofree char *secret = NULL;
  g_autofree char *form = NULL;
  char hash[HASH_BYTES * 2 + 1];

  if (!ensure_sodium (error))
    return FALSE;
  secret = new_secret ("hls_");
  form = new_secret ("");
  hash_secret (secret, hash);
  if (!insert_token (store, person, role, "session", hash, form, parent,
                     helder_access_session_hours (store, role), id, error))
    return FALSE;
  *session = g_steal_pointer (&secret);
  *csrf = g_steal_pointer (&form);
  return TRUE;
}

static gboolean
person_exists (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT 1 FROM person WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("unknown person “%" PRId64 "”"),
               person);
  return FALSE;
}

gboolean
helder_access_issue (HelderStore *store,
                     gint64 person,
                     const char *role,
                     guint days,
                     gint64 *id,
                     char **token,
                     char **login_code,
                     GError **error)
{
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;
  char hash[HASH_BYTES * 2 + 1];
  gint64 token_id = 0;
  gint64 hours;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (token != NULL && login_code != NULL, FALSE);

  if (!helder_access_role_valid (role))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "role",
                        _ ("role: “%s” is not one of advisor, hr, employee"), role ? role : "");
      return FALSE;
    }
  if (days > 3660)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "days",
                        _ ("days: a token is valid for at most 3660 days, not %u"), days);
      return FALSE;
    }
  if (!ensure_sodium (error))
    return FALSE;

  hours = (gint64) (days ? days : HELDER_ACCESS_TOKEN_DAYS) * 24;
  secret = new_secret ("hld_");
  code = new_secret ("");

  if (!helder_store_begin (store, error))
    return FALSE;
  if (!person_exists (store, person, error))
    goto fail;
  hash_secret (secret, hash);
  if (!insert_token (store, person, role, "api", hash, NULL, 0, hours, &token_id, error))
    goto fail;
  hash_secret (code, hash);
  if (!insert_token (store, person, role, "login", hash, NULL, token_id,
                     MIN (hours, HELDER_ACCESS_LOGIN_HOURS), NULL, error))
    goto fail;
  if (!helder_store_commit (store, error))
    return FALSE;

  if (id != NULL)
    *id = token_id;
  *token = g_steal_pointer (&secret);
  *login_code = g_steal_pointer (&code);
  return TRUE;

fail:
  helder_store_rollback (store);
  return FALSE;
}

/* Looks up a usable secret of @kind: not expired, not revoked (nor its
 * parent), and for login links not used. */
static HelderAccess *
lookup (HelderStore *store, const char *secret, const char *kind, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  char hash[HASH_BYTES * 2 + 1];
  HelderAccess *access;

  if (secret == NULL || *secret == '\0' || strlen (secret) > 256 || !ensure_sodium (NULL))
    goto refused;
  hash_secret (secret, hash);

  stmt = helder_store_prepare (
    store,
    "SELECT t.id, coalesce (t.parent, t.id), t.person, p.name, p.locale, t.role,"
    " t.csrf, t.hash"
    " FROM access_token t JOIN person p ON p.id = t.person"
    " LEFT JOIN access_token r ON r.id = t.parent"
    " WHERE t.hash = ?1 AND t.kind = ?2 AND t.revoked_at IS NULL"
    " AND t.expires_at > ?3"
    " AND (t.kind != 'login' OR t.used_at IS NULL)"
    " AND (r.id IS NULL OR (r.revoked_at IS NULL AND r.expires_at > ?3))",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_bytes (stmt, 7) != HASH_BYTES * 2 ||
      sodium_memcmp (sqlite3_column_text (stmt, 7), hash, HASH_BYTES * 2) != 0)
    goto refused;

  access = g_new0 (HelderAccess, 1);
  access->id = sqlite3_column_int64 (stmt, 0);
  access->root = sqlite3_column_int64 (stmt, 1);
  access->person = sqlite3_column_int64 (stmt, 2);
  access->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  access->locale = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  access->role = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  access->csrf = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  return access;

refused:
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION,
               _ ("the token or link is unknown, has expired or was revoked"));
  return NULL;
}

HelderAccess *
helder_access_verify_token (HelderStore *store, const char *token, GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  return lookup (store, token, "api", error);
}

HelderAccess *
helder_access_verify_session (HelderStore *store, const char *session, GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  return lookup (store, session, "session", error);
}

gboolean
helder_access_login_usable (HelderStore *store, const char *code)
{
  g_autoptr (HelderAccess) access = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  access = lookup (store, code, "login", NULL);
  return access != NULL;
}

HelderAccess *
helder_access_login (HelderStore *store, const char *code, char **session, GError **error)
{
  g_autoptr (HelderAccess) access = NULL;
  g_autoptr (HelderStmt) use = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  char hash[HASH_BYTES * 2 + 1];
  gint64 id;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  if (!helder_store_begin (store, error))
    return NULL;
  access = lookup (store, code, "login", error);
  if (access == NULL)
    goto fail;

  use = helder_store_prepare (store, "UPDATE access_token SET used_at = ?2 WHERE id = ?1", error);
  if (use == NULL)
    goto fail;
  sqlite3_bind_int64 (use, 1, access->id);
  sqlite3_bind_text (use, 2, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, use, error))
    goto fail;

  secret = new_secret ("hls_");
  csrf = new_secret ("");
  hash_secret (secret, hash);
  /* A session hangs under the API token its link came with; a link that
   * came alone (asked for, or an invitation) leaves it standing alone. */
  if (!insert_token (store, access->person, access->role, "session", hash, csrf,
                     access->root != access->id ? access->root : 0,
                     helder_access_session_hours (store, access->role), &id, error))
    goto fail;
  if (!helder_store_commit (store, error))
    return NULL;

  access->id = id;
  g_free (access->csrf);
  access->csrf = g_steal_pointer (&csrf);
  *session = g_steal_pointer (&secret);
  return g_steal_pointer (&access);

fail:
  helder_store_rollback (store);
  return NULL;
}

gboolean
helder_access_end_session (HelderStore *store, gint64 session, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (store,
                               "UPDATE access_token SET revoked_at = ?2"
                               " WHERE id = ?1 AND kind = 'session' AND revoked_at IS NULL",
                               error);
  if (stmt == NULL)
    {
      helder_store_rollback (store);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, session);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return helder_store_commit (store, error);
}

/* The sign-in links a person asked for or was invited with, and their
 * sessions, stand alone (no API token above them): revoking everything of
 * a person ends them too, each counted. */
static gboolean
revoke_standalone (HelderStore *store, gint64 person, const char *now, gint64 *n, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "UPDATE access_token SET revoked_at = ?2 WHERE person = ?1"
                          " AND parent IS NULL AND kind != 'api' AND revoked_at IS NULL"
                          " AND expires_at > ?2 AND (kind != 'login' OR used_at IS NULL)",
                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  *n += sqlite3_changes (helder_store_get_db (store));
  return TRUE;
}

gint64
helder_access_revoke (HelderStore *store, gint64 id, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  gint64 n;

  g_return_val_if_fail (HELDER_IS_STORE (store), -1);

  if (!helder_store_begin (store, error))
    return -1;
  /* The API tokens first (counted), then whatever hangs under them. */
  stmt = helder_store_prepare (store,
                               "UPDATE access_token SET revoked_at = ?3"
                               " WHERE kind = 'api' AND revoked_at IS NULL"
                               " AND ((?1 > 0 AND id = ?1) OR (?1 = 0 AND person = ?2))",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, person);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    goto fail;
  n = sqlite3_changes (helder_store_get_db (store));
  g_clear_pointer (&stmt, helder_store_stmt_release);

  stmt = helder_store_prepare (
    store,
    "UPDATE access_token SET revoked_at = ?2 WHERE revoked_at IS NULL"
    " AND parent IN (SELECT id FROM access_token WHERE revoked_at = ?2"
    " AND kind = 'api' AND ((?1 > 0 AND id = ?1) OR (?1 = 0 AND person = ?3)))",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, person);
  if (!helder_store_step_done (store, stmt, error))
    goto fail;
  if (id == 0 && !revoke_standalone (store, person, now, &n, error))
    goto fail;
  /* All of a person's access: also the links in their messages. */
  if (id == 0 && !helder_message_link_revoke_person (store, person, now, error))
    goto fail;
  if (!helder_store_commit (store, error))
    return -1;
  return n;

fail:
  helder_store_rollback (store);
  return -1;
}

JsonArray *
helder_access_list (HelderStore *store, GError **error)
{
  g_autoptr (JsonArray) list = json_array_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  stmt =
    helder_store_prepare (store,
                          "SELECT t.id, t.person, p.name, t.role, t.created_at, t.expires_at,"
                          " (SELECT max (coalesce (s.used_at, s.created_at)) FROM access_token s"
                          "  WHERE s.parent = t.id AND s.kind = 'session'),"
                          " CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked'"
                          "      WHEN t.expires_at <= ?1 THEN 'expired' ELSE 'active' END"
                          " FROM access_token t JOIN person p ON p.id = t.person"
                          " WHERE t.kind = 'api' ORDER BY t.id",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();

      json_object_set_int_member (row, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_int_member (row, "person", sqlite3_column_int64 (stmt, 1));
      json_object_set_string_member (row, "name", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (row, "role", (const char *) sqlite3_column_text (stmt, 3));
      json_object_set_string_member (row, "created_at",
                                     (const char *) sqlite3_column_text (stmt, 4));
      json_object_set_string_member (row, "expires_at",
                                     (const char *) sqlite3_column_text (stmt, 5));
      if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
        json_object_set_null_member (row, "last_session_at");
      else
        json_object_set_string_member (row, "last_session_at",
                                       (const char *) sqlite3_column_text (stmt, 6));
      json_object_set_string_member (row, "state", (const char *) sqlite3_column_text (stmt, 7));
      json_array_add_object_element (list, row);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
helder_access_token_ended (HelderStore *store, const char *token)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  char hash[HASH_BYTES * 2 + 1];

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  if (token == NULL || *token == '\0' || strlen (token) > 256 || !ensure_sodium (NULL))
    return FALSE;
  hash_secret (token, hash);
  stmt = helder_store_prepare (store,
                               "SELECT 1 FROM access_token WHERE hash = ?1 AND kind = 'api'"
                               " AND (revoked_at IS NOT NULL OR expires_at <= ?2)",
                               NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

char *
helder_access_new_form_token (void)
{
  if (!ensure_sodium (NULL))
    return NULL;
  return new_secret ("");
}

gboolean
helder_access_secret_equal (const char *a, const char *b)
{
  gsize length;

  if (a == NULL || b == NULL || *a == '\0')
    return FALSE;
  length = strlen (a);
  if (strlen (b) != length || !ensure_sodium (NULL))
    return FALSE;
  return sodium_memcmp (a, b, length) == 0;
}

/* ---- what may be kept of a secret ----------------------------------------- */

#define PREFIX_CHARS   8  /* kept for rate limits, after "hld_" or "hls_" */
#define REDACT_CHARS   4  /* kept in log lines */
#define RANDOM_SEGMENT 32 /* a path segment this long that looks random is a secret */

static gsize
type_prefix_length (const char *secret)
{
  return g_str_has_prefix (secret, "hld_") || g_str_has_prefix (secret, "hls_") ? 4 : 0;
}

char *
helder_access_secret_prefix (const char *secret)
{
  gsize keep;

  if (secret == NULL)
    return NULL;
  keep = type_prefix_length (secret) + PREFIX_CHARS;
  return g_strndup (secret, MIN (keep, strlen (secret)));
}

static gboolean
looks_random (const char *segment, gsize length)
{
  gboolean upper = FALSE, lower = FALSE;

  if (length < RANDOM_SEGMENT)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = segment[i];

      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
      upper |= g_ascii_isupper (c);
      lower |= g_ascii_islower (c);
    }
  /* Slugs are lower case; base64 mixes both. */
  return upper && lower;
}

char *
helder_access_redact_path (const char *path)
{
  GString *out;
  const char *p;
  gboolean after_login = FALSE;

  if (path == NULL)
    return NULL;
  out = g_string_sized_new (strlen (path) + 16);
  p = path;
  while (*p != '\0')
    {
      const char *end = strchr (p, '/');
      gsize length = end ? (gsize) (end - p) : strlen (p);

      if (length > 0 && (after_login || type_prefix_length (p) > 0 || looks_random (p, length)))
        {
          gsize keep = MIN (length, type_prefix_length (p) + REDACT_CHARS);

          for (gsize i = 0; i < keep; i++)
            g_string_append_c (out,
                               g_ascii_isalnum (p[i]) || p[i] == '_' || p[i] == '-' ? p[i] : '?');
          g_string_append (out, "…[redacted]");
        }
      else
        g_string_append_len (out, p, (gssize) length);
      /* /login/CODE and a message's /s/CODE */
      after_login = ((length == 5 && strncmp (p, "login", 5) == 0) || (length == 1 && *p == 's')) &&
                    out->len == length + 1;
      p += length;
      if (*p == '/')
        {
          g_string_append_c (out, '/');
          p++;
        }
    }
  return g_string_free (out, FALSE);
}

/* ---- who is asking, behind a proxy ------------------------------------------ */

static GPtrArray *
parse_proxies (const char *value, GError **error)
{
  g_autoptr (GPtrArray) masks = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) items = g_strsplit_set (value ? value : "", ", \t", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autoptr (GInetAddressMask) mask = NULL;

      if (items[i][0] == '\0')
        continue;
      mask = g_inet_address_mask_new_from_string (items[i], NULL);
      if (mask == NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("“%s” is not an IP address or network (such as 10.0.0.1 or 10.0.0.0/8)"),
                       items[i]);
          return NULL;
        }
      g_ptr_array_add (masks, g_steal_pointer (&mask));
    }
  return g_steal_pointer (&masks);
}

gboolean
helder_access_check_proxies (const char *value, GError **error)
{
  g_autoptr (GPtrArray) masks = parse_proxies (value, error);

  return masks != NULL;
}

static GInetAddress *
parse_address (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize length = strlen (copy);

  if (length > 2 && copy[0] == '[' && copy[length - 1] == ']')
    {
      copy[length - 1] = '\0';
      return g_inet_address_new_from_string (copy + 1);
    }
  return g_inet_address_new_from_string (copy);
}

static gboolean
trusted (GPtrArray *masks, GInetAddress *address)
{
  for (guint i = 0; i < masks->len; i++)
    if (g_inet_address_get_family (address) ==
          g_inet_address_mask_get_family (g_ptr_array_index (masks, i)) &&
        g_inet_address_mask_matches (g_ptr_array_index (masks, i), address))
      return TRUE;
  return FALSE;
}

gboolean
helder_access_is_trusted_proxy (const char *peer, const char *trusted_proxies)
{
  g_autoptr (GPtrArray) masks = NULL;
  g_autoptr (GInetAddress) address = NULL;

  if (peer == NULL || trusted_proxies == NULL || *trusted_proxies == '\0')
    return FALSE;
  masks = parse_proxies (trusted_proxies, NULL);
  address = g_inet_address_new_from_string (peer);
  return masks != NULL && address != NULL && trusted (masks, address);
}

char *
helder_access_client_address (const char *peer,
                              const char *forwarded_for,
                              const char *trusted_proxies)
{
  g_autoptr (GPtrArray) masks = NULL;
  g_autoptr (GInetAddress) peer_address = NULL;
  g_auto (GStrv) hops = NULL;

  g_return_val_if_fail (peer != NULL, NULL);

  if (forwarded_for == NULL || trusted_proxies == NULL || *trusted_proxies == '\0')
    return g_strdup (peer);
  masks = parse_proxies (trusted_proxies, NULL);
  peer_address = g_inet_address_new_from_string (peer);
  if (masks == NULL || masks->len == 0 || peer_address == NULL || !trusted (masks, peer_address))
    return g_strdup (peer);

  /* Each proxy appends the address it was reached from: read from the
   * right, past our own proxies, to the first address they vouch for. */
  hops = g_strsplit (forwarded_for, ",", -1);
  for (guint i = g_strv_length (hops); i > 0; i--)
    {
      g_autoptr (GInetAddress) hop = parse_address (hops[i - 1]);

      if (hop == NULL)
        break;
      if (!trusted (masks, hop))
        return g_inet_address_to_string (hop);
    }
  return g_strdup (peer);
}

/**
 * helder_access_session_hours:
 * @role: "employee", "hr" or "advisor"
 *
 * How long a browser session of @role lasts: employees read their own
 * transition now and then, from the link in a weekly e-mail, and stay
 * signed in for weeks (session.employee_days, default 28); the advisor and
 * HR, who change what others read, for hours (session.staff_hours, default
 * 12). A stored value that is not a sensible number counts as unset.
 */
gint64
helder_access_session_hours (HelderStore *store, const char *role)
{
  gboolean employee = g_strcmp0 (role, "employee") == 0;
  g_autofree char *value =
    helder_config_get (store, employee ? "session.employee_days" : "session.staff_hours", NULL);
  guint64 number = 0;

  if (value == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 1, employee ? 365 : 720, &number, NULL))
    number = employee ? HELDER_ACCESS_SESSION_EMPLOYEE_DAYS : HELDER_ACCESS_SESSION_STAFF_HOURS;
  return employee ? (gint64) number * 24 : (gint64) number;
}

/**
 * helder_access_issue_login:
 * @store: a #HelderStore, inside the caller's transaction
 * @person: whom the link is for
 * @role: the role it signs in with
 * @hours: how long it may be used
 * @id: (out) (optional): the link's access_token.id
 * @code: (out): the sign-in code, returned once
 *
 * A one-time sign-in link on its own, without an API token: the link a
 * person asks for, or is invited with. Its session stands alone too, and
 * lasts as long as sessions of @role do.
 */
gboolean
helder_access_issue_login (HelderStore *store,
                           gint64 person,
                           const char *role,
                           gint64 hours,
                           gint64 *id,
                           char **code,
                           GError **error)
{
  g_autofree char *secret = NULL;
  char hash[HASH_BYTES * 2 + 1];

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (helder_access_role_valid (role), FALSE);
  g_return_val_if_fail (code != NULL && hours > 0, FALSE);

  if (!ensure_sodium (error))
    return FALSE;
  secret = new_secret ("");
  hash_secret (secret, hash);
  if (!insert_token (store, person, role, "login", hash, NULL, 0, hours, id, error))
    return FALSE;
  *code = g_steal_pointer (&secret);
  return TRUE;
}
