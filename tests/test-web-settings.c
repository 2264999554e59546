/* test-web-settings.c — the advisor's settings page over HTTP: every
 * registered setting (core's and the e-mail plugin's) is shown; a change
 * goes through the setting's own check, bad values are refused one by one
 * naming the setting with nothing changed, good ones are stored in one go
 * and audited; secrets are never shown; CSRF and who may use the page.
 * Against a real server on loopback and the demo programme.
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"
#include "model/helder-entity.h"
#include "services/access/helder-config.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  HelderWebTest *web;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start_in_english ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

static HelderWebTestResponse *
post (Fixture *f, const char *form)
{
  return helder_web_test_post_form (f->web, "/settings", &f->web->advisor, form);
}

static char *
stored (Fixture *f, const char *name)
{
  g_autoptr (GError) error = NULL;
  char *value = helder_config_get (f->web->store, name, &error);

  g_assert_no_error (error);
  return value;
}

static gint64
audited (Fixture *f, const char *name)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->web->store,
    "SELECT count(*) FROM audit_entry WHERE action = 'update' AND entity = 'setting'"
    " AND record = ?1 AND actor = ?2",
    NULL);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, f->web->advisor.person);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Every setting the server's context registers, as `helder serve` loads it. */
static void
test_shows_every_setting (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderContext) context = helder_context_new (f->web->db_path);
  g_autoptr (GPtrArray) settings = NULL;
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (HelderWebTestResponse) dashboard = helder_web_test_browse (f->web, "/dashboard");

  helder_engine_load_all (helder_context_get_engine (context));
  settings = helder_context_list_settings (context);
  g_assert_nonnull (helder_context_lookup_setting (context, "email.from"));
  g_assert_true (helder_config_set (f->web->store, "smtp.password", "geheim-wachtwoord", NULL));
  page = helder_web_test_browse (f->web, "/settings");
  g_assert_cmpuint (page->status, ==, 200);
  for (guint i = 0; i < settings->len; i++)
    {
      const HelderSetting *setting = g_ptr_array_index (settings, i);
      g_autofree char *field = g_strdup_printf ("name=\"%s\"", setting->name);

      helder_web_test_assert_contains (page, field);
    }
  /* With its meaning and default. */
  helder_web_test_assert_contains (page, "Minutes a due moment may be late and still go out");
  helder_web_test_assert_contains (page, "Default: <code>120</code>");
  helder_web_test_assert_contains (page, "Sender of the e-mail messages");
  /* A secret is never sent to the browser. */
  helder_web_test_assert_lacks (page, "geheim-wachtwoord");
  helder_web_test_assert_contains (page, "type=\"password\"");
  helder_web_test_assert_contains (page, "A value is stored; it is not shown.");
  helder_web_test_assert_contains (dashboard, "href=\"/settings\"");
}

