/* test-email-links.c — the links in delivered e-mail: where they point, that
 * opening them changes nothing, and that the personal one signs its reader in
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real `helder serve` on loopback (tests/helder-web-test-utils.c) and a
 * real SMTP server (tests/smtp-sink.py). server.base_url is the public
 * address people reach Helder at, https://helder.voorbeeld.nl; the test
 * maps that address to the loopback server, as a reverse proxy would.
 * `helder send` delivers a moment's message and the weekly digests; every
 * link of the text and HTML parts must start with server.base_url. A mail
 * gateway's link scanner is played by a GET of every link without cookies:
 * nothing in the database may change. Then the reader presses the button
 * and lands on their own page, signed in as an employee.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/access/helder-access.h"
#include "services/access/helder-audit.h"
#include "services/transfer/helder-person-data.h"
#include "email-test-sink.h"

#define BASE     "https://helder.voorbeeld.nl"
#define MOMENT   9001
#define LINK_DIR "/s/"

typedef struct
{
  HelderWebTest *web;
  Sink *sink;
  char *maildir;
  GPtrArray *links; /* what personal_link() found, freed at teardown */
} Fixture;

static int
helder (Fixture *f, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *env[] = { "HELDER_PLUGIN_PATH=" EMAIL_PLUGIN_PATH, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  status = helder_test_runv (f->web->db_path, env, (const char *const *) args->pdata, &out, &err);
  g_test_message ("helder %s: exit %d: %s%s", first, status, out ? out : "", err ? err : "");
  return status;
}

#define OK(f, ...) g_assert_cmpint (helder (f, __VA_ARGS__, NULL), ==, 0)

static void
exec (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_exec (f->web->store, sql, &error));
  g_assert_no_error (error);
}

static gint64
scalar (Fixture *f, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The demo programme on a server; a moment by e-mail to the two employees
 * and the advisor, due; delivered with the week's digests. */
static void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = NULL;
  g_autofree char *sql = NULL;

  f->web = helder_web_test_start ();
  f->links = g_ptr_array_new_with_free_func (g_free);
  dir = g_path_get_dirname (f->web->db_path);
  f->maildir = g_build_filename (dir, "links-sink", NULL);
  f->sink = email_test_sink_start (f->maildir, "ok", NULL);
  OK (f, "config", "set", "server.base_url", BASE);
  OK (f, "config", "set", "smtp.url", f->sink->url);
  OK (f, "config", "set", "email.from", "Programma Wolk <wolk@voorbeeld.nl>");
  OK (f, "config", "set", "delivery.rate_per_second", "0");
  /* The week's digest is due at any pinned hour: Monday, midnight. */
  OK (f, "config", "set", "digest.weekday", "1");
  OK (f, "config", "set", "digest.hour", "0");
  sql = g_strdup_printf (
    "INSERT INTO moment (id, title, body, scheduled_at, status, created_at, updated_at)"
    " VALUES (%d, 'Nieuwe werkplekken', 'De **werkplekken** worden vervangen.',"
    " '2020-01-01T09:00:00Z', 'approved', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
    "INSERT INTO moment_channel VALUES (%d, 'email');"
    "INSERT INTO moment_person VALUES (%d, %" G_GINT64_FORMAT "), (%d, %" G_GINT64_FORMAT
    "), (%d, %" G_GINT64_FORMAT ");",
    MOMENT, MOMENT, MOMENT, f->web->employee.person, MOMENT, f->web->employee2.person, MOMENT,
    f->web->advisor.person);
  exec (f, sql);
  /* Due a little while ago, within the grace period: sent, not held. */
  helder_test_make_due (f->web->store);
  OK (f, "send");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  email_test_sink_stop (f->sink);
  helder_web_test_stop (f->web);
  g_free (f->maildir);
  g_clear_pointer (&f->links, g_ptr_array_unref);
}

/* ---- reading the delivered messages ------------------------------------- */

static char *
email_of (Fixture *f, gint64 person)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (f->web->store, "SELECT email FROM person WHERE id = ?1", NULL);

  sqlite3_bind_int64 (stmt, 1, person);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The text of every text part of @object, one after the other. */
