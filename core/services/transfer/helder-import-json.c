/* helder-import-json.c — restore a whole programme from a Helder export
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is checked member by member against the entity descriptors
 * and written in one transaction into an empty database, entity by entity
 * in dependency order, so that a bad document changes nothing. Every message
 * names the JSON path of what is wrong, e.g.
 * `people[12].groups[1]: unknown group “beheerr”`.
 */
#define G_LOG_DOMAIN "helder-import"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/transfer/helder-export.h"
#include "services/transfer/helder-import-json.h"
#include "services/repo/helder-repo.h"

#define EXPORT_FORMAT  "helder-export"
#define EXPORT_VERSION 1

/* ---- emptiness -------------------------------------------------------- */

/* The first entity (in dependency order) with rows, or NULL when none has;
 * with @except_programme the programme row does not count. */
static gboolean
find_content (HelderStore *store,
              gboolean except_programme,
              const HelderEntity **found,
              gint64 *count,
              GError **error)
{
  const HelderEntity *const *entities;
  guint n;

  *found = NULL;
  *count = 0;
  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    {
      gint64 rows;

      if (except_programme && entities[i]->singleton)
        continue;
      rows = helder_repo_count (store, entities[i], error);
      if (rows < 0)
        return FALSE;
      if (rows > 0)
        {
          *found = entities[i];
          *count = rows;
          return TRUE;
        }
    }
  return TRUE;
}

/**
 * helder_import_json_store_is_empty:
 *
 * Returns: %TRUE when no entity table holds a row (the programme included);
 *   %FALSE with @error unset when some does, or with @error set when the
 *   database cannot be read.
 */
gboolean
helder_import_json_store_is_empty (HelderStore *store, GError **error)
{
  const HelderEntity *found;
  gint64 count;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  if (!find_content (store, FALSE, &found, &count, error))
    return FALSE;
  return found == NULL;
}

/* ---- messages that name the JSON path -------------------------------- */

/* Replaces the "field: " or "[3] field: " or "field[3]: " at the start of a
 * message from the value checks or the repository by the full JSON path,
 * e.g. "people[12].groups[3]: ". Other messages get "people[12]: ". */
static void
error_at_path (GError **error, const char *row_path, const HelderEntity *entity)
{
  GError *e;
  const char *msg;
  const char *p;
  const char *name;
  gsize name_len;
  g_autofree char *index = NULL;
  g_autofree char *field_name = NULL;
  g_autofree char *message = NULL;

  if (error == NULL || *error == NULL)
    return;
  e = *error;
  msg = e->message;
  p = msg;

  /* "[3] field: …" */
  if (*p == '[')
    {
      const char *close = strchr (p, ']');
      if (close != NULL && close[1] == ' ')
        {
          index = g_strndup (p, (gsize) (close - p) + 1);
          p = close + 2;
        }
    }

  name = p;
  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  name_len = (gsize) (p - name);

  /* "field[3]: …" */
  if (*p == '[' && index == NULL)
    {
      const char *close = strchr (p, ']');
      if (close != NULL)
        {
          index = g_strndup (p, (gsize) (close - p) + 1);
          p = close + 1;
        }
    }

  if (name_len > 0 && p[0] == ':' && p[1] == ' ')
    field_name = g_strndup (name, name_len);

  if (field_name != NULL && helder_entity_get_field (entity, field_name) != NULL)
    message =
      g_strdup_printf ("%s.%s%s: %s", row_path, field_name, index != NULL ? index : "", p + 2);
  else
    message = g_strdup_printf ("%s: %s", row_path, msg);

  g_free (e->message);
  e->message = g_steal_pointer (&message);
}

static const char *
node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _ ("an object");
    case JSON_NODE_ARRAY:
      return _ ("a list");
    case JSON_NODE_NULL:
      return _ ("null");
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return _ ("text");
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return _ ("true/false");
      return _ ("a number");
    }
}

/* ---- the import ------------------------------------------------------- */

typedef struct
{
  const char *path; /* the row, e.g. "people[3]" */
  const HelderEntity *entity;
  const HelderField *field;
  JsonNode *key;   /* the row's key, once it is written */
  JsonNode *value; /* the key it refers to */
} Deferred;

static void
deferred_free (gpointer data)
{
  Deferred *d = data;

  g_free ((char *) d->path);
  g_clear_pointer (&d->key, json_node_unref);
  json_node_unref (d->value);
  g_free (d);
}

