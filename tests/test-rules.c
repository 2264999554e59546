/* test-rules.c — the rules of DESIGN.md §6, one test each
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every refusal is checked twice: the message names the field and the
 * problem, and the database fingerprint is the same as before.
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/views/helder-audience.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  HelderStore *store;
  char *path;
  char *before;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  helder_test_seed (f->store);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
  g_free (f->before);
}

static void
remember (Fixture *f)
{
  g_free (f->before);
  f->before = helder_test_fingerprint (f->store);
}

/* Asserts the last call failed with @code, its message contains @needle,
 * and nothing changed since remember(). */
static void
assert_refused (Fixture *f, GError *error, int code, const char *needle)
{
  g_autofree char *after = helder_test_fingerprint (f->store);

  g_assert_error (error, HELDER_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("message “%s” does not mention “%s”", error->message, needle);
  g_assert_cmpstr (after, ==, f->before);
  g_assert_false (helder_store_in_transaction (f->store));
}

static JsonObject *
create (Fixture *f, const char *entity, const char *json, GError **error)
{
  g_autoptr (JsonObject) values = helder_test_object (json);
  return helder_repo_create (f->store, helder_entity_lookup (entity), values, HELDER_WRITE_DEFAULT,
                             error);
}

static JsonObject *
update (Fixture *f, const char *entity, const char *key, const char *json, GError **error)
{
  g_autoptr (JsonObject) values = helder_test_object (json);
  return helder_repo_update (f->store, helder_entity_lookup (entity), key, values,
                             HELDER_WRITE_DEFAULT, error);
}

static JsonObject *
commitment_due (Fixture *f, int days)
{
  g_autofree char *made = helder_test_day (-30);
  g_autofree char *due = helder_test_day (days);
  g_autofree char *json =
    g_strdup_printf ("{\"text\":\"Iedereen krijgt een persoonlijk gesprek\","
                     "\"made_by\":\"Directie\",\"made_on\":\"%s\",\"due_on\":\"%s\","
                     "\"groups\":[\"beheer\"]}",
                     made, due);
  return helder_test_create (f->store, "commitment", json);
}

/* ---- commitments -------------------------------------------------------- */

static void
test_commitment_late_everywhere (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) late = commitment_due (f, -1);
  g_autoptr (JsonObject) today = commitment_due (f, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonObject) status = NULL;
  HelderQuery query = { .equals = equals };

  /* Stored status stays open; what everyone reads is late. */
  g_assert_cmpstr (json_object_get_string_member (late, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (late, "effective_status"), ==, "late");
  g_assert_cmpstr (json_object_get_string_member (today, "effective_status"), ==, "open");

  g_hash_table_insert (equals, (char *) "status", (char *) "late");
  rows = helder_repo_list (f->store, helder_entity_lookup ("commitment"), &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0), "id"), ==,
                   json_object_get_int_member (late, "id"));
  g_clear_pointer (&rows, json_array_unref);

  g_hash_table_insert (equals, (char *) "status", (char *) "open");
  rows = helder_repo_list (f->store, helder_entity_lookup ("commitment"), &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);

  /* Keeping it later ends the lateness. */
  {
    g_autofree char *key =
      g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (late, "id"));
    g_autoptr (JsonObject) kept = helder_commitment_record (
      f->store, HELDER_TEST_ACTOR, key, "kept", "Gesprekken gevoerd", "Anna", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (kept, "effective_status"), ==, "kept");
  }
}

static void
test_commitment_broken_needs_explanation (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) c = commitment_due (f, 10);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonArray) history = NULL;
  static const char *const statuses[] = { "broken", "withdrawn" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      remember (f);
      row = helder_commitment_record (f->store, HELDER_TEST_ACTOR, "1", statuses[i], "", "Anna",
                                      &error);
      g_assert_null (row);
      assert_refused (f, error, HELDER_ERROR_INVALID, "note");
      g_clear_error (&error);
      row = helder_commitment_record (f->store, HELDER_TEST_ACTOR, "1", statuses[i], "   \n ",
                                      "Anna", &error);
      g_assert_null (row);
      assert_refused (f, error, HELDER_ERROR_INVALID, "explanation");
      g_clear_error (&error);
    }

  row = helder_commitment_record (f->store, HELDER_TEST_ACTOR, "1", "broken",
                                  "Het budget is door de raad geschrapt.", "Anna", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "broken");

  history = helder_commitment_history (f->store, "1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (history), ==, 1);
  {
    JsonObject *u = json_array_get_object_element (history, 0);
    g_assert_cmpstr (json_object_get_string_member (u, "author"), ==, "Anna");
    g_assert_cmpstr (json_object_get_string_member (u, "note"), ==,
                     "Het budget is door de raad geschrapt.");
    g_assert_nonnull (json_object_get_string_member (u, "created_at"));
  }
}

