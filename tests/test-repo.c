/* test-repo.c — generic create/read/update/delete for every entity
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  HelderStore *store;
  char *path;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  helder_test_seed (f->store);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

static const HelderEntity *
E (const char *name)
{
  return helder_entity_lookup (name);
}

static void
refused (Fixture *f, const char *before, GError *error, int code, const char *needle)
{
  g_autofree char *after = helder_test_fingerprint (f->store);

  g_assert_error (error, HELDER_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” lacks “%s”", error->message, needle);
  g_assert_cmpstr (before, ==, after);
}

static void
test_crud (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) changes = helder_test_object (
    "{\"name\":\"Eva Bakker\",\"groups\":[\"servicedesk\"],\"digest\":\"off\"}");
  g_autoptr (JsonArray) rows = NULL;

  row = helder_test_create (
    f->store, "person",
    "{\"name\":\"Eva Smit\",\"email\":\"Eva@Voorbeeld.nl\",\"groups\":[\"beheer\"],\"channels\":[\"email\",\"desktop\"]}");
  g_assert_cmpint (json_object_get_int_member (row, "id"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (row, "locale"), ==, "nl");
  g_assert_cmpstr (json_object_get_string_member (row, "digest"), ==, "default");
  g_assert_nonnull (json_object_get_string_member (row, "created_at"));
  g_clear_pointer (&row, json_object_unref);

  /* by id and by e-mail (case-insensitive) */
  row = helder_repo_get (f->store, E ("person"), "eva@voorbeeld.nl", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Eva Smit");
  g_clear_pointer (&row, json_object_unref);

  row = helder_repo_update (f->store, E ("person"), "5", changes, HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Eva Bakker");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (row, "groups"), 0),
                   ==, "servicedesk");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "channels")), ==, 2);
  g_clear_pointer (&row, json_object_unref);

  rows = helder_repo_list (f->store, E ("person"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  g_clear_pointer (&rows, json_array_unref);

  g_assert_true (helder_repo_delete (f->store, E ("person"), "5", &error));
  g_assert_no_error (error);
  row = helder_repo_get (f->store, E ("person"), "5", &error);
  g_assert_null (row);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
}

static void
test_filters_and_paging (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (JsonArray) rows = NULL;
  HelderQuery query = { .equals = equals };

  g_hash_table_insert (equals, (char *) "groups", (char *) "beheer");
  rows = helder_repo_list (f->store, E ("person"), &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_clear_pointer (&rows, json_array_unref);

  g_hash_table_insert (equals, (char *) "role", (char *) "systeembeheerder");
  query.limit = 1;
  query.offset = 1;
  rows = helder_repo_list (f->store, E ("person"), &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0), "id"), ==,
                   3);
  g_clear_pointer (&rows, json_array_unref);

  g_hash_table_remove_all (equals);
  g_hash_table_insert (equals, (char *) "shoe_size", (char *) "42");
  rows = helder_repo_list (f->store, E ("person"), &query, &error);
  g_assert_null (rows);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_USAGE);
  g_clear_error (&error);

  g_hash_table_remove_all (equals);
  g_hash_table_insert (equals, (char *) "groups", (char *) "nope");
  rows = helder_repo_list (f->store, E ("person"), &query, &error);
  g_assert_null (rows);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
}

static void
test_bad_writes_change_nothing (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *entity, *json, *needle;
    int code;
  } cases[] = {
    { "person", "{\"name\":\"X\",\"shoe\":42}", "shoe", HELDER_ERROR_INVALID },
    { "person", "{\"email\":\"x@y.nl\"}", "name", HELDER_ERROR_INVALID },
    { "person", "{\"name\":\"X\",\"email\":\"ANNA@voorbeeld.nl\"}", "already used",
      HELDER_ERROR_CONFLICT },
    { "person", "{\"name\":\"X\",\"groups\":[\"beheer\",\"beheerr\"]}", "groups[1]: unknown group",
      HELDER_ERROR_NOT_FOUND },
    { "person", "{\"name\":\"X\",\"manager\":99}", "manager: unknown person",
      HELDER_ERROR_NOT_FOUND },
    { "person", "{\"name\":\"X\",\"manager\":\"nobody@voorbeeld.nl\"}", "nobody@voorbeeld.nl",
      HELDER_ERROR_NOT_FOUND },
    { "person", "{\"id\":77,\"name\":\"X\"}", "id", HELDER_ERROR_INVALID },
    { "person", "{\"name\":\"X\",\"locale\":\"de\"}", "locale", HELDER_ERROR_INVALID },
    { "person", "{\"name\":\"X\",\"groups\":\"beheer\"}", "expected a list", HELDER_ERROR_INVALID },
    { "group", "{\"slug\":\"beheer\",\"name\":\"Dubbel\",\"kind\":\"internal\"}", "already exists",
      HELDER_ERROR_CONFLICT },
    { "group", "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\",\"influence\":9}", "influence",
      HELDER_ERROR_INVALID },
    { "role", "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"current\",\"fate\":\"lapses\",\"fte\":2}",
      "fte", HELDER_ERROR_INVALID },
    { "phase",
      "{\"key\":\"x\",\"name\":\"X\",\"position\":4,\"starts_on\":\"2026-05-01\",\"ends_on\":\"2026-04-01\"}",
      "ends_on", HELDER_ERROR_INVALID },
    { "phase",
      "{\"key\":\"x\",\"name\":\"X\",\"position\":4,\"starts_on\":\"2026-02-29\",\"ends_on\":\"2026-04-01\"}",
      "2026-02-29", HELDER_ERROR_INVALID },
    { "moment", "{\"title\":\"X\",\"scheduled_at\":\"2026-13-01 10:00\"}", "scheduled_at",
      HELDER_ERROR_INVALID },
    { "moment", "{\"title\":\"X\",\"scheduled_at\":\"2026-12-01 10:00\",\"phase\":\"nope\"}",
      "phase: unknown phase", HELDER_ERROR_NOT_FOUND },
    { "criterion", "{\"gate\":\"nope\",\"text\":\"X\"}", "gate: unknown gate",
      HELDER_ERROR_NOT_FOUND },
    { "programme", "{\"name\":\"Tweede\",\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\"}",
      "already", HELDER_ERROR_CONFLICT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = helder_test_fingerprint (f->store);
      g_autoptr (JsonObject) values = helder_test_object (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) row =
        helder_repo_create (f->store, E (cases[i].entity), values, HELDER_WRITE_DEFAULT, &error);
      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (row);
      refused (f, before, error, cases[i].code, cases[i].needle);
    }
}

