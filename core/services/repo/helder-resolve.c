/* helder-resolve.c — a row as people name it: its id, slug, e-mail or part of its name
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People type "Kees de Jong", "jong", "Loïs" or "lois" where a person is
 * asked for, "Servicedesk" for a group, "Technische infrastructuur" for a
 * gate. One function turns what they typed into the stored key, in this
 * order: the key itself (an id, a slug), a person's e-mail address, the
 * whole name, then a part of the name — compared without case and accents
 * (helder_text_fold()). A name that fits several rows is an error that
 * lists them, so the person can pick one by its id, address or slug.
 */
#define G_LOG_DOMAIN "helder-resolve"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-text.h"
#include "services/repo/helder-repo-private.h"
#include "services/repo/helder-resolve.h"

/* How many candidates an ambiguous name lists before "…". */
#define MAX_CANDIDATES 10
/* How many keys a name that fits none lists to choose from, at most. */
#define MAX_KNOWN 30

typedef struct
{
  JsonNode *key;
  char *name;
  char *email;
} Candidate;

static void
candidate_free (Candidate *c)
{
  json_node_unref (c->key);
  g_free (c->name);
  g_free (c->email);
  g_free (c);
}

static gboolean
is_person (const HelderEntity *entity)
{
  return entity->owner == NULL && g_str_equal (entity->name, "person");
}

/* The field that holds a row's e-mail address, or NULL. */
static const char *
address_field (const HelderEntity *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if ((entity->fields[i].flags & HELDER_FIELD_EMAIL) &&
        helder_field_is_stored (&entity->fields[i]))
      return entity->fields[i].name;
  return NULL;
}

/**
 * helder_resolve_name_field:
 *
 * Returns: (nullable): the field people know a row of @entity by — its
 *   "name" or its "title" — or %NULL when it has none (a commitment, a
 *   role change: their id it is)
 */
const char *
helder_resolve_name_field (const HelderEntity *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].type == HELDER_FIELD_TEXT &&
        helder_field_is_stored (&entity->fields[i]) &&
        (g_str_equal (entity->fields[i].name, "name") ||
         g_str_equal (entity->fields[i].name, "title")))
      return entity->fields[i].name;
  return NULL;
}

static const char *
hint (const HelderEntity *entity)
{
  const char *name = helder_resolve_name_field (entity);

  if (is_person (entity))
    return _ ("give an id, an e-mail address or part of the name");
  if (helder_repo_key_is_int (entity))
    {
      if (name == NULL)
        return _ ("give its id");
      return g_str_equal (name, "title") ? _ ("give an id or part of the title")
                                         : _ ("give an id or part of the name");
    }
  return name != NULL ? _ ("give its key or part of its name") : _ ("give its key");
}

/* The keys of a noun with few rows and keys of text (groups, roles,
 * phases, gates), to choose from; NULL for people and other long lists. */
static char *
known_keys (HelderStore *store, const HelderEntity *entity)
{
  g_autofree char *sql = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GString) keys = g_string_new (NULL);
  guint n = 0;
  int rc;

  if (helder_repo_key_is_int (entity))
    return NULL;
  sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" ORDER BY 1 LIMIT %d",
                         helder_repo_key_column (entity), entity->table, MAX_KNOWN + 1);
  stmt = helder_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (keys, "%s%s", n++ > 0 ? ", " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE || n == 0 || n > MAX_KNOWN)
    return NULL;
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static JsonNode *
not_found (HelderStore *store, const HelderEntity *entity, const char *text, GError **error)
{
  g_autofree char *known = known_keys (store, entity);

  if (known != NULL)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                 _ ("no %s matches “%s” (known: %s); %s"), helder_entity_get_label (entity), text,
                 known, hint (entity));
  else
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("no %s matches “%s”; %s"),
                 helder_entity_get_label (entity), text, hint (entity));
  return NULL;
}

