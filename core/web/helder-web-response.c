/* helder-web-response.c — answering: JSON, errors, pages, redirects
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page goes through helder_web_respond_page(): the page's template is
 * rendered, then placed in the layout with the navigation for the caller's
 * role. Every error goes through helder_web_respond_error(): one JSON shape
 * for the API, one error page for people.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <cmark.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "services/access/helder-audit.h"
#include "services/repo/helder-repo.h"
#include "web/helder-template.h"
#include "web/helder-web-private.h"

void
helder_web_respond_bytes (HelderWebRequest *request,
                          guint status,
                          const char *content_type,
                          GBytes *body)
{
  gsize length;
  gconstpointer data = g_bytes_get_data (body, &length);

  soup_server_message_set_status (request->msg, status, NULL);
  if (strcmp (request->method, "HEAD") == 0)
    {
      soup_server_message_set_response (request->msg, content_type, SOUP_MEMORY_STATIC, NULL, 0);
      soup_message_headers_set_content_length (
        soup_server_message_get_response_headers (request->msg), (goffset) length);
      return;
    }
  soup_server_message_set_response (request->msg, content_type, SOUP_MEMORY_COPY, data, length);
}

static void
respond_text (HelderWebRequest *request, guint status, const char *content_type, char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new_take (text, strlen (text));

  helder_web_respond_bytes (request, status, content_type, bytes);
}

void
helder_web_respond_json (HelderWebRequest *request, guint status, JsonNode *body)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, body);
  respond_text (request, status, "application/json; charset=utf-8",
                json_generator_to_data (generator, NULL));
}

void
helder_web_respond_object (HelderWebRequest *request, guint status, JsonObject *body)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, body);
  helder_web_respond_json (request, status, node);
}

static const char *
error_heading (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      return _ ("Something in the request is not right");
    case SOUP_STATUS_UNAUTHORIZED:
      return _ ("Sign in first");
    case SOUP_STATUS_FORBIDDEN:
      return _ ("Not for you");
    case SOUP_STATUS_NOT_FOUND:
      return _ ("Not found");
    case SOUP_STATUS_METHOD_NOT_ALLOWED:
      return _ ("Not possible here");
    case SOUP_STATUS_CONFLICT:
      return _ ("That cannot be done now");
    case 429:
      return _ ("Too many attempts");
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      return _ ("Too large");
    default:
      return _ ("Something went wrong");
    }
}

void
helder_web_respond_error (HelderWebRequest *request,
                          guint status,
                          const char *code,
                          const char *field,
                          const char *message)
{
  gboolean api = request->route != NULL ? (request->route->flags & HELDER_ROUTE_API) != 0
                                        : g_str_has_prefix (request->path, "/api/") ||
                                            g_str_has_suffix (request->path, ".ics");

  if (api)
    {
      g_autoptr (JsonObject) body = json_object_new ();
      JsonObject *error = json_object_new ();

      json_object_set_string_member (error, "code", code);
      json_object_set_string_member (error, "message", message);
      if (field != NULL)
        json_object_set_string_member (error, "field", field);
      else
        json_object_set_null_member (error, "field");
      json_object_set_object_member (body, "error", error);
      helder_web_respond_object (request, status, body);
      return;
    }
  else
    {
      g_autoptr (JsonObject) context = json_object_new ();

      json_object_set_int_member (context, "status", status);
      json_object_set_string_member (context, "heading", error_heading (status));
      /* API messages are clauses ("the token is unknown …"); a page shows
       * a sentence. */
      {
        g_autofree char *sentence = NULL;

        if (message != NULL && g_unichar_islower (g_utf8_get_char (message)))
          {
            gunichar first = g_unichar_toupper (g_utf8_get_char (message));
            char buffer[8] = { 0 };

            g_unichar_to_utf8 (first, buffer);
            sentence = g_strconcat (buffer, g_utf8_next_char (message), NULL);
          }
        json_object_set_string_member (context, "message", sentence ? sentence : message);
      }
      if (field != NULL)
        json_object_set_string_member (context, "field", field);
      json_object_set_boolean_member (context, "signed_in",
                                      request->identity.role != HELDER_WEB_ANONYMOUS);
      json_object_set_boolean_member (context, "unauthorized", status == SOUP_STATUS_UNAUTHORIZED);
      helder_web_respond_page (request, status, "error", error_heading (status), context);
    }
}

