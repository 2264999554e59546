/* interviews-web-picture.c — the architecture picture on the web, drawn
 * in one worker thread, answered from a cache
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing a picture with Graphviz can take two seconds, and the server
 * has one main loop for everyone: the handlers never draw. They read the
 * filter (?domain=, ?supplier=, ?external=1, ?group=domain|supplier,
 * ?layout=auto|detail|overview; the API also ?format=svg|dot) and look in
 * a cache keyed by the database's stamp (helder_store_stamp(): any commit
 * changes it) and the filter. What is not there is drawn by the one
 * worker thread, on its own connection to the same database, while the
 * request waits paused (helder_web_request_defer()); the answer is made
 * back in the server's main context. With more than MAX_WAITING pictures
 * waiting, a request is refused with 503 and Retry-After at once.
 *
 * GET /inventory/picture is the page: the filter form, the picture
 * inline, a link to download it (/inventory/picture.svg with the same
 * filter) and the same content as a table, for those who cannot read the
 * picture. GET /api/v1/inventory/picture.svg and …/table are the API.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "interviews-web-private.h"
#include "inv-service.h"

/* Pictures waiting for the worker (being drawn included) before refusing. */
#define MAX_WAITING 4
/* Pictures kept; the cache is emptied when it is full. */
#define MAX_CACHED 8
/* What a refused request is told to wait, in seconds. */
#define RETRY_AFTER 5

typedef enum
{
  ANSWER_PAGE,
  ANSWER_DOWNLOAD,
  ANSWER_API_SVG,
  ANSWER_API_DOT,
  ANSWER_API_TABLE,
} Answer;

/* What one filter drew. */
typedef struct
{
  GBytes *svg;
  char *dot;
  InvLayout layout;
  JsonObject *table; /* for the page */
} Drawn;

static void
drawn_free (Drawn *d)
{
  g_clear_pointer (&d->svg, g_bytes_unref);
  g_free (d->dot);
  g_clear_pointer (&d->table, json_object_unref);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drawn, drawn_free)

typedef struct
{
  char *db_path;
  char *key;
  Answer answer;
  /* the filter, its strings owned here */
  InvPictureOptions options;
  char *domain;
  char *lang;
  char *query; /* the filter as a query string, for links */
  char *supplier_text;
  /* the result */
  Drawn *drawn;
  GError *error;
  HelderWebRequest *deferred;
  GMainContext *context;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->key);
  g_free (job->domain);
  g_free (job->lang);
  g_free (job->query);
  g_free (job->supplier_text);
  g_clear_pointer (&job->drawn, drawn_free);
  g_clear_error (&job->error);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* The worker and the cache, shared by every server of the process. */
static GMutex lock;
static GAsyncQueue *queue;
static GThread *worker;
static guint waiting;
static GHashTable *cache; /* key → Drawn */

/* ---- the worker ------------------------------------------------------------------ */

static void answer_job (HelderWebRequest *request, gpointer data);

