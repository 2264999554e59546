/* test-import-json.c — restoring an export: every bad document is refused
 * with its JSON path, and changes nothing
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/transfer/helder-export.h"
#include "services/transfer/helder-import-json.h"
#include "services/repo/helder-repo.h"

#define SQL_META "'); DROP TABLE person;-- \" \\ % _ ';"

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
read_fixture (gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "full-export.json", NULL);
  g_autoptr (GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static JsonNode *
fixture_document (void)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *root;
  gsize length;

  text = read_fixture (&length);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  return root;
}

static char *
document_text (JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Imports @text, expecting it to fail with a message containing @expected,
 * and the database to be exactly as before. */
static void
assert_refused (HelderStore *store, const char *text, gssize length, int code, const char *expected)
{
  g_autofree char *before = helder_test_fingerprint (store);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = helder_import_json_data (store, text, length < 0 ? strlen (text) : (gsize) length, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  if (code >= 0)
    g_assert_error (error, HELDER_ERROR, code);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in the message “%s”", expected, error->message);
  g_assert_false (helder_store_in_transaction (store));

  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- bad values, named by their JSON path ----------------------------- */

typedef struct
{
  const char *member; /* top-level member */
  int index;          /* row, or -1 for the member itself */
  const char *field;  /* NULL: replace the whole row */
  const char *value;  /* JSON */
  int code;
  const char *expected;
} BadValue;

static const BadValue bad_values[] = {
  { "groups", 0, "influence", "\"high\"", HELDER_ERROR_INVALID,
    "groups[0].influence: expected a whole number, got text" },
  { "groups", 2, "influence", "9", HELDER_ERROR_INVALID, "groups[2].influence: 9 is outside 1–5" },
  { "groups", 1, "kind", "\"partner\"", HELDER_ERROR_INVALID,
    "groups[1].kind: “partner” is not one of internal, external" },
  { "groups", 1, "slug", "\"beheer\"", HELDER_ERROR_CONFLICT,
    "groups[1].slug: “beheer” is also the slug of groups[0]" },
  { "groups", 0, "slug", "\"Beheer Team\"", HELDER_ERROR_INVALID,
    "groups[0].slug: “Beheer Team” is not a valid key" },
  { "people", 1, "groups", "[\"servicedesk\", \"beheerr\"]", HELDER_ERROR_NOT_FOUND,
    "people[1].groups[1]: unknown group “beheerr”" },
  { "people", 1, "groups", "\"servicedesk\"", HELDER_ERROR_INVALID,
    "people[1].groups: expected a list, got text" },
  { "people", 2, "shoe_size", "44", HELDER_ERROR_INVALID, "people[2].shoe_size: unknown member" },
  { "people", 0, "manager", "1", HELDER_ERROR_INVALID,
    "people[0].manager: a person cannot refer to itself" },
  { "people", 0, "manager", "99", HELDER_ERROR_NOT_FOUND,
    "people[0].manager: unknown person “99”" },
  { "people", 0, "manager", "\"a.jansen@voorbeeld.nl\"", HELDER_ERROR_INVALID,
    "people[0].manager: expected the id of a person (a whole number), got text" },
  { "people", 0, "role", "7", HELDER_ERROR_INVALID,
    "people[0].role: expected the key of a role (text), got a number" },
  { "people", 0, "locale", "\"fr\"", HELDER_ERROR_INVALID,
    "people[0].locale: “fr” is not one of nl, en" },
  { "people", 0, "name", "\"Jan\\u0007\"", HELDER_ERROR_INVALID,
    "people[0].name: contains U+0007 (a control character) at character 4" },
  { "people", 0, "name", "\"Jan\\nde Vries\"", HELDER_ERROR_INVALID,
    "people[0].name: contains U+000A (a control character) at character 4" },
  { "people", 1, "email", "\"JAN.DEVRIES@voorbeeld.nl\"", HELDER_ERROR_CONFLICT,
    "people[1].email: " },
  { "people", 1, "email", "\"zoe@\"", HELDER_ERROR_INVALID,
    "people[1].email: “zoe@” is not an e-mail address" },
  { "people", 3, NULL, "5", HELDER_ERROR_INVALID,
    "people[3]: expected a person (an object), got a number" },
  { "people", 2, "id", "1", HELDER_ERROR_CONFLICT,
    "people[2].id: “1” is also the id of people[0]" },
  { "people", 0, "id", "-3", HELDER_ERROR_INVALID, "people[0].id: -3 is not a valid id" },
  { "phases", 1, "starts_on", "\"2026-02-30\"", HELDER_ERROR_INVALID,
    "phases[1].starts_on: “2026-02-30” is not a date" },
  { "phases", 0, "ends_on", "\"2025-01-01\"", HELDER_ERROR_INVALID,
    "phases[0].ends_on: 2025-01-01 lies before starts_on" },
  { "phases", 0, "position", "1.5", HELDER_ERROR_INVALID,
    "phases[0].position: expected a whole number, got a number" },
  { "roles", 0, "fte", "1.0", HELDER_ERROR_INVALID, "roles[0].fte: only a new role has FTE" },
  { "roles", 1, "fte", "\"twee\"", HELDER_ERROR_INVALID,
    "roles[1].fte: expected a number, got text" },
  { "role_changes", 0, "person", "42", HELDER_ERROR_NOT_FOUND,
    "role_changes[0].person: unknown person “42”" },
  { "role_changes", 1, "decision_expected", "null", HELDER_ERROR_INVALID,
    "role_changes[1].decision_expected: " },
  { "role_changes", 0, "status", "\"maybe\"", HELDER_ERROR_INVALID,
    "role_changes[0].status: “maybe” is not one of draft, decided, discussed, accepted, objection" },
  { "commitments", 0, "text", "\"  \"", HELDER_ERROR_INVALID,
    "commitments[0].text: may not be empty" },
  { "commitments", 1, "persons", "[1, 5]", HELDER_ERROR_NOT_FOUND,
    "commitments[1].persons[1]: unknown person “5”" },
  { "commitments", 2, "status", "\"late\"", HELDER_ERROR_INVALID,
    "commitments[2].status: “late” is not one of" },
  { "commitment_updates", 0, "commitment", "9", HELDER_ERROR_NOT_FOUND,
    "commitment_updates[0].commitment: unknown commitment “9”" },
  { "commitment_updates", 1, "note", "\" \"", HELDER_ERROR_INVALID,
    "commitment_updates[1].note: an update without a new status needs a note" },
  { "moments", 0, "channels", "[\"pigeon\"]", HELDER_ERROR_INVALID,
    "moments[0].channels[0]: “pigeon” is not a channel of a loaded plugin" },
  { "moments", 1, "scheduled_at", "\"tomorrow\"", HELDER_ERROR_INVALID,
    "moments[1].scheduled_at: “tomorrow” is not a date and time" },
  { "moments", 1, "supersedes", "77", HELDER_ERROR_NOT_FOUND,
    "moments[1].supersedes: unknown moment “77”" },
  { "moments", 0, "phase", "\"nazorg\"", HELDER_ERROR_NOT_FOUND,
    "moments[0].phase: unknown phase “nazorg”" },
  { "gates", 0, "decision", "\"perhaps\"", HELDER_ERROR_INVALID,
    "gates[0].decision: “perhaps” is not one of" },
  { "gates", 1, "rationale", "null", HELDER_ERROR_INVALID,
    "gates[1].rationale: a gate decision needs a rationale" },
  /* the last entity: everything before it was written, and is rolled back */
  { "gate_criteria", 2, "gate", "\"go-nergens\"", HELDER_ERROR_NOT_FOUND,
    "gate_criteria[2].gate: unknown gate “go-nergens”" },
  { "gate_criteria", 0, "created_at", "\"gisteren\"", HELDER_ERROR_INVALID,
    "gate_criteria[0].created_at: “gisteren” is not a date and time" },
  { "programme", -1, NULL, "[]", HELDER_ERROR_INVALID,
    "programme: expected an object or null, got a list" },
  { "programme", -1, "ends_on", "\"2020-01-01\"", HELDER_ERROR_INVALID,
    "programme.ends_on: 2020-01-01 lies before" },
  { "programme", -1, "colour", "\"blue\"", HELDER_ERROR_INVALID,
    "programme.colour: unknown member" },
  { "people", -1, NULL, "{}", HELDER_ERROR_INVALID, "people: expected a list, got an object" },
  { "extras", -1, NULL, "[]", HELDER_ERROR_INVALID, "extras: unknown member" },
  { "format", -1, NULL, "\"helder-backup\"", HELDER_ERROR_INVALID,
    "format: expected “helder-export”" },
  { "version", -1, NULL, "2", HELDER_ERROR_INVALID, "version: 2 is not supported" },
  { "version", -1, NULL, "\"1\"", HELDER_ERROR_INVALID, "version: expected a whole number" },
};

static void
test_bad_value (Fixture *f, gconstpointer data)
{
  const BadValue *bad = data;
  g_autoptr (JsonNode) root = fixture_document ();
  g_autoptr (JsonNode) value = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object = json_node_get_object (root);

  value = json_from_string (bad->value, &error);
  g_assert_no_error (error);

  if (bad->index < 0 && bad->field == NULL)
    json_object_set_member (object, bad->member, json_node_copy (value));
  else
    {
      JsonNode *member = json_object_get_member (object, bad->member);
      JsonObject *row;

      if (bad->index < 0)
        row = json_node_get_object (member);
      else if (bad->field == NULL)
        {
          json_array_remove_element (json_node_get_array (member), (guint) bad->index);
          json_array_add_element (json_node_get_array (member), json_node_copy (value));
          row = NULL;
        }
      else
        row = json_array_get_object_element (json_node_get_array (member), (guint) bad->index);
      if (row != NULL)
        json_object_set_member (row, bad->field, json_node_copy (value));
    }

  text = document_text (root);
  assert_refused (f->store, text, -1, bad->code, bad->expected);
}

/* ---- bad text --------------------------------------------------------- */

static gsize
line_at (const char *text, gsize offset)
{
  gsize line = 1;

  for (gsize i = 0; i < offset; i++)
    line += text[i] == '\n';
  return line;
}

static void
test_bad_utf8 (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  char *at;
  gsize length;

  text = read_fixture (&length);
  at = strstr (text, "Inventarisatie");
  g_assert_nonnull (at);
  at[3] = (char) 0xE9; /* Latin-1 "é" */
  expected = g_strdup_printf ("line %" G_GSIZE_FORMAT ": not valid UTF-8",
                              line_at (text, (gsize) (at - text)));
  assert_refused (f->store, text, (gssize) length, HELDER_ERROR_INVALID, expected);

  at[3] = '\0';
  g_free (expected);
  expected = g_strdup_printf ("line %" G_GSIZE_FORMAT ": contains a zero byte",
                              line_at (text, (gsize) (at - text)));
  assert_refused (f->store, text, (gssize) length, HELDER_ERROR_INVALID, expected);
}

static void
test_malformed (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  gsize length;

  text = read_fixture (&length);

  /* cut off half-way */
  assert_refused (f->store, text, (gssize) (length / 2), HELDER_ERROR_INVALID, "line ");
  assert_refused (f->store, text, (gssize) (length / 2), HELDER_ERROR_INVALID, ", column ");

  /* a missing comma on a known line */
  broken = g_strdup (text);
  {
    char *at = strstr (broken, "\"version\" : 1,");
    g_assert_nonnull (at);
    at[strlen ("\"version\" : 1")] = ' ';
  }
  assert_refused (f->store, broken, -1, HELDER_ERROR_INVALID, "line 3, column ");

  assert_refused (f->store, "", 0, HELDER_ERROR_INVALID, "the document is empty");
  assert_refused (f->store, "  \n ", -1, HELDER_ERROR_INVALID, "the document is empty");
  assert_refused (f->store, "[1, 2]", -1, HELDER_ERROR_INVALID, "not a Helder export");
  assert_refused (f->store, "{\"format\": \"helder-export\", \"version\": 1} x", -1,
                  HELDER_ERROR_INVALID, "line 1, column ");
  assert_refused (f->store, "{\"version\": 1}", -1, HELDER_ERROR_INVALID, "format: expected");
}

/* Rows may leave out optional members: defaults apply. */
static void
test_minimal_document (Fixture *f, gconstpointer data)
{
  static const char *doc =
    "{\"format\": \"helder-export\", \"version\": 1,"
    " \"groups\": [{\"slug\": \"beheer\", \"name\": \"Beheer\", \"kind\": \"internal\"}],"
    " \"people\": [{\"id\": 5, \"name\": \"Eva\", \"groups\": [\"beheer\"]}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) eva = NULL;

  helder_import_json_data (f->store, doc, strlen (doc), &error);
  g_assert_no_error (error);
  eva = helder_repo_get (f->store, helder_entity_lookup ("person"), "5", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (eva, "locale"), ==, "nl");
  g_assert_cmpstr (json_object_get_string_member (eva, "digest"), ==, "default");
  g_assert_cmpint (helder_repo_count (f->store, helder_entity_lookup ("programme"), NULL), ==, 0);
}

/* ---- where an import may go ------------------------------------------- */

static void
test_not_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  text = read_fixture (&length);
  g_assert_true (helder_import_json_store_is_empty (f->store, &error));
  g_assert_no_error (error);

  helder_import_json_data (f->store, text, length, &error);
  g_assert_no_error (error);
  g_assert_false (helder_import_json_store_is_empty (f->store, &error));
  g_assert_no_error (error);

  assert_refused (f->store, text, (gssize) length, HELDER_ERROR_CONFLICT,
                  "the database is not empty (phases: 2)");
  assert_refused (f->store, text, (gssize) length, HELDER_ERROR_CONFLICT,
                  "helder --db NEW-FILE init");
}

/* `helder init` may have made a programme row: the document's replaces it,
 * and a failed import leaves it alone. */
static void
test_programme_replaced (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) values =
    helder_test_object ("{\"name\": \"Leeg\", \"starts_on\": \"2026-01-01\","
                        " \"ends_on\": \"2026-12-31\"}");
  g_autoptr (JsonObject) created = NULL;
  g_autoptr (JsonObject) programme = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) bad = fixture_document ();
  g_autofree char *bad_text = NULL;
  g_autofree char *text = NULL;
  gsize length;

  created = helder_repo_create (f->store, helder_entity_lookup ("programme"), values,
                                HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (helder_import_json_store_is_empty (f->store, NULL));

  json_object_set_string_member (
    json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (bad), "gate_criteria"), 0),
    "status", "half");
  bad_text = document_text (bad);
  assert_refused (f->store, bad_text, -1, HELDER_ERROR_INVALID, "gate_criteria[0].status");

  text = read_fixture (&length);
  helder_import_json_data (f->store, text, length, &error);
  g_assert_no_error (error);
  programme = helder_repo_get (f->store, helder_entity_lookup ("programme"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (programme, "name"), ==,
                   "Uitbesteding ICT — “Wolk” 2026");
}