static char *
candidate_text (const HelderEntity *entity, Candidate *c)
{
  if (JSON_NODE_HOLDS_VALUE (c->key) && json_node_get_value_type (c->key) == G_TYPE_INT64)
    {
      if (c->email != NULL && c->email[0] != '\0')
        return g_strdup_printf ("%" G_GINT64_FORMAT " %s <%s>", json_node_get_int (c->key), c->name,
                                c->email);
      return g_strdup_printf ("%" G_GINT64_FORMAT " %s", json_node_get_int (c->key), c->name);
    }
  return g_strdup_printf ("%s (%s)", json_node_get_string (c->key), c->name);
}

static JsonNode *
ambiguous (const HelderEntity *entity, const char *text, GPtrArray *candidates, GError **error)
{
  g_autoptr (GString) list = g_string_new (NULL);

  for (guint i = 0; i < candidates->len && i < MAX_CANDIDATES; i++)
    {
      g_autofree char *one = candidate_text (entity, g_ptr_array_index (candidates, i));

      g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", one);
    }
  if (candidates->len > MAX_CANDIDATES)
    g_string_append (list, ", …");
  helder_error_set (error, HELDER_ERROR_INVALID, NULL,
                    _ ("“%s” matches more than one %s (%u): %s; %s"), text,
                    helder_entity_get_label (entity), candidates->len, list->str, hint (entity));
  return NULL;
}

/* The key itself: an id for a noun with ids, a slug or key otherwise. */
static gboolean
lookup_key (HelderStore *store,
            const HelderEntity *entity,
            const char *text,
            JsonNode **found,
            GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonNode) key = NULL;
  gint64 id;
  int rc;

  if (helder_repo_key_is_int (entity))
    {
      /* A number is an id, also one that does not exist: the repository
       * says "unknown person 99", not that no name holds 99. */
      if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
        *found = json_node_init_int (json_node_alloc (), id);
      return TRUE;
    }
  key = json_node_init_string (json_node_alloc (), text);
  sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1", entity->table,
                         helder_repo_key_column (entity));
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  helder_repo_bind_node (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *found = g_steal_pointer (&key);
  else if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  return TRUE;
}

static gboolean
lookup_email (HelderStore *store,
              const HelderEntity *entity,
              const char *text,
              JsonNode **found,
              GError **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE lower(\"%s\") = lower(?1)",
                     helder_repo_key_column (entity), entity->table, address_field (entity));
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autofree char *address = g_strstrip (g_strdup (text));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, address, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *found = json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, 0));
  else if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  return TRUE;
}

/* Every row whose name is @text (in @exact) or holds it (in @partial). */
static gboolean
match_names (HelderStore *store,
             const HelderEntity *entity,
             const char *text,
             GPtrArray *exact,
             GPtrArray *partial,
             GError **error)
{
  const char *name_field = helder_resolve_name_field (entity);
  const char *key_column = helder_repo_key_column (entity);
  g_autofree char *typed = helder_text_fold (text);
  g_autofree char *address = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  gboolean int_key = helder_repo_key_is_int (entity);
  int rc;

  /* The address, where rows have one, tells people of the same name apart. */
  address = address_field (entity) != NULL ? g_strdup_printf ("\"%s\"", address_field (entity))
                                           : g_strdup ("NULL");
  sql = g_strdup_printf ("SELECT \"%s\", \"%s\", %s FROM \"%s\" ORDER BY %s", key_column,
                         name_field, address, entity->table, entity->order_by);
  stmt = helder_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *folded = helder_text_fold (name);
      g_autofree char *key_folded =
        int_key ? g_strdup ("") : helder_text_fold ((const char *) sqlite3_column_text (stmt, 0));
      GPtrArray *into = NULL;
      Candidate *c;

      if (g_str_equal (folded, typed) || g_str_equal (key_folded, typed))
        into = exact;
      else if (strstr (folded, typed) != NULL || strstr (key_folded, typed) != NULL)
        into = partial;
      if (into == NULL)
        continue;
      c = g_new0 (Candidate, 1);
      c->key = int_key ? json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, 0))
                       : json_node_init_string (json_node_alloc (),
                                                (const char *) sqlite3_column_text (stmt, 0));
      c->name = g_strdup (name != NULL ? name : "");
      c->email = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (into, c);
    }
  return helder_store_propagate (store, rc, error);
}