static gboolean
job_done (gpointer data)
{
  Job *job = data;

  g_mutex_lock (&lock);
  waiting--;
  if (job->drawn != NULL && job->error == NULL)
    {
      Drawn *copy = g_new0 (Drawn, 1);

      copy->svg = job->drawn->svg != NULL ? g_bytes_ref (job->drawn->svg) : NULL;
      copy->dot = g_strdup (job->drawn->dot);
      copy->layout = job->drawn->layout;
      copy->table = job->drawn->table != NULL ? json_object_ref (job->drawn->table) : NULL;
      if (g_hash_table_size (cache) >= MAX_CACHED)
        g_hash_table_remove_all (cache);
      g_hash_table_replace (cache, g_strdup (job->key), copy);
    }
  g_mutex_unlock (&lock);
  helder_web_request_resume (job->deferred, answer_job, job);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
draw (HelderStore *store, Job *job)
{
  g_autoptr (Drawn) drawn = g_new0 (Drawn, 1);

  if (job->answer == ANSWER_API_DOT)
    drawn->dot = inv_picture_dot (store, &job->options, &job->error);
  else if (job->answer != ANSWER_API_TABLE)
    drawn->svg = inv_picture_svg (store, &job->options, &drawn->layout, &job->error);
  /* The page, the download and the API's SVG share one drawing, with its table. */
  if (job->error == NULL && job->answer != ANSWER_API_DOT)
    drawn->table = inv_picture_table (store, &job->options, &job->error);
  if (job->error == NULL)
    job->drawn = g_steal_pointer (&drawn);
}

static gpointer
work (gpointer data)
{
  g_autoptr (HelderStore) store = NULL;

  for (;;)
    {
      Job *job = g_async_queue_pop (queue);

      if (store == NULL || g_strcmp0 (helder_store_get_path (store), job->db_path) != 0)
        {
          g_clear_object (&store);
          store = helder_store_open (job->db_path, &job->error);
        }
      if (store != NULL)
        draw (store, job);
      g_main_context_invoke (job->context, job_done, job);
    }
  return NULL;
}

/* Defers the request and queues @job for the worker, or (FALSE) does
 * neither when too many wait. */
static gboolean
enqueue (HelderWebRequest *request, Job *job)
{
  gboolean queued = FALSE;

  g_mutex_lock (&lock);
  if (queue == NULL)
    {
      queue = g_async_queue_new ();
      worker = g_thread_new ("helder-picture", work, NULL);
    }
  if (waiting < MAX_WAITING)
    {
      waiting++;
      queued = TRUE;
      job->deferred = helder_web_request_defer (request);
      g_async_queue_push (queue, job);
    }
  g_mutex_unlock (&lock);
  return queued;
}

/* ---- the filter ------------------------------------------------------------------ */

static gboolean
domain_exists (HelderStore *store, const char *domain)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT 1 FROM inv_item WHERE domain = ?1 LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, domain, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gint64
supplier_of (HelderStore *store, const char *text)
{
  gint64 id = inv_item_resolve (store, text, NULL);
  g_autoptr (HelderStmt) stmt = NULL;

  if (id <= 0)
    return 0;
  stmt = helder_store_prepare (store, "SELECT kind FROM inv_item WHERE id = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "supplier") != 0)
    return 0;
  return id;
}

static gboolean
refuse (HelderWebRequest *request, const char *field, char *message)
{
  helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", field, message);
  g_free (message);
  return FALSE;
}

/* The filter of the query into @job; FALSE after answering 400. */
static gboolean
read_filter (HelderWebRequest *request, Job *job)
{
  HelderStore *store = helder_web_request_get_store (request);
  const char *domain = helder_web_query_text (request, "domain");
  const char *supplier = helder_web_query_text (request, "supplier");
  const char *external = helder_web_query_text (request, "external");
  const char *group = helder_web_query_text (request, "group");
  const char *layout = helder_web_query_text (request, "layout");
  g_autoptr (GString) query = g_string_new (NULL);

  if (!iv_web_check_length (request, "domain", domain, 200) ||
      !iv_web_check_length (request, "supplier", supplier, 200))
    return FALSE;
  if (*domain && !domain_exists (store, domain))
    return refuse (
      request, "domain",
      g_strdup_printf (_ ("domain: there is no domain “%s” in the inventory"), domain));
  if (*supplier && (job->options.supplier = supplier_of (store, supplier)) == 0)
    return refuse (request, "supplier",
                   g_strdup_printf (_ ("supplier: there is no supplier “%s”"), supplier));
  if (*external && !g_str_equal (external, "1") && !g_str_equal (external, "0"))
    return refuse (request, "external",
                   g_strdup_printf (_ ("%s: “%s” is not 1 or 0"), "external", external));
  if (*group && !g_str_equal (group, "domain") && !g_str_equal (group, "supplier"))
    return refuse (request, "group",
                   g_strdup_printf (_ ("group: “%s” is not domain or supplier"), group));
  if (*layout && !g_str_equal (layout, "auto") && !g_str_equal (layout, "detail") &&
      !g_str_equal (layout, "overview"))
    return refuse (request, "layout",
                   g_strdup_printf (_ ("layout: “%s” is not auto, detail or overview"), layout));
  job->domain = *domain ? g_strdup (domain) : NULL;
  job->supplier_text = g_strdup (supplier);
  job->lang = g_strdup (helder_web_request_get_lang (request));
  job->options.domain = job->domain;
  job->options.external_only = g_str_equal (external, "1");
  job->options.group_by = g_str_equal (group, "supplier") ? INV_GROUP_SUPPLIER : INV_GROUP_DOMAIN;
  job->options.layout = g_str_equal (layout, "detail")     ? INV_LAYOUT_DETAIL
                        : g_str_equal (layout, "overview") ? INV_LAYOUT_OVERVIEW
                                                           : INV_LAYOUT_AUTO;
  job->options.lang = job->lang;
  if (*domain)
    {
      g_autofree char *escaped = g_uri_escape_string (domain, NULL, FALSE);
      g_string_append_printf (query, "&domain=%s", escaped);
    }
  if (*supplier)
    {
      g_autofree char *escaped = g_uri_escape_string (supplier, NULL, FALSE);
      g_string_append_printf (query, "&supplier=%s", escaped);
    }
  if (job->options.external_only)
    g_string_append (query, "&external=1");
  if (job->options.group_by == INV_GROUP_SUPPLIER)
    g_string_append (query, "&group=supplier");
  if (*layout && !g_str_equal (layout, "auto"))
    g_string_append_printf (query, "&layout=%s", layout);
  job->query = g_strdup (query->len ? query->str + 1 : "");
  return TRUE;
}

static char *
cache_key (HelderStore *store, Job *job, GError **error)
{
  HelderStoreStamp stamp;

  if (!helder_store_stamp (store, &stamp, error))
    return NULL;
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%s|%s",
                          helder_store_get_path (store), stamp.data_version, stamp.changes,
                          job->answer == ANSWER_API_DOT     ? 2
                          : job->answer == ANSWER_API_TABLE ? 3
                                                            : 1,
                          job->lang, job->query);
}

/* ---- the answers ------------------------------------------------------------------ */

/* The SVG without its XML prolog and DOCTYPE, to put inside a page, and
 * without Graphviz's <title> elements: they hold the graph's and nodes'
 * internal names ("inventory", "item-12"), not words for people; the
 * picture's name is its caption, its content the table below it. */
static char *
inline_svg (GBytes *svg)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (svg, &size);
  g_autofree char *text = g_strndup (data, size);
  const char *p = strstr (text, "<svg");
  GString *out = g_string_sized_new (size);

  while (p != NULL && *p)
    {
      const char *title = strstr (p, "<title>");
      const char *end = title != NULL ? strstr (title, "</title>") : NULL;

      if (end == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, title - p);
      p = end + strlen ("</title>");
    }
  return g_string_free (out, FALSE);
}

