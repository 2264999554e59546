/* helder-cli-noun.c — `helder NOUN list|show|add|update|delete …` for every entity
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The options of each verb come from the entity's fields (due_on becomes
 * --due-on), so a new field appears on the command line without code here.
 * Verbs that are more than a field change (approving a moment, deciding a
 * gate, recording a commitment update) call the workflow services.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-gate-measure.h"
#include "cli/helder-cli-noun-private.h"
#include "cli/helder-cli-operator.h"
#include "services/repo/helder-people.h"
#include "services/repo/helder-repo-audited.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/views/helder-audience.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-resolve.h"

typedef struct
{
  const char *noun;
  const char *entity;
  const char *summary;
} Noun;

static const Noun nouns[] = {
  { "programme", "programme", N_ ("Show or update the programme") },
  { "phase", "phase", N_ ("Manage the phases of the programme") },
  { "group", "group", N_ ("Manage the stakeholder groups") },
  { "person", "person", N_ ("Manage the people affected") },
  { "role", "role", N_ ("Manage roles and their fate") },
  { "role-change", "role_change", N_ ("Manage each person’s role change") },
  { "commitment", "commitment", N_ ("Record promises and their updates") },
  { "moment", "moment", N_ ("Plan, approve, cancel and supersede communication moments") },
  { "slot", "moment_slot",
    N_ (
      "Give each person of a meeting of personal conversations their own time and whom they meet") },
  { "gate", "gate", N_ ("Manage Go/No-Go gates and record decisions") },
  { "criterion", "criterion", N_ ("Manage the criteria of gates") },
  { "placement", "placement", N_ ("Record who is intended for which new role (HR)") },
};

/* ---- options generated from fields -------------------------------------- */

struct _FieldOptions
{
  const HelderEntity *entity;
  GArray *entries;   /* GOptionEntry, NULL-terminated when used */
  GPtrArray *fields; /* const HelderField*, parallel to values */
  char **values;
  GPtrArray *strings; /* option names and descriptions we own */
};

void
field_options_free (FieldOptions *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    g_free (self->values[i]);
  g_free (self->values);
  g_array_unref (self->entries);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->strings);
  g_free (self);
}

static const char *
own (FieldOptions *self, char *s)
{
  g_ptr_array_add (self->strings, s);
  return s;
}

/* What a reference option takes: "ID|E-MAIL|NAME", "KEY|NAME", "ID". */
static const char *
ref_description (const HelderField *field)
{
  const HelderEntity *target = helder_entity_lookup (field->ref);
  gboolean named = target != NULL && helder_resolve_name_field (target) != NULL;
  gboolean many = field->type == HELDER_FIELD_REFS;

  if (g_strcmp0 (field->ref, "person") == 0)
    return many ? _ ("ID|E-MAIL|NAME,…") : _ ("ID|E-MAIL|NAME");
  if (named)
    return many ? _ ("KEY|NAME,…") : _ ("KEY|NAME");
  return many ? _ ("KEY,…") : _ ("KEY");
}

static char *
arg_description (const HelderField *field)
{
  switch (field->type)
    {
    case HELDER_FIELD_ENUM:
      return helder_cli_choices_text (field);
    case HELDER_FIELD_ENUMS:
      {
        g_autofree char *one = helder_cli_choices_text (field);
        return g_strdup_printf ("%s,…", one);
      }
    case HELDER_FIELD_DATE:
      return g_strdup (_ ("YYYY-MM-DD"));
    case HELDER_FIELD_DATETIME:
      return g_strdup (_ ("“YYYY-MM-DD HH:MM”"));
    case HELDER_FIELD_INT:
    case HELDER_FIELD_REAL:
      return g_strdup (_ ("NUMBER"));
    case HELDER_FIELD_REF:
    case HELDER_FIELD_REFS:
      return g_strdup (ref_description (field));
    default:
      return g_strdup (_ ("TEXT"));
    }
}

