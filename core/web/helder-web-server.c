/* helder-web-server.c — `helder serve`: pages, the JSON API, calendar feeds
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupServer in the main loop. Each request goes through the same steps
 * here, before and after its handler:
 *   early (headers only): refuse bodies over 1 MiB (413) or without a
 *     length (411), drop Range, refuse WebSocket upgrades;
 *   then: security headers, the caller's identity (bearer token, session
 *     cookie, or ?token= for calendar feeds), the language, the route and
 *     whether the caller's role may use it (the route table is the
 *     authorisation), CSRF for cookie-authenticated API writes, then the
 *     handler; after: one access-log line.
 * Failed authentications are counted per client address (behind a proxy
 * listed in server.trusted_proxies, the address it forwards for) and per
 * prefix of the secret presented; past the limit, further failures get
 * 429 for a while. A valid credential is never refused, and a calendar
 * feed with a revoked or unknown token gets 410 or 404, counted nowhere.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "helder-error.h"
#include "services/util/helder-time.h"
#include "model/helder-entity.h"
#include "services/access/helder-access.h"
#include "services/access/helder-config.h"
#include "web/helder-template.h"
#include "web/helder-web-private.h"
#include "web/helder-web-server.h"

#define SESSION_COOKIE                  "helder_session"
#define HELDER_STATUS_TOO_MANY_REQUESTS 429 /* not named in libsoup 3.2 */
#define FAILURE_LIMIT                   10  /* failed authentications per address … */
#define FAILURE_WINDOW_S                600 /* … within this many seconds */
#define HELDER_WEB_BUSY_WAIT_MS         100 /* waiting for another writer, per statement */

