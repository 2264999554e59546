/* test-audience.c — audience resolution against a brute-force answer
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a generated programme of 2,000 people, every moment's audience as
 * resolved by the one SQL query must equal the set computed by hand from the
 * rows: groups ∪ roles (now or future) ∪ persons ∪ role-change statuses.
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "services/views/helder-audience.h"
#include "services/transfer/helder-demo.h"
#include "services/repo/helder-repo.h"

static gboolean
array_has (JsonArray *array, JsonNode *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_node_equal (json_array_get_element (array, i), value))
      return TRUE;
  return FALSE;
}

static gboolean
array_has_string (JsonArray *array, const char *value)
{
  for (guint i = 0; value != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
check_moment (HelderStore *store,
              JsonObject *moment,
              JsonArray *people,
              GHashTable *changes,
              GArray *resolved)
{
  JsonArray *groups = json_object_get_array_member (moment, "groups");
  JsonArray *roles = json_object_get_array_member (moment, "roles");
  JsonArray *persons = json_object_get_array_member (moment, "persons");
  JsonArray *statuses = json_object_get_array_member (moment, "statuses");
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);
      gint64 id = json_object_get_int_member (p, "id");
      JsonObject *change = g_hash_table_lookup (changes, &id);
      JsonArray *mine = json_object_get_array_member (p, "groups");
      gboolean in = FALSE;

      for (guint g = 0; g < json_array_get_length (mine) && !in; g++)
        in = array_has (groups, json_array_get_element (mine, g));
      if (!in && !json_object_get_null_member (p, "role"))
        in = array_has_string (roles, json_object_get_string_member (p, "role"));
      /* A future role counts only once the change was discussed. */
      if (!in && change != NULL && !json_object_get_null_member (change, "to_role") &&
          (g_str_equal (json_object_get_string_member (change, "status"), "discussed") ||
           g_str_equal (json_object_get_string_member (change, "status"), "accepted") ||
           g_str_equal (json_object_get_string_member (change, "status"), "objection")))
        in = array_has_string (roles, json_object_get_string_member (change, "to_role"));
      if (!in)
        in = array_has (persons, json_object_get_member (p, "id"));
      if (!in && change != NULL)
        in = array_has_string (statuses, json_object_get_string_member (change, "status"));
      if (in)
        g_array_append_val (expected, id);
      /* Asked for one person, the answer is the same. */
      {
        g_autoptr (GError) error = NULL;
        gboolean contains = !in;

        g_assert_true (helder_audience_contains (store, json_object_get_int_member (moment, "id"),
                                                 id, &contains, &error));
        g_assert_no_error (error);
        if (contains != in)
          g_error ("moment %" G_GINT64_FORMAT ", person %" G_GINT64_FORMAT
                   ": helder_audience_contains says %d, brute force %d",
                   json_object_get_int_member (moment, "id"), id, contains, in);
      }
    }

  g_assert_cmpuint (resolved->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (resolved, gint64, i), ==, g_array_index (expected, gint64, i));
}

static void
test_audience_matches_brute_force (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) people = NULL;
  g_autoptr (JsonArray) rcs = NULL;
  g_autoptr (JsonArray) moments = NULL;
  g_autoptr (GHashTable) changes = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint non_empty = 0;

  g_assert_true (helder_demo_load (store, NULL, 2000, &error));
  g_assert_no_error (error);

  /* A few extra moments that mix every kind of audience. */
  json_object_unref (helder_test_create (
    store, "moment",
    "{\"title\":\"Mix\",\"scheduled_at\":\"2027-01-05 10:00\",\"roles\":[\"contractmanager\",\"servicemanager\"],"
    "\"persons\":[1,2,3,1999],\"statuses\":[\"objection\"]}"));
  json_object_unref (helder_test_create (
    store, "moment", "{\"title\":\"Leeg\",\"scheduled_at\":\"2027-01-06 10:00\"}"));

  people = helder_repo_list (store, helder_entity_lookup ("person"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (people), ==, 2000);
  rcs = helder_repo_list (store, helder_entity_lookup ("role_change"), NULL, &error);
  g_assert_no_error (error);
  {
    gint64 *keys = g_new (gint64, json_array_get_length (rcs));
    for (guint i = 0; i < json_array_get_length (rcs); i++)
      {
        JsonObject *rc = json_array_get_object_element (rcs, i);
        keys[i] = json_object_get_int_member (rc, "person");
        g_hash_table_insert (changes, &keys[i], rc);
      }
    moments = helder_repo_list (store, helder_entity_lookup ("moment"), NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < json_array_get_length (moments); i++)
      {
        JsonObject *m = json_array_get_object_element (moments, i);
        g_autoptr (GArray) resolved =
          helder_audience_resolve (store, json_object_get_int_member (m, "id"), &error);

        g_assert_no_error (error);
        check_moment (store, m, people, changes, resolved);
        if (resolved->len > 0)
          non_empty++;
      }
    g_free (keys);
  }
  g_assert_cmpuint (non_empty, >=, 10);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* A moment's lists as a HelderAudienceSpec: strings, person ids as text. */
static GStrv
spec_list (JsonArray *array)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
      else
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          g_strv_builder_add (builder, id);
        }
    }
  return g_strv_builder_end (builder);
}

