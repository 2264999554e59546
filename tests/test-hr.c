/* test-hr.c — HR's board of roles to fill and people to place, the
 * placements it records, and the audit log pages
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/access/helder-audit.h"
#include "services/transfer/helder-demo.h"
#include "services/views/helder-hr.h"
#include "services/repo/helder-repo.h"

#define DEMO_TODAY "2026-03-02"

static JsonObject *
find_role (JsonObject *board, const char *slug)
{
  JsonArray *roles = json_object_get_array_member (board, "roles");

  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);
      if (g_str_equal (json_object_get_string_member (role, "slug"), slug))
        return role;
    }
  g_error ("role %s is not on the board", slug);
  return NULL;
}

static JsonObject *
find_unplaced (JsonObject *board, gint64 person)
{
  JsonArray *unplaced = json_object_get_array_member (board, "unplaced");

  for (guint i = 0; i < json_array_get_length (unplaced); i++)
    {
      JsonObject *row = json_array_get_object_element (unplaced, i);
      if (json_object_get_int_member (row, "person") == person)
        return row;
    }
  return NULL;
}

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

/* ---- the board -------------------------------------------------------------- */

static void
test_board_demo (void)
{
  static const struct
  {
    const char *slug;
    double fte;
    gint64 confirmed;
    gint64 intended;
    double open;
  } expected_roles[] = {
    /* by name */
    /* every role change that decides a role to fill has its confirmed
     * placement (helder-placement-sync.h) */
    { "contractmanager", 1.0, 1, 0, 0.0 },
    { "informatiemanager", 1.0, 1, 0, 0.0 },
    { "leveranciersmanager", 1.0, 1, 0, 0.0 },
    { "regisseur-applicatiebeheer", 3.0, 2, 0, 1.0 },
    { "servicemanager", 3.0, 2, 1, 1.0 },
    { "technisch-regisseur", 3.0, 3, 0, 0.0 }, /* Hans Dekker's placement is withdrawn */
  };
  static const char *const expected_unplaced[] = {
    "Dennis van der Linden", "Frank Timmermans", "Gerrit Mulder", "Hans Dekker",
    "Jasper ter Horst",      "Kees de Jong",     "Luuk Hermans",  "Mark van Wijk",
    "Niels Verbeek",         "Robin van Vliet",  "Thijs Brouwer",
  };
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) board = NULL;
  JsonArray *roles, *unplaced, *placements;
  JsonObject *totals, *kees, *gerrit, *servicemanager;

  g_assert_true (helder_demo_load (store, DEMO_TODAY, 0, &error));
  g_assert_no_error (error);
  board = helder_hr_board (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (board);

  roles = json_object_get_array_member (board, "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, G_N_ELEMENTS (expected_roles));
  for (guint i = 0; i < G_N_ELEMENTS (expected_roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);
      gint64 confirmed_in_db =
        count_sql (store, "SELECT count(*) FROM placement WHERE role = ?1 AND status = 'confirmed'",
                   expected_roles[i].slug);

      g_assert_cmpstr (json_object_get_string_member (role, "slug"), ==, expected_roles[i].slug);
      g_assert_cmpfloat (json_object_get_double_member (role, "fte"), ==, expected_roles[i].fte);
      g_assert_cmpint (json_object_get_int_member (role, "n_confirmed"), ==,
                       expected_roles[i].confirmed);
      g_assert_cmpint (json_object_get_int_member (role, "n_confirmed"), ==, confirmed_in_db);
      g_assert_cmpint (json_object_get_int_member (role, "n_intended"), ==,
                       expected_roles[i].intended);
      /* FTE open = fte − confirmed */
      g_assert_cmpfloat (json_object_get_double_member (role, "fte_open"), ==,
                         expected_roles[i].fte - (double) confirmed_in_db);
      g_assert_cmpfloat (json_object_get_double_member (role, "fte_open"), ==,
                         expected_roles[i].open);
    }
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (
        json_object_get_array_member (find_role (board, "informatiemanager"), "confirmed"), 0),
      "name"),
    ==, "Monique van Rijn");
  servicemanager = find_role (board, "servicemanager");
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (servicemanager, "intended"), 0),
      "name"),
    ==, "Kees de Jong");
  g_assert_cmpstr (json_object_get_string_member (servicemanager, "kind"), ==, "regie");
  g_assert_cmpstr (json_object_get_string_member (servicemanager, "fate"), ==, "new");
  /* the role changes that lead into it are shown, whatever their status */
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (servicemanager, "role_changes")), ==, 3);

  unplaced = json_object_get_array_member (board, "unplaced");
  g_assert_cmpuint (json_array_get_length (unplaced), ==, G_N_ELEMENTS (expected_unplaced));
  for (guint i = 0; i < G_N_ELEMENTS (expected_unplaced); i++)
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (unplaced, i), "name"), ==,
      expected_unplaced[i]);

  /* not decided yet: no future role, a decision date */
  kees = json_array_get_object_element (unplaced, 5);
  g_assert_cmpstr (json_object_get_string_member (kees, "role"), ==, "systeembeheerder");
  g_assert_cmpstr (json_object_get_string_member (kees, "fate"), ==, "lapses");
  g_assert_cmpstr (json_object_get_string_member (kees, "status"), ==, "draft");
  g_assert_true (json_object_get_null_member (kees, "to_role"));
  g_assert_nonnull (json_object_get_string_member (kees, "decision_expected"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kees, "intended")), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (kees, "intended"), 0), "role"),
    ==, "servicemanager");
  /* an objection to a decided role keeps someone on the list */
  gerrit = json_array_get_object_element (unplaced, 2);
  g_assert_cmpstr (json_object_get_string_member (gerrit, "status"), ==, "objection");
  g_assert_cmpstr (json_object_get_string_member (gerrit, "to_role"), ==, "servicemanager");

  placements = json_object_get_array_member (board, "placements");
  g_assert_cmpint (json_array_get_length (placements), ==,
                   count_sql (store, "SELECT count(*) FROM placement", NULL));

  totals = json_object_get_object_member (board, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "roles"), ==, 6);
  /* only the roles with FTE open are still to fill */
  g_assert_cmpint (json_object_get_int_member (totals, "roles_to_fill"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (totals, "fte"), ==, 12.0);
  g_assert_cmpfloat (json_object_get_double_member (totals, "fte_open"), ==, 2.0);
  g_assert_cmpint (json_object_get_int_member (totals, "n_confirmed"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (totals, "n_intended"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "over_placed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "unplaced"), ==, 11);

  helder_test_remove_db (path);
}

static void
test_board_rules (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) board = NULL;
  g_autoptr (JsonObject) placed = NULL;
  JsonObject *contract, *bram;

  helder_test_seed (store);

  /* Anna and Cor: systeembeheerder changes, nothing decided */
  board = helder_hr_board (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (board, "unplaced")), ==,
                    2);
  g_assert_nonnull (find_unplaced (board, 1));
  g_assert_nonnull (find_unplaced (board, 3));
  g_assert_null (find_unplaced (board, 2));
  contract = find_role (board, "contractmanager");
  g_assert_cmpfloat (json_object_get_double_member (contract, "fte_open"), ==, 1.5);
  g_clear_pointer (&board, json_object_unref);

  /* Anna: a decided role → placed by her role change (which confirms her
   * placement). Bram: a role that continues, but a role change with no
   * future role yet → to place. */
  json_object_unref (helder_test_create (
    store, "role_change", "{\"person\":1,\"to_role\":\"contractmanager\",\"status\":\"decided\"}"));
  json_object_unref (helder_test_create (store, "role_change",
                                         "{\"person\":2,\"decision_expected\":\"2030-01-15\"}"));
  board = helder_hr_board (store, &error);
  g_assert_no_error (error);
  contract = find_role (board, "contractmanager");
  g_assert_cmpint (json_object_get_int_member (contract, "n_confirmed"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (contract, "fte_open"), ==, 0.5);
  g_assert_false (json_object_get_boolean_member (contract, "over_placed"));
  g_clear_pointer (&board, json_object_unref);

  /* Cor: confirmed in the role → placed (and his role change decided) */
  placed = helder_test_create (
    store, "placement", "{\"person\":3,\"role\":\"contractmanager\",\"status\":\"confirmed\"}");
  board = helder_hr_board (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (board, "unplaced")), ==,
                    1);
  bram = find_unplaced (board, 2);
  g_assert_nonnull (bram);
  g_assert_cmpstr (json_object_get_string_member (bram, "decision_expected"), ==, "2030-01-15");
  g_assert_cmpstr (json_object_get_string_member (bram, "fate"), ==, "continues");
  contract = find_role (board, "contractmanager");
  g_assert_cmpint (json_object_get_int_member (contract, "n_confirmed"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (contract, "fte_open"), ==, -0.5);
  g_assert_true (json_object_get_boolean_member (contract, "over_placed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (contract, "role_changes")),
                    ==, 2);
  g_clear_pointer (&board, json_object_unref);

  /* an objection reopens Anna (her placement is intended again); Bram
   * confirmed instead over-fills the role once more */
  {
    g_autoptr (JsonObject) discussed = helder_test_object ("{\"status\":\"discussed\"}");
    g_autoptr (JsonObject) objection = helder_test_object ("{\"status\":\"objection\"}");
    const HelderEntity *rc = helder_entity_lookup ("role_change");
    g_autoptr (JsonObject) row = NULL;

    json_object_unref (
      helder_repo_update (store, rc, "1", discussed, HELDER_WRITE_DEFAULT, &error));
    g_assert_no_error (error);
    row = helder_repo_update (store, rc, "1", objection, HELDER_WRITE_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "linked")), ==, 1);
  }
  json_object_unref (helder_test_create (
    store, "placement", "{\"person\":2,\"role\":\"contractmanager\",\"status\":\"confirmed\"}"));
  board = helder_hr_board (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_unplaced (board, 1));
  g_assert_null (find_unplaced (board, 2));
  contract = find_role (board, "contractmanager");
  g_assert_cmpint (json_object_get_int_member (contract, "n_intended"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (contract, "n_planned"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (contract, "fte_open"), ==, -0.5);
  g_assert_cmpfloat (
    json_object_get_double_member (json_object_get_object_member (board, "totals"), "fte_open"), ==,
    0.0);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (board, "totals"), "roles_to_fill"),
    ==, 0);

  helder_test_remove_db (path);
}

/* ---- recording a placement ---------------------------------------------------- */

static void
test_place (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) placement = NULL;
  g_autoptr (JsonObject) again = NULL;
  g_autoptr (JsonObject) board = NULL;
  g_autoptr (JsonObject) changes = NULL;
  g_autoptr (JsonObject) withdrawn = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *key = NULL;
  JsonObject *anna;

  helder_test_seed (store);
  placement = helder_hr_place (store, "1", "contractmanager", "Wil graag; opleiding nodig", &error);
  g_assert_no_error (error);
  g_assert_nonnull (placement);
  g_assert_cmpint (json_object_get_int_member (placement, "person"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (placement, "role"), ==, "contractmanager");
  g_assert_cmpstr (json_object_get_string_member (placement, "status"), ==, "intended");
  g_assert_cmpstr (json_object_get_string_member (placement, "note"), ==,
                   "Wil graag; opleiding nodig");

  board = helder_hr_board (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (find_role (board, "contractmanager"), "n_intended"),
                   ==, 1);
  /* intended is not placed: Anna is still to place, with the role she is intended for */
  anna = find_unplaced (board, 1);
  g_assert_nonnull (anna);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (anna, "intended"), 0),
      "role_name"),
    ==, "Contractmanager");

  /* the same again is a conflict that names the person, and changes nothing */
  before = helder_test_fingerprint (store);
  again = helder_hr_place (store, "anna@voorbeeld.nl", "contractmanager", NULL, &error);
  g_assert_null (again);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "person: "));
  g_assert_nonnull (strstr (error->message, "Anna de Vries"));
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* withdrawn, then intended again: the same row comes back */
  key = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (placement, "id"));
  changes = helder_test_object ("{\"status\":\"withdrawn\"}");
  withdrawn = helder_repo_update (store, helder_entity_lookup ("placement"), key, changes,
                                  HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  again = helder_hr_place (store, "anna@voorbeeld.nl", "contractmanager", "Toch weer", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (again, "id"), ==,
                   json_object_get_int_member (placement, "id"));
  g_assert_cmpstr (json_object_get_string_member (again, "status"), ==, "intended");
  g_assert_cmpstr (json_object_get_string_member (again, "note"), ==, "Toch weer");

  helder_test_remove_db (path);
}