/* On every answer, also those written before libsoup sees the request. */
static const char *const security_headers[][2] = {
  { "Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "no-referrer" },
  { "X-Frame-Options", "DENY" },
  { "Cross-Origin-Opener-Policy", "same-origin" },
  { "Cross-Origin-Resource-Policy", "same-origin" },
};

struct _HelderWebServer
{
  GObject parent_instance;

  SoupServer *soup;
  HelderContext *context; /* its registries: permissions, plugins' routes and sections */
  HelderWebRouteTable *routes;
  GBytes *openapi; /* the document, with the plugins' parts */
  HelderStore *store;
  char *base_url;
  char *today;
  FILE *log;
  GHashTable *failures; /* address → Failures */
  GPtrArray *sections;  /* addins' digest sections, borrowed from the context */

  HelderWebConnections *connections; /* accepted here, handed to soup */
  gboolean busy;                     /* a statement of this request gave up waiting for a lock */
  HelderWebBatch *batch;             /* writes waiting for one commit (helder-web-batch.c) */
};

typedef struct
{
  guint count;
  gint64 since; /* monotonic µs of the first failure in the window */
} Failures;

G_DEFINE_FINAL_TYPE (HelderWebServer, helder_web_server, G_TYPE_OBJECT)

static void
helder_web_server_dispose (GObject *object)
{
  HelderWebServer *self = HELDER_WEB_SERVER (object);

  helder_web_server_disconnect (self);
  g_clear_pointer (&self->batch, helder_web_batch_free);
  g_clear_pointer (&self->connections, helder_web_connections_free);
  g_clear_object (&self->soup);
  if (self->store != NULL)
    sqlite3_busy_handler (helder_store_get_db (self->store), NULL, NULL);
  g_clear_object (&self->store);
  g_clear_pointer (&self->routes, helder_web_route_table_free);
  g_clear_pointer (&self->openapi, g_bytes_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (helder_web_server_parent_class)->dispose (object);
}

static void
helder_web_server_finalize (GObject *object)
{
  HelderWebServer *self = HELDER_WEB_SERVER (object);

  g_free (self->base_url);
  g_free (self->today);
  g_hash_table_unref (self->failures);
  G_OBJECT_CLASS (helder_web_server_parent_class)->finalize (object);
}

static void
helder_web_server_class_init (HelderWebServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = helder_web_server_dispose;
  object_class->finalize = helder_web_server_finalize;
}

static void
helder_web_server_init (HelderWebServer *self)
{
  self->log = stdout;
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- rate limit --------------------------------------------------------- */

static gboolean
rate_limited (HelderWebServer *self, const char *client)
{
  Failures *f = g_hash_table_lookup (self->failures, client);

  if (f == NULL)
    return FALSE;
  if (g_get_monotonic_time () - f->since > (gint64) FAILURE_WINDOW_S * G_USEC_PER_SEC)
    {
      g_hash_table_remove (self->failures, client);
      return FALSE;
    }
  return f->count >= FAILURE_LIMIT;
}

/* Failures are also counted per credential prefix, which anyone can vary
 * at will: the table is kept from growing without bound. When it is full,
 * the entries whose window has passed go (looked for at most once a
 * second, so that a full table costs no more per request); while it is
 * still full, a new key is not counted (those already in it go on
 * counting). */
#define FAILURE_KEYS 50000 /* addresses and credential prefixes remembered at most */

static gboolean
failures_room (HelderWebServer *self)
{
  static gint64 swept = 0; /* only paces the sweeps, whichever server */
  GHashTableIter iter;
  gpointer value;
  gint64 now = g_get_monotonic_time ();

  if (g_hash_table_size (self->failures) < FAILURE_KEYS)
    return TRUE;
  if (now - swept < G_USEC_PER_SEC)
    return FALSE;
  swept = now;
  g_hash_table_iter_init (&iter, self->failures);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (now - ((Failures *) value)->since > (gint64) FAILURE_WINDOW_S * G_USEC_PER_SEC)
      g_hash_table_iter_remove (&iter);
  return g_hash_table_size (self->failures) < FAILURE_KEYS;
}

static void
count_failure (HelderWebServer *self, const char *client)
{
  Failures *f = g_hash_table_lookup (self->failures, client);

  if (f == NULL)
    {
      if (!failures_room (self))
        return;
      f = g_new0 (Failures, 1);
      f->since = g_get_monotonic_time ();
      g_hash_table_insert (self->failures, g_strdup (client), f);
    }
  f->count++;
}

void
helder_web_count_failure (HelderWebRequest *request)
{
  count_failure (request->server, request->client);
}

/* Failures are counted for the client's address and for the first
 * characters of the secret presented, never for the secret itself. Only
 * failures are ever refused: a valid credential is checked first and
 * always passes, so colleagues behind one address (or one proxy) are not
 * locked out by someone else's mistakes. */
gboolean
helder_web_refuse_credential (HelderWebRequest *request, const char *credential)
{
  g_autofree char *prefix = helder_access_secret_prefix (credential ? credential : "");
  g_autofree char *key = g_strconcat ("credential:", prefix, NULL);

  if (rate_limited (request->server, request->client) || rate_limited (request->server, key))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "Retry-After", G_STRINGIFY (FAILURE_WINDOW_S));
      helder_web_respond_error (request, HELDER_STATUS_TOO_MANY_REQUESTS, "rate_limited", NULL,
                                _ ("too many failed sign-ins; try again in 10 minutes"));
      return TRUE;
    }
  count_failure (request->server, request->client);
  count_failure (request->server, key);
  return FALSE;
}

/* ---- early checks ------------------------------------------------------- */

static void
set_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  for (guint i = 0; i < G_N_ELEMENTS (security_headers); i++)
    soup_message_headers_replace (headers, security_headers[i][0], security_headers[i][1]);
}

static void
early_refuse (SoupServerMessage *msg, guint status, const char *message)
{
  g_autofree char *body = NULL;

  set_security_headers (msg);
  body = g_strdup_printf ("{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"field\":null}}",
                          status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE ? "too_large"
                          : status == SOUP_STATUS_LENGTH_REQUIRED        ? "length_required"
                                                                         : "refused",
                          message);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
}

