/* inv-cli.c — `helder item add|update|delete` and the `item` command's verbs
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plugin's own `item` command: its verbs are a table. `add` and
 * `update` turn their options into a note of the register (or, with
 * --interview, of that interview) through inv_item_note(), so every value
 * is checked in one place and a wrong one is named with what was typed
 * before anything is written. Writes name their operator
 * (helder_cli_actor_for_write).
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "interviews-private.h"
#include "inv-private.h"

typedef struct
{
  char *domain, *version, *supplier, *owner, *type, *from, *to, *protocol, *scope, *direction,
    *subject, *ends_on, *notice, *description, *interview;
  char **key_users;
} ItemOptions;

static void
item_options_clear (ItemOptions *o)
{
  char **all = (char **) o;

  for (guint i = 0; i < 15; i++)
    g_clear_pointer (&all[i], g_free);
  g_clear_pointer (&o->key_users, g_strfreev);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItemOptions, item_options_clear)

#define ITEM_OPTION_ENTRIES(o)                                                                         \
  { "domain", 0, 0, G_OPTION_ARG_STRING, &o.domain, N_ ("Its domain"), N_ ("NAME") },                  \
    { "version", 0, 0, G_OPTION_ARG_STRING, &o.version, N_ ("Its version"), N_ ("TEXT") },             \
    { "supplier", 0, 0, G_OPTION_ARG_STRING, &o.supplier, N_ ("Its supplier (made if new)"),           \
      N_ ("NAME") },                                                                                   \
    { "owner", 0, 0, G_OPTION_ARG_STRING, &o.owner, N_ ("Its owner: a person"), N_ ("PERSON") },       \
    { "type", 0, 0, G_OPTION_ARG_STRING, &o.type, N_ ("A component’s type"), N_ ("TYPE") },            \
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_ ("A coupling’s source item"), N_ ("ITEM") },      \
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, N_ ("A coupling’s target item"), N_ ("ITEM") },          \
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &o.protocol, N_ ("A coupling’s protocol or kind"),        \
      N_ ("TEXT") },                                                                                   \
    { "scope",     0, 0, G_OPTION_ARG_STRING, &o.scope, N_ ("A coupling: internal or external"),       \
      N_ ("SCOPE") },                                                                                  \
    { "direction",                                                                                     \
      0,                                                                                               \
      0,                                                                                               \
      G_OPTION_ARG_STRING,                                                                             \
      &o.direction,                                                                                    \
      N_ ("A coupling: one-way or two-way"),                                                           \
      N_ ("DIRECTION") },                                                                              \
    { "subject", 0, 0, G_OPTION_ARG_STRING, &o.subject, N_ ("A contract’s subject"), N_ ("TEXT") },    \
    { "ends-on", 0, 0, G_OPTION_ARG_STRING, &o.ends_on, N_ ("The day a contract ends"), N_ ("DATE") }, \
    { "notice-months",                                                                                 \
      0,                                                                                               \
      0,                                                                                               \
      G_OPTION_ARG_STRING,                                                                             \
      &o.notice,                                                                                       \
      N_ ("A contract’s notice period in months"),                                                     \
      N_ ("N") },                                                                                      \
    { "description", 0, 0, G_OPTION_ARG_STRING, &o.description, N_ ("What it is"), N_ ("TEXT") },      \
    { "key-user",                                                                                      \
      0,                                                                                               \
      0,                                                                                               \
      G_OPTION_ARG_STRING_ARRAY,                                                                       \
      &o.key_users,                                                                                    \
      N_ ("A key user of an application (again for more)"),                                            \
      N_ ("PERSON") },                                                                                 \
  {                                                                                                    \
    "interview", 0, 0, G_OPTION_ARG_STRING, &o.interview,                                              \
      N_ ("Note it as what this interview said (default: the register)"), N_ ("ID")                    \
  }

static JsonObject *
options_to_fields (const ItemOptions *o)
{
  JsonObject *fields = json_object_new ();
  const struct
  {
    const char *field;
    const char *value;
  } pairs[] = {
    { "domain", o->domain },
    { "version", o->version },
    { "supplier", o->supplier },
    { "owner", o->owner },
    { "type", o->type },
    { "from", o->from },
    { "to", o->to },
    { "protocol", o->protocol },
    { "scope", o->scope },
    { "direction", o->direction },
    { "subject", o->subject },
    { "ends_on", o->ends_on },
    { "notice_months", o->notice },
    { "description", o->description },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (pairs[i].value != NULL)
      json_object_set_string_member (fields, pairs[i].field, pairs[i].value);
  if (o->key_users != NULL)
    {
      JsonArray *people = json_array_new ();

      for (guint i = 0; o->key_users[i] != NULL; i++)
        json_array_add_string_element (people, o->key_users[i]);
      json_object_set_array_member (fields, "key_users", people);
    }
  return fields;
}

/* An error about a field ("owner: …"), told with the option that gave it
 * ("--owner: …"). */
