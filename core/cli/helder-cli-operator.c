/* helder-cli-operator.c — who works at this terminal, for the audit log
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The operator is a person of the programme. It is asked for, in this
 * order: `--as PERSON` (one command), $HELDER_OPERATOR (scripts, cron),
 * and what `helder config set operator PERSON` stored. That last one is
 * kept per user and per database in $XDG_CONFIG_HOME/helder/operator.ini,
 * not in the database: two or three advisors share one programme, and a
 * setting in the database would sign one advisor's changes with another's
 * name. A write without an operator is refused, except while the
 * programme has no people yet (`init`, the first import): that is setup.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-operator.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-resolve.h"

#define OPERATOR_GROUP_KEY "person"

static char *requested_as;

void
helder_cli_operator_set_requested (const char *person)
{
  g_free (requested_as);
  requested_as = g_strdup (person);
}

void
helder_cli_actor_clear (HelderCliActor *self)
{
  g_clear_pointer (&self->name, g_free);
  self->actor = (HelderAuditActor){ 0 };
}

/* The one place a typed person becomes a row: an id or an e-mail address
 * (what helder_repo_get() resolves for a person). */
static JsonObject *
lookup_person (HelderStore *store, const char *text, GError **error)
{
  const HelderEntity *person = helder_entity_lookup ("person");
  g_autoptr (JsonNode) key = helder_resolve (store, person, text, error);
  g_autofree char *id = NULL;

  if (key == NULL)
    return NULL;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key));
  return helder_repo_get (store, person, id, error);
}

char *
helder_cli_operator_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "helder", "operator.ini", NULL);
}

/* The database as one name, however it was typed. */
static char *
database_key (HelderStore *store)
{
  const char *path = helder_store_get_path (store);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  char *real = realpath (absolute, NULL);

  if (real != NULL)
    {
      char *key = g_strdup (real);
      free (real);
      return key;
    }
  return g_steal_pointer (&absolute);
}

static GKeyFile *
load_file (void)
{
  g_autofree char *file = helder_cli_operator_file ();
  GKeyFile *keys = g_key_file_new ();

  g_key_file_load_from_file (keys, file, G_KEY_FILE_KEEP_COMMENTS, NULL);
  return keys;
}

static char *
stored_operator (HelderStore *store)
{
  g_autoptr (GKeyFile) keys = load_file ();
  g_autofree char *db = database_key (store);

  return g_key_file_get_string (keys, db, OPERATOR_GROUP_KEY, NULL);
}

/* Fills @out with the person @text names; @source says where it came
 * from in the error ("--as", "HELDER_OPERATOR", "operator"). */
static gboolean
actor_from (HelderStore *store,
            const char *source,
            const char *text,
            HelderCliActor *out,
            GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (JsonObject) person = lookup_person (store, text, &local);

  if (person == NULL)
    {
      if (local->domain != HELDER_ERROR || local->code != HELDER_ERROR_NOT_FOUND)
        {
          /* More than one person fits: the message lists them. */
          g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", source);
          return FALSE;
        }
      helder_error_set (
        error, HELDER_ERROR_INVALID, source,
        _ ("%s: “%s” is no person of this programme; give the number, e-mail address or name of "
           "the person who does this"),
        source, text);
      return FALSE;
    }
  out->name = g_strdup (json_object_get_string_member (person, "name"));
  out->actor.person = json_object_get_int_member (person, "id");
  out->actor.name = out->name;
  out->actor.role = "cli";
  return TRUE;
}

/* Where the operator comes from, or FALSE when nobody said. */
static gboolean
operator_text (HelderStore *store, const char **source, char **text)
{
  const char *env = g_getenv ("HELDER_OPERATOR");

  if (requested_as != NULL)
    {
      *source = "--as";
      *text = g_strdup (requested_as);
      return TRUE;
    }
  if (env != NULL && env[0] != '\0')
    {
      *source = "HELDER_OPERATOR";
      *text = g_strdup (env);
      return TRUE;
    }
  *source = "operator";
  *text = stored_operator (store);
  return *text != NULL;
}

/**
 * helder_cli_actor_for_write:
 *
 * Who a change from the command line is audited as. Refuses, so that
 * nothing is written, when nobody said who works here — unless the
 * programme has no people yet: then it is setup.
 */