/* The peer's address of @msg (not forwarded: nothing is trusted yet). */
static const char *
peer_of (SoupServerMessage *msg)
{
  GInetSocketAddress *remote = G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg));
  char *text;

  if (remote == NULL)
    return "-";
  text = g_inet_address_to_string (g_inet_socket_address_get_address (remote));
  g_object_set_data_full (G_OBJECT (msg), "helder-peer", text, g_free);
  return text;
}

/* A refusal written straight to the socket never reaches request_finished:
 * it gets its access-log line here (path redacted, as there). */
static void
log_refusal (HelderWebServer *self,
             const char *client,
             const char *method,
             const char *raw_path,
             guint status)
{
  g_autofree char *path = raw_path != NULL ? helder_access_redact_path (raw_path) : g_strdup ("-");
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

  if (self->log == NULL)
    return;
  now = helder_clock_now ();
  stamp = g_date_time_format_iso8601 (now);
  fprintf (self->log, "%s %s - \"%s %s\" %u 0 refused before the body\n", stamp,
           client != NULL ? client : "-", method != NULL ? method : "-", path, status);
  fflush (self->log);
}

/* The cap per address refused a connection (helder-web-connections.c). */
static void
log_connection_refused (const char *client, guint status, gpointer user_data)
{
  log_refusal (user_data, client, NULL, NULL, status);
}

static void
early_handler (SoupServer *soup,
               SoupServerMessage *msg,
               const char *path,
               GHashTable *query,
               gpointer user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  g_object_set_data_full (G_OBJECT (msg), "helder-start-us",
                          g_memdup2 (&(gint64){ g_get_monotonic_time () }, sizeof (gint64)),
                          g_free);

  /* Partial responses are not offered; libsoup 3.2 would honour Range. */
  soup_message_headers_remove (headers, "Range");
  soup_message_headers_remove (headers, "If-Range");

  helder_web_connections_reading (msg);

  /* A body that will be refused is not read: the answer goes out now and
   * the connection is closed (libsoup would read it all into memory). */
  if (soup_message_headers_header_contains (headers, "Upgrade", "websocket"))
    early_refuse (msg, SOUP_STATUS_BAD_REQUEST, "WebSocket is not offered");
  else if (encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF)
    {
      if (helder_web_connections_refuse (msg, SOUP_STATUS_LENGTH_REQUIRED, "length_required",
                                         "a request body needs a Content-Length"))
        log_refusal (user_data, peer_of (msg), soup_server_message_get_method (msg), path,
                     SOUP_STATUS_LENGTH_REQUIRED);
      else
        early_refuse (msg, SOUP_STATUS_LENGTH_REQUIRED, "a request body needs a Content-Length");
    }
  else if (encoding == SOUP_ENCODING_CONTENT_LENGTH && length > HELDER_WEB_MAX_BODY)
    {
      if (helder_web_connections_refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                                         "the request body is larger than 1 MiB"))
        log_refusal (user_data, peer_of (msg), soup_server_message_get_method (msg), path,
                     SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
      else
        early_refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                      "the request body is larger than 1 MiB");
    }
}

/* ---- a busy database ------------------------------------------------------ */

/* SQLite's busy timeout would wait up to 5 s for another writer (the
 * delivery thread, a CLI command) inside the one main loop. The web's
 * connection waits briefly instead, and a request whose statement gave up
 * is answered 503 with Retry-After, never with SQLite's text. */
static int
on_busy (void *data, int count)
{
  HelderWebServer *self = data;

  if ((count + 1) * 10 > HELDER_WEB_BUSY_WAIT_MS)
    {
      self->busy = TRUE;
      return 0;
    }
  g_usleep (10 * 1000);
  return 1;
}

static void
answer_busy (HelderWebRequest *request)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Retry-After", "1");
  helder_web_respond_error (request, SOUP_STATUS_SERVICE_UNAVAILABLE, "busy", NULL,
                            _ ("the database is busy; try again in a moment"));
}

/* ---- identity and language ---------------------------------------------- */

