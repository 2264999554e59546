/* helder-web-defer.c — answering a request later, from the main loop
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The copy holds its own references and strings: the handler's request
 * lives on the server's stack and its strings go when the handler returns.
 * The message stays paused until the answer is made, as the group commit
 * (helder-web-batch.c) does for its writes.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include "model/helder-language.h"
#include "web/helder-web-defer.h"
#include "web/helder-web-private.h"

/* The copy, with the strings it owns. */
typedef struct
{
  HelderWebRequest request;
  char *method;
  char *path;
  char *client;
  char *today;
} Deferred;

/**
 * helder_web_request_defer:
 *
 * Pauses @request and copies it; the copy is answered and freed by
 * helder_web_request_resume(). The handler returns without answering.
 *
 * Returns: (transfer full): the copy
 */
HelderWebRequest *
helder_web_request_defer (HelderWebRequest *request)
{
  Deferred *d = g_new0 (Deferred, 1);

  g_return_val_if_fail (request != NULL, NULL);

  d->request = *request;
  d->method = g_strdup (request->method);
  d->path = g_strdup (request->path);
  d->client = g_strdup (request->client);
  d->today = g_strdup (request->today);
  d->request.method = d->method;
  d->request.path = d->path;
  d->request.client = d->client;
  d->request.today = d->today;
  d->request.lang = g_strcmp0 (request->lang, "en") == 0 ? "en" : "nl";
  d->request.msg = g_object_ref (request->msg);
  d->request.query = request->query != NULL ? g_hash_table_ref (request->query) : NULL;
  d->request.params = request->params != NULL ? g_hash_table_ref (request->params) : NULL;
  d->request.identity.name = g_strdup (request->identity.name);
  d->request.identity.csrf = g_strdup (request->identity.csrf);
  soup_server_message_pause (request->msg);
  return &d->request;
}

/**
 * helder_web_request_resume:
 * @deferred: (transfer full): from helder_web_request_defer()
 * @answer: answers @deferred with one helder_web_respond_*()
 *
 * Call in the server's main context.
 */
void
helder_web_request_resume (HelderWebRequest *deferred, HelderWebDeferredFunc answer, gpointer data)
{
  Deferred *d = (Deferred *) deferred;

  g_return_if_fail (deferred != NULL && answer != NULL);

  helder_language_begin (deferred->lang);
  answer (deferred, data);
  helder_language_end ();
  soup_server_message_unpause (deferred->msg);
  g_clear_object (&deferred->msg);
  g_clear_pointer (&deferred->query, g_hash_table_unref);
  g_clear_pointer (&deferred->params, g_hash_table_unref);
  g_free (deferred->identity.name);
  g_free (deferred->identity.csrf);
  g_free (d->method);
  g_free (d->path);
  g_free (d->client);
  g_free (d->today);
  g_free (d);
}

/**
 * helder_web_set_header:
 *
 * Sets a header of @request's answer; call before answering it.
 */
void
helder_web_set_header (HelderWebRequest *request, const char *name, const char *value)
{
  g_return_if_fail (request != NULL && name != NULL && value != NULL);

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), name,
                                value);
}
