/* desktop-notifier.c — polls the server, shows notifications, acknowledges them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One round of the notifier:
 *
 *   GET SERVER/api/v1/me/notifications        (Authorization: Bearer TOKEN)
 *   → {"items": [{"id", "subject", "text", "link", …}, …]}, oldest first
 *
 * Every item whose id is not in the state file is recorded there first,
 * then shown with libnotify; every item the server still offers and that
 * was shown, now or in an earlier round, is acknowledged:
 *
 *   POST SERVER/api/v1/me/notifications/ack     {"id": ID}
 *
 * An acknowledgement that fails is simply sent again next round, because
 * the server keeps offering the item until it arrives; the state file keeps
 * the item from being shown again meanwhile, also across restarts.
 *
 * All HTTP is asynchronous (libsoup 3) in one GMainLoop, which also
 * receives the clicks on "Open my page" and SIGINT/SIGTERM.
 *
 * When the server cannot be reached or answers 5xx, the notifier says so
 * once, waits the interval, then twice as long after every failure up to
 * max-backoff, and says once when the server answers again. A token the
 * server refuses (401) ends it: trying again will not help.
 */
#define G_LOG_DOMAIN "helder-desktop"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libnotify/notify.h>
#include <libsoup/soup.h>

#include "helder.h"

#include "desktop-notifier.h"
#include "desktop-notifier-state.h"

/* The server answers at most this many items; a shorter list is complete. */
#define PAGE_LIMIT           50
#define APP_ID               "org.helder.Helder"
#define HTTP_TIMEOUT_SECONDS 30

typedef enum
{
  TROUBLE_NONE,
  TROUBLE_SERVER,  /* the server cannot be reached or answers 5xx */
  TROUBLE_DESKTOP, /* the desktop's notification service fails */
} Trouble;

typedef struct
{
  const DesktopNotifierOptions *options;
  DesktopNotifierState *state;
  SoupSession *session;
  GMainLoop *loop;
  GCancellable *cancellable;
  GError *error;       /* what ends the run with a failure */
  GError *round_error; /* --once: what went wrong in the round */
  char *list_url;      /* SERVER/api/v1/me/notifications */
  char *ack_url;       /* SERVER/api/v1/me/notifications/ack */
  char *authorization; /* "Bearer TOKEN" */
  GHashTable *live;    /* NotifyNotification with an action → itself */
  guint timeout_id;
  guint in_flight;   /* requests not answered yet */
  guint failed_acks; /* in this round */
  guint delay;       /* the next wait while in trouble */
  guint next_wait;   /* seconds until the next round */
  Trouble trouble;   /* what the person was last told */
  gboolean stopping;
  gboolean caps_known;
  gboolean has_actions;
  gboolean has_markup;
} Notifier;

static void poll_server (Notifier *self);

/* One line for the person running the notifier, on stderr. */
static void say (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_printerr ("helder notifier: %s\n", message);
}

static void
maybe_quit (Notifier *self)
{
  if (self->stopping && self->in_flight == 0)
    g_main_loop_quit (self->loop);
}

static void
stop (Notifier *self)
{
  self->stopping = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  maybe_quit (self);
}

/* Ends the run with @error (the first one wins). Takes @error. */
static void
fail (Notifier *self, GError *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
  stop (self);
}

static gboolean
on_timeout (gpointer user_data)
{
  Notifier *self = user_data;

  self->timeout_id = 0;
  poll_server (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (Notifier *self, guint seconds)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->stopping)
    self->timeout_id = g_timeout_add_seconds (seconds, on_timeout, self);
}

/* Something went wrong that waiting may cure. With --once it ends the run
 * after the round; otherwise the person hears about it once, and the next
 * round waits longer after each failure. Takes @message. */
static void
trouble (Notifier *self, Trouble kind, char *message)
{
  if (self->options->once)
    {
      if (self->round_error == NULL)
        self->round_error = g_error_new_literal (HELDER_ERROR, HELDER_ERROR_IO, message);
      g_free (message);
      return;
    }
  if (self->trouble != kind)
    {
      say (_ ("%s; trying again in %u seconds, then less often, at most %u seconds apart"), message,
           self->options->interval, self->options->max_backoff);
      self->trouble = kind;
      self->delay = self->options->interval;
    }
  self->next_wait = self->delay;
  self->delay = MIN (self->delay * 2, self->options->max_backoff);
  g_debug ("%s; next attempt in %u seconds", message, self->next_wait);
  g_free (message);
}

