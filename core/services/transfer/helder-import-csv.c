/* helder-import-csv.c — staff lists as HR systems export them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header row names the columns (English or Dutch, any case); `,`, `;` or
 * a tab separates them, whichever the header line uses most outside quotes.
 * The file must be UTF-8 (a byte order mark is skipped): we never guess an
 * encoding. Each row is a person, matched on e-mail address: someone already
 * in the database is updated, so HR can import the same list every week.
 * The whole file is one transaction, and every message says
 * `FILE:LINE: column “X”: what is wrong`, LINE being the physical line on
 * which the row starts.
 */
#define G_LOG_DOMAIN "helder-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "model/helder-text.h"
#include "services/transfer/helder-export.h"
#include "services/util/helder-csv-read-private.h"
#include "services/transfer/helder-import-csv.h"
#include "services/transfer/helder-import-csv-private.h"
#include "services/repo/helder-repo.h"

/* ---- looking things up ------------------------------------------------ */

/* Slug or name (case-insensitive) → slug, for the groups and roles. */
static GHashTable *
load_names (HelderStore *store, const HelderEntity *entity, GError **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT slug, name FROM \"%s\" ORDER BY slug", entity->table);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Names first, so that a slug wins when a name equals another's slug. */
  for (int column = 1; column >= 0; column--)
    {
      g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_insert (
          names, helder_csv_match_key ((const char *) sqlite3_column_text (stmt, column)),
          g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      if (!helder_store_propagate (store, rc, error))
        return NULL;
    }
  return g_steal_pointer (&names);
}

/* The id of the person with this e-mail address (any case), or 0. */
static gint64
person_by_email (HelderStore *store, const char *email, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT id FROM person WHERE email = ?1 COLLATE NOCASE", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  helder_store_propagate (store, rc, error);
  return -1;
}

/* ---- rows ------------------------------------------------------------- */

typedef struct
{
  HelderStore *store;
  const char *origin;
  const HelderEntity *person;
  HelderCsvColumns columns;
  GHashTable *groups; /* match key → slug */
  GHashTable *roles;  /* match key → slug */
  GHashTable *emails; /* casefolded e-mail → Row * */
  GPtrArray *rows;    /* Row */
  char *now;
  const HelderCsvMap *map; /* what values of the groups column mean, or NULL */
  int error_column;        /* the column the last error is about, or -1 */
  GPtrArray *problems;     /* HelderCsvProblem */
} Import;

typedef enum
{
  ROW_ADDED,
  ROW_UPDATED,
  ROW_UNCHANGED,
} RowOutcome;

typedef struct
{
  guint line;
  char *email;
  char *manager; /* e-mail address, or NULL */
  gint64 id;     /* once written */
  RowOutcome outcome;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->email);
  g_free (row->manager);
  g_free (row);
}

static const char *
cell (HelderCsvRecord *record, int index)
{
  if (index < 0 || (guint) index >= record->cells->len)
    return "";
  return g_ptr_array_index (record->cells, index);
}

/* A message about one cell: "staff.csv:14: column “email”: …". A message
 * from the value checks starts with the field name, which we replace. */
static void
cell_error (Import *import,
            HelderCsvRecord *record,
            HelderCsvColumn column,
            const char *field,
            GError **error)
{
  const char *msg;
  g_autofree char *message = NULL;

  if (error == NULL || *error == NULL)
    return;
  import->error_column = (int) column;
  msg = (*error)->message;
  /* "[1] field: …", "field[1]: …" and "field: …" */
  if (msg[0] == '[' && strstr (msg, "] ") != NULL)
    msg = strstr (msg, "] ") + 2;
  if (field != NULL && g_str_has_prefix (msg, field))
    {
      const char *p = msg + strlen (field);

      if (*p == '[' && strchr (p, ']') != NULL)
        p = strchr (p, ']') + 1;
      if (g_str_has_prefix (p, ": "))
        msg = p + 2;
    }
  message = g_strdup_printf (_ ("%s:%u: column “%s”: %s"), import->origin, record->line,
                             helder_csv_column_header (&import->columns, column), msg);
  g_free ((*error)->message);
  (*error)->message = g_steal_pointer (&message);
}

static gboolean set_error_at (Import *import,
                              HelderCsvRecord *record,
                              HelderCsvColumn column,
                              GError **error,
                              const char *format,
                              ...) G_GNUC_PRINTF (5, 6);

