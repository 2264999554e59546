/* helder-signin-request.c — asking for a new sign-in link
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

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-language.h"
#include "model/helder-text.h"
#include "services/access/helder-access.h"
#include "services/access/helder-access-state.h"
#include "services/access/helder-config.h"
#include "services/delivery/helder-signin-message.h"
#include "services/delivery/helder-signin-request.h"

/* The field the address is typed in: a person's address, not a channel. */
#define FIELD      "email"
#define KEY_BYTES  32
#define HASH_BYTES 32

static const char *outcomes[] = { "sent", "unknown", "limited", "unreachable" };

/* A whole-number setting, or @fallback when unset or not sensible. */
static guint64
setting (HelderStore *store, const char *key, guint64 max, guint64 fallback)
{
  g_autofree char *value = helder_config_get (store, key, NULL);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, max, &number, NULL))
    return fallback;
  return number;
}

static char *
checked_address (const char *text, GError **error)
{
  g_autofree char *address = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr (GError) why = NULL;

  if (address[0] == '\0')
    {
      helder_error_set (error, HELDER_ERROR_INVALID, FIELD,
                        _ ("email: enter the e-mail address you receive Helder's messages at"));
      return NULL;
    }
  if (strlen (address) > HELDER_SIGNIN_REQUEST_MAX_CHARS)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, FIELD,
                        _ ("email: an e-mail address has at most %d characters, this one has %u"),
                        HELDER_SIGNIN_REQUEST_MAX_CHARS, (guint) g_utf8_strlen (address, -1));
      return NULL;
    }
  if (!helder_text_check_email (address, &why))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, FIELD, _ ("email: %s"), why->message);
      return NULL;
    }
  return g_steal_pointer (&address);
}

/* The key for the hashes of addresses, made the first time. */
static gboolean
address_key (HelderStore *store, guint8 key[KEY_BYTES], GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (HelderStmt) insert = NULL;
  char hex[KEY_BYTES * 2 + 1];

  stmt =
    helder_store_prepare (store, "SELECT secret FROM access_key WHERE name = 'address'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      sodium_hex2bin (key, KEY_BYTES, (const char *) sqlite3_column_text (stmt, 0),
                      (size_t) sqlite3_column_bytes (stmt, 0), NULL, NULL, NULL) == 0)
    return TRUE;
  randombytes_buf (key, KEY_BYTES);
  sodium_bin2hex (hex, sizeof hex, key, KEY_BYTES);
  insert = helder_store_prepare (
    store, "INSERT OR REPLACE INTO access_key (name, secret) VALUES ('address', ?1)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, hex, -1, SQLITE_TRANSIENT);
  sodium_memzero (hex, sizeof hex);
  return helder_store_step_done (store, insert, error);
}

static gboolean
address_hash (HelderStore *store, const char *address, char hex[HASH_BYTES * 2 + 1], GError **error)
{
  guint8 key[KEY_BYTES];
  guint8 hash[HASH_BYTES];
  g_autofree char *folded = g_ascii_strdown (address, -1);

  if (sodium_init () < 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("the random number generator of the system could not be used"));
      return FALSE;
    }
  if (!address_key (store, key, error))
    return FALSE;
  crypto_generichash (hash, sizeof hash, (const guint8 *) folded, strlen (folded), key, sizeof key);
  sodium_memzero (key, sizeof key);
  sodium_bin2hex (hex, HASH_BYTES * 2 + 1, hash, sizeof hash);
  return TRUE;
}

static char *
utc_hours_ago (const char *now, gint64 hours)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr (GDateTime) then = g_date_time_add_hours (at, (gint) -hours);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/* How many requests since @since: for the address (@person 0) or for the
 * links sent to @person. */
