/* inv-cli-show.c — `helder item show|list|completeness`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the register holds, as people read it (or --json as the services
 * give it): an item's fields with a conflict marked and each value with
 * its sources, the register as a table with its filters, and what
 * completeness finds missing.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

static char *
value_text (JsonObject *item, const char *field)
{
  JsonNode *node = json_object_get_member (item, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (json_object_get_string_member (json_node_get_object (node), "name"));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" PRId64, json_node_get_int (node));
  return g_strdup (*json_node_get_string (node) != '\0' ? json_node_get_string (node) : "—");
}

static JsonObject *
conflict_of (JsonObject *item, const char *field)
{
  JsonArray *conflicts = json_object_get_array_member (item, "conflicts");

  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    {
      JsonObject *conflict = json_array_get_object_element (conflicts, i);

      if (g_str_equal (json_object_get_string_member (conflict, "field"), field))
        return conflict;
    }
  return NULL;
}

static char *
source_text (JsonObject *source)
{
  if (json_object_get_null_member (source, "interview"))
    return g_strdup (_ ("the register"));
  return g_strdup_printf (_ ("interview %" PRId64 " “%s”"),
                          json_object_get_int_member (source, "interview"),
                          json_object_get_string_member (source, "interview_title"));
}

static void
print_conflict (JsonObject *conflict)
{
  JsonArray *values = json_object_get_array_member (conflict, "values");

  for (guint v = 0; v < json_array_get_length (values); v++)
    {
      JsonObject *value = json_array_get_object_element (values, v);
      JsonArray *sources = json_object_get_array_member (value, "sources");
      g_autoptr (GString) who = g_string_new (NULL);

      for (guint s = 0; s < json_array_get_length (sources); s++)
        {
          g_autofree char *text = source_text (json_array_get_object_element (sources, s));

          g_string_append_printf (who, "%s%s", s > 0 ? ", " : "", text);
        }
      g_print ("      “%s” — %s\n", json_object_get_string_member (value, "value"), who->str);
    }
}

static void
print_fields (JsonObject *item)
{
  const char *kind = json_object_get_string_member (item, "kind");
  const char *const *fields = inv_fields_of (kind);
  JsonArray *missing = json_object_get_array_member (item, "missing");

  g_print ("%s %s (%" PRId64 ")\n", inv_kind_label (kind),
           json_object_get_string_member (item, "name"), json_object_get_int_member (item, "id"));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *field = fields[i];
      const char *member = g_str_equal (field, "key_users") ? NULL : field;
      JsonObject *conflict = conflict_of (item, field);
      g_autofree char *label = g_strdup_printf ("%s:", inv_field_label (field));
      g_autofree char *padded = helder_cli_pad (label, 26);
      g_autofree char *text = NULL;
      gboolean lacks = FALSE;

      if (member == NULL)
        {
          JsonArray *people = json_object_get_array_member (item, "key_users");
          g_autoptr (GString) names = g_string_new (NULL);

          for (guint p = 0; p < json_array_get_length (people); p++)
            g_string_append_printf (
              names, "%s%s", p > 0 ? ", " : "",
              json_object_get_string_member (json_array_get_object_element (people, p), "name"));
          text = g_strdup (names->len > 0 ? names->str : "—");
        }
      else
        text = value_text (item, member);
      for (guint m = 0; m < json_array_get_length (missing); m++)
        lacks |= g_str_equal (json_array_get_string_element (missing, m), field);
      if (conflict != NULL)
        {
          g_print ("  %s%s\n", padded, _ ("CONFLICT: the sources disagree"));
          print_conflict (conflict);
        }
      else
        g_print ("  %s%s%s\n", padded, text, lacks ? _ ("  (missing)") : "");
    }
}

static void
print_sources (JsonObject *item)
{
  JsonArray *sources = json_object_get_array_member (item, "sources");

  g_print ("\n%s\n", _ ("Sources:"));
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);
      JsonObject *claims = json_object_get_object_member (source, "claims");
      g_autofree char *who = source_text (source);
      g_autofree char *when =
        helder_cli_local_time (json_object_get_string_member (source, "noted_at"));
      g_autoptr (GList) fields = json_object_get_members (claims);
      const char *origin = json_object_get_string_member (source, "origin");

      g_print ("  %s%s%s%s, %s\n", who, *origin != '\0' ? " (" : "", origin,
               *origin != '\0' ? ")" : "", when);
      for (GList *l = fields; l != NULL; l = l->next)
        g_print ("      %s: %s\n", inv_field_label (l->data),
                 json_object_get_string_member (claims, l->data));
    }
}

static void
print_readiness (JsonObject *item)
{
  JsonArray *aspects;

  if (!json_object_has_member (item, "readiness"))
    return;
  aspects = json_object_get_array_member (item, "readiness");
  g_print ("\n%s\n", _ ("Readiness:"));
  for (guint i = 0; i < json_array_get_length (aspects); i++)
    {
      JsonObject *aspect = json_array_get_object_element (aspects, i);
      g_autofree char *label = helder_cli_pad (json_object_get_string_member (aspect, "label"), 38);
      const char *value = json_object_get_string_member (aspect, "value");
      const char *date = json_object_get_null_member (aspect, "on_date")
                           ? ""
                           : json_object_get_string_member (aspect, "on_date");

      g_print ("  %s %s%s%s%s%s\n", label, json_object_get_string_member (aspect, "status_label"),
               *date != '\0' ? ", " : "", date, *value != '\0' ? ", " : "", value);
    }
}

static void
print_couplings (JsonObject *item)
{
  JsonArray *couplings = json_object_get_array_member (item, "couplings");

  if (json_array_get_length (couplings) == 0)
    return;
  g_print ("\n%s\n", _ ("Couplings:"));
  for (guint i = 0; i < json_array_get_length (couplings); i++)
    {
      JsonObject *coupling = json_array_get_object_element (couplings, i);
      const char *other =
        json_object_get_string_member (json_object_get_object_member (coupling, "other"), "name");

      g_print ("  %s %s  (%" PRId64 " %s%s%s)\n",
               g_str_equal (json_object_get_string_member (coupling, "way"), "out") ? "→" : "←",
               other, json_object_get_int_member (coupling, "id"),
               json_object_get_string_member (coupling, "protocol"),
               *json_object_get_string_member (coupling, "scope") != '\0' ? ", " : "",
               json_object_get_string_member (coupling, "scope"));
    }
}

gboolean
inv_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonObject) item = NULL;
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, NULL, N_ ("ITEM"),
                         N_ ("Show an item: fields, sources, conflicts, readiness, couplings."),
                         &argc, &argv, error))
    return FALSE;
  if (argc < 2)
    return helder_cli_usage_error (error, _ ("which item? Give its number, NAME or KIND:NAME"));
  if (argc > 2)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = inv_item_resolve (store, argv[1], error)) == 0 ||
      (item = inv_item_get (store, id, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      inv_cli_print_object (item);
      return TRUE;
    }
  print_fields (item);
  print_sources (item);
  print_readiness (item);
  print_couplings (item);
  return TRUE;
}

static char *
missing_text (JsonObject *row)
{
  JsonArray *missing = json_object_get_array_member (row, "missing");
  g_autoptr (GString) text = g_string_new (NULL);

  if (json_object_get_int_member (row, "conflicts") > 0)
    g_string_append (text, _ ("conflict"));
  for (guint i = 0; i < json_array_get_length (missing); i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "",
                            inv_field_label (json_array_get_string_element (missing, i)));
  return g_strdup (text->len > 0 ? text->str : "—");
}

gboolean
inv_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *kind = NULL, *domain = NULL, *supplier = NULL, *search = NULL, *interview = NULL;
  gboolean conflicts = FALSE, incomplete = FALSE;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("Only this kind"), N_ ("KIND") },
    { "domain", 0, 0, G_OPTION_ARG_STRING, &domain, N_ ("Only this domain"), N_ ("NAME") },
    { "supplier", 0, 0, G_OPTION_ARG_STRING, &supplier, N_ ("Only this supplier’s"), N_ ("ITEM") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_ ("Only with this in the name or description"), N_ ("TEXT") },
    { "interview", 0, 0, G_OPTION_ARG_STRING, &interview, N_ ("Only what this interview mentioned"),
      N_ ("ID") },
    { "conflicts", 0, 0, G_OPTION_ARG_NONE, &conflicts, N_ ("Only items whose sources disagree"),
      NULL },
    { "incomplete", 0, 0, G_OPTION_ARG_NONE, &incomplete, N_ ("Only items that lack something"),
      NULL },
    { NULL }
  };
  const char *headers[] = { N_ ("ID"),      N_ ("KIND"),     N_ ("NAME"),
                            N_ ("DOMAIN"),  N_ ("SUPPLIER"), N_ ("OWNER"),
                            N_ ("SOURCES"), N_ ("LACKS"),    NULL };
  g_autoptr (JsonArray) rows = NULL;
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  InvFilter filter = { 0 };
  HelderStore *store;
  guint64 number;

  if (!helder_cli_parse (inv, entries, NULL, N_ ("List the register."), &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (kind != NULL && (filter.kind = inv_kind_parse (kind)) == NULL)
    return helder_cli_usage_error (error,
                                   _ ("--kind: “%s” is not component, application, coupling, "
                                      "supplier, contract or process"),
                                   kind);
  if (interview != NULL)
    {
      if (!g_ascii_string_to_unsigned (interview, 10, 1, G_MAXINT64, &number, NULL))
        return helder_cli_usage_error (error, _ ("--interview: “%s” is not an interview’s number"),
                                       interview);
      filter.interview = (gint64) number;
    }
  if ((store = helder_context_get_store (inv->context, error)) == NULL)
    return FALSE;
  if (supplier != NULL && (filter.supplier = inv_item_resolve (store, supplier, error)) == 0)
    return (g_prefix_error (error, "--supplier: "), FALSE);
  filter.domain = domain;
  filter.text = search;
  filter.conflicts = conflicts;
  filter.incomplete = incomplete;
  if ((rows = inv_item_list (store, &filter, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), rows);

      helder_cli_print_json (node);
      return TRUE;
    }
  for (guint i = 0; headers[i] != NULL; i++)
    headers[i] = _ (headers[i]);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      char **line = g_new0 (char *, 9);

      line[0] = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "id"));
      line[1] = g_strdup (json_object_get_string_member (row, "kind_label"));
      line[2] = g_strdup (json_object_get_string_member (row, "name"));
      line[3] = value_text (row, "domain");
      line[4] = value_text (row, "supplier");
      line[5] = value_text (row, "owner");
      line[6] = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "sources"));
      line[7] = missing_text (row);
      g_ptr_array_add (cells, line);
    }
  if (cells->len == 0)
    g_print ("%s\n", _ ("No items."));
  else
    helder_cli_print_table (headers, cells);
  return TRUE;
}

gboolean
inv_cli_completeness (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (JsonObject) out = NULL;
  JsonArray *kinds;
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, NULL,
                         N_ ("Which items lack an owner, a supplier, a version, a direction …"),
                         &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (out = inv_completeness (store, error)) == NULL)
    return FALSE;
  if (inv->json)
    {
      inv_cli_print_object (out);
      return TRUE;
    }
  g_print (_ ("%" PRId64 " of %" PRId64 " items lack something.\n"),
           json_object_get_int_member (out, "incomplete"),
           json_object_get_int_member (out, "items"));
  kinds = json_object_get_array_member (out, "kinds");
  for (guint k = 0; k < json_array_get_length (kinds); k++)
    {
      JsonObject *kind = json_array_get_object_element (kinds, k);
      JsonArray *fields = json_object_get_array_member (kind, "fields");

      for (guint f = 0; f < json_array_get_length (fields); f++)
        {
          JsonObject *field = json_array_get_object_element (fields, f);
          JsonArray *items = json_object_get_array_member (field, "items");
          g_autoptr (GString) names = g_string_new (NULL);

          if (json_array_get_length (items) == 0)
            continue;
          for (guint i = 0; i < json_array_get_length (items) && i < 10; i++)
            g_string_append_printf (
              names, "%s%s", i > 0 ? ", " : "",
              json_object_get_string_member (json_array_get_object_element (items, i), "name"));
          if (json_array_get_length (items) > 10)
            g_string_append (names, ", …");
          /* TRANSLATORS: "application, owner: 3 of 12 lack it: A, B, C" */
          g_print (_ ("%s, %s: %" PRId64 " of %" PRId64 " lack it: %s\n"),
                   json_object_get_string_member (kind, "label"),
                   json_object_get_string_member (field, "label"),
                   json_object_get_int_member (field, "missing"),
                   json_object_get_int_member (kind, "items"), names->str);
        }
    }
  return TRUE;
}