static gboolean
set_error_at (Import *import,
              HelderCsvRecord *record,
              HelderCsvColumn column,
              GError **error,
              const char *format,
              ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  import->error_column = (int) column;
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("%s:%u: column “%s”: %s"),
               import->origin, record->line, helder_csv_column_header (&import->columns, column),
               msg);
  return FALSE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static char *
known_keys (GHashTable *names, const char *entity)
{
  g_autoptr (GPtrArray) slugs = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_hash_table_add (seen, value))
      g_ptr_array_add (slugs, value);
  if (slugs->len == 0 && g_str_equal (entity, "group"))
    return g_strdup (
      _ ("this programme has no groups yet: add them first with “helder group add”, or start "
         "the programme with “helder init --template outsourcing”"));
  if (slugs->len == 0)
    return g_strdup (
      _ ("this programme has no roles yet: add them first with “helder role add”, or leave "
         "the column out with --map COLUMN=ignore"));
  g_ptr_array_sort (slugs, compare_strings);
  if (slugs->len > 20)
    g_ptr_array_set_size (slugs, 20);
  g_ptr_array_add (slugs, NULL);
  {
    g_autofree char *list = g_strjoinv (", ", (char **) slugs->pdata);
    return g_strdup_printf (_ ("known: %s%s"), list, g_hash_table_size (seen) > 20 ? ", …" : "");
  }
}

/* Group slugs or names separated by | or , → a sorted list of slugs. */
static JsonNode *
parse_groups (Import *import, HelderCsvRecord *record, const char *text, GError **error)
{
  g_auto (GStrv) parts = g_strsplit_set (text, "|,", -1);
  g_autoptr (GPtrArray) slugs = g_ptr_array_new ();
  JsonNode *node;
  JsonArray *array;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *key = helder_csv_match_key (parts[i]);
      const char *slug;
      const char *mapped = NULL;

      if (key[0] == '\0')
        continue;
      if (helder_csv_map_group (import->map, parts[i], &mapped))
        {
          g_autofree char *mapped_key = NULL;
          g_autofree char *value = NULL;
          g_autofree char *known = NULL;

          if (mapped == NULL)
            continue; /* a value that means no group */
          mapped_key = helder_csv_match_key (mapped);
          slug = g_hash_table_lookup (import->groups, mapped_key);
          if (slug != NULL)
            {
              if (!g_ptr_array_find_with_equal_func (slugs, slug, g_str_equal, NULL))
                g_ptr_array_add (slugs, (gpointer) slug);
              continue;
            }
          value = helder_csv_collapse_space (parts[i]);
          known = known_keys (import->groups, "group");
          set_error_at (import, record, HELDER_CSV_GROUPS, error,
                        _ ("“%s” is mapped to the group “%s”, which does not exist (%s)"), value,
                        mapped, known);
          return NULL;
        }
      slug = g_hash_table_lookup (import->groups, key);
      if (slug == NULL)
        {
          g_autofree char *value = helder_csv_collapse_space (parts[i]);
          g_autofree char *known = known_keys (import->groups, "group");
          if (g_hash_table_size (import->groups) > 0)
            set_error_at (import, record, HELDER_CSV_GROUPS, error,
                          _ ("unknown group “%s” (%s); say which group it is with "
                             "--map-group \"%s=GROUP\" (or =ignore for none)"),
                          value, known, value);
          else
            set_error_at (import, record, HELDER_CSV_GROUPS, error, _ ("unknown group “%s” (%s)"),
                          value, known);
          return NULL;
        }
      if (!g_ptr_array_find_with_equal_func (slugs, slug, g_str_equal, NULL))
        g_ptr_array_add (slugs, (gpointer) slug);
    }
  g_ptr_array_sort (slugs, compare_strings);
  array = json_array_sized_new (slugs->len);
  for (guint i = 0; i < slugs->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (slugs, i));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

/* A role slug or name → the role's slug; an empty cell gives NULL. */
static gboolean
parse_role (Import *import, HelderCsvRecord *record, const char *text, char **slug, GError **error)
{
  g_autofree char *key = helder_csv_match_key (text);
  const char *found;

  *slug = NULL;
  if (key[0] == '\0')
    return TRUE;
  found = g_hash_table_lookup (import->roles, key);
  if (found == NULL)
    {
      g_autofree char *value = helder_csv_collapse_space (text);
      g_autofree char *known = known_keys (import->roles, "role");
      return set_error_at (import, record, HELDER_CSV_ROLE, error, _ ("unknown role “%s” (%s)"),
                           value, known);
    }
  *slug = g_strdup (found);
  return TRUE;
}