static HelderWebRole
role_from_name (const char *name)
{
  if (g_strcmp0 (name, "advisor") == 0)
    return HELDER_WEB_ADVISOR;
  if (g_strcmp0 (name, "hr") == 0)
    return HELDER_WEB_HR;
  if (g_strcmp0 (name, "employee") == 0)
    return HELDER_WEB_EMPLOYEE;
  return HELDER_WEB_ANONYMOUS;
}

static void
take_access (HelderWebRequest *request, HelderAccess *access, gboolean session)
{
  request->identity.person = access->person;
  request->identity.name = g_strdup (access->name);
  request->identity.role = role_from_name (access->role);
  request->identity.token = access->id;
  request->identity.session = session;
  request->identity.csrf = g_strdup (access->csrf);
}

/* Finds who is asking. Returns FALSE (having answered 401) when a bearer
 * token was presented and is not valid. */
static gboolean
identify (HelderWebRequest *request, char **locale)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *token = NULL;
  g_autoptr (HelderAccess) access = NULL;

  request->identity.role = HELDER_WEB_ANONYMOUS;

  if (authorization != NULL)
    {
      if (g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
        {
          helder_web_respond_error (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                                    _ ("Authorization: only “Bearer TOKEN” is accepted"));
          return FALSE;
        }
      token = authorization + 7;
    }
  else if (g_str_has_suffix (request->path, ".ics"))
    token = helder_web_query (request, "token");

  if (token != NULL)
    {
      access = helder_access_verify_token (request->store, token, NULL);
      /* A calendar app polling a feed that was revoked: a cheap answer it
       * understands, counted against no one. */
      if (access == NULL && authorization == NULL)
        {
          gboolean ended = helder_access_token_ended (request->store, token);

          helder_web_respond_error (
            request, ended ? SOUP_STATUS_GONE : SOUP_STATUS_NOT_FOUND, "not_found", NULL,
            ended ? _ ("this calendar feed has ended: its token was revoked or has expired")
                  : _ ("there is no calendar feed with this token"));
          return FALSE;
        }
      if (access == NULL)
        {
          if (helder_web_refuse_credential (request, token))
            return FALSE;
          soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                        "WWW-Authenticate", "Bearer realm=\"helder\"");
          helder_web_respond_error (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                                    _ ("the token is unknown, has expired or was revoked"));
          return FALSE;
        }
      take_access (request, access, FALSE);
      *locale = g_strdup (access->locale);
      return TRUE;
    }

  {
    const char *header = soup_message_headers_get_list (headers, "Cookie");
    GHashTable *cookies = header ? soup_header_parse_semi_param_list (header) : NULL;
    const char *session = cookies ? g_hash_table_lookup (cookies, SESSION_COOKIE) : NULL;

    if (session != NULL)
      access = helder_access_verify_session (request->store, session, NULL);
    if (cookies != NULL)
      soup_header_free_param_list (cookies);
  }
  if (access != NULL)
    {
      take_access (request, access, TRUE);
      *locale = g_strdup (access->locale);
    }
  return TRUE;
}

