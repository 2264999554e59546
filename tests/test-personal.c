/* test-personal.c — one person's own transition, in sections
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "discussed" rule of DESIGN.md §3 (nothing of the future role before
 * the conversation), the honest undecided role, promises with the late rule,
 * the moments of one person against the audience resolved moment by moment,
 * and that nothing of another person leaks into a person's sections.
 */
#include "config.h"

#include <string.h>
#include <cmark.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/views/helder-audience.h"
#include "services/transfer/helder-demo.h"
#include "services/views/helder-personal.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  char *path;
  HelderStore *store;
  char *today;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  f->today = helder_clock_today ();
  if (data == NULL)
    helder_test_seed (f->store);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
  g_free (f->today);
}

static JsonObject *
compute (Fixture *f, gint64 person)
{
  g_autoptr (GError) error = NULL;
  JsonObject *sections = helder_personal_compute (f->store, person, f->today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sections);
  return sections;
}

static char *
to_json (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static char *
to_markdown (JsonObject *sections)
{
  g_autoptr (GError) error = NULL;
  char *markdown = helder_personal_to_markdown (sections, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (markdown);
  return markdown;
}

static void
update (Fixture *f, const char *entity, const char *key, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) changes = helder_test_object (json);
  g_autoptr (JsonObject) row = helder_repo_update (f->store, helder_entity_lookup (entity), key,
                                                   changes, HELDER_WRITE_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
}

/* ---- the discussed rule --------------------------------------------------- */

static void
assert_withheld (Fixture *f)
{
  g_autoptr (JsonObject) sections = compute (f, 1);
  JsonObject *transition = json_object_get_object_member (sections, "transition");
  JsonObject *contact;
  g_autofree char *json = to_json (sections);
  g_autofree char *markdown = to_markdown (sections);

  g_assert_nonnull (transition);
  g_assert_cmpstr (json_object_get_string_member (transition, "status"), ==,
                   "conversation_planned");
  /* Exactly status and contact: no role, no date, no content. */
  g_assert_cmpuint (json_object_get_size (transition), ==, 2);
  contact = json_object_get_object_member (transition, "contact");
  g_assert_cmpint (json_object_get_int_member (contact, "id"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (contact, "name"), ==, "Cor van den Berg");
  g_assert_cmpstr (json_object_get_string_member (contact, "email"), ==, "cor@voorbeeld.nl");

  for (const char *s = json; s != NULL; s = (s == json ? markdown : NULL))
    {
      g_assert_null (strstr (s, "Contractmanager"));
      g_assert_null (strstr (s, "contractmanager"));
      g_assert_null (strstr (s, "Leveranciers aansturen"));
      g_assert_null (strstr (s, "Beheer van de contracten"));
    }
  g_assert_nonnull (strstr (markdown, "A personal conversation about your future role is planned"));
  g_assert_nonnull (strstr (markdown, "[Cor van den Berg](<mailto:cor@voorbeeld.nl>)"));
}

static void
assert_shown (Fixture *f, const char *status)
{
  g_autoptr (JsonObject) sections = compute (f, 1);
  JsonObject *transition = json_object_get_object_member (sections, "transition");
  JsonObject *to_role = json_object_get_object_member (transition, "to_role");
  g_autofree char *markdown = to_markdown (sections);

  g_assert_cmpstr (json_object_get_string_member (transition, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (to_role, "slug"), ==, "contractmanager");
  g_assert_cmpstr (json_object_get_string_member (to_role, "name"), ==, "Contractmanager");
  g_assert_cmpstr (json_object_get_string_member (to_role, "description"), ==,
                   "Leveranciers aansturen.");
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (transition, "from_role"), "slug"),
    ==, "systeembeheerder");
  g_assert_false (json_object_get_boolean_member (transition, "undecided"));
  g_assert_cmpstr (json_object_get_string_member (transition, "changes"), ==,
                   "Beheer van de contracten met **Nimbus**.");
  g_assert_nonnull (json_object_get_string_member (transition, "effective_on"));
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (transition, "contact"), "id"), ==,
    3);

  g_assert_nonnull (strstr (markdown, "## Your future role\n\n**Contractmanager**"));
  g_assert_nonnull (
    strstr (markdown, "## What changes for you\n\nBeheer van de contracten met **Nimbus**."));
  g_assert_nonnull (
    strstr (markdown, "## Who to talk to\n\n[Cor van den Berg](<mailto:cor@voorbeeld.nl>)"));
}