static gboolean
field_wanted (const HelderField *field, FieldMode mode)
{
  switch (mode)
    {
    case FIELD_MODE_ADD:
      return !(field->flags & (HELDER_FIELD_SYSTEM | HELDER_FIELD_AUTO));
    case FIELD_MODE_UPDATE:
      return !(field->flags &
               (HELDER_FIELD_SYSTEM | HELDER_FIELD_AUTO | HELDER_FIELD_KEY | HELDER_FIELD_FIXED));
    case FIELD_MODE_FILTER:
      return field->type != HELDER_FIELD_MARKDOWN && field->type != HELDER_FIELD_DATETIME &&
             !(field->flags & HELDER_FIELD_KEY) && !g_str_equal (field->name, "created_at") &&
             !g_str_equal (field->name, "updated_at");
    default:
      return FALSE;
    }
}

FieldOptions *
field_options_new (const HelderEntity *entity, FieldMode mode)
{
  FieldOptions *self = g_new0 (FieldOptions, 1);

  self->entity = entity;
  self->entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  self->fields = g_ptr_array_new ();
  self->strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entity->n_fields; i++)
    if (field_wanted (&entity->fields[i], mode))
      g_ptr_array_add (self->fields, (gpointer) &entity->fields[i]);

  self->values = g_new0 (char *, self->fields->len + 1);
  for (guint i = 0; i < self->fields->len; i++)
    {
      const HelderField *field = g_ptr_array_index (self->fields, i);
      char *name = g_strdup (field->name);
      GOptionEntry entry = { 0 };

      g_strdelimit (name, "_", '-');
      entry.long_name = own (self, name);
      entry.arg = G_OPTION_ARG_STRING;
      entry.arg_data = &self->values[i];
      entry.description = field->label;
      entry.arg_description = own (self, arg_description (field));
      g_array_append_val (self->entries, entry);
    }
  return self;
}

GOptionEntry *
field_options_entries (FieldOptions *self)
{
  return (GOptionEntry *) self->entries->data;
}

/* Adds an extra option (e.g. --limit) before parsing. */
void
field_options_add (FieldOptions *self, GOptionEntry *entry)
{
  g_array_append_vals (self->entries, entry, 1);
}

/* The typed options as a JSON object of field values; references name
 * their rows by key (helder_resolve()). Errors name the field; run_noun()
 * names the option. */
JsonObject *
field_options_collect (FieldOptions *self, HelderStore *store, GError **error)
{
  g_autoptr (JsonObject) values = json_object_new ();

  for (guint i = 0; i < self->fields->len; i++)
    {
      const HelderField *field = g_ptr_array_index (self->fields, i);
      JsonNode *node;

      if (self->values[i] == NULL)
        continue;
      node = helder_field_parse_text (field, self->values[i], error);
      if (node != NULL && (field->type == HELDER_FIELD_REF || field->type == HELDER_FIELD_REFS))
        node = noun_resolve_refs (store, field, node, error);
      if (node == NULL)
        return NULL;
      json_object_set_member (values, field->name, node);
    }
  return g_steal_pointer (&values);
}

GHashTable *
field_options_filters (FieldOptions *self)
{
  GHashTable *equals = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->fields->len; i++)
    if (self->values[i] != NULL)
      g_hash_table_insert (
        equals, (char *) ((const HelderField *) g_ptr_array_index (self->fields, i))->name,
        self->values[i]);
  return equals;
}

/* ---- rendering ---------------------------------------------------------- */

char *
noun_cell (const HelderField *field, JsonObject *row)
{
  JsonNode *value = json_object_get_member (row, field->name);
  g_autofree char *text = NULL;

  if (g_str_equal (field->name, "status") && json_object_has_member (row, "effective_status"))
    value = json_object_get_member (row, "effective_status");
  text = helder_field_format (field, value);
  if (field->type == HELDER_FIELD_DATETIME)
    return helder_cli_local_time (text);
  if (field->type == HELDER_FIELD_ENUM || field->type == HELDER_FIELD_ENUMS)
    {
      g_auto (GStrv) parts = g_strsplit (text, ", ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *shown = g_strdup (helder_field_choice_label (field, parts[i]));
          g_free (parts[i]);
          parts[i] = shown;
        }
      return g_strjoinv (", ", parts);
    }
  return g_steal_pointer (&text);
}

