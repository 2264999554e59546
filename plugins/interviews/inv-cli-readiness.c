/* inv-cli-readiness.c — `helder readiness set|show`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting one aspect of one component's readiness (inv_readiness_set(),
 * which names a wrong value), and the totals per aspect with what is
 * still missing, as the gate measure "readiness" counts them.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

static gboolean
cli_set (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *value = NULL, *on = NULL, *note = NULL;
  GOptionEntry entries[] = {
    { "value", 0, 0, G_OPTION_ARG_STRING, &value,
      N_ ("The wave; for cleanup “remove” when it goes rather than moves"), N_ ("TEXT") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("The day it is planned or was done"), N_ ("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("A note"), N_ ("TEXT") },
    { NULL }
  };
  g_auto (HelderCliActor) actor = { 0 };
  g_autoptr (GError) local = NULL;
  HelderStore *store;
  gint64 component;

  if (!helder_cli_parse (inv, entries, N_ ("COMPONENT ASPECT STATUS"),
                         N_ ("Set one aspect of a component’s readiness: software, ip, "
                             "virtualised, cleanup, wave, owner; open, in-progress, done, "
                             "not-applicable."),
                         &argc, &argv, error))
    return FALSE;
  if (argc < 4)
    return helder_cli_usage_error (error, _ ("give COMPONENT ASPECT STATUS"));
  if (argc > 4)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[4]);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (component = inv_item_resolve (store, argv[1], error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  if (!inv_readiness_set (store, &actor.actor, component, argv[2], argv[3], value, on, note,
                          &local))
    {
      const char *field = helder_error_get_field (local);

      if (g_strcmp0 (field, "on_date") == 0)
        g_prefix_error (&local, "--on: ");
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (inv->json)
    {
      g_autoptr (JsonObject) item = inv_item_get (store, component, error);

      if (item == NULL)
        return FALSE;
      inv_cli_print_object (item);
    }
  else
    {
      g_autofree char *name = inv_item_name (store, component);

      g_print (_ ("%s: %s is now %s.\n"), name, inv_readiness_label (inv_aspect_parse (argv[2])),
               inv_status_label (inv_status_parse (argv[3])));
    }
  return TRUE;
}

static gboolean
cli_show (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *aspect = NULL, *domain = NULL;
  GOptionEntry entries[] = { { "aspect", 0, 0, G_OPTION_ARG_STRING, &aspect,
                               N_ ("Only this aspect"), N_ ("ASPECT") },
                             { "domain", 0, 0, G_OPTION_ARG_STRING, &domain,
                               N_ ("Only this domain’s components"), N_ ("NAME") },
                             { NULL } };
  g_autoptr (JsonArray) totals = NULL;
  g_autoptr (JsonArray) shown = json_array_new ();
  const char *only = NULL;
  HelderStore *store;

  if (!helder_cli_parse (inv, entries, NULL,
                         N_ ("Readiness per aspect: done of applicable, and what is missing."),
                         &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (aspect != NULL && (only = inv_aspect_parse (aspect)) == NULL)
    return helder_cli_usage_error (error,
                                   _ ("--aspect: “%s” is not one of software, ip, virtualised, "
                                      "cleanup, wave, owner"),
                                   aspect);
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (totals = inv_readiness_totals (store, domain, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (totals); i++)
    {
      JsonObject *row = json_array_get_object_element (totals, i);

      if (only == NULL || g_str_equal (json_object_get_string_member (row, "aspect"), only))
        json_array_add_object_element (shown, json_object_ref (row));
    }
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), shown);

      helder_cli_print_json (node);
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (shown); i++)
    {
      JsonObject *row = json_array_get_object_element (shown, i);
      JsonArray *missing = json_object_get_array_member (row, "missing");
      guint applicable = json_object_get_int_member (row, "applicable");

      g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u component\n",
                            "%s: %u of %u components\n", applicable),
               json_object_get_string_member (row, "label"),
               (guint) json_object_get_int_member (row, "done"), applicable);
      for (guint m = 0; only != NULL && m < json_array_get_length (missing); m++)
        {
          JsonObject *item = json_array_get_object_element (missing, m);

          g_print ("  %" PRId64 "  %s (%s)\n", json_object_get_int_member (item, "id"),
                   json_object_get_string_member (item, "name"),
                   inv_status_label (json_object_get_string_member (item, "status")));
        }
    }
  return TRUE;
}

static const HelderCliVerb verbs[] = {
  { "set", cli_set, N_ ("Set one aspect of a component’s readiness") },
  { "show", cli_show, N_ ("Totals per aspect, and what is missing") },
};

gboolean
inv_cli_readiness (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  return helder_cli_run_verb (inv, argc, argv, N_ ("Usage: helder readiness VERB [OPTION…]"), verbs,
                              G_N_ELEMENTS (verbs), GETTEXT_PACKAGE, error);
}
