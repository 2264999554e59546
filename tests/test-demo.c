/* test-demo.c — the demo programme and the population generator
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "model/helder-rules.h"
#include "services/transfer/helder-demo.h"
#include "services/transfer/helder-export.h"
#include "services/repo/helder-repo.h"

#define TODAY "2026-05-15"

/* Under AddressSanitizer with slow unwinding every allocation costs ~50 µs,
 * so the large populations shrink there; the timing bound applies only to
 * normal builds. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED TRUE
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED TRUE
#endif
#endif
#ifndef SANITIZED
#define SANITIZED FALSE
#endif
#define SCALE_PEOPLE (SANITIZED ? 1000 : 10000)
#define LOAD_PEOPLE  (SANITIZED ? 300 : 2000)

static JsonObject *
demo (const char *today, guint people)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) document = helder_demo_document (today, people, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (document));
  return json_object_ref (json_node_get_object (document));
}

/* The demo as of TODAY, built once for the tests that only read it. */
static JsonObject *
shared_demo (void)
{
  static JsonObject *document;

  if (document == NULL)
    document = demo (TODAY, 0);
  return json_object_ref (document);
}

static JsonArray *
rows (JsonObject *document, const char *plural)
{
  g_assert_true (json_object_has_member (document, plural));
  return json_object_get_array_member (document, plural);
}

static const char *
str_or_null (JsonObject *row, const char *member)
{
  g_assert_true (json_object_has_member (row, member));
  if (json_object_get_null_member (row, member))
    return NULL;
  return json_object_get_string_member (row, member);
}

static gboolean
array_has_string (JsonArray *array, const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* Every field of every entity is present in every row. */
static void
assert_every_field_present (JsonObject *document)
{
  const HelderEntity *const *entities;
  guint n;

  g_assert_cmpstr (json_object_get_string_member (document, "format"), ==, "helder-export");
  g_assert_cmpint (json_object_get_int_member (document, "version"), ==, 1);

  entities = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    {
      const HelderEntity *entity = entities[e];
      JsonNode *member = json_object_get_member (document, entity->plural);
      guint n_rows;

      g_assert_nonnull (member);
      n_rows = entity->singleton ? 1 : json_array_get_length (json_node_get_array (member));
      g_assert_cmpuint (n_rows, >, 0);
      for (guint r = 0; r < n_rows; r++)
        {
          JsonObject *row = entity->singleton
                              ? json_node_get_object (member)
                              : json_array_get_object_element (json_node_get_array (member), r);
          for (guint f = 0; f < entity->n_fields; f++)
            if (!json_object_has_member (row, entity->fields[f].name))
              g_error ("%s[%u] lacks “%s”", entity->plural, r, entity->fields[f].name);
        }
    }
}

static void
test_document_people_and_groups (void)
{
  static const char *const internal[] = {
    "systeem-netwerkbeheer",
    "servicedesk",
    "werkplekondersteuning",
    "functioneel-applicatiebeheer",
    "informatieadviseurs",
    "key-users",
    "management",
  };
  static const char *const external[] = { "outsourcingspartner", "applicatieleveranciers",
                                          "ketenpartners" };
  g_autoptr (JsonObject) doc = shared_demo ();
  g_autoptr (GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) group_kinds = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *people = rows (doc, "people");
  JsonArray *groups = rows (doc, "groups");
  guint employees = 0, externals = 0, managed = 0;

  assert_every_field_present (doc);

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);
      g_hash_table_insert (group_kinds, (gpointer) json_object_get_string_member (g, "slug"),
                           (gpointer) json_object_get_string_member (g, "kind"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (internal); i++)
    g_assert_cmpstr (g_hash_table_lookup (group_kinds, internal[i]), ==, "internal");
  for (guint i = 0; i < G_N_ELEMENTS (external); i++)
    g_assert_cmpstr (g_hash_table_lookup (group_kinds, external[i]), ==, "external");

  g_assert_cmpuint (json_array_get_length (people), >=, 60);
  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);
      const char *email = json_object_get_string_member (p, "email");
      g_autofree char *lower = g_ascii_strdown (email, -1);

      g_assert_cmpint (json_object_get_int_member (p, "id"), ==, i + 1);
      g_assert_cmpstr (email, ==, lower);
      g_assert_false (g_hash_table_contains (emails, email));
      g_hash_table_add (emails, (gpointer) email);
      if (g_str_equal (json_object_get_string_member (p, "organisation"), "Gemeente Voorbeeld"))
        {
          employees++;
          g_assert_true (g_str_has_suffix (email, "@voorbeeld.nl"));
        }
      else
        {
          externals++;
          g_assert_false (g_str_has_suffix (email, "@voorbeeld.nl"));
        }
      if (!json_object_get_null_member (p, "manager"))
        managed++;
    }
  g_assert_cmpuint (employees, >=, 55);
  g_assert_cmpuint (externals, >=, 5);
  g_assert_cmpuint (managed, >=, employees / 2);

  /* every internal group has members */
  for (guint g = 0; g < G_N_ELEMENTS (internal); g++)
    {
      guint members = 0;
      for (guint i = 0; i < json_array_get_length (people); i++)
        if (array_has_string (
              json_object_get_array_member (json_array_get_object_element (people, i), "groups"),
              internal[g]))
          members++;
      g_assert_cmpuint (members, >=, 3);
    }
}