/* Names of people by id, for tables that refer to people. */
static GHashTable *
person_names (HelderStore *store)
{
  GHashTable *names = store != NULL ? helder_people_names (store, NULL) : NULL;

  return names != NULL ? names
                       : g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/**
 * noun_print_rows:
 * @store: (nullable): when given, references to people show their names
 */
void
noun_print_rows (HelderStore *store, const HelderEntity *entity, JsonArray *rows)
{
  g_autoptr (GPtrArray) headers = g_ptr_array_new ();
  g_autoptr (GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) columns = g_ptr_array_new ();
  g_autoptr (GHashTable) names = NULL;

  if (json_array_get_length (rows) == 0)
    {
      g_print ("%s\n", _ ("Nothing found."));
      return;
    }

  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].flags & HELDER_FIELD_LIST)
      {
        g_ptr_array_add (columns, (gpointer) &entity->fields[i]);
        g_ptr_array_add (headers, (gpointer) helder_field_get_label (&entity->fields[i]));
        if (entity->fields[i].type == HELDER_FIELD_REF && names == NULL &&
            g_strcmp0 (entity->fields[i].ref, "person") == 0)
          names = person_names (store);
      }
  g_ptr_array_add (headers, NULL);

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonObject *row = json_array_get_object_element (rows, r);
      char **cells = g_new0 (char *, columns->len + 1);

      for (guint c = 0; c < columns->len; c++)
        {
          const HelderField *field = g_ptr_array_index (columns, c);
          JsonNode *value = json_object_get_member (row, field->name);
          const char *name = NULL;

          if (names != NULL && field->type == HELDER_FIELD_REF &&
              g_strcmp0 (field->ref, "person") == 0 && value != NULL &&
              JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
            {
              gint64 id = json_node_get_int (value);
              name = g_hash_table_lookup (names, &id);
            }
          if (name != NULL)
            cells[c] = g_strdup_printf ("%" G_GINT64_FORMAT " %s", json_node_get_int (value), name);
          else
            cells[c] = noun_cell (field, row);
        }
      g_ptr_array_add (table, cells);
    }
  helder_cli_print_table ((const char *const *) headers->pdata, table);
}

/* ---- the generic verbs -------------------------------------------------- */

gboolean
noun_expect_key (int argc, char **argv, const char *what, GError **error)
{
  if (argc < 2)
    return helder_cli_usage_error (error, _ ("say which %s (its key or id)"), what);
  if (argc > 2)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]);
  return TRUE;
}

static gboolean
verb_list (HelderInvocation *inv, const HelderEntity *entity, int argc, char **argv, GError **error)
{
  g_autoptr (FieldOptions) opts = field_options_new (entity, FIELD_MODE_FILTER);
  g_autoptr (GHashTable) typed = NULL;
  g_autoptr (GHashTable) equals = NULL;
  g_autoptr (JsonArray) rows = NULL;
  g_autofree char *name_part = NULL;
  int limit = 0, offset = 0;
  GOptionEntry paging[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_ ("Show at most N rows"), N_ ("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_ ("Skip the first N rows"), N_ ("N") },
  };
  HelderStore *store;
  HelderQuery query = { 0 };

  field_options_add (opts, &paging[0]);
  field_options_add (opts, &paging[1]);
  if (!helder_cli_parse (
        inv, field_options_entries (opts), NULL,
        N_ ("List rows, optionally only those whose fields have the given values."), &argc, &argv,
        error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (limit < 0 || offset < 0)
    return helder_cli_usage_error (error, _ ("--limit and --offset cannot be negative"));

  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_gate_measure_refresh (inv, store, entity, error))
    return FALSE;

  /* Rows and choices as typed; a name matches by a part of it, as
   * everywhere a row is asked for. */
  typed = field_options_filters (opts);
  equals = noun_filters_resolve (store, entity, typed, &name_part, error);
  if (equals == NULL)
    return FALSE;
  query.equals = equals;
  query.limit = name_part == NULL ? (guint) limit : 0;
  query.offset = name_part == NULL ? (guint) offset : 0;
  rows = helder_repo_list (store, entity, &query, error);
  if (rows == NULL)
    return FALSE;
  if (name_part != NULL)
    {
      JsonArray *named = noun_rows_named (entity, rows, name_part, (guint) offset, (guint) limit);

      json_array_unref (rows);
      rows = named;
    }

  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), rows);
      helder_cli_print_json (node);
    }
  else
    noun_print_rows (store, entity, rows);
  return TRUE;
}