typedef struct
{
  HelderStore *store;
  GHashTable *keys;    /* entity name → (key text → row path) */
  GHashTable *unique;  /* "entity.field" → (casefolded value → row path) */
  GPtrArray *deferred; /* Deferred: references to rows of the same entity not yet written */
  char *now;
} Import;

static char *
key_text (JsonNode *key)
{
  if (JSON_NODE_HOLDS_VALUE (key) && json_node_get_value_type (key) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key));
  return g_strdup (json_node_get_string (key));
}

static GHashTable *
keys_of (Import *import, const HelderEntity *entity)
{
  GHashTable *keys = g_hash_table_lookup (import->keys, entity->name);

  if (keys == NULL)
    {
      keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (import->keys, (gpointer) entity->name, keys);
    }
  return keys;
}

/* Checks that @item, one reference found at @path, names a row of @target
 * already seen in the document; @all are the keys of every row of the
 * entity being imported, for references to rows that come later. */
/* "people[3].groups" or "people[3].groups[1]": built only for a message,
 * since an import checks hundreds of thousands of values. */
static char *
value_path (const char *row_path, const char *field_name, int index)
{
  if (index < 0)
    return g_strdup_printf ("%s.%s", row_path, field_name);
  return g_strdup_printf ("%s.%s[%d]", row_path, field_name, index);
}

static gboolean
check_reference (Import *import,
                 const HelderEntity *target,
                 JsonNode *item,
                 const char *row_path,
                 const char *field_name,
                 int index,
                 GHashTable *later,
                 gboolean *is_later,
                 GError **error)
{
  g_autofree char *path = NULL;
  const HelderField *key = helder_entity_get_key (target);
  gboolean want_int = key != NULL && key->type == HELDER_FIELD_INT;
  gboolean is_int = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_INT64;
  g_autofree char *text = NULL;

  *is_later = FALSE;
  if (want_int != is_int)
    {
      path = value_path (row_path, field_name, index);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   want_int ? _ ("%s: expected the id of a %s (a whole number), got %s")
                            : _ ("%s: expected the key of a %s (text), got %s"),
                   path, helder_entity_get_label (target), node_type_name (item));
      return FALSE;
    }

  text = key_text (item);
  if (g_hash_table_contains (keys_of (import, target), text))
    return TRUE;
  if (later != NULL && g_hash_table_contains (later, text))
    {
      *is_later = TRUE;
      return TRUE;
    }
  path = value_path (row_path, field_name, index);
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("%s: unknown %s “%s”"), path,
               helder_entity_get_label (target), text);
  return FALSE;
}

/* Checks one value of a row and puts what will be written into @values. */
static gboolean
import_value (Import *import,
              const HelderEntity *entity,
              const HelderField *field,
              JsonNode *in,
              const char *row_path,
              JsonNode *row_key,
              GHashTable *own_keys,
              JsonObject *values,
              GError **error)
{
  g_autoptr (JsonNode) value = NULL;
  const HelderEntity *target = field->ref != NULL ? helder_entity_lookup (field->ref) : NULL;

  value = helder_field_normalize (field, json_node_copy (in), error);
  if (value == NULL)
    {
      error_at_path (error, row_path, entity);
      return FALSE;
    }

  if (target != NULL && field->type == HELDER_FIELD_REF && !JSON_NODE_HOLDS_NULL (value))
    {
      gboolean self = target == entity;
      gboolean later = FALSE;

      if (!check_reference (import, target, value, row_path, field->name, -1,
                            self ? own_keys : NULL, &later, error))
        return FALSE;
      if (self && row_key != NULL && json_node_equal (row_key, value))
        {
          g_autofree char *path = value_path (row_path, field->name, -1);
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s: a %s cannot refer to itself"), path,
                       helder_entity_get_label (entity));
          return FALSE;
        }
      if (later)
        {
          /* Written once the row it refers to exists. */
          Deferred *d = g_new0 (Deferred, 1);

          d->path = g_strdup (row_path);
          d->entity = entity;
          d->field = field;
          d->value = g_steal_pointer (&value);
          g_ptr_array_add (import->deferred, d);
          json_object_set_null_member (values, field->name);
          return TRUE;
        }
    }
  else if (target != NULL && field->type == HELDER_FIELD_REFS)
    {
      JsonArray *items = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gboolean later;

          if (!check_reference (import, target, json_array_get_element (items, i), row_path,
                                field->name, (int) i, NULL, &later, error))
            return FALSE;
        }
    }

  json_object_set_member (values, field->name, g_steal_pointer (&value));
  return TRUE;
}

