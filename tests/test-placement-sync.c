/* test-placement-sync.c — a role change and an HR placement tell one story
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule of services/repo/helder-placement-sync.h, from every side: the
 * repository (what the API's generic routes use), HR's confirm and
 * withdraw, the command line and the web forms on /hr; each change in one
 * transaction with its audit entries, each refusal changing nothing. And
 * the warning about a "what changes" text that contradicts the status.
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/repo/helder-placement-sync.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-demo.h"
#include "services/views/helder-hr.h"
#include "services/views/helder-role-change-text.h"

static gint64
sql_int (HelderStore *store, const char *sql, const char *text)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
sql_text (HelderStore *store, const char *sql, const char *text)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
assert_sql_text (HelderStore *store, const char *sql, const char *expected)
{
  g_autofree char *value = sql_text (store, sql, NULL);

  g_assert_cmpstr (value, ==, expected);
}

static void
assert_agree (HelderStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) disagreements = helder_placement_sync_disagreements (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (disagreements), ==, 0);
}

static JsonObject *
update (HelderStore *store, const char *entity, const char *key, const char *json, GError **error)
{
  g_autoptr (JsonObject) changes = helder_test_object (json);

  return helder_repo_update (store, helder_entity_lookup (entity), key, changes,
                             HELDER_WRITE_DEFAULT, error);
}

/* The seed with a second role to fill: "servicemanager" (regie, 2 FTE). */
static HelderStore *
seeded (char **path)
{
  HelderStore *store = helder_test_store_new (path);

  helder_test_seed (store);
  json_object_unref (helder_test_create (
    store, "role",
    "{\"slug\":\"servicemanager\",\"name\":\"Servicemanager\",\"kind\":\"regie\",\"fate\":\"new\","
    "\"fte\":2}"));
  return store;
}

/* HR confirms: the role change follows; HR withdraws: it reopens. */
static void
test_confirm_decides (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = seeded (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) placement = NULL;
  g_autoptr (JsonObject) confirmed = NULL;
  g_autoptr (JsonObject) withdrawn = NULL;
  g_autoptr (JsonObject) change = NULL;
  g_autofree char *key = NULL;
  JsonArray *linked;

  /* Anna: not decided yet, a draft role change */
  json_object_unref (helder_test_create (store, "role_change",
                                         "{\"person\":1,\"decision_expected\":\"2030-01-15\"}"));
  placement = helder_hr_place (store, "1", "contractmanager", NULL, &error);
  g_assert_no_error (error);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (placement, "id"));
  /* intended is no decision: the role change stays as it was */
  change = helder_repo_get (store, helder_entity_lookup ("role_change"), "1", &error);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "draft");
  g_assert_true (json_object_get_null_member (change, "to_role"));
  g_clear_pointer (&change, json_object_unref);

  confirmed = helder_hr_confirm (store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (confirmed, "status"), ==, "confirmed");
  linked = json_object_get_array_member (confirmed, "linked");
  g_assert_cmpuint (json_array_get_length (linked), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (linked, 0), "entity"), ==,
    "role_change");
  change = helder_repo_get (store, helder_entity_lookup ("role_change"), "1", &error);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "decided");
  g_assert_cmpstr (json_object_get_string_member (change, "to_role"), ==, "contractmanager");
  g_clear_pointer (&change, json_object_unref);
  assert_agree (store);

  withdrawn = helder_hr_withdraw (store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (withdrawn, "status"), ==, "withdrawn");
  change = helder_repo_get (store, helder_entity_lookup ("role_change"), "1", &error);
  /* reopened: back to draft, the role kept as the proposal */
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (change, "to_role"), ==, "contractmanager");
  assert_agree (store);

  /* Cor has no role change at all: confirming makes one, decided */
  g_clear_pointer (&placement, json_object_unref);
  placement = helder_test_create (
    store, "placement", "{\"person\":3,\"role\":\"servicemanager\",\"status\":\"confirmed\"}");
  linked = json_object_get_array_member (placement, "linked");
  g_assert_cmpuint (json_array_get_length (linked), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (linked, 0), "action"), ==,
    "create");
  g_assert_cmpint (
    sql_int (store,
             "SELECT count(*) FROM role_change WHERE person = 3 AND to_role = 'servicemanager'"
             " AND status = 'decided' AND from_role = 'systeembeheerder'",
             NULL),
    ==, 1);
  assert_agree (store);
  helder_test_remove_db (path);
}