/* A document without a "programme" member keeps the one there is; one
 * with "programme": null removes it, as an export of no programme says. */
static void
test_programme_kept (Fixture *f, gconstpointer data)
{
  static const char *without = "{\"format\": \"helder-export\", \"version\": 1, \"phases\": []}";
  static const char *with_null =
    "{\"format\": \"helder-export\", \"version\": 1, \"programme\": null}";
  g_autoptr (JsonObject) values =
    helder_test_object ("{\"name\": \"Leeg\", \"starts_on\": \"2026-01-01\","
                        " \"ends_on\": \"2026-12-31\"}");
  g_autoptr (JsonObject) created = NULL;
  g_autoptr (GError) error = NULL;
  const HelderEntity *programme = helder_entity_lookup ("programme");

  created = helder_repo_create (f->store, programme, values, HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);

  helder_import_json_data (f->store, without, strlen (without), &error);
  g_assert_no_error (error);
  g_assert_cmpint (helder_repo_count (f->store, programme, NULL), ==, 1);

  helder_import_json_data (f->store, with_null, strlen (with_null), &error);
  g_assert_no_error (error);
  g_assert_cmpint (helder_repo_count (f->store, programme, NULL), ==, 0);
  g_assert_true (helder_import_json_store_is_empty (f->store, NULL));
}

