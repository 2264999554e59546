/* test-picture-cli.c — `helder inventory picture|table` as a user runs them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real `helder` with the plugin from the build tree, on a generated
 * register (picture-fixture.c). The SVG is read by a second XML parser
 * (Python's xml.etree); the DOT file by the dot tool; the table in text,
 * JSON and Dutch; and every bad option, one by one: its exit status, a
 * message naming the option and what was typed, no file written and the
 * database unchanged.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "helder-test-utils.h"
#include "picture-fixture.h"

#define PYTHON "/usr/bin/python3"

static int
run (PictureFixture *f, const char *const *env, const char *const *args, char **out, char **err)
{
  return helder_test_runv (f->db, env, args, out, err);
}

static gint64
scalar (PictureFixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Python's own XML parser on @path: the number of item nodes and
 * coupling edges, "ITEMS COUPLINGS", or the parser's complaint. */
static char *
python_ids (const char *path)
{
  static const char script[] =
    "import sys, xml.etree.ElementTree as ET\n"
    "ns = '{http://www.w3.org/2000/svg}'\n"
    "root = ET.parse(sys.argv[1]).getroot()\n"
    "assert root.tag == ns + 'svg', root.tag\n"
    "assert root.find(ns + 'title') is not None and root.find(ns + 'desc') is not None\n"
    "bad = [e.tag for e in root.iter() if e.tag.split('}')[-1].lower() in ('script', "
    "'foreignobject')]\n"
    "assert not bad, bad\n"
    "g = [e.get('id', '') for e in root.iter(ns + 'g')]\n"
    "print(sum(i.startswith('item-') for i in g), sum(i.startswith('coupling-') for i in g))\n";
  const char *argv[] = { PYTHON, "-c", script, path, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL, *err = NULL;
  int status;

  g_assert_true (
    g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_free (out);
      out = g_strdup_printf ("python: %s", err);
    }
  g_free (err);
  return g_strstrip (out);
}

static void
test_picture_svg (void)
{
  PictureFixture f = { 0 };
  g_autofree char *out = NULL, *path = NULL, *counts = NULL, *expected = NULL;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 3, 90, 4, 160, 3);
  g_assert_cmpint (
    run (&f, NULL, (const char *const[]){ "inventory", "picture", NULL }, &out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "<?xml"));
  path = helder_test_write_temp ("picture.svg", out, -1);
  counts = python_ids (path);
  expected = g_strdup_printf (
    "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
    scalar (&f, "SELECT count (*) FROM inv_item WHERE kind IN ('component', 'application')"),
    scalar (&f, "SELECT count (*) FROM inv_item WHERE kind = 'coupling'"));
  g_assert_cmpstr (counts, ==, expected);
  picture_fixture_close (&f);
}

static void
test_picture_dot_file (void)
{
  PictureFixture f = { 0 };
  g_autofree char *out = NULL, *dir = g_dir_make_tmp ("helder-picture-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "burgerzaken.dot", NULL);
  g_autofree char *dot = NULL, *dot_tool = g_find_program_in_path ("dot");
  g_autofree char *message = NULL;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 4, 60, 3, 90, 2);
  g_assert_cmpint (run (&f, NULL,
                        (const char *const[]){ "inventory", "picture", "--format", "dot",
                                               "--domain", "burgerzaken", "--output", file, NULL },
                        &out, NULL),
                   ==, 0);
  message = g_strdup_printf ("Picture written to %s.\n", file);
  g_assert_cmpstr (out, ==, message);
  g_assert_true (g_file_get_contents (file, &dot, NULL, NULL));
  g_assert_true (g_str_has_prefix (dot, "digraph inventory {"));
  g_assert_nonnull (strstr (dot, "label=Burgerzaken"));
  if (dot_tool == NULL)
    g_test_message ("the dot tool is not installed: its check is left out");
  else
    {
      const char *argv[] = { "dot", "-Tsvg", "-o", "/dev/null", file, NULL };
      g_autoptr (GError) error = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  g_unlink (file);
  g_rmdir (dir);
  picture_fixture_close (&f);
}

static void
test_table (void)
{
  PictureFixture f = { 0 };
  const char *const nl[] = { "LANGUAGE=nl", NULL };
  g_autofree char *out = NULL, *json = NULL, *dutch = NULL;
  g_autoptr (JsonObject) table = NULL;
  g_autofree char *items_line = NULL;
  JsonArray *items;
  gint64 supplier_items, context = 0;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 5, 70, 3, 120, 3);
  g_assert_cmpint (run (&f, NULL,
                        (const char *const[]){ "--json", "inventory", "table", "--supplier",
                                               "leverancier a0", NULL },
                        &json, NULL),
                   ==, 0);
  table = helder_test_object (json);
  items = json_object_get_array_member (table, "items");
  supplier_items = scalar (&f, "SELECT count (*) FROM inv_item WHERE supplier = 1 AND kind IN"
                               " ('component', 'application')");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *row = json_array_get_object_element (items, i);

      if (json_object_get_boolean_member (row, "context"))
        context++;
      else
        g_assert_cmpint (
          json_object_get_int_member (json_object_get_object_member (row, "supplier"), "id"), ==,
          1);
    }
  g_assert_cmpint (json_array_get_length (items) - context, ==, supplier_items);

  g_assert_cmpint (run (&f, NULL, (const char *const[]){ "inventory", "table", NULL }, &out, NULL),
                   ==, 0);
  items_line = g_strdup_printf ("%" G_GINT64_FORMAT " items\n",
                                scalar (&f, "SELECT count (*) FROM inv_item WHERE kind IN"
                                            " ('component', 'application')"));
  g_assert_true (g_str_has_prefix (out, items_line));
  g_assert_nonnull (strstr (out, "couplings\n"));
  g_assert_cmpint (run (&f, nl, (const char *const[]){ "inventory", "table", NULL }, &dutch, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (dutch, " koppelingen\n"));
  g_assert_nonnull (strstr (dutch, "leverancier"));
  picture_fixture_close (&f);
}

