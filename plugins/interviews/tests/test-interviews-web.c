/* test-interviews-web.c — the interviews plugin's pages and forms on a real server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real `helder serve` on loopback (tests/helder-web-test-utils.h) with
 * the real plugin from the build tree, on the demo programme (its
 * register, interviews and concerns). Who may see what; planning and
 * recording an interview through the forms, with its items and a
 * conflict between two interviews on the item's page; the register's
 * counts recomputed from the database; readiness set through its form;
 * every bad field refused with its name and nothing changed.
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

/* ---- who sees what ----------------------------------------------------------- */

static void
test_permissions (Fixture *f, gconstpointer data)
{
  static const char *const advisor_only[] = { "/interviews",
                                              "/inventory",
                                              "/inventory/readiness",
                                              "/concerns",
                                              "/api/v1/inventory/readiness",
                                              "/api/v1/concerns/summary" };
  HelderWebTestUser *others[] = { &f->web->employee, &f->web->hr };

  for (guint i = 0; i < G_N_ELEMENTS (advisor_only); i++)
    {
      g_autoptr (HelderWebTestResponse) a =
        helder_web_test_get (f->web, advisor_only[i], &f->web->advisor);
      g_autoptr (HelderWebTestResponse) anon =
        helder_web_test_request (f->web, "GET", advisor_only[i], NULL, NULL, NULL, NULL, 0, NULL);

      iv_test_assert_status (a, 200, advisor_only[i]);
      g_assert_cmpuint (anon->status, ==, 401);
      for (guint o = 0; o < G_N_ELEMENTS (others); o++)
        {
          g_autoptr (HelderWebTestResponse) r =
            helder_web_test_get (f->web, advisor_only[i], others[o]);
          iv_test_assert_status (r, 403, advisor_only[i]);
        }
    }
  /* Everyone signed in reads the questions and answers; its entry is in
   * their navigation, the advisor's entries are not. */
  for (guint o = 0; o < G_N_ELEMENTS (others); o++)
    {
      g_autoptr (HelderWebTestResponse) qa =
        helder_web_test_request (f->web, "GET", "/qa", others[o], "cookie", NULL, NULL, 0, NULL);
      g_autoptr (HelderWebTestResponse) api = helder_web_test_get (f->web, "/api/v1/qa", others[o]);

      iv_test_assert_status (qa, 200, "/qa");
      iv_test_assert_status (api, 200, "/api/v1/qa");
      helder_web_test_assert_contains (qa, "href=\"/qa\"");
      helder_web_test_assert_lacks (qa, "href=\"/interviews\"");
      helder_web_test_assert_lacks (qa, "href=\"/inventory\"");
      helder_web_test_assert_lacks (qa, "href=\"/concerns\"");
    }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, "/interviews");

    helder_web_test_assert_contains (r, "href=\"/inventory\"");
    helder_web_test_assert_contains (r, "href=\"/concerns\"");
  }
  /* A write an employee may not make is refused before anything happens. */
  {
    g_autofree char *before = helder_test_fingerprint (f->web->store);
    g_autofree char *form = iv_test_form ("kind", "supplier", "organisation", "Centric", NULL);
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (f->web, "/interviews", &f->web->employee, form);
    g_autofree char *after = NULL;

    iv_test_assert_status (r, 403, "an employee planning an interview");
    after = helder_test_fingerprint (f->web->store);
    g_assert_cmpstr (before, ==, after);
  }
}

/* ---- planning and recording --------------------------------------------------- */

static gint64
plan (Fixture *f, const char *title, const char *person)
{
  g_autofree char *day = helder_test_day (7);
  g_autofree char *form =
    iv_test_form ("kind", "internal-admin", "title", title, "person", person, "date", day, "time",
                  "10:00", "duration", "90", "location", "Stadhuis, kamer 2.14", NULL);
  g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, "/interviews", form);

  iv_test_assert_status (r, 303, "planning an interview");
  return helder_web_test_location_id (r, "/interviews/");
}

/* The name of the first answer field of the record form. */
static char *
first_answer (HelderWebTestResponse *page)
{
  const char *at = strstr (page->text, "name=\"answer-");
  const char *end;

  g_assert_nonnull (at);
  at += strlen ("name=\"");
  end = strchr (at, '"');
  return g_strndup (at, end - at);
}

