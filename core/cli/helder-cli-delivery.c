/* helder-cli-delivery.c — `helder send`, `helder outbox`, `helder digest`, `helder config`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-operator.h"
#include "engine/helder-engine.h"
#include "engine/helder-sender.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-outbox.h"
#include "services/repo/helder-repo.h"
#include "services/delivery/helder-scheduler.h"
#include "services/views/helder-lateness.h"

#define SEND_SUMMARY N_ ("Queue what is due and deliver it (e-mail, desktop notifications)")
#define OUTBOX_SUMMARY \
  N_ ("Show the outbox: pending, sent, failing and dead messages; retry dead ones")
#define DIGEST_SUMMARY N_ ("Preview a person's weekly digest as text, HTML or the whole e-mail")
#define CONFIG_SUMMARY N_ ("Show and change settings (SMTP relay, rate limits, digest day, …)")

static void
print_channels (JsonArray *channels)
{
  for (guint i = 0; channels != NULL && i < json_array_get_length (channels); i++)
    {
      JsonObject *c = json_array_get_object_element (channels, i);
      gint64 waiting = json_object_get_int_member (c, "waiting");

      if (json_object_get_boolean_member (c, "available"))
        continue;
      g_print (
        g_dngettext (GETTEXT_PACKAGE,
                     "Channel %s is unavailable: %s. %" PRId64 " message waits; nothing is lost.\n",
                     "Channel %s is unavailable: %s. %" PRId64 " messages wait; nothing is lost.\n",
                     (gulong) waiting),
        json_object_get_string_member (c, "name"), json_object_get_string_member (c, "reason"),
        waiting);
    }
}

/**
 * helder_cli_delivery_print_problems:
 * @problems: from helder_scheduler_problems()
 *
 * A line per moment that is due but not sent, with what to do about it.
 */
void
helder_cli_delivery_print_problems (JsonArray *problems)
{
  for (guint i = 0; problems != NULL && i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);

      if (g_strcmp0 (json_object_get_string_member (p, "problem"), "overdue") == 0)
        {
          g_autofree char *late =
            helder_lateness_describe (json_object_get_int_member (p, "late_minutes"));
          gint64 id = json_object_get_int_member (p, "moment");

          g_print (
            _ (
              "Moment %" PRId64
              " “%s” was due at %s and is %s late: it is held, not sent. Send it anyway (helder moment send-now %" PRId64
              "), reschedule it (helder moment reschedule %" PRId64
              " --scheduled-at TIME) or cancel it (helder moment cancel %" PRId64 ").\n"),
            id, json_object_get_string_member (p, "title"),
            json_object_get_string_member (p, "due_local"), late, id, id, id);
          continue;
        }
      if (g_strcmp0 (json_object_get_string_member (p, "problem"), "filter-missing") == 0)
        {
          g_print (
            _ (
              "Moment %" PRId64
              " “%s” is due, but its audience filter “%s” is not registered (is the plugin that made it loaded?): it stays approved and is not sent. Load the plugin or cancel the moment.\n"),
            json_object_get_int_member (p, "moment"), json_object_get_string_member (p, "title"),
            json_object_get_string_member (p, "filter"));
          continue;
        }
      g_print (
        _ (
          "Moment %" PRId64
          " “%s” is due, but nobody is in its audience: it stays approved and is not sent. Widen its audience or cancel it.\n"),
        json_object_get_int_member (p, "moment"), json_object_get_string_member (p, "title"));
    }
}