static void
test_change (Fixture *f, gconstpointer data)
{
  const char *form = "server.base_url=https%3A%2F%2Fhelder.gemeente.nl"
                     "&email.from=Programma+Wolk+%3Cwolk%40gemeente.nl%3E"
                     "&digest.weekday=5&digest.hour=16&delivery.grace_minutes=30"
                     "&delivery.workers=4&smtp.password=";
  g_autoptr (HelderWebTestResponse) r = post (f, form);
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *from = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *hour = NULL;
  g_autofree char *grace = NULL;
  g_autofree char *workers = NULL;
  g_autofree char *password = NULL;

  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Location"), ==,
                   "/settings?done=saved");
  base_url = stored (f, "server.base_url");
  from = stored (f, "email.from");
  weekday = stored (f, "digest.weekday");
  hour = stored (f, "digest.hour");
  grace = stored (f, "delivery.grace_minutes");
  workers = stored (f, "delivery.workers");
  password = stored (f, "smtp.password");
  g_assert_cmpstr (base_url, ==, "https://helder.gemeente.nl");
  g_assert_cmpstr (from, ==, "Programma Wolk <wolk@gemeente.nl>");
  g_assert_cmpstr (weekday, ==, "5");
  g_assert_cmpstr (hour, ==, "16");
  g_assert_cmpstr (grace, ==, "30");
  /* The same as the default: nothing stored, nothing audited. */
  g_assert_null (workers);
  g_assert_null (password);
  g_assert_cmpint (audited (f, "server.base_url"), ==, 1);
  g_assert_cmpint (audited (f, "email.from"), ==, 1);
  g_assert_cmpint (audited (f, "digest.weekday"), ==, 1);
  g_assert_cmpint (audited (f, "digest.hour"), ==, 1);
  g_assert_cmpint (audited (f, "delivery.grace_minutes"), ==, 1);
  g_assert_cmpint (audited (f, "delivery.workers"), ==, 0);

  page = helder_web_test_browse (f->web, "/settings?done=saved");
  helder_web_test_assert_contains (page, "The settings are saved.");
  helder_web_test_assert_contains (page, "value=\"https://helder.gemeente.nl\"");

  /* Emptied: back to the default. */
  {
    g_autoptr (HelderWebTestResponse) back = post (f, "delivery.grace_minutes=");
    g_autofree char *after = stored (f, "delivery.grace_minutes");

    g_assert_cmpuint (back->status, ==, 303);
    g_assert_null (after);
    g_assert_cmpint (audited (f, "delivery.grace_minutes"), ==, 2);
  }
  /* The same values again change nothing. */
  {
    g_autofree char *before = helder_test_fingerprint (f->web->store);
    g_autofree char *after = NULL;
    g_autoptr (HelderWebTestResponse) same = post (f, "digest.hour=16&digest.weekday=5");

    g_assert_cmpuint (same->status, ==, 303);
    g_assert_cmpstr (soup_message_headers_get_one (same->headers, "Location"), ==,
                     "/settings?done=unchanged");
    after = helder_test_fingerprint (f->web->store);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_secret (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) r = post (f, "smtp.password=nieuw-geheim");
  g_autofree char *password = stored (f, "smtp.password");
  g_autoptr (HelderStmt) stmt = NULL;

  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (password, ==, "nieuw-geheim");
  stmt = helder_store_prepare (
    f->web->store, "SELECT detail FROM audit_entry WHERE record = 'smtp.password'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "********");
  {
    g_autoptr (HelderWebTestResponse) kept = post (f, "smtp.password=");
    g_autofree char *after = stored (f, "smtp.password");

    g_assert_cmpuint (kept->status, ==, 303);
    g_assert_cmpstr (after, ==, "nieuw-geheim");
  }
}

/* Each bad value on its own: 400, the setting named next to its field and
 * in the summary, what was typed kept, nothing changed. */
static void
test_bad_values (Fixture *f, gconstpointer data)
{
  struct
  {
    const char *form;
    const char *name;
    const char *says;
  } cases[] = {
    { "server.base_url=ftp%3A%2F%2Fhelder", "server.base_url", "ftp://helder" },
    { "server.base_url=https%3A%2F%2F", "server.base_url", "https://" },
    { "email.from=geen+adres", "email.from", "geen adres" },
    { "digest.weekday=0", "digest.weekday", "“0” is not a whole number from 1 to 7" },
    { "digest.weekday=maandag", "digest.weekday", "maandag" },
    { "digest.hour=24", "digest.hour", "“24” is not a whole number from 0 to 23" },
    { "digest.hour=-1", "digest.hour", "-1" },
    { "delivery.grace_minutes=0", "delivery.grace_minutes", "from 1 to 10080" },
    { "delivery.grace_minutes=10081", "delivery.grace_minutes", "10081" },
  };
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *form = g_strdup_printf ("%s&meeting.invite_days=10", cases[i].form);
      g_autoptr (HelderWebTestResponse) r = post (f, form);
      g_autofree char *named = g_strdup_printf ("setting “%s”: ", cases[i].name);
      g_autofree char *id = g_strdup (cases[i].name);
      g_autofree char *error_id = NULL;

      g_strdelimit (id, ".", '-');
      error_id = g_strdup_printf ("id=\"setting-%s-error\"", id);
      if (r->status != 400)
        {
          g_printerr ("%s\n", r->text);
          g_error ("%s: expected 400, got %u", cases[i].form, r->status);
        }
      helder_web_test_assert_contains (r, named);
      helder_web_test_assert_contains (r, cases[i].says);
      helder_web_test_assert_contains (r, error_id);
      helder_web_test_assert_contains (r, "Nothing was saved.");
      helder_web_test_assert_contains (r, "aria-invalid=\"true\"");
    }
  /* Several at once: each named. */
  {
    g_autoptr (HelderWebTestResponse) r = post (f, "digest.hour=99&digest.weekday=9");

    g_assert_cmpuint (r->status, ==, 400);
    helder_web_test_assert_contains (r, "href=\"#setting-digest-weekday\"");
    helder_web_test_assert_contains (r, "href=\"#setting-digest-hour\"");
    /* What was typed is kept. */
    helder_web_test_assert_contains (r, "value=\"99\"");
  }
  /* Bytes that are no text: refused by the form reader before any setting. */
  {
    g_autoptr (HelderWebTestResponse) r = post (f, "delivery.grace_minutes=%FF");

    g_assert_cmpuint (r->status, ==, 400);
    helder_web_test_assert_contains (r, "not valid UTF-8");
  }
  /* A field that is no setting. */
  {
    g_autoptr (HelderWebTestResponse) r = post (f, "digest.hour=9&bestaat.niet=1");

    g_assert_cmpuint (r->status, ==, 400);
    helder_web_test_assert_contains (r, "“bestaat.niet” is not a setting");
  }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_csrf_and_roles (Fixture *f, gconstpointer data)
{
  const char *form = "digest.hour=9";
  g_autofree char *wrong = g_strdup_printf ("%s&csrf=not-the-token", form);
  g_autofree char *right = g_strdup_printf ("%s&csrf=%s", form, f->web->advisor.csrf);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  HelderWebTestUser *others[] = { &f->web->hr, &f->web->employee };
  g_autoptr (HelderWebTestResponse) missing =
    helder_web_test_request (f->web, "POST", "/settings", &f->web->advisor, "cookie",
                             "application/x-www-form-urlencoded", form, -1, NULL);
  g_autoptr (HelderWebTestResponse) bad = post (f, wrong);
  g_autoptr (HelderWebTestResponse) cross = helder_web_test_request (
    f->web, "POST", "/settings", &f->web->advisor, "cookie", "application/x-www-form-urlencoded",
    right, -1, "Sec-Fetch-Site", "cross-site", NULL);
  g_autoptr (HelderWebTestResponse) bearer =
    helder_web_test_request (f->web, "POST", "/settings", &f->web->advisor, "bearer",
                             "application/x-www-form-urlencoded", right, -1, NULL);
  g_autoptr (HelderWebTestResponse) anonymous = helder_web_test_get (f->web, "/settings", NULL);

  g_assert_cmpuint (missing->status, ==, 403);
  g_assert_cmpuint (bad->status, ==, 403);
  g_assert_cmpuint (cross->status, ==, 403);
  g_assert_cmpuint (bearer->status, ==, 403);
  g_assert_cmpuint (anonymous->status, ==, 401);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr (HelderWebTestResponse) page = helder_web_test_request (
        f->web, "GET", "/settings", others[i], "cookie", NULL, NULL, 0, NULL);
      g_autoptr (HelderWebTestResponse) change =
        helder_web_test_post_form (f->web, "/settings", others[i], form);

      g_assert_cmpuint (page->status, ==, 403);
      g_assert_cmpuint (change->status, ==, 403);
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_dutch (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) page = NULL;
  g_autoptr (HelderWebTestResponse) bad = NULL;

  helder_web_test_set_locale (f->web, f->web->advisor.person, "nl");
  page = helder_web_test_browse (f->web, "/settings");
  bad = post (f, "digest.hour=24");
  g_assert_cmpuint (page->status, ==, 200);
  helder_web_test_assert_contains (page, "<h1>Instellingen</h1>");
  helder_web_test_assert_contains (page, "Instellingen opslaan");
  helder_web_test_assert_contains (page, "Wekelijks overzicht");
  g_assert_cmpuint (bad->status, ==, 400);
  helder_web_test_assert_contains (bad, "Er is niets opgeslagen.");
  helder_web_test_assert_contains (bad, "instelling “digest.hour”");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/web-settings/shows-every-setting", test_shows_every_setting);
  ADD ("/web-settings/change", test_change);
  ADD ("/web-settings/secret", test_secret);
  ADD ("/web-settings/bad-values", test_bad_values);
  ADD ("/web-settings/csrf-and-roles", test_csrf_and_roles);
  ADD ("/web-settings/dutch", test_dutch);
#undef ADD

  return g_test_run ();
}