/* A cell that holds one of a few words → the stored choice; "" for empty. */
static gboolean
parse_choice (Import *import,
              HelderCsvRecord *record,
              HelderCsvColumn column,
              const char *text,
              const char *const *words,
              const char *expected,
              const char **choice,
              GError **error)
{
  g_autofree char *key = helder_csv_match_key (text);

  *choice = "";
  if (key[0] == '\0')
    return TRUE;
  for (guint i = 0; words[i] != NULL; i += 2)
    if (g_str_equal (words[i], key))
      {
        *choice = words[i + 1];
        return TRUE;
      }
  {
    g_autofree char *value = helder_csv_collapse_space (text);
    return set_error_at (import, record, column, error, _ ("“%s” is not one of %s"), value,
                         expected);
  }
}

static const char *const locale_words[] = {
  "nl",    "nl", "nederlands", "nl",      "dutch", "nl",     "nl-nl", "nl",    "nl_nl",
  "nl",    "en", "en",         "english", "en",    "engels", "en",    "en-gb", "en",
  "en-us", "en", "en_gb",      "en",      "en_us", "en",     NULL,
};

static const char *const digest_words[] = {
  "weekly", "weekly", "wekelijks", "weekly", "week",    "weekly",  "ja",        "weekly",  "yes",
  "weekly", "off",    "off",       "uit",    "off",     "nee",     "off",       "no",      "off",
  "geen",   "off",    "none",      "off",    "default", "default", "standaard", "default", NULL,
};

/* Maps a field named at the start of a message from the repository (or the
 * value checks) to the column it came from. */
static int
column_of_field (Import *import, const char *message)
{
  static const struct
  {
    const char *field;
    HelderCsvColumn column;
  } fields[] = {
    { "name", HELDER_CSV_NAME },
    { "email", HELDER_CSV_EMAIL },
    { "groups", HELDER_CSV_GROUPS },
    { "role", HELDER_CSV_ROLE },
    { "organisation", HELDER_CSV_ORGANISATION },
    { "locale", HELDER_CSV_LOCALE },
    { "manager", HELDER_CSV_MANAGER },
    { "digest", HELDER_CSV_DIGEST },
    { "channels", HELDER_CSV_CHANNELS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gsize len = strlen (fields[i].field);

      if (strncmp (message, fields[i].field, len) != 0 ||
          (message[len] != ':' && message[len] != '['))
        continue;
      if (fields[i].column == HELDER_CSV_NAME && import->columns.index[HELDER_CSV_NAME] < 0)
        return HELDER_CSV_LAST_NAME;
      return import->columns.index[fields[i].column] >= 0 ? (int) fields[i].column : -1;
    }
  return -1;
}

static void
row_error (Import *import, HelderCsvRecord *record, GError **error)
{
  int column;

  if (error == NULL || *error == NULL)
    return;
  column = column_of_field (import, (*error)->message);
  if (column >= 0)
    {
      const char *msg = (*error)->message;
      const char *colon = strchr (msg, ':');
      g_autofree char *field = g_strndup (msg, (gsize) (colon - msg));
      char *bracket = strchr (field, '[');

      if (bracket != NULL)
        *bracket = '\0';
      cell_error (import, record, (HelderCsvColumn) column, field, error);
    }
  else
    g_prefix_error (error, "%s:%u: ", import->origin, record->line);
}

/* Checks a single-line text cell for a person field; sets @out to the value
 * (white space collapsed) or NULL when the cell is empty. */
static gboolean
parse_text_cell (Import *import,
                 HelderCsvRecord *record,
                 HelderCsvColumn column,
                 const char *field_name,
                 char **out,
                 GError **error)
{
  g_autofree char *text = helder_csv_collapse_space (cell (record, import->columns.index[column]));
  g_autoptr (JsonNode) node = NULL;

  *out = NULL;
  if (text[0] == '\0')
    return TRUE;
  node =
    helder_field_parse_text (helder_entity_get_field (import->person, field_name), text, error);
  if (node == NULL)
    {
      cell_error (import, record, column, field_name, error);
      return FALSE;
    }
  *out = g_steal_pointer (&text);
  return TRUE;
}

/* A set of choices separated by | or , as the field's normalised list. */
static JsonNode *
parse_list (const HelderField *field, const char *text, GError **error)
{
  g_auto (GStrv) parts = g_strsplit_set (text, "|,", -1);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *item = helder_csv_match_key (parts[i]);
      if (item[0] != '\0')
        json_array_add_string_element (array, item);
    }
  json_node_take_array (node, array);
  return helder_field_normalize (field, node, error);
}

