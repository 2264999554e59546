/* test-message-link.c — the sign-in links minted when a message is handed over
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox keeps the plain link to a person's page; each claim of a row
 * gives the message on its way a sign-in link of its own, whose secret is
 * nowhere in the database. (The whole path, through the SMTP sink and the
 * web server: plugins/email/tests/test-email-links.c.)
 */
#include "config.h"

#include <string.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "helder-test-utils.h"
#include "services/access/helder-access.h"
#include "services/access/helder-config.h"
#include "services/access/helder-message-link.h"
#include "services/delivery/helder-outbox.h"

#define PAGE "https://helder.voorbeeld.nl/me"
#define BODY "Nieuwe werkplekken.\n\n---\n\n[Je eigen pagina](<" PAGE ">)\n"

typedef struct
{
  HelderStore *store;
  char *path;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  helder_test_seed (f->store);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

static gint64
scalar (Fixture *f, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
queue (Fixture *f, const char *source, gint64 person, const char *link)
{
  g_autofree char *now = helder_clock_now_utc ();
  g_autoptr (GError) error = NULL;
  HelderOutboxMessage m = {
    .source = source,
    .person = person,
    .channel = "email",
    .subject = "Nieuwe werkplekken",
    .body = BODY,
    .locale = "nl",
    .link = link,
  };

  g_assert_true (helder_store_begin (f->store, &error));
  g_assert_true (helder_outbox_queue (f->store, &m, now, NULL, &error));
  g_assert_true (helder_store_commit (f->store, &error));
  g_assert_no_error (error);
}

/* Claims every due row; a lease of 0 leaves them due again at once (as a
 * sender that died would). */
static JsonArray *
claim (Fixture *f)
{
  static const HelderOutboxPolicy policy = { 3, 60, 0 };
  const char *channels[] = { "email", NULL };
  g_autoptr (GError) error = NULL;
  JsonArray *rows = helder_outbox_claim (f->store, channels, 10, &policy, &error);

  g_assert_no_error (error);
  return rows;
}

static const char *
member (JsonArray *rows, guint i, const char *name)
{
  return json_object_get_string_member (json_array_get_object_element (rows, i), name);
}

/* The code of a claimed row's link, and that the database holds only its
 * hash: neither the code nor the signed link is stored anywhere. */
static char *
code_of (Fixture *f, JsonArray *rows, guint i)
{
  const char *link = member (rows, i, "link");
  g_autofree char *sql = NULL;
  char *code;

  g_assert_true (g_str_has_prefix (link, "https://helder.voorbeeld.nl/s/"));
  code = g_strdup (link + strlen ("https://helder.voorbeeld.nl/s/"));
  g_assert_cmpuint (strlen (code), ==, 43); /* 256 bits */
  /* The body carries the same link, in place of the plain one. */
  g_assert_nonnull (strstr (member (rows, i, "body"), link));
  g_assert_null (strstr (member (rows, i, "body"), "<" PAGE ">"));
  sql = g_strdup_printf ("SELECT (SELECT count (*) FROM message_link WHERE hash = '%s')"
                         " + (SELECT count (*) FROM delivery_message WHERE body LIKE '%%%s%%'"
                         "    OR link LIKE '%%%s%%')",
                         code, code, code);
  g_assert_cmpint (scalar (f, sql), ==, 0);
  return code;
}

static void
test_minted_per_claim (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonArray) first = NULL;
  g_autoptr (JsonArray) again = NULL;
  g_autofree char *code = NULL;
  g_autofree char *retry = NULL;
  g_autofree char *session = NULL;
  g_autoptr (HelderAccess) access = NULL;
  g_autoptr (GError) error = NULL;

  queue (f, "moment:1", 1, PAGE);
  queue (f, "moment:1", 2, ""); /* no server address: nothing to sign in to */
  first = claim (f);
  g_assert_cmpuint (json_array_get_length (first), ==, 2);
  code = code_of (f, first, 0);
  g_assert_cmpstr (member (first, 1, "link"), ==, "");
  g_assert_cmpstr (member (first, 1, "body"), ==, BODY);
  /* The outbox keeps the plain link. */
  g_assert_cmpint (scalar (f, "SELECT count (*) FROM delivery_message WHERE link = '" PAGE "'"
                              " AND body = '" BODY "'"),
                   ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count (*) FROM message_link"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count (*) FROM message_link WHERE person = 1 AND uses = 0"
                              " AND delivery = (SELECT id FROM delivery WHERE person = 1)"
                              " AND julianday (expires_at) - julianday (created_at) = 14"),
                   ==, 1);

  /* Handed over again (a retry, a lease that ran out): a new link; the
   * first one stays good, it may be in a message that did arrive. */
  again = claim (f);
  retry = code_of (f, again, 0);
  g_assert_cmpstr (code, !=, retry);
  g_assert_cmpint (scalar (f, "SELECT count (*) FROM message_link"), ==, 2);
  g_assert_true (helder_message_link_usable (f->store, code));
  g_assert_true (helder_message_link_usable (f->store, retry));

  /* Looking does not use it; signing in does, as an employee. */
  g_assert_cmpint (scalar (f, "SELECT sum (uses) FROM message_link"), ==, 0);
  access = helder_message_link_sign_in (f->store, code, &session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (access->person, ==, 1);
  g_assert_cmpstr (access->role, ==, "employee");
  g_assert_true (g_str_has_prefix (session, "hls_"));
  g_assert_cmpint (scalar (f, "SELECT sum (uses) FROM message_link"), ==, 1);
}

static void
test_life_and_limits (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;

  const char *bad[] = { "0", "91", "-1", "14 days", "" };

  /* `helder config set` checks the range, naming the setting and value. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (helder_test_run (f->path, NULL, NULL, &err, "config", "set",
                                        "session.message_link_days", bad[i], NULL),
                       ==, 1);
      g_test_message ("%s → %s", bad[i], err);
      g_assert_nonnull (strstr (err, "session.message_link_days"));
    }
  g_assert_cmpint (helder_message_link_days (f->store), ==, HELDER_MESSAGE_LINK_DAYS);
  /* A value stored behind its back counts as unset. */
  g_assert_true (helder_config_set (f->store, "session.message_link_days", "900", &error));
  g_assert_cmpint (helder_message_link_days (f->store), ==, HELDER_MESSAGE_LINK_DAYS);
  g_assert_cmpint (helder_test_run (f->path, NULL, NULL, NULL, "config", "set",
                                    "session.message_link_days", "3", NULL),
                   ==, 0);
  g_assert_cmpint (helder_message_link_days (f->store), ==, 3);

  queue (f, "moment:1", 1, PAGE);
  rows = claim (f);
  code = code_of (f, rows, 0);
  g_assert_cmpint (scalar (f, "SELECT julianday (expires_at) - julianday (created_at)"
                              " FROM message_link"),
                   ==, 3);
  for (int i = 0; i < HELDER_MESSAGE_LINK_MAX_USES; i++)
    {
      g_autofree char *session = NULL;
      g_autoptr (HelderAccess) access =
        helder_message_link_sign_in (f->store, code, &session, &error);

      g_assert_no_error (error);
      g_assert_nonnull (access);
    }
  g_assert_false (helder_message_link_usable (f->store, code));
  {
    g_autofree char *session = NULL;
    g_autoptr (HelderAccess) access =
      helder_message_link_sign_in (f->store, code, &session, &error);

    g_assert_null (access);
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION);
    g_assert_null (session);
  }
}

