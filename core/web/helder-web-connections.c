/* helder-web-connections.c — the connections of `helder serve`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup 3.2.3 accepts for itself, but it stops accepting for good when
 * accept() fails once (out of descriptors), never times out a connection,
 * and keeps every keep-alive connection that the client closes while idle
 * (CLOSE-WAIT; fixed in libsoup 3.3.0). So Helder accepts, hands each
 * connection to libsoup with soup_server_accept_iostream(), and keeps its
 * own list to time out, reap and cap. libsoup keeps a connection alive
 * only while it has a listener: it gets one end of a socket pair that
 * never becomes readable.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <glib-unix.h>

#include "web/helder-web-private.h"
#include "web/helder-web-server.h"

#define HELDER_WEB_SWEEP_MS        250               /* how often connections are looked at */
#define HELDER_WEB_ACCEPT_RETRY_MS 100               /* after accept() failed */
#define HELDER_WEB_LINGER_MS       2000              /* reading a refused body before closing … */
#define HELDER_WEB_LINGER_BYTES    (4 * 1024 * 1024) /* … at most this much */

typedef struct _HelderWebConn HelderWebConn;

struct _HelderWebConnections
{
  SoupServer *soup;
  char *headers; /* "Name: value\r\n" lines every raw answer carries */
  GSocket *listener;
  GSocket *dummy[2]; /* libsoup's listener: a socket pair that is never readable */
  GSource *accept_source;
  GSource *accept_retry;
  GSource *sweeper;
  gint64 accept_warned;
  GHashTable *conns;      /* set of HelderWebConn */
  GHashTable *per_client; /* address → number of open connections */
  guint idle_timeout_s;
  guint header_timeout_s;
  guint max_per_client;
  HelderWebExemptFunc exempt;
  gpointer exempt_data;
  HelderWebRefusedFunc refused;
  gpointer refused_data;
};

typedef enum
{
  CONN_WAITING, /* for the headers of a request (or idle between requests) */
  CONN_READING, /* the body of a request */
  CONN_BUSY,    /* handling and answering */
} ConnState;

struct _HelderWebConn
{
  HelderWebConnections *owner;
  GSocketConnection *connection;
  GSocket *socket;        /* the connection's */
  GSocketAddress *remote; /* libsoup's too: a message finds its HelderWebConn here */
  char *client;
  ConnState state;
  gint64 deadline;    /* monotonic µs; 0: none */
  guint requests;     /* answered on this connection */
  guint eof_seen;     /* sweeps that found the peer gone */
  gboolean condemned; /* shut down; closed at the next sweep */
};

#define CONN_KEY "helder-conn"

/* Where the server's sources run: the context the server listens in. */
static GMainContext *
conn_context (void)
{
  return g_main_context_get_thread_default ();
}

static GSource *
add_timeout (guint ms, GSourceFunc func, gpointer data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, conn_context ());
  return source;
}

static void
conn_free (HelderWebConn *conn)
{
  HelderWebConnections *self = conn->owner;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_client, conn->client));

  if (count <= 1)
    g_hash_table_remove (self->per_client, conn->client);
  else
    g_hash_table_insert (self->per_client, g_strdup (conn->client), GUINT_TO_POINTER (count - 1));
  g_object_set_data (G_OBJECT (conn->remote), CONN_KEY, NULL);
  g_clear_object (&conn->remote);
  g_clear_object (&conn->connection);
  g_free (conn->client);
  g_free (conn);
}

static HelderWebConn *
conn_of (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote ? g_object_get_data (G_OBJECT (remote), CONN_KEY) : NULL;
}

static void
conn_set_state (HelderWebConn *conn, ConnState state, guint seconds)
{
  conn->state = state;
  conn->deadline = seconds ? g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC : 0;
  conn->eof_seen = 0;
}

/* TRUE when the peer has closed its end (CLOSE-WAIT on ours). */
static gboolean
peer_closed (GSocket *socket)
{
  char byte;

  if ((g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) &
       (G_IO_IN | G_IO_HUP | G_IO_ERR)) == 0)
    return FALSE;
  return recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

static void
conn_close (HelderWebConn *conn)
{
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
}

/* Shutting down first lets libsoup see the end and let go of the
 * connection itself; what it keeps (an idle keep-alive connection) is
 * closed at the next sweep. */
static void
conn_condemn (HelderWebConn *conn)
{
  g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
  conn->condemned = TRUE;
}

