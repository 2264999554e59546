/* test-access.c — tokens, login links, sessions; the audit log
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "helder-test-utils.h"
#include "services/access/helder-access.h"
#include "services/access/helder-config.h"
#include "services/access/helder-audit.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-scheduler.h"

typedef struct
{
  HelderStore *store;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  helder_test_seed (f->store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

static gint64
first_person (HelderStore *store)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, "SELECT min (id) FROM person", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
column_text (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_issue_and_verify (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *stored = NULL;
  g_autoptr (HelderAccess) access = NULL;
  g_autoptr (HelderAccess) wrong = NULL;
  gint64 person = first_person (f->store), id = 0;

  g_assert_true (helder_access_issue (f->store, person, "advisor", 0, &id, &token, &code, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* 256 bits: 43 characters of URL-safe base64 after the prefix. */
  g_assert_true (g_str_has_prefix (token, "hld_"));
  g_assert_cmpuint (strlen (token), ==, 4 + 43);
  g_assert_cmpuint (strlen (code), ==, 43);

  /* Only hashes are stored. */
  stored = column_text (f->store, "SELECT group_concat (hash, ' ') FROM access_token");
  g_assert_null (strstr (stored, token + 4));
  g_assert_null (strstr (stored, code));

  access = helder_access_verify_token (f->store, token, &error);
  g_assert_no_error (error);
  g_assert_cmpint (access->person, ==, person);
  g_assert_cmpstr (access->role, ==, "advisor");

  /* A token differing in one character, the login code used as a token,
   * and an empty or oversized token are all refused the same way. */
  token[10] = token[10] == 'A' ? 'B' : 'A';
  wrong = helder_access_verify_token (f->store, token, &error);
  g_assert_null (wrong);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (helder_access_verify_token (f->store, code, &error));
  g_clear_error (&error);
  g_assert_null (helder_access_verify_token (f->store, "", &error));
  g_clear_error (&error);
  {
    g_autofree char *huge = g_strnfill (5000, 'x');
    g_assert_null (helder_access_verify_token (f->store, huge, &error));
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION);
  }
}

static void
test_bad_issue (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  char *token = NULL, *code = NULL;

  g_assert_false (helder_access_issue (f->store, first_person (f->store), "admin", 0, NULL, &token,
                                       &code, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "role: “admin”"));
  g_clear_error (&error);
  g_assert_false (
    helder_access_issue (f->store, 999999, "employee", 0, NULL, &token, &code, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999999"));
  g_clear_error (&error);
  g_assert_false (helder_access_issue (f->store, first_person (f->store), "hr", 10000, NULL, &token,
                                       &code, &error));
  g_assert_nonnull (strstr (error->message, "days:"));
  g_assert_null (token);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_login_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *session = NULL;
  g_autofree char *again = NULL;
  g_autoptr (HelderAccess) login = NULL;
  g_autoptr (HelderAccess) second = NULL;
  g_autoptr (HelderAccess) verified = NULL;
  g_autoptr (HelderAccess) ended = NULL;

  g_assert_true (helder_access_issue (f->store, first_person (f->store), "employee", 0, NULL,
                                      &token, &code, &error));
  g_assert_true (helder_access_login_usable (f->store, code));
  login = helder_access_login (f->store, code, &session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (login->csrf);
  g_assert_cmpuint (strlen (login->csrf), >=, 43);
  g_assert_true (g_str_has_prefix (session, "hls_"));

  /* The link works once. */
  g_assert_false (helder_access_login_usable (f->store, code));
  second = helder_access_login (f->store, code, &again, &error);
  g_assert_null (second);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A session is not a bearer token and the other way round. */
  verified = helder_access_verify_session (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verified->csrf, ==, login->csrf);
  g_assert_null (helder_access_verify_token (f->store, session, NULL));
  g_assert_null (helder_access_verify_session (f->store, token, NULL));

  g_assert_true (helder_access_end_session (f->store, verified->id, &error));
  ended = helder_access_verify_session (f->store, session, NULL);
  g_assert_null (ended);
}

static void
test_revoke_and_expiry (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *code2 = NULL;
  g_autofree char *session = NULL;
  g_autoptr (HelderAccess) login = NULL;
  g_autoptr (JsonArray) list = NULL;
  gint64 person = first_person (f->store), id = 0;

  g_assert_true (helder_access_issue (f->store, person, "hr", 0, &id, &token, &code, &error));
  g_assert_true (
    helder_access_issue (f->store, person, "employee", 0, NULL, &token2, &code2, &error));
  login = helder_access_login (f->store, code, &session, &error);
  g_assert_nonnull (login);

  /* Revoking the token ends its session too, not the other token. */
  g_assert_cmpint (helder_access_revoke (f->store, id, 0, &error), ==, 1);
  g_assert_null (helder_access_verify_token (f->store, token, NULL));
  g_assert_null (helder_access_verify_session (f->store, session, NULL));
  {
    g_autoptr (HelderAccess) other = helder_access_verify_token (f->store, token2, &error);
    g_assert_nonnull (other);
  }
  g_assert_cmpint (helder_access_revoke (f->store, id, 0, &error), ==, 0);

  /* Expiry: a token whose time has passed is refused. */
  g_assert_true (helder_store_exec (f->store,
                                    "UPDATE access_token SET expires_at = '2000-01-01T00:00:00Z'"
                                    " WHERE kind = 'api'",
                                    &error));
  g_assert_null (helder_access_verify_token (f->store, token2, NULL));
  g_assert_false (helder_access_login_usable (f->store, code2));

  list = helder_access_list (f->store, &error);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "state"),
                   ==, "revoked");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "state"),
                   ==, "expired");

  /* Revoking everything of a person. */
  g_assert_cmpint (helder_access_revoke (f->store, 0, person, &error), ==, 1);
}

