/* test-web-notifications.c — /api/v1/me/notifications for the desktop notifier
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "model/helder-channel-names.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-outbox.h"
#include "web/helder-web-server.h"

/* A desktop row for @person, offered as the desktop channel leaves it. */
static gint64
offer (HelderStore *store, gint64 person, const char *source, const char *subject)
{
  static const HelderOutboxPolicy policy = { 8, 60, 300 };
  const char *desktop[] = { "desktop", NULL };
  g_autofree char *now = helder_clock_now_utc ();
  HelderOutboxMessage m = {
    source,
    person,
    "desktop",
    subject,
    "De **werkplekken** worden vervangen.\n\n---\n\n[Je pagina](<http://x/me>)",
    "nl",
    "http://x/me",
    NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) rows = NULL;
  HelderOutboxResult result = { 0 };
  gboolean inserted;

  g_assert_true (helder_store_begin (store, &error));
  g_assert_true (helder_outbox_queue (store, &m, now, &inserted, &error));
  g_assert_true (helder_store_commit (store, &error));
  rows = helder_outbox_claim (store, desktop, 1, &policy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  result.id = json_object_get_int_member (json_array_get_object_element (rows, 0), "id");
  result.outcome = HELDER_OUTBOX_OFFERED;
  g_assert_true (helder_outbox_record (store, &result, 1, &policy, &error));
  return result.id;
}

/* The item's link signs in @person, as an employee, from a browser
 * without a session. */
static void
assert_link_signs_in (HelderWebTest *web, const char *link, gint64 person)
{
  g_autofree char *session = NULL;
  g_autoptr (HelderWebTestResponse) me = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *who;

  g_assert_true (g_str_has_prefix (link, "http://x/s/"));
  session = helder_web_test_message_sign_in (web, link + strlen ("http://x"));
  me = helder_web_test_request (web, "GET", "/api/v1/me", NULL, NULL, NULL, NULL, 0, "Cookie",
                                session, NULL);
  g_assert_cmpuint (me->status, ==, 200);
  node = helder_web_test_json (me);
  who = json_object_get_object_member (json_node_get_object (node), "person");
  g_assert_cmpint (json_object_get_int_member (who, "id"), ==, person);
}

static JsonArray *
items (HelderWebTest *web, HelderWebTestUser *user)
{
  g_autoptr (HelderWebTestResponse) r = helder_web_test_get (web, "/api/v1/me/notifications", user);
  g_autoptr (JsonNode) node = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  node = helder_web_test_json (r);
  return json_array_ref (json_object_get_array_member (json_node_get_object (node), "items"));
}

static void
test_notifications (void)
{
  HelderWebTest *web = helder_web_test_start ();
  gint64 mine, other;
  g_autoptr (JsonArray) list = NULL;
  g_autoptr (JsonArray) theirs = NULL;
  g_autoptr (JsonArray) after = NULL;
  JsonObject *item;
  g_autofree char *ack = NULL;
  g_autofree char *ack_other = NULL;
  g_autofree char *before = NULL;
  g_autofree char *unchanged = NULL;

  mine = offer (web->store, web->employee.person, "moment:900", "Nieuwe werkplekken");
  other = offer (web->store, web->employee2.person, "moment:900", "Nieuwe werkplekken");

  list = items (web, &web->employee);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  item = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (item, "id"), ==, mine);
  g_assert_cmpstr (json_object_get_string_member (item, "subject"), ==, "Nieuwe werkplekken");
  g_assert_cmpstr (json_object_get_string_member (item, "text"), ==,
                   "De werkplekken worden vervangen.\nJe pagina");
  /* The link signs the person in from the browser the notification opens
   * (the outbox keeps the plain link; each fetch carries a new one). */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "link"), "http://x/s/"));
  g_assert_nonnull (strstr (json_object_get_string_member (item, "body"),
                            json_object_get_string_member (item, "link")));
  assert_link_signs_in (web, json_object_get_string_member (item, "link"), web->employee.person);
  theirs = items (web, &web->employee2);
  g_assert_cmpuint (json_array_get_length (theirs), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (theirs, 0), "id"), ==,
                   other);

  /* Anonymous callers get nothing. */
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_get (web, "/api/v1/me/notifications", NULL);
    g_assert_cmpuint (r->status, ==, 401);
  }

  /* Bad acknowledgements: clear errors, nothing changes. */
  before = helder_test_fingerprint (web->store);
  ack_other = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT "}", other);
  {
    const struct
    {
      const char *body;
      guint status;
      const char *field;
    } bad[] = {
      { "{}", 400, "id" },
      { "{\"id\": \"12\"}", 400, "id" },
      { "{\"id\": 0}", 400, "id" },
      { "{\"id\": 1.5}", 400, "id" },
      { "{\"id\": 12, \"more\": true}", 400, "id" },
      { "[1]", 400, NULL },
      { "{\"id\": ", 400, NULL },
      { "{\"id\": 999999}", 404, NULL },
      { ack_other, 404, NULL }, /* someone else's */
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
          web, "POST", "/api/v1/me/notifications/ack", &web->employee, bad[i].body);

        g_test_message ("body %s → %u", bad[i].body, r->status);
        helder_web_test_assert_error (r, bad[i].status, bad[i].field, NULL);
      }
  }
  unchanged = helder_test_fingerprint (web->store);
  g_assert_cmpstr (before, ==, unchanged);

  ack = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT "}", mine);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
        web, "POST", "/api/v1/me/notifications/ack", &web->employee, ack);
      g_autoptr (JsonNode) node = NULL;

      g_assert_cmpuint (r->status, ==, 200);
      node = helder_web_test_json (r);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==,
                       "sent");
    }
  after = items (web, &web->employee);
  g_assert_cmpuint (json_array_get_length (after), ==, 0);

  helder_web_test_stop (web);
}