static void
test_document_role_changes (void)
{
  static const char *const statuses[] = { "draft", "decided", "discussed", "accepted",
                                          "objection" };
  g_autoptr (JsonObject) doc = shared_demo ();
  JsonArray *changes = rows (doc, "role_changes");
  guint counts[G_N_ELEMENTS (statuses)] = { 0 };
  guint undecided = 0;

  g_assert_cmpuint (json_array_get_length (changes), >=, 40);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      const char *status = json_object_get_string_member (c, "status");

      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        if (g_str_equal (status, statuses[s]))
          counts[s]++;
      if (str_or_null (c, "to_role") == NULL)
        {
          undecided++;
          g_assert_nonnull (str_or_null (c, "decision_expected"));
          g_assert_cmpstr (str_or_null (c, "decision_expected"), >, TODAY);
        }
      g_assert_cmpuint (strlen (json_object_get_string_member (c, "changes")), >, 40);
    }
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    if (counts[s] == 0)
      g_error ("no role change is %s", statuses[s]);
  g_assert_cmpuint (undecided, >=, 3);
}

static void
test_document_commitments (void)
{
  g_autoptr (JsonObject) doc = shared_demo ();
  JsonArray *commitments = rows (doc, "commitments");
  JsonArray *updates = rows (doc, "commitment_updates");
  guint kept = 0, late = 0, broken = 0, withdrawn = 0;

  g_assert_cmpuint (json_array_get_length (commitments), >=, 10);
  for (guint i = 0; i < json_array_get_length (commitments); i++)
    {
      JsonObject *c = json_array_get_object_element (commitments, i);
      const char *status = json_object_get_string_member (c, "status");
      const char *effective =
        helder_rules_commitment_status (status, json_object_get_string_member (c, "due_on"), TODAY);
      gboolean explained = FALSE;

      g_assert_cmpstr (json_object_get_string_member (c, "made_on"), <=,
                       json_object_get_string_member (c, "due_on"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "groups")) +
                          json_array_get_length (json_object_get_array_member (c, "persons")),
                        >, 0);
      kept += g_str_equal (effective, "kept");
      late += g_str_equal (effective, "late");
      broken += g_str_equal (effective, "broken");
      withdrawn += g_str_equal (effective, "withdrawn");

      /* a settled promise has an update with that status and a note */
      for (guint u = 0; u < json_array_get_length (updates); u++)
        {
          JsonObject *up = json_array_get_object_element (updates, u);
          if (json_object_get_int_member (up, "commitment") ==
                json_object_get_int_member (c, "id") &&
              g_strcmp0 (str_or_null (up, "status"), status) == 0 &&
              strlen (json_object_get_string_member (up, "note")) > 20)
            explained = TRUE;
        }
      if (!g_str_equal (status, "open") && !explained)
        g_error ("commitment %" G_GINT64_FORMAT " is %s without an update explaining it",
                 json_object_get_int_member (c, "id"), status);
    }
  g_assert_cmpuint (kept, >=, 1);
  g_assert_cmpuint (late, >=, 1);
  g_assert_cmpuint (broken, >=, 1);
  g_assert_cmpuint (withdrawn, >=, 1);
}

