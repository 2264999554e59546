/* test-export.c — the JSON export: shape, determinism, round trips
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "helder-test-utils.h"
#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/transfer/helder-demo.h"
#include "services/transfer/helder-export.h"
#include "services/transfer/helder-import-json.h"
#include "services/repo/helder-repo.h"

typedef struct
{
  HelderStore *store;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

static char *
read_test_data (const char *name, gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static char *
export_text (HelderStore *store, gsize *length)
{
  g_autoptr (GError) error = NULL;
  char *text = helder_export_to_data (store, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_cmpuint (strlen (text), ==, *length);
  return text;
}

static void
import_text (HelderStore *store, const char *text, gsize length)
{
  g_autoptr (GError) error = NULL;

  helder_import_json_data (store, text, length, &error);
  g_assert_no_error (error);
}

/* Export, import into a new empty database, export again: the same bytes. */
static void
assert_round_trip (HelderStore *store)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) copy = NULL;
  gsize first_len, second_len;

  first = export_text (store, &first_len);
  copy = helder_test_store_new (&path);
  import_text (copy, first, first_len);
  second = export_text (copy, &second_len);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (first_len, ==, second_len);
  g_clear_object (&copy);
  helder_test_remove_db (path);
}

static void
test_empty_shape (Fixture *f, gconstpointer data)
{
  const HelderEntity *const *entities;
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *object;
  GList *l;
  gsize length;
  guint n;

  text = export_text (f->store, &length);
  g_assert_cmpuint (length, >, 2);
  g_assert_cmpint (text[length - 1], ==, '\n');
  g_assert_cmpint (text[length - 2], ==, '}');

  root = json_from_string (text, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "helder-export");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);

  /* format, version, then one member per entity, in dependency order */
  entities = helder_entity_all (&n);
  members = json_object_get_members (object);
  g_assert_cmpuint (g_list_length (members), ==, n + 2);
  g_assert_cmpstr (members->data, ==, "format");
  g_assert_cmpstr (members->next->data, ==, "version");
  l = members->next->next;
  for (guint i = 0; i < n; i++, l = l->next)
    {
      JsonNode *member = json_object_get_member (object, entities[i]->plural);

      g_assert_cmpstr (l->data, ==, entities[i]->plural);
      if (entities[i]->singleton)
        g_assert_true (JSON_NODE_HOLDS_NULL (member));
      else
        {
          g_assert_true (JSON_NODE_HOLDS_ARRAY (member));
          g_assert_cmpuint (json_array_get_length (json_node_get_array (member)), ==, 0);
        }
    }
}

/* Every row holds exactly its entity's fields, in field order; nothing
 * derived (a late commitment stays "open" in the export). */
static void
test_rows_hold_fields (Fixture *f, gconstpointer data)
{
  const HelderEntity *const *entities;
  g_autofree char *input = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *object;
  gsize length;
  guint n;

  input = read_test_data ("full-export.json", &length);
  import_text (f->store, input, length);

  root = helder_export_document (f->store, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);

  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *member = json_object_get_member (object, entities[i]->plural);
      g_autoptr (GList) rows = NULL;

      if (entities[i]->singleton)
        rows = g_list_append (NULL, member);
      else
        {
          g_assert_cmpuint (json_array_get_length (json_node_get_array (member)), >, 0);
          rows = json_array_get_elements (json_node_get_array (member));
        }

      for (GList *r = rows; r != NULL; r = r->next)
        {
          JsonObject *row = json_node_get_object (r->data);
          g_autoptr (GList) fields = json_object_get_members (row);
          GList *m = fields;

          g_assert_cmpuint (g_list_length (fields), ==, entities[i]->n_fields);
          for (guint k = 0; k < entities[i]->n_fields; k++, m = m->next)
            g_assert_cmpstr (m->data, ==, entities[i]->fields[k].name);
        }
    }

  /* Commitment 2 was due on 2026-01-31 and is open: late when read, but the
   * export keeps the stored status. */
  {
    JsonArray *commitments = json_object_get_array_member (object, "commitments");
    JsonObject *late = json_array_get_object_element (commitments, 1);

    g_assert_cmpint (json_object_get_int_member (late, "id"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (late, "status"), ==, "open");
    g_assert_false (json_object_has_member (late, "effective_status"));
  }
}

