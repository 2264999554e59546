/* test-web-hr-board.c — HR's board stays usable and small with many people
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /hr shows five names per role next to whole counts and pages of 50
 * of the people to place and of the placements (?unplaced_page,
 * ?placements_page, ?placements_role); GET /api/v1/hr/board pages the
 * same lists with limit and offset. Bad parameters are refused one by one
 * and change nothing, the audit log included. The placement form takes a
 * person as HR types them: a number, an e-mail address or (part of) a
 * name, without regard to case or accents; a name that fits several
 * people lists them. On a generated programme of 10,000 people the board
 * stays under 300 KB.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/views/helder-hr.h"

#if defined(__SANITIZE_ADDRESS__)
#define GENERATED_PEOPLE 1000
#else
#define GENERATED_PEOPLE 10000
#endif

#define MAX_BOARD_BYTES (300 * 1024)

static gint64
count_sql (HelderStore *store, const char *sql, const char *text)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_status (HelderWebTestResponse *response, guint status)
{
  if (response->status != status)
    g_error ("expected status %u, got %u: %.400s", status, response->status, response->text);
}

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in: %.600s", needle, text);
}

static guint
count_of (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The full board, every list whole, for the numbers the pages must show. */
static JsonObject *
whole_board (HelderStore *store)
{
  g_autoptr (GError) error = NULL;
  JsonObject *board = helder_hr_board (store, &error);

  g_assert_no_error (error);
  return board;
}

static void
test_pages (void)
{
  HelderWebTest *test = helder_web_test_start_people (1000);
  g_autoptr (JsonObject) board = whole_board (test->store);
  JsonObject *totals = json_object_get_object_member (board, "totals");
  gint64 unplaced = json_object_get_int_member (totals, "unplaced");
  gint64 placements = json_array_get_length (json_object_get_array_member (board, "placements"));
  guint unplaced_pages = (guint) ((unplaced + 49) / 50);
  guint placement_pages = (guint) ((placements + 49) / 50);

  g_assert_cmpint (unplaced, >, 100);
  g_assert_cmpint (placements, >, 50);
  {
    g_autoptr (HelderWebTestResponse) response = helder_web_test_get (test, "/hr", &test->hr);
    g_autofree char *total = g_strdup_printf (">%" G_GINT64_FORMAT "</span>", unplaced);
    g_autofree char *page = g_strdup_printf ("Page 1 of %u", unplaced_pages);

    assert_status (response, 200);
    /* the total is whole, the list one page */
    assert_contains (response->text, total);
    assert_contains (response->text, page);
    assert_contains (response->text, "href=\"/hr?unplaced_page=2#unplaced\" rel=\"next\"");
    assert_contains (response->text, "href=\"/hr?placements_page=2#placements\" rel=\"next\"");
    /* 50 people to place and 50 placements, each a row with a header cell */
    g_assert_cmpuint (count_of (response->text, "<th scope=\"row\">"), <=,
                      json_array_get_length (json_object_get_array_member (board, "roles")) + 100);
    /* a role with many role changes names five and counts the rest */
    assert_contains (response->text, " others</li>");
    /* the form asks for a person by name, no longer from a list of everyone */
    assert_contains (response->text, "<input dir=\"auto\" type=\"text\" id=\"hr-person\"");
    g_assert_null (strstr (response->text, "<select id=\"hr-person\""));
  }
  {
    g_autofree char *path =
      g_strdup_printf ("/hr?unplaced_page=%u&placements_page=%u", unplaced_pages, placement_pages);
    g_autoptr (HelderWebTestResponse) response = helder_web_test_get (test, path, &test->hr);
    g_autofree char *page = g_strdup_printf ("Page %u of %u", unplaced_pages, unplaced_pages);
    g_autofree char *prev =
      g_strdup_printf ("href=\"/hr?unplaced_page=%u&amp;placements_page=%u#unplaced\" rel=\"prev\"",
                       unplaced_pages - 1, placement_pages);

    assert_status (response, 200);
    assert_contains (response->text, page);
    assert_contains (response->text, prev);
  }
  {
    /* one role's placements: the link behind "and N others" */
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_get (test, "/hr?placements_role=servicemanager", &test->hr);

    assert_status (response, 200);
    assert_contains (response->text, "Only the placements of one role are shown.");
  }
  {
    static const struct
    {
      const char *path;
      guint status;
      const char *name;
    } bad[] = {
      { "/hr?unplaced_page=0", 400, "unplaced_page" },
      { "/hr?unplaced_page=abc", 400, "unplaced_page" },
      { "/hr?unplaced_page=-1", 400, "unplaced_page" },
      { "/hr?unplaced_page=1.5", 400, "unplaced_page" },
      { "/hr?unplaced_page=", 400, "unplaced_page" },
      { "/hr?unplaced_page=%FF", 400, "unplaced_page" },
      { "/hr?unplaced_page=99999999999999999999", 400, "unplaced_page" },
      { "/hr?placements_page=0", 400, "placements_page" },
      { "/hr?placements_page=x", 400, "placements_page" },
      { "/hr?placements_role=nope", 400, "placements_role" },
      { "/hr?placements_role=systeembeheerder", 400, "placements_role" },
      { "/hr?unplaced_page=9999", 404, "unplaced_page" },
      { "/hr?placements_page=9999", 404, "placements_page" },
    };
    g_autofree char *before = helder_test_fingerprint (test->store);

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (HelderWebTestResponse) response =
          helder_web_test_get (test, bad[i].path, &test->hr);
        g_autofree char *after = NULL;

        g_test_message ("%s", bad[i].path);
        assert_status (response, bad[i].status);
        /* the page names the parameter (capitalised at the start of the message) */
        assert_contains (response->text, bad[i].name + 1);
        after = helder_test_fingerprint (test->store);
        g_assert_cmpstr (before, ==, after);
      }
  }
  helder_web_test_stop (test);
}