static const char *
choose_language (HelderWebRequest *request, const char *locale)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *accept = soup_message_headers_get_list (headers, "Accept-Language");
  const char *lang = "nl";

  if (locale != NULL && (strcmp (locale, "en") == 0 || strcmp (locale, "nl") == 0))
    return strcmp (locale, "en") == 0 ? "en" : "nl";
  if (accept != NULL)
    {
      GSList *langs = soup_header_parse_quality_list (accept, NULL);

      for (GSList *l = langs; l != NULL; l = l->next)
        {
          const char *tag = l->data;

          if (g_ascii_strncasecmp (tag, "nl", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
            break;
          if (g_ascii_strncasecmp (tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
            {
              lang = "en";
              break;
            }
        }
      soup_header_free_list (langs);
    }
  return lang;
}

/* ---- dispatch ----------------------------------------------------------- */

static gboolean
is_write (const char *method)
{
  return strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0;
}

/* The programme's day; first the programme's zone, which another process
 * (helder programme update --time-zone) may have changed meanwhile. */
static char *
request_today (HelderWebServer *self)
{
  g_autoptr (GError) error = NULL;

  if (!helder_time_load_zone (self->store, &error))
    g_warning ("%s", error->message);
  return self->today ? g_strdup (self->today) : helder_clock_today ();
}

/* Behind a reverse proxy everybody's connections come from the proxy:
 * the cap per address does not apply to a trusted one. */
static gboolean
is_trusted_proxy (const char *client, gpointer user_data)
{
  HelderWebServer *self = user_data;
  g_autofree char *proxies = helder_config_get (self->store, "server.trusted_proxies", NULL);

  return helder_access_is_trusted_proxy (client, proxies);
}

static void
handle (SoupServer *soup,
        SoupServerMessage *msg,
        const char *path,
        GHashTable *query,
        gpointer user_data)
{
  HelderWebServer *self = user_data;
  g_autoptr (GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *today = request_today (self);
  g_autofree char *locale = NULL;
  GInetSocketAddress *remote = G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg));
  g_autofree char *peer = remote
                            ? g_inet_address_to_string (g_inet_socket_address_get_address (remote))
                            : g_strdup ("unknown");
  g_autofree char *proxies = helder_config_get (self->store, "server.trusted_proxies", NULL);
  g_autofree char *client = helder_access_client_address (
    peer,
    soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                   "X-Forwarded-For"),
    proxies);
  const HelderWebRoute *route;
  gboolean path_known = FALSE;
  HelderWebRequest request = {
    .server = self,
    .context = self->context,
    .store = self->store,
    .msg = msg,
    .method = soup_server_message_get_method (msg),
    .path = path,
    .query = query,
    .params = params,
    .client = client,
    .today = today,
    .lang = "nl",
    .identity.role = HELDER_WEB_ANONYMOUS,
  };

  helder_web_connections_handling (msg);
  set_security_headers (msg);
  request.lang = choose_language (&request, NULL);
  /* The request's language holds until its answer is made (see out:). */
  helder_language_begin (request.lang);
  route = helder_web_route_table_match (self->routes, request.method, path, params, &path_known);
  request.route = route;

  if (!g_utf8_validate (path, -1, NULL))
    {
      helder_web_respond_error (&request, SOUP_STATUS_BAD_REQUEST, "invalid", NULL,
                                _ ("the address is not valid UTF-8"));
      goto out;
    }
  self->busy = FALSE;
  if (!identify (&request, &locale))
    {
      if (self->busy)
        answer_busy (&request);
      goto out;
    }
  request.lang = choose_language (&request, locale);
  helder_language_use (request.lang);

  if (route == NULL)
    {
      if (path_known)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                        "GET, HEAD, POST, PATCH");
          helder_web_respond_error (&request, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                                    NULL, _ ("this address does not take this method"));
        }
      else
        helder_web_respond_error (&request, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                                  _ ("there is no page at this address"));
      goto out;
    }
  if (!helder_web_route_table_allows (self->routes, route, request.identity.role))
    {
      if (request.identity.role == HELDER_WEB_ANONYMOUS)
        helder_web_respond_error (&request, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                                  _ ("sign in first: use the personal link or token you received"));
      else
        helder_web_respond_error (&request, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                                  _ ("your role may not use this page"));
      goto out;
    }
  /* A browser session calling the API must prove it is our own page. */
  if ((route->flags & HELDER_ROUTE_API) && request.identity.session && is_write (request.method))
    {
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
      const char *sent = soup_message_headers_get_one (headers, "X-CSRF-Token");

      if (sent == NULL || g_strcmp0 (sent, request.identity.csrf) != 0)
        {
          helder_web_respond_error (
            &request, SOUP_STATUS_FORBIDDEN, "csrf", NULL,
            _ ("the request did not come from Helder’s own page (missing or wrong X-CSRF-Token)"));
          goto out;
        }
    }
  if (route->flags & HELDER_ROUTE_NO_STORE)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                  "no-store");
  route->handler (&request);
  if (self->busy && soup_server_message_get_status (msg) >= 400)
    answer_busy (&request);
  self->busy = FALSE;

