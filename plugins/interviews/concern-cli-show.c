/* concern-cli-show.c — `helder concern list|show|published|summary`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Concerns as the advisor reads them: the list with each one's age in
 * working days and LATE where it is; one concern whole; the summary per
 * theme and group; and the questions-and-answers page as everyone reads
 * it (no one named).
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "concern-cli.h"
#include "concern-service.h"
#include "interview-private.h"

static const char *
str (JsonObject *row, const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

static char *
groups_text (JsonObject *row)
{
  JsonArray *groups = json_object_get_array_member (row, "groups");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (groups); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                            json_array_get_string_element (groups, i));
  return g_string_free (out, FALSE);
}

static char *
status_text (JsonObject *row)
{
  if (json_object_get_boolean_member (row, "late"))
    return g_strdup_printf ("%s, %s", interview_label (str (row, "status")), _ ("LATE"));
  return g_strdup (interview_label (str (row, "status")));
}

gboolean
concern_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *status = NULL, *theme = NULL, *group = NULL;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_ ("Only open, answered, late or withdrawn"),
      N_ ("STATUS") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme, N_ ("Only this theme"), N_ ("THEME") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_ ("Only concerns about this group"),
      N_ ("GROUP") },
    { NULL },
  };
  const char *headers[] = { _ ("number"),  _ ("raised"), _ ("age (working days)"),
                            _ ("status"),  _ ("theme"),  _ ("groups"),
                            _ ("concern"), NULL };
  g_autoptr (GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (JsonArray) rows = NULL;
  HelderStore *store;

  if (!helder_cli_parse (inv, entries, NULL, N_ ("List concerns."), &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL)
    return FALSE;
  if ((rows = concern_list (store, status, theme, group, NULL, error)) == NULL)
    {
      interview_cli_rename (*error, (const char *const[]){ "status", "--status", "theme", "--theme",
                                                           "group", "--group", NULL });
      return FALSE;
    }
  if (inv->json)
    {
      interview_cli_print_json_array (rows);
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      char **cells = g_new0 (char *, 8);

      cells[0] = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "id"));
      cells[1] = g_strdup (str (row, "raised_on"));
      cells[2] = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "age_working_days"));
      cells[3] = status_text (row);
      cells[4] = g_strdup (str (row, "theme_name"));
      cells[5] = groups_text (row);
      cells[6] = g_strdup (str (row, "text"));
      g_ptr_array_add (table, cells);
    }
  if (table->len == 0)
    g_print ("%s\n", _ ("No concerns."));
  else
    helder_cli_print_table (headers, table);
  return TRUE;
}

static void
print_field (const char *label, const char *value)
{
  if (value != NULL && value[0] != '\0')
    g_print ("%-16s %s\n", label, value);
}

gboolean
concern_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *age = NULL, *groups = NULL, *status = NULL, *moment = NULL, *commitment = NULL;
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, NULL, N_ ("CONCERN"), N_ ("Show a concern."), &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (error, _ ("which concern? Give its number"));
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = concern_resolve (store, argv[1], error)) == 0 ||
      (row = concern_get (store, id, NULL, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      interview_cli_print_json_object (row);
      return TRUE;
    }
  age = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "age_working_days"));
  groups = groups_text (row);
  status = status_text (row);
  if (!json_object_get_null_member (row, "answer_moment"))
    moment = g_strdup_printf ("%" PRId64 " “%s”", json_object_get_int_member (row, "answer_moment"),
                              str (row, "answer_moment_title"));
  if (!json_object_get_null_member (row, "answer_commitment"))
    commitment =
      g_strdup_printf ("%" PRId64 " “%s”", json_object_get_int_member (row, "answer_commitment"),
                       str (row, "answer_commitment_text"));
  g_print ("%s\n\n", str (row, "text"));
  print_field (_ ("Status:"), status);
  print_field (_ ("Raised on:"), str (row, "raised_on"));
  print_field (_ ("Age:"), age);
  print_field (_ ("Via:"), interview_label (str (row, "via")));
  print_field (_ ("Raised by:"), json_object_get_boolean_member (row, "named")
                                   ? str (row, "person_name")
                                   : _ ("not named"));
  print_field (_ ("Theme:"), str (row, "theme_name"));
  print_field (_ ("Groups:"), groups);
  print_field (_ ("Answered on:"), str (row, "answered_on"));
  print_field (_ ("Answer:"), str (row, "answer"));
  print_field (_ ("Moment:"), moment);
  print_field (_ ("Commitment:"), commitment);
  if (json_object_get_boolean_member (row, "published"))
    print_field (_ ("Published as:"), str (row, "public_question")[0] != '\0'
                                        ? str (row, "public_question")
                                        : str (row, "text"));
  return TRUE;
}

gboolean
concern_cli_published (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonArray) rows = NULL;
  const char *theme = NULL;
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, NULL, N_ ("The questions and answers, as everyone reads them."),
                         &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (rows = concern_published (store, C_ ("language code", "en"), error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      interview_cli_print_json_array (rows);
      return TRUE;
    }
  if (json_array_get_length (rows) == 0)
    g_print ("%s\n", _ ("No answers published yet."));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *name =
        str (row, "theme_name")[0] != '\0' ? str (row, "theme_name") : _ ("(no theme)");

      if (theme == NULL || !g_str_equal (theme, name))
        g_print ("%s## %s\n\n", i > 0 ? "\n" : "", name);
      theme = name;
      g_print ("**%s**\n\n", str (row, "question"));
      if (str (row, "answer")[0] != '\0')
        g_print ("%s\n", str (row, "answer"));
      if (!json_object_get_null_member (row, "answer_moment"))
        g_print (_ ("See the moment “%s”.\n"), str (row, "answer_moment_title"));
      if (!json_object_get_null_member (row, "answer_commitment"))
        g_print (_ ("Promised: “%s”\n"), str (row, "answer_commitment_text"));
      g_print ("\n");
    }
  return TRUE;
}

static void
print_buckets (const char *title, JsonArray *buckets)
{
  const char *headers[] = { title, _ ("open"), _ ("late"), _ ("oldest (working days)"), NULL };
  g_autoptr (GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < json_array_get_length (buckets); i++)
    {
      JsonObject *b = json_array_get_object_element (buckets, i);
      char **cells = g_new0 (char *, 5);

      cells[0] = g_strdup (str (b, "name"));
      cells[1] = g_strdup_printf ("%" PRId64, json_object_get_int_member (b, "open"));
      cells[2] = g_strdup_printf ("%" PRId64, json_object_get_int_member (b, "late"));
      cells[3] =
        g_strdup_printf ("%" PRId64, json_object_get_int_member (b, "oldest_age_working_days"));
      g_ptr_array_add (table, cells);
    }
  if (table->len > 0)
    {
      g_print ("\n");
      helder_cli_print_table (headers, table);
    }
}

gboolean
concern_cli_summary (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonObject) summary = NULL;
  HelderStore *store;
  gint64 open, late;

  if (!helder_cli_parse (inv, NULL, NULL, N_ ("Open concerns per theme and group."), &argc, &argv,
                         error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (summary = concern_summary (store, NULL, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      interview_cli_print_json_object (summary);
      return TRUE;
    }
  open = json_object_get_int_member (summary, "open");
  late = json_object_get_int_member (summary, "late");
  g_print (
    g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " open concern", "%" PRId64 " open concerns", open),
    open);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        ", %" PRId64 " of them late (open longer than %" PRId64 " working day)\n",
                        ", %" PRId64 " of them late (open longer than %" PRId64 " working days)\n",
                        json_object_get_int_member (summary, "late_after_working_days")),
           late, json_object_get_int_member (summary, "late_after_working_days"));
  print_buckets (_ ("theme"), json_object_get_array_member (summary, "by_theme"));
  print_buckets (_ ("group"), json_object_get_array_member (summary, "by_group"));
  return TRUE;
}