static gint64
count_since (HelderStore *store, const char *hash, gint64 person, const char *since, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;

  stmt = helder_store_prepare (store,
                               person > 0 ? "SELECT count(*) FROM access_request"
                                            " WHERE person = ?2 AND outcome = 'sent' AND at > ?3"
                                          : "SELECT count(*) FROM access_request"
                                            " WHERE address_hash = ?1 AND at > ?3",
                               error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, person);
  sqlite3_bind_text (stmt, 3, since, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      helder_store_propagate (store, sqlite3_errcode (helder_store_get_db (store)), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

typedef struct
{
  gint64 id;
  char *name;
  char *locale;
} Person;

static void
person_clear (Person *person)
{
  g_clear_pointer (&person->name, g_free);
  g_clear_pointer (&person->locale, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Person, person_clear)

static gboolean
find_person (HelderStore *store, const char *address, Person *person, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT id, name, locale FROM person WHERE email = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, address, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      person->id = sqlite3_column_int64 (stmt, 0);
      person->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      person->locale = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  return TRUE;
}

/* The outcome for a known person who is within the limits: a link, when a
 * channel reaches them. */
static gboolean
send_link (HelderStore *store,
           const Person *person,
           const char *now,
           HelderSigninRequestOutcome *outcome,
           gint64 *link,
           GError **error)
{
  g_auto (GStrv) channels = helder_signin_message_channels (store, error);
  g_autofree char *role = NULL;
  g_autofree char *code = NULL;
  g_autofree char *base_url = NULL;
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr (GDateTime) end = g_date_time_add_hours (at, HELDER_SIGNIN_REQUEST_HOURS);
  g_autofree char *expires = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
  HelderSigninMessage message = {
    .kind = HELDER_SIGNIN_MESSAGE_REQUESTED,
    .person = person->id,
    .name = person->name,
    .locale = person->locale,
    .expires = expires,
  };

  if (channels == NULL)
    return FALSE;
  if (channels[0] == NULL)
    {
      *outcome = HELDER_SIGNIN_REQUEST_UNREACHABLE;
      return TRUE;
    }
  role = helder_access_state_role (store, person->id, error);
  if (role == NULL || !helder_access_issue_login (store, person->id, role,
                                                  HELDER_SIGNIN_REQUEST_HOURS, link, &code, error))
    return FALSE;
  base_url = helder_signin_message_base_url (store);
  message.base_url = base_url;
  message.code = code;
  message.link = *link;
  if (!helder_signin_message_queue (store, &message, (const char *const *) channels, now, error))
    return FALSE;
  *outcome = HELDER_SIGNIN_REQUEST_SENT;
  return TRUE;
}

static gboolean
record (HelderStore *store,
        const char *now,
        const char *hash,
        gint64 person,
        HelderSigninRequestOutcome outcome,
        GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "INSERT INTO access_request (at, address_hash, person, outcome)"
                          " VALUES (?1, ?2, ?3, ?4)",
                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  if (person > 0)
    sqlite3_bind_int64 (stmt, 3, person);
  sqlite3_bind_text (stmt, 4, outcomes[outcome], -1, SQLITE_STATIC);
  return helder_store_step_done (store, stmt, error);
}

static gboolean
audit (HelderStore *store,
       const HelderAuditActor *actor,
       const char *hash,
       gint64 person,
       gint64 link,
       HelderSigninRequestOutcome outcome,
       GError **error)
{
  g_autofree char *record = link > 0 ? g_strdup_printf ("%" PRId64, link) : g_strdup ("");
  /* An address nobody has is not kept, only its keyed hash: enough to
   * see that the same unknown address was tried again. */
  g_autofree char *detail = person > 0
                              ? g_strdup (outcomes[outcome])
                              : g_strdup_printf ("%s; address hash %s", outcomes[outcome], hash);

  return helder_audit_record (store, actor, "request-link", "sign-in link", record, person, detail,
                              error);
}

gboolean
helder_signin_request (HelderStore *store,
                       const char *address,
                       const HelderAuditActor *actor,
                       HelderSigninRequestOutcome *outcome,
                       GError **error)
{
  g_autofree char *checked = NULL;
  g_autofree char *language = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *hour_ago = utc_hours_ago (now, 1);
  g_autofree char *day_ago = utc_hours_ago (now, 24);
  g_auto (Person) person = { 0 };
  char hash[HASH_BYTES * 2 + 1];
  HelderSigninRequestOutcome result = HELDER_SIGNIN_REQUEST_UNKNOWN;
  gint64 link = 0, n;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL && outcome != NULL, FALSE);

  checked = checked_address (address, error);
  if (checked == NULL)
    return FALSE;
  if (!helder_store_begin (store, error))
    return FALSE;
  language = helder_signin_message_language ();
  if (!address_hash (store, checked, hash, error) || !find_person (store, checked, &person, error))
    goto fail;

  n = count_since (store, hash, 0, hour_ago, error);
  if (n < 0)
    goto fail;
  if ((guint64) n >=
      setting (store, "access.request_per_hour", 1000, HELDER_SIGNIN_REQUEST_PER_HOUR))
    result = HELDER_SIGNIN_REQUEST_LIMITED;
  else if (person.id > 0)
    {
      n = count_since (store, hash, person.id, day_ago, error);
      if (n < 0)
        goto fail;
      if ((guint64) n >=
          setting (store, "access.request_per_day", 1000, HELDER_SIGNIN_REQUEST_PER_DAY))
        result = HELDER_SIGNIN_REQUEST_LIMITED;
      else if (!send_link (store, &person, now, &result, &link, error))
        goto fail;
    }
  helder_language_use (language);
  if (!record (store, now, hash, person.id, result, error) ||
      !audit (store, actor, hash, person.id, link, result, error))
    goto fail;
  if (!helder_store_commit (store, error))
    return FALSE;
  *outcome = result;
  return TRUE;

fail:
  if (language != NULL)
    helder_language_use (language);
  helder_store_rollback (store);
  return FALSE;
}