static void
test_discussed_rule (Fixture *f, gconstpointer data)
{
  g_autofree char *effective = helder_test_day (60);
  g_autofree char *json = NULL;

  update (f, "role", "contractmanager", "{\"description\":\"Leveranciers aansturen.\"}");
  json = g_strdup_printf (
    "{\"person\":1,\"from_role\":\"systeembeheerder\",\"to_role\":\"contractmanager\","
    "\"effective_on\":\"%s\",\"status\":\"draft\","
    "\"changes\":\"Beheer van de contracten met **Nimbus**.\",\"contact\":3}",
    effective);
  json_object_unref (helder_test_create (f->store, "role_change", json));

  assert_withheld (f);
  update (f, "role_change", "1", "{\"status\":\"decided\"}");
  assert_withheld (f);
  update (f, "role_change", "1", "{\"status\":\"discussed\"}");
  assert_shown (f, "discussed");
  update (f, "role_change", "1", "{\"status\":\"objection\"}");
  assert_shown (f, "objection");
  update (f, "role_change", "1", "{\"status\":\"decided\"}");
  assert_withheld (f);
  update (f, "role_change", "1", "{\"status\":\"discussed\"}");
  update (f, "role_change", "1", "{\"status\":\"accepted\"}");
  assert_shown (f, "accepted");
}

static void
test_undecided (Fixture *f, gconstpointer data)
{
  g_autofree char *expected = helder_test_day (20);
  g_autofree char *json =
    g_strdup_printf ("{\"person\":2,\"from_role\":\"servicedesk\",\"decision_expected\":\"%s\","
                     "\"status\":\"decided\"}",
                     expected);
  g_autoptr (JsonObject) before = NULL;
  g_autoptr (JsonObject) after = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *sentence = NULL;
  JsonObject *transition;
  GDate date;

  json_object_unref (helder_test_create (f->store, "role_change", json));
  before = compute (f, 2);
  transition = json_object_get_object_member (before, "transition");
  g_assert_cmpstr (json_object_get_string_member (transition, "status"), ==,
                   "conversation_planned");
  g_assert_false (json_object_has_member (transition, "decision_expected"));
  g_assert_true (json_object_get_null_member (transition, "contact"));

  update (f, "role_change", "1", "{\"status\":\"discussed\"}");
  after = compute (f, 2);
  transition = json_object_get_object_member (after, "transition");
  g_assert_true (json_object_get_boolean_member (transition, "undecided"));
  g_assert_true (json_object_get_null_member (transition, "to_role"));
  g_assert_cmpstr (json_object_get_string_member (transition, "decision_expected"), ==, expected);

  markdown = to_markdown (after);
  g_assert_true (helder_date_parse (expected, &date));
  {
    static const char *const months[] = { "January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December" };
    sentence =
      g_strdup_printf ("Not decided yet — decision expected on %d %s %d.", g_date_get_day (&date),
                       months[g_date_get_month (&date) - 1], g_date_get_year (&date));
  }
  g_assert_nonnull (strstr (markdown, sentence));
}

/* Bram has no role change; Dewi, of the supplier, is external: no role
 * and no transition sections for her, and the texts speak of her
 * organisation (issue 11, point 5). */