static char *
compose_name (Import *import, HelderCsvRecord *record)
{
  const HelderCsvColumn parts[] = { HELDER_CSV_FIRST_NAME, HELDER_CSV_INFIX, HELDER_CSV_LAST_NAME };
  g_autoptr (GString) name = g_string_new (NULL);

  if (import->columns.index[HELDER_CSV_NAME] >= 0)
    return helder_csv_collapse_space (cell (record, import->columns.index[HELDER_CSV_NAME]));

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part =
        helder_csv_collapse_space (cell (record, import->columns.index[parts[i]]));
      if (part[0] == '\0')
        continue;
      g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", part);
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static char *
item_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup ("");
}

/* Whether two JSON values are equal, lists compared as sets. */
static gboolean
same_value (JsonNode *a, JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    {
      JsonArray *x = json_node_get_array (a);
      JsonArray *y = json_node_get_array (b);
      g_autoptr (GPtrArray) xs = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) ys = g_ptr_array_new_with_free_func (g_free);

      if (json_array_get_length (x) != json_array_get_length (y))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (x); i++)
        {
          g_ptr_array_add (xs, item_text (json_array_get_element (x, i)));
          g_ptr_array_add (ys, item_text (json_array_get_element (y, i)));
        }
      g_ptr_array_sort (xs, compare_strings);
      g_ptr_array_sort (ys, compare_strings);
      for (guint i = 0; i < xs->len; i++)
        if (!g_str_equal (g_ptr_array_index (xs, i), g_ptr_array_index (ys, i)))
          return FALSE;
      return TRUE;
    }
  return json_node_equal (a, b);
}

/* Resolves a manager's e-mail address: a person earlier in the file or in
 * the database. Returns the id, 0 when not (yet) known, -1 on error. */
static gint64
find_manager (Import *import, const char *email, GError **error)
{
  g_autofree char *key = g_utf8_casefold (email, -1);
  Row *row = g_hash_table_lookup (import->emails, key);

  if (row != NULL)
    return row->id;
  return person_by_email (import->store, email, error);
}