static void
test_commitment_late_is_not_recorded (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) c = commitment_due (f, -3);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;

  remember (f);
  row =
    helder_commitment_record (f->store, HELDER_TEST_ACTOR, "1", "late", "te laat", "Anna", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "late");
  g_clear_error (&error);

  row = helder_commitment_record (f->store, HELDER_TEST_ACTOR, "1", "unknown", "x", "Anna", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "status");
}

static void
test_commitment_append_only (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) c = commitment_due (f, 10);
  g_autoptr (JsonObject) kept = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  char *errmsg = NULL;
  int rc;

  kept =
    helder_commitment_record (f->store, HELDER_TEST_ACTOR, "1", "kept", "Gedaan", "Anna", &error);
  g_assert_no_error (error);
  remember (f);

  /* Neither the commitment nor its updates change or disappear. */
  row = update (f, "commitment", "1", "{\"text\":\"iets anders\"}", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_CONFLICT, "text");
  g_clear_error (&error);

  row = update (f, "commitment", "1", "{\"status\":\"open\"}", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "status");
  g_clear_error (&error);

  row = update (f, "commitment_update", "1", "{\"note\":\"herschreven\"}", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_CONFLICT, "note");
  g_clear_error (&error);

  g_assert_false (helder_repo_delete (f->store, helder_entity_lookup ("commitment"), "1", &error));
  assert_refused (f, error, HELDER_ERROR_CONFLICT, "never deleted");
  g_clear_error (&error);
  g_assert_false (
    helder_repo_delete (f->store, helder_entity_lookup ("commitment_update"), "1", &error));
  assert_refused (f, error, HELDER_ERROR_CONFLICT, "never deleted");
  g_clear_error (&error);

  /* Even raw SQL is stopped by the store's triggers. */
  rc = sqlite3_exec (helder_store_get_db (f->store), "UPDATE commitment_update SET note = 'x'",
                     NULL, NULL, &errmsg);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  g_assert_nonnull (strstr (errmsg, "append-only"));
  sqlite3_free (errmsg);
  rc = sqlite3_exec (helder_store_get_db (f->store), "DELETE FROM commitment", NULL, NULL, &errmsg);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  sqlite3_free (errmsg);
  {
    g_autofree char *after = helder_test_fingerprint (f->store);
    g_assert_cmpstr (after, ==, f->before);
  }
}

static void
test_commitment_needs_recipients_and_sane_dates (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;

  remember (f);
  row = create (
    f, "commitment",
    "{\"text\":\"x\",\"made_by\":\"D\",\"made_on\":\"2026-01-10\",\"due_on\":\"2026-02-01\"}",
    &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "groups");
  g_clear_error (&error);

  row = create (
    f, "commitment",
    "{\"text\":\"x\",\"made_by\":\"D\",\"made_on\":\"2026-03-10\",\"due_on\":\"2026-02-01\",\"groups\":[\"beheer\"]}",
    &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "due_on");
  g_clear_error (&error);

  row = create (
    f, "commitment",
    "{\"text\":\"x\",\"made_by\":\"D\",\"made_on\":\"2026-02-30\",\"due_on\":\"2026-03-01\",\"groups\":[\"beheer\"]}",
    &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "2026-02-30");
  g_clear_error (&error);

  row = create (
    f, "commitment",
    "{\"text\":\"x\",\"made_by\":\"D\",\"made_on\":\"2026-01-01\",\"due_on\":\"2026-03-01\",\"status\":\"kept\",\"groups\":[\"beheer\"]}",
    &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "status");
}

