/* helder-cli-actions.c — verbs that are more than a field change
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder commitment update|history`, `helder moment approve|cancel|
 * supersede|audience|send-now|reschedule`, `helder gate decide`, and the extra detail `show`
 * prints for these nouns. Each calls one workflow service.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-noun-private.h"
#include "cli/helder-cli-operator.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/delivery/helder-moment-warnings.h"
#include "services/views/helder-role-change-text.h"
#include "services/delivery/helder-overdue.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-reach.h"
#include "services/repo/helder-repo.h"

/* A choice as typed, in the user's language or in English, as its key;
 * one that names none stays as typed, for the service to refuse. */
static char *
typed_choice (const char *entity, const char *field, const char *text)
{
  char *key;

  if (text == NULL)
    return NULL;
  key = helder_field_choice_from_text (
    helder_entity_get_field (helder_entity_lookup (entity), field), text);
  return key != NULL ? key : g_strdup (text);
}

/* ---- commitments -------------------------------------------------------- */

/* The options of `commitment update` where they are not the fields of a
 * commitment: the update's author is --by. */
static const char *const commitment_update_options[] = {
  "status", "status", "note", "note", "evidence_url", "evidence", "author", "by", NULL,
};

static gboolean
commitment_update (HelderInvocation *inv,
                   const HelderEntity *entity,
                   int argc,
                   char **argv,
                   GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *status = NULL;
  g_autofree char *note = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *author = NULL;
  g_autofree char *message = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *statuses = helder_cli_choices_text (
    helder_entity_get_field (helder_entity_lookup ("commitment_update"), "status"));
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_ ("The new status"), statuses },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_ ("What happened (required for broken and withdrawn)"), N_ ("TEXT") },
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence,
      N_ ("An http:// or https:// link to what shows it (minutes, a decision)"), N_ ("URL") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &author,
      N_ ("Who records it (default: the operator, see `helder config set operator`)"),
      N_ ("NAME") },
    { NULL }
  };
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;

  if (!helder_cli_parse (
        inv, entries, _ ("ID"),
        N_ ("Append an update to a commitment. Updates are never changed or deleted."), &argc,
        &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  if (status == NULL && note == NULL)
    return helder_cli_usage_error (error, _ ("give --status, --note or both"));

  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  {
    g_autofree char *status_key = typed_choice ("commitment_update", "status", status);

    row = helder_commitment_record_evidence (store, &who.actor, key, status_key, note, evidence,
                                             author, error);
  }
  if (row == NULL)
    {
      helder_cli_error_name_options (error != NULL ? *error : NULL, entity,
                                     commitment_update_options);
      return FALSE;
    }
  message = g_strdup_printf (_ ("Recorded an update to commitment %s."), key);
  return noun_print_row (inv, entity, row, message);
}

static const char *
update_status (JsonObject *update)
{
  if (json_object_get_null_member (update, "status"))
    return "";
  return helder_cli_display_value (json_object_get_string_member (update, "status"));
}

static void
print_history (JsonArray *updates)
{
  glong width = 0;

  g_print ("\n%s\n", _ ("History:"));
  if (json_array_get_length (updates) == 0)
    g_print ("  %s\n", _ ("no updates yet"));
  for (guint i = 0; i < json_array_get_length (updates); i++)
    width =
      MAX (width, helder_cli_width (update_status (json_array_get_object_element (updates, i))));
  for (guint i = 0; i < json_array_get_length (updates); i++)
    {
      JsonObject *u = json_array_get_object_element (updates, i);
      g_autofree char *status = helder_cli_pad (update_status (u), width);
      const char *evidence = json_object_get_string_member_with_default (u, "evidence_url", "");

      g_print ("  %.10s  %s  %s — %s\n", json_object_get_string_member (u, "created_at"), status,
               json_object_get_string_member (u, "author"),
               json_object_get_string_member (u, "note"));
      if (evidence[0] != '\0')
        g_print ("  %*s  %s %s\n", (int) (10 + 2 + width), "", _ ("evidence:"), evidence);
    }
}

static gboolean
commitment_history (HelderInvocation *inv,
                    const HelderEntity *entity,
                    int argc,
                    char **argv,
                    GError **error)
{
  g_autofree char *key = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonArray) updates = NULL;
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, _ ("ID"),
                         N_ ("Show the updates of a commitment, oldest first."), &argc, &argv,
                         error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  store = helder_context_get_store (inv->context, error);
  if (store == NULL)
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  row = helder_repo_get (store, entity, key, error);
  if (row == NULL)
    return FALSE;
  updates = helder_commitment_history (store, key, error);
  if (updates == NULL)
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), updates);
      helder_cli_print_json (node);
    }
  else
    print_history (updates);
  return TRUE;
}