out:
  helder_language_end ();
  g_free (request.identity.name);
  g_free (request.identity.csrf);
  g_object_set_data_full (G_OBJECT (msg), "helder-client", g_steal_pointer (&client), g_free);
  g_object_set_data_full (G_OBJECT (msg), "helder-who",
                          g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                           helder_web_role_name (request.identity.role),
                                           request.identity.person),
                          g_free);
}

static void
request_finished (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  HelderWebServer *self = user_data;
  gint64 *start = g_object_get_data (G_OBJECT (msg), "helder-start-us");
  const char *who = g_object_get_data (G_OBJECT (msg), "helder-who");
  const char *forwarded = g_object_get_data (G_OBJECT (msg), "helder-client");
  GInetSocketAddress *remote = G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg));
  g_autofree char *client =
    forwarded ? g_strdup (forwarded)
    : remote  ? g_inet_address_to_string (g_inet_socket_address_get_address (remote))
              : g_strdup ("-");
  g_autofree char *path = NULL;
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);

  if (self->log == NULL || uri == NULL ||
      g_object_get_data (G_OBJECT (msg), "helder-unlogged") != NULL)
    return;
  /* The path only, query strings may hold calendar tokens; and in the
   * path, sign-in codes and anything else that looks like a secret are
   * redacted. */
  path = helder_access_redact_path (g_uri_get_path (uri));
  fprintf (self->log, "%s %s %s \"%s %s\" %u %" G_GOFFSET_FORMAT " %.1fms\n", stamp, client,
           who ? who : "-", soup_server_message_get_method (msg), path,
           soup_server_message_get_status (msg), body ? body->length : 0,
           start ? (g_get_monotonic_time () - *start) / 1000.0 : 0.0);
  fflush (self->log);
}

/* ---- public API ----------------------------------------------------------- */

HelderWebServer *
helder_web_server_new (HelderContext *context, HelderStore *store)
{
  HelderWebServer *self;

  g_return_val_if_fail (HELDER_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  self = g_object_new (HELDER_TYPE_WEB_SERVER, NULL);
  self->context = g_object_ref (context);
  self->routes = helder_web_route_table_new (context);
  self->openapi = helder_web_openapi_document (context);
  {
    g_autoptr (GPtrArray) templates = helder_context_list_templates (context);

    for (guint i = 0; i < templates->len; i++)
      {
        const HelderTemplates *t = g_ptr_array_index (templates, i);

        helder_template_add_prefix (t->name, t->prefix, t->gettext_domain);
      }
  }
  self->sections = helder_context_get_digest_sections (context);
  self->store = g_object_ref (store);
  self->batch = helder_web_batch_new (self);
  sqlite3_busy_handler (helder_store_get_db (store), on_busy, self);
  self->soup = soup_server_new ("server-header", "Helder", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle, self, NULL);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished), self);
  {
    g_autoptr (GString) headers = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (security_headers); i++)
      g_string_append_printf (headers, "%s: %s\r\n", security_headers[i][0],
                              security_headers[i][1]);
    self->connections = helder_web_connections_new (self->soup, headers->str);
    helder_web_connections_set_exempt (self->connections, is_trusted_proxy, self);
    helder_web_connections_set_logger (self->connections, log_connection_refused, self);
  }
  return self;
}

gboolean
helder_web_server_listen (HelderWebServer *self, const char *address, guint port, GError **error)
{
  g_autoptr (GInetAddress) inet = NULL;
  g_autoptr (GSocketAddress) socket_address = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_USAGE,
                   _ ("--address: “%s” is not an IP address (such as 127.0.0.1 or ::1)"), address);
      return FALSE;
    }
  if (port > 65535)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_USAGE,
                   _ ("--port: %u is not a port number (0–65535)"), port);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, (guint16) port);
  if (!helder_web_connections_listen (self->connections, socket_address, &local_error))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("cannot listen on %s port %u: %s"),
                   address, port, local_error->message);
      return FALSE;
    }
  if (self->base_url == NULL)
    {
      g_autofree char *host = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
                                ? g_strdup_printf ("[%s]", address)
                                : g_strdup (address);

      self->base_url = g_strdup_printf ("http://%s:%u", host, helder_web_server_get_port (self));
    }
  return TRUE;
}