static JsonObject *
schedule_report_json (const HelderScheduleReport *r)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "moments_sent", r->moments_sent);
  json_object_set_int_member (o, "moments_empty", r->moments_empty);
  json_object_set_int_member (o, "moments_overdue", r->moments_overdue);
  json_object_set_int_member (o, "moments_unfiltered", r->moments_unfiltered);
  json_object_set_int_member (o, "messages", r->messages);
  json_object_set_int_member (o, "unreachable", r->unreachable);
  json_object_set_boolean_member (o, "digests_due", r->digests_due);
  json_object_set_string_member (o, "week", r->week ? r->week : "");
  json_object_set_int_member (o, "digests", r->digests);
  json_object_set_int_member (o, "digests_unchanged", r->digests_unchanged);
  json_object_set_int_member (o, "digests_no_address", r->digests_no_address);
  json_object_set_boolean_member (o, "digests_no_channel", r->digests_no_channel);
  json_object_set_int_member (o, "meeting_invitations", r->meeting_invitations);
  json_object_set_int_member (o, "meeting_reminders", r->meeting_reminders);
  json_object_set_int_member (o, "meeting_cancellations", r->meeting_cancellations);
  json_object_set_int_member (o, "meetings_started", r->meetings_started);
  json_object_set_array_member (o, "housekeeping_failed",
                                r->housekeeping ? json_array_ref (r->housekeeping)
                                                : json_array_new ());
  return o;
}

static JsonObject *
send_report_json (const HelderSendReport *r)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "sent", r->sent);
  json_object_set_int_member (o, "offered", r->offered);
  json_object_set_int_member (o, "failed", r->failed);
  json_object_set_int_member (o, "dead", r->dead);
  json_object_set_int_member (o, "in_flight", r->in_flight);
  json_object_set_boolean_member (o, "hourly_limit", r->hourly_limit);
  json_object_set_double_member (o, "seconds", r->seconds);
  json_object_set_array_member (o, "channels",
                                r->channels ? json_array_ref (r->channels) : json_array_new ());
  return o;
}

static void
print_housekeeping (const HelderScheduleReport *r)
{
  for (guint i = 0; r->housekeeping != NULL && i < json_array_get_length (r->housekeeping); i++)
    {
      JsonObject *job = json_array_get_object_element (r->housekeeping, i);

      g_print (_ ("Housekeeping “%s” failed (sending went on): %s\n"),
               json_object_get_string_member (job, "name"),
               json_object_get_string_member (job, "error"));
    }
}

static void
print_schedule (const HelderScheduleReport *r)
{
  print_housekeeping (r);
  g_print (_ ("Moments queued: %u, with %u messages in all.\n"), r->moments_sent, r->messages);
  if (r->meeting_invitations + r->meeting_reminders + r->meeting_cancellations > 0)
    g_print (_ ("Meetings: %u invitations (new or changed), %u reminders and %u cancellations "
                "queued.\n"),
             r->meeting_invitations, r->meeting_reminders, r->meeting_cancellations);
  if (r->unreachable > 0)
    g_print (
      g_dngettext (
        GETTEXT_PACKAGE,
        "%u person in an audience takes none of the moment's channels; their page shows it.\n",
        "%u people in audiences take none of the moment's channels; their page shows it.\n",
        r->unreachable),
      r->unreachable);
  if (r->digests_no_channel)
    g_print (
      _ ("Digests for %s: not queued, no loaded plugin delivers digests (see `helder plugins`).\n"),
      r->week);
  else if (r->digests_due)
    g_print (
      _ (
        "Digests for %s: %u queued, %u unchanged since the last one (not sent), %u without an e-mail address.\n"),
      r->week, r->digests, r->digests_unchanged, r->digests_no_address);
  else if (r->week != NULL)
    g_print (
      _ ("Digests for %s: not yet, see `helder config get digest.weekday` and digest.hour.\n"),
      r->week);
}

/* ---- helder send ---------------------------------------------------------- */