static gboolean
sweep (gpointer data)
{
  HelderWebConnections *self = data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      HelderWebConn *conn = key;

      if (g_socket_is_closed (conn->socket) ||
          g_io_stream_is_closed (G_IO_STREAM (conn->connection)))
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      if (conn->condemned)
        conn_close (conn);
      else if (conn->deadline != 0 && now > conn->deadline)
        conn_condemn (conn);
      else if (conn->state == CONN_WAITING && peer_closed (conn->socket))
        {
          /* libsoup closes what it notices; a second look closes what it
           * forgot. */
          if (++conn->eof_seen >= 2)
            conn_close (conn);
        }
      else
        conn->eof_seen = 0;
      if (g_socket_is_closed (conn->socket))
        g_hash_table_iter_remove (&iter);
    }
  return G_SOURCE_CONTINUE;
}

/* At the limit of an address: its connections that the client has
 * closed go now, without waiting for the sweeps. Returns how many remain. */
static guint
reap_client (HelderWebConnections *self, const char *client)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      HelderWebConn *conn = key;

      if (strcmp (conn->client, client) != 0)
        continue;
      if (!g_socket_is_closed (conn->socket) && conn->state == CONN_WAITING &&
          peer_closed (conn->socket))
        conn_close (conn);
      if (g_socket_is_closed (conn->socket) ||
          g_io_stream_is_closed (G_IO_STREAM (conn->connection)))
        g_hash_table_iter_remove (&iter);
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->per_client, client));
}

/* Answers on the raw socket, for refusals that do not go through libsoup. */
static void
send_raw (HelderWebConnections *self,
          GSocket *socket,
          guint status,
          const char *code,
          const char *message,
          const char *extra_headers)
{
  g_autofree char *body = g_strdup_printf (
    "{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"field\":null}}\n", code, message);
  g_autoptr (GString) response = g_string_new (NULL);

  g_string_append_printf (response,
                          "HTTP/1.1 %u %s\r\n"
                          "Server: Helder\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %zu\r\n"
                          "Connection: close\r\n"
                          "Cache-Control: no-store\r\n"
                          "%s",
                          status, soup_status_get_phrase (status), strlen (body),
                          extra_headers ? extra_headers : "");
  g_string_append (response, self->headers);
  g_string_append_printf (response, "\r\n%s", body);

  /* A fresh socket's buffer takes this whole; what does not fit is lost. */
  g_socket_send_with_blocking (socket, response->str, response->len, FALSE, NULL, NULL);
}

/* After a refusal the client may still be sending its body: read and drop
 * it for a moment, so that closing does not reset the connection before
 * the client has read the answer. Holds no memory, only the descriptor. */
typedef struct
{
  int fd;
  gsize dropped;
  GSource *timeout;
  GSource *watch;
} Linger;

static void
linger_end (Linger *linger)
{
  g_source_destroy (linger->timeout);
  g_source_destroy (linger->watch);
  g_source_unref (linger->timeout);
  g_source_unref (linger->watch);
  close (linger->fd);
  g_free (linger);
}

static gboolean
linger_timeout (gpointer data)
{
  linger_end (data);
  return G_SOURCE_REMOVE;
}