static void
test_document_moments (void)
{
  g_autoptr (JsonObject) doc = shared_demo ();
  JsonArray *moments = rows (doc, "moments");
  g_autofree char *in_14 = helder_date_add_days (TODAY, 14);
  guint approved_today = 0, sent_past = 0, upcoming = 0, drafts = 0, cancelled = 0;
  guint meetings = 0, by_status = 0, by_role = 0, by_person = 0;

  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      const char *status = json_object_get_string_member (m, "status");
      const char *at = json_object_get_string_member (m, "scheduled_at");
      g_autofree char *day = g_strndup (at, 10);

      g_assert_true (helder_date_parse (day, NULL));
      g_assert_cmpuint (strlen (at), ==, 16);
      if (g_str_equal (status, "approved") && g_str_equal (day, TODAY))
        approved_today++;
      if (g_str_equal (status, "sent"))
        {
          g_assert_cmpstr (day, <, TODAY);
          sent_past++;
        }
      if ((g_str_equal (status, "approved") || g_str_equal (status, "draft")) &&
          strcmp (day, TODAY) > 0 && strcmp (day, in_14) <= 0)
        upcoming++;
      drafts += g_str_equal (status, "draft");
      cancelled += g_str_equal (status, "cancelled");
      meetings += array_has_string (json_object_get_array_member (m, "channels"), "meeting");
      by_role += json_array_get_length (json_object_get_array_member (m, "roles")) > 0;
      by_person += json_array_get_length (json_object_get_array_member (m, "persons")) > 0;
      if (array_has_string (json_object_get_array_member (m, "statuses"), "decided"))
        by_status++;
    }
  g_assert_cmpuint (approved_today, >=, 1);
  g_assert_cmpuint (sent_past, >=, 5);
  g_assert_cmpuint (upcoming, >=, 3);
  g_assert_cmpuint (drafts, >=, 3);
  g_assert_cmpuint (cancelled, ==, 1);
  g_assert_cmpuint (meetings, >=, 3);
  g_assert_cmpuint (by_status, >=, 1);
  g_assert_cmpuint (by_role, >=, 1);
  g_assert_cmpuint (by_person, >=, 1);
}

static void
test_document_gates_and_phases (void)
{
  static const char *const keys[] = {
    "inventory", "consultation", "tender",    "readiness",
    "regie",     "migration",    "aftercare", "closure",
  };
  g_autoptr (JsonObject) doc = shared_demo ();
  JsonArray *gates = rows (doc, "gates");
  JsonArray *criteria = rows (doc, "gate_criteria");
  JsonArray *phases = rows (doc, "phases");
  JsonObject *programme = json_object_get_object_member (doc, "programme");
  guint current = 0;

  g_assert_cmpuint (json_array_get_length (gates), ==, 3);
  for (guint i = 0; i < json_array_get_length (gates); i++)
    {
      JsonObject *g = json_array_get_object_element (gates, i);
      const char *slug = json_object_get_string_member (g, "slug");
      guint n = 0, met = 0;

      g_assert_cmpstr (json_object_get_string_member (g, "decide_on"), >, TODAY);
      g_assert_null (str_or_null (g, "decision"));
      for (guint c = 0; c < json_array_get_length (criteria); c++)
        {
          JsonObject *cr = json_array_get_object_element (criteria, c);
          if (g_str_equal (json_object_get_string_member (cr, "gate"), slug))
            {
              n++;
              met += g_str_equal (json_object_get_string_member (cr, "status"), "met");
            }
        }
      g_assert_cmpuint (n, >=, 4);
      g_assert_cmpuint (n, <=, 6);
      g_assert_cmpuint (met, <, n);
    }

  g_assert_cmpuint (json_array_get_length (phases), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      JsonObject *p = json_array_get_object_element (phases, i);
      const char *starts = json_object_get_string_member (p, "starts_on");
      const char *ends = json_object_get_string_member (p, "ends_on");

      g_assert_cmpstr (json_object_get_string_member (p, "key"), ==, keys[i]);
      g_assert_cmpint (json_object_get_int_member (p, "position"), ==, i + 1);
      g_assert_cmpstr (starts, <=, ends);
      g_assert_cmpstr (starts, >=, json_object_get_string_member (programme, "starts_on"));
      g_assert_cmpstr (ends, <=, json_object_get_string_member (programme, "ends_on"));
      if (strcmp (starts, TODAY) <= 0 && strcmp (TODAY, ends) <= 0)
        current++;
      if (i < 3)
        g_assert_cmpstr (ends, <, TODAY);
      if (i >= 5)
        g_assert_cmpstr (starts, >, TODAY);
    }
  g_assert_cmpuint (current, ==, 1);
}

/* Walks two documents side by side: dates move by @shift days, datetimes
 * keep their time of day, everything else is equal. */