/* ---- nesting ---------------------------------------------------------- */

static char *
nested (const char *open, const char *close, guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
test_depth_limit (void)
{
  g_autofree char *ok_arrays = nested ("[", "]", HELDER_JSON_MAX_DEPTH);
  g_autofree char *deep_arrays = nested ("[", "]", HELDER_JSON_MAX_DEPTH + 1);
  g_autofree char *ok_objects = nested ("{\"a\":", "}", HELDER_JSON_MAX_DEPTH);
  g_autofree char *deep_objects = nested ("{\"a\":", "}", HELDER_JSON_MAX_DEPTH + 1);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (
    helder_json_check_depth (ok_arrays, strlen (ok_arrays), HELDER_JSON_MAX_DEPTH, &error));
  g_assert_no_error (error);
  node = helder_json_parse_checked (ok_arrays, strlen (ok_arrays), &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  g_assert_false (
    helder_json_check_depth (deep_arrays, strlen (deep_arrays), HELDER_JSON_MAX_DEPTH, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 1, column 65"));
  g_assert_nonnull (strstr (error->message, "more than 64 levels"));
  g_clear_error (&error);
  g_assert_null (helder_json_parse_checked (deep_arrays, strlen (deep_arrays), &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_clear_error (&error);

  node = helder_json_parse_checked (ok_objects, strlen (ok_objects), &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  g_assert_null (helder_json_parse_checked (deep_objects, strlen (deep_objects), &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_clear_error (&error);

  /* the line of the offending bracket */
  {
    g_autofree char *spread = g_strdup_printf ("\n\n%s", deep_arrays);
    g_assert_false (
      helder_json_check_depth (spread, strlen (spread), HELDER_JSON_MAX_DEPTH, &error));
    g_assert_nonnull (strstr (error->message, "line 3, column 65 (byte 66)"));
    g_clear_error (&error);
  }
}

/* Brackets inside strings do not nest; brackets hidden in what json-glib
 * does not skip still count. */
static void
test_depth_strings (void)
{
  static const char *const accepted[] = {
    "[\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"]",
    "[\"\\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"]",
    "['[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[']",
    "[1 /* [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ */]",
  };
  g_autofree char *deep = nested ("[", "]", HELDER_JSON_MAX_DEPTH + 1);
  g_autofree char *in_comment_quotes = g_strdup_printf ("/* \" */ %s /* \" */", deep);
  g_autofree char *after_sq_quote = g_strdup_printf ("['\"', %s, '\"']", deep);
  g_autofree char *escaped_backslash = g_strdup_printf ("[\"\\\\\", %s, \"\"]", deep);
  /* json-glib ends a comment at the next slash, not at the next star-slash */
  g_autofree char *slash_in_comment = g_strdup_printf ("[1, /* \" / %s \" */]", deep);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (JsonNode) node =
        helder_json_parse_checked (accepted[i], strlen (accepted[i]), &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
    }

  g_assert_false (helder_json_check_depth (in_comment_quotes, strlen (in_comment_quotes),
                                           HELDER_JSON_MAX_DEPTH, NULL));
  g_assert_false (
    helder_json_check_depth (after_sq_quote, strlen (after_sq_quote), HELDER_JSON_MAX_DEPTH, NULL));
  g_assert_false (helder_json_check_depth (escaped_backslash, strlen (escaped_backslash),
                                           HELDER_JSON_MAX_DEPTH, NULL));
  g_assert_false (helder_json_check_depth (slash_in_comment, strlen (slash_in_comment),
                                           HELDER_JSON_MAX_DEPTH, NULL));
}

/* json-glib 1.6 takes "[1] [2]" as [2] (and leaks [1]): one value only. */
static void
test_two_values (Fixture *f, gconstpointer data)
{
  static const char *const refused[] = {
    "[1] [2]", "{\"a\": 1}\n{\"b\": 2}", "1 [2]", "\"x\" {}", "null /* [ */ {\"a\": [1]}",
  };
  static const char *const accepted[] = { "[1]  \n", "[1] /* [2] */", " {\"a\": \"} {\"}",
                                          "\"[1] [2]\"" };
  g_autofree char *text = NULL;
  g_autofree char *doubled = NULL;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node =
        helder_json_parse_checked (refused[i], strlen (refused[i]), &error);

      g_assert_null (node);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "a second JSON value"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node =
        helder_json_parse_checked (accepted[i], strlen (accepted[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }

  /* an export followed by another document */
  text = read_fixture (&length);
  doubled = g_strdup_printf ("%s{\"format\": \"helder-export\", \"version\": 1}\n", text);
  assert_refused (f->store, doubled, -1, HELDER_ERROR_INVALID,
                  "a second JSON value after the end of the document");
}

/* Escapes JSON allows, and no others: json-glib 1.6 takes "\\q", cuts
 * text at "\\u0000" and leaks memory on a broken surrogate pair. */
static void
test_escapes (void)
{
  static const char *const refused[] = {
    "[\"\\q\"]",      "[\"\\uzzzz\"]", "[\"\\u12\"]",          "[\"\\u0000\"]", "[\"\\ud800\"]",
    "[\"\\ud800x\"]", "[\"\\udc00\"]", "[\"\\ud83d\\u0041\"]", "[\"\\x41\"]",   "[\"\\",
  };
  static const char *const accepted[] = {
    "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
    "[\"\\u00e9\\u20AC\"]",
    "[\"\\ud83d\\ude00\"]",
    "['\\q']",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node =
        helder_json_parse_checked (refused[i], strlen (refused[i]), &error);

      g_test_message ("%s: %s", refused[i], error ? error->message : "accepted");
      g_assert_null (node);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "line 1, column 3 (byte 2): "));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node =
        helder_json_parse_checked (accepted[i], strlen (accepted[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

/* json-glib 1.6 wraps whole numbers beyond 64 bits (-18446744073709551613
 * is 3) and reads 012 as octal 10: such numbers are refused, naming the
 * member they belong to. */
static void
test_numbers (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *json;
    const char *message;
  } refused[] = {
    { "{\"influence\": -18446744073709551613}",
      "influence: -18446744073709551613 is out of range for a whole number (line 1, column 15)" },
    { "{\"id\":-18446744073709551518}", "id: -18446744073709551518 is out of range" },
    { "{\"a\": 1, \"b\": {\"c\": [1, 99999999999999999999]}}",
      "c: 99999999999999999999 is out of range" },
    { "{\"a\": {\"c\": 1}, \"b\": [9223372036854775808]}",
      "b: 9223372036854775808 is out of range" },
    { "[-9223372036854775809]", "the value: -9223372036854775809 is out of range" },
    { "{\"a\": 012}", "a: “012” is not a number as JSON writes it" },
    { "{\"a\": 0x10}", "a: “0x10” is not a number" },
    { "{\"a\": +1}", "a: “+1” is not a number" },
    { "{\"a\": .5}", "a: “.5” is not a number" },
    { "{\"a\": 1.}", "a: “1.” is not a number" },
    { "{\"a\": 1e}", "a: “1e” is not a number" },
    { "{\"a\": -}", "a: “-” is not a number" },
  };
  static const char *const accepted[] = {
    "{\"a\": 0, \"b\": -0, \"c\": 1.5e-3, \"d\": 1E+2, \"e\": -1.25}",
    "[9223372036854775807, -9223372036854775808, 1e400]",
    "{\"99999999999999999999\": \"99999999999999999999\", \"x1\": true, \"y\": null}",
    "{\"a\": [1,2,3], \"b\": {\"c\": -5}}",
  };
  g_autofree char *text = read_fixture (NULL);
  g_autoptr (GRegex) influence = g_regex_new ("\"influence\" *: *[0-9]+", 0, 0, NULL);
  g_autofree char *wrapped = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node =
        helder_json_parse_checked (refused[i].json, strlen (refused[i].json), &error);

      g_test_message ("%s: %s", refused[i].json, error ? error->message : "accepted");
      g_assert_null (node);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, refused[i].message));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node =
        helder_json_parse_checked (accepted[i], strlen (accepted[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }

  /* an export whose first influence would wrap round to 3 */
  wrapped =
    g_regex_replace (influence, text, -1, 0, "\"influence\": -18446744073709551613", 0, NULL);
  g_assert_nonnull (strstr (wrapped, "-18446744073709551613"));
  assert_refused (f->store, wrapped, -1, HELDER_ERROR_INVALID,
                  "influence: -18446744073709551613 is out of range for a whole number");
}

/* A document built to overflow the parser's stack is refused quickly. */
static void
test_depth_huge (Fixture *f, gconstpointer data)
{
  g_autofree char *bomb = nested ("[", "]", 1000000);
  g_autofree char *doc =
    g_strdup_printf ("{\"format\": \"helder-export\", \"version\": 1,\n \"phases\": %s}", bomb);

  assert_refused (f->store, doc, -1, HELDER_ERROR_INVALID, "line 2, column 75");
}

/* ---- hostile text ----------------------------------------------------- */

static gboolean
is_text (const HelderField *field)
{
  return (field->type == HELDER_FIELD_TEXT || field->type == HELDER_FIELD_MARKDOWN) &&
         !(field->flags & HELDER_FIELD_KEY);
}

/* Sets every text field of every row to something with SQL in it. */
static void
poison (JsonNode *root)
{
  const HelderEntity *const *entities;
  JsonObject *object = json_node_get_object (root);
  guint n, serial = 0;

  entities = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    {
      JsonNode *member = json_object_get_member (object, entities[e]->plural);
      g_autoptr (GList) rows = NULL;

      rows = entities[e]->singleton ? g_list_append (NULL, member)
                                    : json_array_get_elements (json_node_get_array (member));
      for (GList *r = rows; r != NULL; r = r->next)
        {
          JsonObject *row = json_node_get_object (r->data);

          for (guint i = 0; i < entities[e]->n_fields; i++)
            {
              const HelderField *field = &entities[e]->fields[i];
              g_autofree char *value = NULL;

              /* The time zone is checked against the tz database. */
              if (!is_text (field) || g_str_equal (field->name, "time_zone"))
                continue;
              if (g_str_equal (field->name, "email"))
                /* ", \\ and ; would need quoting: no address takes them */
                value = g_strdup_printf ("o'neil%%_%u--@example.org", serial++);
              else if (g_str_equal (field->name, "online_url") ||
                       g_str_equal (field->name, "evidence_url"))
                /* an address: quotes and spaces are refused, the rest is SQL */
                value = g_strdup ("https://example.org/');DROP%20TABLE%20person;--%25_");
              else if (g_str_equal (field->name, "audience_filter"))
                /* a plugin's filter: a name, then anything */
                value = g_strdup ("filter:" SQL_META);
              else if (g_str_equal (field->name, "measure"))
                /* a plugin's measure: a name (its argument takes anything) */
                value = g_strdup ("measure.x_1-y");
              else
                {
                  const char *old = json_object_get_null_member (row, field->name)
                                      ? ""
                                      : json_object_get_string_member (row, field->name);
                  value = g_strdup_printf ("%s %s", old, SQL_META);
                }
              json_object_set_string_member (row, field->name, value);
            }
        }
    }
}

static gint64
count_tables (HelderStore *store)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (store),
                                       "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_sql_metacharacters (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) root = fixture_document ();
  g_autoptr (JsonNode) exported = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr (HelderStore) copy = NULL;
  const HelderEntity *const *entities;
  gint64 tables;
  gsize first_len, second_len;
  guint n;

  tables = count_tables (f->store);
  poison (root);
  text = document_text (root);
  helder_import_json_data (f->store, text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_tables (f->store), ==, tables);
  g_assert_cmpint (helder_repo_count (f->store, helder_entity_lookup ("person"), NULL), ==, 4);

  /* Every value comes back verbatim. */
  exported = helder_export_document (f->store, &error);
  g_assert_no_error (error);
  entities = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    {
      JsonNode *want = json_object_get_member (json_node_get_object (root), entities[e]->plural);
      JsonNode *got = json_object_get_member (json_node_get_object (exported), entities[e]->plural);
      g_autoptr (GList) want_rows = NULL;
      g_autoptr (GList) got_rows = NULL;

      want_rows = entities[e]->singleton ? g_list_append (NULL, want)
                                         : json_array_get_elements (json_node_get_array (want));
      got_rows = entities[e]->singleton ? g_list_append (NULL, got)
                                        : json_array_get_elements (json_node_get_array (got));
      g_assert_cmpuint (g_list_length (want_rows), ==, g_list_length (got_rows));
      for (GList *w = want_rows, *g = got_rows; w != NULL; w = w->next, g = g->next)
        for (guint i = 0; i < entities[e]->n_fields; i++)
          if (is_text (&entities[e]->fields[i]))
            {
              const char *name = entities[e]->fields[i].name;
              g_assert_cmpstr (
                json_object_get_string_member (json_node_get_object (w->data), name), ==,
                json_object_get_string_member (json_node_get_object (g->data), name));
            }
    }

  /* and the round trip still holds */
  first = helder_export_to_data (f->store, &first_len, &error);
  g_assert_no_error (error);
  copy = helder_test_store_new (&copy_path);
  helder_import_json_data (copy, first, first_len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_tables (copy), ==, tables);
  second = helder_export_to_data (copy, &second_len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
  g_clear_object (&copy);
  helder_test_remove_db (copy_path);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *field = g_strdup (bad_values[i].field ? bad_values[i].field : "row");

      if (bad_values[i].index >= 0)
        path = g_strdup_printf ("/import-json/bad/%s/%d/%s/%u", bad_values[i].member,
                                bad_values[i].index, field, i);
      else
        path = g_strdup_printf ("/import-json/bad/%s/%s/%u", bad_values[i].member, field, i);
      g_test_add (path, Fixture, &bad_values[i], fixture_setup, test_bad_value, fixture_teardown);
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/import-json/bad-utf8", test_bad_utf8);
  ADD ("/import-json/malformed", test_malformed);
  ADD ("/import-json/minimal", test_minimal_document);
  ADD ("/import-json/not-empty", test_not_empty);
  ADD ("/import-json/programme-replaced", test_programme_replaced);
  ADD ("/import-json/programme-kept", test_programme_kept);
  ADD ("/import-json/depth/huge", test_depth_huge);
  ADD ("/import-json/two-values", test_two_values);
  ADD ("/import-json/numbers", test_numbers);
  ADD ("/import-json/sql-metacharacters", test_sql_metacharacters);
  g_test_add_func ("/import-json/depth/limit", test_depth_limit);
  g_test_add_func ("/import-json/depth/strings", test_depth_strings);
  g_test_add_func ("/import-json/escapes", test_escapes);

#undef ADD

  return g_test_run ();
}