static char *
extra_section (HelderStore *store,
               gint64 person,
               const char *today,
               gpointer user_data,
               GError **error)
{
  /* Only for the employee: a section may have nothing to say to others. */
  if (person != GPOINTER_TO_INT (user_data))
    return NULL;
  return g_strdup ("## Open survey for you\n\nTell us *how it goes*. <script>alert(1)</script>\n");
}

/* What addins add to the digest is on the personal page too (DESIGN §4). */
static void
test_addin_sections (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (GPtrArray) sections = g_ptr_array_new ();
  HelderDigestSection section = { "survey", extra_section, NULL };
  g_autoptr (HelderWebTestResponse) mine = NULL;
  g_autoptr (HelderWebTestResponse) theirs = NULL;

  section.user_data = GINT_TO_POINTER ((int) web->employee.person);
  g_ptr_array_add (sections, &section);
  helder_web_server_set_sections (web->server, sections);

  mine = helder_web_test_get (web, "/me", &web->employee);
  g_assert_cmpuint (mine->status, ==, 200);
  g_assert_nonnull (strstr (mine->text, "<h2>Open survey for you</h2>"));
  g_assert_nonnull (strstr (mine->text, "<em>how it goes</em>"));
  g_assert_null (strstr (mine->text, "<script>alert"));
  theirs = helder_web_test_get (web, "/me", &web->employee2);
  g_assert_null (strstr (theirs->text, "Open survey for you"));

  helder_web_server_set_sections (web->server, NULL);
  helder_web_test_stop (web);
}

/* `helder serve` composes messages in its delivery thread while the web
 * thread answers requests: each holds its language while it works, so
 * neither gets words of the other's language. */
static gint stop_composing;
static gint wrong_words;

static gpointer
compose_dutch (gpointer data)
{
  while (!g_atomic_int_get (&stop_composing))
    {
      g_autofree char *footer = NULL;

      helder_language_begin ("nl");
      g_usleep (300); /* a request in English may come in meanwhile */
      footer = helder_digest_footer ("http://x/me", FALSE);
      helder_language_end ();
      if (strstr (footer, "Je krijgt dit bericht") == NULL)
        g_atomic_int_inc (&wrong_words);
    }
  return NULL;
}

static void
test_language_lock (void)
{
  HelderWebTest *web = helder_web_test_start ();
  GThread *thread = g_thread_new ("compose", compose_dutch, NULL);

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr (HelderWebTestResponse) english = helder_web_test_request (
        web, "GET", "/", NULL, NULL, NULL, NULL, 0, "Accept-Language", "en", NULL);

      g_assert_nonnull (strstr (english->text, "Welcome to Helder"));
    }
  g_atomic_int_set (&stop_composing, 1);
  g_thread_join (thread);
  g_assert_cmpint (g_atomic_int_get (&wrong_words), ==, 0);
  helder_web_test_stop (web);
}