static void
test_no_change (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) sections = compute (f, 4);
  g_autoptr (JsonObject) internal = compute (f, 2);
  g_autofree char *markdown = to_markdown (sections);
  g_autofree char *internal_markdown = to_markdown (internal);
  JsonObject *person = json_object_get_object_member (sections, "person");
  JsonArray *groups = json_object_get_array_member (person, "groups");

  g_assert_true (json_object_get_null_member (sections, "transition"));
  g_assert_true (json_object_get_null_member (internal, "transition"));
  g_assert_nonnull (strstr (internal_markdown, "No change to your role is planned."));
  g_assert_nonnull (strstr (internal_markdown, "## Your role now"));
  g_assert_false (json_object_get_boolean_member (
    json_object_get_object_member (internal, "person"), "external"));

  g_assert_true (json_object_get_boolean_member (person, "external"));
  g_assert_cmpstr (json_object_get_string_member (person, "digest"), ==, "default");
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "Dewi Pranoto");
  g_assert_cmpstr (json_object_get_string_member (person, "locale"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (person, "organisation"), ==, "Nimbus B.V.");
  g_assert_true (json_object_get_null_member (person, "role"));
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (groups, 0), "slug"), ==,
    "leverancier");
  g_assert_null (strstr (markdown, "Your role now"));
  g_assert_null (strstr (markdown, "No change to your role"));
  g_assert_null (strstr (markdown, "Your future role"));
  g_assert_nonnull (strstr (markdown, "## Commitments to Nimbus B.V."));
  g_assert_nonnull (strstr (markdown, "## Coming up for Nimbus B.V."));
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) empty = json_object_new ();
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;

  g_assert_null (helder_personal_compute (f->store, 999, f->today, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);

  g_assert_null (helder_personal_compute (f->store, 1, "2026-02-30", &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);

  g_assert_null (helder_personal_to_markdown (empty, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "person"));

  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- promises ---------------------------------------------------------------- */

static gint64
create_commitment (Fixture *f, const char *text, int made, int due, const char *to)
{
  g_autofree char *made_on = helder_test_day (made);
  g_autofree char *due_on = helder_test_day (due);
  g_autofree char *json =
    g_strdup_printf ("{\"text\":\"%s\",\"made_by\":\"Directie\",\"made_on\":\"%s\","
                     "\"due_on\":\"%s\",%s}",
                     text, made_on, due_on, to);
  g_autoptr (JsonObject) row = helder_test_create (f->store, "commitment", json);

  return json_object_get_int_member (row, "id");
}

static void
record (Fixture *f, gint64 id, const char *status, const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (JsonObject) row =
    helder_commitment_record (f->store, HELDER_TEST_ACTOR, key, status, note, "Adviseur", &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
}

static void
test_promises (Fixture *f, gconstpointer data)
{
  gint64 late = create_commitment (f, "Scholing voor iedereen", -30, -5, "\"groups\":[\"beheer\"]");
  gint64 other = create_commitment (f, "Nieuwe headsets", -30, 10, "\"groups\":[\"servicedesk\"]");
  gint64 personal =
    create_commitment (f, "Een gesprek over je loopbaan", -30, 10, "\"persons\":[1,2]");
  gint64 broken =
    create_commitment (f, "Thuiswerken blijft", -30, 40, "\"groups\":[\"beheer\",\"leverancier\"]");
  gint64 kept = create_commitment (f, "Een informatieavond", -30, -2, "\"groups\":[\"beheer\"]");
  gint64 due_today = create_commitment (f, "Vandaag geregeld", -30, 0, "\"groups\":[\"beheer\"]");
  g_autoptr (JsonObject) sections = NULL;
  g_autofree char *json = NULL;
  g_autofree char *markdown = NULL;
  JsonArray *promises;
  gint64 order[5];

  record (f, broken, "broken", "Het college heeft anders besloten.");
  record (f, kept, "kept", "Gehouden op de avond zelf.");
  record (f, late, NULL, "We zoeken nog een opleider.");

  sections = compute (f, 1);
  promises = json_object_get_array_member (sections, "promises");
  g_assert_cmpuint (json_array_get_length (promises), ==, 5);
  order[0] = late;      /* late first */
  order[1] = broken;    /* then broken */
  order[2] = due_today; /* then open, by due date */
  order[3] = personal;
  order[4] = kept;
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (promises, i), "id"),
                     ==, order[i]);

  {
    JsonObject *p = json_array_get_object_element (promises, 0);
    JsonObject *u = json_object_get_object_member (p, "latest_update");
    g_autofree char *label = helder_personal_promise_label (p);

    g_assert_cmpstr (json_object_get_string_member (p, "status"), ==, "open");
    g_assert_cmpstr (json_object_get_string_member (p, "effective_status"), ==, "late");
    g_assert_true (json_object_get_boolean_member (p, "late"));
    g_assert_cmpint (json_object_get_int_member (p, "days_late"), ==, 5);
    g_assert_cmpstr (label, ==, "late, 5 days");
    g_assert_cmpstr (json_object_get_string_member (u, "note"), ==, "We zoeken nog een opleider.");
    g_assert_true (json_object_get_null_member (u, "status"));
    g_assert_false (json_object_get_boolean_member (p, "personal"));
  }
  {
    JsonObject *p = json_array_get_object_element (promises, 1);
    JsonArray *groups = json_object_get_array_member (p, "groups");

    g_assert_cmpstr (json_object_get_string_member (p, "effective_status"), ==, "broken");
    g_assert_cmpint (json_object_get_int_member (p, "days_late"), ==, 0);
    g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (p, "latest_update"), "note"),
      ==, "Het college heeft anders besloten.");
    /* only Anna's own group, not the supplier's */
    g_assert_cmpuint (json_array_get_length (groups), ==, 1);
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (groups, 0), "slug"), ==,
      "beheer");
  }
  {
    JsonObject *p = json_array_get_object_element (promises, 2);

    g_assert_cmpstr (json_object_get_string_member (p, "effective_status"), ==, "open");
    g_assert_false (json_object_get_boolean_member (p, "late"));
    g_assert_true (json_object_get_null_member (p, "latest_update"));
  }
  {
    JsonObject *p = json_array_get_object_element (promises, 3);

    g_assert_true (json_object_get_boolean_member (p, "personal"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "groups")), ==, 0);
  }
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (promises, 4), "effective_status"),
    ==, "kept");

  /* Nothing of the promise to the servicedesk, nor of Bram, to whom the
   * personal promise was also made. */
  json = to_json (sections);
  g_assert_null (strstr (json, "Nieuwe headsets"));
  g_assert_null (strstr (json, "Bram"));
  g_assert_null (strstr (json, "\"servicedesk\""));
  g_assert_null (strstr (json, "Outsourcingspartner"));

  markdown = to_markdown (sections);
  g_assert_nonnull (strstr (markdown, "- **late, 5 days** — due "));
  g_assert_nonnull (strstr (markdown, "\n  Scholing voor iedereen\n"));
  g_assert_nonnull (strstr (markdown, "- **broken** — due "));
  g_assert_nonnull (strstr (markdown, "  Het college heeft anders besloten.\n"));
  g_assert_true (strstr (markdown, "late, 5 days") < strstr (markdown, "**kept**"));

  {
    /* Bram sees the personal promise and nothing of beheer's. */
    g_autoptr (JsonObject) bram = compute (f, 2);
    JsonArray *his = json_object_get_array_member (bram, "promises");

    g_assert_cmpuint (json_array_get_length (his), ==, 2);
    /* both open and due the same day: by id */
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (his, 0), "id"), ==,
                     other);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (his, 1), "id"), ==,
                     personal);
  }
}