static gboolean
send_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  gboolean dry_run = FALSE, queue_only = FALSE, no_digests = FALSE, force_digests = FALSE;
  gboolean no_rate_limit = FALSE, no_moments = FALSE, include_overdue = FALSE;
  int limit = 0;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Show who would get what; change and send nothing"), NULL },
    { "queue-only", 0, 0, G_OPTION_ARG_NONE, &queue_only, N_ ("Queue what is due, deliver nothing"),
      NULL },
    { "no-digests", 0, 0, G_OPTION_ARG_NONE, &no_digests, N_ ("Leave the weekly digests alone"),
      NULL },
    { "no-moments", 0, 0, G_OPTION_ARG_NONE, &no_moments, N_ ("Leave due moments alone"), NULL },
    { "include-overdue", 0, 0, G_OPTION_ARG_NONE, &include_overdue,
      N_ ("Send moments more than delivery.grace_minutes late too, instead of holding them"),
      NULL },
    { "digests-now", 0, 0, G_OPTION_ARG_NONE, &force_digests,
      N_ ("Queue this week's digests now, whatever the digest day"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_ ("Deliver at most N messages"), N_ ("N") },
    { "no-rate-limit", 0, 0, G_OPTION_ARG_NONE, &no_rate_limit,
      N_ ("Ignore delivery.rate_per_second and rate_per_hour"), NULL },
    { NULL }
  };
  g_autoptr (HelderSender) sender = NULL;
  g_autoptr (JsonArray) plan = NULL;
  g_autoptr (JsonArray) problems = NULL;
  g_auto (HelderScheduleReport) scheduled = { 0 };
  HelderScheduleOptions options = { 0 };
  HelderSendReport sent = { 0 };
  gboolean ok = TRUE;

  if (!helder_cli_parse (invocation, entries, NULL, SEND_SUMMARY, &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (
      error, _ ("unexpected argument “%s”: “helder send” takes options only"), argv[1]);
  if (limit < 0)
    return helder_cli_usage_error (error, _ ("--limit: %d is not a number of messages"), limit);

  sender = helder_sender_new (invocation->context, error);
  if (sender == NULL)
    return FALSE;

  plan = json_array_new ();
  options.moments = !no_moments;
  options.digests = !no_digests;
  options.force_digests = force_digests;
  options.include_overdue = include_overdue;
  options.dry_run = dry_run;
  options.plan = dry_run ? plan : NULL;
  if (!helder_sender_schedule (sender, &options, &scheduled, error))
    return FALSE;
  problems = helder_sender_problems (sender, error);
  if (problems == NULL)
    return FALSE;

  if (!dry_run && !queue_only)
    {
      HelderSendOptions send_options = { .until_empty = TRUE,
                                         .max_messages = (guint) limit,
                                         .no_rate_limit = no_rate_limit };

      ok = helder_sender_run (sender, &send_options, &sent, error);
    }
  else
    sent.channels = helder_sender_check_channels (sender, NULL);

  if (invocation->json)
    {
      g_autoptr (JsonObject) out = json_object_new ();
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_boolean_member (out, "dry_run", dry_run);
      json_object_set_object_member (out, "queued", schedule_report_json (&scheduled));
      json_object_set_object_member (out, "delivered", send_report_json (&sent));
      json_object_set_array_member (out, "problems", json_array_ref (problems));
      if (dry_run)
        json_object_set_array_member (out, "plan", json_array_ref (plan));
      json_node_set_object (node, out);
      helder_cli_print_json (node);
    }
  else
    {
      if (dry_run)
        {
          g_autoptr (GPtrArray) rows = g_ptr_array_new ();
          const char *headers[] = { _ ("person"), _ ("channel"), _ ("language"),
                                    _ ("source"), _ ("subject"), NULL };

          g_print ("%s\n", _ ("Dry run: nothing is queued or sent. This would be queued:"));
          for (guint i = 0; i < json_array_get_length (plan); i++)
            {
              JsonObject *p = json_array_get_object_element (plan, i);
              char **cells = g_new0 (char *, 6);

              cells[0] = g_strdup_printf ("%s (%" PRId64 ")",
                                          json_object_get_string_member (p, "person_name"),
                                          json_object_get_int_member (p, "person"));
              cells[1] =
                g_strdup (helder_cli_display_value (json_object_get_string_member (p, "channel")));
              cells[2] = g_strdup (json_object_get_string_member (p, "locale"));
              cells[3] = g_strdup (json_object_get_string_member (p, "source"));
              cells[4] = g_strdup (json_object_get_string_member (p, "subject"));
              g_ptr_array_add (rows, cells);
            }
          if (rows->len > 0)
            helder_cli_print_table (headers, rows);
          g_ptr_array_set_free_func (rows, (GDestroyNotify) g_strfreev);
        }
      print_schedule (&scheduled);
      if (!dry_run && !queue_only)
        {
          g_print (
            _ (
              "Delivered in %.1f s: %u sent, %u waiting for acknowledgement, %u to retry later, %u dead.\n"),
            sent.seconds, sent.sent, sent.offered, sent.failed, sent.dead);
          if (sent.hourly_limit)
            g_print ("%s\n",
                     _ ("Stopped at delivery.rate_per_hour; the rest waits for the next hour."));
          if (sent.failed > 0 || sent.dead > 0)
            g_print ("%s\n", _ ("`helder outbox --status failed` and `--status dead` show why."));
        }
      print_channels (sent.channels);
      helder_cli_delivery_print_problems (problems);
    }
  helder_sender_report_clear (&sent);
  return ok;
}

/* ---- helder outbox -------------------------------------------------------- */

static gboolean
parse_id (const char *text, gint64 *id, GError **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return helder_cli_usage_error (
      error, _ ("“%s” is not a message id (a whole number, see `helder outbox`)"), text);
  *id = (gint64) value;
  return TRUE;
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "pending") == 0)
    return C_ ("outbox", "pending");
  if (g_strcmp0 (status, "sending") == 0)
    return C_ ("outbox", "sending");
  if (g_strcmp0 (status, "offered") == 0)
    return C_ ("outbox", "awaiting acknowledgement");
  if (g_strcmp0 (status, "sent") == 0)
    return C_ ("outbox", "sent");
  if (g_strcmp0 (status, "failed") == 0)
    return C_ ("outbox", "failing, will retry");
  if (g_strcmp0 (status, "dead") == 0)
    return C_ ("outbox", "dead");
  return status;
}