/* ---- moments ------------------------------------------------------------ */

static gboolean
moment_status (HelderInvocation *inv,
               const HelderEntity *entity,
               int argc,
               char **argv,
               const char *status,
               const char *summary,
               const char *done,
               GError **error)
{
  g_autofree char *key = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *message = NULL;
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, _ ("ID"), summary, &argc, &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  row = helder_moment_set_status (store, &who.actor, key, status, error);
  if (row == NULL)
    return FALSE;
  message = g_strdup_printf (done, key);
  return noun_print_row (inv, entity, row, message);
}

/* Prints @row with @message and the warnings about its time (also in
 * the JSON, as "warnings"). */
static gboolean
print_with_warnings (HelderInvocation *inv,
                     const HelderEntity *entity,
                     HelderStore *store,
                     JsonObject *row,
                     const char *message,
                     GError **error)
{
  g_autoptr (JsonArray) warnings = helder_moment_warnings_list (store, row, NULL, error);
  g_autofree char *lines = NULL;
  g_autofree char *text = NULL;

  if (warnings == NULL)
    return FALSE;
  json_object_set_array_member (row, "warnings", json_array_ref (warnings));
  lines = helder_moment_warnings_text (warnings);
  text = g_strconcat (message, lines[0] != '\0' ? "\n" : "", lines, NULL);
  g_strchomp (text);
  return noun_print_row (inv, entity, row, text);
}

