/* helder-web-batch.c — writes acknowledged once they are on disk, many per commit
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Some writes come in bursts from many people at once — 10,000 employees
 * answering a survey in the same hour — and each must be on disk before
 * its 201 goes out. One transaction per request with `synchronous = FULL`
 * costs one fsync per request, and the server's one thread waits for each
 * in turn. Here a handler hands its write over instead of doing it: the
 * request is paused, and when the main loop has nothing else to do (or
 * the queue is full) one transaction runs every queued write in a
 * savepoint of its own, is committed with `synchronous = FULL` — one fsync
 * for all of them —, and only then is each request answered: with the
 * answer its handler prepared when its write worked, or with the write's
 * own error, as if it had failed alone. A write that fails is rolled back
 * to its savepoint and changes nothing; a commit that fails answers every
 * request of the batch with an error, and nothing of it is stored.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "model/helder-language.h"
#include "web/helder-web-private.h"

/* More than this many waiting writes are committed at once, without
 * waiting for the main loop to fall idle. */
#define BATCH_MAX 256

typedef struct
{
  SoupServerMessage *msg;
  const HelderWebRoute *route;
  char *method;
  char *path;
  char *today;
  const char *lang; /* "nl" or "en": static */
  guint status;
  JsonNode *body;
  HelderWebWriteFunc write;
  gpointer data;
  GDestroyNotify destroy;
  GError *error; /* the write's, or the commit's */
} Pending;

struct _HelderWebBatch
{
  HelderWebServer *server; /* owns this */
  GQueue pending;
  GSource *idle; /* in the server's main context */
};

static void
pending_free (Pending *p)
{
  if (p->destroy != NULL)
    p->destroy (p->data);
  g_clear_pointer (&p->body, json_node_unref);
  g_clear_error (&p->error);
  g_object_unref (p->msg);
  g_free (p->method);
  g_free (p->path);
  g_free (p->today);
  g_free (p);
}

HelderWebBatch *
helder_web_batch_new (HelderWebServer *server)
{
  HelderWebBatch *batch = g_new0 (HelderWebBatch, 1);

  batch->server = server;
  g_queue_init (&batch->pending);
  return batch;
}

/* A request's answer, made after the commit, on a request of its own that
 * carries what the answer needs (route, method, language). */
static void
answer (HelderWebBatch *batch, Pending *p)
{
  HelderWebRequest request = {
    .server = batch->server,
    .context = helder_web_server_get_context (batch->server),
    .store = helder_web_server_get_store (batch->server),
    .msg = p->msg,
    .route = p->route,
    .method = p->method,
    .path = p->path,
    .today = p->today,
    .lang = p->lang,
  };

  helder_language_begin (p->lang);
  if (p->error != NULL)
    helder_web_respond_gerror (&request, NULL, p->error);
  else
    helder_web_respond_json (&request, p->status, p->body);
  helder_language_end ();
  soup_server_message_unpause (p->msg);
}

/* Runs every waiting write in one transaction and answers them all. */
static void
flush (HelderWebBatch *batch)
{
  HelderStore *store = helder_web_server_get_store (batch->server);
  GQueue writes = batch->pending;
  g_autoptr (GError) error = NULL;
  int level;

  g_queue_init (&batch->pending);
  if (writes.length == 0)
    return;
  level = helder_store_set_synchronous (store, 2);
  if (helder_store_begin (store, &error))
    {
      for (GList *l = writes.head; l != NULL; l = l->next)
        {
          Pending *p = l->data;

          /* Each write in a savepoint of its own: a refusal undoes only it. */
          helder_language_begin (p->lang);
          if (helder_store_begin (store, &p->error) &&
              (!p->write (store, p->data, &p->error) || !helder_store_commit (store, &p->error)))
            helder_store_rollback (store);
          helder_language_end ();
        }
      if (!helder_store_commit (store, &error))
        helder_store_rollback (store);
    }
  if (level >= 0 && level != 2)
    helder_store_set_synchronous (store, level);
  for (GList *l = writes.head; l != NULL; l = l->next)
    {
      Pending *p = l->data;

      if (error != NULL && p->error == NULL)
        p->error = g_error_copy (error);
      answer (batch, p);
    }
  g_queue_clear_full (&writes, (GDestroyNotify) pending_free);
}

static gboolean
flush_when_idle (gpointer data)
{
  HelderWebBatch *batch = data;

  g_clear_pointer (&batch->idle, g_source_unref);
  flush (batch);
  return G_SOURCE_REMOVE;
}

static void
stop_waiting (HelderWebBatch *batch)
{
  if (batch->idle != NULL)
    {
      g_source_destroy (batch->idle);
      g_clear_pointer (&batch->idle, g_source_unref);
    }
}

/* The server goes: what waits is written and answered now. */
void
helder_web_batch_free (HelderWebBatch *batch)
{
  if (batch == NULL)
    return;
  stop_waiting (batch);
  flush (batch);
  g_free (batch);
}

/**
 * helder_web_respond_after_commit:
 * @status: the answer when the write is on disk, e.g. 201
 * @body: (transfer full): its JSON body
 * @write: the write, run inside a savepoint of a shared transaction; it
 *   sets a HELDER_ERROR and returns %FALSE to refuse, which is answered as
 *   helder_web_respond_gerror() would (and rolls back only this write)
 * @data: (transfer full): for @write, freed with @destroy
 *
 * Answers the request once @write ran and was committed with `synchronous
 * = FULL` (power-cut safe), together with the other writes that waited
 * (group commit): for routes that many people write at once and that must
 * not be acknowledged before they are on disk. The handler returns at once
 * and must not answer the request itself.
 */
void
helder_web_respond_after_commit (HelderWebRequest *request,
                                 guint status,
                                 JsonNode *body,
                                 HelderWebWriteFunc write,
                                 gpointer data,
                                 GDestroyNotify destroy)
{
  HelderWebBatch *batch = helder_web_server_get_batch (request->server);
  Pending *p = g_new0 (Pending, 1);

  p->msg = g_object_ref (request->msg);
  p->route = request->route;
  p->method = g_strdup (request->method);
  p->path = g_strdup (request->path);
  p->today = g_strdup (request->today);
  p->lang = g_strcmp0 (request->lang, "en") == 0 ? "en" : "nl";
  p->status = status;
  p->body = body;
  p->write = write;
  p->data = data;
  p->destroy = destroy;
  soup_server_message_pause (request->msg);
  g_queue_push_tail (&batch->pending, p);
  if (batch->pending.length >= BATCH_MAX)
    {
      stop_waiting (batch);
      flush (batch);
    }
  else if (batch->idle == NULL)
    {
      /* The main context the server runs in (a test's thread, or serve's). */
      batch->idle = g_idle_source_new ();
      g_source_set_priority (batch->idle, G_PRIORITY_LOW);
      g_source_set_callback (batch->idle, flush_when_idle, batch, NULL);
      g_source_attach (batch->idle, g_main_context_get_thread_default ());
    }
}
