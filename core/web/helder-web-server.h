/* helder-web-server.h — `helder serve`: pages, the JSON API, calendar feeds
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib-object.h>

#include "engine/helder-context.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

#define HELDER_TYPE_WEB_SERVER (helder_web_server_get_type ())
G_DECLARE_FINAL_TYPE (HelderWebServer, helder_web_server, HELDER, WEB_SERVER, GObject)

/* Request bodies larger than this are refused with 413 before they are read. */
#define HELDER_WEB_MAX_BODY (1024 * 1024)
/* Connections: defaults of helder_web_server_set_connection_limits(). */
#define HELDER_WEB_IDLE_TIMEOUT_S             10
#define HELDER_WEB_HEADER_TIMEOUT_S           5
#define HELDER_WEB_MAX_CONNECTIONS_PER_CLIENT 32

HelderWebServer *helder_web_server_new (HelderContext *context, HelderStore *store);
HelderContext *helder_web_server_get_context (HelderWebServer *self);
/* Listens on @address (an IP literal, e.g. "127.0.0.1") and @port (0: any
 * free port; see helder_web_server_get_port()). */
gboolean
helder_web_server_listen (HelderWebServer *self, const char *address, guint port, GError **error);
guint helder_web_server_get_port (HelderWebServer *self);
/* "http://127.0.0.1:8080": the address links and login links point to. */
const char *helder_web_server_get_base_url (HelderWebServer *self);
void helder_web_server_set_sections (HelderWebServer *self, GPtrArray *sections);
GPtrArray *helder_web_server_get_sections (HelderWebServer *self);
void helder_web_server_set_base_url (HelderWebServer *self, const char *base_url);
/* Pins "today" (YYYY-MM-DD) for every request; NULL follows the clock. */
void helder_web_server_set_today (HelderWebServer *self, const char *today);
/* One access-log line per request goes to @stream (default: stdout; NULL: none). */
void helder_web_server_set_log (HelderWebServer *self, FILE *stream);
void helder_web_server_set_connection_limits (HelderWebServer *self,
                                              guint idle_timeout_s,
                                              guint header_timeout_s,
                                              guint max_per_client);
void helder_web_server_disconnect (HelderWebServer *self);
HelderStore *helder_web_server_get_store (HelderWebServer *self);

G_END_DECLS