static void
record (Fixture *f, gint64 id, const char *version, guint expect)
{
  g_autofree char *path = g_strdup_printf ("/interviews/%" G_GINT64_FORMAT, id);
  g_autofree char *action = g_strconcat (path, "/record", NULL);
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, path);
  g_autofree char *answer = first_answer (page);
  g_autofree char *form = iv_test_form (
    answer, "Drie beheerders, één vertrekt in maart.", "notes",
    "## Samenvatting\n\nHet **zaaksysteem** draait op eigen servers.", "item1-kind", "application",
    "item1-name", "Zaaksysteem Web", "item1-version", version, "item1-supplier", "Centric",
    "item1-domain", "Dienstverlening", "item2-kind", "component", "item2-name", "db-zaak01",
    "item2-type", "database", "item2-domain", "Dienstverlening", "item3-kind", "coupling",
    "item3-from", "Zaaksysteem Web", "item3-to", "db-zaak01", "item3-protocol", "ODBC",
    "item3-scope", "internal", "item3-direction", "two-way", NULL);
  g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, action, form);

  iv_test_assert_status (r, expect, "recording an interview");
}

static void
test_plan_and_record (Fixture *f, gconstpointer data)
{
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, f->web->employee.person);
  gint64 first = plan (f, "Beheer servers", person);
  gint64 second = plan (f, "Applicatiebeheer", person);
  gint64 item;
  g_autofree char *sql = NULL;

  g_assert_cmpint (first, >, 0);
  record (f, first, "5.2", 303);
  /* The record's items, with the interview as their source. */
  sql = g_strdup_printf ("SELECT count (*) FROM inv_source s JOIN inv_item i ON i.id = s.item"
                         " WHERE s.interview = %" G_GINT64_FORMAT
                         " AND i.kind IN ('application', 'component', 'coupling')",
                         first);
  g_assert_cmpint (helder_web_test_scalar (f->web, sql), ==, 3);
  {
    g_autofree char *path = g_strdup_printf ("/interviews/%" G_GINT64_FORMAT "?recorded=1", first);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, path);

    iv_test_assert_status (r, 200, "the recorded interview");
    helder_web_test_assert_contains (r, "The record is saved.");
    helder_web_test_assert_contains (r, "Zaaksysteem Web");
    helder_web_test_assert_contains (r, "Drie beheerders");
    helder_web_test_assert_contains (r, "<strong>zaaksysteem</strong>");
    helder_web_test_assert_contains (r, "Stadhuis, kamer 2.14");
  }
  /* The second interview says another version: one item, two sources, a conflict. */
  record (f, second, "6.0", 303);
  item = iv_test_scalar_text (
    f->web, "SELECT id FROM inv_item WHERE kind = 'application' AND name = ?1", "Zaaksysteem Web");
  {
    g_autofree char *path = g_strdup_printf ("/inventory/items/%" G_GINT64_FORMAT, item);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, path);
    const char *conflicts;

    iv_test_assert_status (r, 200, "the item");
    conflicts = strstr (r->text, "The sources disagree");
    g_assert_nonnull (conflicts);
    g_assert_nonnull (strstr (conflicts, "5.2"));
    g_assert_nonnull (strstr (conflicts, "6.0"));
    g_assert_nonnull (strstr (conflicts, "Beheer servers"));
    g_assert_nonnull (strstr (conflicts, "Applicatiebeheer"));
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, "/inventory?conflicts=1");

    helder_web_test_assert_contains (r, "Zaaksysteem Web");
  }
}