static gboolean
linger_read (int fd, GIOCondition condition, gpointer data)
{
  Linger *linger = data;
  char buffer[16384];
  gssize n = recv (fd, buffer, sizeof buffer, MSG_DONTWAIT);

  if (n > 0)
    linger->dropped += (gsize) n;
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) ||
      linger->dropped > HELDER_WEB_LINGER_BYTES)
    {
      linger_end (linger);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/**
 * helder_web_connections_refuse:
 *
 * Answers @status on @msg's connection and closes it before libsoup reads
 * the body: libsoup's next read finds the socket closed and lets go of the
 * message. Returns %FALSE when @msg did not come through the accept loop.
 */
gboolean
helder_web_connections_refuse (SoupServerMessage *msg,
                               guint status,
                               const char *code,
                               const char *message)
{
  HelderWebConn *conn = conn_of (msg);
  Linger *linger;
  int fd;

  if (conn == NULL || g_socket_is_closed (conn->socket))
    return FALSE;
  send_raw (conn->owner, conn->socket, status, code, message, NULL);
  g_socket_shutdown (conn->socket, FALSE, TRUE, NULL);
  fd = dup (g_socket_get_fd (conn->socket));
  conn_close (conn);
  if (fd < 0)
    return TRUE;
  linger = g_new0 (Linger, 1);
  linger->fd = fd;
  linger->watch = g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (linger->watch, G_SOURCE_FUNC (linger_read), linger, NULL);
  g_source_attach (linger->watch, conn_context ());
  linger->timeout = g_timeout_source_new (HELDER_WEB_LINGER_MS);
  g_source_set_callback (linger->timeout, linger_timeout, linger, NULL);
  g_source_attach (linger->timeout, conn_context ());
  return TRUE;
}

static void
accept_one (HelderWebConnections *self, GSocket *socket)
{
  g_autoptr (GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *client = NULL;
  HelderWebConn *conn;
  guint count;

  if (!G_IS_INET_SOCKET_ADDRESS (remote) || local == NULL)
    {
      g_socket_close (socket, NULL);
      return;
    }
  client =
    g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_client, client));
  if (self->max_per_client > 0 && count >= self->max_per_client)
    count = reap_client (self, client);
  if (self->max_per_client > 0 && count >= self->max_per_client &&
      !(self->exempt != NULL && self->exempt (client, self->exempt_data)))
    {
      g_autofree char *message = g_strdup_printf (
        "too many connections from this address (at most %u at once)", self->max_per_client);

      send_raw (self, socket, SOUP_STATUS_SERVICE_UNAVAILABLE, "too_many_connections", message,
                "Retry-After: 1\r\n");
      if (self->refused != NULL)
        self->refused (client, SOUP_STATUS_SERVICE_UNAVAILABLE, self->refused_data);
      g_socket_close (socket, NULL);
      return;
    }
  g_hash_table_insert (self->per_client, g_strdup (client), GUINT_TO_POINTER (count + 1));
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  conn = g_new0 (HelderWebConn, 1);
  conn->owner = self;
  conn->connection = g_socket_connection_factory_create_connection (socket);
  conn->socket = g_socket_connection_get_socket (conn->connection);
  conn->remote = g_object_ref (remote);
  conn->client = g_steal_pointer (&client);
  conn_set_state (conn, CONN_WAITING, self->header_timeout_s);
  g_object_set_data (G_OBJECT (remote), CONN_KEY, conn);
  g_hash_table_add (self->conns, conn);

  if (!soup_server_accept_iostream (self->soup, G_IO_STREAM (conn->connection), local, remote,
                                    &error))
    {
      conn_close (conn);
      g_hash_table_remove (self->conns, conn);
    }
}

static void start_accepting (HelderWebConnections *self);

static gboolean
resume_accepting (gpointer data)
{
  HelderWebConnections *self = data;

  g_clear_pointer (&self->accept_retry, g_source_unref);
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming (GSocket *listener, GIOCondition condition, gpointer data)
{
  HelderWebConnections *self = data;

  for (guint i = 0; i < 64; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          accept_one (self, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      /* Out of descriptors, most likely: reap what can go, wait a moment
       * and accept again. The connection waits in the backlog meanwhile. */
      if (g_get_monotonic_time () - self->accept_warned > 10 * G_USEC_PER_SEC)
        {
          g_warning ("cannot accept a connection (%s); trying again", error->message);
          self->accept_warned = g_get_monotonic_time ();
        }
      sweep (self);
      g_clear_pointer (&self->accept_source, g_source_unref);
      self->accept_retry = add_timeout (HELDER_WEB_ACCEPT_RETRY_MS, resume_accepting, self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_accepting (HelderWebConnections *self)
{
  if (self->listener == NULL || self->accept_source != NULL)
    return;
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (on_incoming), self, NULL);
  g_source_attach (self->accept_source, conn_context ());
  if (self->sweeper == NULL)
    self->sweeper = add_timeout (HELDER_WEB_SWEEP_MS, sweep, self);
}

static void
stop_accepting (HelderWebConnections *self)
{
  if (self->accept_source != NULL)
    g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  if (self->accept_retry != NULL)
    g_source_destroy (self->accept_retry);
  g_clear_pointer (&self->accept_retry, g_source_unref);
  if (self->sweeper != NULL)
    g_source_destroy (self->sweeper);
  g_clear_pointer (&self->sweeper, g_source_unref);
}

static void
connection_request_started (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  HelderWebConn *conn = conn_of (msg);

  /* The first message starts at accept, later ones at their first byte. */
  if (conn != NULL)
    conn_set_state (conn, CONN_WAITING, conn->owner->header_timeout_s);
}

static void
connection_request_done (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  HelderWebConn *conn = conn_of (msg);

  if (conn != NULL)
    {
      conn->requests++;
      conn_set_state (conn, CONN_WAITING, conn->owner->idle_timeout_s);
    }
}

/* The socket is made here, with a backlog of 128 (soup_server_listen()
 * asks for 10: a burst of 50 clients lost SYNs and waited a second). */
gboolean
helder_web_connections_listen (HelderWebConnections *self, GSocketAddress *address, GError **error)
{
  g_autoptr (GSocket) socket = NULL;
  int pair[2];

  if (self->listener != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "already listening");
      return FALSE;
    }
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, 128);
  g_socket_set_blocking (socket, FALSE);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "socketpair: %s",
                   g_strerror (saved));
      return FALSE;
    }
  self->dummy[0] = g_socket_new_from_fd (pair[0], error);
  self->dummy[1] = self->dummy[0] ? g_socket_new_from_fd (pair[1], error) : NULL;
  if (self->dummy[1] == NULL)
    {
      if (self->dummy[0] == NULL)
        close (pair[0]);
      close (pair[1]);
      g_clear_object (&self->dummy[0]);
      return FALSE;
    }
  if (!soup_server_listen_socket (self->soup, self->dummy[0], 0, error))
    return FALSE;
  self->listener = g_steal_pointer (&socket);
  start_accepting (self);
  return TRUE;
}