/* Values of unique fields (an e-mail address) may appear once, in any case. */
static gboolean
check_unique (Import *import,
              const HelderEntity *entity,
              JsonObject *row,
              const char *row_path,
              GError **error)
{
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      JsonNode *value = json_object_get_member (row, field->name);
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;
      GHashTable *seen;
      const char *other;

      if (!(field->flags & HELDER_FIELD_UNIQUE) || value == NULL ||
          !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      name = g_strdup_printf ("%s.%s", entity->name, field->name);
      seen = g_hash_table_lookup (import->unique, name);
      if (seen == NULL)
        {
          seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (import->unique, g_strdup (name), seen);
        }
      folded = g_utf8_casefold (json_node_get_string (value), -1);
      other = g_hash_table_lookup (seen, folded);
      if (other != NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                       _ ("%s: “%s” is also the %s of %s"), field->name,
                       json_node_get_string (value), helder_field_get_label (field), other);
          return FALSE;
        }
      g_hash_table_insert (seen, g_steal_pointer (&folded), g_strdup (row_path));
    }
  return TRUE;
}

static gboolean
import_row (Import *import,
            const HelderEntity *entity,
            JsonNode *node,
            const char *row_path,
            GHashTable *own_keys,
            GError **error)
{
  const HelderField *key_field = helder_entity_get_key (entity);
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (GList) members = NULL;
  g_autoptr (JsonNode) row_key = NULL;
  guint n_deferred = import->deferred->len;
  JsonObject *row;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("%s: expected a %s (an object), got %s"), row_path,
                   helder_entity_get_label (entity), node_type_name (node));
      return FALSE;
    }
  row = json_node_get_object (node);

  members = json_object_get_members (row);
  for (GList *l = members; l != NULL; l = l->next)
    if (helder_entity_get_field (entity, l->data) == NULL)
      {
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                     _ ("%s.%s: unknown member (a %s has no such field)"), row_path,
                     (const char *) l->data, helder_entity_get_label (entity));
        return FALSE;
      }

  if (key_field != NULL && json_object_has_member (row, key_field->name))
    {
      row_key = helder_field_normalize (
        key_field, json_node_copy (json_object_get_member (row, key_field->name)), error);
      if (row_key == NULL)
        {
          error_at_path (error, row_path, entity);
          return FALSE;
        }
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];
      JsonNode *in = json_object_get_member (row, field->name);

      if (in == NULL)
        continue;
      if (!import_value (import, entity, field, in, row_path, row_key, own_keys, values, error))
        return FALSE;
    }

  if (!helder_repo_complete_row (entity, values, import->now, error) ||
      !check_unique (import, entity, values, row_path, error) ||
      !helder_repo_insert_row (import->store, entity, values, TRUE, error))
    {
      error_at_path (error, row_path, entity);
      return FALSE;
    }

  if (key_field != NULL)
    {
      JsonNode *stored_key = json_object_get_member (values, key_field->name);

      if (stored_key != NULL && !JSON_NODE_HOLDS_NULL (stored_key))
        {
          g_hash_table_insert (keys_of (import, entity), key_text (stored_key),
                               g_strdup (row_path));
          for (guint i = n_deferred; i < import->deferred->len; i++)
            {
              Deferred *d = g_ptr_array_index (import->deferred, i);
              d->key = json_node_copy (stored_key);
            }
        }
    }
  return TRUE;
}

/* Collects the keys of every row of @rows, refusing a key given twice. */
static GHashTable *
collect_keys (const HelderEntity *entity, JsonArray *rows, GError **error)
{
  const HelderField *key_field = helder_entity_get_key (entity);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; key_field != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonNode *key;
      g_autofree char *text = NULL;
      const char *other;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue; /* reported when the row is imported */
      key = json_object_get_member (json_node_get_object (node), key_field->name);
      if (key == NULL || !JSON_NODE_HOLDS_VALUE (key))
        continue;
      if (json_node_get_value_type (key) != G_TYPE_INT64 &&
          json_node_get_value_type (key) != G_TYPE_STRING)
        continue;
      text = key_text (key);
      other = g_hash_table_lookup (keys, text);
      if (other != NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                       _ ("%s[%u].%s: “%s” is also the %s of %s"), entity->plural, i,
                       key_field->name, text, helder_field_get_label (key_field), other);
          return NULL;
        }
      g_hash_table_insert (keys, g_steal_pointer (&text),
                           g_strdup_printf ("%s[%u]", entity->plural, i));
    }
  return g_steal_pointer (&keys);
}

