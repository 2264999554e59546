/* interviews-web-api.c — the interviews plugin's JSON API besides the
 * nouns' collections and the picture
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/inventory/readiness (?domain=) and …/completeness, GET
 * /api/v1/concerns/summary, GET /api/v1/qa, and POST
 * /api/v1/interviews/{id}/record with the record as interview-service.h
 * describes it. Errors are {"error": {code, message, field}}; a refusal
 * writes nothing.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "concern-service.h"
#include "interview-service.h"
#include "interviews-web-private.h"
#include "inv-service.h"

static void
respond_array (HelderWebRequest *request, JsonArray *items, GError *error)
{
  g_autoptr (JsonObject) body = NULL;

  if (items == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  body = json_object_new ();
  json_object_set_array_member (body, "items", items);
  helder_web_respond_object (request, SOUP_STATUS_OK, body);
}

static void
respond_object (HelderWebRequest *request, JsonObject *object, GError *error)
{
  g_autoptr (JsonObject) body = object;

  if (body == NULL)
    helder_web_respond_gerror (request, NULL, error);
  else
    helder_web_respond_object (request, SOUP_STATUS_OK, body);
}

/* GET /api/v1/inventory/readiness */
void
iv_web_api_readiness (HelderWebRequest *request)
{
  const char *domain = helder_web_query_text (request, "domain");
  g_autoptr (GError) error = NULL;

  if (!iv_web_check_length (request, "domain", domain, 200))
    return;
  respond_array (
    request,
    inv_readiness_totals (helder_web_request_get_store (request), *domain ? domain : NULL, &error),
    error);
}

/* GET /api/v1/inventory/completeness */
void
iv_web_api_completeness (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;

  respond_object (request, inv_completeness (helder_web_request_get_store (request), &error),
                  error);
}

/* GET /api/v1/concerns/summary */
void
iv_web_api_concern_summary (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;

  respond_object (request,
                  concern_summary (helder_web_request_get_store (request),
                                   helder_web_request_get_today (request), &error),
                  error);
}

/* GET /api/v1/qa */
void
iv_web_api_qa (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;

  respond_array (request,
                 concern_published (helder_web_request_get_store (request),
                                    helder_web_request_get_lang (request), &error),
                 error);
}

/* POST /api/v1/interviews/{id}/record */
void
iv_web_api_record (HelderWebRequest *request)
{
  gint64 id = iv_web_id_param (request, "interview", _ ("interview"));
  g_autoptr (JsonObject) record = NULL;
  g_autoptr (JsonObject) shown = NULL;
  g_autoptr (GError) error = NULL;
  HelderAuditActor actor = { 0 };

  if (id <= 0 || (record = helder_web_read_json (request)) == NULL)
    return;
  helder_web_request_actor (request, &actor);
  if (!interview_record (helder_web_request_get_store (request), &actor, id, record, &error) ||
      (shown = interview_get (helder_web_request_get_store (request), id, &error)) == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, shown);
}