static void
test_deterministic (Fixture *f, gconstpointer data)
{
  g_autofree char *input = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (GError) error = NULL;
  gsize length, first_len, second_len, third_len;

  input = read_test_data ("full-export.json", &length);
  import_text (f->store, input, length);

  first = export_text (f->store, &first_len);
  second = export_text (f->store, &second_len);
  g_assert_cmpstr (first, ==, second);

  /* and after reopening the database */
  g_clear_object (&f->store);
  f->store = helder_store_open (f->path, &error);
  g_assert_no_error (error);
  helder_store_migrate (f->store, &error);
  g_assert_no_error (error);
  third = export_text (f->store, &third_len);
  g_assert_cmpstr (first, ==, third);
}

/* A hand-made document with every field type, unicode, quotes, backslashes,
 * tabs and newlines, references to later rows: import + export gives it
 * back byte for byte. */
static void
test_round_trip_fixture (Fixture *f, gconstpointer data)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  gsize length, out_length;

  input = read_test_data ("full-export.json", &length);
  import_text (f->store, input, length);
  output = export_text (f->store, &out_length);
  g_assert_cmpuint (out_length, ==, length);
  g_assert_cmpstr (output, ==, input);

  assert_round_trip (f->store);
}

/* Layout does not matter: the same document without white space exports
 * to the same bytes. */
static void
test_round_trip_compact (Fixture *f, gconstpointer data)
{
  g_autofree char *input = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *output = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;
  gsize length, compact_length, out_length;

  input = read_test_data ("full-export.json", &length);
  root = json_from_string (input, &error);
  g_assert_no_error (error);
  json_generator_set_root (generator, root);
  compact = json_generator_to_data (generator, &compact_length);
  g_assert_null (strchr (compact, '\n'));

  import_text (f->store, compact, compact_length);
  output = export_text (f->store, &out_length);
  g_assert_cmpstr (output, ==, input);
}