/* ---- moments: one person's query against the audience of each moment ------ */

static gboolean
in_array (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
assert_ids (JsonArray *moments, GArray *expected)
{
  g_assert_cmpuint (json_array_get_length (moments), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (moments, i), "id"),
                     ==, g_array_index (expected, gint64, i));
}

static void
test_moments_match_audience (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) moments = NULL;
  g_autoptr (JsonArray) people = NULL;
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree char *soon = helder_test_day (3);
  g_autofree char *earlier = helder_test_day (-3);
  g_autofree char *json = NULL;
  guint with_coming = 0, with_past = 0, personal_hits = 0;
  gint64 superseded_id;

  g_assert_true (helder_demo_load (f->store, f->today, 400, &error));
  g_assert_no_error (error);

  /* Moments that mix every kind of audience, in every status. */
  json =
    g_strdup_printf ("{\"title\":\"Mix\",\"scheduled_at\":\"%sT10:00:00Z\",\"status\":\"approved\","
                     "\"channels\":[\"meeting\",\"email\"],\"roles\":[\"contractmanager\"],"
                     "\"persons\":[1,2,3,399],\"statuses\":[\"objection\",\"draft\"]}",
                     soon);
  json_object_unref (helder_test_create (f->store, "moment", json));
  g_free (json);
  json = g_strdup_printf (
    "{\"title\":\"Concept\",\"scheduled_at\":\"%sT10:00:00Z\",\"persons\":[5,6]}", soon);
  json_object_unref (helder_test_create (f->store, "moment", json));
  g_free (json);
  json = g_strdup_printf (
    "{\"title\":\"Vorige week\",\"scheduled_at\":\"%sT08:00:00Z\",\"status\":\"approved\","
    "\"channels\":[\"email\"],\"persons\":[7]}",
    earlier);
  json_object_unref (helder_test_create (f->store, "moment", json));
  g_free (json);
  json = g_strdup_printf (
    "{\"title\":\"Oude versie\",\"scheduled_at\":\"%sT09:00:00Z\",\"status\":\"approved\","
    "\"channels\":[\"email\"],\"persons\":[8]}",
    soon);
  {
    g_autoptr (JsonObject) row = helder_test_create (f->store, "moment", json);
    g_autofree char *key =
      g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (row, "id"));
    g_autoptr (JsonObject) changes = helder_test_object ("{\"title\":\"Nieuwe versie\"}");
    g_autoptr (JsonObject) next =
      helder_moment_supersede (f->store, HELDER_TEST_ACTOR, key, changes, &error);

    g_assert_no_error (error);
    superseded_id = json_object_get_int_member (row, "id");
  }

  moments = helder_repo_list (f->store, helder_entity_lookup ("moment"), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      GArray *audience =
        helder_audience_resolve (f->store, json_object_get_int_member (m, "id"), &error);

      g_assert_no_error (error);
      g_ptr_array_add (audiences, audience);
    }

  people = helder_repo_list (f->store, helder_entity_lookup ("person"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (people), ==, 400);
  for (guint p = 0; p < json_array_get_length (people); p++)
    {
      gint64 person = json_object_get_int_member (json_array_get_object_element (people, p), "id");
      g_autoptr (JsonObject) sections = compute (f, person);
      g_autoptr (GArray) coming = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GArray) past = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GPtrArray) past_rows = g_ptr_array_new ();
      g_autoptr (JsonArray) all = helder_personal_moments (f->store, person, &error);

      g_assert_no_error (error);
      /* Brute force: every moment, its resolved audience, the rule. */
      for (guint i = 0; i < json_array_get_length (moments); i++)
        {
          JsonObject *m = json_array_get_object_element (moments, i);
          const char *status = json_object_get_string_member (m, "status");
          const char *at = json_object_get_string_member (m, "scheduled_at");
          gint64 id = json_object_get_int_member (m, "id");

          if (!in_array (g_ptr_array_index (audiences, i), person))
            continue;
          if (g_str_equal (status, "approved") && strcmp (at, f->today) >= 0)
            g_array_append_val (coming, id);
          if (g_str_equal (status, "sent") ||
              (g_str_equal (status, "approved") && strcmp (at, f->today) < 0))
            g_ptr_array_add (past_rows, m);
        }
      /* coming: soonest first; past: newest first, at most 20 */
      {
        g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (gint64));
        for (guint i = 0; i < json_array_get_length (all); i++)
          {
            JsonObject *m = json_array_get_object_element (all, i);
            gint64 id = json_object_get_int_member (m, "id");
            if (in_array (coming, id))
              g_array_append_val (sorted, id);
            if (g_str_equal (json_object_get_string_member (m, "status"), "draft"))
              g_assert_not_reached ();
          }
        g_assert_cmpuint (sorted->len, ==, coming->len);
        assert_ids (json_object_get_array_member (sections, "coming"), sorted);
        for (guint i = json_array_get_length (all); i > 0 && past->len < HELDER_PERSONAL_PAST_LIMIT;
             i--)
          {
            JsonObject *m = json_array_get_object_element (all, i - 1);
            gint64 id = json_object_get_int_member (m, "id");
            for (guint r = 0; r < past_rows->len; r++)
              if (json_object_get_int_member (g_ptr_array_index (past_rows, r), "id") == id)
                g_array_append_val (past, id);
          }
        g_assert_cmpuint (past->len, ==, MIN (past_rows->len, HELDER_PERSONAL_PAST_LIMIT));
        assert_ids (json_object_get_array_member (sections, "past"), past);
      }
      /* the scheduled times really are in order */
      {
        JsonArray *c = json_object_get_array_member (sections, "coming");
        JsonArray *pa = json_object_get_array_member (sections, "past");
        for (guint i = 1; i < json_array_get_length (c); i++)
          g_assert_cmpstr (
            json_object_get_string_member (json_array_get_object_element (c, i - 1),
                                           "scheduled_at"),
            <=,
            json_object_get_string_member (json_array_get_object_element (c, i), "scheduled_at"));
        for (guint i = 1; i < json_array_get_length (pa); i++)
          g_assert_cmpstr (
            json_object_get_string_member (json_array_get_object_element (pa, i - 1),
                                           "scheduled_at"),
            >=,
            json_object_get_string_member (json_array_get_object_element (pa, i), "scheduled_at"));
      }
      /* the superseded version is no longer announced, but it is in the
       * feed of its audience, as cancelled */
      if (person == 8)
        {
          gboolean found = FALSE;
          for (guint i = 0; i < json_array_get_length (all); i++)
            {
              JsonObject *m = json_array_get_object_element (all, i);
              if (json_object_get_int_member (m, "id") == superseded_id)
                {
                  found = TRUE;
                  g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "cancelled");
                }
            }
          g_assert_true (found);
        }
      if (person == 1)
        {
          JsonArray *c = json_object_get_array_member (sections, "coming");
          for (guint i = 0; i < json_array_get_length (c); i++)
            {
              JsonObject *m = json_array_get_object_element (c, i);
              if (g_str_equal (json_object_get_string_member (m, "title"), "Mix"))
                {
                  JsonArray *channels = json_object_get_array_member (m, "channels");
                  personal_hits++;
                  g_assert_true (json_object_get_boolean_member (m, "meeting"));
                  g_assert_cmpstr (json_array_get_string_element (channels, 0), ==, "email");
                  g_assert_cmpstr (json_array_get_string_element (channels, 1), ==, "meeting");
                }
            }
        }
      if (coming->len > 0)
        with_coming++;
      if (past->len > 0)
        with_past++;
    }
  /* The demo reaches most people both ways: the comparison was not empty. */
  g_assert_cmpuint (with_coming, >=, 200);
  g_assert_cmpuint (with_past, >=, 200);
  g_assert_cmpuint (personal_hits, ==, 1);
}