static gboolean
verb_show (HelderInvocation *inv, const HelderEntity *entity, int argc, char **argv, GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *key = NULL;
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, entity->singleton ? NULL : _ ("KEY"), NULL, &argc, &argv,
                         error))
    return FALSE;
  if (!entity->singleton && !noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;

  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_gate_measure_refresh (inv, store, entity, error))
    return FALSE;
  if (!entity->singleton && (key = helder_cli_resolve_key (store, entity, argv[1], error)) == NULL)
    return FALSE;
  row = helder_repo_get (store, entity, key, error);
  if (row == NULL)
    return FALSE;
  return noun_show_details (inv, store, entity, row, error);
}

/* Prints a written row: JSON as is, or @message then the row for people. */
gboolean
noun_print_row (HelderInvocation *inv,
                const HelderEntity *entity,
                JsonObject *row,
                const char *message)
{
  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), row);
      helder_cli_print_json (node);
    }
  else
    {
      g_print ("%s\n\n", message);
      helder_cli_print_record (helder_context_get_store (inv->context, NULL), entity, row);
      noun_print_warnings (entity, row);
    }
  return TRUE;
}

static gboolean
print_changed (HelderInvocation *inv,
               const HelderEntity *entity,
               JsonObject *row,
               const char *format)
{
  /* The one programme has no key to speak of: name it instead. */
  g_autofree char *key = entity->singleton && json_object_has_member (row, "name")
                           ? g_strdup_printf ("“%s”", json_object_get_string_member (row, "name"))
                           : helder_repo_key_text (entity, row);
  g_autofree char *message = g_strdup_printf (format, helder_entity_get_label (entity), key);

  return noun_print_row (inv, entity, row, message);
}

