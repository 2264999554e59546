/* helder-cli-privacy.c — `helder person export|erase PERSON`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person's data on request (DESIGN.md §6): everything Helder and its
 * loaded plugins hold about them as JSON, or all of it erased. Both call
 * services/transfer/helder-person-data.c with the plugins' hooks.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-noun-private.h"
#include "cli/helder-cli-operator.h"
#include "services/repo/helder-repo.h"
#include "services/transfer/helder-person-data.h"

/* An id as typed (also of someone erased, so that the service can say
 * so), or an e-mail address or a part of the name of someone who is
 * there. */
static gboolean
resolve (HelderStore *store, const char *text, gint64 *person, GError **error)
{
  char *end = NULL;
  gint64 number;

  number = g_ascii_strtoll (text, &end, 10);
  if (end != text && *end == '\0' && number > 0)
    {
      *person = number;
      return TRUE;
    }
  return helder_cli_resolve_person (store, NULL, text, person, error);
}

static gboolean
person_export (HelderInvocation *inv,
               const HelderEntity *entity,
               int argc,
               char **argv,
               GError **error)
{
  g_autoptr (GPtrArray) hooks = NULL;
  g_autoptr (JsonObject) export = NULL;
  g_autoptr (JsonNode) node = NULL;
  HelderStore *store;
  g_auto (HelderCliActor) who = { 0 };
  g_autofree char *record = NULL;
  gint64 person;

  if (!helder_cli_parse (
        inv, NULL, _ ("ID|E-MAIL"),
        N_ ("Print, as JSON, everything Helder and its loaded plugins hold about a person."), &argc,
        &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  store = helder_context_get_store (inv->context, error);
  /* Handing out someone's data is in the audit log, with who did it. */
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error) ||
      !resolve (store, argv[1], &person, error))
    return FALSE;
  hooks = helder_context_list_person_data (inv->context);
  export = helder_person_data_export (store, person, hooks, error);
  if (export == NULL)
    return FALSE;
  record = g_strdup_printf ("%" PRId64, person);
  if (!helder_audit_record (store, &who.actor, "export", "person", record, person, NULL, error))
    return FALSE;
  node = json_node_init_object (json_node_alloc (), export);
  helder_cli_print_json (node);
  return TRUE;
}

static gboolean
person_erase (HelderInvocation *inv,
              const HelderEntity *entity,
              int argc,
              char **argv,
              GError **error)
{
  g_autoptr (GPtrArray) hooks = NULL;
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;
  gint64 person;

  if (
    !helder_cli_parse (
      inv, NULL, _ ("ID|E-MAIL"),
      N_ (
        "Erase a person: remove or anonymise their data everywhere (their rows, the outbox, tokens, sessions, plugins' data, their name in texts); refused while a message to them is on its way."),
      &argc, &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error) ||
      !resolve (store, argv[1], &person, error))
    return FALSE;
  hooks = helder_context_list_person_data (inv->context);
  if (!helder_person_data_erase (store, person, hooks, &who.actor, error))
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonObject) result = json_object_new ();
      g_autoptr (JsonNode) node = NULL;

      json_object_set_int_member (result, "erased", person);
      node = json_node_init_object (json_node_alloc (), result);
      helder_cli_print_json (node);
    }
  else
    {
      g_autofree char *key = g_strdup_printf ("%" PRId64, person);

      g_print (_ ("Erased person %s."), key);
      g_print ("\n");
    }
  return TRUE;
}

static const NounVerb person_verbs[] = {
  { "export", person_export, N_ ("print everything about a person as JSON") },
  { "erase", person_erase, N_ ("erase a person's data everywhere") },
};

const NounVerb *
noun_person_verbs (guint *n_verbs)
{
  *n_verbs = G_N_ELEMENTS (person_verbs);
  return person_verbs;
}