static void
trouble_over (Notifier *self, Trouble kind)
{
  if (self->trouble != kind)
    return;
  if (kind == TROUBLE_SERVER)
    say (_ ("%s answers again"), self->options->server_url);
  else
    say ("%s", _ ("notifications can be shown again"));
  self->trouble = TROUBLE_NONE;
  self->delay = self->options->interval;
}

/* Every path of a round ends here; the last answer decides what follows. */
static void
round_done (Notifier *self)
{
  if (self->in_flight > 0)
    return;
  if (self->stopping)
    {
      maybe_quit (self);
      return;
    }
  if (self->options->once)
    {
      if (self->round_error != NULL)
        fail (self, g_steal_pointer (&self->round_error));
      else if (self->failed_acks > 0)
        fail (self, g_error_new (
                      HELDER_ERROR, HELDER_ERROR_IO,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "%u notification was shown but could not be acknowledged; "
                                   "the next run acknowledges it without showing it again",
                                   "%u notifications were shown but could not be acknowledged; "
                                   "the next run acknowledges them without showing them again",
                                   self->failed_acks),
                      self->failed_acks));
      else
        stop (self);
      return;
    }
  schedule (self, self->next_wait);
}

static GError *
refused (guint status)
{
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (
      HELDER_ERROR, HELDER_ERROR_PERMISSION,
      _ ("the server refused the token (HTTP 403): notifications are for a person’s own "
         "employee token; ask for one made with “helder token issue PERSON --role employee”"));
  return g_error_new (
    HELDER_ERROR, HELDER_ERROR_PERMISSION,
    _ ("the server refused the token (HTTP 401): it is wrong, expired or revoked; "
       "ask for a new one, made with “helder token issue PERSON --role employee”"));
}

/* ---- acknowledging -------------------------------------------------------- */

typedef struct
{
  Notifier *notifier;
  SoupMessage *message;
  gint64 id;
} Ack;

static void
on_ack_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Ack *ack = user_data;
  Notifier *self = ack->notifier;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body =
    soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = soup_message_get_status (ack->message);

  self->in_flight--;
  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("acknowledging %" G_GINT64_FORMAT " failed: %s", ack->id, error->message);
          self->failed_acks++;
        }
    }
  else if (status == SOUP_STATUS_OK)
    g_debug ("acknowledged %" G_GINT64_FORMAT, ack->id);
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_debug ("%" G_GINT64_FORMAT " is no longer offered", ack->id);
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    fail (self, refused (status));
  else
    {
      g_debug ("acknowledging %" G_GINT64_FORMAT ": HTTP %u", ack->id, status);
      self->failed_acks++;
    }
  g_object_unref (ack->message);
  g_free (ack);
  round_done (self);
}

/* POST {"id": ID}; a failure is retried next round, when the server still
 * offers the item. */
static void
acknowledge (Notifier *self, gint64 id)
{
  Ack *ack = g_new0 (Ack, 1);
  char *json = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT "}", id);
  g_autoptr (GBytes) body = g_bytes_new_take (json, strlen (json));

  ack->notifier = self;
  ack->id = id;
  ack->message = soup_message_new (SOUP_METHOD_POST, self->ack_url);
  soup_message_headers_replace (soup_message_get_request_headers (ack->message), "Authorization",
                                self->authorization);
  soup_message_set_request_body_from_bytes (ack->message, "application/json", body);
  self->in_flight++;
  soup_session_send_and_read_async (self->session, ack->message, G_PRIORITY_DEFAULT,
                                    self->cancellable, on_ack_answer, ack);
}

/* ---- showing -------------------------------------------------------------- */

/* What the desktop's notification service can do, asked once. Asked
 * here rather than with notify_get_server_caps(), which only warns when
 * there is no service: then nothing must be recorded as shown. */
static gboolean
read_caps (Notifier *self, GError **error)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree const char **caps = NULL;

  if (self->caps_known)
    return TRUE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (
    bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
    "org.freedesktop.Notifications", "GetCapabilities", NULL, G_VARIANT_TYPE ("(as)"),
    G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
  if (reply == NULL)
    {
      if (error != NULL && *error != NULL)
        g_dbus_error_strip_remote_error (*error);
      return FALSE;
    }
  g_variant_get (reply, "(^a&s)", &caps);
  self->has_actions = g_strv_contains (caps, "actions");
  self->has_markup = g_strv_contains (caps, "body-markup");
  self->caps_known = TRUE;
  return TRUE;
}

/* Only web pages are opened: the server's answer decides the link, and
 * a file: or custom scheme must not start some other program. */