/* The person as HR types them: an id, an e-mail address, the whole name or
 * a part of it, whatever the case and accents. */
static void
test_place_by_name (void)
{
  static const struct
  {
    const char *typed;
    const char *name;
  } cases[] = {
    { "2", "Bram Jansen" },           { "BRAM@voorbeeld.nl", "Bram Jansen" },
    { "bram jansen", "Bram Jansen" }, { "Jans", "Bram Jansen" },
    { "loïs", "Loïs Çelik" },         { "LOIS CELIK", "Loïs Çelik" },
    { "celik", "Loïs Çelik" },
  };
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);

  helder_test_seed (store);
  json_object_unref (helder_test_create (
    store, "person",
    "{\"name\":\"Loïs Çelik\",\"email\":\"lois@voorbeeld.nl\",\"role\":\"systeembeheerder\"}"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) placement = NULL;
      g_autoptr (JsonObject) changes = helder_test_object ("{\"status\":\"withdrawn\"}");
      g_autoptr (JsonObject) withdrawn = NULL;
      g_autofree char *key = NULL;

      g_test_message ("typed “%s”", cases[i].typed);
      placement = helder_hr_place (store, cases[i].typed, "contractmanager", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (json_object_get_int_member (placement, "person"), ==,
                       count_sql (store, "SELECT id FROM person WHERE name = ?1", cases[i].name));
      /* withdrawn again, so the next case can place anew */
      key = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (placement, "id"));
      withdrawn = helder_repo_update (store, helder_entity_lookup ("placement"), key, changes,
                                      HELDER_WRITE_DEFAULT, &error);
      g_assert_no_error (error);
    }
  helder_test_remove_db (path);
}