static JsonArray *
table_rows (JsonObject *table, const char *member, const char *const *fields)
{
  JsonArray *rows = iv_web_array (table, member);
  JsonArray *out = json_array_new ();

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      JsonObject *row = json_object_new ();
      gint64 id = json_object_get_int_member_with_default (r, "id", 0);

      for (guint f = 0; fields[f] != NULL; f++)
        {
          g_autofree char *value = iv_web_text_of (r, fields[f]);
          const char *shown = value;

          if (g_str_equal (fields[f], "kind"))
            shown = inv_kind_label (value);
          else if (g_str_equal (fields[f], "scope") || g_str_equal (fields[f], "direction"))
            shown = iv_web_word (value);
          json_object_set_string_member (row, fields[f], shown);
        }
      if (id > 0)
        {
          g_autofree char *href = g_strdup_printf ("/inventory/items/%" G_GINT64_FORMAT, id);
          json_object_set_string_member (row, "href", href);
        }
      json_array_add_object_element (out, row);
    }
  return out;
}

static JsonArray *
domain_options (HelderWebRequest *request, const char *selected)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    helder_web_request_get_store (request),
    "SELECT DISTINCT domain FROM inv_item WHERE domain != '' ORDER BY domain", NULL);
  JsonArray *options = json_array_new ();

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      const char *domain = (const char *) sqlite3_column_text (stmt, 0);

      json_object_set_string_member (o, "value", domain);
      json_object_set_string_member (o, "label", domain);
      json_object_set_boolean_member (o, "selected", g_strcmp0 (domain, selected) == 0);
      json_array_add_object_element (options, o);
    }
  return options;
}

static JsonArray *
supplier_options (HelderWebRequest *request, const char *selected)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (helder_web_request_get_store (request),
                          "SELECT name FROM inv_item WHERE kind = 'supplier' ORDER BY name", NULL);
  JsonArray *options = json_array_new ();

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      json_object_set_string_member (o, "value", name);
      json_object_set_string_member (o, "label", name);
      json_object_set_boolean_member (o, "selected", g_strcmp0 (name, selected) == 0);
      json_array_add_object_element (options, o);
    }
  return options;
}

static void
answer_page (HelderWebRequest *request, Job *job)
{
  static const char *const item_fields[] = { "name", "kind", "domain", "supplier", "owner", NULL };
  static const char *const coupling_fields[] = { "from",      "to",    "protocol", "scope",
                                                 "direction", "owner", NULL };
  g_autoptr (JsonObject) context = json_object_new ();
  g_autofree char *svg = inline_svg (job->drawn->svg);
  g_autofree char *download =
    g_strdup_printf ("/inventory/picture.svg%s%s", *job->query ? "?" : "", job->query);
  JsonArray *items = table_rows (job->drawn->table, "items", item_fields);
  JsonArray *couplings = table_rows (job->drawn->table, "couplings", coupling_fields);

  json_object_set_string_member (context, "svg", svg);
  json_object_set_string_member (context, "download", download);
  json_object_set_boolean_member (context, "overview", job->drawn->layout == INV_LAYOUT_OVERVIEW);
  json_object_set_int_member (context, "item_count", json_array_get_length (items));
  json_object_set_int_member (context, "coupling_count", json_array_get_length (couplings));
  json_object_set_boolean_member (context, "has_items", json_array_get_length (items) > 0);
  json_object_set_boolean_member (context, "has_couplings", json_array_get_length (couplings) > 0);
  json_object_set_array_member (context, "items", items);
  json_object_set_array_member (context, "couplings", couplings);
  json_object_set_array_member (context, "domains",
                                domain_options (request, job->domain != NULL ? job->domain : ""));
  json_object_set_array_member (context, "suppliers",
                                supplier_options (request, job->supplier_text));
  json_object_set_boolean_member (context, "external", job->options.external_only);
  json_object_set_boolean_member (context, "by_supplier",
                                  job->options.group_by == INV_GROUP_SUPPLIER);
  json_object_set_boolean_member (context, "layout_detail",
                                  job->options.layout == INV_LAYOUT_DETAIL);
  json_object_set_boolean_member (context, "layout_overview",
                                  job->options.layout == INV_LAYOUT_OVERVIEW);
  helder_web_respond_page (request, SOUP_STATUS_OK, "interviews/picture",
                           _ ("Architecture picture"), context);
}