static gboolean
outbox_list (HelderInvocation *invocation,
             HelderSender *sender,
             int argc,
             char **argv,
             GError **error)
{
  g_autofree char *status = NULL;
  g_autofree char *channel = NULL;
  int limit = 50, offset = 0;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_ ("Only messages with this status (pending, sending, offered, sent, failed, dead)"),
      N_ ("STATUS") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_ ("Only messages of this channel"),
      N_ ("CHANNEL") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_ ("Show at most N messages (default 50)"),
      N_ ("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_ ("Skip the first N messages"), N_ ("N") },
    { NULL }
  };
  HelderStore *store = helder_sender_get_store (sender);
  g_autoptr (JsonObject) counts = NULL;
  g_autoptr (JsonObject) list = NULL;
  g_autoptr (JsonArray) channels = NULL;
  g_autoptr (JsonArray) problems = NULL;
  JsonArray *items;

  if (!helder_cli_parse (invocation, entries, NULL, OUTBOX_SUMMARY, &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (
      error, _ ("unexpected argument “%s”; did you mean `helder outbox retry ID`?"), argv[1]);
  if (limit < 0 || offset < 0)
    return helder_cli_usage_error (error, _ ("--limit and --offset take a number of 0 or more"));

  counts = helder_outbox_counts (store, error);
  list = counts ? helder_outbox_list (store, status, channel, (guint) limit, (guint) offset, error)
                : NULL;
  channels = list ? helder_sender_check_channels (sender, error) : NULL;
  problems = channels ? helder_sender_problems (sender, error) : NULL;
  if (problems == NULL)
    return FALSE;
  items = json_object_get_array_member (list, "items");

  if (invocation->json)
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_object_member (list, "counts", json_object_ref (counts));
      json_object_set_array_member (list, "channels", json_array_ref (channels));
      json_object_set_array_member (list, "problems", json_array_ref (problems));
      json_node_set_object (node, list);
      helder_cli_print_json (node);
      return TRUE;
    }

  {
    JsonObject *by = json_object_get_object_member (counts, "by_status");

    g_print (_ ("Outbox: %" PRId64 " pending, %" PRId64 " sending, %" PRId64
                " awaiting acknowledgement, %" PRId64 " sent, %" PRId64 " failing, %" PRId64
                " dead.\n"),
             json_object_get_int_member (by, "pending"), json_object_get_int_member (by, "sending"),
             json_object_get_int_member (by, "offered"), json_object_get_int_member (by, "sent"),
             json_object_get_int_member (by, "failed"), json_object_get_int_member (by, "dead"));
  }
  print_channels (channels);
  helder_cli_delivery_print_problems (problems);
  if (json_array_get_length (items) > 0)
    {
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      const char *headers[] = { _ ("id"),     _ ("status"),   _ ("channel"), _ ("person"),
                                _ ("source"), _ ("attempts"), _ ("when"),    NULL };
      g_autoptr (GString) reasons = g_string_new (NULL);

      g_print ("\n");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *row = json_array_get_object_element (items, i);
          const char *st = json_object_get_string_member (row, "status");
          const char *when = g_strcmp0 (st, "sent") == 0
                               ? json_object_get_string_member (row, "sent_at")
                               : json_object_get_string_member (row, "next_attempt_at");
          const char *reason = json_object_get_string_member_with_default (row, "last_error", NULL);
          char **cells = g_new0 (char *, 8);

          cells[0] = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "id"));
          cells[1] = g_strdup (status_label (st));
          cells[2] =
            g_strdup (helder_cli_display_value (json_object_get_string_member (row, "channel")));
          cells[3] = g_strdup (json_object_get_string_member_with_default (row, "person_name", ""));
          cells[4] = g_strdup (json_object_get_string_member (row, "source"));
          cells[5] = g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "attempts"));
          cells[6] = g_strcmp0 (st, "dead") == 0 || g_strcmp0 (st, "offered") == 0
                       ? g_strdup ("")
                       : helder_cli_local_time (when);
          g_ptr_array_add (rows, cells);
          /* Reasons in full, under the table: they are what the reader needs. */
          if (reason != NULL && reason[0] != '\0' &&
              (g_strcmp0 (st, "failed") == 0 || g_strcmp0 (st, "dead") == 0))
            g_string_append_printf (reasons, "  %" PRId64 ": %s\n",
                                    json_object_get_int_member (row, "id"), reason);
        }
      helder_cli_print_table (headers, rows);
      if (reasons->len > 0)
        g_print ("\n%s\n%s", _ ("Why they failed:"), reasons->str);
      if (json_object_get_int_member (list, "total") > (gint64) json_array_get_length (items))
        g_print (_ ("(%u of %" PRId64 "; --limit and --offset page through them)\n"),
                 json_array_get_length (items), json_object_get_int_member (list, "total"));
    }
  return TRUE;
}

