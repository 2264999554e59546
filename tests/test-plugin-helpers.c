/* test-plugin-helpers.c — the helpers helder.h gives every route handler
 * and command, core's and the plugins' alike: form values, errors next to
 * their fields, the status of an error, ids from text, a table of verbs
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "helder.h"

static GHashTable *
form_of (const char *name, const char *value)
{
  GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (form, g_strdup (name), g_strdup (value));
  return form;
}

static void
test_form_values (void)
{
  g_autoptr (GHashTable) form = form_of ("notes", "one\r\ntwo\r\n\rthree");
  g_autofree char *notes = helder_web_form_multiline (form, "notes");
  g_autofree char *none = helder_web_form_multiline (NULL, "notes");

  g_assert_cmpstr (notes, ==, "one\ntwo\n\rthree");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (helder_web_form_text (form, "title"), ==, "");
  g_assert_cmpstr (helder_web_form_text (NULL, "title"), ==, "");
  g_assert_true (helder_web_blank (NULL));
  g_assert_true (helder_web_blank (" \t\n"));
  g_assert_false (helder_web_blank ("  x "));
}

static void
test_parse_id (void)
{
  g_assert_cmpint (helder_web_parse_id ("12"), ==, 12);
  g_assert_cmpint (helder_web_parse_id ("999999999999999"), ==, 999999999999999);
  g_assert_cmpint (helder_web_parse_id ("1234567890123456"), ==, -1);
  g_assert_cmpint (helder_web_parse_id ("0"), ==, -1);
  g_assert_cmpint (helder_web_parse_id ("-3"), ==, -1);
  g_assert_cmpint (helder_web_parse_id ("12x"), ==, -1);
  g_assert_cmpint (helder_web_parse_id (""), ==, -1);
  g_assert_cmpint (helder_web_parse_id (NULL), ==, -1);
}

static void
test_status_of (void)
{
  const struct
  {
    GQuark domain;
    int code;
    guint status;
    const char *name;
  } cases[] = {
    { HELDER_ERROR, HELDER_ERROR_INVALID, SOUP_STATUS_BAD_REQUEST, "invalid" },
    { HELDER_ERROR, HELDER_ERROR_USAGE, SOUP_STATUS_BAD_REQUEST, "invalid" },
    { HELDER_ERROR, HELDER_ERROR_NOT_FOUND, SOUP_STATUS_NOT_FOUND, "not_found" },
    { HELDER_ERROR, HELDER_ERROR_CONFLICT, SOUP_STATUS_CONFLICT, "conflict" },
    { HELDER_ERROR, HELDER_ERROR_PERMISSION, SOUP_STATUS_FORBIDDEN, "forbidden" },
    { G_IO_ERROR, G_IO_ERROR_FAILED, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");
      const char *name = NULL;

      g_assert_cmpuint (helder_web_status_of (error, &name), ==, cases[i].status);
      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_cmpuint (helder_web_status_of (error, NULL), ==, cases[i].status);
    }
}

static char *
anchor_of (const char *field)
{
  return g_str_equal (field, "hidden") ? NULL : g_strconcat ("f-", field, NULL);
}

static const char *
list_member (JsonObject *context, guint i, const char *member)
{
  JsonArray *list = json_object_get_array_member (context, "error_list");

  return json_object_get_string_member (json_array_get_object_element (list, i), member);
}

static void
test_errors_per_line (void)
{
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *errors;

  helder_error_set (&error, HELDER_ERROR_INVALID, "title\n\nhidden\ntitle",
                    "title: is missing\nthis is about no field\nhidden: is odd\n"
                    "title: is too long");
  helder_web_add_errors (context, error, anchor_of);
  errors = json_object_get_object_member (context, "errors");
  g_assert_true (json_object_get_boolean_member (context, "has_errors"));
  /* The first problem of a field is the one next to it. */
  g_assert_cmpuint (json_object_get_size (errors), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (errors, "f-title"), ==, "Title: is missing");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (context, "error_list")),
                    ==, 4);
  g_assert_cmpstr (list_member (context, 0, "anchor"), ==, "f-title");
  g_assert_cmpstr (list_member (context, 1, "anchor"), ==, "");
  g_assert_cmpstr (list_member (context, 1, "message"), ==, "This is about no field");
  g_assert_cmpstr (list_member (context, 2, "anchor"), ==, "");
  g_assert_cmpstr (list_member (context, 3, "message"), ==, "Title: is too long");
}