/* Each bad field of the plan and record forms: refused naming it, nothing changed. */
static void
test_forms_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, f->web->employee.person);
  gint64 id = plan (f, "Slechte invoer", person);
  g_autofree char *action = g_strdup_printf ("/interviews/%" G_GINT64_FORMAT "/record", id);
  g_autofree char *long_notes = g_strnfill (50001, 'x');
  g_autofree char *long_name = g_strnfill (201, 'n');
  struct
  {
    const char *path;
    char *form;
    guint status;
    const char *needle;
  } cases[] = {
    { "/interviews",
      iv_test_form ("kind", "internal-admin", "person", person, "duration", "3", NULL), 400,
      "duration" },
    { "/interviews",
      iv_test_form ("kind", "internal-admin", "person", person, "time", "10:00", NULL), 400,
      "date" },
    { "/interviews", iv_test_form ("kind", "nonsense", "person", person, NULL), 400, "nonsense" },
    { "/interviews", iv_test_form ("kind", "internal-admin", "person", "nobody-at-all", NULL), 0,
      "nobody-at-all" },
    { "/interviews",
      iv_test_form ("kind", "internal-admin", "person", person, "date", "2026-02-30", NULL), 400,
      "2026-02-30" },
    { action, iv_test_form ("item1-name", "Zonder soort", NULL), 400, "item1-kind" },
    { action, iv_test_form ("item1-kind", "gadget", "item1-name", "X", NULL), 400, "gadget" },
    { action, iv_test_form ("item2-kind", "application", NULL), 400, "item2-name" },
    { action, iv_test_form ("item1-kind", "application", "item1-name", long_name, NULL), 400,
      "item1-name" },
    { action, iv_test_form ("notes", long_notes, NULL), 400, "notes" },
    { action, iv_test_form ("answer-no-such-question", "Tja", NULL), 400, "no-such-question" },
    { action,
      iv_test_form ("item1-kind", "component", "item1-name", "srv-x", "item1-type", "toaster",
                    NULL),
      400, "toaster" },
    { "/interviews/999999/record", iv_test_form ("notes", "Niets", NULL), 404, "999999" },
    { "/interviews/abc/record", iv_test_form ("notes", "Niets", NULL), 404, "abc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = helder_test_fingerprint (f->web->store);
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_post (f->web, cases[i].path, cases[i].form);
      g_autofree char *after = helder_test_fingerprint (f->web->store);

      g_test_message ("%s %s → %u", cases[i].path, cases[i].form, r->status);
      if (cases[i].status != 0)
        iv_test_assert_status (r, cases[i].status, cases[i].form);
      else
        g_assert_true (r->status == 400 || r->status == 404);
      helder_web_test_assert_contains (r, cases[i].needle);
      g_assert_cmpstr (before, ==, after);
      g_free (cases[i].form);
    }
  /* Without the form token: refused, nothing changed. */
  {
    g_autofree char *before = helder_test_fingerprint (f->web->store);
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_request (f->web, "POST", action, &f->web->advisor, "cookie",
                               "application/x-www-form-urlencoded", "csrf=wrong&notes=x", -1, NULL);
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    iv_test_assert_status (r, 403, "a record without the form token");
    g_assert_cmpstr (before, ==, after);
  }
  /* Unknown interviews and items, bad filters. */
  {
    static const char *const paths[][2] = {
      { "/interviews/999999", "404" },
      { "/interviews/0", "404" },
      { "/inventory/items/999999", "404" },
      { "/inventory/items/x", "404" },
      { "/interviews?status=lost", "400" },
      { "/interviews?kind=gossip", "400" },
      { "/inventory?kind=gadget", "400" },
      { "/inventory?supplier=Nobody%20BV", "400" },
      { "/inventory?conflicts=yes", "400" },
      { "/inventory?incomplete=2", "400" },
      { "/concerns?status=lost", "400" },
      { "/concerns?theme=no-such-theme", "400" },
      { "/concerns?group=no-such-group", "400" },
      { "/concerns?late=maybe", "400" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, paths[i][0]);

        iv_test_assert_status (r, (guint) g_ascii_strtoull (paths[i][1], NULL, 10), paths[i][0]);
      }
  }
}

/* ---- the register and readiness ------------------------------------------------ */

/* "<h2 id=\"items-title\">Items (N)</h2>": the count the page shows. */
static gint64
shown_count (HelderWebTestResponse *r)
{
  const char *at = strstr (r->text, "id=\"items-title\">Items (");

  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen ("id=\"items-title\">Items ("), NULL, 10);
}

