/* interview-cli-show.c — `helder interview show|list|template`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading verbs: one interview whole (its answers under the template's
 * questions, its notes, the items it mentioned with any conflict marked,
 * the concerns raised in it), the list of interviews, and the templates.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "interview-cli.h"
#include "interview-private.h"
#include "interview-service.h"
#include "inv-service.h"

static const char *
str (JsonObject *row, const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

static gboolean
english (void)
{
  /* TRANSLATORS: the code of the language you translate into ("nl") */
  return g_str_equal (C_ ("language code", "en"), "en");
}

/* The interviewee as people read it: a name, an organisation, or both. */
static char *
interviewee (JsonObject *row)
{
  const char *name = str (row, "person_name");
  const char *org = str (row, "organisation");

  if (json_object_get_boolean_member_with_default (row, "person_erased", FALSE) && name[0] == '\0')
    name = _ ("erased person");
  if (name[0] != '\0' && org[0] != '\0')
    return g_strdup_printf ("%s (%s)", name, org);
  return g_strdup (name[0] != '\0' ? name : org);
}

static void
print_field (const char *label, const char *value)
{
  if (value != NULL && value[0] != '\0')
    g_print ("%-14s %s\n", label, value);
}

static void
print_items (JsonArray *items)
{
  if (json_array_get_length (items) == 0)
    return;
  g_print ("\n%s\n", _ ("Items mentioned:"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      gint64 conflicts = json_object_get_int_member_with_default (item, "conflicts", 0);

      g_print ("  - %s: %s", inv_kind_label (str (item, "kind")), str (item, "name"));
      if (conflicts > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              " — CONFLICT: the sources disagree on %" PRId64
                              " field (helder item show %" PRId64 ")",
                              " — CONFLICT: the sources disagree on %" PRId64
                              " fields (helder item show %" PRId64 ")",
                              conflicts),
                 conflicts, json_object_get_int_member (item, "id"));
      g_print ("\n");
    }
}

static void
print_concerns (JsonArray *concerns)
{
  if (json_array_get_length (concerns) == 0)
    return;
  g_print ("\n%s\n", _ ("Concerns raised:"));
  for (guint i = 0; i < json_array_get_length (concerns); i++)
    {
      JsonObject *c = json_array_get_object_element (concerns, i);

      g_print ("  #%" PRId64 " [%s] %s\n", json_object_get_int_member (c, "id"),
               interview_label (str (c, "status")), str (c, "text"));
    }
}

static void
print_interview (JsonObject *row)
{
  g_autofree char *who = interviewee (row);
  g_autofree char *when = json_object_get_null_member (row, "planned_at")
                            ? g_strdup (_ ("not yet"))
                            : helder_cli_local_time (str (row, "planned_at"));
  JsonArray *questions = json_object_get_array_member (row, "questions");
  gboolean en = english ();
  g_autofree char *number =
    g_strdup_printf ("%" PRId64 " (%s)", json_object_get_int_member (row, "id"), str (row, "slug"));

  g_print ("%s\n\n", str (row, "title"));
  print_field (_ ("Number:"), number);
  print_field (_ ("Kind:"), interview_label (str (row, "kind")));
  print_field (_ ("Area:"), interview_label (str (row, "area")));
  print_field (_ ("Status:"), interview_label (str (row, "status")));
  print_field (_ ("Interviewee:"), who);
  print_field (_ ("Interviewer:"), str (row, "interviewer_name"));
  print_field (_ ("When:"), when);
  print_field (_ ("Location:"), str (row, "location"));
  print_field (_ ("Online:"), str (row, "online_url"));
  g_print ("\n%s\n", _ ("Questions and answers:"));
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      const char *answer = str (q, "answer");

      g_print ("%2u. %s\n", i + 1, str (q, en ? "text_en" : "text"));
      g_print ("    %s\n", answer[0] != '\0' ? answer : _ ("(no answer yet)"));
    }
  if (str (row, "notes")[0] != '\0')
    g_print ("\n%s\n%s\n", _ ("Notes:"), str (row, "notes"));
  print_items (json_object_get_array_member (row, "items"));
  print_concerns (json_object_get_array_member (row, "concerns"));
}