static gboolean
is_web_link (const char *link)
{
  g_autoptr (GUri) uri = link != NULL ? g_uri_parse (link, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

static void
on_open (NotifyNotification *notification, char *action, gpointer user_data)
{
  const char *link = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (link, NULL, &error))
    say (_ ("cannot open %s: %s"), link, error->message);
}

static void
on_closed (NotifyNotification *notification, gpointer user_data)
{
  Notifier *self = user_data;

  g_signal_handlers_disconnect_by_data (notification, self);
  g_hash_table_remove (self->live, notification);
}

static gboolean
show (Notifier *self, JsonObject *item, GError **error)
{
  const char *subject = json_object_get_string_member_with_default (item, "subject", "");
  const char *text = json_object_get_string_member_with_default (item, "text", "");
  const char *link = json_object_get_string_member_with_default (item, "link", "");
  NotifyNotification *notification;
  g_autofree char *body = NULL;
  gboolean with_action;

  if (!read_caps (self, error))
    return FALSE;
  /* A server that understands markup would take "&" or "<" in the text
   * for markup. */
  body = self->has_markup ? g_markup_escape_text (text, -1) : g_strdup (text);
  notification =
    notify_notification_new (subject[0] != '\0' ? subject : _ ("Helder"), body, APP_ID);
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  /* With --once nobody is left to handle a click on the button. */
  with_action = self->has_actions && !self->options->once && is_web_link (link);
  if (with_action)
    notify_notification_add_action (notification, "open", _ ("Open my page"), on_open,
                                    g_strdup (link), g_free);
  if (!notify_notification_show (notification, error))
    {
      g_object_unref (notification);
      return FALSE;
    }
  /* Kept until closed, to hear the click on its button. */
  if (with_action)
    {
      g_signal_connect (notification, "closed", G_CALLBACK (on_closed), self);
      g_hash_table_add (self->live, notification);
    }
  else
    g_object_unref (notification);
  return TRUE;
}

/* ---- one round ------------------------------------------------------------- */

static gint64
item_id (JsonNode *node)
{
  JsonNode *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return -1;
  id = json_object_get_member (json_node_get_object (node), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (id);
}

static void
handle_items (Notifier *self, JsonArray *items)
{
  g_autoptr (GHashTable) offered =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  guint n_items = json_array_get_length (items);
  guint shown = 0;
  guint forgotten = 0;

  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      gint64 id = item_id (node);

      if (id < 0)
        {
          g_debug ("item %u of the answer has no id; skipped", i);
          continue;
        }
      g_hash_table_add (offered, g_memdup2 (&id, sizeof id));
      if (!desktop_notifier_state_has (self->state, id))
        {
          desktop_notifier_state_add (self->state, id);
          g_ptr_array_add (fresh, json_node_get_object (node));
        }
    }
  if (n_items < PAGE_LIMIT)
    forgotten = desktop_notifier_state_keep_only (self->state, offered);

  /* Recorded before shown: a crash now loses a notification rather than
   * showing one twice. */
  if ((fresh->len > 0 || forgotten > 0) && !desktop_notifier_state_save (self->state, &error))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  for (; shown < fresh->len; shown++)
    if (!show (self, g_ptr_array_index (fresh, shown), &error))
      break;
  if (error != NULL)
    {
      g_autoptr (GError) save_error = NULL;

      /* Not shown: let the next round show them. */
      for (guint i = shown; i < fresh->len; i++)
        desktop_notifier_state_remove (
          self->state, json_object_get_int_member (g_ptr_array_index (fresh, i), "id"));
      if (!desktop_notifier_state_save (self->state, &save_error))
        {
          fail (self, g_steal_pointer (&save_error));
          return;
        }
    }
  else if (shown > 0)
    trouble_over (self, TROUBLE_DESKTOP);
  g_debug ("%u offered, %u new, %u shown", n_items, fresh->len, shown);

  for (guint i = 0; i < n_items; i++)
    {
      gint64 id = item_id (json_array_get_element (items, i));

      if (id >= 0 && desktop_notifier_state_has (self->state, id))
        acknowledge (self, id);
    }

  if (error != NULL)
    trouble (self, TROUBLE_DESKTOP,
             g_strdup_printf (_ ("cannot show notifications on this desktop: %s"), error->message));
  round_done (self);
}

static JsonArray *
parse_items (GBytes *body, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  JsonNode *root, *items;

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (items = json_object_get_member (json_node_get_object (root), "items")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("it has no “items” list"));
      return NULL;
    }
  return json_array_ref (json_node_get_array (items));
}