/* Revoking a person's access ends their links and the sessions they
 * opened; until they get access again, their messages carry the plain
 * link. */
static void
test_revoked (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonArray) later = NULL;
  g_autoptr (JsonArray) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderAccess) access = NULL;
  g_autofree char *code = NULL;
  g_autofree char *session = NULL;
  g_autofree char *token = NULL;
  g_autofree char *login = NULL;

  g_assert_true (helder_access_issue (f->store, 1, "advisor", 0, NULL, &token, &login, &error));
  queue (f, "moment:1", 1, PAGE);
  rows = claim (f);
  code = code_of (f, rows, 0);
  access = helder_message_link_sign_in (f->store, code, &session, &error);
  g_assert_no_error (error);
  /* The advisor's link signs in an employee. */
  g_assert_cmpstr (access->role, ==, "employee");
  g_clear_pointer (&access, helder_access_free);
  access = helder_access_verify_session (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (access->role, ==, "employee");
  g_clear_pointer (&access, helder_access_free);

  /* Their API token and the session the link opened. */
  g_assert_cmpint (helder_access_revoke (f->store, 0, 1, &error), ==, 2);
  g_assert_false (helder_message_link_usable (f->store, code));
  g_assert_null (helder_access_verify_session (f->store, session, NULL));
  later = claim (f);
  g_assert_cmpstr (member (later, 0, "link"), ==, PAGE);
  g_assert_cmpstr (member (later, 0, "body"), ==, BODY);

  /* Access given again: links again. */
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&login, g_free);
  g_assert_true (helder_access_issue (f->store, 1, "employee", 0, NULL, &token, &login, &error));
  again = claim (f);
  g_free (code_of (f, again, 0));
}

static void
test_bad_codes (Fixture *f, gconstpointer data)
{
  g_autofree char *long_code = g_strnfill (257, 'A');
  const char *codes[] = { "", "A", "not a code", long_code, "hls_AAAA" };

  queue (f, "moment:1", 1, PAGE);
  json_array_unref (claim (f));
  g_assert_false (helder_message_link_usable (f->store, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *session = NULL;
      g_autoptr (HelderAccess) access = NULL;

      g_assert_false (helder_message_link_usable (f->store, codes[i]));
      access = helder_message_link_sign_in (f->store, codes[i], &session, &error);
      g_assert_null (access);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION);
    }
  g_assert_cmpint (scalar (f, "SELECT count (*) FROM access_token"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT sum (uses) FROM message_link"), ==, 0);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, setup, fn, teardown)
  ADD ("/message-link/minted-per-claim", test_minted_per_claim);
  ADD ("/message-link/life-and-limits", test_life_and_limits);
  ADD ("/message-link/revoked", test_revoked);
  ADD ("/message-link/bad-codes", test_bad_codes);
  return g_test_run ();
}