/* Rows written through the ordinary API (timestamps now, ids assigned). */
static void
test_round_trip_api (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *entity;
    const char *json;
  } rows[] = {
    { "programme",
      "{\"name\": \"Wolk\", \"starts_on\": \"2026-01-01\", \"ends_on\": \"2026-12-31\"}" },
    { "phase", "{\"key\": \"tender\", \"name\": \"Europese aanbesteding\", \"position\": 3,"
               " \"starts_on\": \"2026-02-01\", \"ends_on\": \"2026-05-01\"}" },
    { "group", "{\"slug\": \"key-users\", \"name\": \"Key users\", \"kind\": \"internal\"}" },
    { "role",
      "{\"slug\": \"fab\", \"name\": \"Functioneel beheerder\", \"kind\": \"current\", \"fate\": \"changes\"}" },
    { "person",
      "{\"name\": \"Eva\", \"email\": \"eva@example.org\", \"groups\": [\"key-users\"], \"role\": \"fab\"}" },
    { "person",
      "{\"name\": \"Bram\", \"email\": \"bram@example.org\", \"manager\": \"eva@example.org\"}" },
    { "role_change",
      "{\"person\": 1, \"from_role\": \"fab\", \"decision_expected\": \"2026-04-01\"}" },
    { "commitment",
      "{\"text\": \"Iedereen krijgt een gesprek.\", \"made_by\": \"HR\","
      " \"made_on\": \"2026-01-02\", \"due_on\": \"2026-03-01\", \"groups\": [\"key-users\"]}" },
    { "moment",
      "{\"title\": \"Bijeenkomst\", \"scheduled_at\": \"2026-02-03 10:00\","
      " \"phase\": \"tender\", \"groups\": [\"key-users\"], \"channels\": [\"meeting\"]}" },
    { "gate",
      "{\"slug\": \"gate-1\", \"name\": \"Gate 1\", \"decide_on\": \"2026-05-01\", \"phase\": \"tender\"}" },
    { "criterion", "{\"gate\": \"gate-1\", \"text\": \"Bestek klaar\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (JsonObject) values = helder_test_object (rows[i].json);
      g_autoptr (JsonObject) row = NULL;
      g_autoptr (GError) error = NULL;

      row = helder_repo_create (f->store, helder_entity_lookup (rows[i].entity), values,
                                HELDER_WRITE_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_nonnull (row);
    }
  assert_round_trip (f->store);
}

/* The demo programme survives the round trip too. */
static void
test_round_trip_demo (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  helder_demo_load (f->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_false (helder_import_json_store_is_empty (f->store, NULL));
  assert_round_trip (f->store);
}

static gboolean
have_helder_exe (void)
{
  if (g_getenv ("HELDER_EXE") != NULL)
    return TRUE;
  g_test_skip ("HELDER_EXE is not set (run through meson test)");
  return FALSE;
}

/* `helder export` prints the same bytes; --output writes them atomically,
 * readable only by the owner; `helder import` of that file into a new
 * database round-trips. */
static void
test_cli_export (Fixture *f, gconstpointer data)
{
  g_autofree char *input = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *written = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *copy_out = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;
  gsize length, expected_length;
  int status;

  if (!have_helder_exe ())
    return;

  input = read_test_data ("full-export.json", &length);
  import_text (f->store, input, length);
  expected = export_text (f->store, &expected_length);
  g_clear_object (&f->store);

  status = helder_test_run (f->path, NULL, &out, &err, "export", NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, expected);

  dir = g_dir_make_tmp ("helder-export-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_build_filename (dir, "programme.json", NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (f->path, NULL, &out, &err, "export", "--output", file, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, file));
  g_file_get_contents (file, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* into a new database with the CLI, and back out */
  {
    g_autoptr (HelderStore) copy = helder_test_store_new (&copy_path);
    g_clear_object (&copy);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (copy_path, NULL, &out, &err, "import", file, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "4 people"));
  g_assert_nonnull (strstr (out, "2 phases"));
  status = helder_test_run (copy_path, NULL, &copy_out, NULL, "export", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (copy_out, ==, expected);

  /* --json gives the counts */
  {
    g_autofree char *json_path = NULL;
    g_autofree char *json_out = NULL;
    g_autoptr (JsonNode) counts = NULL;
    g_autoptr (HelderStore) other = helder_test_store_new (&json_path);

    g_clear_object (&other);
    status = helder_test_run (json_path, NULL, &json_out, NULL, "--json", "import", file, NULL);
    g_assert_cmpint (status, ==, 0);
    counts = json_from_string (json_out, &error);
    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (counts), "people"), ==, 4);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (counts), "programme"));
    helder_test_remove_db (json_path);
  }

  /* an unexpected argument is a usage error */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (f->path, NULL, &out, &err, "export", "extra", NULL);
  g_assert_cmpint (status, ==, 2);

  g_remove (file);
  g_rmdir (dir);
  helder_test_remove_db (copy_path);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/export/empty-shape", test_empty_shape);
  ADD ("/export/rows-hold-fields", test_rows_hold_fields);
  ADD ("/export/deterministic", test_deterministic);
  ADD ("/export/round-trip/fixture", test_round_trip_fixture);
  ADD ("/export/round-trip/compact", test_round_trip_compact);
  ADD ("/export/round-trip/api", test_round_trip_api);
  ADD ("/export/round-trip/demo", test_round_trip_demo);
  ADD ("/export/cli", test_cli_export);

#undef ADD

  return g_test_run ();
}
