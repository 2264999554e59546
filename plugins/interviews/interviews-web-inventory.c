/* interviews-web-inventory.c — the register, one item, and readiness
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /inventory: every item with its resolved fields, filtered by
 * ?kind=, ?domain=, ?supplier=, ?q=, ?conflicts=1 and ?incomplete=1, the
 * counts per kind and the completeness (per kind, how many items lack
 * each field), counted from the same rows the table shows. GET
 * /inventory/items/{id}: the fields, every source with what it said, and
 * each conflict side by side (a value per column, with who said it).
 * GET /inventory/readiness: per aspect "47 of 52" with the components
 * still missing, and a form (POST) to set a component's status.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "interviews-web-private.h"
#include "inv-service.h"

static const char *const statuses[] = { "open", "in-progress", "done", "not-applicable", NULL };

static void
bad_query (HelderWebRequest *request, const char *field, const char *message)
{
  helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", field, message);
}

static gboolean
flag_query (HelderWebRequest *request, const char *name, gboolean *value)
{
  const char *text = helder_web_query_text (request, name);

  if (*text && !g_str_equal (text, "1") && !g_str_equal (text, "0"))
    {
      g_autofree char *message = g_strdup_printf (_ ("%s: “%s” is not 1 or 0"), name, text);
      bad_query (request, name, message);
      return FALSE;
    }
  *value = g_str_equal (text, "1");
  return TRUE;
}

gboolean
iv_web_inv_filter (HelderWebRequest *request, InvFilter *filter)
{
  HelderStore *store = helder_web_request_get_store (request);
  const char *kind = helder_web_query_text (request, "kind");
  const char *supplier = helder_web_query_text (request, "supplier");
  static const char *const texts[] = { "domain", "q", "supplier" };

  memset (filter, 0, sizeof *filter);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!iv_web_check_length (request, texts[i], helder_web_query_text (request, texts[i]), 200))
      return FALSE;
  if (*kind && !inv_kind_check (kind, NULL))
    {
      g_autofree char *message = g_strdup_printf (_ ("kind: there is no kind of item “%s”"), kind);
      bad_query (request, "kind", message);
      return FALSE;
    }
  filter->kind = *kind ? kind : NULL;
  filter->domain =
    *helder_web_query_text (request, "domain") ? helder_web_query_text (request, "domain") : NULL;
  filter->text =
    *helder_web_query_text (request, "q") ? helder_web_query_text (request, "q") : NULL;
  if (*supplier)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HelderStmt) stmt = NULL;

      filter->supplier = inv_item_resolve (store, supplier, NULL);
      stmt = helder_store_prepare (store, "SELECT kind FROM inv_item WHERE id = ?1", &error);
      if (stmt != NULL && filter->supplier > 0)
        sqlite3_bind_int64 (stmt, 1, filter->supplier);
      if (filter->supplier <= 0 || stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW ||
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "supplier") != 0)
        {
          g_autofree char *message =
            g_strdup_printf (_ ("supplier: there is no supplier “%s”"), supplier);
          bad_query (request, "supplier", message);
          return FALSE;
        }
    }
  return flag_query (request, "conflicts", &filter->conflicts) &&
         flag_query (request, "incomplete", &filter->incomplete);
}

/* ---- the register ------------------------------------------------------------ */

static const char *const missing_words[][2] = {
  { "owner", N_ ("owner") },
  { "supplier", N_ ("supplier") },
  { "version", N_ ("version") },
  { "direction", N_ ("direction") },
  { "scope", N_ ("internal or external") },
  { "ends_on", N_ ("end date") },
  { "notice_months", N_ ("notice period") },
  { "domain", N_ ("domain") },
  { "type", N_ ("type") },
  { "protocol", N_ ("protocol") },
};

static const char *
field_word (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (missing_words); i++)
    if (g_str_equal (missing_words[i][0], field))
      return _ (missing_words[i][1]);
  return field;
}