static void
test_errors_one_field (void)
{
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GError) error = NULL;

  /* One field alone is the field of every line; no mapping: the field is
   * the anchor. */
  helder_error_set (&error, HELDER_ERROR_INVALID, "csv", "csv: row 2 is short\ncsv: row 9 too");
  helder_web_add_errors (context, error, NULL);
  g_assert_cmpstr (list_member (context, 0, "anchor"), ==, "csv");
  g_assert_cmpstr (list_member (context, 1, "anchor"), ==, "csv");
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (context, "errors"), "csv"), ==,
    "Csv: row 2 is short");
}

typedef struct
{
  char *command;
  int argc;
  char *last;
} Seen;

static Seen seen;

static gboolean
verb_run (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  seen.command = g_strdup (inv->command);
  seen.argc = argc;
  seen.last = g_strdup (argv[argc - 1]);
  return TRUE;
}

static gboolean
verb_fail (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_INVALID, "no");
  return FALSE;
}

static const HelderCliVerb verbs[] = {
  { "run", verb_run, "Run it" },
  { "fail", verb_fail, "Fail" },
};

static gboolean
run (HelderInvocation *inv, int argc, const char **argv, GError **error)
{
  return helder_cli_run_verb (inv, argc, (char **) argv, "Usage: helder thing VERB", verbs,
                              G_N_ELEMENTS (verbs), GETTEXT_PACKAGE, error);
}

static void
test_run_verb (void)
{
  HelderInvocation inv = { .command = "thing" };
  g_autoptr (GError) error = NULL;
  const char *good[] = { "thing", "run", "--flag", "last", NULL };
  const char *bad[] = { "thing", "rnu", NULL };
  const char *failing[] = { "thing", "fail", NULL };

  g_assert_true (run (&inv, 4, good, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen.command, ==, "thing run");
  g_assert_cmpint (seen.argc, ==, 3);
  g_assert_cmpstr (seen.last, ==, "last");
  g_assert_cmpstr (inv.command, ==, "thing");
  g_clear_pointer (&seen.command, g_free);
  g_clear_pointer (&seen.last, g_free);

  g_assert_false (run (&inv, 2, bad, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_USAGE);
  g_assert_cmpstr (error->message, ==, "thing: “rnu” is no verb; one of run, fail");
  g_clear_error (&error);

  g_assert_false (run (&inv, 2, failing, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (inv.command, ==, "thing");
}

static void
test_run_verb_help (void)
{
  if (g_test_subprocess ())
    {
      HelderInvocation inv = { .command = "thing" };
      const char *help[] = { "thing", "--help", NULL };
      const char *bare[] = { "thing", NULL };

      g_assert_true (run (&inv, 2, help, NULL));
      g_assert_true (run (&inv, 1, bare, NULL));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Usage: helder thing VERB\n\n  run   Run it\n  fail  Fail\n"
                             "Usage: helder thing VERB\n\n*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin-helpers/form-values", test_form_values);
  g_test_add_func ("/plugin-helpers/parse-id", test_parse_id);
  g_test_add_func ("/plugin-helpers/status-of", test_status_of);
  g_test_add_func ("/plugin-helpers/errors-per-line", test_errors_per_line);
  g_test_add_func ("/plugin-helpers/errors-one-field", test_errors_one_field);
  g_test_add_func ("/plugin-helpers/run-verb", test_run_verb);
  g_test_add_func ("/plugin-helpers/run-verb-help", test_run_verb_help);
  return g_test_run ();
}