/* ---- the owner's side ------------------------------------------------------ */

/**
 * helder_web_connections_new:
 * @soup: the server that handles the requests
 * @headers: "Name: value\r\n" lines for answers written on the socket
 *   (refusals before libsoup reads a request)
 */
HelderWebConnections *
helder_web_connections_new (SoupServer *soup, const char *headers)
{
  HelderWebConnections *self = g_new0 (HelderWebConnections, 1);

  self->soup = g_object_ref (soup);
  self->headers = g_strdup (headers);
  self->conns = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) conn_free, NULL);
  self->per_client = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->idle_timeout_s = HELDER_WEB_IDLE_TIMEOUT_S;
  self->header_timeout_s = HELDER_WEB_HEADER_TIMEOUT_S;
  self->max_per_client = HELDER_WEB_MAX_CONNECTIONS_PER_CLIENT;
  g_signal_connect (soup, "request-started", G_CALLBACK (connection_request_started), self);
  g_signal_connect (soup, "request-finished", G_CALLBACK (connection_request_done), self);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (connection_request_done), self);
  return self;
}

void
helder_web_connections_free (HelderWebConnections *self)
{
  if (self == NULL)
    return;
  helder_web_connections_disconnect (self);
  g_signal_handlers_disconnect_by_data (self->soup, self);
  g_hash_table_unref (self->conns);
  g_hash_table_unref (self->per_client);
  g_clear_object (&self->soup);
  g_free (self->headers);
  g_free (self);
}

void
helder_web_connections_set_limits (HelderWebConnections *self,
                                   guint idle_timeout_s,
                                   guint header_timeout_s,
                                   guint max_per_client)
{
  self->idle_timeout_s = idle_timeout_s;
  self->header_timeout_s = header_timeout_s;
  self->max_per_client = max_per_client;
}

/* The port listened on, 0 before helder_web_connections_listen(). */
guint
helder_web_connections_get_port (HelderWebConnections *self)
{
  g_autoptr (GSocketAddress) address = NULL;

  if (self->listener != NULL)
    address = g_socket_get_local_address (self->listener, NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/* Stops accepting and closes every connection, also those libsoup forgot
 * (idle keep-alive connections); soup_server_disconnect() first. */
void
helder_web_connections_set_exempt (HelderWebConnections *self,
                                   HelderWebExemptFunc func,
                                   gpointer user_data)
{
  self->exempt = func;
  self->exempt_data = user_data;
}

void
helder_web_connections_set_logger (HelderWebConnections *self,
                                   HelderWebRefusedFunc func,
                                   gpointer user_data)
{
  self->refused = func;
  self->refused_data = user_data;
}

void
helder_web_connections_disconnect (HelderWebConnections *self)
{
  GHashTableIter iter;
  gpointer key;

  stop_accepting (self);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    conn_close (key);
  g_hash_table_remove_all (self->conns);
  for (guint i = 0; i < G_N_ELEMENTS (self->dummy); i++)
    g_clear_object (&self->dummy[i]);
}

/* The headers of @msg are in: its body must come within 30 s. */
void
helder_web_connections_reading (SoupServerMessage *msg)
{
  HelderWebConn *conn = conn_of (msg);

  if (conn != NULL)
    conn_set_state (conn, CONN_READING, HELDER_WEB_BODY_TIMEOUT_S);
}

/* @msg is read whole and handled: no time limit while it is answered. */
void
helder_web_connections_handling (SoupServerMessage *msg)
{
  HelderWebConn *conn = conn_of (msg);

  if (conn != NULL)
    conn_set_state (conn, CONN_BUSY, 0);
}