static void
test_place_refused (void)
{
  static const struct
  {
    const char *person;
    const char *role;
    const char *field;
    gint code;
    const char *in_message;
  } cases[] = {
    { "1", "servicedesk", "role: ", HELDER_ERROR_INVALID, "not a role to fill" },
    { "1", "systeembeheerder", "role: ", HELDER_ERROR_INVALID, "systeembeheerder" },
    { "1", "nope", "role: ", HELDER_ERROR_INVALID, "nope" },
    { "999", "contractmanager", "person: ", HELDER_ERROR_INVALID, "999" },
    { "jan@", "contractmanager", "person: ", HELDER_ERROR_INVALID, "jan@" },
    { "Niemand", "contractmanager", "person: ", HELDER_ERROR_INVALID, "Niemand" },
    /* part of more than one name: the candidates are listed */
    { "an", "contractmanager", "person: ", HELDER_ERROR_INVALID, "Bram Jansen" },
    { "an", "contractmanager", "person: ", HELDER_ERROR_INVALID, "Anna de Vries" },
    { "", "contractmanager", "person: ", HELDER_ERROR_INVALID, NULL },
    { "1", "", "role: ", HELDER_ERROR_INVALID, NULL },
  };
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autofree char *before = NULL;
  g_autofree char *long_note = NULL;

  helder_test_seed (store);
  before = helder_test_fingerprint (store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) placement =
        helder_hr_place (store, cases[i].person, cases[i].role, NULL, &error);
      g_autofree char *after = NULL;

      g_test_message ("case %u: person “%s”, role “%s”", i, cases[i].person, cases[i].role);
      g_assert_null (placement);
      g_assert_error (error, HELDER_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].field))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].field);
      if (cases[i].in_message != NULL && strstr (error->message, cases[i].in_message) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].in_message);
      after = helder_test_fingerprint (store);
      g_assert_cmpstr (before, ==, after);
    }

  /* a note over the limit names the note */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonObject) placement = NULL;
    g_autofree char *after = NULL;

    long_note = g_strnfill (200 * 1024, 'x');
    placement = helder_hr_place (store, "1", "contractmanager", long_note, &error);
    g_assert_null (placement);
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "note: "));
    after = helder_test_fingerprint (store);
    g_assert_cmpstr (before, ==, after);
  }

  helder_test_remove_db (path);
}