static void
test_api_pages (void)
{
  HelderWebTest *test = helder_web_test_start_people (1000);
  g_autoptr (JsonObject) whole = whole_board (test->store);
  JsonArray *all_unplaced = json_object_get_array_member (whole, "unplaced");
  JsonArray *all_placements = json_object_get_array_member (whole, "placements");

  {
    g_autoptr (HelderWebTestResponse) response = helder_web_test_get (
      test, "/api/v1/hr/board?unplaced_limit=10&unplaced_offset=5&placements_offset=50&names=2",
      &test->hr);
    g_autoptr (JsonNode) root = NULL;
    JsonObject *board;
    JsonArray *unplaced, *placements, *roles;

    assert_status (response, 200);
    root = helder_web_test_json (response);
    board = json_node_get_object (root);
    unplaced = json_object_get_array_member (board, "unplaced");
    placements = json_object_get_array_member (board, "placements");
    roles = json_object_get_array_member (board, "roles");
    g_assert_cmpuint (json_array_get_length (unplaced), ==, 10);
    g_assert_cmpint (
      json_object_get_int_member (json_array_get_object_element (unplaced, 0), "person"), ==,
      json_object_get_int_member (json_array_get_object_element (all_unplaced, 5), "person"));
    g_assert_cmpuint (json_array_get_length (placements), ==,
                      MIN (50, json_array_get_length (all_placements) - 50));
    g_assert_cmpint (
      json_object_get_int_member (json_array_get_object_element (placements, 0), "id"), ==,
      json_object_get_int_member (json_array_get_object_element (all_placements, 50), "id"));
    /* the totals stay whole */
    g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (board, "totals"), "unplaced"), ==,
      json_array_get_length (all_unplaced));
    g_assert_cmpint (json_object_get_int_member (board, "n_placements"), ==,
                     json_array_get_length (all_placements));
    g_assert_cmpint (json_object_get_int_member (board, "unplaced_limit"), ==, 10);
    for (guint i = 0; i < json_array_get_length (roles); i++)
      {
        JsonObject *role = json_array_get_object_element (roles, i);
        JsonArray *counts = json_object_get_array_member (role, "role_change_counts");
        gint64 sum = 0;

        g_assert_cmpuint (
          json_array_get_length (json_object_get_array_member (role, "role_changes")), <=, 2);
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (role, "confirmed")),
                          <=, 2);
        for (guint j = 0; j < json_array_get_length (counts); j++)
          sum += json_object_get_int_member (json_array_get_object_element (counts, j), "n");
        g_assert_cmpint (sum, ==, json_object_get_int_member (role, "n_role_changes"));
        g_assert_cmpint (sum, ==,
                         count_sql (test->store,
                                    "SELECT count(*) FROM role_change WHERE to_role = ?1",
                                    json_object_get_string_member (role, "slug")));
      }
  }
  {
    static const struct
    {
      const char *path;
      const char *field;
    } bad[] = {
      { "/api/v1/hr/board?unplaced_limit=0", "unplaced_limit" },
      { "/api/v1/hr/board?unplaced_limit=501", "unplaced_limit" },
      { "/api/v1/hr/board?unplaced_offset=-1", "unplaced_offset" },
      { "/api/v1/hr/board?placements_limit=ten", "placements_limit" },
      { "/api/v1/hr/board?placements_offset=1.5", "placements_offset" },
      { "/api/v1/hr/board?placements_role=nope", "placements_role" },
      { "/api/v1/hr/board?names=0", "names" },
      { "/api/v1/hr/board?names=101", "names" },
      { "/api/v1/hr/board?page=2", "page" },
      { "/api/v1/hr/board?limit=2", "limit" },
    };
    g_autofree char *before = helder_test_fingerprint (test->store);

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (HelderWebTestResponse) response =
          helder_web_test_get (test, bad[i].path, &test->hr);
        g_autofree char *after = NULL;

        g_test_message ("%s", bad[i].path);
        helder_web_test_assert_error (response, 400, bad[i].field, bad[i].field);
        after = helder_test_fingerprint (test->store);
        g_assert_cmpstr (before, ==, after);
      }
  }
  helder_web_test_stop (test);
}

