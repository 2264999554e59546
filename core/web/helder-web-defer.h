/* helder-web-defer.h — answering a request later, from the main loop
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A handler whose answer needs work that must not run in the server's
 * main loop (drawing a picture with Graphviz, say) defers the request:
 * helder_web_request_defer() pauses it and returns a copy that outlives
 * the handler. The work runs elsewhere; when it is done, the code calls
 * helder_web_request_resume() IN THE SERVER'S MAIN CONTEXT (the thread
 * default context the handler ran in; g_main_context_invoke() gets there
 * from a worker thread), whose @answer answers the copy with exactly one
 * helder_web_respond_*() in the request's language. The copy is freed
 * afterwards. helder_web_set_header() adds a header to any answer.
 */
#pragma once

#include "engine/helder-context.h"

G_BEGIN_DECLS

typedef void (*HelderWebDeferredFunc) (HelderWebRequest *request, gpointer data);

HelderWebRequest *helder_web_request_defer (HelderWebRequest *request);
/* A header of the answer, set before helder_web_respond_*(): Retry-After
 * with a 503, Content-Disposition for a download. */
void helder_web_set_header (HelderWebRequest *request, const char *name, const char *value);
void
helder_web_request_resume (HelderWebRequest *deferred, HelderWebDeferredFunc answer, gpointer data);

G_END_DECLS