static char *
missing_text (JsonArray *missing)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; missing != NULL && i < json_array_get_length (missing); i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "",
                            field_word (json_array_get_string_element (missing, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Per kind: the number of items, and how many lack each field. */
static JsonArray *
counts_view (JsonArray *items)
{
  JsonArray *kinds = json_array_new ();

  for (guint k = 0; inv_kinds[k] != NULL; k++)
    {
      g_autoptr (GHashTable) lacking = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GString) lacks = g_string_new (NULL);
      JsonObject *row;
      gint64 n = 0, incomplete = 0, conflicts = 0;
      gpointer count;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          JsonArray *missing = iv_web_array (item, "missing");

          if (g_strcmp0 (iv_web_string (item, "kind"), inv_kinds[k]) != 0)
            continue;
          n++;
          if (json_object_get_int_member_with_default (item, "conflicts", 0) > 0)
            conflicts++;
          if (missing != NULL && json_array_get_length (missing) > 0)
            incomplete++;
          for (guint m = 0; missing != NULL && m < json_array_get_length (missing); m++)
            {
              const char *f = json_array_get_string_element (missing, m);
              g_hash_table_insert (
                lacking, (gpointer) f,
                GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (lacking, f)) + 1));
            }
        }
      if (n == 0)
        continue;
      /* In a fixed order: the known fields first, then any other sorted. */
      for (guint w = 0; w < G_N_ELEMENTS (missing_words); w++)
        if ((count = g_hash_table_lookup (lacking, missing_words[w][0])) != NULL)
          {
            g_string_append_printf (lacks, "%s%s: %d", lacks->len ? ", " : "",
                                    _ (missing_words[w][1]), GPOINTER_TO_INT (count));
            g_hash_table_remove (lacking, missing_words[w][0]);
          }
      {
        g_autoptr (GList) rest = g_hash_table_get_keys (lacking);

        rest = g_list_sort (rest, (GCompareFunc) g_strcmp0);
        for (GList *l = rest; l != NULL; l = l->next)
          g_string_append_printf (lacks, "%s%s: %d", lacks->len ? ", " : "", (const char *) l->data,
                                  GPOINTER_TO_INT (g_hash_table_lookup (lacking, l->data)));
      }
      row = json_object_new ();
      json_object_set_string_member (row, "kind", inv_kind_label (inv_kinds[k]));
      json_object_set_int_member (row, "count", n);
      json_object_set_int_member (row, "complete", n - incomplete);
      json_object_set_int_member (row, "conflicts", conflicts);
      json_object_set_string_member (row, "lacking", lacks->str);
      json_array_add_object_element (kinds, row);
    }
  return kinds;
}

static JsonArray *
rows_view (JsonArray *items)
{
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *row = json_object_new ();
      g_autofree char *href = g_strdup_printf ("/inventory/items/%" G_GINT64_FORMAT,
                                               json_object_get_int_member (item, "id"));
      g_autofree char *supplier = iv_web_text_of (item, "supplier");
      g_autofree char *owner = iv_web_text_of (item, "owner");
      g_autofree char *missing = missing_text (iv_web_array (item, "missing"));

      json_object_set_string_member (row, "href", href);
      json_object_set_string_member (row, "name", iv_web_string (item, "name"));
      json_object_set_string_member (row, "kind", inv_kind_label (iv_web_string (item, "kind")));
      json_object_set_string_member (row, "domain", iv_web_string (item, "domain"));
      json_object_set_string_member (row, "supplier", supplier);
      json_object_set_string_member (row, "owner", owner);
      json_object_set_int_member (row, "sources",
                                  json_object_get_int_member_with_default (item, "sources", 0));
      json_object_set_int_member (row, "conflicts",
                                  json_object_get_int_member_with_default (item, "conflicts", 0));
      json_object_set_string_member (row, "missing", missing);
      json_array_add_object_element (rows, row);
    }
  return rows;
}