static gint64
placement_audits (HelderStore *store)
{
  return count_sql (store,
                    "SELECT count(*) FROM audit_entry WHERE action = 'create'"
                    " AND entity = 'placement' AND actor_role = 'hr'",
                    NULL);
}

/* POSTs @typed as the person for @role; returns the response. */
static HelderWebTestResponse *
place (HelderWebTest *test, const char *typed, const char *role)
{
  g_autofree char *person = g_uri_escape_string (typed, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("person=%s&role=%s", person, role);

  return helder_web_test_post_form (test, "/hr/placements", &test->hr, form);
}

static void
test_place_by_name (void)
{
  static const struct
  {
    const char *typed;
    const char *role;
    const char *name;
  } good[] = {
    { "THIJS.BROUWER@voorbeeld.nl", "servicemanager", "Thijs Brouwer" },
    { "leeuwen", "servicemanager", "Joost van Leeuwen" },
    { "  Lisa   SMITS ", "contractmanager", "Lisa Smits" },
    { "lois celik", "servicemanager", "Loïs Çelik" },
  };
  HelderWebTest *test = helder_web_test_start ();

  json_object_unref (helder_test_create (
    test->store, "person",
    "{\"name\":\"Loïs Çelik\",\"email\":\"lois.celik@voorbeeld.nl\",\"role\":\"systeembeheerder\"}"));
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 audits = placement_audits (test->store);
      gint64 person =
        count_sql (test->store, "SELECT id FROM person WHERE name = ?1", good[i].name);
      g_autoptr (HelderWebTestResponse) response = place (test, good[i].typed, good[i].role);
      g_autofree char *check = g_strdup_printf (
        "SELECT count(*) FROM placement WHERE status = 'intended' AND role = '%s' AND person = ?1",
        good[i].role);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, person);

      g_test_message ("typed “%s”", good[i].typed);
      assert_status (response, 303);
      g_assert_cmpint (count_sql (test->store, check, id), ==, 1);
      /* the entry came with the placement, by the HR person */
      g_assert_cmpint (placement_audits (test->store), ==, audits + 1);
    }
  {
    /* part of two names: the form again, with both to choose from */
    g_autofree char *before = helder_test_fingerprint (test->store);
    g_autofree char *after = NULL;
    g_autoptr (HelderWebTestResponse) response = place (test, "dijk", "contractmanager");

    assert_status (response, 400);
    assert_contains (response->text, "id=\"hr-person-error\"");
    assert_contains (response->text, "Marleen van Dijk");
    assert_contains (response->text, "Sven Dijkstra");
    assert_contains (response->text, "value=\"dijk\"");
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autofree char *before = helder_test_fingerprint (test->store);
    g_autofree char *after = NULL;
    g_autoptr (HelderWebTestResponse) response = place (test, "Niemand Bestaat", "contractmanager");

    assert_status (response, 400);
    assert_contains (response->text, "id=\"hr-person-error\"");
    assert_contains (response->text, "Niemand Bestaat");
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autofree char *before = helder_test_fingerprint (test->store);
    g_autofree char *after = NULL;
    g_autoptr (HelderWebTestResponse) response =
      place (test, "nobody@voorbeeld.nl", "contractmanager");

    assert_status (response, 400);
    assert_contains (response->text, "nobody@voorbeeld.nl");
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
  }
  helder_web_test_stop (test);
}

/* The board of a programme of 10,000 people: a size, not a time. */
static void
test_board_size (void)
{
  HelderWebTest *test = helder_web_test_start_people (GENERATED_PEOPLE);
  g_autoptr (HelderWebTestResponse) response = helder_web_test_get (test, "/hr", &test->hr);
  g_autoptr (HelderWebTestResponse) api = helder_web_test_get (test, "/api/v1/hr/board", &test->hr);

  assert_status (response, 200);
  g_test_message ("GET /hr: %zu bytes; GET /api/v1/hr/board: %zu bytes", strlen (response->text),
                  strlen (api->text));
  g_assert_cmpuint (strlen (response->text), <, MAX_BOARD_BYTES);
  assert_status (api, 200);
  g_assert_cmpuint (strlen (api->text), <, MAX_BOARD_BYTES);
  helder_web_test_stop (test);
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/web-hr-board/pages", test_pages);
  g_test_add_func ("/web-hr-board/api-pages", test_api_pages);
  g_test_add_func ("/web-hr-board/place-by-name", test_place_by_name);
  g_test_add_func ("/web-hr-board/size-10000", test_board_size);

  return g_test_run ();
}