static void
append_text (GMimeObject *object, GString *out)
{
  if (GMIME_IS_MULTIPART (object))
    for (int i = 0; i < g_mime_multipart_get_count (GMIME_MULTIPART (object)); i++)
      append_text (g_mime_multipart_get_part (GMIME_MULTIPART (object), i), out);
  else if (GMIME_IS_TEXT_PART (object))
    {
      g_autofree char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (object));

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
}

/* The text and HTML of @person's message whose subject starts with
 * @subject. */
static char *
message_to (Fixture *f, gint64 person, const char *subject)
{
  g_autoptr (GPtrArray) paths = email_test_maildir_messages (f->maildir);
  g_autofree char *address = email_of (f, person);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr (GMimeMessage) message = email_test_parse_message (g_ptr_array_index (paths, i));
      InternetAddressList *to = g_mime_message_get_to (message);
      g_autofree char *rcpt = internet_address_list_to_string (to, NULL, FALSE);
      const char *s = g_mime_message_get_subject (message);

      if (strstr (rcpt, address) != NULL && s != NULL && g_str_has_prefix (s, subject))
        {
          GString *out = g_string_new (NULL);

          append_text (g_mime_message_get_mime_part (message), out);
          return g_string_free (out, FALSE);
        }
    }
  g_error ("no message “%s…” to %s among %u", subject, address, paths->len);
  return NULL;
}

/* Every address in @text: each href="…" and src="…" of the HTML (but a
 * contact's mailto:), and everything that looks like an absolute URL
 * ("scheme://…") in the text. */