/* ---- over HTTP ---------------------------------------------------------------- */

static gint64
audit_count (HelderStore *store, const char *action, const char *entity)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT count(*) FROM audit_entry WHERE action = ?1 AND entity = ?2", NULL);

  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_html (HelderWebTestResponse *response, guint status)
{
  if (response->status != status)
    g_error ("expected status %u, got %u: %.400s", status, response->status, response->text);
  g_assert_true (g_str_has_prefix (response->content_type, "text/html"));
  g_assert_true (g_str_has_prefix (response->text, "<!doctype html>"));
}

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in the page", needle);
}

static void
test_http_board (void)
{
  HelderWebTest *test = helder_web_test_start ();
  gint64 reads = audit_count (test->store, "read", "hr_board");

  {
    g_autoptr (HelderWebTestResponse) response = helder_web_test_get (test, "/hr", &test->hr);

    assert_html (response, 200);
    assert_contains (response->text, "<h1>HR board</h1>");
    assert_contains (response->text, "Technisch regisseur infrastructuur");
    assert_contains (response->text, "Kees de Jong");
    assert_contains (response->text, "aria-current=\"page\"");
    assert_contains (response->text, "name=\"csrf\"");
    /* the tiles' words agree with their numbers: one person is intended */
    assert_contains (response->text, "<span class=\"dash-stat__value\">1</span> <span "
                                     "class=\"dash-stat__label\">person intended</span>");
    g_assert_cmpint (audit_count (test->store, "read", "hr_board"), ==, reads + 1);
  }
  {
    /* the advisor may look too; employees may not */
    g_autoptr (HelderWebTestResponse) advisor = helder_web_test_get (test, "/hr", &test->advisor);
    g_autoptr (HelderWebTestResponse) employee = helder_web_test_get (test, "/hr", &test->employee);
    g_autoptr (HelderWebTestResponse) anonymous = helder_web_test_get (test, "/hr", NULL);

    assert_html (advisor, 200);
    g_assert_cmpuint (employee->status, ==, 403);
    g_assert_cmpuint (anonymous->status, !=, 200);
  }
  {
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_get (test, "/api/v1/hr/board", &test->hr);
    g_autoptr (JsonNode) root = NULL;
    JsonObject *board;

    g_assert_cmpuint (response->status, ==, 200);
    root = helder_web_test_json (response);
    board = json_node_get_object (root);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (board, "roles")), ==, 6);
    g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (board, "totals"), "unplaced"), ==,
      json_array_get_length (json_object_get_array_member (board, "unplaced")));
    g_assert_cmpint (audit_count (test->store, "read", "hr_board"), ==, reads + 3);
  }
  {
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_get (test, "/api/v1/hr/board", &test->employee);

    helder_web_test_assert_error (response, 403, NULL, NULL);
  }
  helder_web_test_stop (test);
}