static void
assert_in (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

static void
assert_not_in (const char *text, const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” in:\n%s", part, text);
}

/* With the desktop plugin loaded, its routes are in the API document and
 * the moment form offers its channel, labelled by the plugin. */
static void
test_desktop_loaded (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autoptr (HelderWebTestResponse) form = helder_web_test_request (
    web, "GET", "/moments/new", &web->advisor, "cookie", NULL, NULL, 0, NULL);
  g_autoptr (HelderWebTestResponse) doc = helder_web_test_get (web, "/api/v1/openapi.json", NULL);

  g_assert_cmpuint (form->status, ==, 200);
  assert_in (form->text, "id=\"channel-email\" name=\"channels\" value=\"email\" checked");
  /* The advisor of the test reads English. */
  assert_in (form->text, "<label for=\"channel-email\">e-mail</label>");
  assert_in (form->text, "<label for=\"channel-desktop\">desktop notification</label>");
  assert_in (form->text, "<label for=\"channel-meeting\">meeting</label>");
  g_assert_cmpuint (doc->status, ==, 200);
  assert_in (doc->text, "\"/api/v1/me/notifications\"");
  assert_in (doc->text, "\"/api/v1/me/notifications/ack\"");
  helder_web_test_stop (web);
}

/* HELDER_DISABLED_PLUGINS=desktop: the notifier's routes answer 404, the
 * forms offer no desktop channel, a desktop channel is refused naming the
 * field and the value, rows that name it stay readable, and everything
 * else works (the demo loads, e-mail and meetings are offered). */
static void
test_desktop_disabled (void)
{
  HelderWebTest *web;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *patch = NULL;

  /* The engine leaves the plugin out, and so its channel. */
  helder_channel_names_remove ("desktop");
  g_setenv ("HELDER_DISABLED_PLUGINS", "desktop", TRUE);
  web = helder_web_test_start ();
  g_unsetenv ("HELDER_DISABLED_PLUGINS");

  {
    g_autoptr (HelderWebTestResponse) list =
      helder_web_test_get (web, "/api/v1/me/notifications", &web->employee);
    g_autoptr (HelderWebTestResponse) ack = helder_web_test_send_json (
      web, "POST", "/api/v1/me/notifications/ack", &web->employee, "{\"id\": 1}");
    g_autoptr (HelderWebTestResponse) doc = helder_web_test_get (web, "/api/v1/openapi.json", NULL);

    g_assert_cmpuint (list->status, ==, 404);
    g_assert_cmpuint (ack->status, ==, 404);
    g_assert_cmpuint (doc->status, ==, 200);
    assert_not_in (doc->text, "/api/v1/me/notifications");
  }
  {
    g_autoptr (HelderWebTestResponse) form = helder_web_test_request (
      web, "GET", "/moments/new", &web->advisor, "cookie", NULL, NULL, 0, NULL);

    g_assert_cmpuint (form->status, ==, 200);
    assert_in (form->text, "id=\"channel-email\" name=\"channels\" value=\"email\" checked");
    assert_in (form->text, "id=\"channel-meeting\"");
    assert_not_in (form->text, "channel-desktop");
    assert_not_in (form->text, ">desktop notification</label>");
  }
  {
    g_autoptr (HelderWebTestResponse) moment = helder_web_test_send_json (
      web, "POST", "/api/v1/moments", &web->advisor,
      "{\"title\": \"Op het bureaublad\", \"scheduled_at\": \"2027-01-04T09:00\","
      " \"channels\": [\"email\", \"desktop\"]}");
    g_autoptr (HelderWebTestResponse) email = helder_web_test_send_json (
      web, "POST", "/api/v1/moments", &web->advisor,
      "{\"title\": \"Per e-mail\", \"scheduled_at\": \"2027-01-04T09:00\","
      " \"channels\": [\"email\", \"meeting\"]}");

    helder_web_test_assert_error (moment, 400, "channels",
                                  "“desktop” is not a channel of a loaded plugin");
    g_assert_cmpuint (email->status, ==, 201);
  }

  /* A person who chose the desktop before it was disabled stays readable,
   * and can still be changed in other ways. */
  g_assert_true (
    helder_store_exec (web->store,
                       "DELETE FROM person_channel WHERE person = 1;"
                       "INSERT INTO person_channel VALUES (1, 'email'), (1, 'desktop')",
                       &error));
  g_assert_no_error (error);
  {
    g_autoptr (HelderWebTestResponse) person =
      helder_web_test_get (web, "/api/v1/people/1", &web->advisor);
    g_autoptr (HelderWebTestResponse) renamed = helder_web_test_send_json (
      web, "PATCH", "/api/v1/people/1", &web->advisor, "{\"organisation\": \"Elders\"}");
    g_autoptr (HelderWebTestResponse) refused = helder_web_test_send_json (
      web, "PATCH", "/api/v1/people/2", &web->advisor, "{\"channels\": [\"desktop\"]}");

    g_assert_cmpuint (person->status, ==, 200);
    assert_in (person->text, "\"desktop\"");
    g_assert_cmpuint (renamed->status, ==, 200);
    assert_in (renamed->text, "\"desktop\"");
    helder_web_test_assert_error (refused, 400, "channels", "desktop");
  }

  helder_web_test_stop (web);
  helder_channel_names_add ("desktop", "desktop notification", NULL, HELDER_CHANNEL_NONE);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/web/notifications", test_notifications);
  g_test_add_func ("/web/notifications/desktop-loaded", test_desktop_loaded);
  g_test_add_func ("/web/notifications/desktop-disabled", test_desktop_disabled);
  g_test_add_func ("/web/addin-sections", test_addin_sections);
  g_test_add_func ("/web/language-lock", test_language_lock);
  return g_test_run ();
}
