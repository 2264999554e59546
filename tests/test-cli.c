/* test-cli.c — the `helder` binary as a user meets it
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit codes (0 ok, 1 user error with one line on stderr, 2 usage), text for
 * people, JSON for programs, Dutch with LANGUAGE=nl, and bad input that
 * changes nothing.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>

#include "helder-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  helder_test_remove_db (f->db);
  g_free (f->db);
  g_free (f->dir);
}

#define RUN(f, out, err, ...) helder_test_run ((f)->db, NULL, out, err, __VA_ARGS__, NULL)

static void
ok (Fixture *f, char **out, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  status = helder_test_runv (f->db, NULL, (const char *const *) args->pdata, out, &err);
  if (status != 0)
    g_error ("helder %s exited %d: %s", first, status, err);
}

static char *
db_digest (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (f->db, &error);

  g_assert_no_error (error);
  return helder_test_fingerprint (store);
}

static void
seed (Fixture *f)
{
  ok (f, NULL, "init", "--name", "Uitbesteding ICT", "--organisation", "Gemeente Test", "--start",
      "2026-01-01", "--end", "2027-06-30", NULL);
  ok (f, NULL, "group", "add", "--slug", "beheer", "--name", "Systeembeheer", "--kind", "internal",
      NULL);
  ok (f, NULL, "group", "add", "--slug", "servicedesk", "--name", "Servicedesk", "--kind",
      "internal", NULL);
  ok (f, NULL, "role", "add", "--slug", "systeembeheerder", "--name", "Systeembeheerder", "--kind",
      "current", "--fate", "changes", NULL);
  ok (f, NULL, "person", "add", "--name", "Anna de Vries", "--email", "anna@voorbeeld.nl",
      "--groups", "beheer", "--role", "systeembeheerder", NULL);
  ok (f, NULL, "person", "add", "--name", "Bram Jansen", "--email", "bram@voorbeeld.nl", "--groups",
      "servicedesk", NULL);
}

static void
test_help_and_usage (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (RUN (f, &out, &err, "--help"), ==, 0);
  g_assert_nonnull (strstr (out, "status"));
  g_assert_nonnull (strstr (out, "commitment"));
  g_assert_nonnull (strstr (out, "note")); /* from the test addin */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, &out, &err, "frobnicate"), ==, 2);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *none[] = { NULL };
    g_assert_cmpint (helder_test_runv (f->db, NULL, none, &out, &err), ==, 2);
  }
  g_assert_nonnull (strstr (err, "Usage"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, &out, &err, "status", "--bogus"), ==, 2);
  g_assert_nonnull (strstr (err, "--bogus"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, &out, &err, "person"), ==, 2);
  g_assert_nonnull (strstr (err, "list"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, &out, &err, "person", "explode"), ==, 2);
  g_assert_nonnull (strstr (err, "explode"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, &out, &err, "moment", "approve", "--help"), ==, 0);
  g_assert_nonnull (strstr (out, "superseded"));
}

static void
test_crud_roundtrip (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  seed (f);
  ok (f, &out, "person", "list", NULL);
  g_assert_nonnull (strstr (out, "Anna de Vries"));
  g_assert_nonnull (strstr (out, "bram@voorbeeld.nl"));
  g_clear_pointer (&out, g_free);

  ok (f, &out, "--json", "person", "list", "--groups", "beheer", NULL);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  g_clear_pointer (&out, g_free);

  ok (f, &out, "person", "update", "bram@voorbeeld.nl", "--organisation", "Gemeente Test",
      "--digest", "off", NULL);
  g_assert_nonnull (strstr (out, "Updated person 2"));
  g_clear_pointer (&out, g_free);

  ok (f, &out, "person", "show", "2", "--json", NULL);
  g_assert_nonnull (strstr (out, "\"digest\" : \"off\""));
  g_clear_pointer (&out, g_free);

  ok (f, &out, "person", "delete", "2", NULL);
  g_assert_nonnull (strstr (out, "Deleted"));
}