/* ---- nothing of anyone else -------------------------------------------------- */

static void
append_strings (GString *public, JsonArray *rows, const char *const *members)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      for (guint m = 0; members[m] != NULL; m++)
        if (json_object_has_member (row, members[m]) &&
            !json_object_get_null_member (row, members[m]))
          {
            g_string_append (public, json_object_get_string_member (row, members[m]));
            g_string_append_c (public, '\n');
          }
    }
}

static JsonArray *
list (Fixture *f, const char *entity)
{
  g_autoptr (GError) error = NULL;
  JsonArray *rows = helder_repo_list (f->store, helder_entity_lookup (entity), NULL, &error);

  g_assert_no_error (error);
  return rows;
}

static void
test_nothing_of_others (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) people = NULL;
  g_autoptr (JsonArray) changes = NULL;
  g_autoptr (GString) public = g_string_new (NULL);
  guint checked_names = 0;

  g_assert_true (helder_demo_load (f->store, f->today, 0, &error));
  g_assert_no_error (error);
  people = list (f, "person");
  changes = list (f, "role_change");

  /* What the programme says in public (titles, bodies, promises, who made
   * them, rationales) may name people; their records may not appear. */
  {
    g_autoptr (JsonArray) moments = list (f, "moment");
    g_autoptr (JsonArray) commitments = list (f, "commitment");
    g_autoptr (JsonArray) updates = list (f, "commitment_update");
    g_autoptr (JsonArray) gates = list (f, "gate");
    static const char *const moment_members[] = { "title", "body", NULL };
    static const char *const commitment_members[] = { "text", "made_by", NULL };
    static const char *const update_members[] = { "note", NULL };
    static const char *const gate_members[] = { "name", "rationale", "decided_by", NULL };

    append_strings (public, moments, moment_members);
    append_strings (public, commitments, commitment_members);
    append_strings (public, updates, update_members);
    append_strings (public, gates, gate_members);
  }
  for (guint p = 0; p < json_array_get_length (people); p++)
    {
      JsonObject *me = json_array_get_object_element (people, p);
      gint64 id = json_object_get_int_member (me, "id");
      g_autoptr (JsonObject) sections = compute (f, id);
      g_autofree char *json = to_json (sections);
      g_autofree char *markdown = to_markdown (sections);
      JsonObject *transition = json_object_get_null_member (sections, "transition")
                                 ? NULL
                                 : json_object_get_object_member (sections, "transition");
      JsonObject *contact = transition && !json_object_get_null_member (transition, "contact")
                              ? json_object_get_object_member (transition, "contact")
                              : NULL;
      gint64 contact_id = contact ? json_object_get_int_member (contact, "id") : 0;
      const char *own_changes = transition && json_object_has_member (transition, "changes")
                                  ? json_object_get_string_member (transition, "changes")
                                  : "";

      for (guint o = 0; o < json_array_get_length (people); o++)
        {
          JsonObject *other = json_array_get_object_element (people, o);
          gint64 other_id = json_object_get_int_member (other, "id");
          const char *name = json_object_get_string_member (other, "name");
          const char *email = json_object_get_null_member (other, "email")
                                ? NULL
                                : json_object_get_string_member (other, "email");

          if (other_id == id || other_id == contact_id)
            continue;
          if (email != NULL && strstr (public->str, email) == NULL)
            {
              g_assert_null (strstr (json, email));
              g_assert_null (strstr (markdown, email));
            }
          /* (their own "what changes" may name the colleagues they will work with) */
          if (strstr (public->str, name) == NULL && strstr (own_changes, name) == NULL)
            {
              checked_names++;
              if (strstr (json, name) != NULL || strstr (markdown, name) != NULL)
                g_error ("person %" G_GINT64_FORMAT ": the name of person %" G_GINT64_FORMAT
                         " (%s) appears",
                         id, other_id, name);
            }
        }
      for (guint c = 0; c < json_array_get_length (changes); c++)
        {
          JsonObject *rc = json_array_get_object_element (changes, c);
          const char *text = json_object_get_string_member (rc, "changes");

          if (json_object_get_int_member (rc, "person") == id || strlen (text) < 40 ||
              g_str_equal (text, own_changes) || strstr (public->str, text) != NULL)
            continue;
          g_assert_null (strstr (json, text));
          g_assert_null (strstr (markdown, text));
        }
    }
  g_assert_cmpuint (checked_names, >, 1000);
}