/* GET /inventory */
void
iv_web_handle_register (HelderWebRequest *request)
{
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) items = NULL;
  g_autoptr (GStrvBuilder) kinds = g_strv_builder_new ();
  g_auto (GStrv) kind_values = NULL;
  InvFilter filter;

  if (!iv_web_inv_filter (request, &filter))
    return;
  items = inv_item_list (helder_web_request_get_store (request), &filter, &error);
  if (items == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  for (guint k = 0; inv_kinds[k] != NULL; k++)
    g_strv_builder_add (kinds, inv_kinds[k]);
  kind_values = g_strv_builder_end (kinds);
  json_object_set_array_member (context, "items", rows_view (items));
  json_object_set_int_member (context, "count", json_array_get_length (items));
  json_object_set_boolean_member (context, "has_items", json_array_get_length (items) > 0);
  json_object_set_array_member (context, "counts", counts_view (items));
  json_object_set_array_member (context, "kinds",
                                iv_web_options ((const char *const *) kind_values, inv_kind_label,
                                                helder_web_query_text (request, "kind")));
  json_object_set_string_member (context, "domain", helder_web_query_text (request, "domain"));
  json_object_set_string_member (context, "supplier", helder_web_query_text (request, "supplier"));
  json_object_set_string_member (context, "q", helder_web_query_text (request, "q"));
  json_object_set_boolean_member (context, "conflicts", filter.conflicts);
  json_object_set_boolean_member (context, "incomplete", filter.incomplete);
  helder_web_respond_page (request, SOUP_STATUS_OK, "interviews/register", _ ("Inventory"),
                           context);
}

/* ---- one item ------------------------------------------------------------------ */

static const char *const item_fields[] = {
  "kind", "type",     "domain", "version",   "supplier", "owner",   "key_users",     "from",
  "to",   "protocol", "scope",  "direction", "subject",  "ends_on", "notice_months", "description",
};

static const char *
item_field_label (const char *field)
{
  static const char *const labels[][2] = {
    { "kind", N_ ("Kind") },
    { "type", N_ ("Type") },
    { "domain", N_ ("Domain") },
    { "version", N_ ("Version") },
    { "supplier", N_ ("Supplier") },
    { "owner", N_ ("Owner") },
    { "key_users", N_ ("Key users") },
    { "from", N_ ("From") },
    { "to", N_ ("Coupled to") },
    { "protocol", N_ ("Protocol") },
    { "scope", N_ ("Internal or external") },
    { "direction", N_ ("Direction") },
    { "subject", N_ ("Subject") },
    { "ends_on", N_ ("Ends on") },
    { "notice_months", N_ ("Notice period (months)") },
    { "description", N_ ("Description") },
    { "name", N_ ("Name") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i][0], field))
      return _ (labels[i][1]);
  return field;
}

static char *
shown_value (const char *field, const char *value)
{
  if (g_str_equal (field, "kind"))
    return g_strdup (inv_kind_label (value));
  if (g_str_equal (field, "ends_on") && *value)
    return helder_web_format_date (value);
  if (g_str_equal (field, "type") || g_str_equal (field, "scope") ||
      g_str_equal (field, "direction"))
    return g_strdup (iv_web_word (value));
  return g_strdup (value);
}