static gboolean
moment_approve (HelderInvocation *inv,
                const HelderEntity *entity,
                int argc,
                char **argv,
                GError **error)
{
  g_autofree char *key = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *message = NULL;
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;

  if (
    !helder_cli_parse (
      inv, NULL, _ ("ID"),
      N_ (
        "Approve a draft moment; after this it can only be cancelled or superseded. Warns about a time in the past, at night, at the weekend, on a public holiday or after its phase."),
      &argc, &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  row = helder_moment_set_status (store, &who.actor, key, "approved", error);
  if (row == NULL)
    return FALSE;
  message = g_strdup_printf (_ ("Approved moment %s."), key);
  return print_with_warnings (inv, entity, store, row, message, error);
}

static gboolean
moment_send_now (HelderInvocation *inv,
                 const HelderEntity *entity,
                 int argc,
                 char **argv,
                 GError **error)
{
  g_autofree char *key = NULL;
  g_auto (HelderCliActor) who = { 0 };
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *message = NULL;
  HelderStore *store;

  if (
    !helder_cli_parse (
      inv, NULL, _ ("ID"),
      N_ (
        "Send an overdue moment anyway: the next round of `helder send` or `helder serve` sends it, once."),
      &argc, &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  row = helder_overdue_send_now (store, key, &who.actor, error);
  if (row == NULL)
    return FALSE;
  message = g_strdup_printf (
    _ (
      "Moment %s goes out with the next round (`helder send`, or `helder serve` within delivery.interval seconds); %s decided so."),
    key, json_object_get_string_member (row, "released_by"));
  return noun_print_row (inv, entity, row, message);
}

static gboolean
moment_reschedule (HelderInvocation *inv,
                   const HelderEntity *entity,
                   int argc,
                   char **argv,
                   GError **error)
{
  g_autofree char *key = NULL;
  g_auto (HelderCliActor) who = { 0 };
  g_autofree char *when = NULL;
  GOptionEntry entries[] = {
    { "scheduled-at", 0, 0, G_OPTION_ARG_STRING, &when,
      N_ ("The new time, e.g. 2026-12-07T10:00 (the programme's time zone)"), N_ ("TIME") },
    { NULL }
  };
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *message = NULL;
  g_autofree char *local = NULL;
  HelderStore *store;

  if (
    !helder_cli_parse (
      inv, entries, _ ("ID"),
      N_ (
        "Give an approved moment a new time, e.g. an overdue one; what it says and to whom stays as approved."),
      &argc, &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  if (when == NULL)
    return helder_cli_usage_error (error, _ ("--scheduled-at TIME is required"));
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  row = helder_overdue_reschedule (store, key, when, &who.actor, error);
  if (row == NULL)
    return FALSE;
  local = helder_overdue_format_local (json_object_get_string_member (row, "scheduled_at"));
  message = g_strdup_printf (_ ("Moment %s is now scheduled at %s."), key, local);
  return print_with_warnings (inv, entity, store, row, message, error);
}

static gboolean
moment_cancel (HelderInvocation *inv,
               const HelderEntity *entity,
               int argc,
               char **argv,
               GError **error)
{
  return moment_status (inv, entity, argc, argv, "cancelled",
                        N_ ("Cancel a draft or approved moment."), _ ("Cancelled moment %s."),
                        error);
}

static gboolean
moment_supersede (HelderInvocation *inv,
                  const HelderEntity *entity,
                  int argc,
                  char **argv,
                  GError **error)
{
  g_autofree char *key = NULL;
  g_autoptr (FieldOptions) opts = field_options_new (entity, FIELD_MODE_UPDATE);
  g_autoptr (JsonObject) changes = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *message = NULL;
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;

  if (
    !helder_cli_parse (
      inv, field_options_entries (opts), _ ("ID"),
      N_ (
        "Replace an approved moment by a new draft: the old one is cancelled, the new one says what it supersedes."),
      &argc, &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  /* The store first: times are read in its programme's time zone. */
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  changes = field_options_collect (opts, store, error);
  if (changes == NULL)
    return FALSE;
  json_object_remove_member (changes, "status");
  row = helder_moment_supersede (store, &who.actor, key, changes, error);
  if (row == NULL)
    return FALSE;
  message = g_strdup_printf (_ ("Moment %s is cancelled; draft %" PRId64
                                " supersedes it. Approve it with: helder moment approve %" PRId64),
                             key, json_object_get_int_member (row, "id"),
                             json_object_get_int_member (row, "id"));
  return noun_print_row (inv, entity, row, message);
}

static gboolean
moment_audience (HelderInvocation *inv,
                 const HelderEntity *entity,
                 int argc,
                 char **argv,
                 GError **error)
{
  g_autofree char *key = NULL;
  const HelderEntity *person = helder_entity_lookup ("person");
  g_autoptr (JsonObject) moment = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (JsonArray) people = json_array_new ();
  gboolean count_only = FALSE;
  GOptionEntry entries[] = { { "count", 0, 0, G_OPTION_ARG_NONE, &count_only,
                               N_ ("Only print how many people"), NULL },
                             { NULL } };
  HelderStore *store;

  if (
    !helder_cli_parse (
      inv, entries, _ ("ID"),
      N_ (
        "List the people a moment reaches: its groups, roles (now or future), persons and role-change statuses."),
      &argc, &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  store = helder_context_get_store (inv->context, error);
  if (store == NULL)
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  moment = helder_repo_get (store, entity, key, error);
  if (moment == NULL)
    return FALSE;
  ids = helder_audience_resolve (store, json_object_get_int_member (moment, "id"), error);
  if (ids == NULL)
    return FALSE;

  if (count_only)
    {
      if (inv->json)
        g_print ("{ \"count\" : %u }\n", ids->len);
      else
        g_print ("%u\n", ids->len);
      return TRUE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("%" PRId64, g_array_index (ids, gint64, i));
      JsonObject *row = helder_repo_get (store, person, key, error);
      if (row == NULL)
        return FALSE;
      json_array_add_object_element (people, row);
    }

  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), people);
      helder_cli_print_json (node);
      return TRUE;
    }
  /* A sent moment reached whom the outbox says (helder moment show):
   * its audience of today may hold people who joined later. */
  if (g_strcmp0 (json_object_get_string_member (moment, "status"), "sent") == 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Moment %s was sent; %u person is in its audience today (whom it "
                          "reached: helder moment show %s):\n",
                          "Moment %s was sent; %u people are in its audience today (whom it "
                          "reached: helder moment show %s):\n",
                          ids->len),
             key, ids->len, key);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Moment %s reaches %u person:\n",
                          "Moment %s reaches %u people:\n", ids->len),
             key, ids->len);
  g_print ("\n");
  noun_print_rows (store, person, people);
  return TRUE;
}

/* ---- gates -------------------------------------------------------------- */

/* The options of `gate decide` where they are not the gate's fields. */
static const char *const gate_decide_options[] = {
  "decided_by", "by", "override_note", "override", NULL,
};

static gboolean
gate_decide (HelderInvocation *inv,
             const HelderEntity *entity,
             int argc,
             char **argv,
             GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *decision = NULL;
  g_autofree char *rationale = NULL;
  g_autofree char *by = NULL;
  g_autofree char *override = NULL;
  g_autofree char *decisions =
    helder_cli_choices_text (helder_entity_get_field (entity, "decision"));
  g_autofree char *message = NULL;
  g_autoptr (JsonObject) row = NULL;
  GOptionEntry entries[] = {
    { "decision", 0, 0, G_OPTION_ARG_STRING, &decision, N_ ("The decision"), decisions },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_ ("Why (required)"), N_ ("TEXT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_ ("Who decided (required)"), N_ ("NAME") },
    { "override", 0, 0, G_OPTION_ARG_STRING, &override,
      N_ ("Required to decide go while criteria are not met: why that is acceptable"),
      N_ ("TEXT") },
    { NULL }
  };
  const HelderField *decision_field = helder_entity_get_field (entity, "decision");
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;

  if (!helder_cli_parse (
        inv, entries, _ ("GATE"),
        N_ (
          "Record a Go/No-Go decision. A draft moment to the affected groups is prepared with it."),
        &argc, &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  if (decision == NULL)
    return helder_cli_usage_error (error, _ ("--decision is required (go, nogo or postponed)"));
  {
    /* "go", "nogo" or as the user reads them. */
    g_autoptr (JsonNode) typed = helder_field_parse_text (decision_field, decision, error);

    if (typed == NULL || JSON_NODE_HOLDS_NULL (typed))
      {
        if (typed != NULL)
          return helder_cli_usage_error (error,
                                         _ ("--decision is required (go, nogo or postponed)"));
        return FALSE;
      }
    g_free (decision);
    decision = g_strdup (json_node_get_string (typed));
  }

  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  row = helder_gate_decide (store, &who.actor, key, decision, rationale, by, override, error);
  if (row == NULL)
    {
      helder_cli_error_name_options (error != NULL ? *error : NULL, entity, gate_decide_options);
      return FALSE;
    }
  message = g_strdup_printf (
    _ ("Recorded the decision on gate %s. Draft moment %" PRId64
       " tells the affected groups; review it and approve it with: helder moment approve %" PRId64),
    key, json_object_get_int_member (row, "drafted_moment"),
    json_object_get_int_member (row, "drafted_moment"));
  return noun_print_row (inv, entity, row, message);
}

/* ---- show details ------------------------------------------------------- */

static gboolean
add_children (HelderStore *store,
              const char *entity_name,
              const char *field,
              const char *key,
              JsonArray **out,
              GError **error)
{
  g_autoptr (GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  HelderQuery query = { .equals = equals };

  g_hash_table_insert (equals, (char *) field, (char *) key);
  *out = helder_repo_list (store, helder_entity_lookup (entity_name), &query, error);
  return *out != NULL;
}

gboolean
noun_show_details (HelderInvocation *inv,
                   HelderStore *store,
                   const HelderEntity *entity,
                   JsonObject *row,
                   GError **error)
{
  g_autofree char *key = helder_repo_key_text (entity, row);
  g_autoptr (JsonArray) children = NULL;
  g_autoptr (GArray) audience = NULL;
  g_autoptr (JsonObject) reach = NULL;

  if (g_str_equal (entity->name, "commitment"))
    {
      if (!add_children (store, "commitment_update", "commitment", key, &children, error))
        return FALSE;
      json_object_set_array_member (row, "updates", json_array_ref (children));
    }
  else if (g_str_equal (entity->name, "gate"))
    {
      if (!add_children (store, "criterion", "gate", key, &children, error))
        return FALSE;
      json_object_set_array_member (row, "criteria", json_array_ref (children));
    }
  else if (g_str_equal (entity->name, "moment"))
    {
      audience = helder_audience_resolve (store, json_object_get_int_member (row, "id"), error);
      if (audience == NULL)
        return FALSE;
      json_object_set_int_member (row, "audience_size", audience->len);
      reach = helder_reach_get (store, json_object_get_int_member (row, "id"), error);
      if (reach == NULL)
        return FALSE;
      json_object_set_object_member (row, "reach", json_object_ref (reach));
    }

  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), row);
      helder_cli_print_json (node);
      return TRUE;
    }

  helder_cli_print_record (store, entity, row);
  noun_print_warnings (entity, row);
  if (g_str_equal (entity->name, "commitment"))
    print_history (children);
  else if (g_str_equal (entity->name, "gate"))
    {
      g_print ("\n%s\n", _ ("Criteria:"));
      noun_print_rows (store, helder_entity_lookup ("criterion"), children);
    }
  else if (audience != NULL &&
           g_strcmp0 (json_object_get_string_member (row, "status"), "sent") == 0)
    {
      g_print ("\n");
      g_print (g_dngettext (
                 GETTEXT_PACKAGE, "In its audience today: %u person (helder moment audience %s).",
                 "In its audience today: %u people (helder moment audience %s).", audience->len),
               audience->len, key);
      g_print ("\n");
      helder_cli_reach_print (reach, "sent");
    }
  else if (audience != NULL)
    {
      g_print ("\n");
      g_print (g_dngettext (GETTEXT_PACKAGE, "Reaches %u person (helder moment audience %s).",
                            "Reaches %u people (helder moment audience %s).", audience->len),
               audience->len, key);
      g_print ("\n");
      helder_cli_reach_print (reach, json_object_get_string_member (row, "status"));
    }
  return TRUE;
}

/**
 * noun_print_warnings:
 *
 * After a row for people: what is odd about it (a role change whose text
 * contradicts its status), one "Warning:" line each.
 */
void
noun_print_warnings (const HelderEntity *entity, JsonObject *row)
{
  g_autoptr (JsonArray) warnings = NULL;

  if (!g_str_equal (entity->name, "role_change"))
    return;
  warnings = helder_role_change_text_warnings (row);
  if (json_array_get_length (warnings) > 0)
    g_print ("\n");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    g_print (_ ("Warning: %s\n"), json_object_get_string_member (
                                    json_array_get_object_element (warnings, i), "message"));
}

static const NounVerb commitment_verbs[] = {
  { "update", commitment_update, N_ ("append an update: new status and/or a note") },
  { "history", commitment_history, N_ ("show the updates of a commitment") },
};

static const NounVerb moment_verbs[] = {
  { "approve", moment_approve, N_ ("approve a draft moment") },
  { "cancel", moment_cancel, N_ ("cancel a moment") },
  { "supersede", moment_supersede, N_ ("replace an approved moment by a new draft") },
  { "audience", moment_audience, N_ ("list the people a moment reaches") },
  { "send-now", moment_send_now, N_ ("send an overdue moment anyway") },
  { "reschedule", moment_reschedule, N_ ("give an approved moment a new time") },
};

static const NounVerb gate_verbs[] = {
  { "decide", gate_decide, N_ ("record a Go/No-Go decision") },
};

const NounVerb *
noun_special_verbs (const HelderEntity *entity, guint *n_verbs)
{
  if (g_str_equal (entity->name, "commitment"))
    {
      *n_verbs = G_N_ELEMENTS (commitment_verbs);
      return commitment_verbs;
    }
  if (g_str_equal (entity->name, "moment"))
    {
      *n_verbs = G_N_ELEMENTS (moment_verbs);
      return moment_verbs;
    }
  if (g_str_equal (entity->name, "gate"))
    {
      *n_verbs = G_N_ELEMENTS (gate_verbs);
      return gate_verbs;
    }
  if (entity->owner == NULL && g_str_equal (entity->name, "person"))
    return noun_person_verbs (n_verbs);
  *n_verbs = 0;
  return NULL;
}