gboolean
interview_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, NULL, N_ ("INTERVIEW"), N_ ("Show an interview whole."), &argc, &argv,
                         error) ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      !interview_cli_one (store, argc, argv, &id, error) ||
      (row = interview_get (store, id, error)) == NULL)
    return FALSE;
  if (inv->json)
    interview_cli_print_json_object (row);
  else
    print_interview (row);
  return TRUE;
}

gboolean
interview_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *status = NULL;
  g_autofree char *kind = NULL;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_ ("Only planned, recorded or cancelled"),
      N_ ("STATUS") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("Only interviews of this kind"), N_ ("KIND") },
    { NULL },
  };
  const char *headers[] = { _ ("number"), _ ("kind"), _ ("title"), _ ("when"), _ ("status"), NULL };
  g_autoptr (GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (JsonArray) shown = json_array_new ();
  g_autoptr (JsonObject) template = NULL;
  HelderStore *store;

  if (!helder_cli_parse (inv, entries, NULL, N_ ("List the interviews."), &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (kind != NULL && (template = interview_template (kind, error)) == NULL)
    {
      interview_cli_rename (*error, (const char *const[]){ "kind", "--kind", NULL });
      return FALSE;
    }
  if ((store = helder_context_get_store (inv->context, error)) == NULL)
    return FALSE;
  if ((rows = interview_list (store, status, error)) == NULL)
    {
      interview_cli_rename (*error, (const char *const[]){ "status", "--status", NULL });
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      char **cells;

      if (kind != NULL && !g_str_equal (str (row, "kind"), kind))
        continue;
      json_array_add_object_element (shown, json_object_ref (row));
      cells = g_new0 (char *, 6);
      cells[0] = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "id"));
      cells[1] = g_strdup (interview_label (str (row, "kind")));
      cells[2] = g_strdup (str (row, "title"));
      cells[3] = json_object_get_null_member (row, "planned_at")
                   ? g_strdup ("—")
                   : helder_cli_local_time (str (row, "planned_at"));
      cells[4] = g_strdup (interview_label (str (row, "status")));
      g_ptr_array_add (table, cells);
    }
  if (inv->json)
    interview_cli_print_json_array (shown);
  else if (table->len == 0)
    g_print ("%s\n", _ ("No interviews. `helder interview plan --kind KIND …` plans one."));
  else
    helder_cli_print_table (headers, table);
  return TRUE;
}

static gboolean
template_show (HelderInvocation *inv, const char *kind, GError **error)
{
  g_autoptr (JsonObject) template = interview_template (kind, error);
  JsonArray *questions;
  gboolean en = english ();

  if (template == NULL)
    return FALSE;
  if (inv->json)
    {
      interview_cli_print_json_object (template);
      return TRUE;
    }
  g_print ("%s\n\n", str (template, en ? "title_en" : "title"));
  questions = json_object_get_array_member (template, "questions");
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      const char *area = str (q, "area");

      g_print ("%2u. [%s] %s", i + 1, str (q, "key"), str (q, en ? "text_en" : "text"));
      if (area[0] != '\0')
        /* TRANSLATORS: a question only for a process owner of this area */
        g_print (_ (" (only %s)"), interview_label (area));
      g_print ("\n");
    }
  return TRUE;
}

gboolean
interview_cli_template (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonArray) list = NULL;

  if (!helder_cli_parse (inv, NULL, N_ ("list | show KIND"),
                         N_ ("The interview templates and their questions."), &argc, &argv, error))
    return FALSE;
  if (argc == 3 && g_str_equal (argv[1], "show"))
    return template_show (inv, argv[2], error);
  if (argc != 2 || !g_str_equal (argv[1], "list"))
    return helder_cli_usage_error (error, _ ("give “template list” or “template show KIND”"));
  list = interview_template_list ();
  if (inv->json)
    {
      interview_cli_print_json_array (list);
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *t = json_array_get_object_element (list, i);
      gint64 n = json_object_get_int_member (t, "questions");

      g_print ("%-16s %s (", str (t, "kind"), str (t, english () ? "title_en" : "title"));
      g_print (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " question", "%" PRId64 " questions", n),
               n);
      g_print (")\n");
    }
  return TRUE;
}