static void
test_user_errors_change_nothing (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *args[14];
    const char *needle;
    int code;
  } cases[] = {
    { { "person", "add", "--name", "X", "--email", "anna@voorbeeld.nl" }, "already used", 1 },
    { { "person", "add", "--name", "X", "--groups", "beheer,nope" },
      "--groups: no group matches “nope”",
      1 },
    { { "person", "add", "--email", "x@y.nl" }, "--name: is required", 1 },
    { { "person", "add", "--name", "X", "extra" }, "extra", 2 },
    { { "person", "show", "99" }, "unknown person “99”", 1 },
    { { "person", "delete", "1" }, "", 0 },
    { { "group", "delete", "beheer" }, "person.groups", 1 },
    { { "group", "add", "--slug", "x", "--name", "X", "--kind", "internal", "--influence", "hoog" },
      "whole number",
      1 },
    { { "phase", "add", "--key", "p", "--name", "P", "--position", "1", "--starts-on", "2026-02-30",
        "--ends-on", "2026-03-01" },
      "2026-02-30",
      1 },
    { { "moment", "add", "--title", "T", "--scheduled-at", "volgende week" },
      "--scheduled-at: “volgende week”",
      1 },
    { { "commitment", "delete", "1" }, "never deleted", 1 },
    { { "person", "update", "2" }, "nothing to change", 2 },
    { { "status", "--today", "2026-13-01" }, "2026-13-01", 1 },
    { { "init" }, "already holds", 1 },
  };

  seed (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = db_digest (f);
      g_autofree char *after = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      if (cases[i].code == 0)
        continue;
      status = helder_test_runv (f->db, NULL, cases[i].args, &out, &err);
      g_test_message ("%s %s → %d %s", cases[i].args[0], cases[i].args[1], status, err);
      g_assert_cmpint (status, ==, cases[i].code);
      if (strstr (err, cases[i].needle) == NULL)
        g_error ("stderr “%s” lacks “%s”", err, cases[i].needle);
      if (cases[i].code == 1)
        {
          g_auto (GStrv) lines = g_strsplit (g_strstrip (err), "\n", -1);
          g_assert_cmpuint (g_strv_length (lines), ==, 1);
        }
      after = db_digest (f);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_workflow (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *due = helder_test_day (-3);
  g_autofree char *when = helder_test_day (2);
  g_autofree char *at = g_strdup_printf ("%s 09:00", when);

  seed (f);
  ok (f, NULL, "commitment", "add", "--text", "Iedereen krijgt een persoonlijk gesprek",
      "--made-by", "Directie", "--made-on", "2026-01-10", "--due-on", due, "--groups", "beheer",
      NULL);
  ok (f, &out, "commitment", "list", NULL);
  g_assert_nonnull (strstr (out, "late"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (RUN (f, &out, &err, "commitment", "update", "1", "--status", "broken"), ==, 1);
  g_assert_nonnull (strstr (err, "explanation"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  ok (f, NULL, "commitment", "update", "1", "--status", "broken", "--note", "Geen budget meer",
      "--by", "Stuurgroep", NULL);
  ok (f, &out, "commitment", "show", "1", NULL);
  g_assert_nonnull (strstr (out, "Geen budget meer"));
  g_assert_nonnull (strstr (out, "Stuurgroep"));
  g_clear_pointer (&out, g_free);

  ok (f, NULL, "moment", "add", "--title", "Nieuwsbrief", "--scheduled-at", at, "--channels",
      "email", NULL);
  g_assert_cmpint (RUN (f, &out, &err, "moment", "approve", "1"), ==, 1);
  g_assert_nonnull (strstr (err, "audience"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  ok (f, NULL, "moment", "update", "1", "--groups", "beheer,servicedesk", NULL);
  ok (f, NULL, "moment", "approve", "1", NULL);
  g_assert_cmpint (RUN (f, &out, &err, "moment", "update", "1", "--title", "Anders"), ==, 1);
  g_assert_nonnull (strstr (err, "supersede"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  ok (f, &out, "moment", "audience", "1", NULL);
  g_assert_nonnull (strstr (out, "2 people"));
  g_clear_pointer (&out, g_free);
  ok (f, &out, "moment", "supersede", "1", "--title", "Nieuwsbrief (herzien)", NULL);
  g_assert_nonnull (strstr (out, "supersedes"));
  g_clear_pointer (&out, g_free);

  ok (f, NULL, "gate", "add", "--slug", "infra", "--name", "Infra gereed", "--decide-on", when,
      "--groups", "beheer", NULL);
  ok (f, NULL, "criterion", "add", "--gate", "infra", "--text", "IP-adressen voorbereid", "--owner",
      "Anna", NULL);
  g_assert_cmpint (RUN (f, &out, &err, "gate", "decide", "infra", "--decision", "go", "--rationale",
                        "Klaar", "--by", "Stuurgroep"),
                   ==, 1);
  g_assert_nonnull (strstr (err, "override"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  ok (f, &out, "gate", "decide", "infra", "--decision", "go", "--rationale", "Klaar", "--by",
      "Stuurgroep", "--override", "IP-adressen in week 2", NULL);
  g_assert_nonnull (strstr (out, "helder moment approve 3"));
  g_clear_pointer (&out, g_free);

  ok (f, &out, "status", NULL);
  g_assert_nonnull (strstr (out, "Uitbesteding ICT"));
  g_clear_pointer (&out, g_free);
  ok (f, &out, "doctor", NULL);
  g_assert_nonnull (strstr (out, "no problems"));
}

static void
test_dutch (Fixture *f, gconstpointer data)
{
  const char *nl[] = { "LANGUAGE=nl", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  seed (f);
  g_assert_cmpint (helder_test_run (f->db, nl, &out, &err, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Rolwijzigingen"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (f->db, nl, &out, &err, "person", "show", "42", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "persoon “42” bestaat niet"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A Dutch locale that was never generated still gives Dutch. */
  {
    const char *lang[] = { "LC_ALL=", "LANGUAGE=", "LANG=nl_NL.UTF-8", NULL };
    g_assert_cmpint (helder_test_run (f->db, lang, &out, &err, "status", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Rolwijzigingen"));
  }
}

static void
test_plugin_command (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;

  ok (f, &out, "plugins", NULL);
  g_assert_nonnull (strstr (out, "testaddin"));
  g_clear_pointer (&out, g_free);
  ok (f, NULL, "note", "add", "Vergeet de sleutels niet", NULL);
  ok (f, &out, "note", "list", NULL);
  g_assert_nonnull (strstr (out, "Vergeet de sleutels niet"));
}

static void
test_token (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const struct
  {
    const char *args[6];
    const char *message;
    int status;
  } bad[] = {
    { { "token", NULL }, "say issue, list or revoke", 2 },
    { { "token", "mint", NULL }, "unknown action “mint”", 2 },
    { { "token", "issue", "anna@voorbeeld.nl", NULL }, "--role is required", 2 },
    { { "token", "issue", "anna@voorbeeld.nl", "--role", "root", NULL }, "--role: “root”", 2 },
    { { "token", "issue", "nobody@voorbeeld.nl", "--role", "employee", NULL },
      "nobody@voorbeeld.nl",
      1 },
    { { "token", "revoke", "abc", NULL }, "“abc” is not a token id", 2 },
    { { "token", "revoke", "999", NULL }, "no active token 999", 1 },
  };

  seed (f);
  before = db_digest (f);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *o = NULL;
      g_autofree char *e = NULL;

      g_assert_cmpint (helder_test_runv (f->db, NULL, bad[i].args, &o, &e), ==, bad[i].status);
      if (strstr (e, bad[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, e, bad[i].message);
    }
  after = db_digest (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (RUN (f, &out, &err, "token", "issue", "anna@voorbeeld.nl", "--role", "employee",
                        "--base-url", "https://helder.voorbeeld.nl/"),
                   ==, 0);
  g_assert_nonnull (strstr (out, "hld_"));
  g_assert_nonnull (strstr (out, "https://helder.voorbeeld.nl/login/"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "token", "list"), ==, 0);
  g_assert_nonnull (strstr (out, "Anna de Vries"));
  g_assert_nonnull (strstr (out, "active"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "token", "revoke", "--person", "anna@voorbeeld.nl"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "token", "list"), ==, 0);
  g_assert_nonnull (strstr (out, "revoked"));

  /* Without --base-url the link goes where server.base_url says people
   * reach Helder, not to the default address. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    RUN (f, &out, &err, "config", "set", "server.base_url", "https://helder.voorbeeld.nl/"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    RUN (f, &out, &err, "--json", "token", "issue", "anna@voorbeeld.nl", "--role", "employee"), ==,
    0);
  g_assert_nonnull (strstr (out, "\"https://helder.voorbeeld.nl/login/"));
  g_assert_null (strstr (out, "127.0.0.1"));
}

static void
test_serve (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", f->db);
  const char *argv[] = { g_getenv ("HELDER_EXE"), db_arg, "serve", "--port", "0", "--quiet", NULL };
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  GPid pid;
  int stdout_fd, status;

  /* Bad options change nothing and say what is wrong. */
  seed (f);
  g_assert_cmpint (RUN (f, &out, &err, "serve", "--port", "70000"), ==, 2);
  g_assert_nonnull (strstr (err, "--port: 70000"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "serve", "--address", "localhost; rm"), ==, 2);
  g_assert_nonnull (strstr (err, "is not an IP address"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "serve", "--base-url", "ftp://x"), ==, 2);
  g_assert_nonnull (strstr (err, "--base-url"));

  /* It says where links in messages will point when that is not here. */
  {
    int stderr_fd;
    g_autoptr (GInputStream) errors = NULL;
    g_autoptr (GDataInputStream) error_lines = NULL;
    g_autofree char *unset = NULL;
    g_autofree char *differs = NULL;
    g_autofree char *first = NULL;

    for (int round = 0; round < 2; round++)
      {
        g_autoptr (GInputStream) out_stream = NULL;
        g_autoptr (GDataInputStream) out_lines = NULL;
        g_autofree char *said = NULL;

        if (round == 1)
          {
            g_clear_pointer (&out, g_free);
            g_clear_pointer (&err, g_free);
            g_assert_cmpint (RUN (f, &out, &err, "config", "set", "server.base_url",
                                  "https://helder.voorbeeld.nl"),
                             ==, 0);
          }
        g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                                 G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                                 &stdout_fd, &stderr_fd, &error));
        g_assert_no_error (error);
        out_stream = g_unix_input_stream_new (stdout_fd, TRUE);
        out_lines = g_data_input_stream_new (out_stream);
        errors = g_unix_input_stream_new (stderr_fd, TRUE);
        error_lines = g_data_input_stream_new (errors);
        /* The warning comes before the line that says it serves. */
        first = g_data_input_stream_read_line_utf8 (out_lines, NULL, NULL, &error);
        g_assert_no_error (error);
        said = g_data_input_stream_read_line_utf8 (error_lines, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (said);
        if (round == 0)
          unset = g_steal_pointer (&said);
        else
          {
            differs = g_steal_pointer (&said);
            /* And it serves at the address people reach it at. */
            g_assert_nonnull (strstr (first, "https://helder.voorbeeld.nl"));
          }
        g_clear_pointer (&first, g_free);
        g_clear_object (&error_lines);
        g_clear_object (&errors);
        kill (pid, SIGTERM);
        g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
        g_spawn_close_pid (pid);
      }
    g_assert_nonnull (strstr (unset, "server.base_url is not set"));
    g_assert_nonnull (strstr (unset, "helder config set server.base_url URL"));
    g_assert_nonnull (strstr (
      differs,
      "server.base_url is https://helder.voorbeeld.nl, but this server listens at http://127.0.0.1:"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (RUN (f, &out, &err, "config", "unset", "server.base_url"), ==, 0);
  }

  /* It serves, and stops cleanly on SIGTERM. */
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &stdout_fd, NULL, &error));
  g_assert_no_error (error);
  stream = g_unix_input_stream_new (stdout_fd, TRUE);
  lines = g_data_input_stream_new (stream);
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "http://127.0.0.1:"));
  /* The clock is pinned (helder_test_init): the first line says so. */
  g_assert_nonnull (strstr (line, "HELDER_NOW"));
  kill (pid, SIGTERM);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* One clock and the programme's zone, as someone at the command line
 * meets them: a bad HELDER_NOW is refused at start, --on previews a day,
 * and a wall time that the clocks skip or repeat is refused. */
static void
test_clock (Fixture *f, gconstpointer data)
{
  static const char *const bad_env[][2] = {
    { "HELDER_NOW=morgen", "HELDER_NOW: “morgen”" },
    { "HELDER_NOW=2026-12-04 10:00", "2026-12-04T10:00:00+01:00" },
    { "HELDER_NOW=2026-02-30T10:00:00Z", "HELDER_NOW" },
    { "HELDER_NOW_SINCE=gisteren", "HELDER_NOW_SINCE: “gisteren”" },
  };
  static const struct
  {
    const char *args[8];
    const char *needle;
    int code;
  } cases[] = {
    { { "status", "--on", "2027-02-30" }, "--on: “2027-02-30” is not a date", 1 },
    { { "status", "--on", "morgen" }, "--on: “morgen”", 1 },
    { { "digest", "1", "--on", "31-02-2026" }, "--on: “31-02-2026”", 1 },
    { { "programme", "update", "--time-zone", "Europe/Amsterdm" },
      "“Europe/Amsterdm” is not a time zone",
      1 },
    { { "programme", "update", "--time-zone", "CET+1" }, "is not a time zone", 1 },
    { { "moment", "add", "--title", "T", "--scheduled-at", "2027-03-28 02:30" },
      "does not exist in Europe/Amsterdam",
      1 },
    { { "moment", "add", "--title", "T", "--scheduled-at", "2026-10-25 02:30" },
      "2026-10-25 02:30+02:00 (the first)",
      1 },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);

  seed (f);
  for (guint i = 0; i < G_N_ELEMENTS (bad_env); i++)
    {
      const char *const env[] = { bad_env[i][0], NULL };
      g_autofree char *before = db_digest (f);
      g_autofree char *after = NULL;

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (
        helder_test_run (f->db, env, &out, &err, "person", "add", "--name", "X", NULL), ==, 2);
      if (strstr (err, bad_env[i][1]) == NULL)
        g_error ("stderr “%s” lacks “%s”", err, bad_env[i][1]);
      after = db_digest (f);
      g_assert_cmpstr (before, ==, after);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = db_digest (f);
      g_autofree char *after = NULL;

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (helder_test_runv (f->db, NULL, cases[i].args, &out, &err), ==,
                       cases[i].code);
      if (strstr (err, cases[i].needle) == NULL)
        g_error ("stderr “%s” lacks “%s”", err, cases[i].needle);
      after = db_digest (f);
      g_assert_cmpstr (before, ==, after);
    }

  /* --on: the day the status is computed for. */
  g_clear_pointer (&out, g_free);
  ok (f, &out, "--json", "status", "--on", "2027-04-02", NULL);
  g_assert_nonnull (strstr (out, "\"today\" : \"2027-04-02\""));

  /* An explicit offset chooses which 02:30 of the day the clocks go back;
   * it reads back as the local time it is. */
  g_clear_pointer (&out, g_free);
  ok (f, &out, "moment", "add", "--title", "Nacht", "--scheduled-at", "2026-10-25 02:30+01:00",
      NULL);
  g_assert_nonnull (strstr (out, "2026-10-25 02:30"));

  /* Another programme in New York: 13:30 typed is 13:30 there. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    helder_test_run (other_db, NULL, &out, &err, "init", "--time-zone", "Mars/Olympus", NULL), ==,
    1);
  g_assert_nonnull (strstr (err, "--time-zone: “Mars/Olympus” is not a time zone"));
  g_assert_false (g_file_test (other_db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    helder_test_run (other_db, NULL, &out, &err, "init", "--time-zone", "America/New_York", NULL),
    ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (other_db, NULL, &out, NULL, "--json", "moment", "add",
                                    "--title", "Overleg", "--scheduled-at", "2026-12-08 13:30",
                                    NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "\"scheduled_at\" : \"2026-12-08T18:30:00Z\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (other_db, NULL, &out, NULL, "moment", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2026-12-08 13:30"));
  helder_test_remove_db (other_db);
}

/* Issue 9: `helder init` makes the database and its folder private
 * whatever the umask, and `helder doctor` warns, with the chmod to run,
 * when they are not, and when the SMTP password is in the database. */
static void
test_private_files (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->dir, "nieuw", NULL);
  g_autofree char *db = g_build_filename (dir, "helder.db", NULL);
  g_autofree char *password_file = g_build_filename (f->dir, "smtp-password", NULL);
  g_autofree char *plugins = NULL;
  g_autofree char *env_plugins = NULL;
  const char *env[2] = { NULL, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;
  mode_t old;

  /* The e-mail plugin of this build, for smtp.password. */
  plugins = g_build_filename (g_test_get_dir (G_TEST_BUILT), "..", "plugins", NULL);
  env_plugins = g_strconcat ("HELDER_PLUGIN_PATH=", plugins, NULL);
  env[0] = env_plugins;
  {
    g_autofree char *module = g_build_filename (plugins, "email", "libemail.so", NULL);

    if (!g_file_test (module, G_FILE_TEST_EXISTS))
      {
        g_test_skip ("the e-mail plugin is not built (-Demail=disabled)");
        return;
      }
  }

  old = umask (022);
  g_assert_cmpint (helder_test_run (db, env, &out, &err, "init", NULL), ==, 0);
  umask (old);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0700);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0600);

  /* All private: no warnings. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (db, env, &out, NULL, "--json", "doctor", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"warnings\" : []"));

  /* Opened up, and a password stored: warned about, each with its remedy;
   * doctor still succeeds, the database is sound. */
  g_assert_cmpint (
    helder_test_run (db, env, NULL, NULL, "config", "set", "smtp.password", "geheim", NULL), ==, 0);
  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (helder_test_run (db, env, &out, &err, "doctor", NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "chmod 600 '"));
  g_assert_nonnull (strstr (out, "helder.db'\n"));
  g_assert_nonnull (strstr (out, "mode 0644"));
  g_assert_nonnull (strstr (out, "-wal is readable by other users"));
  g_assert_nonnull (strstr (out, "-shm is readable by other users"));
  g_assert_nonnull (strstr (out, "chmod 700 '"));
  g_assert_nonnull (strstr (out, "smtp.password is stored in plain text in the database"));
  g_assert_nonnull (strstr (out, "helder config set smtp.password_file PATH"));
  g_assert_null (strstr (out, "geheim"));

  /* config list and get never show the password itself. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (db, env, &out, NULL, "config", "get", "smtp.password", NULL),
                   ==, 0);
  g_assert_cmpstr (out, ==, "********\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (db, env, &out, NULL, "config", "list", NULL), ==, 0);
  g_assert_null (strstr (out, "geheim"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (db, env, &out, NULL, "--json", "config", "list", NULL), ==, 0);
  g_assert_null (strstr (out, "geheim"));

  /* The password in a file instead: private, then not. */
  g_assert_true (g_file_set_contents (password_file, "geheim\n", -1, NULL));
  g_assert_cmpint (g_chmod (password_file, 0600), ==, 0);
  g_assert_cmpint (g_chmod (db, 0600), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_cmpint (helder_test_run (db, env, NULL, NULL, "config", "unset", "smtp.password", NULL),
                   ==, 0);
  g_assert_cmpint (helder_test_run (db, env, NULL, NULL, "config", "set", "smtp.password_file",
                                    password_file, NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (db, env, &out, NULL, "doctor", NULL), ==, 0);
  g_assert_null (strstr (out, "  ! "));
  g_assert_cmpint (g_chmod (password_file, 0644), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (helder_test_run (db, env, &out, NULL, "doctor", NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "smtp.password_file: "));
  g_assert_nonnull (strstr (out, "readable by every user"));

  g_remove (password_file);
  helder_test_remove_db (db);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/cli/help-and-usage", test_help_and_usage);
  ADD ("/cli/crud", test_crud_roundtrip);
  ADD ("/cli/user-errors-change-nothing", test_user_errors_change_nothing);
  ADD ("/cli/workflow", test_workflow);
  ADD ("/cli/dutch", test_dutch);
  ADD ("/cli/plugin-command", test_plugin_command);
  ADD ("/cli/token", test_token);
  ADD ("/cli/serve", test_serve);
  ADD ("/cli/clock", test_clock);
  ADD ("/cli/private-files", test_private_files);
#undef ADD
  return g_test_run ();
}