static gboolean
outbox_retry (HelderInvocation *invocation,
              HelderSender *sender,
              int argc,
              char **argv,
              GError **error)
{
  gint64 id;

  if (!helder_cli_parse (invocation, NULL, N_ ("ID"), OUTBOX_SUMMARY, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (
      error, _ ("outbox retry: give one message id, e.g. `helder outbox retry 12`"));
  if (!parse_id (argv[1], &id, error))
    return FALSE;
  if (!helder_outbox_retry (helder_sender_get_store (sender), id, error))
    return FALSE;
  g_print (_ ("Message %" PRId64 " is queued again; `helder send` delivers it.\n"), id);
  return TRUE;
}

static gboolean
outbox_show (HelderInvocation *invocation,
             HelderSender *sender,
             int argc,
             char **argv,
             GError **error)
{
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  gint64 id;

  if (!helder_cli_parse (invocation, NULL, N_ ("ID"), OUTBOX_SUMMARY, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (
      error, _ ("outbox show: give one message id, e.g. `helder outbox show 12`"));
  if (!parse_id (argv[1], &id, error))
    return FALSE;
  row = helder_outbox_get (helder_sender_get_store (sender), id, error);
  if (row == NULL)
    return FALSE;
  if (invocation->json)
    {
      json_node_set_object (node, row);
      helder_cli_print_json (node);
      return TRUE;
    }
  g_print ("%s: %s\n%s: %s (%" PRId64 ")\n%s: %s\n%s: %s\n%s: %" PRId64 "\n", _ ("status"),
           status_label (json_object_get_string_member (row, "status")), _ ("person"),
           json_object_get_string_member_with_default (row, "person_name", ""),
           json_object_get_int_member (row, "person"), _ ("channel"),
           helder_cli_display_value (json_object_get_string_member (row, "channel")), _ ("source"),
           json_object_get_string_member (row, "source"), _ ("attempts"),
           json_object_get_int_member (row, "attempts"));
  if (!json_object_get_null_member (row, "last_error"))
    g_print ("%s: %s\n", _ ("reason"), json_object_get_string_member (row, "last_error"));
  g_print ("%s: %s\n\n%s\n", _ ("subject"), json_object_get_string_member (row, "subject"),
           json_object_get_string_member (row, "body"));
  return TRUE;
}

static gboolean
outbox_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autoptr (HelderSender) sender = NULL;

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print (
        "%s\n\n  helder outbox [--status STATUS] [--channel CHANNEL] [--limit N] [--offset N]\n"
        "  helder outbox show ID\n  helder outbox retry ID\n",
        _ (OUTBOX_SUMMARY));
      return TRUE;
    }
  sender = helder_sender_new (invocation->context, error);
  if (sender == NULL)
    return FALSE;
  if (argc >= 2 && g_str_equal (argv[1], "retry"))
    return outbox_retry (invocation, sender, argc - 1, argv + 1, error);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return outbox_show (invocation, sender, argc - 1, argv + 1, error);
  return outbox_list (invocation, sender, argc, argv, error);
}

/* ---- helder digest -------------------------------------------------------- */

static gboolean
digest_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  g_autofree char *format = NULL;
  g_autofree char *week = NULL;
  g_autofree char *on = NULL;
  GOptionEntry entries[] = { { "format", 0, 0, G_OPTION_ARG_STRING, &format,
                               N_ ("text (default), html or mime"), N_ ("FORMAT") },
                             { "on", 0, 0, G_OPTION_ARG_STRING, &on,
                               N_ ("The digest as it would be composed on this day"),
                               N_ ("YYYY-MM-DD") },
                             { NULL } };
  g_autoptr (HelderSender) sender = NULL;
  g_autoptr (JsonNode) key = json_node_new (JSON_NODE_VALUE);
  g_autoptr (JsonNode) id = NULL;
  g_autoptr (JsonObject) person = NULL;
  g_autoptr (JsonObject) settings = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *today = NULL;
  g_autofree char *language = g_strdup (getenv ("LANGUAGE"));
  g_autofree char *id_text = NULL;
  g_auto (HelderDigest) digest = { 0 };
  HelderStore *store;
  gboolean ok;

  if (!helder_cli_parse (invocation, entries, N_ ("PERSON"), DIGEST_SUMMARY, &argc, &argv, error))
    return FALSE;
  if (argc != 2)
    return helder_cli_usage_error (error, _ ("digest: give one person (id or e-mail address)"));
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "html") &&
      !g_str_equal (format, "mime"))
    return helder_cli_usage_error (error, _ ("--format: “%s” is not text, html or mime"), format);

  sender = helder_sender_new (invocation->context, error);
  if (sender == NULL)
    return FALSE;
  store = helder_sender_get_store (sender);
  /* The store is open: "today" is a day of the programme's time zone. */
  if (on != NULL && !helder_cli_set_day ("--on", on, error))
    return FALSE;
  local = helder_clock_now_local ();
  today = g_date_time_format (local, "%Y-%m-%d");
  /* An id, an e-mail address or a part of the name. */
  id_text = helder_cli_resolve_key (store, helder_entity_lookup ("person"), argv[1], error);
  if (id_text == NULL)
    return FALSE;
  json_node_set_int (key, g_ascii_strtoll (id_text, NULL, 10));
  id = json_node_ref (key);
  person = helder_repo_get (store, helder_entity_lookup ("person"), id_text, error);
  settings = person ? helder_sender_read_settings (sender, error) : NULL;
  if (settings == NULL)
    return FALSE;
  week = helder_digest_week (local);
  helder_language_begin (json_object_get_string_member_with_default (person, "locale", "nl"));
  ok = helder_digest_compose (store, json_node_get_int (id), week, today,
                              json_object_get_string_member (settings, "server.base_url"),
                              helder_context_get_digest_sections (invocation->context), &digest,
                              error);
  helder_language_use (language != NULL ? language : "");
  helder_language_end ();
  if (!ok)
    return FALSE;

  if (g_str_equal (format, "text"))
    {
      g_print ("%s: %s\n\n%s", _ ("Subject"), digest.subject, digest.body);
      return TRUE;
    }
  else
    {
      g_autoptr (GPtrArray) channels =
        helder_engine_get_channels (helder_context_get_engine (invocation->context));
      HelderChannel *email = NULL;
      g_autoptr (JsonObject) delivery = json_object_new ();
      g_autofree char *delivery_key = NULL;
      g_autofree char *rendered = NULL;

      /* The channel the digest goes by shows it as it would go out. */
      for (guint i = 0; email == NULL && i < channels->len; i++)
        if (helder_channel_get_flags (g_ptr_array_index (channels, i)) & HELDER_CHANNEL_DIGEST)
          email = g_ptr_array_index (channels, i);
      if (email == NULL)
        {
          g_set_error (
            error, HELDER_ERROR, HELDER_ERROR_INVALID,
            _ ("--format %s needs the e-mail plugin, and it is not loaded (see `helder plugins`)"),
            format);
          return FALSE;
        }
      if (!helder_channel_configure (email, settings, error))
        return FALSE;
      delivery_key = g_strdup_printf ("%s/%" PRId64 "/%s", digest.source, json_node_get_int (id),
                                      helder_channel_get_name (email));
      json_object_set_int_member (delivery, "id", 0);
      json_object_set_string_member (delivery, "key", delivery_key);
      json_object_set_string_member (delivery, "source", digest.source);
      json_object_set_int_member (delivery, "person", json_node_get_int (id));
      json_object_set_string_member (delivery, "channel", helder_channel_get_name (email));
      json_object_set_string_member (delivery, "subject", digest.subject);
      json_object_set_string_member (delivery, "body", digest.body);
      json_object_set_string_member (delivery, "locale", digest.locale);
      json_object_set_string_member (delivery, "link", digest.link);
      rendered = helder_channel_preview (email, delivery, person, format, error);
      if (rendered == NULL)
        return FALSE;
      fputs (rendered, stdout);
      return TRUE;
    }
}