static gboolean
verb_add (HelderInvocation *inv, const HelderEntity *entity, int argc, char **argv, GError **error)
{
  g_autoptr (FieldOptions) opts = field_options_new (entity, FIELD_MODE_ADD);
  g_autoptr (JsonObject) values = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;

  if (!helder_cli_parse (inv, field_options_entries (opts), NULL,
                         N_ ("Add a row; the options are its fields."), &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (
      error, _ ("unexpected argument “%s” (values are given as --field VALUE)"), argv[1]);

  /* The store first: times are read in its programme's time zone. */
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  values = field_options_collect (opts, store, error);
  if (values == NULL || !helder_cli_gate_measure_check (inv, store, entity, values, error))
    return FALSE;
  row = helder_repo_create_as (store, &who.actor, entity, values, NULL, error);
  if (row == NULL)
    return FALSE;
  return print_changed (inv, entity, row, _ ("Added %s %s."));
}

static gboolean
verb_update (HelderInvocation *inv,
             const HelderEntity *entity,
             int argc,
             char **argv,
             GError **error)
{
  g_autoptr (FieldOptions) opts = field_options_new (entity, FIELD_MODE_UPDATE);
  g_autoptr (JsonObject) changes = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *key = NULL;
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;

  if (!helder_cli_parse (inv, field_options_entries (opts), entity->singleton ? NULL : _ ("KEY"),
                         N_ ("Change fields of a row; fields not given stay as they are."), &argc,
                         &argv, error))
    return FALSE;
  if (!entity->singleton && !noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;

  /* The store first: times are read in its programme's time zone. */
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  if (!entity->singleton && (key = helder_cli_resolve_key (store, entity, argv[1], error)) == NULL)
    return FALSE;
  changes = field_options_collect (opts, store, error);
  if (changes == NULL)
    return FALSE;
  if (json_object_get_size (changes) == 0)
    return helder_cli_usage_error (error,
                                   _ ("nothing to change: give one or more fields, see --help"));
  row = helder_repo_update_as (store, &who.actor, entity, entity->singleton ? "1" : key, changes,
                               NULL, error);
  if (row == NULL)
    return FALSE;
  return print_changed (inv, entity, row, _ ("Updated %s %s."));
}

static gboolean
verb_delete (HelderInvocation *inv,
             const HelderEntity *entity,
             int argc,
             char **argv,
             GError **error)
{
  g_autofree char *key = NULL;
  g_auto (HelderCliActor) who = { 0 };
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, _ ("KEY"), N_ ("Delete a row that nothing refers to."), &argc,
                         &argv, error))
    return FALSE;
  if (!noun_expect_key (argc, argv, helder_entity_get_label (entity), error))
    return FALSE;
  store = helder_context_get_store (inv->context, error);
  if (store == NULL || !helder_cli_actor_for_write (inv, store, &who, error))
    return FALSE;
  key = helder_cli_resolve_key (store, entity, argv[1], error);
  if (key == NULL)
    return FALSE;
  if (!helder_repo_delete_as (store, &who.actor, entity, key, error))
    return FALSE;
  if (inv->json)
    g_print ("{ \"deleted\" : true }\n");
  else
    {
      g_print (_ ("Deleted %s %s."), helder_entity_get_label (entity), key);
      g_print ("\n");
    }
  return TRUE;
}

static const NounVerb generic_verbs[] = {
  { "list", verb_list, N_ ("list rows, filtered by --FIELD VALUE") },
  { "show", verb_show, N_ ("show one row") },
  { "add", verb_add, N_ ("add a row") },
  { "update", verb_update, N_ ("change fields of a row") },
  { "delete", verb_delete, N_ ("delete a row nothing refers to") },
};

static const NounVerb *
find_verb (const NounVerb *verbs, guint n, const char *name)
{
  for (guint i = 0; i < n; i++)
    if (verbs[i].name != NULL && g_str_equal (verbs[i].name, name))
      return &verbs[i];
  return NULL;
}

static gboolean
verb_allowed (const HelderEntity *entity, const char *verb)
{
  if (entity->singleton)
    return g_str_equal (verb, "show") || g_str_equal (verb, "update");
  if (!entity->deletable && g_str_equal (verb, "delete"))
    return FALSE;
  return TRUE;
}

static void
verbs_text (GString *out, const HelderEntity *entity, const NounVerb *special, guint n_special)
{
  for (guint i = 0; i < n_special; i++)
    g_string_append_printf (out, "  %-10s %s\n", special[i].name, _ (special[i].summary));
  for (guint i = 0; i < G_N_ELEMENTS (generic_verbs); i++)
    if (verb_allowed (entity, generic_verbs[i].name) &&
        find_verb (special, n_special, generic_verbs[i].name) == NULL)
      g_string_append_printf (out, "  %-10s %s\n", generic_verbs[i].name,
                              _ (generic_verbs[i].summary));
}

/* `helder NOUN VERB …` for @entity, typed as @noun; @summary is the
 * translated line that --help shows under the usage. */
static gboolean
run_noun (HelderInvocation *inv,
          const char *noun,
          const HelderEntity *entity,
          const char *summary,
          int argc,
          char **argv,
          GError **error)
{
  const NounVerb *special;
  const NounVerb *verb;
  guint n_special;
  g_autofree char *command = NULL;

  special = noun_special_verbs (entity, &n_special);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_autoptr (GString) text = g_string_new (NULL);
      gboolean asked = argc >= 2;

      g_string_append_printf (text, "%s\n  helder %s %s\n\n%s\n\n%s\n", _ ("Usage:"), noun,
                              _ ("VERB [OPTIONS…]"), summary, _ ("Verbs:"));
      verbs_text (text, entity, special, n_special);
      g_string_append_printf (text, "\n%s\n",
                              _ ("Run “helder NOUN VERB --help” for the options of a verb."));
      if (asked)
        {
          g_print ("%s", text->str);
          return TRUE;
        }
      g_printerr ("%s", text->str);
      return helder_cli_usage_error (error, _ ("say what to do with the %s"),
                                     helder_entity_get_label (entity));
    }

  verb = find_verb (special, n_special, argv[1]);
  if (verb == NULL && verb_allowed (entity, argv[1]))
    verb = find_verb (generic_verbs, G_N_ELEMENTS (generic_verbs), argv[1]);
  if (verb == NULL)
    {
      if (!entity->deletable && g_str_equal (argv[1], "delete"))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                       _ ("a %s is never deleted: it stays part of the record"),
                       helder_entity_get_label (entity));
          return FALSE;
        }
      return helder_cli_usage_error (error, _ ("unknown verb “%s”; run “helder %s --help”"),
                                     argv[1], noun);
    }

  command = g_strdup_printf ("%s %s", noun, verb->name);
  inv->command = command;
  if (verb->func (inv, entity, argc - 1, argv + 1, error))
    return TRUE;
  /* "made_on" is --made-on on the command line. */
  helder_cli_error_name_options (error != NULL ? *error : NULL, entity, NULL);
  return FALSE;
}