gboolean
helder_cli_actor_for_write (HelderInvocation *invocation,
                            HelderStore *store,
                            HelderCliActor *out,
                            GError **error)
{
  g_autofree char *text = NULL;
  const char *source;
  gint64 people;

  g_return_val_if_fail (invocation != NULL && store != NULL && out != NULL, FALSE);

  if (operator_text (store, &source, &text))
    return actor_from (store, source, text, out, error);

  people = helder_repo_count (store, helder_entity_lookup ("person"), error);
  if (people < 0)
    return FALSE;
  if (people == 0)
    {
      out->actor = (HelderAuditActor){ 0, "setup", "setup" };
      return TRUE;
    }
  helder_error_set (error, HELDER_ERROR_PERMISSION, "operator",
                    _ ("Who is doing this? Set it with `helder config set operator PERSON` or "
                       "pass `--as PERSON`."));
  return FALSE;
}

/**
 * helder_cli_actor_for_read:
 *
 * Who a read from the command line (a person's export) is audited as:
 * the operator when one is known, else the command line.
 */
void
helder_cli_actor_for_read (HelderInvocation *invocation, HelderStore *store, HelderCliActor *out)
{
  g_autofree char *text = NULL;
  const char *source;

  if (operator_text (store, &source, &text) && actor_from (store, source, text, out, NULL))
    return;
  helder_cli_actor_clear (out);
  out->actor = (HelderAuditActor){ 0, "helder CLI", "cli" };
}

static gboolean
save_file (GKeyFile *keys, GError **error)
{
  g_autofree char *file = helder_cli_operator_file ();
  g_autofree char *dir = g_path_get_dirname (file);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      helder_error_set (error, HELDER_ERROR_IO, "operator", _ ("operator: cannot create %s: %s"),
                        dir, g_strerror (saved));
      return FALSE;
    }
  if (!g_key_file_save_to_file (keys, file, error))
    {
      g_prefix_error (error, "operator: ");
      return FALSE;
    }
  return TRUE;
}

static gboolean
operator_set (HelderStore *store, const char *value, GError **error)
{
  g_auto (HelderCliActor) who = { 0 };
  g_autoptr (GKeyFile) keys = load_file ();
  g_autofree char *db = database_key (store);
  g_autofree char *id = NULL;

  if (!actor_from (store, "operator", value, &who, error))
    return FALSE;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, who.actor.person);
  g_key_file_set_string (keys, db, OPERATOR_GROUP_KEY, id);
  if (!save_file (keys, error))
    return FALSE;
  g_print (_ ("The operator at this terminal is now %s (person %s) for %s.\n"), who.name, id, db);
  return TRUE;
}

static gboolean
operator_unset (HelderStore *store, GError **error)
{
  g_autoptr (GKeyFile) keys = load_file ();
  g_autofree char *db = database_key (store);

  if (g_key_file_has_group (keys, db))
    {
      g_key_file_remove_group (keys, db, NULL);
      if (!save_file (keys, error))
        return FALSE;
    }
  g_print (_ ("No operator is set for %s: changes need `--as PERSON`.\n"), db);
  return TRUE;
}

static gboolean
operator_get (HelderStore *store, GError **error)
{
  g_autofree char *text = stored_operator (store);
  g_auto (HelderCliActor) who = { 0 };

  if (text == NULL)
    {
      g_print ("\n");
      return TRUE;
    }
  if (!actor_from (store, "operator", text, &who, error))
    return FALSE;
  g_print ("%" G_GINT64_FORMAT " %s\n", who.actor.person, who.name);
  return TRUE;
}

/**
 * helder_cli_operator_config:
 * @action: "get", "set" or "unset"
 * @value: (nullable): the person, for "set"
 *
 * `helder config get|set|unset operator`.
 */
gboolean
helder_cli_operator_config (HelderInvocation *invocation,
                            const char *action,
                            const char *value,
                            GError **error)
{
  HelderStore *store = helder_context_get_store (invocation->context, error);

  if (store == NULL)
    return FALSE;
  if (g_str_equal (action, "set"))
    return operator_set (store, value, error);
  if (g_str_equal (action, "unset"))
    return operator_unset (store, error);
  return operator_get (store, error);
}