static void
test_audit (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) page = NULL;
  HelderAuditActor actor = { first_person (f->store), "Sanne", "advisor" };
  JsonObject *newest;

  for (int i = 0; i < 5; i++)
    g_assert_true (helder_audit_record (f->store, &actor, "read", "person", "1",
                                        first_person (f->store), i == 4 ? "last" : "", &error));
  page = helder_audit_list (f->store, 2, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "items")), ==, 2);
  newest = json_array_get_object_element (json_object_get_array_member (page, "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "detail"), ==, "last");
  g_assert_cmpstr (json_object_get_string_member (newest, "actor_role"), ==, "advisor");
  g_assert_false (json_object_get_null_member (newest, "subject_name"));
}

/* created_at and the hours to expires_at of the newest secret of @kind */
static char *
newest_times (HelderStore *store, const char *kind)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT substr (created_at, 1, 16) || ' '"
                     " || round ((julianday (expires_at) - julianday (created_at)) * 24, 3)"
                     " FROM access_token WHERE kind = '%s' ORDER BY id DESC LIMIT 1",
                     kind);

  return column_text (store, sql);
}

/* Expiry is counted on Helder's one clock, from the created_at it stores:
 * with the clock set to another day (HELDER_NOW: a pinned test, a preview)
 * a new login link, token and session had expired before they were used,
 * or lived on for as long as the clock was behind, because their expiry was
 * counted from the system's clock. */