static gboolean
import_record (Import *import, HelderCsvRecord *record, GError **error)
{
  const HelderCsvColumns *columns = &import->columns;
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (JsonObject) written = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *role = NULL;
  g_autofree char *manager = NULL;
  const char *locale = "";
  const char *digest = "";
  Row *row;
  Row *other;
  gint64 id;

  /* More values than columns shifts everything: refuse rather than guess. */
  for (guint i = columns->headers->len; i < record->cells->len; i++)
    {
      g_autofree char *extra = helder_csv_collapse_space (g_ptr_array_index (record->cells, i));
      if (extra[0] != '\0')
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s:%u: %u values, but the header has %u columns "
                          "(a value that contains the separator must be in double quotes)"),
                       import->origin, record->line, record->cells->len, columns->headers->len);
          return FALSE;
        }
    }

  name = compose_name (import, record);
  if (name[0] == '\0')
    return set_error_at (
      import, record, columns->index[HELDER_CSV_NAME] >= 0 ? HELDER_CSV_NAME : HELDER_CSV_LAST_NAME,
      error, _ ("a name is required"));
  {
    g_autoptr (JsonNode) node =
      helder_field_parse_text (helder_entity_get_field (import->person, "name"), name, error);
    if (node == NULL)
      {
        cell_error (import, record,
                    columns->index[HELDER_CSV_NAME] >= 0 ? HELDER_CSV_NAME : HELDER_CSV_LAST_NAME,
                    "name", error);
        return FALSE;
      }
  }

  email = helder_csv_collapse_space (cell (record, columns->index[HELDER_CSV_EMAIL]));
  if (email[0] == '\0')
    return set_error_at (import, record, HELDER_CSV_EMAIL, error,
                         _ ("an e-mail address is required"));
  {
    /* the one e-mail rule, and the address as it is stored (the domain in
     * lower case), so that duplicates are found however they were typed */
    g_autoptr (GError) local = NULL;
    char *address = helder_text_normalize_email (email, &local);

    if (address == NULL)
      return set_error_at (import, record, HELDER_CSV_EMAIL, error, "%s", local->message);
    g_free (email);
    email = address;
  }
  {
    g_autoptr (JsonNode) node =
      helder_field_parse_text (helder_entity_get_field (import->person, "email"), email, error);
    if (node == NULL)
      {
        cell_error (import, record, HELDER_CSV_EMAIL, "email", error);
        return FALSE;
      }
  }
  folded = g_utf8_casefold (email, -1);
  other = g_hash_table_lookup (import->emails, folded);
  if (other != NULL)
    return set_error_at (import, record, HELDER_CSV_EMAIL, error,
                         _ ("“%s” is also on line %u (each person may appear once)"), email,
                         other->line);

  if (!parse_text_cell (import, record, HELDER_CSV_ORGANISATION, "organisation", &organisation,
                        error))
    return FALSE;
  if (!parse_role (import, record, cell (record, columns->index[HELDER_CSV_ROLE]), &role, error))
    return FALSE;
  if (!parse_choice (import, record, HELDER_CSV_LOCALE,
                     cell (record, columns->index[HELDER_CSV_LOCALE]), locale_words, "nl, en",
                     &locale, error) ||
      !parse_choice (import, record, HELDER_CSV_DIGEST,
                     cell (record, columns->index[HELDER_CSV_DIGEST]), digest_words,
                     "default, weekly, off", &digest, error))
    return FALSE;

  json_object_set_string_member (values, "name", name);
  json_object_set_string_member (values, "email", email);
  if (organisation != NULL)
    json_object_set_string_member (values, "organisation", organisation);
  if (role != NULL)
    json_object_set_string_member (values, "role", role);
  if (locale[0] != '\0')
    json_object_set_string_member (values, "locale", locale);
  if (digest[0] != '\0')
    json_object_set_string_member (values, "digest", digest);

  if (columns->index[HELDER_CSV_GROUPS] >= 0)
    {
      const char *text = cell (record, columns->index[HELDER_CSV_GROUPS]);
      g_autofree char *key = helder_csv_match_key (text);

      if (key[0] != '\0')
        {
          JsonNode *groups = parse_groups (import, record, text, error);
          if (groups == NULL)
            return FALSE;
          json_object_set_member (values, "groups", groups);
        }
    }

  if (columns->index[HELDER_CSV_CHANNELS] >= 0)
    {
      g_autofree char *text =
        helder_csv_collapse_space (cell (record, columns->index[HELDER_CSV_CHANNELS]));

      if (text[0] != '\0')
        {
          JsonNode *channels =
            parse_list (helder_entity_get_field (import->person, "channels"), text, error);
          if (channels == NULL)
            {
              cell_error (import, record, HELDER_CSV_CHANNELS, "channels", error);
              return FALSE;
            }
          json_object_set_member (values, "channels", channels);
        }
    }

  if (columns->index[HELDER_CSV_MANAGER] >= 0)
    {
      manager = helder_csv_collapse_space (cell (record, columns->index[HELDER_CSV_MANAGER]));
      if (manager[0] == '\0')
        g_clear_pointer (&manager, g_free);
      else
        {
          g_autoptr (GError) local = NULL;
          char *address = helder_text_normalize_email (manager, &local);

          if (address == NULL)
            return set_error_at (import, record, HELDER_CSV_MANAGER, error,
                                 _ ("%s (give the manager’s e-mail address)"), local->message);
          g_free (manager);
          manager = address;
        }
      if (manager != NULL)
        {
          g_autofree char *manager_folded = g_utf8_casefold (manager, -1);
          gint64 manager_id;

          if (g_str_equal (manager_folded, folded))
            return set_error_at (import, record, HELDER_CSV_MANAGER, error,
                                 _ ("a person cannot be their own manager"));
          manager_id = find_manager (import, manager, error);
          if (manager_id < 0)
            return FALSE;
          if (manager_id > 0)
            {
              json_object_set_int_member (values, "manager", manager_id);
              g_clear_pointer (&manager, g_free);
            }
        }
    }

  id = person_by_email (import->store, email, error);
  if (id < 0)
    return FALSE;

  row = g_new0 (Row, 1);
  row->line = record->line;
  row->email = g_strdup (email);
  row->manager = g_steal_pointer (&manager);
  g_ptr_array_add (import->rows, row);
  g_hash_table_insert (import->emails, g_steal_pointer (&folded), row);

  if (id == 0)
    {
      /* New: every value is checked above and the e-mail address is not in
       * use, so the row goes in without the repository's lookups. */
      if (!helder_repo_complete_row (import->person, values, import->now, error) ||
          !helder_repo_insert_row (import->store, import->person, values, FALSE, error))
        {
          row_error (import, record, error);
          return FALSE;
        }
      row->id = json_object_get_int_member (values, "id");
      row->outcome = ROW_ADDED;
      return TRUE;
    }

  /* Someone we know: change what the file says differently. */
  {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autoptr (JsonObject) old = helder_repo_get (import->store, import->person, key, error);
    g_autoptr (JsonObject) changes = json_object_new ();
    g_autoptr (GList) members = NULL;

    if (old == NULL)
      return FALSE;
    members = json_object_get_members (values);
    for (GList *l = members; l != NULL; l = l->next)
      {
        JsonNode *value = json_object_get_member (values, l->data);
        if (!same_value (value, json_object_get_member (old, l->data)))
          json_object_set_member (changes, l->data, json_node_copy (value));
      }

    row->id = id;
    row->outcome = ROW_UNCHANGED;
    if (json_object_get_size (changes) == 0)
      return TRUE;

    written =
      helder_repo_update (import->store, import->person, key, changes, HELDER_WRITE_DEFAULT, error);
    if (written == NULL)
      {
        row_error (import, record, error);
        return FALSE;
      }
    row->outcome = ROW_UPDATED;
    return TRUE;
  }
}