static void
answer_job (HelderWebRequest *request, gpointer data)
{
  Job *job = data;

  if (job->error != NULL)
    {
      helder_web_respond_gerror (request, NULL, job->error);
      return;
    }
  switch (job->answer)
    {
    case ANSWER_PAGE:
      answer_page (request, job);
      break;
    case ANSWER_DOWNLOAD:
      helder_web_set_header (request, "Content-Disposition",
                             "attachment; filename=\"architectuurplaat.svg\"");
      helder_web_respond_bytes (request, SOUP_STATUS_OK, "image/svg+xml", job->drawn->svg);
      break;
    case ANSWER_API_SVG:
      helder_web_respond_bytes (request, SOUP_STATUS_OK, "image/svg+xml", job->drawn->svg);
      break;
    case ANSWER_API_DOT:
      {
        g_autoptr (GBytes) dot = g_bytes_new (job->drawn->dot, strlen (job->drawn->dot));
        helder_web_respond_bytes (request, SOUP_STATUS_OK, "text/vnd.graphviz; charset=utf-8", dot);
      }
      break;
    case ANSWER_API_TABLE:
      helder_web_respond_object (request, SOUP_STATUS_OK, job->drawn->table);
      break;
    }
}

/* Answers @answer for the request's filter: from the cache, or later from
 * the worker, or 503 when too many wait. */
static void
picture (HelderWebRequest *request, Answer answer)
{
  HelderStore *store = helder_web_request_get_store (request);
  g_autoptr (Job) job = g_new0 (Job, 1);
  g_autoptr (GError) error = NULL;
  Drawn *cached = NULL;

  job->answer = answer;
  if (!read_filter (request, job))
    return;
  job->key = cache_key (store, job, &error);
  if (job->key == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) drawn_free);
  cached = g_hash_table_lookup (cache, job->key);
  if (cached != NULL)
    {
      job->drawn = g_new0 (Drawn, 1);
      job->drawn->svg = cached->svg != NULL ? g_bytes_ref (cached->svg) : NULL;
      job->drawn->dot = g_strdup (cached->dot);
      job->drawn->layout = cached->layout;
      job->drawn->table = cached->table != NULL ? json_object_ref (cached->table) : NULL;
    }
  g_mutex_unlock (&lock);
  if (job->drawn != NULL)
    {
      answer_job (request, job);
      return;
    }
  job->db_path = g_strdup (helder_store_get_path (store));
  job->context = g_main_context_ref_thread_default ();
  if (!enqueue (request, job))
    {
      g_autofree char *seconds = g_strdup_printf ("%d", RETRY_AFTER);

      helder_web_set_header (request, "Retry-After", seconds);
      helder_web_respond_error (request, SOUP_STATUS_SERVICE_UNAVAILABLE, "busy", NULL,
                                _ ("other pictures are being drawn; try again in a few seconds"));
      return;
    }
  g_steal_pointer (&job);
}

/* GET /inventory/picture */
void
iv_web_handle_picture (HelderWebRequest *request)
{
  picture (request, ANSWER_PAGE);
}

/* GET /inventory/picture.svg */
void
iv_web_handle_picture_svg (HelderWebRequest *request)
{
  picture (request, ANSWER_DOWNLOAD);
}

/* GET /api/v1/inventory/picture.svg */
void
iv_web_api_picture (HelderWebRequest *request)
{
  const char *format = helder_web_query_text (request, "format");

  if (*format && !g_str_equal (format, "svg") && !g_str_equal (format, "dot"))
    {
      g_autofree char *message = g_strdup_printf (_ ("format: “%s” is not svg or dot"), format);
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "format", message);
      return;
    }
  picture (request, g_str_equal (format, "dot") ? ANSWER_API_DOT : ANSWER_API_SVG);
}

/* GET /api/v1/inventory/table */
void
iv_web_api_picture_table (HelderWebRequest *request)
{
  picture (request, ANSWER_API_TABLE);
}