/* ---- role changes ------------------------------------------------------- */

static void
test_role_change_undecided_needs_date (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;

  remember (f);
  row = create (f, "role_change", "{\"person\":1,\"from_role\":\"systeembeheerder\"}", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "decision_expected");
  g_clear_error (&error);

  row = create (
    f, "role_change",
    "{\"person\":\"anna@voorbeeld.nl\",\"from_role\":\"systeembeheerder\",\"decision_expected\":\"2027-01-15\"}",
    &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_null_member (row, "to_role"));
  g_assert_cmpint (json_object_get_int_member (row, "person"), ==, 1);
  g_clear_pointer (&row, json_object_unref);

  /* Deciding the role may drop the date; un-deciding it needs one again. */
  row = update (f, "role_change", "1",
                "{\"to_role\":\"contractmanager\",\"decision_expected\":null}", &error);
  g_assert_no_error (error);
  g_clear_pointer (&row, json_object_unref);
  remember (f);
  row = update (f, "role_change", "1", "{\"to_role\":null}", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "decision_expected");
}

static void
test_role_change_moves_forward (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *to;
    gboolean ok;
  } steps[] = {
    { "discussed", FALSE }, /* draft → discussed skips decided */
    { "accepted", FALSE },  { "decided", TRUE },   { "draft", FALSE }, /* never back */
    { "discussed", TRUE },  { "decided", FALSE },  { "objection", TRUE },
    { "accepted", FALSE }, /* an objection returns to decided first */
    { "decided", TRUE },    { "discussed", TRUE }, { "accepted", TRUE },
    { "objection", FALSE },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) rc =
    create (f, "role_change",
            "{\"person\":2,\"from_role\":\"servicedesk\",\"to_role\":\"servicedesk\"}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (rc, "status"), ==, "draft");

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"status\":\"%s\"}", steps[i].to);
      g_autoptr (JsonObject) row = NULL;

      remember (f);
      row = update (f, "role_change", "1", json, &error);
      if (steps[i].ok)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, steps[i].to);
        }
      else
        {
          g_assert_null (row);
          assert_refused (f, error, HELDER_ERROR_CONFLICT, "status");
          g_clear_error (&error);
        }
    }

  /* A new change starts as draft or decided. */
  remember (f);
  g_assert_null (create (f, "role_change",
                         "{\"person\":3,\"to_role\":\"contractmanager\",\"status\":\"accepted\"}",
                         &error));
  assert_refused (f, error, HELDER_ERROR_INVALID, "status");
}

/* ---- moments ------------------------------------------------------------ */

static JsonObject *
draft_moment (Fixture *f, const char *audience)
{
  g_autofree char *when = helder_test_day (2);
  g_autofree char *json =
    g_strdup_printf ("{\"title\":\"Nieuwsbrief\",\"body\":\"# Hallo\",\"phase\":\"readiness\","
                     "\"scheduled_at\":\"%s 09:00\",\"channels\":[\"email\"]%s%s}",
                     when, audience ? "," : "", audience ? audience : "");
  return helder_test_create (f->store, "moment", json);
}

static void
test_moment_approval_needs_audience (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) m = draft_moment (f, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;

  remember (f);
  row = helder_moment_set_status (f->store, HELDER_TEST_ACTOR, "1", "approved", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "audience");
  g_clear_error (&error);

  row = update (f, "moment", "1", "{\"groups\":[\"beheer\"]}", &error);
  g_assert_no_error (error);
  g_clear_pointer (&row, json_object_unref);
  row = helder_moment_set_status (f->store, HELDER_TEST_ACTOR, "1", "approved", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "approved");
}