/* ---- problems --------------------------------------------------------- */

void
helder_import_csv_problem_free (gpointer data)
{
  HelderCsvProblem *problem = data;

  g_free (problem->column);
  g_free (problem->value);
  g_free (problem->message);
  g_free (problem);
}

/* A row that cannot be imported is reported with the others; the database
 * failing is not a row's problem and ends the import. */
static gboolean
is_fatal (const GError *error)
{
  return error->domain != HELDER_ERROR || error->code == HELDER_ERROR_IO ||
         error->code == HELDER_ERROR_PERMISSION;
}

static void
add_problem (Import *import, guint line, int column, const char *value, const GError *error)
{
  HelderCsvProblem *problem = g_new0 (HelderCsvProblem, 1);

  problem->line = line;
  if (column >= 0 && import->columns.index[column] >= 0)
    {
      problem->column = g_strdup (helder_csv_column_header (&import->columns, column));
      problem->value = helder_csv_collapse_space (value != NULL ? value : "");
    }
  problem->message = g_strdup (error->message);
  g_ptr_array_add (import->problems, problem);
}

/* One audit entry per person the file added or changed, by @actor, in
 * the import's transaction: who imported whom, from which file. */
static gboolean
audit_rows (Import *import, const HelderAuditActor *actor, GError **error)
{
  g_autofree char *detail = g_strdup_printf (_ ("import from %s"), import->origin);

  for (guint i = 0; i < import->rows->len; i++)
    {
      Row *row = g_ptr_array_index (import->rows, i);
      g_autofree char *key = NULL;

      if (row->outcome == ROW_UNCHANGED)
        continue;
      key = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
      if (!helder_audit_record (import->store, actor,
                                row->outcome == ROW_ADDED ? "create" : "update", "person", key,
                                row->id, detail, error))
        return FALSE;
    }
  return TRUE;
}