/**
 * helder_web_error_field:
 *
 * Returns: (nullable): the field @error is about, as the service that set
 *   it said (helder_error_get_field()), when @entity has such a field (any
 *   field when @entity is %NULL)
 */
char *
helder_web_error_field (const HelderEntity *entity, const GError *error)
{
  const char *field = helder_error_get_field (error);

  if (field == NULL || (entity != NULL && helder_entity_get_field (entity, field) == NULL))
    return NULL;
  return g_strdup (field);
}

void
helder_web_respond_gerror (HelderWebRequest *request,
                           const HelderEntity *entity,
                           const GError *error)
{
  g_autofree char *field = helder_web_error_field (entity, error);
  const char *code = NULL;
  guint status = helder_web_status_of (error, &code);

  if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR)
    g_warning ("%s %s: %s", request->method, request->path, error->message);
  helder_web_respond_error (request, status, code, field, error->message);
}

/* ---- pages ---------------------------------------------------------------- */

static const char *
role_label (HelderWebRole role)
{
  switch (role)
    {
    case HELDER_WEB_ADVISOR:
      return _ ("strategic advisor");
    case HELDER_WEB_HR:
      return _ ("HR");
    case HELDER_WEB_EMPLOYEE:
      return _ ("employee");
    default:
      return "";
    }
}

/* What every page's context gets, and the panels of plugins on a page. */
void
helder_web_add_page_common (HelderWebRequest *request, JsonObject *context)
{
  json_object_set_string_member (context, "lang", request->lang);
  json_object_set_string_member (context, "today", request->today);
  if (request->identity.csrf != NULL)
    json_object_set_string_member (context, "csrf", request->identity.csrf);
  if (request->identity.role != HELDER_WEB_ANONYMOUS)
    {
      JsonObject *user = json_object_new ();

      json_object_set_int_member (user, "id", request->identity.person);
      json_object_set_string_member (user, "name",
                                     request->identity.name ? request->identity.name : "");
      json_object_set_string_member (user, "role_label", role_label (request->identity.role));
      json_object_set_object_member (context, "user", user);
    }
}

void
helder_web_respond_page (HelderWebRequest *request,
                         guint status,
                         const char *template,
                         const char *title,
                         JsonObject *context)
{
  g_autoptr (JsonObject) page = json_object_new ();
  g_autoptr (JsonNode) page_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonArray) nav = json_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *html = NULL;
  g_autofree char *programme = helder_repo_programme_name (request->store);
  g_autoptr (JsonObject) empty = NULL;

  if (context == NULL)
    context = empty = json_object_new ();
  helder_web_add_page_common (request, context);
  json_node_set_object (node, context);
  body = helder_template_render_named (template, node, &error);
  if (body == NULL)
    {
      g_warning ("template %s: %s", template, error->message);
      soup_server_message_set_status (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (request->msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                        "internal error", strlen ("internal error"));
      return;
    }

  /* Core's entries and the plugins' (helder_context_add_nav_entry()), for
   * the permissions of the caller's role. */
  if (request->context != NULL)
    {
      g_autoptr (GPtrArray) entries = helder_context_list_nav (request->context);

      for (guint i = 0; i < entries->len; i++)
        {
          const HelderNavEntry *entry = g_ptr_array_index (entries, i);
          JsonObject *item;

          if (!helder_context_role_may (request->context, request->identity.role,
                                        entry->permission))
            continue;
          item = json_object_new ();
          json_object_set_string_member (item, "href", entry->href);
          json_object_set_string_member (
            item, "label",
            g_dgettext (entry->gettext_domain ? entry->gettext_domain : GETTEXT_PACKAGE,
                        entry->label));
          json_object_set_boolean_member (item, "current",
                                          g_strcmp0 (request->path, entry->href) == 0);
          json_array_add_object_element (nav, item);
        }
    }

  helder_web_add_page_common (request, page);
  json_object_set_string_member (page, "app_name", "Helder");
  if (helder_clock_is_set ())
    {
      g_autofree char *clock = helder_clock_describe ();

      g_autofree char *notice = g_strdup_printf (
        _ (
          "This server’s clock is set to %s (HELDER_NOW): what you see is a preview, not the live state."),
        clock);

      json_object_set_string_member (page, "clock_notice", notice);
    }
  json_object_set_string_member (page, "title", title);
  json_object_set_string_member (page, "body", body);
  if (programme != NULL)
    json_object_set_string_member (page, "programme", programme);
  json_object_set_array_member (page, "nav", g_steal_pointer (&nav));
  json_node_set_object (page_node, page);
  html = helder_template_render_named ("layout", page_node, &error);
  if (html == NULL)
    {
      g_warning ("template layout: %s", error->message);
      html = g_strdup ("internal error");
      status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Content-Language", request->lang);
  respond_text (request, status, "text/html; charset=utf-8", g_steal_pointer (&html));
}

void
helder_web_redirect (HelderWebRequest *request, const char *location)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Location",
                                location);
  soup_server_message_set_status (request->msg, SOUP_STATUS_SEE_OTHER, NULL);
  soup_server_message_set_response (request->msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                    "", 0);
}