typedef struct
{
  int status;
  const char *args[8];
  const char *words[3]; /* in the message */
} BadCase;

static const BadCase bad_cases[] = {
  { 2, { "picture", "--format", "png" }, { "--format", "png" } },
  { 2, { "picture", "--group-by", "kleur" }, { "--group-by", "kleur" } },
  { 2, { "table", "--layout", "3d" }, { "--layout", "3d" } },
  { 1, { "picture", "--domain", "Atlantis" }, { "Atlantis", "Burgerzaken" } },
  { 1, { "table", "--domain", "Atlantis" }, { "Atlantis", "Ruimte" } },
  { 1, { "picture", "--supplier", "Niemand" }, { "Niemand", "Leverancier A0" } },
  { 1, { "picture", "--filter", "kleur=rood" }, { "filter", "kleur=rood" } },
  { 1, { "picture", "--filter", "domain=Atlantis,external" }, { "domain", "Atlantis" } },
  { 1, { "table", "--filter", "group=kleur" }, { "group", "kleur" } },
  { 1, { "picture", "--filter", "layout=3d" }, { "layout", "3d" } },
  { 2, { "picture", "extra" }, { "extra" } },
  { 2, { "picture", "--unknown" }, { "--unknown" } },
};

static void
test_bad_input (void)
{
  PictureFixture f = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("helder-picture-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "not-written.svg", NULL);
  g_autofree char *before = NULL;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 6, 40, 4, 60, 2);
  before = helder_test_fingerprint (f.store);
  for (guint c = 0; c < G_N_ELEMENTS (bad_cases); c++)
    {
      const BadCase *bad = &bad_cases[c];
      g_autoptr (GPtrArray) args = g_ptr_array_new ();
      g_autofree char *out = NULL, *err = NULL, *after = NULL;

      g_ptr_array_add (args, (char *) "inventory");
      for (guint i = 0; bad->args[i] != NULL; i++)
        g_ptr_array_add (args, (char *) bad->args[i]);
      if (g_str_equal (bad->args[0], "picture"))
        {
          g_ptr_array_add (args, (char *) "--output");
          g_ptr_array_add (args, file);
        }
      g_ptr_array_add (args, NULL);
      g_test_message ("case %u: %s %s", c, bad->args[0], bad->args[1]);
      g_assert_cmpint (run (&f, NULL, (const char *const *) args->pdata, &out, &err), ==,
                       bad->status);
      g_assert_cmpstr (out, ==, "");
      for (guint w = 0; w < G_N_ELEMENTS (bad->words) && bad->words[w] != NULL; w++)
        g_assert_nonnull (strstr (err, bad->words[w]));
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
      after = helder_test_fingerprint (f.store);
      g_assert_cmpstr (after, ==, before);
    }
  /* an unknown verb, and an output that cannot be written */
  {
    g_autofree char *err = NULL, *out = NULL;
    g_autofree char *nowhere = g_build_filename (dir, "missing", "x.svg", NULL);

    g_assert_cmpint (
      run (&f, NULL, (const char *const[]){ "inventory", "frobnicate", NULL }, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "frobnicate"));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (
      run (&f, NULL, (const char *const[]){ "inventory", "picture", "--output", nowhere, NULL },
           &out, &err),
      ==, 1);
    g_assert_nonnull (strstr (err, "--output"));
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  }
  g_rmdir (dir);
  picture_fixture_close (&f);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add_func ("/picture-cli/svg", test_picture_svg);
  g_test_add_func ("/picture-cli/dot-file", test_picture_dot_file);
  g_test_add_func ("/picture-cli/table", test_table);
  g_test_add_func ("/picture-cli/bad-input", test_bad_input);
  return g_test_run ();
}