static void
test_moment_approved_is_frozen (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) m = draft_moment (f, "\"groups\":[\"beheer\"]");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) newer = NULL;
  static const char *const edits[] = {
    "{\"title\":\"Andere titel\"}",
    "{\"body\":\"Andere tekst\"}",
    "{\"scheduled_at\":\"2030-01-01 10:00\"}",
    "{\"groups\":[\"servicedesk\"]}",
    "{\"channels\":[\"desktop\"]}",
    "{\"status\":\"draft\"}",
  };

  row = helder_moment_set_status (f->store, HELDER_TEST_ACTOR, "1", "approved", &error);
  g_assert_no_error (error);
  g_clear_pointer (&row, json_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      remember (f);
      row = update (f, "moment", "1", edits[i], &error);
      g_assert_null (row);
      assert_refused (f, error, HELDER_ERROR_CONFLICT,
                      i + 1 < G_N_ELEMENTS (edits) ? "supersede" : "status");
      g_clear_error (&error);
    }

  /* Superseding: old cancelled, new draft that says what it replaces. */
  {
    g_autoptr (JsonObject) changes = helder_test_object ("{\"title\":\"Nieuwsbrief (herzien)\"}");
    newer = helder_moment_supersede (f->store, HELDER_TEST_ACTOR, "1", changes, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (json_object_get_string_member (newer, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (newer, "title"), ==, "Nieuwsbrief (herzien)");
  g_assert_cmpint (json_object_get_int_member (newer, "supersedes"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (newer, "groups")), ==, 1);
  row = helder_repo_get (f->store, helder_entity_lookup ("moment"), "1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "cancelled");
  g_clear_pointer (&row, json_object_unref);

  /* Cancelled is final; a draft cannot be superseded. */
  remember (f);
  row = helder_moment_set_status (f->store, HELDER_TEST_ACTOR, "1", "approved", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_CONFLICT, "status");
  g_clear_error (&error);
  {
    g_autoptr (JsonObject) changes = json_object_new ();
    g_autofree char *key =
      g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (newer, "id"));
    row = helder_moment_supersede (f->store, HELDER_TEST_ACTOR, key, changes, &error);
    g_assert_null (row);
    assert_refused (f, error, HELDER_ERROR_CONFLICT, "draft");
  }
}

/* ---- audience ----------------------------------------------------------- */

static void
test_audience_union (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (JsonObject) rc =
    create (f, "role_change",
            "{\"person\":4,\"to_role\":\"contractmanager\",\"status\":\"decided\"}", &error);
  g_autoptr (JsonObject) m1 = NULL;
  g_autoptr (JsonObject) m2 = NULL;
  g_autoptr (JsonObject) m3 = NULL;

  g_assert_no_error (error);
  /* groups: beheer = {1, 3}; Cor is also in servicedesk but counted once */
  m1 = draft_moment (f, "\"groups\":[\"beheer\",\"servicedesk\"]");
  ids = helder_audience_resolve (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, 3);
  g_clear_pointer (&ids, g_array_unref);

  /* roles (now or future) ∪ persons ∪ statuses; a future role only once
   * the change was discussed: person 4's is merely decided */
  m2 = draft_moment (f, "\"roles\":[\"contractmanager\"],\"persons\":[\"bram@voorbeeld.nl\"]");
  ids = helder_audience_resolve (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  g_assert_true (helder_store_exec (
    f->store, "UPDATE role_change SET status = 'discussed' WHERE person = 4", &error));
  ids = helder_audience_resolve (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 4);
  g_clear_pointer (&ids, g_array_unref);

  m3 = draft_moment (f, "\"statuses\":[\"discussed\"],\"roles\":[\"servicedesk\"]");
  ids = helder_audience_resolve (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 4);
  g_clear_pointer (&ids, g_array_unref);

  ids = helder_audience_resolve (f->store, 99, &error);
  g_assert_null (ids);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
}

/* ---- gates -------------------------------------------------------------- */

static void
add_gate (Fixture *f)
{
  g_autofree char *day = helder_test_day (20);
  g_autofree char *json = g_strdup_printf (
    "{\"slug\":\"infra\",\"name\":\"Technische infrastructuur gereed\","
    "\"phase\":\"readiness\",\"decide_on\":\"%s\",\"groups\":[\"beheer\",\"leverancier\"]}",
    day);
  json_object_unref (helder_test_create (f->store, "gate", json));
  json_object_unref (helder_test_create (
    f->store, "criterion",
    "{\"gate\":\"infra\",\"text\":\"Systeemsoftware actueel\",\"owner\":\"Anna\",\"status\":\"met\"}"));
  json_object_unref (helder_test_create (
    f->store, "criterion",
    "{\"gate\":\"infra\",\"text\":\"IP-adressen voorbereid\",\"owner\":\"Cor\"}"));
  json_object_unref (helder_test_create (
    f->store, "criterion",
    "{\"gate\":\"infra\",\"text\":\"Virtuele servers opgeschoond\",\"owner\":\"Cor\",\"status\":\"failed\"}"));
}

static void
test_gate_decision_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) moment = NULL;
  g_autoptr (GArray) audience = NULL;
  g_autofree char *key = NULL;

  add_gate (f);

  remember (f);
  row = helder_gate_decide (f->store, HELDER_TEST_ACTOR, "infra", "go", NULL, "Stuurgroep", NULL,
                            &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "rationale");
  g_clear_error (&error);

  row = helder_gate_decide (f->store, HELDER_TEST_ACTOR, "infra", "nogo", "Niet klaar", "  ", NULL,
                            &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "decided_by");
  g_clear_error (&error);

  row = helder_gate_decide (f->store, HELDER_TEST_ACTOR, "infra", "go", "Risico aanvaardbaar",
                            "Stuurgroep", NULL, &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_CONFLICT, "2 criteria");
  g_clear_error (&error);

  /* decision fields are not set through a plain update */
  row = update (f, "gate", "infra",
                "{\"decision\":\"go\",\"rationale\":\"x\",\"decided_by\":\"y\"}", &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_INVALID, "decision");
  g_clear_error (&error);

  row = helder_gate_decide (
    f->store, HELDER_TEST_ACTOR, "infra", "go", "Risico aanvaardbaar", "Stuurgroep",
    "IP-adressen volgen in week 2; leverancier neemt opschoning over", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "decision"), ==, "go");
  g_assert_nonnull (json_object_get_string_member (row, "decided_at"));

  /* The decision drafted a moment to the gate's groups. */
  key = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (row, "drafted_moment"));
  moment = helder_repo_get (f->store, helder_entity_lookup ("moment"), key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (moment, "status"), ==, "draft");
  g_assert_nonnull (
    strstr (json_object_get_string_member (moment, "title"), "Technische infrastructuur gereed"));
  audience = helder_audience_resolve (f->store, json_object_get_int_member (moment, "id"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audience->len, ==, 3); /* Anna, Cor (beheer), Dewi (leverancier) */
  g_clear_pointer (&row, json_object_unref);

  /* A go stands. */
  remember (f);
  row = helder_gate_decide (f->store, HELDER_TEST_ACTOR, "infra", "nogo", "Toch niet", "Stuurgroep",
                            NULL, &error);
  g_assert_null (row);
  assert_refused (f, error, HELDER_ERROR_CONFLICT, "already decided");
}