static void
test_register (Fixture *f, gconstpointer data)
{
  static const char *const kinds[] = { "component", "application", "coupling",
                                       "supplier",  "contract",    "process" };
  g_autoptr (HelderWebTestResponse) all = helder_web_test_browse (f->web, "/inventory");

  iv_test_assert_status (all, 200, "the register");
  g_assert_cmpint (shown_count (all), ==,
                   helder_web_test_scalar (f->web, "SELECT count (*) FROM inv_item"));
  g_assert_cmpint (shown_count (all), >, 0);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *path = g_strdup_printf ("/inventory?kind=%s", kinds[k]);
      g_autoptr (HelderWebTestResponse) r = helder_web_test_browse (f->web, path);

      iv_test_assert_status (r, 200, path);
      g_assert_cmpint (
        shown_count (r), ==,
        iv_test_scalar_text (f->web, "SELECT count (*) FROM inv_item WHERE kind = ?1", kinds[k]));
    }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_browse (f->web, "/inventory?domain=Infrastructuur");

    g_assert_cmpint (shown_count (r), ==,
                     iv_test_scalar_text (f->web,
                                          "SELECT count (*) FROM inv_item WHERE domain = ?1",
                                          "Infrastructuur"));
  }
}

static void
test_readiness (Fixture *f, gconstpointer data)
{
  g_autoptr (HelderWebTestResponse) page = helder_web_test_browse (f->web, "/inventory/readiness");
  gint64 done_before, done_after;
  const char *component_sql = "SELECT min (id) FROM inv_item WHERE kind = 'component' AND id NOT IN"
                              " (SELECT item FROM inv_readiness WHERE aspect = 'software'"
                              "  AND status IN ('done', 'not-applicable'))";
  gint64 component = helder_web_test_scalar (f->web, component_sql);
  g_autofree char *component_text = g_strdup_printf ("%" G_GINT64_FORMAT, component);

  iv_test_assert_status (page, 200, "readiness");
  g_assert_cmpint (component, >, 0);
  done_before = helder_web_test_scalar (
    f->web, "SELECT count (*) FROM inv_readiness WHERE aspect = 'software' AND status = 'done'");
  {
    g_autofree char *form =
      iv_test_form ("component", component_text, "aspect", "software", "status", "done", "on_date",
                    "2026-11-30", "note", "Gepatcht", NULL);
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post (f->web, "/inventory/readiness", form);

    iv_test_assert_status (r, 303, "setting readiness");
  }
  done_after = helder_web_test_scalar (
    f->web, "SELECT count (*) FROM inv_readiness WHERE aspect = 'software' AND status = 'done'");
  g_assert_cmpint (done_after, ==, done_before + 1);
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_browse (f->web, "/inventory/readiness?saved=1");
    g_autofree char *of = NULL;
    gint64 applicable = helder_web_test_scalar (
      f->web, "SELECT count (*) FROM inv_item WHERE kind = 'component' AND id NOT IN"
              " (SELECT item FROM inv_readiness WHERE aspect = 'software'"
              "  AND status = 'not-applicable')");

    helder_web_test_assert_contains (r, "The readiness is saved.");
    of = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT, done_after, applicable);
    helder_web_test_assert_contains (r, of);
  }
  {
    struct
    {
      char *form;
      const char *needle;
    } cases[] = {
      { iv_test_form ("component", "", "aspect", "software", "status", "done", NULL), "component" },
      { iv_test_form ("component", "no-such-server", "aspect", "software", "status", "done", NULL),
        "no-such-server" },
      { iv_test_form ("component", component_text, "aspect", "colour", "status", "done", NULL),
        "colour" },
      { iv_test_form ("component", component_text, "aspect", "software", "status", "sort-of", NULL),
        "sort-of" },
      { iv_test_form ("component", component_text, "aspect", "software", "status", "done",
                      "on_date", "2026-13-01", NULL),
        "2026-13-01" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *before = helder_test_fingerprint (f->web->store);
        g_autoptr (HelderWebTestResponse) r =
          helder_web_test_post (f->web, "/inventory/readiness", cases[i].form);
        g_autofree char *after = helder_test_fingerprint (f->web->store);

        g_assert_true (r->status == 400 || r->status == 404);
        helder_web_test_assert_contains (r, cases[i].needle);
        g_assert_cmpstr (before, ==, after);
        g_free (cases[i].form);
      }
  }
}

/* A pasted list: checked first (every bad row named, nothing changed),
 * then imported all at once. */