/* For every moment of the demo, the same audience as a spec reaches the
 * same people, and asked person by person gives the same answers. */
static void
test_spec_matches_moments (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) moments = NULL;
  g_autoptr (JsonArray) people = NULL;
  guint compared = 0;

  g_assert_true (helder_demo_load (store, NULL, 0, &error));
  g_assert_no_error (error);
  json_object_unref (helder_test_create (
    store, "moment",
    "{\"title\":\"Mix\",\"scheduled_at\":\"2027-01-05 10:00\",\"roles\":[\"contractmanager\"],"
    "\"persons\":[1,2,3],\"statuses\":[\"objection\",\"discussed\"]}"));
  moments = helder_repo_list (store, helder_entity_lookup ("moment"), NULL, &error);
  g_assert_no_error (error);
  people = helder_repo_list (store, helder_entity_lookup ("person"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (people), >, 10);
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      gint64 id = json_object_get_int_member (m, "id");
      g_auto (GStrv) groups = spec_list (json_object_get_array_member (m, "groups"));
      g_auto (GStrv) roles = spec_list (json_object_get_array_member (m, "roles"));
      g_auto (GStrv) persons = spec_list (json_object_get_array_member (m, "persons"));
      g_auto (GStrv) statuses = spec_list (json_object_get_array_member (m, "statuses"));
      HelderAudienceSpec spec = {
        .groups = (const char *const *) groups,
        .roles = (const char *const *) roles,
        .persons = (const char *const *) persons,
        .statuses = (const char *const *) statuses,
      };
      g_autoptr (GArray) by_moment = helder_audience_resolve (store, id, &error);
      g_autoptr (GArray) by_spec = NULL;

      g_assert_no_error (error);
      by_spec = helder_audience_resolve_spec (store, &spec, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (by_spec->len, ==, by_moment->len);
      for (guint k = 0; k < by_spec->len; k++)
        g_assert_cmpint (g_array_index (by_spec, gint64, k), ==,
                         g_array_index (by_moment, gint64, k));
      for (guint p = 0; p < json_array_get_length (people); p++)
        {
          gint64 person =
            json_object_get_int_member (json_array_get_object_element (people, p), "id");
          gboolean a = FALSE, b = TRUE;

          g_assert_true (helder_audience_contains (store, id, person, &a, &error));
          g_assert_true (helder_audience_spec_contains (store, &spec, person, &b, &error));
          g_assert_no_error (error);
          g_assert_cmpint (a, ==, b);
        }
      if (by_spec->len > 0)
        compared++;
    }
  g_assert_cmpuint (compared, >=, 10);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* A spec that names what does not exist is refused, naming the list and
 * the value; an empty spec reaches nobody. */
static void
test_spec_refuses_unknown (void)
{
  static const struct
  {
    const char *groups[2], *roles[2], *persons[2], *statuses[2];
    const char *field, *value;
  } cases[] = {
    { { "nergens" }, { NULL }, { NULL }, { NULL }, "groups", "nergens" },
    { { NULL }, { "astronaut" }, { NULL }, { NULL }, "roles", "astronaut" },
    { { NULL }, { NULL }, { "99999" }, { NULL }, "persons", "99999" },
    { { NULL }, { NULL }, { "twaalf" }, { NULL }, "persons", "twaalf" },
    { { NULL }, { NULL }, { "-3" }, { NULL }, "persons", "-3" },
    { { NULL }, { NULL }, { NULL }, { "maybe" }, "statuses", "maybe" },
  };
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) none = NULL;
  HelderAudienceSpec empty = { 0 };

  helder_test_seed (store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HelderAudienceSpec spec = { cases[i].groups, cases[i].roles, cases[i].persons,
                                  cases[i].statuses };
      g_autoptr (GArray) ids = helder_audience_resolve_spec (store, &spec, &error);
      gboolean contains = TRUE;

      g_assert_null (ids);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
      g_assert_nonnull (strstr (error->message, cases[i].value));
      g_clear_error (&error);
      g_assert_false (helder_audience_spec_contains (store, &spec, 1, &contains, &error));
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_false (contains);
      g_clear_error (&error);
    }
  none = helder_audience_resolve_spec (store, &empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/audience/matches-brute-force", test_audience_matches_brute_force);
  g_test_add_func ("/audience/spec-matches-moments", test_spec_matches_moments);
  g_test_add_func ("/audience/spec-refuses-unknown", test_spec_refuses_unknown);
  return g_test_run ();
}