static void
test_gate_postponed_can_be_decided_again (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;

  add_gate (f);
  row = helder_gate_decide (f->store, HELDER_TEST_ACTOR, "infra", "postponed",
                            "Wachten op leverancier", "Stuurgroep", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&row, json_object_unref);
  row = helder_gate_decide (f->store, HELDER_TEST_ACTOR, "infra", "nogo", "Leverancier niet gereed",
                            "Stuurgroep", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "decision"), ==, "nogo");
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/rules/commitment/late-everywhere", test_commitment_late_everywhere);
  ADD ("/rules/commitment/broken-needs-explanation", test_commitment_broken_needs_explanation);
  ADD ("/rules/commitment/late-is-not-recorded", test_commitment_late_is_not_recorded);
  ADD ("/rules/commitment/append-only", test_commitment_append_only);
  ADD ("/rules/commitment/recipients-and-dates", test_commitment_needs_recipients_and_sane_dates);
  ADD ("/rules/role-change/undecided-needs-date", test_role_change_undecided_needs_date);
  ADD ("/rules/role-change/moves-forward", test_role_change_moves_forward);
  ADD ("/rules/moment/approval-needs-audience", test_moment_approval_needs_audience);
  ADD ("/rules/moment/approved-is-frozen", test_moment_approved_is_frozen);
  ADD ("/rules/moment/audience-union", test_audience_union);
  ADD ("/rules/gate/decision", test_gate_decision_rules);
  ADD ("/rules/gate/postponed", test_gate_postponed_can_be_decided_again);
#undef ADD

  return g_test_run ();
}