static void
assert_shifted (JsonNode *a, JsonNode *b, int shift, guint *n_dates)
{
  g_assert_cmpint (JSON_NODE_TYPE (a), ==, JSON_NODE_TYPE (b));
  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      g_autoptr (GList) members = json_object_get_members (json_node_get_object (a));
      g_assert_cmpuint (json_object_get_size (json_node_get_object (a)), ==,
                        json_object_get_size (json_node_get_object (b)));
      for (GList *l = members; l != NULL; l = l->next)
        {
          if (g_str_equal (l->data, "created_at") || g_str_equal (l->data, "updated_at"))
            continue;
          assert_shifted (json_object_get_member (json_node_get_object (a), l->data),
                          json_object_get_member (json_node_get_object (b), l->data), shift,
                          n_dates);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);
      g_assert_cmpuint (json_array_get_length (x), ==, json_array_get_length (y));
      for (guint i = 0; i < json_array_get_length (x); i++)
        assert_shifted (json_array_get_element (x, i), json_array_get_element (y, i), shift,
                        n_dates);
    }
  else if (JSON_NODE_HOLDS_VALUE (a) && json_node_get_value_type (a) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (a);
      const char *t = json_node_get_string (b);
      g_autofree char *day = g_strndup (s, 10);

      g_assert_false (s[0] == '@' && g_ascii_isdigit (s[strlen (s) - 1]));
      if ((strlen (s) == 10 || (strlen (s) == 16 && s[10] == 'T')) && helder_date_parse (day, NULL))
        {
          g_autofree char *moved = helder_date_add_days (day, shift);
          g_autofree char *target = g_strndup (t, 10);
          GDate x, y;
          int off;

          /* days move to working days, and the migration weekend to a
           * week without holidays: a few days, at most a few weeks */
          g_assert_true (helder_date_parse (moved, &x));
          g_assert_true (helder_date_parse (target, &y));
          off = g_date_days_between (&x, &y);
          g_assert_cmpint (ABS (off), <=, 28);
          g_assert_cmpstr (s + 10, ==, t + 10);
          (*n_dates)++;
          n_dates[1] += off == 0;
        }
      else
        g_assert_cmpstr (s, ==, t);
    }
  else
    g_assert_true (json_node_equal (a, b));
}

static void
test_document_relative_dates (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) a = helder_demo_document ("2026-05-15", 0, &error);
  g_autoptr (JsonNode) b = NULL;
  g_autoptr (JsonNode) c = NULL;
  g_autofree char *today = helder_clock_today ();
  g_autofree char *current = NULL;
  guint n_dates[2] = { 0, 0 };

  g_assert_no_error (error);
  /* 2026-05-15 → 2027-02-28: 289 days, across a year end */
  b = helder_demo_document ("2027-02-28", 0, &error);
  g_assert_no_error (error);
  assert_shifted (a, b, 289, n_dates);
  g_assert_cmpuint (n_dates[0], >=, 120);
  /* the spans (phases, the programme) move by exactly as much as today */
  g_assert_cmpuint (n_dates[1], >=, 18);

  /* NULL means today */
  c = helder_demo_document (NULL, 0, &error);
  g_assert_no_error (error);
  current = g_strdup (json_object_get_string_member (
    json_object_get_object_member (json_node_get_object (c), "programme"), "starts_on"));
  {
    g_autofree char *expected = helder_date_add_days (today, -300);
    g_assert_cmpstr (current, ==, expected);
  }
}

static void
test_document_too_many_people (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) document = helder_demo_document (TODAY, 2000000, &error);

  g_assert_null (document);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "people"));
}

static void
test_document_bad_today (void)
{
  static const char *const bad[] = { "2026-02-30", "15-05-2026", "today", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) document = helder_demo_document (bad[i], 0, &error);

      g_assert_null (document);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "today"));
    }
}

/* ---- the generator ---------------------------------------------------- */

static GHashTable *
keys_of (JsonObject *doc, const char *plural, const char *key)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *list = rows (doc, plural);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *k = json_object_get_member (json_array_get_object_element (list, i), key);
      char *text = json_node_get_value_type (k) == G_TYPE_INT64
                     ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (k))
                     : g_strdup (json_node_get_string (k));
      g_assert_false (g_hash_table_contains (keys, text));
      g_hash_table_add (keys, text);
    }
  return keys;
}

static void
assert_ref (GHashTable *keys, JsonNode *value)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_NULL (value))
    return;
  text = json_node_get_value_type (value) == G_TYPE_INT64
           ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value))
           : g_strdup (json_node_get_string (value));
  if (!g_hash_table_contains (keys, text))
    g_error ("reference “%s” does not resolve", text);
}

