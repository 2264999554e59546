/* inv-picture-filter.c — the picture's filter, in words people type
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "domain=Burgerzaken,external,group=supplier" (Dutch words too:
 * "domein=…", "leverancier=…", "extern", "groep=leverancier",
 * "weergave=overzicht"). Domains and suppliers are found by their name
 * with case, accents and white space aside; an unknown one is refused
 * with the names the register knows.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "inv-picture-private.h"

static int
compare_folded (gconstpointer a, gconstpointer b)
{
  g_autofree char *x = helder_text_fold (*(const char *const *) a);
  g_autofree char *y = helder_text_fold (*(const char *const *) b);

  return g_strcmp0 (x, y) != 0 ? g_strcmp0 (x, y)
                               : g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
names (HelderStore *store, const char *sql, GError **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  g_ptr_array_sort (result, compare_folded);
  return g_steal_pointer (&result);
}

/* Every domain an item of the register has, in alphabetical order. */
GPtrArray *
inv_picture_domains (HelderStore *store, GError **error)
{
  return names (
    store, "SELECT DISTINCT domain FROM inv_item WHERE kind <> 'coupling' AND domain <> ''", error);
}

static char *
known_list (GPtrArray *known, const char *none)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < known->len && i < 20; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (known, i));
  if (known->len > 20)
    g_string_append (text, ", …");
  return known->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (none);
}

static const char *
find_folded (GPtrArray *known, const char *text)
{
  g_autofree char *folded = helder_text_fold (text);

  for (guint i = 0; i < known->len; i++)
    {
      g_autofree char *candidate = helder_text_fold (g_ptr_array_index (known, i));

      if (g_str_equal (candidate, folded))
        return g_ptr_array_index (known, i);
    }
  return NULL;
}

char *
inv_picture_resolve_domain (HelderStore *store, const char *text, GError **error)
{
  g_autoptr (GPtrArray) known = inv_picture_domains (store, error);
  g_autofree char *list = NULL;
  const char *found;

  if (known == NULL)
    return NULL;
  if ((found = find_folded (known, text)) != NULL)
    return g_strdup (found);
  list = known_list (known, _ ("none yet"));
  helder_error_set (error, HELDER_ERROR_NOT_FOUND, "domain",
                    _ ("domain: “%s” is no domain of the register (known: %s)"), text, list);
  return NULL;
}

gint64
inv_picture_resolve_supplier (HelderStore *store, const char *text, GError **error)
{
  g_autoptr (GPtrArray) known =
    names (store, "SELECT name FROM inv_item WHERE kind = 'supplier' ORDER BY id", error);
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *list = NULL;
  const char *found;
  gint64 id = 0;
  int rc;

  if (known == NULL)
    return 0;
  stmt = helder_store_prepare (store,
                               "SELECT id, name FROM inv_item WHERE kind = 'supplier'"
                               " AND (CAST (id AS TEXT) = ?1 OR name = ?2) ORDER BY id",
                               error);
  if (stmt == NULL)
    return 0;
  found = find_folded (known, text);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, found != NULL ? found : text, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (!helder_store_propagate (store, rc, error))
    return 0;
  if (id != 0)
    return id;
  list = known_list (known, _ ("none yet"));
  helder_error_set (error, HELDER_ERROR_NOT_FOUND, "supplier",
                    _ ("supplier: “%s” is no supplier of the register (known: %s)"), text, list);
  return 0;
}

static gboolean
is_word (const char *folded, const char *english, const char *dutch)
{
  return g_str_equal (folded, english) || g_str_equal (folded, dutch);
}

static gboolean
parse_choice (const char *name, const char *value, int *out, GError **error)
{
  g_autofree char *v = helder_text_fold (value);

  if (g_str_equal (name, "group"))
    {
      if (is_word (v, "domain", "domein"))
        return (*out = INV_GROUP_DOMAIN, TRUE);
      if (is_word (v, "supplier", "leverancier"))
        return (*out = INV_GROUP_SUPPLIER, TRUE);
      helder_error_set (error, HELDER_ERROR_INVALID, "group",
                        _ ("group: “%s” is unknown; use domain or supplier"), value);
      return FALSE;
    }
  if (is_word (v, "auto", "automatisch"))
    return (*out = INV_LAYOUT_AUTO, TRUE);
  if (g_str_equal (v, "detail"))
    return (*out = INV_LAYOUT_DETAIL, TRUE);
  if (is_word (v, "overview", "overzicht"))
    return (*out = INV_LAYOUT_OVERVIEW, TRUE);
  helder_error_set (error, HELDER_ERROR_INVALID, "layout",
                    _ ("layout: “%s” is unknown; use auto, detail or overview"), value);
  return FALSE;
}

static gboolean
parse_word (HelderStore *store,
            const char *word,
            InvPictureOptions *options,
            GPtrArray *strings,
            GError **error)
{
  const char *eq = strchr (word, '=');
  g_autofree char *typed = eq != NULL ? g_strndup (word, eq - word) : g_strdup (word);
  g_autofree char *name = helder_text_fold (typed);
  const char *value = eq != NULL ? eq + 1 : NULL;
  char *domain;
  int choice;

  if (value == NULL && is_word (name, "external", "extern"))
    return (options->external_only = TRUE, TRUE);
  if (value != NULL && is_word (name, "domain", "domein"))
    {
      if ((domain = inv_picture_resolve_domain (store, value, error)) == NULL)
        return FALSE;
      g_ptr_array_add (strings, domain);
      options->domain = domain;
      return TRUE;
    }
  if (value != NULL && is_word (name, "supplier", "leverancier"))
    return (options->supplier = inv_picture_resolve_supplier (store, value, error)) != 0;
  if (value != NULL && is_word (name, "group", "groep"))
    return parse_choice ("group", value, &choice, error) &&
           (options->group_by = (InvGroupBy) choice, TRUE);
  if (value != NULL && is_word (name, "layout", "weergave"))
    return parse_choice ("layout", value, &choice, error) &&
           (options->layout = (InvLayout) choice, TRUE);
  helder_error_set (error, HELDER_ERROR_INVALID, "filter",
                    _ ("filter: “%s” is no filter; use domain=NAME, supplier=NAME, external, "
                       "group=domain|supplier or layout=auto|detail|overview"),
                    word);
  return FALSE;
}

gboolean
inv_picture_parse_filter (HelderStore *store,
                          const char *text,
                          InvPictureOptions *options,
                          GStrv *storage,
                          GError **error)
{
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) words = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && storage != NULL, FALSE);
  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "filter", "%s",
                        _ ("filter: the text is not valid UTF-8"));
      return FALSE;
    }
  words = g_strsplit (text, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *word = g_strstrip (words[i]);

      if (word[0] != '\0' && !parse_word (store, word, options, strings, error))
        {
          /* nothing of a refused filter is kept */
          options->domain = NULL;
          return FALSE;
        }
    }
  g_ptr_array_add (strings, NULL);
  *storage = (GStrv) g_ptr_array_free (g_steal_pointer (&strings), FALSE);
  return TRUE;
}