static GPtrArray *
links_in (const char *text)
{
  g_autoptr (GRegex) attribute = g_regex_new ("(?:href|src)=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr (GRegex) absolute = g_regex_new ("[a-z][a-z0-9+.-]*://[^\\s\"'<>()\\]]+", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  GPtrArray *links = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (attribute, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *link = g_match_info_fetch (match, 1);

      /* A contact person's address is no link to a page. */
      if (g_str_has_prefix (link, "mailto:") && strchr (link, '/') == NULL)
        continue;
      g_ptr_array_add (links, g_steal_pointer (&link));
    }
  g_clear_pointer (&match, g_match_info_free);
  g_regex_match (absolute, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    g_ptr_array_add (links, g_match_info_fetch (match, 0));
  return links;
}

/* @link on the test server: server.base_url is where a proxy forwards. */
static const char *
path_of (const char *link)
{
  if (!g_str_has_prefix (link, BASE "/"))
    g_error ("the link %s does not start with server.base_url " BASE, link);
  return link + strlen (BASE);
}

/* The one sign-in link of a message (owned by @f). */
static const char *
personal_link (Fixture *f, const char *text)
{
  g_autoptr (GPtrArray) links = links_in (text);
  char *found = NULL;

  for (guint i = 0; i < links->len; i++)
    {
      const char *part = g_ptr_array_index (links, i);
      /* The same link may also lead to a part of the page (…#promises). */
      g_autofree char *link = g_strndup (part, strcspn (part, "#"));

      if (g_str_has_prefix (path_of (link), LINK_DIR))
        {
          if (found != NULL)
            g_assert_cmpstr (found, ==, link);
          else
            found = g_steal_pointer (&link);
        }
    }
  g_assert_nonnull (found);
  g_ptr_array_add (f->links, found);
  return found;
}

/* ---- the browser ---------------------------------------------------------- */

static const char *
header (HelderWebTestResponse *r, const char *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

static char *
set_cookie_named (HelderWebTestResponse *r, const char *name)
{
  SoupMessageHeadersIter iter;
  const char *h, *value;
  g_autofree char *prefix = g_strconcat (name, "=", NULL);

  soup_message_headers_iter_init (&iter, r->headers);
  while (soup_message_headers_iter_next (&iter, &h, &value))
    if (g_ascii_strcasecmp (h, "Set-Cookie") == 0 && g_str_has_prefix (value, prefix))
      return g_strdup (value);
  return NULL;
}

static HelderWebTestResponse *
get (Fixture *f, const char *path, const char *cookie)
{
  return helder_web_test_request (f->web, "GET", path, NULL, NULL, NULL, NULL, 0,
                                  cookie ? "Cookie" : NULL, cookie, NULL);
}

/* Opens a sign-in link of a message as a browser does: the page, its
 * pre-session cookie and the form's token. */
static void
open_link (Fixture *f, const char *link, char **code, char **cookie, char **csrf)
{
  g_autoptr (HelderWebTestResponse) page = get (f, path_of (link), NULL);
  g_autofree char *set_cookie = NULL;
  const char *field, *end;

  if (page->status != 200)
    g_error ("GET %s: %u %s", path_of (link), page->status, page->text);
  *code = g_strdup (path_of (link) + strlen (LINK_DIR));
  g_assert_nonnull (strstr (page->text, *code));
  set_cookie = set_cookie_named (page, "helder_link");
  g_assert_nonnull (set_cookie);
  g_assert_nonnull (strstr (set_cookie, "Path=/s;"));
  g_assert_nonnull (strstr (set_cookie, "HttpOnly"));
  g_assert_nonnull (strstr (set_cookie, "SameSite=Strict"));
  *cookie = g_strndup (set_cookie, strcspn (set_cookie, ";"));
  field = strstr (page->text, "name=\"csrf\" value=\"");
  g_assert_nonnull (field);
  field += strlen ("name=\"csrf\" value=\"");
  end = strchr (field, '"');
  *csrf = g_strndup (field, end - field);
  g_assert_true (g_str_has_suffix (*cookie, *csrf));
}

static HelderWebTestResponse *
post (Fixture *f, const char *cookie, const char *form)
{
  return helder_web_test_request (f->web, "POST", "/s", NULL, NULL,
                                  "application/x-www-form-urlencoded", form, -1, "Sec-Fetch-Site",
                                  "same-origin", cookie ? "Cookie" : NULL, cookie, NULL);
}

/* Presses the button of @link; returns the session cookie it set. */
static char *
sign_in (Fixture *f, const char *link)
{
  g_autofree char *code = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;
  g_autofree char *session = NULL;
  g_autoptr (HelderWebTestResponse) r = NULL;

  open_link (f, link, &code, &cookie, &csrf);
  form = g_strdup_printf ("code=%s&csrf=%s", code, csrf);
  r = post (f, cookie, form);
  if (r->status != 303)
    g_error ("POST /s: %u %s", r->status, r->text);
  g_assert_cmpstr (header (r, "Location"), ==, "/me");
  session = set_cookie_named (r, "helder_session");
  g_assert_nonnull (session);
  g_assert_true (g_str_has_prefix (session, "helder_session=hls_"));
  g_assert_nonnull (strstr (session, "HttpOnly"));
  return g_strndup (session, strcspn (session, ";"));
}

static void
assert_signed_in_as (Fixture *f, const char *session, HelderWebTestUser *user)
{
  g_autoptr (HelderWebTestResponse) me = get (f, "/me", session);
  g_autoptr (HelderWebTestResponse) dashboard = get (f, "/dashboard", session);

  g_assert_cmpuint (me->status, ==, 200);
  if (strstr (me->text, user->name) == NULL)
    g_error ("%s not on /me:\n%s", user->name, me->text);
  /* An employee's session: never more. */
  g_assert_cmpuint (dashboard->status, ==, 403);
}

/* ---- the tests ------------------------------------------------------------ */

/* Every link of the moment's message and of the digest starts with
 * server.base_url; opening each without cookies (a link scanner) changes
 * nothing, signs nobody in and answers no-store without a referrer. */
static void
test_links_scanned (Fixture *f, gconstpointer data)
{
  g_autofree char *moment = message_to (f, f->web->employee.person, "Nieuwe werkplekken");
  g_autofree char *digest = message_to (f, f->web->employee.person, "Your transition in week");
  g_autoptr (GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  const char *link_moment = personal_link (f, moment);
  const char *link_digest = personal_link (f, digest);

  g_ptr_array_extend_and_steal (links, links_in (moment));
  g_ptr_array_extend_and_steal (links, links_in (digest));
  g_assert_cmpuint (links->len, >=, 4);
  /* Each message its own link. */
  g_assert_cmpstr (link_moment, !=, link_digest);

  for (guint i = 0; i < links->len; i++)
    {
      const char *link = g_ptr_array_index (links, i);
      g_autoptr (HelderWebTestResponse) r = get (f, path_of (link), NULL);

      g_test_message ("GET %s → %u", path_of (link), r->status);
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (header (r, "Cache-Control"), ==, "no-store");
      g_assert_cmpstr (header (r, "Referrer-Policy"), ==, "no-referrer");
      g_assert_null (header (r, "Location"));
      g_assert_null (set_cookie_named (r, "helder_session"));
      g_assert_nonnull (strstr (r->text, "method=\"post\" action=\"/s\""));
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

/* Pressing the button lands on the person's own page, signed in; the
 * sign-in is audited; the same link works again (a second device) until
 * it is used up. */
static void
test_sign_in (Fixture *f, gconstpointer data)
{
  g_autofree char *moment = message_to (f, f->web->employee.person, "Nieuwe werkplekken");
  g_autofree char *digest = message_to (f, f->web->employee.person, "Your transition in week");
  const char *link = personal_link (f, moment);
  g_autofree char *session = sign_in (f, link);
  g_autofree char *laptop = NULL;
  g_autofree char *from_digest = NULL;
  g_autofree char *code = NULL, *cookie = NULL, *csrf = NULL, *form = NULL;
  g_autoptr (HelderWebTestResponse) used_up = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;

  assert_signed_in_as (f, session, &f->web->employee);
  /* Signed in already: the link still shows its button, it does not
   * redirect or sign in on a GET. */
  {
    g_autoptr (HelderWebTestResponse) again = get (f, path_of (link), session);

    g_assert_cmpuint (again->status, ==, 200);
    g_assert_null (header (again, "Location"));
    g_assert_nonnull (strstr (again->text, "method=\"post\" action=\"/s\""));
    g_assert_null (set_cookie_named (again, "helder_session"));
  }
  g_assert_cmpint (scalar (f, "SELECT count (*) FROM audit_entry WHERE action = 'login'"
                              " AND detail = 'employee (message link)'"),
                   ==, 1);

  /* The phone, then the laptop. */
  laptop = sign_in (f, link);
  assert_signed_in_as (f, laptop, &f->web->employee);
  from_digest = sign_in (f, personal_link (f, digest));
  assert_signed_in_as (f, from_digest, &f->web->employee);

  /* Bounded: five sign-ins, then the way to a new link. */
  for (int i = 2; i < 5; i++)
    g_free (sign_in (f, link));
  page = get (f, path_of (link), NULL);
  g_assert_cmpuint (page->status, ==, 404);
  g_assert_nonnull (strstr (page->text, "href=\"/login/request\""));
  open_link (f, personal_link (f, digest), &code, &cookie, &csrf);
  form = g_strdup_printf ("code=%s&csrf=%s", path_of (link) + strlen (LINK_DIR), csrf);
  used_up = post (f, cookie, form);
  g_assert_cmpuint (used_up->status, ==, 401);
  g_assert_nonnull (strstr (used_up->text, "href=\"/login/request\""));
}

/* A link signs in only the person it was written for, and only as an
 * employee, also when that person is the advisor. */
static void
test_own_person_only (Fixture *f, gconstpointer data)
{
  g_autofree char *mine = message_to (f, f->web->employee.person, "Nieuwe werkplekken");
  g_autofree char *theirs = message_to (f, f->web->employee2.person, "Nieuwe werkplekken");
  g_autofree char *advisors = message_to (f, f->web->advisor.person, "Nieuwe werkplekken");
  const char *link_theirs = personal_link (f, theirs);
  g_autofree char *session = NULL;
  g_autoptr (HelderWebTestResponse) me = NULL;

  g_assert_cmpstr (personal_link (f, mine), !=, link_theirs);
  /* The link of employee 2 signs in employee 2, nobody else. */
  session = sign_in (f, link_theirs);
  me = get (f, "/api/v1/me", session);
  g_assert_cmpuint (me->status, ==, 200);
  {
    g_autoptr (JsonNode) node = helder_web_test_json (me);
    JsonObject *person = json_object_get_object_member (json_node_get_object (node), "person");

    g_assert_cmpint (json_object_get_int_member (person, "id"), ==, f->web->employee2.person);
  }
  g_free (session);

  session = sign_in (f, personal_link (f, advisors));
  assert_signed_in_as (f, session, &f->web->advisor);
  g_assert_cmpint (scalar (f, "SELECT count (*) FROM access_token WHERE kind = 'session'"
                              " AND parent IS NULL AND role != 'employee'"),
                   ==, 0);
}

/* An expired link, or one of a person whose access was revoked, is
 * refused with the way to a new one; revoking also ends the sessions the
 * links opened. Links live session.message_link_days (14) days. */
static void
test_expired_and_revoked (Fixture *f, gconstpointer data)
{
  g_autofree char *moment = message_to (f, f->web->employee.person, "Nieuwe werkplekken");
  g_autofree char *digest = message_to (f, f->web->employee.person, "Your transition in week");
  g_autofree char *other = message_to (f, f->web->employee2.person, "Nieuwe werkplekken");
  const char *link = personal_link (f, moment);
  g_autofree char *session = sign_in (f, personal_link (f, other));
  g_autofree char *code = NULL, *cookie = NULL, *csrf = NULL, *form = NULL;
  g_autoptr (HelderWebTestResponse) expired = NULL;
  g_autoptr (HelderWebTestResponse) revoked = NULL;
  g_autoptr (HelderWebTestResponse) ended = NULL;
  g_autoptr (HelderWebTestResponse) refused = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (scalar (f, "SELECT count (*) FROM message_link WHERE julianday (expires_at) -"
                              " julianday (created_at) != 14"),
                   ==, 0);

  /* The moment's link has run out (as 14 days later); the digest's has not. */
  open_link (f, personal_link (f, digest), &code, &cookie, &csrf);
  sql = g_strdup_printf ("UPDATE message_link SET expires_at = created_at"
                         " WHERE delivery = (SELECT id FROM delivery WHERE source = 'moment:%d'"
                         " AND person = %" G_GINT64_FORMAT ")",
                         MOMENT, f->web->employee.person);
  exec (f, sql);
  expired = get (f, path_of (link), NULL);
  g_assert_cmpuint (expired->status, ==, 404);
  g_assert_nonnull (strstr (expired->text, "has expired"));
  g_assert_nonnull (strstr (expired->text, "href=\"/login/request\""));
  g_assert_null (set_cookie_named (expired, "helder_link"));
  form = g_strdup_printf ("code=%s&csrf=%s", path_of (link) + strlen (LINK_DIR), csrf);
  refused = post (f, cookie, form);
  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_null (set_cookie_named (refused, "helder_session"));

  /* Revoking employee 2's access ends their link and its session (two
   * revoked: their API token and that session). */
  g_assert_cmpint (helder_access_revoke (f->web->store, 0, f->web->employee2.person, &error), ==,
                   2);
  g_assert_no_error (error);
  revoked = get (f, path_of (personal_link (f, other)), NULL);
  g_assert_cmpuint (revoked->status, ==, 404);
  ended = get (f, "/me", session);
  g_assert_cmpuint (ended->status, ==, 401);
}

/* A person's export lists their message links (never a secret); erasing
 * the person deletes them, and their links no longer open anything. */
static void
test_export_and_erase (Fixture *f, gconstpointer data)
{
  g_autofree char *moment = message_to (f, f->web->employee.person, "Nieuwe werkplekken");
  const char *link = personal_link (f, moment);
  g_autoptr (JsonObject) export = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autofree char *count = g_strdup_printf (
    "SELECT count (*) FROM message_link WHERE person = %" G_GINT64_FORMAT, f->web->employee.person);
  HelderAuditActor actor = { f->web->advisor.person, f->web->advisor.name, "advisor" };
  gboolean erased;

  export = helder_person_data_export (f->web->store, f->web->employee.person, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (export, "message_links")),
                    ==, scalar (f, count));
  g_assert_cmpint (scalar (f, count), >=, 2);
  /* At some pinned hours a demo moment went to their desktop too: as if
   * their notifier had shown it, so that nothing is on its way. */
  exec (f, "UPDATE delivery SET status = 'sent', sent_at = updated_at WHERE status = 'offered'");
  erased = helder_person_data_erase (f->web->store, f->web->employee.person, NULL, &actor, &error);
  g_assert_no_error (error);
  g_assert_true (erased);
  g_assert_cmpint (scalar (f, count), ==, 0);
  page = get (f, path_of (link), NULL);
  g_assert_cmpuint (page->status, ==, 404);
}

/* Bad input: clear answers, nothing written. */
static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *moment = message_to (f, f->web->employee.person, "Nieuwe werkplekken");
  const char *link = personal_link (f, moment);
  g_autofree char *code = NULL, *cookie = NULL, *csrf = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *long_path = g_strnfill (300, 'A');
  g_autofree char *over_long = g_strconcat ("/s/", long_path, NULL);
  g_autofree char *form = NULL;
  g_autofree char *no_csrf = NULL;
  g_autofree char *wrong_code = NULL;
  struct
  {
    const char *method, *path, *form;
    gboolean with_cookie;
    guint status;
    const char *says;
  } cases[] = {
    { "GET", "/s/not%20a%20code", NULL, FALSE, 400, "code: this is not the code" },
    { "GET", "/s/%3Cscript%3E", NULL, FALSE, 400, "code: this is not the code" },
    { "GET", over_long, NULL, FALSE, 400, "at most 256" },
    { "GET", "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, FALSE, 404, "unknown" },
    { "GET", "/s/", NULL, FALSE, 404, NULL },
    { "POST", "/s", NULL, FALSE, 403, "csrf:" },
    { "POST", "/s", NULL, TRUE, 403, "csrf:" },
    { "POST", "/s", NULL, TRUE, 400, "code: the code of the sign-in link is missing" },
    { "POST", "/s", NULL, TRUE, 400, "code: the code of the sign-in link is missing" },
    { "POST", "/s", NULL, TRUE, 401, "unknown" },
  };

  open_link (f, link, &code, &cookie, &csrf);
  form = g_strdup_printf ("code=%s&csrf=%s", code, csrf);
  no_csrf = g_strdup_printf ("code=%s", code);
  wrong_code =
    g_strdup_printf ("code=%s&csrf=%s", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", csrf);
  cases[5].form = form;    /* no pre-session cookie */
  cases[6].form = no_csrf; /* no form token */
  cases[7].form = g_strdup_printf ("csrf=%s", csrf);
  cases[8].form = g_strdup_printf ("code=%%21%%21&csrf=%s", csrf);
  cases[9].form = wrong_code;

  before = helder_test_fingerprint (f->web->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HelderWebTestResponse) r =
        g_str_equal (cases[i].method, "GET")
          ? get (f, cases[i].path, NULL)
          : post (f, cases[i].with_cookie ? cookie : NULL, cases[i].form);

      g_test_message ("%s %s %s → %u", cases[i].method, cases[i].path,
                      cases[i].form ? cases[i].form : "", r->status);
      g_assert_cmpuint (r->status, ==, cases[i].status);
      if (cases[i].says != NULL && strstr (r->text, cases[i].says) == NULL)
        g_error ("case %u: “%s” not in:\n%s", i, cases[i].says, r->text);
      g_assert_null (set_cookie_named (r, "helder_session"));
    }
  g_free ((char *) cases[7].form);
  g_free ((char *) cases[8].form);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char **argv)
{
  g_mime_init ();
  helder_test_init (&argc, &argv);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, setup, fn, teardown)
  ADD ("/email-links/scanned", test_links_scanned);
  ADD ("/email-links/sign-in", test_sign_in);
  ADD ("/email-links/own-person-only", test_own_person_only);
  ADD ("/email-links/expired-and-revoked", test_expired_and_revoked);
  ADD ("/email-links/export-and-erase", test_export_and_erase);
  ADD ("/email-links/bad-input", test_bad_input);
  return g_test_run ();
}