static void
test_expiry_on_the_clock (Fixture *f, gconstpointer data)
{
  /* Years away from whatever day the machine thinks it is, either way. */
  static const char *const clocks[][4] = {
    { "2039-06-15T23:59:00+02:00", "2039-06-15T21:59 24.0", "2039-06-15T21:59 672.0",
      "2039-06-16T21:59" },
    { "2016-02-29T00:30:00+01:00", "2016-02-28T23:30 24.0", "2016-02-28T23:30 672.0",
      "2016-02-29T23:30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clocks); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *token = NULL;
      g_autofree char *code = NULL;
      g_autofree char *session = NULL;
      g_autofree char *login_times = NULL;
      g_autofree char *session_times = NULL;
      g_autofree char *expires = NULL;
      g_autoptr (HelderAccess) login = NULL;
      g_autoptr (HelderAccess) verified = NULL;
      g_autoptr (HelderAccess) bearer = NULL;
      g_autoptr (JsonArray) list = NULL;
      JsonObject *newest;

      g_assert_true (helder_clock_set (clocks[i][0], &error));
      g_assert_no_error (error);
      g_assert_true (helder_access_issue (f->store, first_person (f->store), "employee", 1, NULL,
                                          &token, &code, &error));
      g_assert_no_error (error);
      login_times = newest_times (f->store, "login");
      g_assert_cmpstr (login_times, ==, clocks[i][1]);
      bearer = helder_access_verify_token (f->store, token, &error);
      g_assert_no_error (error);
      g_assert_true (helder_access_login_usable (f->store, code));
      login = helder_access_login (f->store, code, &session, &error);
      g_assert_no_error (error);
      g_assert_nonnull (login);
      session_times = newest_times (f->store, "session");
      g_assert_cmpstr (session_times, ==, clocks[i][2]);
      verified = helder_access_verify_session (f->store, session, &error);
      g_assert_no_error (error);
      g_assert_nonnull (verified);

      list = helder_access_list (f->store, &error);
      g_assert_no_error (error);
      newest = json_array_get_object_element (list, json_array_get_length (list) - 1);
      g_assert_cmpstr (json_object_get_string_member (newest, "state"), ==, "active");
      expires = g_strndup (json_object_get_string_member (newest, "expires_at"), 16);
      g_assert_cmpstr (expires, ==, clocks[i][3]);
    }

  /* Back on the clock the test started with. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (helder_clock_init_from_env (&error));
    g_assert_no_error (error);
  }
}

/* `helder serve` composes the week's digests in its delivery thread while
 * the web thread signs people in. A web request holds its language while it
 * works, and signing in writes (the code is used up, a session made). The
 * scheduler waited for the language between chunks of digests with its
 * write transaction still open: each waited for the other until SQLite's
 * busy timeout (5 s) failed the sign-in with "database is locked" (the web
 * benchmark's sign-in, issue 8). Here someone signs in while a digest of the
 * second chunk is composed, when the scheduler waits for its composers as it
 * waits for a language: the sign-in must not wait for the scheduler. */
typedef struct
{
  const char *path;
  const char *code;
  gint calls;
  gboolean tried;
  char *session;
  char *failure;
  gint64 waited_us;
} SignInMeanwhile;

static char *
sign_in_meanwhile (HelderStore *store,
                   gint64 person,
                   const char *today,
                   gpointer user_data,
                   GError **error)
{
  SignInMeanwhile *s = user_data;

  /* Digests are composed 200 at a time: call 250 is in the second chunk. */
  if (g_atomic_int_add (&s->calls, 1) == 250)
    {
      g_autoptr (HelderStore) web = helder_store_open (s->path, NULL);
      g_autoptr (HelderAccess) access = NULL;
      g_autoptr (GError) failure = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_nonnull (web);
      access = helder_access_login (web, s->code, &s->session, &failure);
      s->waited_us = g_get_monotonic_time () - start;
      s->failure = failure != NULL ? g_strdup (failure->message) : NULL;
      s->tried = TRUE;
    }
  return NULL;
}

static void
test_login_while_digests (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GPtrArray) sections = g_ptr_array_new ();
  g_autoptr (HelderAccess) session = NULL;
  g_auto (HelderScheduleReport) report = { 0 };
  SignInMeanwhile meanwhile = { .path = f->path };
  HelderDigestSection section = { "sign-in", sign_in_meanwhile, &meanwhile };
  HelderScheduleOptions options = { .digests = TRUE,
                                    .force_digests = TRUE,
                                    .base_url = "https://helder.voorbeeld.nl",
                                    .digest_weekday = 1,
                                    .digest_hour = 8 };

  /* 300 more people with a weekly digest: two chunks and a half. */
  g_assert_true (helder_store_exec (
    f->store,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
    " INSERT INTO person (name, email, created_at, updated_at)"
    " SELECT 'Persoon ' || i, 'persoon' || i || '@voorbeeld.nl', '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z' FROM n",
    &error));
  g_assert_no_error (error);
  g_assert_true (helder_access_issue (f->store, first_person (f->store), "employee", 1, NULL,
                                      &token, &code, &error));
  g_assert_no_error (error);
  meanwhile.code = code;
  g_ptr_array_add (sections, &section);
  options.sections = sections;

  g_assert_true (helder_scheduler_run (f->store, &options, &report, &error));
  g_assert_no_error (error);
  /* everyone but Dewi, who is external and did not ask for one */
  g_assert_cmpuint (report.digests, ==, 303);
  g_assert_true (meanwhile.tried);
  g_assert_cmpstr (meanwhile.failure, ==, NULL);
  g_assert_nonnull (meanwhile.session);
  /* It did not wait for the scheduler (the busy timeout is 5 s). */
  g_assert_cmpint (meanwhile.waited_us, <, 2 * G_USEC_PER_SEC);
  session = helder_access_verify_session (f->store, meanwhile.session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_free (meanwhile.session);
}

/* What a log line or a rate limit keeps of a secret. */
static void
test_redact (void)
{
  struct
  {
    const char *path, *expected;
  } cases[] = {
    { "/login/i2e8P1frIc8lwqzHK_abcdefghijklmnopqrstuvwxyz0", "/login/i2e8…[redacted]" },
    { "/login/short", "/login/shor…[redacted]" },
    { "/login/", "/login/" },
    { "/login", "/login" },
    { "/api/v1/hld_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg", "/api/v1/hld_AbCd…[redacted]" },
    { "/x/hls_secret/y", "/x/hls_secr…[redacted]/y" },
    { "/a/QmFzZTY0TG9va2luZ1NlY3JldFZhbHVlMTIzNDU2Nzg", "/a/QmFz…[redacted]" },
    /* Slugs and ordinary paths stay. */
    { "/api/v1/groups/systeem-en-netwerkbeheer-van-de-gemeente",
      "/api/v1/groups/systeem-en-netwerkbeheer-van-de-gemeente" },
    { "/me/calendar.ics", "/me/calendar.ics" },
    { "/people/12", "/people/12" },
    { "/", "/" },
    { "/login/%3Cscript%3E", "/login/?3Cs…[redacted]" },
    /* The sign-in link of a message, also a short or lower-case code. */
    { "/s/i2e8P1frIc8lwqzHK_abcdefghijklmnopqrstuvwxyz0", "/s/i2e8…[redacted]" },
    { "/s/abc", "/s/abc…[redacted]" },
    { "/s", "/s" },
    { "/x/s/slug", "/x/s/slug" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *redacted = helder_access_redact_path (cases[i].path);

      g_assert_cmpstr (redacted, ==, cases[i].expected);
    }
  g_assert_null (helder_access_redact_path (NULL));

  {
    g_autofree char *token =
      helder_access_secret_prefix ("hld_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg");
    g_autofree char *code =
      helder_access_secret_prefix ("i2e8P1frIc8lwqzHK_abcdefghijklmnopqrstuvwxyz0");
    g_autofree char *tiny = helder_access_secret_prefix ("x");

    g_assert_cmpstr (token, ==, "hld_AbCdEfGh");
    g_assert_cmpstr (code, ==, "i2e8P1fr");
    g_assert_cmpstr (tiny, ==, "x");
  }
}

/* X-Forwarded-For is believed only from a trusted proxy, and then only as
 * far as our own proxies vouch for it. */
static void
test_client_address (void)
{
  const char *proxies = "127.0.0.2, 10.0.0.0/8 ::1";
  struct
  {
    const char *peer, *forwarded, *proxies, *expected;
  } cases[] = {
    /* No proxy trusted (the default): the peer, whatever the header says. */
    { "127.0.0.2", "198.51.100.7", NULL, "127.0.0.2" },
    { "127.0.0.2", "198.51.100.7", "", "127.0.0.2" },
    /* An untrusted peer's header is ignored. */
    { "127.0.0.3", "198.51.100.7", proxies, "127.0.0.3" },
    /* A trusted proxy: the address it saw. */
    { "127.0.0.2", "198.51.100.7", proxies, "198.51.100.7" },
    { "::1", "2001:db8::7", proxies, "2001:db8::7" },
    { "127.0.0.2", " [2001:db8::8] ", proxies, "2001:db8::8" },
    /* The client may write anything on the left; the right-most address
     * that is not ours counts. */
    { "127.0.0.2", "6.6.6.6, 198.51.100.7, 10.1.2.3", proxies, "198.51.100.7" },
    /* Nothing usable: the proxy itself. */
    { "127.0.0.2", NULL, proxies, "127.0.0.2" },
    { "127.0.0.2", "not-an-address", proxies, "127.0.0.2" },
    { "127.0.0.2", "10.0.0.1, 10.0.0.2", proxies, "127.0.0.2" },
    /* A setting that cannot be read trusts no one. */
    { "127.0.0.2", "198.51.100.7", "127.0.0.2, nonsense", "127.0.0.2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *client =
        helder_access_client_address (cases[i].peer, cases[i].forwarded, cases[i].proxies);

      g_assert_cmpstr (client, ==, cases[i].expected);
    }

  g_assert_true (helder_access_check_proxies ("", NULL));
  g_assert_true (helder_access_check_proxies ("127.0.0.1", NULL));
  g_assert_true (helder_access_check_proxies ("10.0.0.0/8, fd00::/8 192.168.1.5", NULL));
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (helder_access_check_proxies ("10.0.0.0/8, proxy.example.nl", &error));
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "proxy.example.nl"));
  }
}

/* A revoked token is known to have ended; an unknown one is not. */
static void
test_token_ended (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *form = helder_access_new_form_token ();
  g_autofree char *other = helder_access_new_form_token ();

  g_assert_true (helder_access_issue (f->store, first_person (f->store), "employee", 0, NULL,
                                      &token, &code, &error));
  g_assert_false (helder_access_token_ended (f->store, token));
  g_assert_false (helder_access_token_ended (f->store, "hld_unknown"));
  g_assert_cmpint (helder_access_revoke (f->store, 0, first_person (f->store), &error), ==, 1);
  g_assert_true (helder_access_token_ended (f->store, token));
  g_assert_false (helder_access_token_ended (f->store, code));

  g_assert_cmpuint (strlen (form), >=, 32);
  g_assert_cmpstr (form, !=, other);
  g_assert_true (helder_access_secret_equal (form, form));
  g_assert_false (helder_access_secret_equal (form, other));
  g_assert_false (helder_access_secret_equal (form, NULL));
  g_assert_false (helder_access_secret_equal (NULL, NULL));
  g_assert_false (helder_access_secret_equal ("", ""));
}

/* A session lasts weeks for an employee, who comes from the link in a
 * weekly e-mail, and hours for the advisor and HR; both are settings, and
 * a stored value out of range counts as unset. */
static void
test_session_lifetime (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *role;
    const char *employee_days;
    const char *staff_hours;
    const char *hours;
  } cases[] = {
    { "employee", NULL, NULL, "672.0" }, { "advisor", NULL, NULL, "12.0" },
    { "hr", NULL, NULL, "12.0" },        { "employee", "7", "2", "168.0" },
    { "advisor", "7", "2", "2.0" },      { "employee", "0", "9999", "672.0" },
    { "hr", "0", "9999", "12.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *token = NULL;
      g_autofree char *code = NULL;
      g_autofree char *session = NULL;
      g_autofree char *times = NULL;
      g_autoptr (HelderAccess) login = NULL;

      g_assert_true (
        cases[i].employee_days == NULL
          ? helder_config_unset (f->store, "session.employee_days", &error)
          : helder_config_set (f->store, "session.employee_days", cases[i].employee_days, &error));
      g_assert_true (
        cases[i].staff_hours == NULL
          ? helder_config_unset (f->store, "session.staff_hours", &error)
          : helder_config_set (f->store, "session.staff_hours", cases[i].staff_hours, &error));
      g_assert_true (helder_access_issue (f->store, first_person (f->store), cases[i].role, 1, NULL,
                                          &token, &code, &error));
      login = helder_access_login (f->store, code, &session, &error);
      g_assert_no_error (error);
      times = newest_times (f->store, "session");
      if (!g_str_has_suffix (times, cases[i].hours))
        g_error ("case %u (%s): session %s, expected %s hours", i, cases[i].role, times,
                 cases[i].hours);
      g_assert_cmpint (helder_access_session_hours (f->store, cases[i].role) * 10, ==,
                       (gint64) (g_ascii_strtod (cases[i].hours, NULL) * 10));
    }
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/access/issue-and-verify", test_issue_and_verify);
  ADD ("/access/bad-issue", test_bad_issue);
  ADD ("/access/login-once", test_login_once);
  ADD ("/access/revoke-and-expiry", test_revoke_and_expiry);
  ADD ("/access/expiry-on-the-clock", test_expiry_on_the_clock);
  ADD ("/access/audit", test_audit);
  ADD ("/access/login-while-digests", test_login_while_digests);
  ADD ("/access/token-ended", test_token_ended);
  ADD ("/access/session-lifetime", test_session_lifetime);
  g_test_add_func ("/access/redact", test_redact);
  g_test_add_func ("/access/client-address", test_client_address);
  return g_test_run ();
}