static gboolean
name_option (GError **error)
{
  const char *field;
  g_autofree char *option = NULL;
  g_autofree char *prefix = NULL;

  static const char *const positional[] = { "name", "kind", "item", "interview", NULL };

  if (error == NULL || *error == NULL || (field = helder_error_get_field (*error)) == NULL ||
      g_strv_contains (positional, field))
    return FALSE;
  prefix = g_strdup_printf ("%s:", field);
  if (!g_str_has_prefix ((*error)->message, prefix))
    return FALSE;
  option =
    g_strdelimit (g_strdup (g_str_equal (field, "key_users") ? "key_user" : field), "_", '-');
  {
    g_autofree char *rest = g_strdup ((*error)->message + strlen (field));

    g_free ((*error)->message);
    (*error)->message = g_strdup_printf ("--%s%s", option, rest);
  }
  return FALSE;
}

static gint64
parse_interview (const char *text, GError **error)
{
  guint64 id;

  if (text == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return (
      helder_cli_usage_error (error, _ ("--interview: “%s” is not an interview’s number"), text),
      -1);
  return (gint64) id;
}

static gboolean
print_item (HelderInvocation *inv,
            HelderStore *store,
            gint64 id,
            const char *format,
            GError **error)
{
  g_autoptr (JsonObject) item = inv_item_get (store, id, error);

  if (item == NULL)
    return FALSE;
  if (inv->json)
    inv_cli_print_object (item);
  else
    g_print (format, inv_kind_label (json_object_get_string_member (item, "kind")),
             json_object_get_string_member (item, "name"), id);
  return TRUE;
}

static gboolean
cli_add (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (ItemOptions) o = { 0 };
  GOptionEntry entries[] = { ITEM_OPTION_ENTRIES (o), { NULL } };
  g_auto (HelderCliActor) actor = { 0 };
  g_autoptr (JsonObject) fields = NULL;
  HelderStore *store;
  const char *kind;
  gint64 interview, id = 0;
  gboolean created = FALSE, changed = FALSE;

  if (!helder_cli_parse (inv, entries, N_ ("KIND NAME"),
                         N_ ("Note an item in the register (or found again: what it says now)."),
                         &argc, &argv, error))
    return FALSE;
  if (argc < 2)
    return helder_cli_usage_error (
      error, _ ("which kind? component, application, coupling, supplier, contract or process"));
  if ((kind = inv_kind_parse (argv[1])) == NULL)
    return helder_cli_usage_error (error,
                                   _ ("KIND: “%s” is not component, application, coupling, "
                                      "supplier, contract or process"),
                                   argv[1]);
  if (argc < 3 && !g_str_equal (kind, "coupling"))
    return helder_cli_usage_error (error, _ ("NAME: give the item’s name"));
  if (argc > 3)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[3]);
  if ((interview = parse_interview (o.interview, error)) < 0 ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  fields = options_to_fields (&o);
  if (!inv_item_note_full (store, &actor.actor, interview, "helder item add", kind,
                           argc > 2 ? argv[2] : NULL, fields, &id, &created, &changed, error))
    return name_option (error);
  return print_item (inv, store, id,
                     created ? _ ("Added %s “%s” (%" PRId64 ").\n")
                     : changed
                       ? _ ("The %s “%s” (%" PRId64 ") was known; what it says is noted.\n")
                       : _ ("The %s “%s” (%" PRId64 ") already says this; nothing changed.\n"),
                     error);
}

static gint64
one_item (HelderStore *store, int argc, char **argv, GError **error)
{
  if (argc < 2)
    return (helder_cli_usage_error (error, _ ("which item? Give its number, NAME or KIND:NAME")),
            0);
  if (argc > 2)
    return (helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]), 0);
  return inv_item_resolve (store, argv[1], error);
}