/* ---- helder config -------------------------------------------------------- */

static const char *
shown_value (const HelderSetting *setting, const char *value)
{
  if (setting->secret && value != NULL && value[0] != '\0')
    return "********";
  return value;
}

static gboolean
config_run (HelderInvocation *invocation, int argc, char **argv, GError **error)
{
  HelderContext *context = invocation->context;
  const char *action;

  /* No option parsing: a value may start with "-". */
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print (
        "%s\n\n  helder config [list]\n  helder config get KEY\n  helder config set KEY VALUE\n"
        "  helder config unset KEY\n\n%s\n",
        _ (CONFIG_SUMMARY),
        _ (
          "`helder config set operator PERSON` (a number, e-mail address or name) says who works at this "
          "terminal: every change is audited with their name. It is kept for you and this "
          "database alone, not in the database; `--as PERSON` or $HELDER_OPERATOR override it."));
      return TRUE;
    }
  action = argc >= 2 ? argv[1] : "list";
  if (argc >= 3 && g_str_equal (argv[2], "operator") &&
      (g_str_equal (action, "get") || g_str_equal (action, "set") || g_str_equal (action, "unset")))
    {
      int wanted = g_str_equal (action, "set") ? 4 : 3;

      if (argc < wanted)
        return helder_cli_usage_error (
          error,
          _ (
            "config set operator: say who, e.g. `helder config set operator 4` or an e-mail address"));
      if (argc > wanted)
        return helder_cli_usage_error (error, _ ("config %s operator: unexpected argument “%s”"),
                                       action, argv[wanted]);
      return helder_cli_operator_config (invocation, action, argc == 4 ? argv[3] : NULL, error);
    }

  if (g_str_equal (action, "list"))
    {
      g_autoptr (JsonObject) values = NULL;
      g_autoptr (GPtrArray) settings = helder_context_list_settings (context);
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      const char *headers[] = { _ ("setting"), _ ("value"), _ ("meaning"), NULL };

      if (argc > 2)
        return helder_cli_usage_error (error, _ ("config list takes no arguments"));
      values = helder_context_read_settings (context, error);
      if (values == NULL)
        return FALSE;
      if (invocation->json)
        {
          g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

          for (guint i = 0; i < settings->len; i++)
            {
              const HelderSetting *s = g_ptr_array_index (settings, i);

              json_object_set_string_member (
                values, s->name, shown_value (s, json_object_get_string_member (values, s->name)));
            }
          json_node_set_object (node, values);
          helder_cli_print_json (node);
          return TRUE;
        }
      for (guint i = 0; i < settings->len; i++)
        {
          const HelderSetting *s = g_ptr_array_index (settings, i);
          char **cells = g_new0 (char *, 4);

          cells[0] = g_strdup (s->name);
          cells[1] = g_strdup (shown_value (s, json_object_get_string_member (values, s->name)));
          cells[2] = g_strdup (
            g_dgettext (s->gettext_domain ? s->gettext_domain : GETTEXT_PACKAGE, s->summary));
          g_ptr_array_add (rows, cells);
        }
      helder_cli_print_table (headers, rows);
      return TRUE;
    }
  if (g_str_equal (action, "get"))
    {
      g_autofree char *value = NULL;

      if (argc != 3)
        return helder_cli_usage_error (
          error, _ ("config get: give one setting, e.g. `helder config get smtp.url`"));
      value = helder_context_get_setting (context, argv[2], error);
      if (value == NULL)
        return FALSE;
      g_print ("%s\n", shown_value (helder_context_lookup_setting (context, argv[2]), value));
      return TRUE;
    }
  if (g_str_equal (action, "set"))
    {
      if (argc != 4)
        return helder_cli_usage_error (
          error,
          _ (
            "config set: give a setting and its value, e.g. `helder config set smtp.url smtp://relay.example.nl:587`"));
      if (!helder_context_set_setting (context, argv[2], argv[3], error))
        return FALSE;
      g_print (_ ("%s is set.\n"), argv[2]);
      return TRUE;
    }
  if (g_str_equal (action, "unset"))
    {
      if (argc != 3)
        return helder_cli_usage_error (error, _ ("config unset: give one setting"));
      if (!helder_context_set_setting (context, argv[2], NULL, error))
        return FALSE;
      g_print (_ ("%s is back to its default.\n"), argv[2]);
      return TRUE;
    }
  return helder_cli_usage_error (error, _ ("config: unknown action “%s” (list, get, set or unset)"),
                                 action);
}

void
helder_cli_delivery_register (HelderContext *context)
{
  static const HelderCommand commands[] = {
    { "send", SEND_SUMMARY, "core", NULL, send_run, NULL },
    { "outbox", OUTBOX_SUMMARY, "core", NULL, outbox_run, NULL },
    { "digest", DIGEST_SUMMARY, "core", NULL, digest_run, NULL },
    { "config", CONFIG_SUMMARY, "core", NULL, config_run, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    helder_context_add_command (context, &commands[i]);
}