static void
test_delete_only_unreferenced (Fixture *f, gconstpointer data)
{
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autoptr (GError) error = NULL;

  g_assert_false (helder_repo_delete (f->store, E ("group"), "beheer", &error));
  refused (f, before, error, HELDER_ERROR_CONFLICT, "2 × person.groups");
  g_clear_error (&error);

  g_assert_false (helder_repo_delete (f->store, E ("person"), "1", &error));
  refused (f, before, error, HELDER_ERROR_CONFLICT, "person.manager");
  g_clear_error (&error);

  g_assert_false (helder_repo_delete (f->store, E ("role"), "nope", &error));
  refused (f, before, error, HELDER_ERROR_NOT_FOUND, "nope");
  g_clear_error (&error);

  /* contractmanager is unused: it goes */
  g_assert_true (helder_repo_delete (f->store, E ("role"), "contractmanager", &error));
  g_assert_no_error (error);
}

/* SQL metacharacters in every text field of every entity are data. */
static void
test_sql_metacharacters (Fixture *f, gconstpointer data)
{
  static const char nasty[] = "'); DROP TABLE person; -- \"x\" \\ % _ ;";
  guint n;
  const HelderEntity *const *all = helder_entity_all (&n);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) person = NULL;
  g_autoptr (JsonObject) moment = NULL;

  person = helder_test_create (
    f->store, "person",
    "{\"name\":\"'); DROP TABLE person; --\",\"organisation\":\"Robert'); DROP TABLE stakeholder_group;--\"}");
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "'); DROP TABLE person; --");

  for (guint e = 0; e < n; e++)
    for (guint i = 0; i < all[e]->n_fields; i++)
      {
        const HelderField *field = &all[e]->fields[i];
        g_autoptr (JsonObject) changes = json_object_new ();
        g_autoptr (JsonObject) row = NULL;
        const char *key;

        if ((field->type != HELDER_FIELD_TEXT && field->type != HELDER_FIELD_MARKDOWN) ||
            (field->flags & (HELDER_FIELD_KEY | HELDER_FIELD_SYSTEM | HELDER_FIELD_FIXED)) ||
            g_str_equal (field->name, "email") || g_str_equal (field->name, "time_zone"))
          continue;

        key = g_str_equal (all[e]->name, "person")  ? "1"
              : g_str_equal (all[e]->name, "group") ? "beheer"
              : g_str_equal (all[e]->name, "role")  ? "servicedesk"
              : g_str_equal (all[e]->name, "phase") ? "readiness"
                                                    : NULL;
        if (all[e]->singleton)
          key = "1";
        if (key == NULL)
          continue;
        json_object_set_string_member (changes, field->name, nasty);
        row = helder_repo_update (f->store, all[e], key, changes, HELDER_WRITE_DEFAULT, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (json_object_get_string_member (row, field->name), ==, nasty);
      }

  /* Entities keyed by id: create one with the text everywhere. */
  {
    g_autofree char *json = g_strdup_printf (
      "{\"title\":%s,\"body\":%s,\"author\":%s,\"scheduled_at\":\"2026-12-01 10:00\"}",
      "\"'); DROP TABLE moment; --\"", "\"%_\\\\ \\\"\"", "\"x' OR '1'='1\"");
    moment = helder_test_create (f->store, "moment", json);
    g_assert_cmpstr (json_object_get_string_member (moment, "title"), ==,
                     "'); DROP TABLE moment; --");
    g_assert_cmpstr (json_object_get_string_member (moment, "author"), ==, "x' OR '1'='1");
  }

  /* Everything still there. */
  g_assert_cmpint (helder_repo_count (f->store, E ("person"), &error), ==, 5);
  g_assert_cmpint (helder_repo_count (f->store, E ("group"), &error), ==, 3);
  g_assert_cmpint (helder_repo_count (f->store, E ("moment"), &error), ==, 1);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/repo/crud", test_crud);
  ADD ("/repo/filters-and-paging", test_filters_and_paging);
  ADD ("/repo/bad-writes-change-nothing", test_bad_writes_change_nothing);
  ADD ("/repo/delete-only-unreferenced", test_delete_only_unreferenced);
  ADD ("/repo/sql-metacharacters", test_sql_metacharacters);
#undef ADD
  return g_test_run ();
}