static gboolean
noun_run (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  const Noun *noun = inv->user_data;

  return run_noun (inv, noun->noun, helder_entity_lookup (noun->entity), _ (noun->summary), argc,
                   argv, error);
}

/* A plugin's noun: the command is its name with - for _, and its help
 * speaks the plugin's gettext domain (helder_entity_get_label()). */
static char *
plugin_noun_summary (const HelderEntity *entity)
{
  return g_strdup_printf (_ ("Manage the rows of “%s” (from the plugin %s)"),
                          helder_entity_get_label (entity), entity->owner);
}

static gboolean
plugin_noun_run (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  const HelderEntity *entity = inv->user_data;
  g_autofree char *noun = g_strdup (inv->command);
  g_autofree char *summary = plugin_noun_summary (entity);

  return run_noun (inv, noun, entity, summary, argc, argv, error);
}

void
helder_cli_noun_register (HelderContext *context)
{
  for (guint i = 0; i < G_N_ELEMENTS (nouns); i++)
    {
      HelderCommand command = {
        .name = nouns[i].noun,
        .summary = nouns[i].summary,
        .owner = "core",
        .func = noun_run,
        .user_data = (gpointer) &nouns[i],
      };
      helder_context_add_command (context, &command);
    }
}

/**
 * helder_cli_noun_register_plugins:
 *
 * Gives every noun a loaded plugin registered its `helder NOUN list|show|
 * add|update|delete`, as core's nouns have. Called once the engine has
 * loaded the plugins; each command is the plugin's, so it goes when the
 * plugin unloads.
 */
void
helder_cli_noun_register_plugins (HelderContext *context)
{
  const HelderEntity *const *entities;
  g_autofree char *previous = g_strdup (helder_context_get_owner (context));
  guint n = 0;

  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    {
      const HelderEntity *entity = entities[i];
      g_autofree char *name = NULL;
      g_autofree char *summary = NULL;
      HelderCommand command = { 0 };

      if (entity->owner == NULL)
        continue;
      name = g_strdelimit (g_strdup (entity->name), "_", '-');
      if (helder_context_lookup_command (context, name) != NULL)
        continue;
      summary = plugin_noun_summary (entity);
      command.name = name;
      command.summary = summary;
      command.owner = entity->owner;
      command.gettext_domain = entity->domain;
      command.func = plugin_noun_run;
      command.user_data = (gpointer) entity;
      helder_context_set_owner (context, entity->owner);
      helder_context_add_command (context, &command);
    }
  helder_context_set_owner (context, previous);
}