static void
assert_refs (GHashTable *keys, JsonObject *row, const char *member)
{
  JsonArray *items = json_object_get_array_member (row, member);

  for (guint i = 0; i < json_array_get_length (items); i++)
    assert_ref (keys, json_array_get_element (items, i));
}

static void
test_generator_population (void)
{
  static const char *const statuses[] = { "draft", "decided", "discussed", "accepted",
                                          "objection" };
  g_autoptr (JsonObject) doc = demo (TODAY, 500);
  g_autoptr (GHashTable) people = keys_of (doc, "people", "id");
  g_autoptr (GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) groups = keys_of (doc, "groups", "slug");
  g_autoptr (GHashTable) roles = keys_of (doc, "roles", "slug");
  g_autoptr (GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *list = rows (doc, "people");
  JsonArray *changes = rows (doc, "role_changes");
  guint counts[G_N_ELEMENTS (statuses)] = { 0 };
  guint with_manager = 0;
  GHashTableIter iter;
  gpointer slug;

  assert_every_field_present (doc);
  g_assert_cmpuint (json_array_get_length (list), ==, 500);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *p = json_array_get_object_element (list, i);
      char *email = g_ascii_strdown (json_object_get_string_member (p, "email"), -1);

      g_assert_cmpint (json_object_get_int_member (p, "id"), ==, i + 1);
      g_assert_cmpstr (email, ==, json_object_get_string_member (p, "email"));
      g_assert_true (strchr (email, '@') > email);
      g_assert_false (g_hash_table_contains (emails, email));
      g_hash_table_add (emails, email);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "groups")), >=, 1);
      assert_refs (groups, p, "groups");
      assert_ref (roles, json_object_get_member (p, "role"));
      g_assert_false (json_object_get_null_member (p, "role"));
      assert_ref (people, json_object_get_member (p, "manager"));
      if (!json_object_get_null_member (p, "manager"))
        {
          g_assert_cmpint (json_object_get_int_member (p, "manager"), !=,
                           json_object_get_int_member (p, "id"));
          with_manager++;
        }
    }
  g_assert_cmpuint (with_manager, >=, 300);

  /* every internal group has people, each with a role of that group */
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &slug, NULL))
    {
      guint members = 0;
      for (guint i = 0; i < json_array_get_length (list); i++)
        members += array_has_string (
          json_object_get_array_member (json_array_get_object_element (list, i), "groups"), slug);
      g_assert_cmpuint (members, >=, 5);
    }

  g_assert_cmpuint (json_array_get_length (changes), >=, 250);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      g_autofree char *person =
        g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "person"));

      assert_ref (people, json_object_get_member (c, "person"));
      g_assert_false (g_hash_table_contains (changed, person));
      g_hash_table_add (changed, g_steal_pointer (&person));
      assert_ref (people, json_object_get_member (c, "contact"));
      assert_ref (roles, json_object_get_member (c, "from_role"));
      assert_ref (roles, json_object_get_member (c, "to_role"));
      if (json_object_get_null_member (c, "to_role"))
        g_assert_nonnull (str_or_null (c, "decision_expected"));
      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        counts[s] += g_str_equal (json_object_get_string_member (c, "status"), statuses[s]);
    }
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    g_assert_cmpuint (counts[s], >, 5);

  /* references elsewhere were moved to generated people */
  for (guint i = 0; i < json_array_get_length (rows (doc, "commitments")); i++)
    {
      JsonObject *c = json_array_get_object_element (rows (doc, "commitments"), i);
      assert_refs (people, c, "persons");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "groups")) +
                          json_array_get_length (json_object_get_array_member (c, "persons")),
                        >, 0);
    }
  for (guint i = 0; i < json_array_get_length (rows (doc, "moments")); i++)
    assert_refs (people, json_array_get_object_element (rows (doc, "moments"), i), "persons");
}

/* The document without its "now" timestamps, as text. */
static char *
stable_text (guint people)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) document = helder_demo_document (TODAY, people, &error);
  JsonObject *root;
  g_autoptr (GList) members = NULL;

  g_assert_no_error (error);
  root = json_node_get_object (document);
  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (root, l->data);
      if (JSON_NODE_HOLDS_OBJECT (member))
        {
          json_object_remove_member (json_node_get_object (member), "created_at");
          json_object_remove_member (json_node_get_object (member), "updated_at");
        }
      else if (JSON_NODE_HOLDS_ARRAY (member))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
          {
            JsonObject *row = json_array_get_object_element (json_node_get_array (member), i);
            json_object_remove_member (row, "created_at");
            json_object_remove_member (row, "updated_at");
          }
    }
  return json_to_string (document, FALSE);
}