static void
on_poll_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Notifier *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body =
    soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  guint status = message != NULL ? soup_message_get_status (message) : 0;
  g_autoptr (JsonArray) items = NULL;

  self->in_flight--;
  if (self->stopping)
    {
      maybe_quit (self);
      return;
    }
  if (body == NULL)
    {
      trouble (
        self, TROUBLE_SERVER,
        g_strdup_printf (_ ("cannot reach %s: %s"), self->options->server_url, error->message));
      round_done (self);
      return;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      fail (self, refused (status));
      return;
    }
  if (SOUP_STATUS_IS_SERVER_ERROR (status) || status == SOUP_STATUS_REQUEST_TIMEOUT ||
      status == 429 /* Too Many Requests */)
    {
      trouble (self, TROUBLE_SERVER,
               g_strdup_printf (_ ("cannot reach %s: it answers HTTP %u %s"),
                                self->options->server_url, status,
                                soup_message_get_reason_phrase (message)));
      round_done (self);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      fail (self,
            g_error_new (HELDER_ERROR, HELDER_ERROR_INVALID,
                         _ ("%s answered HTTP %u %s: is this the address of a Helder server?"),
                         self->list_url, status, soup_message_get_reason_phrase (message)));
      return;
    }
  items = parse_items (body, &error);
  if (items == NULL)
    {
      trouble (self, TROUBLE_SERVER,
               g_strdup_printf (_ ("%s sent an answer that is not a list of notifications: %s"),
                                self->list_url, error->message));
      round_done (self);
      return;
    }
  trouble_over (self, TROUBLE_SERVER);
  handle_items (self, items);
}

static void
poll_server (Notifier *self)
{
  g_autoptr (SoupMessage) message = soup_message_new (SOUP_METHOD_GET, self->list_url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  self->next_wait = self->options->interval;
  self->failed_acks = 0;
  self->in_flight++;
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, self->cancellable,
                                    on_poll_answer, self);
}

static gboolean
on_signal (gpointer user_data)
{
  Notifier *self = user_data;

  g_debug ("stopping on a signal");
  stop (self);
  return G_SOURCE_CONTINUE;
}

static void
forget_live (gpointer key, gpointer value, gpointer user_data)
{
  g_signal_handlers_disconnect_by_data (key, user_data);
  g_object_unref (key);
}

/**
 * desktop_notifier_run:
 * @options: where to ask, with which token, how often
 *
 * Polls until SIGINT or SIGTERM (or one round with @options->once).
 *
 * Returns: %TRUE when stopped by a signal or done; %FALSE with @error when
 *   the token was refused, the state file cannot be used, or (with once)
 *   the server cannot be reached
 */
gboolean
desktop_notifier_run (const DesktopNotifierOptions *options, GError **error)
{
  Notifier self = { .options = options };
  g_autofree char *user_agent = g_strdup_printf ("helder-notifier/%s", PACKAGE_VERSION);
  guint sigint, sigterm;
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->server_url != NULL && options->token != NULL, FALSE);
  g_return_val_if_fail (options->interval > 0, FALSE);

  self.delay = options->interval;
  self.next_wait = options->interval;

  self.state = desktop_notifier_state_load (options->server_url, options->token, error);
  if (self.state == NULL)
    return FALSE;
  if (!notify_init ("Helder"))
    {
      desktop_notifier_state_free (self.state);
      g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_IO,
                           _ ("cannot start libnotify for desktop notifications"));
      return FALSE;
    }

  self.list_url = g_strconcat (options->server_url, "/api/v1/me/notifications", NULL);
  self.ack_url = g_strconcat (options->server_url, "/api/v1/me/notifications/ack", NULL);
  self.authorization = g_strconcat ("Bearer ", options->token, NULL);
  self.session =
    soup_session_new_with_options ("timeout", HTTP_TIMEOUT_SECONDS, "user-agent", user_agent, NULL);
  self.loop = g_main_loop_new (NULL, FALSE);
  self.cancellable = g_cancellable_new ();
  self.live = g_hash_table_new (NULL, NULL);
  sigint = g_unix_signal_add (SIGINT, on_signal, &self);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &self);

  if (!options->once)
    {
      g_print (_ ("Showing Helder notifications from %s, asking every %u seconds (Ctrl+C stops)\n"),
               options->server_url, options->interval);
      fflush (stdout);
    }
  poll_server (&self);
  g_main_loop_run (self.loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_handle_id (&self.timeout_id, g_source_remove);
  g_hash_table_foreach (self.live, forget_live, &self)
    ;
  g_hash_table_unref (self.live);
  notify_uninit ();

  ok = self.error == NULL;
  if (!ok)
    g_propagate_error (error, self.error);
  g_clear_error (&self.round_error);
  g_object_unref (self.cancellable);
  g_main_loop_unref (self.loop);
  g_object_unref (self.session);
  g_free (self.authorization);
  g_free (self.list_url);
  g_free (self.ack_url);
  desktop_notifier_state_free (self.state);
  return ok;
}