static gboolean
cli_update (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (ItemOptions) o = { 0 };
  GOptionEntry entries[] = { ITEM_OPTION_ENTRIES (o), { NULL } };
  g_auto (HelderCliActor) actor = { 0 };
  g_autoptr (JsonObject) fields = NULL;
  g_autoptr (JsonObject) item = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  HelderStore *store;
  const char *kind;
  gint64 interview, id;
  gboolean changed = FALSE;

  if (!helder_cli_parse (inv, entries, N_ ("ITEM"),
                         N_ ("Change what the register says about an item (its claims decide)."),
                         &argc, &argv, error) ||
      (interview = parse_interview (o.interview, error)) < 0 ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = one_item (store, argc, argv, error)) == 0 ||
      (item = inv_item_get (store, id, error)) == NULL)
    return FALSE;
  fields = options_to_fields (&o);
  kind = json_object_get_string_member (item, "kind");
  if (json_object_get_size (fields) == 0)
    return helder_cli_usage_error (error, _ ("nothing to change: give at least one option"));
  if (g_str_equal (kind, "coupling"))
    {
      if (o.from != NULL || o.to != NULL || o.protocol != NULL)
        return helder_cli_usage_error (
          error, _ ("--from, --to and --protocol make a coupling what it is; add a new one"));
      from = g_strdup_printf ("%" PRId64, json_object_get_int_member (
                                            json_object_get_object_member (item, "from"), "id"));
      to = g_strdup_printf (
        "%" PRId64, json_object_get_int_member (json_object_get_object_member (item, "to"), "id"));
      json_object_set_string_member (fields, "from", from);
      json_object_set_string_member (fields, "to", to);
      json_object_set_string_member (fields, "protocol",
                                     json_object_get_string_member (item, "protocol"));
    }
  if (!helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  if (!inv_item_note_full (store, &actor.actor, interview, "helder item update", kind,
                           json_object_get_string_member (item, "name"), fields, &id, NULL,
                           &changed, error))
    return name_option (error);
  return print_item (inv, store, id,
                     changed
                       ? _ ("The %s “%s” (%" PRId64 ") changed.\n")
                       : _ ("The %s “%s” (%" PRId64 ") already says this; nothing changed.\n"),
                     error);
}

static gboolean
cli_delete (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_auto (HelderCliActor) actor = { 0 };
  g_autofree char *name = NULL;
  HelderStore *store;
  gint64 id;

  if (!helder_cli_parse (inv, NULL, N_ ("ITEM"),
                         N_ ("Take an item out of the register, with its couplings."), &argc, &argv,
                         error) ||
      (store = helder_context_get_store (inv->context, error)) == NULL ||
      (id = one_item (store, argc, argv, error)) == 0 ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  name = inv_item_name (store, id);
  if (!inv_item_delete (store, &actor.actor, id, error))
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonObject) out = json_object_new ();

      json_object_set_int_member (out, "deleted", id);
      inv_cli_print_object (out);
    }
  else
    g_print (_ ("Deleted “%s” (%" PRId64 ").\n"), name, id);
  return TRUE;
}

void
inv_cli_print_object (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  helder_cli_print_json (node);
}

static const HelderCliVerb verbs[] = {
  { "add", cli_add,
    N_ ("Note an item: component, application, coupling, supplier, contract, process") },
  { "update", cli_update, N_ ("Change what the register says about an item") },
  { "show", inv_cli_show,
    N_ ("Show an item: its fields, sources, conflicts, readiness, couplings") },
  { "list", inv_cli_list, N_ ("List the register, with filters") },
  { "completeness", inv_cli_completeness,
    N_ ("Which items lack an owner, a supplier, a version …") },
  { "import", inv_cli_import, N_ ("Import one kind of item from a CSV file") },
  { "export", inv_cli_export, N_ ("Export one kind of item as CSV") },
  { "delete", cli_delete, N_ ("Take an item out of the register, with its couplings") },
};

gboolean
inv_cli_item (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  return helder_cli_run_verb (inv, argc, argv, N_ ("Usage: helder item VERB [OPTION…]"), verbs,
                              G_N_ELEMENTS (verbs), GETTEXT_PACKAGE, error);
}

static const HelderCommand item_cmd = {
  .name = "item",
  .summary = N_ ("The inventory: add, update, show, list, completeness, import, export, delete"),
  .owner = INTERVIEWS_COMPONENT,
  .func = inv_cli_item,
};

static const HelderCommand readiness_cmd = {
  .name = "readiness",
  .summary = N_ ("Readiness of components for the move: set, show"),
  .owner = INTERVIEWS_COMPONENT,
  .func = inv_cli_readiness,
};

void
inv_cli_register (HelderContext *context)
{
  helder_context_add_command (context, &item_cmd);
  helder_context_add_command (context, &readiness_cmd);
}
