/* helder-cli-web.c — `helder serve` and `helder token`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <inttypes.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-operator.h"
#include "engine/helder-sender.h"
#include "services/access/helder-access.h"
#include "services/access/helder-audit.h"
#include "services/access/helder-config.h"
#include "services/delivery/helder-scheduler.h"
#include "services/views/helder-lateness.h"
#include "services/repo/helder-repo.h"
#include "web/helder-web-server.h"

#define SERVE_SUMMARY    N_ ("Serve the dashboard, personal pages, the JSON API and calendar feeds")
#define TOKEN_SUMMARY    N_ ("Issue, list or revoke access tokens and login links")
#define DEFAULT_BASE_URL "http://127.0.0.1:8080"

/* ---- helder serve ------------------------------------------------------- */

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* What `helder serve` delivers in the background: the same rounds as
 * `helder send`, every delivery.interval seconds, in a thread of its own
 * with its own connection to the database. */
typedef struct
{
  HelderSender *sender;
  GCancellable *cancellable;
  gboolean quiet;
} Delivery;

/* Says which moments a round held as overdue, each time that changes
 * (not every half minute): they wait for the advisor's decision. */
static void
report_overdue (HelderSender *sender, guint held, char **last)
{
  g_autoptr (JsonArray) overdue = NULL;
  g_autoptr (GString) ids = g_string_new (NULL);

  overdue = held > 0 ? helder_lateness_list (helder_sender_get_store (sender), NULL, NULL)
                     : json_array_new ();
  if (overdue == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (overdue); i++)
    g_string_append_printf (
      ids, "%" PRId64 " ",
      json_object_get_int_member (json_array_get_object_element (overdue, i), "moment"));
  if (g_strcmp0 (*last != NULL ? *last : "", ids->str) == 0)
    return;
  g_free (*last);
  *last = g_strdup (ids->str);
  if (json_array_get_length (overdue) == 0)
    return;
  g_print ("%s", _ ("delivery: overdue moments are held until you decide:\n"));
  helder_cli_delivery_print_problems (overdue);
  fflush (stdout);
}

static gpointer
delivery_thread (gpointer data)
{
  Delivery *d = data;
  g_autofree char *last_error = NULL;
  g_autofree char *last_overdue = NULL;

  while (!g_cancellable_is_cancelled (d->cancellable))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) settings = NULL;
      g_auto (HelderScheduleReport) scheduled = { 0 };
      HelderScheduleOptions options = { .moments = TRUE, .digests = TRUE };
      HelderSendOptions send = { .until_empty = TRUE, .cancellable = d->cancellable };
      HelderSendReport report = { 0 };
      guint64 interval = 30;
      gint64 deadline;

      if (helder_sender_schedule (d->sender, &options, &scheduled, &error) &&
          helder_sender_run (d->sender, &send, &report, &error))
        {
          g_clear_pointer (&last_error, g_free);
          if (!d->quiet && (scheduled.messages + scheduled.digests + report.sent + report.offered +
                            report.failed + report.dead) > 0)
            {
              g_print (
                _ (
                  "delivery: queued %u messages and %u digests; %u sent, %u offered, %u to retry, %u dead\n"),
                scheduled.messages, scheduled.digests, report.sent, report.offered, report.failed,
                report.dead);
              fflush (stdout);
            }
        }
      else if (error != NULL && g_strcmp0 (last_error, error->message) != 0)
        {
          /* Once per distinct failure, not once per round. */
          g_printerr (_ ("delivery: %s\n"), error->message);
          g_free (last_error);
          last_error = g_strdup (error->message);
        }
      helder_sender_report_clear (&report);
      /* Also with --quiet: a held moment waits for someone to decide. */
      report_overdue (d->sender, scheduled.moments_overdue, &last_overdue);

      settings = helder_sender_read_settings (d->sender, NULL);
      if (settings != NULL)
        g_ascii_string_to_unsigned (
          json_object_get_string_member_with_default (settings, "delivery.interval", "30"), 10, 1,
          3600, &interval, NULL);
      deadline = g_get_monotonic_time () + (gint64) interval * G_USEC_PER_SEC;
      while (!g_cancellable_is_cancelled (d->cancellable) && g_get_monotonic_time () < deadline)
        g_usleep (100000);
    }
  return NULL;
}