static gboolean
write_deferred (Import *import, GError **error)
{
  for (guint i = 0; i < import->deferred->len; i++)
    {
      Deferred *d = g_ptr_array_index (import->deferred, i);
      const HelderField *key_field = helder_entity_get_key (d->entity);
      g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?1 WHERE \"%s\" = ?2",
                                              d->entity->table, d->field->name, key_field->name);
      g_autoptr (HelderStmt) stmt = NULL;

      if (d->key == NULL)
        continue;
      stmt = helder_store_prepare (import->store, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (json_node_get_value_type (d->value) == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, 1, json_node_get_int (d->value));
      else
        sqlite3_bind_text (stmt, 1, json_node_get_string (d->value), -1, SQLITE_TRANSIENT);
      if (json_node_get_value_type (d->key) == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, 2, json_node_get_int (d->key));
      else
        sqlite3_bind_text (stmt, 2, json_node_get_string (d->key), -1, SQLITE_TRANSIENT);
      if (!helder_store_step_done (import->store, stmt, error))
        {
          g_prefix_error (error, "%s.%s: ", d->path, d->field->name);
          return FALSE;
        }
    }
  g_ptr_array_set_size (import->deferred, 0);
  return TRUE;
}

static gboolean
import_entity (Import *import, const HelderEntity *entity, JsonNode *member, GError **error)
{
  g_autoptr (GHashTable) own_keys = NULL;
  JsonArray *rows;

  if (entity->singleton)
    {
      if (JSON_NODE_HOLDS_NULL (member))
        return TRUE;
      return import_row (import, entity, member, entity->plural, NULL, error);
    }

  rows = json_node_get_array (member);
  own_keys = collect_keys (entity, rows, error);
  if (own_keys == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      g_autofree char *row_path = g_strdup_printf ("%s[%u]", entity->plural, i);

      if (!import_row (import, entity, json_array_get_element (rows, i), row_path, own_keys, error))
        return FALSE;
    }
  return write_deferred (import, error);
}

/* "plugins": {"PLUGIN": ["member", …], …} as helder_export_document()
 * writes it: @owners gets member → plugin. */
static gboolean
read_plugins (JsonNode *plugins, GHashTable *owners, GError **error)
{
  g_autoptr (GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (plugins))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "plugins",
                        _ ("plugins: expected an object (plugin → its members), got %s"),
                        node_type_name (plugins));
      return FALSE;
    }
  names = json_object_get_members (json_node_get_object (plugins));
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *members = json_object_get_member (json_node_get_object (plugins), l->data);
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (members))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("plugins.%s: expected a list of members, got %s"), (const char *) l->data,
                       node_type_name (members));
          return FALSE;
        }
      array = json_node_get_array (members);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *member = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
            {
              g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                           _ ("plugins.%s[%u]: expected the name of a member (text), got %s"),
                           (const char *) l->data, i, node_type_name (member));
              return FALSE;
            }
          g_hash_table_insert (owners, (gpointer) json_node_get_string (member), l->data);
        }
    }
  return TRUE;
}

/* Whether a member holds rows: a plugin's empty member may go. */
static gboolean
member_has_rows (JsonNode *member)
{
  if (JSON_NODE_HOLDS_NULL (member))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (member))
    return json_array_get_length (json_node_get_array (member)) > 0;
  return TRUE;
}

/* The top level: format, version, which plugin owns which member, and one
 * member per entity of the right type. */