/* ---- Markdown: escaping and shape --------------------------------------------- */

static void
test_markdown_escaping (Fixture *f, gconstpointer data)
{
  g_autofree char *soon = helder_test_day (2);
  g_autofree char *json = g_strdup_printf (
    "{\"title\":\"*Vet* [klik](https://evil.example) <script>alert(1)</script> `code` I&A &amp;\","
    "\"body\":\"Tekst\",\"scheduled_at\":\"%sT09:30:00Z\",\"status\":\"approved\","
    "\"channels\":[\"meeting\"],\"persons\":[1]}",
    soon);
  g_autoptr (JsonObject) sections = NULL;
  g_autofree char *markdown = NULL;
  char *html;

  json_object_unref (helder_test_create (f->store, "moment", json));
  sections = compute (f, 1);
  markdown = to_markdown (sections);

  g_assert_nonnull (strstr (markdown, "## Your role now\n\nSysteembeheerder\n"));
  g_assert_nonnull (strstr (markdown, "## Coming up for you\n\n- "));
  g_assert_nonnull (strstr (markdown, "## Earlier messages\n\nNo messages have reached you yet."));
  g_assert_nonnull (
    strstr (markdown, "## Decisions\n\nNo Go/No-Go decisions concern your groups."));
  g_assert_nonnull (strstr (markdown, "\\*Vet\\* \\[klik\\](https://evil.example) \\<script>"));
  g_assert_nonnull (strstr (markdown, "I&A \\&amp;"));
  g_assert_nonnull (strstr (markdown, "(meeting)"));

  html = cmark_markdown_to_html (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  g_assert_null (strstr (html, "<em>"));
  g_assert_null (strstr (html, "<a href=\"https://evil.example\""));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<code>"));
  g_assert_nonnull (strstr (html, "*Vet* [klik](https://evil.example) &lt;script&gt;"));
  g_assert_nonnull (strstr (html, "I&amp;A &amp;amp;"));
  g_assert_nonnull (strstr (html, "<h2>Coming up for you</h2>"));
  free (html);
}

static void
test_decisions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *d1 = helder_test_day (-4);
  g_autofree char *d2 = helder_test_day (12);
  g_autofree char *json = NULL;
  g_autoptr (JsonObject) sections = NULL;
  g_autoptr (JsonObject) dewi = NULL;
  g_autofree char *markdown = NULL;
  JsonArray *decisions, *upcoming;

  json =
    g_strdup_printf ("{\"slug\":\"infra\",\"name\":\"Infrastructuur gereed\",\"decide_on\":\"%s\","
                     "\"groups\":[\"beheer\"]}",
                     d1);
  json_object_unref (helder_test_create (f->store, "gate", json));
  g_free (json);
  json =
    g_strdup_printf ("{\"slug\":\"migratie\",\"name\":\"Migratieweekend\",\"decide_on\":\"%s\","
                     "\"groups\":[\"beheer\",\"leverancier\"]}",
                     d2);
  json_object_unref (helder_test_create (f->store, "gate", json));
  g_free (json);
  json = g_strdup_printf ("{\"slug\":\"desk\",\"name\":\"Servicedesk over\",\"decide_on\":\"%s\","
                          "\"groups\":[\"servicedesk\"]}",
                          d2);
  json_object_unref (helder_test_create (f->store, "gate", json));
  {
    g_autoptr (JsonObject) decided =
      helder_gate_decide (f->store, HELDER_TEST_ACTOR, "infra", "go",
                          "Alle servers zijn **bijgewerkt**.", "Directie", NULL, &error);
    g_assert_no_error (error);
  }

  sections = compute (f, 1);
  decisions = json_object_get_array_member (sections, "decisions");
  upcoming = json_object_get_array_member (sections, "upcoming_decisions");
  g_assert_cmpuint (json_array_get_length (decisions), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (decisions, 0), "decision"), ==,
    "go");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (decisions, 0), "rationale"), ==,
    "Alle servers zijn **bijgewerkt**.");
  g_assert_cmpuint (json_array_get_length (upcoming), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (upcoming, 0), "slug"), ==,
    "migratie");

  markdown = to_markdown (sections);
  g_assert_nonnull (strstr (markdown, "- **Go/No-Go: Infrastructuur gereed** — Go ("));
  g_assert_nonnull (strstr (markdown, "  Alle servers zijn **bijgewerkt**.\n"));
  g_assert_nonnull (strstr (markdown, "- **Go/No-Go: Migratieweekend** — decision expected on "));
  g_assert_null (strstr (markdown, "Servicedesk over"));

  dewi = compute (f, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (dewi, "decisions")), ==,
                    0);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (dewi, "upcoming_decisions")), ==, 1);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add ("/personal/discussed-rule", Fixture, NULL, fixture_setup, test_discussed_rule,
              fixture_teardown);
  g_test_add ("/personal/undecided", Fixture, NULL, fixture_setup, test_undecided,
              fixture_teardown);
  g_test_add ("/personal/no-change", Fixture, NULL, fixture_setup, test_no_change,
              fixture_teardown);
  g_test_add ("/personal/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/personal/promises", Fixture, NULL, fixture_setup, test_promises, fixture_teardown);
  g_test_add ("/personal/decisions", Fixture, NULL, fixture_setup, test_decisions,
              fixture_teardown);
  g_test_add ("/personal/markdown-escaping", Fixture, NULL, fixture_setup, test_markdown_escaping,
              fixture_teardown);
  g_test_add ("/personal/moments-match-audience", Fixture, "demo", fixture_setup,
              test_moments_match_audience, fixture_teardown);
  g_test_add ("/personal/nothing-of-others", Fixture, "demo", fixture_setup, test_nothing_of_others,
              fixture_teardown);
  return g_test_run ();
}