guint
helder_web_server_get_port (HelderWebServer *self)
{
  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), 0);
  return self->connections ? helder_web_connections_get_port (self->connections) : 0;
}

const char *
helder_web_server_get_base_url (HelderWebServer *self)
{
  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), NULL);
  return self->base_url;
}

void
helder_web_server_set_base_url (HelderWebServer *self, const char *base_url)
{
  g_return_if_fail (HELDER_IS_WEB_SERVER (self));
  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  if (self->base_url != NULL && g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
}

/**
 * helder_web_server_set_sections:
 * @self: a #HelderWebServer
 * @sections: (nullable) (element-type HelderDigestSection): the sections
 *   addins add to everyone's digest, to show on personal pages too; kept
 *   by reference, they must outlive the server (the context's list does)
 */
void
helder_web_server_set_sections (HelderWebServer *self, GPtrArray *sections)
{
  g_return_if_fail (HELDER_IS_WEB_SERVER (self));
  self->sections = sections;
}

GPtrArray *
helder_web_server_get_sections (HelderWebServer *self)
{
  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), NULL);
  return self->sections;
}

void
helder_web_server_set_today (HelderWebServer *self, const char *today)
{
  g_return_if_fail (HELDER_IS_WEB_SERVER (self));
  g_free (self->today);
  self->today = g_strdup (today);
}

void
helder_web_server_set_log (HelderWebServer *self, FILE *stream)
{
  g_return_if_fail (HELDER_IS_WEB_SERVER (self));
  self->log = stream;
}

void
helder_web_server_disconnect (HelderWebServer *self)
{
  g_return_if_fail (HELDER_IS_WEB_SERVER (self));
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  if (self->connections != NULL)
    helder_web_connections_disconnect (self->connections);
}

/**
 * helder_web_server_set_connection_limits:
 * @self: a #HelderWebServer
 * @idle_timeout_s: seconds a connection may wait between requests
 * @header_timeout_s: seconds a client has to send a request's headers
 * @max_per_client: connections open at once from one address (0: any number)
 *
 * A connection that exceeds its time is closed; one more from an address
 * at its limit is answered 503 and closed.
 */
void
helder_web_server_set_connection_limits (HelderWebServer *self,
                                         guint idle_timeout_s,
                                         guint header_timeout_s,
                                         guint max_per_client)
{
  g_return_if_fail (HELDER_IS_WEB_SERVER (self));
  g_return_if_fail (idle_timeout_s > 0 && header_timeout_s > 0);
  helder_web_connections_set_limits (self->connections, idle_timeout_s, header_timeout_s,
                                     max_per_client);
}

HelderStore *
helder_web_server_get_store (HelderWebServer *self)
{
  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), NULL);
  return self->store;
}

/**
 * helder_web_server_get_routes:
 *
 * Returns: (transfer none): the server's route table: core's routes, the
 *   nouns' API collections and the routes of its context's plugins
 */
HelderWebBatch *
helder_web_server_get_batch (HelderWebServer *self)
{
  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), NULL);

  return self->batch;
}

HelderWebRouteTable *
helder_web_server_get_routes (HelderWebServer *self)
{
  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), NULL);

  return self->routes;
}

HelderContext *
helder_web_server_get_context (HelderWebServer *self)
{
  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), NULL);

  return self->context;
}

GBytes *
helder_web_server_get_openapi (HelderWebServer *self)
{
  g_return_val_if_fail (HELDER_IS_WEB_SERVER (self), NULL);

  return self->openapi;
}