static JsonArray *
fields_view (JsonObject *item)
{
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (item_fields); i++)
    {
      g_autofree char *raw = NULL;
      g_autofree char *value = NULL;
      JsonObject *row;

      if (!json_object_has_member (item, item_fields[i]))
        continue;
      raw = iv_web_text_of (item, item_fields[i]);
      if (*raw == '\0' && !g_str_equal (item_fields[i], "owner"))
        continue;
      value = shown_value (item_fields[i], raw);
      row = json_object_new ();
      json_object_set_string_member (row, "label", item_field_label (item_fields[i]));
      json_object_set_string_member (row, "value", *value ? value : _ ("not known"));
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static char *
source_name (JsonObject *source)
{
  const char *title = iv_web_string (source, "interview_title");
  const char *origin = iv_web_string (source, "origin");

  if (title != NULL && *title)
    return g_strdup_printf (_ ("interview “%s”"), title);
  return g_strdup (origin != NULL && *origin ? origin : _ ("the register"));
}

static JsonArray *
sources_view (JsonObject *item)
{
  JsonArray *sources = iv_web_array (item, "sources");
  JsonArray *rows = json_array_new ();

  for (guint i = 0; sources != NULL && i < json_array_get_length (sources); i++)
    {
      JsonObject *s = json_array_get_object_element (sources, i);
      JsonObject *claims = iv_web_object (s, "claims");
      JsonObject *row = json_object_new ();
      g_autofree char *name = source_name (s);
      g_autoptr (GString) said = g_string_new (NULL);
      gint64 interview = json_object_get_int_member_with_default (s, "interview", 0);
      const char *noted = iv_web_string (s, "noted_at");
      g_autofree char *when = noted != NULL ? helder_web_format_datetime (noted) : g_strdup ("");

      if (claims != NULL)
        {
          g_autoptr (GList) members = json_object_get_members (claims);

          for (GList *l = members; l != NULL; l = l->next)
            {
              g_autofree char *value = iv_web_text_of (claims, l->data);
              g_autofree char *shown = shown_value (l->data, value);

              g_string_append_printf (said, "%s%s: %s", said->len ? "; " : "",
                                      item_field_label (l->data), shown);
            }
        }
      json_object_set_string_member (row, "name", name);
      if (interview > 0)
        {
          g_autofree char *href = g_strdup_printf ("/interviews/%" G_GINT64_FORMAT, interview);
          json_object_set_string_member (row, "href", href);
        }
      json_object_set_string_member (row, "noted", when);
      json_object_set_string_member (row, "said", said->str);
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static JsonArray *
conflicts_view (JsonObject *item)
{
  JsonArray *conflicts = iv_web_array (item, "conflicts");
  JsonArray *rows = json_array_new ();

  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonObject *c = json_array_get_object_element (conflicts, i);
      JsonArray *values = iv_web_array (c, "values");
      const char *field = iv_web_string (c, "field");
      JsonObject *row = json_object_new ();
      JsonArray *columns = json_array_new ();

      for (guint v = 0; values != NULL && v < json_array_get_length (values); v++)
        {
          JsonObject *value = json_array_get_object_element (values, v);
          JsonArray *by = iv_web_array (value, "sources");
          JsonObject *column = json_object_new ();
          g_autofree char *raw = iv_web_text_of (value, "value");
          g_autofree char *shown = shown_value (field != NULL ? field : "", raw);
          g_autoptr (GString) who = g_string_new (NULL);

          for (guint s = 0; by != NULL && s < json_array_get_length (by); s++)
            {
              JsonNode *node = json_array_get_element (by, s);
              g_autofree char *name = NULL;

              if (JSON_NODE_HOLDS_OBJECT (node))
                name = source_name (json_node_get_object (node));
              else if (json_node_get_value_type (node) == G_TYPE_STRING)
                name = g_strdup (json_node_get_string (node));
              if (name != NULL)
                g_string_append_printf (who, "%s%s", who->len ? ", " : "", name);
            }
          json_object_set_string_member (column, "value", shown);
          json_object_set_string_member (column, "sources", who->str);
          json_array_add_object_element (columns, column);
        }
      json_object_set_string_member (row, "field", item_field_label (field != NULL ? field : ""));
      json_object_set_array_member (row, "values", columns);
      json_array_add_object_element (rows, row);
    }
  return rows;
}

static JsonArray *
couplings_view (JsonObject *item)
{
  JsonArray *couplings = iv_web_array (item, "couplings");
  JsonArray *rows = json_array_new ();

  for (guint i = 0; couplings != NULL && i < json_array_get_length (couplings); i++)
    {
      JsonObject *c = json_array_get_object_element (couplings, i);
      JsonObject *row = json_object_new ();
      g_autofree char *from = iv_web_text_of (c, "from");
      g_autofree char *to = iv_web_text_of (c, "to");
      g_autofree char *name = iv_web_text_of (c, "name");
      gint64 id = json_object_get_int_member_with_default (c, "id", 0);

      if (id > 0)
        {
          g_autofree char *href = g_strdup_printf ("/inventory/items/%" G_GINT64_FORMAT, id);
          json_object_set_string_member (row, "href", href);
        }
      json_object_set_string_member (row, "name", *name ? name : "→");
      json_object_set_string_member (row, "from", from);
      json_object_set_string_member (row, "to", to);
      json_object_set_string_member (row, "protocol", iv_web_string (c, "protocol"));
      json_array_add_object_element (rows, row);
    }
  return rows;
}

/* GET /inventory/items/{id} */
void
iv_web_handle_item (HelderWebRequest *request)
{
  gint64 id = iv_web_id_param (request, "inv_item", _ ("item"));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) item = NULL;
  g_autoptr (JsonObject) context = NULL;
  JsonObject *view;
  JsonArray *conflicts, *couplings;

  if (id <= 0)
    return;
  item = inv_item_get (helder_web_request_get_store (request), id, &error);
  if (item == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  context = json_object_new ();
  view = json_object_new ();
  json_object_set_string_member (view, "name", iv_web_string (item, "name"));
  json_object_set_string_member (view, "kind", inv_kind_label (iv_web_string (item, "kind")));
  json_object_set_array_member (view, "fields", fields_view (item));
  json_object_set_array_member (view, "sources", sources_view (item));
  conflicts = conflicts_view (item);
  json_object_set_boolean_member (view, "has_conflicts", json_array_get_length (conflicts) > 0);
  json_object_set_array_member (view, "conflicts", conflicts);
  couplings = couplings_view (item);
  json_object_set_boolean_member (view, "has_couplings", json_array_get_length (couplings) > 0);
  json_object_set_array_member (view, "couplings", couplings);
  {
    g_autofree char *missing = missing_text (iv_web_array (item, "missing"));
    json_object_set_string_member (view, "missing", missing);
  }
  json_object_set_object_member (context, "item", view);
  helder_web_respond_page (request, SOUP_STATUS_OK, "interviews/item", iv_web_string (item, "name"),
                           context);
}

/* ---- readiness ------------------------------------------------------------------ */

static const char *
readiness_word (const char *value)
{
  return iv_web_word (value);
}

static void
respond_readiness (HelderWebRequest *request, guint status, GHashTable *form, const GError *problem)
{
  const char *domain = helder_web_query_text (request, "domain");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) totals = NULL;
  g_autoptr (JsonObject) context = NULL;
  JsonArray *rows;

  if (!iv_web_check_length (request, "domain", domain, 200))
    return;
  totals =
    inv_readiness_totals (helder_web_request_get_store (request), *domain ? domain : NULL, &error);
  if (totals == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  context = json_object_new ();
  rows = json_array_new ();
  for (guint i = 0; i < json_array_get_length (totals); i++)
    {
      JsonObject *t = json_array_get_object_element (totals, i);
      JsonArray *missing = iv_web_array (t, "missing");
      JsonObject *row = json_object_new ();
      JsonArray *list = json_array_new ();
      gint64 done = json_object_get_int_member_with_default (t, "done", 0);
      gint64 applicable = json_object_get_int_member_with_default (t, "applicable", 0);
      /* TRANSLATORS: readiness: "47 of 52" components */
      g_autofree char *of = g_strdup_printf (_ ("%" PRId64 " of %" PRId64), done, applicable);

      for (guint m = 0; missing != NULL && m < json_array_get_length (missing); m++)
        {
          JsonObject *c = json_array_get_object_element (missing, m);
          JsonObject *entry = json_object_new ();
          g_autofree char *href =
            g_strdup_printf ("/inventory/items/%" G_GINT64_FORMAT,
                             json_object_get_int_member_with_default (c, "id", 0));

          json_object_set_string_member (entry, "href", href);
          json_object_set_string_member (entry, "name", iv_web_string (c, "name"));
          json_object_set_string_member (entry, "status",
                                         readiness_word (iv_web_string (c, "status")));
          json_array_add_object_element (list, entry);
        }
      json_object_set_string_member (row, "label",
                                     inv_readiness_label (iv_web_string (t, "aspect")));
      json_object_set_string_member (row, "of", of);
      json_object_set_int_member (row, "missing_count", json_array_get_length (list));
      json_object_set_array_member (row, "missing", list);
      json_array_add_object_element (rows, row);
    }
  json_object_set_array_member (context, "totals", rows);
  json_object_set_string_member (context, "domain", domain);
  {
    JsonObject *f = json_object_new ();
    static const char *const texts[] = { "component", "value", "on_date", "note" };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      json_object_set_string_member (f, texts[i], helder_web_form_text (form, texts[i]));
    json_object_set_array_member (f, "aspects",
                                  iv_web_options (inv_readiness_aspects, inv_readiness_label,
                                                  helder_web_form_text (form, "aspect")));
    json_object_set_array_member (
      f, "statuses",
      iv_web_options (statuses, readiness_word, helder_web_form_text (form, "status")));
    json_object_set_object_member (context, "form", f);
  }
  json_object_set_boolean_member (context, "may_write",
                                  helder_web_request_may (request, "inventory.write"));
  json_object_set_boolean_member (context, "saved",
                                  g_str_equal (helder_web_query_text (request, "saved"), "1"));
  if (problem != NULL)
    helder_web_add_errors (context, problem, NULL);
  helder_web_respond_page (request, status, "interviews/readiness", _ ("Readiness"), context);
}

/* GET /inventory/readiness */
void
iv_web_handle_readiness (HelderWebRequest *request)
{
  respond_readiness (request, SOUP_STATUS_OK, NULL, NULL);
}

/* POST /inventory/readiness */
void
iv_web_handle_readiness_set (HelderWebRequest *request)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (GHashTable) form = helder_web_read_form (request);
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = { 0 };
  const char *component, *value, *on_date;
  g_autofree char *note = NULL;
  gint64 item = 0;

  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  helder_web_request_actor (request, &actor);
  component = helder_web_form_text (form, "component");
  value = helder_web_form_text (form, "value");
  on_date = helder_web_form_text (form, "on_date");
  note = helder_web_form_multiline (form, "note");
  if (helder_web_blank (component))
    helder_error_set (&error, HELDER_ERROR_INVALID, "component",
                      _ ("component: give the component's name or number"));
  else if (g_utf8_strlen (value, -1) > 100 || g_utf8_strlen (note, -1) > 2000)
    helder_error_set (&error, HELDER_ERROR_INVALID,
                      g_utf8_strlen (note, -1) > 2000 ? "note" : "value", _ ("%s: is too long"),
                      g_utf8_strlen (note, -1) > 2000 ? "note" : "value");
  else if ((item = inv_item_resolve (store, component, &error)) > 0)
    inv_readiness_set (store, &actor, item, helder_web_form_text (form, "aspect"),
                       helder_web_form_text (form, "status"), value, *on_date ? on_date : NULL,
                       note, &error);
  if (error != NULL)
    {
      if (helder_error_get_field (error) == NULL && item <= 0)
        {
          g_autoptr (GError) named = NULL;
          helder_error_set (&named, error->code, "component", "%s", error->message);
          g_clear_error (&error);
          error = g_steal_pointer (&named);
        }
      respond_readiness (request, helder_web_status_of (error, NULL), form, error);
      return;
    }
  helder_web_redirect (request, "/inventory/readiness?saved=1");
}