static void
test_generator_deterministic (void)
{
  g_autofree char *a = stable_text (200);
  g_autofree char *b = stable_text (200);
  g_autofree char *c = stable_text (201);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_generator_small (void)
{
  static const guint sizes[] = { 1, 2, 7, 20 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (JsonObject) doc = demo (TODAY, sizes[i]);
      g_autoptr (GHashTable) people = keys_of (doc, "people", "id");

      g_assert_cmpuint (g_hash_table_size (people), ==, sizes[i]);
      for (guint r = 0; r < json_array_get_length (rows (doc, "role_changes")); r++)
        {
          JsonObject *c = json_array_get_object_element (rows (doc, "role_changes"), r);
          assert_ref (people, json_object_get_member (c, "contact"));
          assert_ref (people, json_object_get_member (c, "person"));
        }
      for (guint r = 0; r < json_array_get_length (rows (doc, "commitments")); r++)
        assert_refs (people, json_array_get_object_element (rows (doc, "commitments"), r),
                     "persons");
    }
}

static void
test_generator_scale (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr (JsonObject) doc = demo (TODAY, SCALE_PEOPLE);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (json_array_get_length (rows (doc, "people")), ==, SCALE_PEOPLE);
  g_test_message ("%u people in %.0f ms", SCALE_PEOPLE, elapsed / 1000.0);
  /* 10,000 take about 0.2 s; the bound leaves room for a busy machine */
  if (!SANITIZED)
    g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
}

/* ---- loading into a store --------------------------------------------- */

static gint64
count (HelderStore *store, const char *entity)
{
  g_autoptr (GError) error = NULL;
  gint64 n = helder_repo_count (store, helder_entity_lookup (entity), &error);

  g_assert_no_error (error);
  return n;
}

static void
test_load_demo (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) doc = demo (NULL, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  helder_demo_load (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "person"), ==, json_array_get_length (rows (doc, "people")));
  g_assert_cmpint (count (store, "role_change"), ==,
                   json_array_get_length (rows (doc, "role_changes")));
  g_assert_cmpint (count (store, "commitment"), ==,
                   json_array_get_length (rows (doc, "commitments")));
  g_assert_cmpint (count (store, "commitment_update"), ==,
                   json_array_get_length (rows (doc, "commitment_updates")));
  g_assert_cmpint (count (store, "moment"), ==, json_array_get_length (rows (doc, "moments")));
  g_assert_cmpint (count (store, "criterion"), ==,
                   json_array_get_length (rows (doc, "gate_criteria")));
  g_assert_cmpint (count (store, "phase"), ==, 8);
  g_assert_cmpint (count (store, "gate"), ==, 3);

  /* a second load is refused and changes nothing */
  before = helder_test_fingerprint (store);
  g_assert_false (helder_demo_load (store, NULL, 0, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT);
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_load_generated (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  helder_demo_load (store, TODAY, LOAD_PEOPLE, &error);
  g_assert_no_error (error);
  g_test_message ("%u people loaded in %.0f ms", LOAD_PEOPLE,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (count (store, "person"), ==, LOAD_PEOPLE);
  g_assert_cmpint (count (store, "role_change"), >, LOAD_PEOPLE / 2);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/demo/document/people-and-groups", test_document_people_and_groups);
  g_test_add_func ("/demo/document/role-changes", test_document_role_changes);
  g_test_add_func ("/demo/document/commitments", test_document_commitments);
  g_test_add_func ("/demo/document/moments", test_document_moments);
  g_test_add_func ("/demo/document/gates-and-phases", test_document_gates_and_phases);
  g_test_add_func ("/demo/document/relative-dates", test_document_relative_dates);
  g_test_add_func ("/demo/document/bad-today", test_document_bad_today);
  g_test_add_func ("/demo/document/too-many-people", test_document_too_many_people);
  g_test_add_func ("/demo/generator/population", test_generator_population);
  g_test_add_func ("/demo/generator/deterministic", test_generator_deterministic);
  g_test_add_func ("/demo/generator/small", test_generator_small);
  g_test_add_func ("/demo/generator/scale", test_generator_scale);
  g_test_add_func ("/demo/load/demo", test_load_demo);
  g_test_add_func ("/demo/load/generated", test_load_generated);

  return g_test_run ();
}