static gboolean
check_document (JsonNode *document, GError **error)
{
  g_autoptr (GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *plugins;
  JsonObject *root;
  JsonNode *format;
  JsonNode *version;
  g_autoptr (GList) members = NULL;
  const HelderEntity *const *entities;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("the document is %s, not a Helder export (an object with “format”: “%s”)"),
                   node_type_name (document), EXPORT_FORMAT);
      return FALSE;
    }
  root = json_node_get_object (document);

  format = json_object_get_member (root, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (format), EXPORT_FORMAT))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "format",
                        _ ("format: expected “%s”; this is not a Helder export"), EXPORT_FORMAT);
      return FALSE;
    }

  version = json_object_get_member (root, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "version",
                        _ ("version: expected a whole number (this Helder reads version %d)"),
                        EXPORT_VERSION);
      return FALSE;
    }
  if (json_node_get_int (version) != EXPORT_VERSION)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "version",
                        _ ("version: %" PRId64 " is not supported (this Helder reads version %d)"),
                        json_node_get_int (version), EXPORT_VERSION);
      return FALSE;
    }

  plugins = json_object_get_member (root, "plugins");
  if (plugins != NULL && !read_plugins (plugins, owners, error))
    return FALSE;

  entities = helder_entity_all (&n);
  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (root, name);
      const HelderEntity *entity = NULL;
      const char *owner = g_hash_table_lookup (owners, name);

      if (g_str_equal (name, "format") || g_str_equal (name, "version") ||
          g_str_equal (name, "plugins"))
        continue;
      for (guint i = 0; i < n && entity == NULL; i++)
        if (g_str_equal (entities[i]->plural, name))
          entity = entities[i];
      if (entity == NULL && owner != NULL)
        {
          /* Rows no loaded plugin can take: refused, not lost. A member
           * without rows asks nothing of the plugin. */
          if (!member_has_rows (member))
            continue;
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s: the export holds data of the plugin “%s”, which is not loaded; "
                          "enable the plugin (see “helder plugins”) and import again"),
                       name, owner);
          return FALSE;
        }
      if (entity != NULL && owner != NULL && g_strcmp0 (entity->owner, owner) != 0)
        {
          g_set_error (
            error, HELDER_ERROR, HELDER_ERROR_INVALID,
            _ ("%s: the export says these rows are of the plugin “%s”, but here they are of %s"),
            name, owner, entity->owner != NULL ? entity->owner : "core");
          return FALSE;
        }
      if (entity == NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s: unknown member of a Helder export"), name);
          return FALSE;
        }
      if (entity->singleton && !JSON_NODE_HOLDS_OBJECT (member) && !JSON_NODE_HOLDS_NULL (member))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s: expected an object or null, got %s"), name, node_type_name (member));
          return FALSE;
        }
      if (!entity->singleton && !JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("%s: expected a list, got %s"),
                       name, node_type_name (member));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
import_in_transaction (HelderStore *store, JsonObject *root, GError **error)
{
  g_autoptr (GHashTable) keys = NULL;
  g_autoptr (GHashTable) unique = NULL;
  g_autoptr (GPtrArray) deferred = NULL;
  g_autofree char *now = NULL;
  Import import = { store, NULL, NULL, NULL, NULL };
  const HelderEntity *const *entities;
  const HelderEntity *found;
  gint64 count;
  guint n;

  if (!find_content (store, TRUE, &found, &count, error))
    return FALSE;
  if (found != NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _ ("the database is not empty (%s: %" PRId64 "); "
                      "an import needs an empty database: “helder --db NEW-FILE init” creates one"),
                   found->plural, count);
      return FALSE;
    }

  /* The document's programme (or its null) replaces the one `helder init`
   * may have made; a document without the member leaves it alone. */
  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    if (entities[i]->singleton && json_object_has_member (root, entities[i]->plural))
      {
        g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"", entities[i]->table);
        if (!helder_store_exec (store, sql, error))
          return FALSE;
      }

  keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  unique =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  deferred = g_ptr_array_new_with_free_func (deferred_free);
  now = helder_clock_now_utc ();
  import.keys = keys;
  import.unique = unique;
  import.deferred = deferred;
  import.now = now;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *member = json_object_get_member (root, entities[i]->plural);

      if (member == NULL)
        continue;
      if (!import_entity (&import, entities[i], member, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * helder_import_json_document:
 * @document: a Helder export, as made by helder_export_document()
 *
 * Restores the programme in @document into an empty database (one that
 * holds at most a programme row, which is replaced). Everything is checked
 * and written in one transaction: on any error nothing changes, and the
 * message names the JSON path of the problem.
 */
gboolean
helder_import_json_document (HelderStore *store, JsonNode *document, GError **error)
{
  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  if (!check_document (document, error))
    return FALSE;

  if (!helder_store_begin (store, error))
    return FALSE;
  if (!import_in_transaction (store, json_node_get_object (document), error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * helder_import_json_data:
 *
 * helder_json_parse_checked() and helder_import_json_document() in one.
 */
gboolean
helder_import_json_data (HelderStore *store, const char *data, gsize length, GError **error)
{
  g_autoptr (JsonNode) document = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  document = helder_json_parse_checked (data, length, error);
  if (document == NULL)
    return FALSE;
  return helder_import_json_document (store, document, error);
}