static void
test_import (Fixture *f, gconstpointer data)
{
  static const char good[] = "Naam;Versie;Leverancier;Domein\n"
                             "Importtest Basis;1.0;Centric;Bedrijfsvoering\n"
                             "Importtest Plus;2.3;Centric;Bedrijfsvoering\n";
  static const char bad[] = "Naam;Versie;Eigenaar\n"
                            "Importtest Goed;1.0;\n"
                            "Importtest Fout;1.0;niemand-bekend@example.org\n";
  struct
  {
    char *form;
    guint status;
    const char *needle;
  } refused[] = {
    { iv_test_form ("kind", "application", "csv", bad, "action", "dry-run", NULL), 400,
      "niemand-bekend@example.org" },
    { iv_test_form ("kind", "application", "csv", bad, "action", "import", NULL), 400,
      "niemand-bekend@example.org" },
    { iv_test_form ("kind", "gadget", "csv", good, "action", "dry-run", NULL), 400, "gadget" },
    { iv_test_form ("kind", "application", "csv", "  ", "action", "import", NULL), 400, "csv" },
    { iv_test_form ("kind", "application", "csv", good, "action", "launch", NULL), 400, "launch" },
    { iv_test_form ("kind", "application", "csv", good, "map", "Versie", "action", "dry-run", NULL),
      400, "Versie" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *before = helder_test_fingerprint (f->web->store);
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_post (f->web, "/inventory/import", refused[i].form);
      g_autofree char *after = helder_test_fingerprint (f->web->store);

      g_test_message ("%s → %u", refused[i].form, r->status);
      iv_test_assert_status (r, refused[i].status, refused[i].form);
      helder_web_test_assert_contains (r, refused[i].needle);
      g_assert_cmpstr (before, ==, after);
      g_free (refused[i].form);
    }
  {
    g_autofree char *form =
      iv_test_form ("kind", "application", "csv", good, "action", "dry-run", NULL);
    g_autofree char *before = helder_test_fingerprint (f->web->store);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, "/inventory/import", form);
    g_autofree char *after = helder_test_fingerprint (f->web->store);

    iv_test_assert_status (r, 200, "a dry run");
    helder_web_test_assert_contains (r, "Checked, nothing saved: 2 rows, 2 new");
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autofree char *form =
      iv_test_form ("kind", "application", "csv", good, "action", "import", NULL);
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post (f->web, "/inventory/import", form);

    iv_test_assert_status (r, 200, "the import");
    helder_web_test_assert_contains (r, "Imported: 2 rows, 2 new");
    g_assert_cmpint (helder_web_test_scalar (f->web, "SELECT count (*) FROM inv_item"
                                                     " WHERE name LIKE 'Importtest %'"),
                     ==, 2);
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post_form (
      f->web, "/inventory/import", &f->web->employee, "kind=application&action=import&csv=x");

    iv_test_assert_status (r, 403, "an employee importing");
  }
}

/* The plugin's API routes are in the OpenAPI document the server gives. */
static void
test_openapi (Fixture *f, gconstpointer data)
{
  static const char *const operations[][2] = {
    { "/api/v1/inventory/picture.svg", "get" }, { "/api/v1/inventory/table", "get" },
    { "/api/v1/inventory/readiness", "get" },   { "/api/v1/inventory/completeness", "get" },
    { "/api/v1/concerns/summary", "get" },      { "/api/v1/qa", "get" },
    { "/api/v1/me/concerns", "post" },          { "/api/v1/interviews/{id}/record", "post" },
  };
  g_autoptr (HelderWebTestResponse) r = helder_web_test_request (
    f->web, "GET", "/api/v1/openapi.json", NULL, NULL, NULL, NULL, 0, NULL);
  g_autoptr (JsonNode) document = helder_web_test_json (r);
  JsonObject *paths = json_object_get_object_member (json_node_get_object (document), "paths");

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      JsonObject *path = json_object_get_object_member (paths, operations[i][0]);

      if (path == NULL || !json_object_has_member (path, operations[i][1]))
        g_error ("the OpenAPI document lacks %s %s", operations[i][1], operations[i][0]);
    }
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
#define ADD(path, fn) \
  g_test_add ("/interviews-web/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("permissions", test_permissions);
  ADD ("plan-and-record", test_plan_and_record);
  ADD ("forms-bad", test_forms_bad);
  ADD ("register", test_register);
  ADD ("readiness", test_readiness);
  ADD ("import", test_import);
  ADD ("openapi", test_openapi);
#undef ADD
  return g_test_run ();
}