/* server.base_url as configured with `helder config set`, without a
 * trailing slash; NULL when it was never set. */
static char *
configured_base_url (HelderStore *store)
{
  g_autoptr (GError) error = NULL;
  char *value = helder_config_get (store, "server.base_url", &error);

  if (value == NULL || value[0] == '\0')
    {
      g_free (value);
      return NULL;
    }
  if (g_str_has_suffix (value, "/"))
    value[strlen (value) - 1] = '\0';
  return value;
}

/* The links in messages are made with server.base_url, by the delivery
 * thread and by `helder send`: say so when it is not set, or when it is
 * not where this server listens (right behind a reverse proxy, wrong
 * otherwise). */
static void
warn_base_url (HelderWebServer *server, const char *address, const char *configured)
{
  g_autofree char *here =
    g_strdup_printf ("http://%s:%u", address, helder_web_server_get_port (server));

  if (configured == NULL)
    g_printerr (
      _ ("helder serve: server.base_url is not set, so links in messages point to %s; "
         "set the address people reach Helder at with: helder config set server.base_url URL\n"),
      DEFAULT_BASE_URL);
  else if (g_strcmp0 (configured, here) != 0)
    g_printerr (
      _ ("helder serve: server.base_url is %s, but this server listens at %s: right behind "
         "a reverse proxy, else the links in messages do not reach this server\n"),
      configured, here);
}

