/* test-interviews-web-picture.c — the architecture picture on the web,
 * and a server that never stalls while it is drawn
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real `helder serve` on loopback with the real plugin, on the demo
 * programme's register. The page (picture inline, the same content as a
 * table, the download link), the SVG and DOT of the API, the table, every
 * bad filter refused with its name. Then a big register (1,000 items in
 * 12 domains, 3,000 couplings, written straight into the database): while
 * the whole picture is drawn in the picture worker, other requests are
 * answered at once; more pictures at once than the worker queues are
 * refused with 503 and Retry-After; the ones it takes are all answered.
 */
#include "config.h"

#include <string.h>

#include "interviews-web-test.h"

typedef struct
{
  HelderWebTest *web;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->web = helder_web_test_start_in_english ();
  iv_test_seed_register (f->web);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  helder_web_test_stop (f->web);
}

/* Whether @text parses as XML (GMarkup: elements, attributes, entities). */
static gboolean
is_xml (const char *text, gsize length)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr (GMarkupParseContext) context =
    g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, NULL, NULL);
  g_autoptr (GError) error = NULL;
  const char *start = strstr (text, "<svg");

  g_assert_nonnull (start);
  if (!g_markup_parse_context_parse (context, start, length - (start - text), &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    {
      g_test_message ("not XML: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
test_page (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, "/inventory/picture");

  iv_test_assert_status (page, 200, "the picture page");
  helder_web_test_assert_contains (page, "<svg");
  helder_web_test_assert_lacks (page, "<?xml");
  helder_web_test_assert_contains (page, "The items in the picture");
  helder_web_test_assert_contains (page, "href=\"/inventory/picture.svg\"");
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_browse (f->web, "/inventory/picture?domain=Infrastructuur&external=0");

    iv_test_assert_status (r, 200, "a filtered picture page");
    helder_web_test_assert_contains (r, "/inventory/picture.svg?domain=Infrastructuur");
  }
  {
    g_autoptr (HelderWebTestResponse) svg =
      helder_web_test_browse (f->web, "/inventory/picture.svg");

    iv_test_assert_status (svg, 200, "the download");
    g_assert_cmpstr (svg->content_type, ==, "image/svg+xml");
    g_assert_nonnull (strstr (iv_test_header (svg, "Content-Disposition"), "attachment"));
    g_assert_true (is_xml (svg->text, g_bytes_get_size (svg->body)));
  }
}

static void
test_api (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) svg =
    helder_web_test_get (f->web, "/api/v1/inventory/picture.svg", &f->web->advisor);
  g_autoptr (HelderWebTestResponse) dot =
    helder_web_test_get (f->web, "/api/v1/inventory/picture.svg?format=dot", &f->web->advisor);
  g_autoptr (HelderWebTestResponse) table =
    helder_web_test_get (f->web, "/api/v1/inventory/table?domain=Infrastructuur", &f->web->advisor);
  g_autoptr (JsonNode) body = NULL;
  JsonArray *items;

  iv_test_assert_status (svg, 200, "the SVG");
  g_assert_true (is_xml (svg->text, g_bytes_get_size (svg->body)));
  iv_test_assert_status (dot, 200, "the DOT");
  g_assert_true (strstr (dot->text, "digraph") != NULL || strstr (dot->text, "graph") != NULL);
  iv_test_assert_status (table, 200, "the table");
  body = helder_web_test_json (table);
  items = json_object_get_array_member (json_node_get_object (body), "items");
  g_assert_nonnull (items);
  /* Every item of the domain is in its table. */
  {
    gint64 in_domain = iv_test_scalar_text (
      f->web,
      "SELECT count (*) FROM inv_item WHERE domain = ?1 AND kind IN ('component', 'application')",
      "Infrastructuur");
    g_assert_cmpint (json_array_get_length (items), >=, in_domain);
  }
  {
    static const char *const bad[][2] = {
      { "/api/v1/inventory/picture.svg?format=png", "format" },
      { "/api/v1/inventory/picture.svg?domain=Atlantis", "domain" },
      { "/api/v1/inventory/picture.svg?supplier=Nobody%20BV", "supplier" },
      { "/api/v1/inventory/picture.svg?external=yes", "external" },
      { "/api/v1/inventory/picture.svg?group=colour", "group" },
      { "/api/v1/inventory/picture.svg?layout=spiral", "layout" },
      { "/api/v1/inventory/table?domain=Atlantis", "domain" },
      { "/api/v1/inventory/readiness?domain=", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (HelderWebTestResponse) r =
          helder_web_test_get (f->web, bad[i][0], &f->web->advisor);

        if (bad[i][1] == NULL)
          iv_test_assert_status (r, 200, bad[i][0]);
        else
          helder_web_test_assert_error (r, 400, bad[i][1], NULL);
      }
  }
  {
    g_autoptr (HelderWebTestResponse) page =
      helder_web_test_browse (f->web, "/inventory/picture?layout=spiral");

    iv_test_assert_status (page, 400, "a bad layout on the page");
    helder_web_test_assert_contains (page, "spiral");
  }
}

/* ---- a big register -------------------------------------------------------------- */

#define BIG_ITEMS     1000
#define BIG_DOMAINS   12
#define BIG_COUPLINGS 3000

static void
fill_big (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) sql = g_string_new ("BEGIN;");
  gint64 first;

  g_string_append (sql,
                   "INSERT INTO inv_item (kind, name, match_key, domain, created_at, updated_at)"
                   " WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ");
  g_string_append_printf (sql,
                          "%d) SELECT CASE i %% 3 WHEN 0 THEN 'application' ELSE 'component' END,"
                          " 'groot-' || i, 'groot-' || i, 'Domein ' || (i %% %d),"
                          " '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z' FROM n;",
                          BIG_ITEMS - 1, BIG_DOMAINS);
  g_assert_true (helder_store_exec (f->web->store, sql->str, &error));
  g_assert_no_error (error);
  first = helder_web_test_scalar (f->web, "SELECT min (id) FROM inv_item WHERE name = 'groot-0'");
  g_string_assign (sql, "");
  /* Mostly near neighbours in the same domain, as inventories are (and as
   * the picture's benchmark makes them): a picture dot can draw whole. */
  g_string_append_printf (
    sql,
    "INSERT INTO inv_item (kind, name, match_key, from_item, to_item, protocol, scope,"
    " created_at, updated_at)"
    " WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d),"
    " c AS (SELECT i, (i * 7) %% %d AS a, (i %% 12) - 6 AS o FROM n),"
    " e AS (SELECT i, a, a %% %d + %d * max (0, min ((%d - 1) / %d, a / %d"
    "   + CASE WHEN o >= 0 THEN o + 1 ELSE o END)) AS b FROM c)"
    " SELECT 'coupling', 'k' || i, 'k' || i, %" G_GINT64_FORMAT " + a, %" G_GINT64_FORMAT " + b,"
    " 'REST', CASE WHEN i %% 10 = 0 THEN 'external' ELSE 'internal' END,"
    " '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z' FROM e WHERE b != a AND b < %d;"
    "COMMIT;",
    BIG_COUPLINGS - 1, BIG_ITEMS, BIG_DOMAINS, BIG_DOMAINS, BIG_ITEMS, BIG_DOMAINS, BIG_DOMAINS,
    first, first, BIG_ITEMS);
  g_assert_true (helder_store_exec (f->web->store, sql->str, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *base_url;
  const char *token;
  char *path;
  guint status;
  char *retry_after;
  gint64 finished; /* monotonic µs */
} Call;

static gpointer
call_thread (gpointer data)
{
  Call *call = data;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SoupSession) session = NULL;
  g_autofree char *uri = g_strconcat (call->base_url, call->path, NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", call->token);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 120, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  call->status = soup_message_get_status (msg);
  call->retry_after = g_strdup (
    soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"));
  call->finished = g_get_monotonic_time ();
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
test_never_stalls (Fixture *f, gconstpointer data)
{
  Call whole = { f->web->base_url,
                 f->web->advisor.token,
                 g_strdup ("/api/v1/inventory/picture.svg?layout=detail"),
                 0,
                 NULL,
                 0 };
  GThread *thread;
  gint64 start, asked, answered = 0;

  fill_big (f);
  start = g_get_monotonic_time ();
  thread = g_thread_new ("picture", call_thread, &whole);
  g_usleep (100000);
  /* While the worker draws, the server answers others at once. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr (HelderWebTestResponse) me = NULL;

      asked = g_get_monotonic_time ();
      me = helder_web_test_get (f->web, "/api/v1/me", &f->web->employee);
      answered = g_get_monotonic_time ();
      iv_test_assert_status (me, 200, "/api/v1/me while a picture is drawn");
      g_test_message ("/api/v1/me in %" G_GINT64_FORMAT " µs", answered - asked);
      g_assert_cmpint (answered - asked, <, 500000);
    }
  g_thread_join (thread);
  g_test_message ("the whole picture of %d items and %d couplings in %" G_GINT64_FORMAT " ms",
                  BIG_ITEMS, BIG_COUPLINGS, (whole.finished - start) / 1000);
  g_assert_cmpuint (whole.status, ==, 200);
  /* The answers came while the picture was still being drawn. */
  g_assert_cmpint (answered, <, whole.finished);
  g_free (whole.path);
}

#define AT_ONCE 9

static void
test_busy (Fixture *f, gconstpointer data)
{
  Call calls[AT_ONCE];
  GThread *threads[AT_ONCE];
  guint refused = 0, drawn = 0;

  fill_big (f);
  for (guint i = 0; i < AT_ONCE; i++)
    {
      /* Each another filter: nothing comes from the cache. */
      calls[i] = (Call){ f->web->base_url,
                         f->web->advisor.token,
                         g_strdup_printf (
                           "/api/v1/inventory/picture.svg?layout=detail&domain=Domein%%20%u%s", i,
                           i % 2 ? "&group=supplier" : ""),
                         0,
                         NULL,
                         0 };
      threads[i] = g_thread_new ("picture", call_thread, &calls[i]);
    }
  for (guint i = 0; i < AT_ONCE; i++)
    {
      g_thread_join (threads[i]);
      g_test_message ("%s → %u", calls[i].path, calls[i].status);
      if (calls[i].status == 503)
        {
          refused++;
          g_assert_nonnull (calls[i].retry_after);
          g_assert_cmpint (g_ascii_strtoll (calls[i].retry_after, NULL, 10), >, 0);
        }
      else
        {
          g_assert_cmpuint (calls[i].status, ==, 200);
          drawn++;
        }
      g_free (calls[i].path);
      g_free (calls[i].retry_after);
    }
  /* The worker queues a few; the others are told to come back. */
  g_assert_cmpuint (drawn, >=, 1);
  g_assert_cmpuint (drawn, <=, AT_ONCE - 1);
  g_assert_cmpuint (refused, >=, 1);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
#define ADD(path, fn) \
  g_test_add ("/interviews-web-picture/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("page", test_page);
  ADD ("api", test_api);
  ADD ("never-stalls", test_never_stalls);
  ADD ("busy", test_busy);
#undef ADD
  return g_test_run ();
}