static void
test_http_place (void)
{
  HelderWebTest *test = helder_web_test_start ();
  g_autofree char *before = helder_test_fingerprint (test->store);
  g_autofree char *after = NULL;
  g_autofree char *location = NULL;
  gint64 creates = audit_count (test->store, "create", "placement");
  gint64 placements = count_sql (test->store, "SELECT count(*) FROM placement", NULL);
  gint64 person = count_sql (test->store, "SELECT id FROM person WHERE name = ?1", "Thijs Brouwer");

  {
    /* no CSRF token: refused, nothing changed */
    g_autofree char *body =
      g_strdup_printf ("person=%" G_GINT64_FORMAT "&role=servicemanager", person);
    g_autoptr (HelderWebTestResponse) response = helder_web_test_request (
      test, "POST", "/hr/placements", &test->hr, "cookie", "application/x-www-form-urlencoded",
      body, -1, "Sec-Fetch-Site", "same-origin", NULL);

    g_assert_cmpuint (response->status, ==, 403);
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
    g_clear_pointer (&after, g_free);
  }
  {
    g_autofree char *form =
      g_strdup_printf ("person=%" G_GINT64_FORMAT "&role=servicemanager&csrf=wrong", person);
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_post_form (test, "/hr/placements", &test->hr, form);

    g_assert_cmpuint (response->status, ==, 403);
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
    g_clear_pointer (&after, g_free);
  }
  {
    /* a role that is not to be filled: 400, the message next to the role */
    g_autofree char *form =
      g_strdup_printf ("person=%" G_GINT64_FORMAT "&role=systeembeheerder&note=Hallo", person);
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_post_form (test, "/hr/placements", &test->hr, form);

    assert_html (response, 400);
    assert_contains (response->text, "id=\"hr-role-error\"");
    assert_contains (response->text, "is not a role to fill");
    assert_contains (response->text, "aria-describedby=\"hr-role-error\"");
    assert_contains (response->text, "class=\"error-summary\"");
    assert_contains (response->text, "href=\"#hr-role\"");
    /* what was typed is kept */
    assert_contains (response->text, ">Hallo</textarea>");
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
    g_clear_pointer (&after, g_free);
  }
  {
    g_autoptr (HelderWebTestResponse) response = helder_web_test_post_form (
      test, "/hr/placements", &test->hr, "person=99999&role=servicemanager");

    assert_html (response, 400);
    assert_contains (response->text, "id=\"hr-person-error\"");
    assert_contains (response->text, "99999");
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
    g_clear_pointer (&after, g_free);
  }
  {
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_post_form (test, "/hr/placements", &test->hr, "person=&role=servicemanager");

    assert_html (response, 400);
    assert_contains (response->text, "id=\"hr-person-error\"");
  }
  {
    g_autoptr (HelderWebTestResponse) response = helder_web_test_post_form (
      test, "/hr/placements", &test->hr, "person=1&role=servicemanager&status=confirmed");

    assert_html (response, 400);
    assert_contains (response->text, "Status"); /* the unknown field, named (as a sentence) */
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
    g_clear_pointer (&after, g_free);
  }
  {
    /* it works: 303 back to the board, one row more, audited */
    g_autofree char *form =
      g_strdup_printf ("person=%" G_GINT64_FORMAT "&role=servicemanager&note=%s", person,
                       "Gesprek+%26+%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_post_form (test, "/hr/placements", &test->hr, form);

    g_assert_cmpuint (response->status, ==, 303);
    location = g_strdup (soup_message_headers_get_one (response->headers, "Location"));
    g_assert_true (g_str_has_prefix (location, "/hr?placed="));
    g_assert_cmpint (count_sql (test->store, "SELECT count(*) FROM placement", NULL), ==,
                     placements + 1);
    g_assert_cmpint (
      count_sql (
        test->store,
        "SELECT count(*) FROM placement WHERE role = 'servicemanager' AND status = 'intended'"
        " AND note = 'Gesprek & <script>alert(1)</script>' AND person = (SELECT id FROM person WHERE name = ?1)",
        "Thijs Brouwer"),
      ==, 1);
    g_assert_cmpint (audit_count (test->store, "create", "placement"), ==, creates + 1);
  }
  {
    /* the board says so; the note is Markdown in safe mode: text escaped,
     * raw HTML left out */
    g_autoptr (HelderWebTestResponse) response = helder_web_test_get (test, location, &test->hr);

    assert_html (response, 200);
    assert_contains (response->text,
                     "Recorded: Thijs Brouwer is intended for the role “Servicemanager”.");
    assert_contains (response->text, "Gesprek &amp;");
    g_assert_null (strstr (response->text, "<script"));
  }
  {
    /* twice is a conflict, the message next to the person */
    g_autofree char *form =
      g_strdup_printf ("person=%" G_GINT64_FORMAT "&role=servicemanager", person);
    g_autoptr (HelderWebTestResponse) response = NULL;

    g_free (before);
    before = helder_test_fingerprint (test->store);
    response = helder_web_test_post_form (test, "/hr/placements", &test->hr, form);
    assert_html (response, 409);
    assert_contains (response->text, "id=\"hr-person-error\"");
    assert_contains (response->text, "already intended");
    after = helder_test_fingerprint (test->store);
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autoptr (HelderWebTestResponse) response = helder_web_test_post_form (
      test, "/hr/placements", &test->employee, "person=1&role=servicemanager");

    g_assert_cmpuint (response->status, ==, 403);
  }
  helder_web_test_stop (test);
}

static void
test_http_audit (void)
{
  HelderWebTest *test = helder_web_test_start ();
  HelderAuditActor actor = { 0, "helder CLI", "cli" };
  g_autoptr (GError) error = NULL;
  gint64 total;

  /* enough entries for two pages */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *detail = g_strdup_printf ("entry <%u>", i);
      g_assert_true (
        helder_audit_record (test->store, &actor, "read", "person", "5", 5, detail, &error));
      g_assert_no_error (error);
    }
  total = count_sql (test->store, "SELECT count(*) FROM audit_entry", NULL);

  {
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_get (test, "/audit", &test->advisor);

    assert_html (response, 200);
    assert_contains (response->text, "<h1>Audit log</h1>");
    /* newest first, escaped */
    assert_contains (response->text, "entry &lt;59&gt;");
    g_assert_null (strstr (response->text, "entry &lt;0&gt;"));
    assert_contains (response->text, "href=\"/audit?page=2\"");
    assert_contains (response->text, "command line");
  }
  {
    g_autofree char *last = g_strdup_printf ("/audit?page=%" G_GINT64_FORMAT, (total + 49) / 50);
    g_autoptr (HelderWebTestResponse) response = helder_web_test_get (test, last, &test->advisor);

    assert_html (response, 200);
    g_assert_null (strstr (response->text, "rel=\"next\""));
    assert_contains (response->text, "rel=\"prev\"");
  }
  {
    g_autoptr (HelderWebTestResponse) bad =
      helder_web_test_get (test, "/audit?page=abc", &test->advisor);
    g_autoptr (HelderWebTestResponse) zero =
      helder_web_test_get (test, "/audit?page=0", &test->advisor);
    g_autoptr (HelderWebTestResponse) far =
      helder_web_test_get (test, "/audit?page=999", &test->advisor);
    g_autoptr (HelderWebTestResponse) hr = helder_web_test_get (test, "/audit", &test->hr);
    g_autoptr (HelderWebTestResponse) employee =
      helder_web_test_get (test, "/audit", &test->employee);

    assert_html (bad, 400);
    assert_contains (bad->text, "Page: “abc” is not a whole number");
    assert_html (zero, 400);
    assert_html (far, 404);
    assert_contains (far->text, "there is no page 999");
    g_assert_cmpuint (hr->status, ==, 403);
    g_assert_cmpuint (employee->status, ==, 403);
  }
  {
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_get (test, "/api/v1/audit?limit=2&offset=1", &test->advisor);
    g_autoptr (JsonNode) root = NULL;
    JsonObject *body;
    JsonArray *items;

    g_assert_cmpuint (response->status, ==, 200);
    root = helder_web_test_json (response);
    body = json_node_get_object (root);
    items = json_object_get_array_member (body, "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_cmpint (json_object_get_int_member (body, "limit"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (body, "offset"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (body, "total"), >=, total);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"), >,
                     json_object_get_int_member (json_array_get_object_element (items, 1), "id"));
    /* offset 1 skips the newest (the 60th made above) */
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (items, 0), "detail"), ==,
      "entry <58>");
  }
  {
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_get (test, "/api/v1/audit", &test->advisor);
    g_autoptr (JsonNode) root = NULL;

    g_assert_cmpuint (response->status, ==, 200);
    root = helder_web_test_json (response);
    g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (json_node_get_object (root), "items")),
      ==, 50);
  }
  {
    static const struct
    {
      const char *path;
      const char *field;
    } bad[] = {
      { "/api/v1/audit?limit=0", "limit" },     { "/api/v1/audit?limit=501", "limit" },
      { "/api/v1/audit?limit=ten", "limit" },   { "/api/v1/audit?offset=-1", "offset" },
      { "/api/v1/audit?offset=1.5", "offset" }, { "/api/v1/audit?page=2", "page" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (HelderWebTestResponse) response =
          helder_web_test_get (test, bad[i].path, &test->advisor);

        g_test_message ("%s", bad[i].path);
        helder_web_test_assert_error (response, 400, bad[i].field, bad[i].field);
      }
  }
  {
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_get (test, "/api/v1/audit", &test->hr);

    helder_web_test_assert_error (response, 403, NULL, NULL);
  }
  helder_web_test_stop (test);
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/hr/board/demo", test_board_demo);
  g_test_add_func ("/hr/board/rules", test_board_rules);
  g_test_add_func ("/hr/place/ok", test_place);
  g_test_add_func ("/hr/place/by-name", test_place_by_name);
  g_test_add_func ("/hr/place/refused", test_place_refused);
  g_test_add_func ("/hr/http/board", test_http_board);
  g_test_add_func ("/hr/http/place", test_http_place);
  g_test_add_func ("/hr/http/audit", test_http_audit);

  return g_test_run ();
}