/* ---- values for people ---------------------------------------------------- */

char *
helder_web_markdown (const char *markdown)
{
  char *html;
  char *copy;

  if (markdown == NULL || *markdown == '\0')
    return g_strdup ("");
  /* CMARK_OPT_DEFAULT is safe mode in cmark ≥ 0.29: raw HTML and
   * javascript:/vbscript:/file:/data: links are removed. */
  html = cmark_markdown_to_html (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  copy = g_strdup (html);
  free (html);
  return copy;
}

static const char *
month_name (int month)
{
  static const char *const months[] = {
    N_ ("January"),   N_ ("February"), N_ ("March"),    N_ ("April"),
    N_ ("May"),       N_ ("June"),     N_ ("July"),     N_ ("August"),
    N_ ("September"), N_ ("October"),  N_ ("November"), N_ ("December"),
  };

  if (month < 1 || month > 12)
    return "";
  return _ (months[month - 1]);
}

char *
helder_web_format_date (const char *date)
{
  GDate parsed;

  if (date == NULL || !helder_date_parse (date, &parsed))
    return g_strdup (date ? date : "");
  /* TRANSLATORS: a date: day, month name, year */
  return g_strdup_printf (C_ ("date", "%d %s %d"), g_date_get_day (&parsed),
                          month_name (g_date_get_month (&parsed)), g_date_get_year (&parsed));
}

char *
helder_web_format_datetime (const char *utc)
{
  g_autoptr (GDateTime) parsed = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *date = NULL;

  if (utc == NULL)
    return g_strdup ("");
  parsed = g_date_time_new_from_iso8601 (utc, NULL);
  if (parsed == NULL)
    return g_strdup (utc);
  local = g_date_time_to_timezone (parsed, helder_clock_zone ());
  date = g_date_time_format (local, "%Y-%m-%d");
  {
    g_autofree char *day = helder_web_format_date (date);

    /* TRANSLATORS: a date and a time of day */
    return g_strdup_printf (C_ ("datetime", "%s, %02d:%02d"), day, g_date_time_get_hour (local),
                            g_date_time_get_minute (local));
  }
}

void
helder_web_audit (HelderWebRequest *request,
                  const char *action,
                  const char *entity,
                  const char *record,
                  gint64 subject,
                  const char *detail)
{
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = {
    request->identity.person,
    request->identity.name,
    helder_web_role_name (request->identity.role),
  };

  if (!helder_audit_record (request->store, &actor, action, entity, record, subject, detail,
                            &error))
    g_warning ("audit: %s", error->message);
}

void
helder_web_audit_linked (HelderWebRequest *request, JsonObject *row)
{
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = {
    request->identity.person,
    request->identity.name,
    helder_web_role_name (request->identity.role),
  };

  if (!helder_audit_linked (request->store, &actor, row, &error))
    g_warning ("audit: %s", error->message);
}