/* Managers who come later in the file than the people they manage. */
static gboolean
resolve_managers (Import *import, GError **error)
{
  for (guint i = 0; i < import->rows->len; i++)
    {
      Row *row = g_ptr_array_index (import->rows, i);
      g_autofree char *key = NULL;
      g_autoptr (JsonObject) old = NULL;
      g_autoptr (JsonObject) changes = NULL;
      g_autoptr (JsonObject) written = NULL;
      JsonNode *current;
      gint64 manager_id;

      if (row->manager == NULL)
        continue;

      manager_id = find_manager (import, row->manager, error);
      if (manager_id < 0)
        return FALSE;
      if (manager_id == 0)
        {
          g_autoptr (GError) local = NULL;

          g_set_error (
            &local, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
            _ ("%s:%u: column “%s”: no person with e-mail “%s” in the file or in the database"),
            import->origin, row->line,
            helder_csv_column_header (&import->columns, HELDER_CSV_MANAGER), row->manager);
          add_problem (import, row->line, HELDER_CSV_MANAGER, row->manager, local);
          continue;
        }

      key = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
      old = helder_repo_get (import->store, import->person, key, error);
      if (old == NULL)
        return FALSE;
      current = json_object_get_member (old, "manager");
      if (current != NULL && JSON_NODE_HOLDS_VALUE (current) &&
          json_node_get_int (current) == manager_id)
        continue;

      changes = json_object_new ();
      json_object_set_int_member (changes, "manager", manager_id);
      written = helder_repo_update (import->store, import->person, key, changes,
                                    HELDER_WRITE_DEFAULT, error);
      if (written == NULL)
        {
          g_prefix_error (error, _ ("%s:%u: column “%s”: "), import->origin, row->line,
                          helder_csv_column_header (&import->columns, HELDER_CSV_MANAGER));
          if (is_fatal (*error))
            return FALSE;
          add_problem (import, row->line, HELDER_CSV_MANAGER, row->manager, *error);
          g_clear_error (error);
          continue;
        }
      if (row->outcome == ROW_UNCHANGED)
        row->outcome = ROW_UPDATED;
    }
  return TRUE;
}

static gboolean
import_records (Import *import, GPtrArray *records, guint first, GError **error)
{
  if (import->columns.index[HELDER_CSV_GROUPS] >= 0)
    {
      import->groups = load_names (import->store, helder_entity_lookup ("group"), error);
      if (import->groups == NULL)
        return FALSE;
    }
  if (import->columns.index[HELDER_CSV_ROLE] >= 0)
    {
      import->roles = load_names (import->store, helder_entity_lookup ("role"), error);
      if (import->roles == NULL)
        return FALSE;
    }

  for (guint i = first; i < records->len; i++)
    {
      HelderCsvRecord *record = g_ptr_array_index (records, i);
      int column;

      if (helder_csv_record_is_empty (record))
        continue;
      import->error_column = -1;
      if (import_record (import, record, error))
        continue;
      if (is_fatal (*error))
        return FALSE;
      column = import->error_column;
      add_problem (import, record->line, column,
                   column >= 0 ? cell (record, import->columns.index[column]) : NULL, *error);
      g_clear_error (error);
    }
  return resolve_managers (import, error);
}

/**
 * helder_import_csv_records:
 * @records: (element-type HelderCsvRecord): the file's records
 * @first: the index of the first record after the header
 * @columns: what each column holds
 * @problems: (element-type HelderCsvProblem): receives every row that
 *   cannot be imported
 * @counts: (out caller-allocates): receives rows, added, updated and
 *   unchanged
 *
 * Writes the people of @records inside the caller's transaction, going on
 * after a bad row so that every bad row is reported; the caller rolls back
 * when @problems is not empty.
 *
 * Returns: %FALSE with @error set only when the database fails
 */
gboolean
helder_import_csv_records (HelderStore *store,
                           const HelderAuditActor *actor,
                           const char *origin,
                           GPtrArray *records,
                           guint first,
                           const HelderCsvColumns *columns,
                           const HelderCsvMap *map,
                           GPtrArray *problems,
                           HelderCsvResult *counts,
                           GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr (GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = helder_clock_now_utc ();
  Import import = {
    0,
  };
  gboolean ok;

  import.store = store;
  import.origin = origin;
  import.person = helder_entity_lookup ("person");
  import.columns = *columns;
  import.now = now;
  import.rows = rows;
  import.emails = emails;
  import.problems = problems;
  import.map = map;

  ok = import_records (&import, records, first, error);
  if (ok && problems->len == 0)
    ok = audit_rows (&import, actor, error);
  for (guint i = 0; ok && i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      counts->rows++;
      if (row->outcome == ROW_ADDED)
        counts->added++;
      else if (row->outcome == ROW_UPDATED)
        counts->updated++;
      else
        counts->unchanged++;
    }
  g_clear_pointer (&import.groups, g_hash_table_unref);
  g_clear_pointer (&import.roles, g_hash_table_unref);
  return ok;
}