static gboolean
serve_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *address = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *configured = NULL;
  int port = 8080;
  gboolean quiet = FALSE;
  gboolean no_delivery = FALSE;
  int idle_timeout = HELDER_WEB_IDLE_TIMEOUT_S;
  int header_timeout = HELDER_WEB_HEADER_TIMEOUT_S;
  int max_per_client = HELDER_WEB_MAX_CONNECTIONS_PER_CLIENT;
  GOptionEntry entries[] = {
    { "no-delivery", 0, 0, G_OPTION_ARG_NONE, &no_delivery,
      N_ ("Do not deliver messages in the background (another host runs `helder send`)"), NULL },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_ ("Listen on this IP address (default 127.0.0.1)"), N_ ("ADDRESS") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_ ("Listen on this port (default 8080; 0 picks a free one)"), N_ ("PORT") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_ ("The address people reach Helder at, for links"), N_ ("URL") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_ ("Do not print an access-log line per request"), NULL },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      N_ ("Close a connection idle between requests after this many seconds (default 10)"),
      N_ ("SECONDS") },
    { "header-timeout", 0, 0, G_OPTION_ARG_INT, &header_timeout,
      N_ (
        "Close a connection that has not sent its request headers within this many seconds (default 5)"),
      N_ ("SECONDS") },
    { "max-connections-per-client", 0, 0, G_OPTION_ARG_INT, &max_per_client,
      N_ (
        "Connections one address may have open at once (default 32; 0: any number; addresses in server.trusted_proxies are not capped)"),
      N_ ("N") },
    { NULL }
  };
  g_autoptr (HelderWebServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Delivery delivery = { 0 };
  GThread *thread = NULL;
  HelderStore *store;
  guint sigint, sigterm;

  if (!helder_cli_parse (invocation, entries, NULL, SERVE_SUMMARY, &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (
      error, _ ("unexpected argument “%s”: “helder serve” takes options only"), argv[1]);
  if (port < 0 || port > 65535)
    return helder_cli_usage_error (error, _ ("--port: %d is not a port number (0–65535)"), port);
  if (base_url != NULL && !g_str_has_prefix (base_url, "http://") &&
      !g_str_has_prefix (base_url, "https://"))
    return helder_cli_usage_error (
      error, _ ("--base-url: “%s” must start with http:// or https://"), base_url);
  if (idle_timeout < 1 || idle_timeout > 3600)
    return helder_cli_usage_error (
      error, _ ("--idle-timeout: %d is not a number of seconds from 1 to 3600"), idle_timeout);
  if (header_timeout < 1 || header_timeout > 3600)
    return helder_cli_usage_error (
      error, _ ("--header-timeout: %d is not a number of seconds from 1 to 3600"), header_timeout);
  if (max_per_client < 0)
    return helder_cli_usage_error (error, _ ("--max-connections-per-client: %d is not 0 or more"),
                                   max_per_client);

  store = helder_context_get_store (invocation->context, error);
  if (store == NULL)
    return FALSE;

  server = helder_web_server_new (invocation->context, store);
  helder_web_server_set_connection_limits (server, (guint) idle_timeout, (guint) header_timeout,
                                           (guint) max_per_client);
  configured = configured_base_url (store);
  if (base_url != NULL)
    helder_web_server_set_base_url (server, base_url);
  else if (configured != NULL)
    helder_web_server_set_base_url (server, configured);
  helder_web_server_set_log (server, quiet ? NULL : stdout);
  if (!helder_web_server_listen (server, address ? address : "127.0.0.1", (guint) port, error))
    return FALSE;
  warn_base_url (server, address ? address : "127.0.0.1", configured);

  if (!no_delivery)
    {
      delivery.sender = helder_sender_new (invocation->context, error);
      if (delivery.sender == NULL)
        return FALSE;
      delivery.cancellable = cancellable;
      delivery.quiet = quiet;
      thread = g_thread_new ("helder-delivery", delivery_thread, &delivery);
    }

  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, quit_loop, loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_loop, loop);
  /* Only now: whoever waits for this line may stop us with a signal. */
  if (helder_clock_is_set ())
    {
      g_autofree char *clock = helder_clock_describe ();

      /* One line, so that whoever reads the address reads this too. */
      g_print (
        _ (
          "Helder serves %s at %s (Ctrl+C stops); its clock is set by HELDER_NOW to %s: a preview, not the live state\n"),
        helder_store_get_path (store), helder_web_server_get_base_url (server), clock);
    }
  else
    g_print (_ ("Helder serves %s at %s (Ctrl+C stops)\n"), helder_store_get_path (store),
             helder_web_server_get_base_url (server));
  fflush (stdout);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  helder_web_server_disconnect (server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (thread != NULL)
    {
      g_cancellable_cancel (cancellable);
      g_thread_join (thread);
      helder_sender_free (delivery.sender);
    }
  g_print ("%s\n", _ ("Stopped."));
  return TRUE;
}

/* ---- helder token ------------------------------------------------------- */

/* Records a change of access by the operator and commits the caller's
 * transaction, so that the change and its entry go together. */
static gboolean
audit_and_commit (HelderStore *store,
                  const HelderAuditActor *actor,
                  const char *action,
                  const char *record,
                  gint64 subject,
                  const char *detail,
                  GError **error)
{
  if (!helder_audit_record (store, actor, action, "token", record, subject, detail, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
token_issue (HelderInvocation *invocation,
             HelderStore *store,
             int argc,
             char **argv,
             GError **error)
{
  g_autofree char *role = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *link = NULL;
  g_autofree char *record = NULL;
  g_auto (HelderCliActor) who = { 0 };
  int days = 0;
  gint64 person, id;
  GOptionEntry entries[] = { { "role", 0, 0, G_OPTION_ARG_STRING, &role,
                               N_ ("advisor, hr or employee (required)"), N_ ("ROLE") },
                             { "days", 0, 0, G_OPTION_ARG_INT, &days,
                               N_ ("Valid for this many days (default 90)"), N_ ("DAYS") },
                             { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
                               N_ ("Where Helder is served, for the login link"), N_ ("URL") },
                             { NULL } };

  if (!helder_cli_parse (invocation, entries, _ ("PERSON"),
                         _ ("Issue a token and a one-time login link"), &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (error,
                                   _ ("token issue: give one PERSON (an id or an e-mail address)"));
  if (role == NULL)
    return helder_cli_usage_error (error,
                                   _ ("token issue: --role is required (advisor, hr or employee)"));
  if (!helder_access_role_valid (role))
    return helder_cli_usage_error (error, _ ("--role: “%s” is not one of advisor, hr, employee"),
                                   role);
  if (days < 0)
    return helder_cli_usage_error (error, _ ("--days: %d is not a number of days"), days);
  if (base_url != NULL && !g_str_has_prefix (base_url, "http://") &&
      !g_str_has_prefix (base_url, "https://"))
    return helder_cli_usage_error (
      error, _ ("--base-url: “%s” must start with http:// or https://"), base_url);

  if (!helder_cli_actor_for_write (invocation, store, &who, error) ||
      !helder_cli_resolve_person (store, NULL, argv[1], &person, error) ||
      !helder_store_begin (store, error))
    return FALSE;
  if (!helder_access_issue (store, person, role, (guint) days, &id, &token, &code, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  record = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!audit_and_commit (store, &who.actor, "issue", record, person, role, error))
    return FALSE;

  /* The link goes where people reach Helder: --base-url, else the
   * configured server.base_url, else the default address of `helder serve`. */
  if (base_url == NULL)
    base_url = configured_base_url (store);
  if (base_url != NULL && g_str_has_suffix (base_url, "/"))
    base_url[strlen (base_url) - 1] = '\0';
  link = g_strdup_printf ("%s/login/%s", base_url ? base_url : DEFAULT_BASE_URL, code);
  if (invocation->json)
    {
      g_autoptr (JsonObject) object = json_object_new ();
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "id", id);
      json_object_set_int_member (object, "person", person);
      json_object_set_string_member (object, "role", role);
      json_object_set_string_member (object, "token", token);
      json_object_set_string_member (object, "login_link", link);
      json_node_set_object (node, object);
      helder_cli_print_json (node);
      return TRUE;
    }
  g_print (_ ("Token %" PRId64 " for person %" PRId64 " as %s — shown only this once:\n"), id,
           person, helder_cli_display_value (role));
  g_print ("\n  %s\n  %s\n\n", _ ("Bearer token (API, desktop notifier):"), token);
  g_print ("  %s\n  %s\n\n", _ ("One-time login link (browser):"), link);
  g_print ("%s\n", _ ("Revoke with: helder token revoke ID"));
  return TRUE;
}

static gboolean
token_list (HelderInvocation *invocation, HelderStore *store, int argc, char **argv, GError **error)
{
  const char *headers[] = { _ ("id"),      _ ("person"), _ ("role"), _ ("created"),
                            _ ("expires"), _ ("state"),  NULL };
  g_autoptr (JsonArray) tokens = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (!helder_cli_parse (invocation, NULL, NULL, _ ("List the tokens issued"), &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (
      error, _ ("unexpected argument “%s”: “helder token list” takes none"), argv[1]);
  tokens = helder_access_list (store, error);
  if (tokens == NULL)
    return FALSE;
  if (invocation->json)
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, tokens);
      helder_cli_print_json (node);
      return TRUE;
    }
  if (json_array_get_length (tokens) == 0)
    {
      g_print ("%s\n", _ ("No tokens issued."));
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (tokens); i++)
    {
      JsonObject *t = json_array_get_object_element (tokens, i);
      char **row = g_new0 (char *, 7);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (t, "id"));
      row[1] = g_strdup (json_object_get_string_member (t, "name"));
      row[2] = g_strdup (helder_cli_display_value (json_object_get_string_member (t, "role")));
      row[3] = helder_cli_local_time (json_object_get_string_member (t, "created_at"));
      row[4] = helder_cli_local_time (json_object_get_string_member (t, "expires_at"));
      row[5] = g_strdup (helder_cli_display_value (json_object_get_string_member (t, "state")));
      g_ptr_array_add (rows, row);
    }
  helder_cli_print_table (headers, rows);
  return TRUE;
}

static gboolean
token_revoke (HelderInvocation *invocation,
              HelderStore *store,
              int argc,
              char **argv,
              GError **error)
{
  g_autofree char *person_text = NULL;
  GOptionEntry entries[] = { { "person", 0, 0, G_OPTION_ARG_STRING, &person_text,
                               N_ ("Revoke every token of this person"), N_ ("PERSON") },
                             { NULL } };
  gint64 id = 0, person = 0, n;
  char *end = NULL;
  g_auto (HelderCliActor) who = { 0 };

  if (!helder_cli_parse (invocation, entries, _ ("[ID]"),
                         _ ("Revoke a token with its login links and sessions"), &argc, &argv,
                         error))
    return FALSE;
  if ((argc == 2) == (person_text != NULL) || argc > 2)
    return helder_cli_usage_error (error, _ ("token revoke: give a token ID or --person PERSON"));
  if (argc == 2)
    {
      id = g_ascii_strtoll (argv[1], &end, 10);
      if (end == argv[1] || *end != '\0' || id <= 0)
        return helder_cli_usage_error (error, _ ("token revoke: “%s” is not a token id"), argv[1]);
    }
  else if (!helder_cli_resolve_person (store, "--person", person_text, &person, error))
    return FALSE;

  if (!helder_cli_actor_for_write (invocation, store, &who, error) ||
      !helder_store_begin (store, error))
    return FALSE;
  n = helder_access_revoke (store, id, person, error);
  if (n <= 0)
    helder_store_rollback (store);
  if (n < 0)
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                   id ? _ ("no active token %s") : _ ("no active token for person %s"),
                   id ? argv[1] : person_text);
      return FALSE;
    }
  if (!audit_and_commit (store, &who.actor, "revoke", id ? argv[1] : "", person, "", error))
    return FALSE;
  g_print (g_dngettext (GETTEXT_PACKAGE, "Revoked %" PRId64 " token.\n",
                        "Revoked %" PRId64 " tokens.\n", (gulong) n),
           n);
  return TRUE;
}

static gboolean
token_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  HelderStore *store;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      if (argc >= 2)
        {
          g_print ("%s\n\n  helder token issue PERSON --role advisor|hr|employee [--days N]\n"
                   "  helder token list\n  helder token revoke ID | --person PERSON\n",
                   _ (TOKEN_SUMMARY));
          return TRUE;
        }
      return helder_cli_usage_error (error, _ ("token: say issue, list or revoke"));
    }
  if (!g_str_equal (argv[1], "issue") && !g_str_equal (argv[1], "list") &&
      !g_str_equal (argv[1], "revoke"))
    return helder_cli_usage_error (error, _ ("token: unknown action “%s” (issue, list or revoke)"),
                                   argv[1]);

  store = helder_context_get_store (invocation->context, error);
  if (store == NULL)
    return FALSE;
  if (g_str_equal (argv[1], "issue"))
    return token_issue (invocation, store, argc - 1, argv + 1, error);
  if (g_str_equal (argv[1], "list"))
    return token_list (invocation, store, argc - 1, argv + 1, error);
  return token_revoke (invocation, store, argc - 1, argv + 1, error);
}

void
helder_cli_web_register (HelderContext *context)
{
  static const HelderCommand serve = { "serve", SERVE_SUMMARY, "core", NULL, serve_run, NULL };
  static const HelderCommand token = { "token", TOKEN_SUMMARY, "core", NULL, token_run, NULL };

  helder_context_add_command (context, &serve);
  helder_context_add_command (context, &token);
}