/* The advisor decides: the placement follows, whatever the path. */
static void
test_role_change_confirms (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = seeded (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;

  /* intended by HR first, then decided by the advisor: the same row */
  json_object_unref (helder_hr_place (store, "1", "contractmanager", "Opleiding nodig", &error));
  g_assert_no_error (error);
  json_object_unref (helder_test_create (
    store, "role_change", "{\"person\":1,\"to_role\":\"contractmanager\",\"status\":\"draft\"}"));
  assert_sql_text (store, "SELECT status FROM placement WHERE person = 1", "intended");
  row = update (store, "role_change", "1", "{\"status\":\"decided\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "linked")), ==, 1);
  g_assert_cmpint (sql_int (store,
                            "SELECT count(*) FROM placement WHERE person = 1"
                            " AND role = 'contractmanager' AND status = 'confirmed'"
                            " AND note = 'Opleiding nodig'",
                            NULL),
                   ==, 1);
  assert_agree (store);
  g_clear_pointer (&row, json_object_unref);

  /* another role to fill: the first placement is open again, the new
   * one confirmed (created) */
  row = update (store, "role_change", "1", "{\"to_role\":\"servicemanager\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "linked")), ==, 2);
  assert_sql_text (store,
                   "SELECT status FROM placement WHERE person = 1 AND role = 'contractmanager'",
                   "intended");
  assert_sql_text (store,
                   "SELECT status FROM placement WHERE person = 1 AND role = 'servicemanager'",
                   "confirmed");
  assert_agree (store);
  g_clear_pointer (&row, json_object_unref);

  /* discussed keeps it; an objection reopens it */
  json_object_unref (update (store, "role_change", "1", "{\"status\":\"discussed\"}", &error));
  g_assert_no_error (error);
  assert_sql_text (store,
                   "SELECT status FROM placement WHERE person = 1 AND role = 'servicemanager'",
                   "confirmed");
  json_object_unref (update (store, "role_change", "1", "{\"status\":\"objection\"}", &error));
  g_assert_no_error (error);
  assert_sql_text (
    store, "SELECT status FROM placement WHERE person = 1 AND role = 'servicemanager'", "intended");
  assert_agree (store);

  /* a role that is not to fill decides nothing HR keeps */
  json_object_unref (helder_test_create (
    store, "role_change", "{\"person\":2,\"to_role\":\"servicedesk\",\"status\":\"decided\"}"));
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM placement WHERE person = 2", NULL), ==, 0);
  helder_test_remove_db (path);
}

/* What cannot follow is refused, naming why, and changes nothing. */
static void
test_refusals (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = seeded (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) placement = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *key = NULL;

  /* Anna was told she goes to Servicemanager (discussed); HR confirming
   * her for Contractmanager would contradict what she heard */
  json_object_unref (helder_test_create (
    store, "role_change", "{\"person\":1,\"to_role\":\"servicemanager\",\"status\":\"decided\"}"));
  json_object_unref (update (store, "role_change", "1", "{\"status\":\"discussed\"}", &error));
  g_assert_no_error (error);
  placement = helder_hr_place (store, "1", "contractmanager", NULL, &error);
  g_assert_no_error (error);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (placement, "id"));
  before = helder_test_fingerprint (store);
  g_assert_null (helder_hr_confirm (store, key, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Anna de Vries"));
  g_assert_nonnull (strstr (error->message, "Servicemanager"));
  g_clear_error (&error);
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* a second confirmed placement for the same person */
  g_assert_null (update (store, "placement", key, "{\"status\":\"confirmed\"}", &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_clear_error (&error);
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* the same placement twice: refused by name, not by the database */
  {
    g_autoptr (JsonObject) twice =
      helder_test_object ("{\"person\":1,\"role\":\"contractmanager\"}");

    g_assert_null (helder_repo_create (store, helder_entity_lookup ("placement"), twice,
                                       HELDER_WRITE_DEFAULT, &error));
  }
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_assert_true (
    g_str_has_prefix (error->message, "person: Anna de Vries already has a placement"));
  g_clear_error (&error);

  /* a decision is not deleted: not the placement, not the role change */
  g_assert_false (helder_repo_delete (store, helder_entity_lookup ("placement"), "1", &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (helder_repo_delete (store, helder_entity_lookup ("role_change"), "1", &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_clear_error (&error);

  /* wrong states and unknown placements */
  g_assert_null (helder_hr_confirm (store, "1", &error)); /* confirmed already */
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (helder_hr_confirm (store, "999", &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "placement: there is no placement “999”");
  g_clear_error (&error);
  g_assert_null (helder_hr_withdraw (store, "twee", &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  json_object_unref (helder_hr_withdraw (store, key, &error));
  g_assert_no_error (error);
  g_assert_null (helder_hr_withdraw (store, key, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (helder_hr_confirm (store, key, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "withdrawn"));
  assert_agree (store);
  helder_test_remove_db (path);
}

/* The reproduction on the command line, in Dutch: the role
 * change, its placement and the audit entries of both; the warning about
 * the text that still says "nog niet besloten". */
static void
test_cli (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  const char *const dutch[] = { "LANGUAGE=nl", "LANG=C.UTF-8", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 kees_placement;
  g_autofree char *kees_key = NULL;
  g_autofree char *confirmed_key = NULL;
  int status;

  g_assert_true (helder_demo_load (store, "2026-12-04", 0, &error));
  g_assert_no_error (error);
  kees_placement = sql_int (
    store, "SELECT pl.id FROM placement pl JOIN person p ON p.id = pl.person WHERE p.name = ?1",
    "Kees de Jong");
  kees_key = g_strdup_printf ("%" G_GINT64_FORMAT, kees_placement);

  status = helder_test_run (path, dutch, &out, &err, "role-change", "update", "8", "--to-role",
                            "servicemanager", "--status", "decided", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Let op: de tekst bij “wat verandert” zegt “nog niet besloten”,"
                                 " maar de status is besloten"));
  g_assert_cmpint (sql_int (store,
                            "SELECT count(*) FROM placement WHERE id = ?1 AND status = 'confirmed'",
                            kees_key),
                   ==, 1);
  /* both changes audited, the placement with the same actor */
  g_assert_cmpint (
    sql_int (store,
             "SELECT count(*) FROM audit_entry WHERE entity = 'role_change' AND record = '8'"
             " AND action = 'update'",
             NULL),
    ==, 1);
  g_assert_cmpint (
    sql_int (store,
             "SELECT count(*) FROM audit_entry a WHERE entity = 'placement' AND action = 'update'"
             " AND record = ?1 AND actor_role = (SELECT actor_role FROM audit_entry"
             " WHERE entity = 'role_change' AND record = '8')",
             kees_key),
    ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* show says it too, until the text is changed */
  status = helder_test_run (path, dutch, &out, &err, "role-change", "show", "8", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "nog niet besloten”, maar de status is besloten"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (path, dutch, &out, &err, "role-change", "update", "8", "--changes",
                            "Je wordt **servicemanager**.", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "Let op"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* HR withdraws on the command line: the role change reopens */
  {
    status = helder_test_run (path, NULL, &out, &err, "placement", "update", kees_key, "--status",
                              "withdrawn", NULL);
    g_assert_cmpint (status, ==, 0);
    assert_sql_text (store, "SELECT status FROM role_change WHERE id = 8", "draft");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* a refusal on the command line: exit 1, a message, nothing changed */
  before = helder_test_fingerprint (store);
  confirmed_key = g_strdup_printf (
    "%" G_GINT64_FORMAT,
    sql_int (store, "SELECT id FROM placement WHERE status = 'confirmed' ORDER BY id LIMIT 1",
             NULL));
  status = helder_test_run (path, NULL, &out, &err, "placement", "delete", confirmed_key, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "is confirmed: withdraw it first"));
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
  assert_agree (store);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* rows restored from an old export may disagree: the doctor says so */
  g_assert_true (helder_store_exec (
    store, "UPDATE placement SET status = 'intended' WHERE person = 10", &error));
  g_assert_no_error (error);
  status = helder_test_run (path, dutch, &out, &err, "doctor", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Pieter Bakker: de plaatsing voor “technisch-regisseur” is beoogd,"
                                 " de rolwijziging is geaccepteerd"));
  helder_test_remove_db (path);
}

static void
test_text_warning (void)
{
  static const struct
  {
    const char *status;
    const char *changes;
    gboolean warns;
  } cases[] = {
    { "decided", "Welke rol je krijgt, is **nog niet besloten**.", TRUE },
    { "discussed", "Welke rol je krijgt, is nog\nniet _besloten_.", TRUE },
    { "accepted", "Your new role has not been decided yet.", TRUE },
    { "draft", "Welke rol je krijgt, is **nog niet besloten**.", FALSE },
    { "objection", "Het is nog niet besloten.", FALSE },
    { "decided", "Je wordt **servicemanager**; het besluit is genomen.", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) row = json_object_new ();
      g_autoptr (JsonArray) warnings = NULL;

      json_object_set_string_member (row, "status", cases[i].status);
      json_object_set_string_member (row, "changes", cases[i].changes);
      warnings = helder_role_change_text_warnings (row);
      g_assert_cmpuint (json_array_get_length (warnings), ==, cases[i].warns ? 1 : 0);
      if (cases[i].warns)
        g_assert_cmpstr (
          json_object_get_string_member (json_array_get_object_element (warnings, 0), "code"), ==,
          "text-undecided");
    }
}

/* ---- the web: /hr confirms and withdraws --------------------------------- */

static void
assert_status (HelderWebTestResponse *response, guint status)
{
  if (response->status != status)
    g_error ("expected status %u, got %u: %.400s", status, response->status, response->text);
}

static void
assert_unchanged (HelderWebTest *test, const char *before)
{
  g_autofree char *after = helder_test_fingerprint (test->store);

  g_assert_cmpstr (before, ==, after);
}

static void
test_web (void)
{
  HelderWebTest *test = helder_web_test_start ();
  g_autofree char *before = NULL;
  g_autofree char *kees = g_strdup_printf (
    "%" G_GINT64_FORMAT, sql_int (test->store,
                                  "SELECT pl.id FROM placement pl JOIN person p ON p.id = pl.person"
                                  " WHERE p.name = ?1 AND pl.status = 'intended'",
                                  "Kees de Jong"));
  g_autofree char *confirm = g_strdup_printf ("/hr/placements/%s/confirm", kees);
  g_autofree char *withdraw = g_strdup_printf ("/hr/placements/%s/withdraw", kees);
  g_autofree char *location = NULL;
  gint64 kees_id = sql_int (test->store, "SELECT id FROM person WHERE name = ?1", "Kees de Jong");

  {
    /* the board offers both buttons for the intended placement */
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (test, "/hr", &test->hr);
    g_autofree char *action = g_strdup_printf ("action=\"%s\"", confirm);

    assert_status (r, 200);
    g_assert_nonnull (strstr (r->text, action));
  }
  /* reading the board is audited; from here on, refusals change nothing */
  before = helder_test_fingerprint (test->store);
  {
    /* no CSRF token */
    g_autoptr (HelderWebTestResponse) r = helder_web_test_request (
      test, "POST", confirm, &test->hr, "cookie", "application/x-www-form-urlencoded", "", -1,
      "Sec-Fetch-Site", "same-origin", NULL);

    assert_status (r, 403);
    assert_unchanged (test, before);
  }
  {
    /* a wrong one, and one from another site */
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (test, confirm, &test->hr, "csrf=wrong");
    g_autoptr (HelderWebTestResponse) r2 = helder_web_test_request (
      test, "POST", confirm, &test->hr, "cookie", "application/x-www-form-urlencoded", "", -1,
      "Sec-Fetch-Site", "cross-site", NULL);

    assert_status (r, 403);
    assert_status (r2, 403);
    assert_unchanged (test, before);
  }
  {
    /* an employee may not, whatever the token */
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (test, confirm, &test->employee, NULL);

    assert_status (r, 403);
    assert_unchanged (test, before);
  }
  {
    /* unknown placements, and a field the form does not have */
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (test, "/hr/placements/99999/confirm", &test->hr, NULL);
    g_autoptr (HelderWebTestResponse) r2 =
      helder_web_test_post_form (test, "/hr/placements/abc/withdraw", &test->hr, NULL);
    g_autoptr (HelderWebTestResponse) r3 =
      helder_web_test_post_form (test, confirm, &test->hr, "status=confirmed");

    assert_status (r, 404);
    g_assert_nonnull (strstr (r->text, "99999"));
    assert_status (r2, 404);
    assert_status (r3, 400);
    g_assert_nonnull (strstr (r3->text, "status"));
    assert_unchanged (test, before);
  }
  {
    /* a wrong state: a confirmed placement is not confirmed again */
    g_autofree char *other = g_strdup_printf (
      "/hr/placements/%" G_GINT64_FORMAT "/confirm",
      sql_int (test->store, "SELECT id FROM placement WHERE status = 'confirmed' LIMIT 1", NULL));
    g_autoptr (HelderWebTestResponse) r = helder_web_test_post_form (test, other, &test->hr, NULL);

    assert_status (r, 409);
    g_assert_nonnull (strstr (r->text, "confirmed already"));
    assert_unchanged (test, before);
  }
  {
    /* it works: the role change follows, both audited as HR */
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (test, confirm, &test->hr, NULL);
    g_autofree char *who = NULL;

    assert_status (r, 303);
    location = g_strdup (soup_message_headers_get_one (r->headers, "Location"));
    g_assert_true (g_str_has_prefix (location, "/hr?confirmed="));
    who = g_strdup_printf ("%" G_GINT64_FORMAT, kees_id);
    g_assert_cmpint (
      sql_int (test->store,
               "SELECT count(*) FROM role_change WHERE person = ?1 AND status = 'decided'"
               " AND to_role = 'servicemanager'",
               who),
      ==, 1);
    g_assert_cmpint (sql_int (test->store,
                              "SELECT count(*) FROM audit_entry WHERE actor_role = 'hr'"
                              " AND action = 'update' AND entity IN ('placement', 'role_change')"
                              " AND subject = ?1",
                              who),
                     ==, 2);
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (test, location, &test->hr);

    assert_status (r, 200);
    g_assert_nonnull (strstr (r->text, "Confirmed: Kees de Jong for the role “Servicemanager”."));
  }
  {
    /* withdrawn: the role change is open again */
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_post_form (test, withdraw, &test->hr, NULL);
    g_autoptr (HelderWebTestResponse) again =
      helder_web_test_post_form (test, withdraw, &test->hr, NULL);
    g_autofree char *who = g_strdup_printf ("%" G_GINT64_FORMAT, kees_id);

    assert_status (r, 303);
    g_assert_cmpint (
      sql_int (test->store,
               "SELECT count(*) FROM role_change WHERE person = ?1 AND status = 'draft'", who),
      ==, 1);
    assert_status (again, 409);
  }
  assert_agree (test->store);
  helder_web_test_stop (test);
}

/* The over-placement warning on the board, and the API that follows the
 * rule too (PATCH a placement). */
static void
test_web_over_placed (void)
{
  HelderWebTest *test = helder_web_test_start ();
  gint64 gerrit = sql_int (test->store, "SELECT id FROM person WHERE name = ?1", "Gerrit Mulder");
  g_autofree char *body =
    g_strdup_printf ("{\"role\":\"servicemanager\",\"person\":%" G_GINT64_FORMAT "}", gerrit);
  g_autofree char *path = NULL;
  g_autofree char *who = g_strdup_printf ("%" G_GINT64_FORMAT, gerrit);

  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (test, "POST", "/api/v1/placements", &test->hr, body);
    g_autoptr (JsonNode) node = NULL;

    assert_status (r, 201);
    node = helder_web_test_json (r);
    path = g_strdup_printf ("/api/v1/placements/%" G_GINT64_FORMAT,
                            json_object_get_int_member (json_node_get_object (node), "id"));
  }
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (test, "/hr", &test->hr);

    assert_status (r, 200);
    g_assert_nonnull (strstr (r->text, "Servicemanager: 4 people intended or confirmed for 3 FTE"));
  }
  {
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (test, "GET", "/api/v1/status", &test->advisor, NULL);

    assert_status (r, 200);
    g_assert_nonnull (strstr (r->text, "\"over_placed\""));
    g_assert_nonnull (strstr (r->text, "\"servicemanager\""));
  }
  {
    /* Gerrit objected to Servicemanager; HR confirming him through the
     * API decides his role change again, audited with HR as the actor */
    g_autoptr (HelderWebTestResponse) r =
      helder_web_test_send_json (test, "PATCH", path, &test->hr, "{\"status\":\"confirmed\"}");

    assert_status (r, 200);
    g_assert_nonnull (strstr (r->text, "\"linked\""));
    g_assert_cmpint (
      sql_int (test->store,
               "SELECT count(*) FROM role_change WHERE person = ?1 AND status = 'decided'", who),
      ==, 1);
    g_assert_cmpint (sql_int (test->store,
                              "SELECT count(*) FROM audit_entry WHERE actor_role = 'hr'"
                              " AND entity = 'role_change' AND subject = ?1",
                              who),
                     ==, 1);
  }
  assert_agree (test->store);
  helder_web_test_stop (test);
}

/* The advisor sees, on the person's page, that the text contradicts the
 * status; the person's own page says nothing of the kind. */
static void
test_web_text_warning (void)
{
  HelderWebTest *test = helder_web_test_start ();
  g_autoptr (GError) error = NULL;
  gint64 kees = sql_int (test->store, "SELECT id FROM person WHERE name = ?1", "Kees de Jong");
  g_autofree char *who = g_strdup_printf ("%" G_GINT64_FORMAT, kees);
  g_autofree char *change =
    g_strdup_printf ("%" G_GINT64_FORMAT,
                     sql_int (test->store, "SELECT id FROM role_change WHERE person = ?1", who));
  g_autofree char *page = g_strdup_printf ("/people/%s", who);

  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (test, page, &test->advisor);

    assert_status (r, 200);
    g_assert_null (strstr (r->text, "contradicts itself"));
  }
  json_object_unref (update (test->store, "role_change", change,
                             "{\"to_role\":\"servicemanager\",\"status\":\"decided\"}", &error));
  g_assert_no_error (error);
  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_get (test, page, &test->advisor);

    assert_status (r, 200);
    g_assert_nonnull (strstr (r->text, "contradicts itself"));
    g_assert_nonnull (strstr (r->text, "says “nog niet besloten”, but the status is decided"));
  }
  helder_web_test_stop (test);
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/placement-sync/confirm-decides", test_confirm_decides);
  g_test_add_func ("/placement-sync/role-change-confirms", test_role_change_confirms);
  g_test_add_func ("/placement-sync/refusals", test_refusals);
  g_test_add_func ("/placement-sync/text-warning", test_text_warning);
  g_test_add_func ("/placement-sync/cli", test_cli);
  g_test_add_func ("/placement-sync/web", test_web);
  g_test_add_func ("/placement-sync/web-over-placed", test_web_over_placed);
  g_test_add_func ("/placement-sync/web-text-warning", test_web_text_warning);

  return g_test_run ();
}