/**
 * helder_resolve:
 * @entity: the noun asked for
 * @text: what somebody typed: an id, a slug or key, a person's e-mail
 *   address, a whole name or title, or an unambiguous part of it (case
 *   and accents do not matter: "kees de jong", "Jong", "lois" for "Loïs")
 *
 * Returns: (transfer full): the key of the row @text names, as stored (an
 *   integer id or a text key), or %NULL with %HELDER_ERROR_NOT_FOUND when
 *   it names none, or %HELDER_ERROR_INVALID when it names several (the
 *   message lists them: "12 Piet Jansen <…>, 31 Pieter Bakker <…>"). A
 *   number for a noun with ids is returned as the id, also when no row
 *   has it: reading the row says so.
 */
JsonNode *
helder_resolve (HelderStore *store, const HelderEntity *entity, const char *text, GError **error)
{
  g_autoptr (GPtrArray) exact = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_autoptr (GPtrArray) partial = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_autofree char *typed = NULL;
  JsonNode *found = NULL;
  GPtrArray *matches;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL && text != NULL, NULL);

  if (entity->singleton)
    return json_node_init_int (json_node_alloc (), 1);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("not valid UTF-8 text"));
      return NULL;
    }
  typed = g_strstrip (g_strdup (text));
  if (typed[0] == '\0')
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("say which %s: %s"),
                   helder_entity_get_label (entity), hint (entity));
      return NULL;
    }

  if (!lookup_key (store, entity, typed, &found, error))
    return NULL;
  if (found == NULL && address_field (entity) != NULL && strchr (typed, '@') != NULL)
    {
      if (!lookup_email (store, entity, typed, &found, error))
        return NULL;
      if (found == NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                       _ ("no %s with the e-mail address “%s”"), helder_entity_get_label (entity),
                       typed);
          return NULL;
        }
    }
  if (found != NULL)
    return found;

  if (helder_resolve_name_field (entity) == NULL)
    return not_found (store, entity, typed, error);
  if (!match_names (store, entity, typed, exact, partial, error))
    return NULL;
  matches = exact->len > 0 ? exact : partial;
  if (matches->len == 0)
    return not_found (store, entity, typed, error);
  if (matches->len > 1)
    return ambiguous (entity, typed, matches, error);
  return json_node_copy (((Candidate *) g_ptr_array_index (matches, 0))->key);
}

/**
 * helder_resolve_describe:
 * @entity: the noun @key is a key of
 * @key: a stored key (an integer id or a text key)
 *
 * Returns: (transfer full) (nullable): the row as people know it, its
 *   name and its key: "Kees de Jong (7)", "Servicedesk (servicedesk)";
 *   %NULL when @entity has no name or no row has @key
 */
char *
helder_resolve_describe (HelderStore *store, const HelderEntity *entity, JsonNode *key)
{
  const char *name_field = helder_resolve_name_field (entity);
  g_autofree char *sql = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *key_text = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (name_field == NULL || key == NULL || !JSON_NODE_HOLDS_VALUE (key))
    return NULL;
  sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE \"%s\" = ?1", name_field, entity->table,
                         helder_repo_key_column (entity));
  stmt = helder_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return NULL;
  helder_repo_bind_node (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  key_text = json_node_get_value_type (key) == G_TYPE_INT64
               ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key))
               : g_strdup (json_node_get_string (key));
  return g_strdup_printf ("%s (%s)", (const char *) sqlite3_column_text (stmt, 0), key_text);
}
