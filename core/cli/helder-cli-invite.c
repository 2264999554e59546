/* helder-cli-invite.c — `helder invite`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invites a group, the holders of a role, or everyone: each person
 * without access gets a personal sign-in link by e-mail (through the
 * outbox; `helder send` or `helder serve` sends it). The report says who
 * was invited, who already had access or a link, and who has no address.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-operator.h"
#include "services/delivery/helder-invite.h"

#define INVITE_SUMMARY N_ ("Invite a group, a role or everyone who has no access yet")

static void
print_people (const char *heading, JsonArray *people, gboolean with_reason)
{
  guint n = json_array_get_length (people);

  g_print ("%s (%u)\n", heading, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);
      const char *email = json_object_get_string_member_with_default (p, "email", NULL);
      const char *reason = json_object_get_string_member_with_default (p, "reason", NULL);

      g_print ("  %s", json_object_get_string_member (p, "name"));
      if (email != NULL)
        g_print (" <%s>", email);
      if (with_reason && reason != NULL)
        g_print (" — %s", g_str_equal (reason, "access") ? _ ("has access")
                                                         : _ ("a sign-in link is waiting"));
      g_print ("\n");
    }
}

static void
print_report (JsonObject *report)
{
  JsonObject *counts = json_object_get_object_member (report, "counts");
  gint64 invited = json_object_get_int_member (counts, "invited");
  g_autofree char *until =
    helder_cli_local_time (json_object_get_string_member (report, "expires_at"));

  if (json_object_get_boolean_member (report, "dry_run"))
    g_print (
      g_dngettext (GETTEXT_PACKAGE, "Dry run: %d person would be invited; nothing was changed.\n",
                   "Dry run: %d people would be invited; nothing was changed.\n", (gulong) invited),
      (int) invited);
  else if (invited == 0)
    g_print ("%s\n", _ ("Nobody was invited: everyone selected already has access or a sign-in "
                        "link, or has no e-mail address."));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Invited %d person; the link works once, until %s.\n",
                          "Invited %d people; each link works once, until %s.\n", (gulong) invited),
             (int) invited, until);
  g_print ("\n");
  print_people (json_object_get_boolean_member (report, "dry_run") ? _ ("Would be invited")
                                                                   : _ ("Invited"),
                json_object_get_array_member (report, "invited"), FALSE);
  print_people (_ ("Already have access or a sign-in link"),
                json_object_get_array_member (report, "already"), TRUE);
  print_people (_ ("Cannot be invited: no e-mail address"),
                json_object_get_array_member (report, "no_address"), FALSE);
  if (invited > 0 && !json_object_get_boolean_member (report, "dry_run"))
    g_print ("\n%s\n",
             _ ("The invitations wait in the outbox: `helder send` or `helder serve` sends them."));
}

static gboolean
resolve_option (HelderStore *store,
                const char *entity,
                const char *option,
                char **value,
                GError **error)
{
  char *key = helder_cli_resolve_key (store, helder_entity_lookup (entity), *value, error);

  if (key == NULL)
    {
      g_prefix_error (error, "%s: ", option);
      return FALSE;
    }
  g_free (*value);
  *value = key;
  return TRUE;
}

static gboolean
invite_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *group = NULL;
  g_autofree char *role = NULL;
  gboolean all = FALSE, dry_run = FALSE;
  GOptionEntry entries[] = { { "group", 0, 0, G_OPTION_ARG_STRING, &group,
                               N_ ("Invite the members of this group"), N_ ("GROUP") },
                             { "role", 0, 0, G_OPTION_ARG_STRING, &role,
                               N_ ("Invite the holders of this role"), N_ ("ROLE") },
                             { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_ ("Invite everyone"), NULL },
                             { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
                               N_ ("Say who would be invited, change nothing"), NULL },
                             { NULL } };
  g_auto (HelderCliActor) who = { 0 };
  g_autoptr (JsonObject) report = NULL;
  g_autoptr (GError) local = NULL;
  HelderInviteSelector selector;
  HelderStore *store;
  int given;

  if (!helder_cli_parse (invocation, entries, NULL, _ (INVITE_SUMMARY), &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (
      error, _ ("unexpected argument “%s”: say --group, --role or --all"), argv[1]);
  given = (group != NULL) + (role != NULL) + (all != FALSE);
  if (given != 1)
    return helder_cli_usage_error (
      error, _ ("invite: give exactly one of --group GROUP, --role ROLE or --all"));

  store = helder_context_get_store (invocation->context, error);
  if (store == NULL)
    return FALSE;
  /* A group or role by its slug or a part of its name. */
  if (group != NULL && !resolve_option (store, "group", "--group", &group, error))
    return FALSE;
  if (role != NULL && !resolve_option (store, "role", "--role", &role, error))
    return FALSE;
  /* A dry run changes nothing and needs nobody to answer for it. */
  if (dry_run)
    helder_cli_actor_for_read (invocation, store, &who);
  else if (!helder_cli_actor_for_write (invocation, store, &who, error))
    return FALSE;
  selector = (HelderInviteSelector){ group, role, all };
  report = helder_invite_run (store, &selector, dry_run, &who.actor, &local);
  if (report == NULL)
    {
      const char *field = helder_error_get_field (local);

      /* "group: there is no …" names the option as typed. */
      if (field != NULL && (g_str_equal (field, "group") || g_str_equal (field, "role")))
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "--%s", local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (invocation->json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), report);

      helder_cli_print_json (node);
      return TRUE;
    }
  print_report (report);
  return TRUE;
}

void
helder_cli_invite_register (HelderContext *context)
{
  static const HelderCommand invite = { "invite", INVITE_SUMMARY, "core", NULL, invite_run, NULL };

  helder_context_add_command (context, &invite);
}
