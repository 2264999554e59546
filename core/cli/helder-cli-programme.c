/* helder-cli-programme.c — `helder init`, `helder status`, `helder doctor`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "helder-error.h"
#include "cli/helder-cli.h"
#include "cli/helder-cli-gate-measure.h"
#include "cli/helder-cli-noun-private.h"
#include "model/helder-date.h"
#include "cli/helder-cli-template-private.h"
#include "services/access/helder-config.h"
#include "services/transfer/helder-demo.h"
#include "services/transfer/helder-export.h"
#include "services/transfer/helder-import-json.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-placement-sync.h"
#include "services/views/helder-hr.h"
#include "services/views/helder-status.h"
#include "services/views/helder-lateness.h"

/* ---- init --------------------------------------------------------------- */

static gboolean
cmd_init (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  gboolean demo = FALSE;
  int people = 0;
  g_autofree char *name = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *time_zone = NULL;
  g_autofree char *template_name = NULL;
  g_autofree char *language_name = NULL;
  const char *language;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_ ("Fill the database with the demo programme “Gemeente Voorbeeld”"), NULL },
    { "people", 0, 0, G_OPTION_ARG_INT, &people,
      N_ ("With --demo: generate this many people instead of the demo’s own"), N_ ("N") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("The programme’s name"), N_ ("TEXT") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
      N_ ("The organisation in transition"), N_ ("TEXT") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_ ("First day (default: today)"),
      N_ ("YYYY-MM-DD") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end,
      N_ ("Planned last day (default: a year after the start)"), N_ ("YYYY-MM-DD") },
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &time_zone,
      N_ (
        "Where the programme’s clocks are: every time people type and read (default: Europe/Amsterdam)"),
      N_ ("ZONE") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_name,
      N_ ("Start from a template: the phases, groups and Go/No-Go gates of a method "
          "(outsourcing); list shows the templates"),
      N_ ("NAME") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language_name,
      N_ ("With --template: the language of the programme’s texts, nl or en (default: the "
          "language Helder speaks to you)"),
      N_ ("LANG") },
    { NULL }
  };
  g_autoptr (JsonObject) programme = NULL;
  HelderStore *store;
  gboolean empty;

  if (!helder_cli_parse (
        inv, entries, NULL,
        N_ ("Create the database: an empty programme, or the demo programme with --demo."), &argc,
        &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (people < 0 || people > 1000000)
    return helder_cli_usage_error (error, _ ("--people must be between 1 and 1000000"));
  if (people > 0 && !demo)
    return helder_cli_usage_error (error, _ ("--people goes with --demo"));
  if (demo && (name || organisation || start || end))
    return helder_cli_usage_error (
      error,
      _ (
        "--demo brings its own name and dates; leave out --name, --organisation, --start and --end"));
  if (demo && template_name != NULL)
    return helder_cli_usage_error (error, _ ("--template and --demo do not go together"));
  if (language_name != NULL && template_name == NULL)
    return helder_cli_usage_error (error, _ ("--language goes with --template"));
  language = helder_cli_template_language (language_name, error);
  if (language == NULL)
    return FALSE;
  if (g_strcmp0 (template_name, "list") == 0)
    return helder_cli_template_list (inv, language, error);
  if (template_name != NULL && !helder_cli_template_check (template_name, language, error))
    return FALSE;
  if (start != NULL && !helder_date_parse (start, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("--start: “%s” is not a date (use YYYY-MM-DD, a day that exists)"), start);
      return FALSE;
    }

  /* Before anything else: "today" and the demo's times are in this zone. */
  if (time_zone != NULL && !helder_clock_check_zone (time_zone, error))
    {
      g_prefix_error (error, "--time-zone: ");
      return FALSE;
    }

  store = helder_context_get_store (inv->context, error);
  if (store == NULL)
    return FALSE;
  if (time_zone != NULL && !helder_clock_set_zone (time_zone, error))
    return FALSE;
  {
    g_autoptr (GError) local = NULL;
    empty = helder_import_json_store_is_empty (store, &local);
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
  }
  if (!empty)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
        _ ("%s already holds a programme; use another --db or remove the file to start over"),
        helder_store_get_path (store));
      return FALSE;
    }

  if (demo)
    {
      g_autoptr (GPtrArray) steps = helder_context_list_demo_steps (inv->context);

      if (!helder_demo_load_with_steps (store, NULL, (guint) people, steps, error))
        return FALSE;
      if (time_zone != NULL)
        {
          g_autoptr (JsonObject) zone = json_object_new ();

          json_object_set_string_member (zone, "time_zone", time_zone);
          programme = helder_repo_update (store, helder_entity_lookup ("programme"), NULL, zone,
                                          HELDER_WRITE_DEFAULT, error);
          if (programme == NULL)
            return FALSE;
        }
    }
  else if (template_name != NULL)
    {
      g_autoptr (JsonObject) values = json_object_new ();
      g_autofree char *today = helder_clock_today ();

      if (name != NULL)
        json_object_set_string_member (values, "name", name);
      json_object_set_string_member (values, "organisation", organisation ? organisation : "");
      json_object_set_string_member (values, "starts_on", start ? start : today);
      if (end != NULL)
        json_object_set_string_member (values, "ends_on", end);
      json_object_set_string_member (values, "time_zone",
                                     time_zone ? time_zone : HELDER_DEFAULT_TIME_ZONE);
      if (end != NULL && !helder_date_parse (end, NULL))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("--end: “%s” is not a date (use YYYY-MM-DD, a day that exists)"), end);
          return FALSE;
        }
      if (!helder_cli_template_create (store, template_name, language, values, error))
        return FALSE;
    }
  else
    {
      g_autoptr (JsonObject) values = json_object_new ();
      g_autofree char *today = helder_clock_today ();
      g_autofree char *next_year = NULL;

      json_object_set_string_member (values, "name", name ? name : _ ("ICT transition"));
      json_object_set_string_member (values, "organisation", organisation ? organisation : "");
      json_object_set_string_member (values, "starts_on", start ? start : today);
      if (end == NULL)
        {
          next_year = helder_date_add_days (start ? start : today, 365);
          if (next_year == NULL)
            {
              g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                           _ ("--start: “%s” is not a date (use YYYY-MM-DD, a day that exists)"),
                           start);
              return FALSE;
            }
        }
      json_object_set_string_member (values, "ends_on", end ? end : next_year);
      json_object_set_string_member (values, "time_zone",
                                     time_zone ? time_zone : HELDER_DEFAULT_TIME_ZONE);
      programme = helder_repo_create (store, helder_entity_lookup ("programme"), values,
                                      HELDER_WRITE_DEFAULT, error);
      if (programme == NULL)
        return FALSE;
    }

  g_clear_pointer (&programme, json_object_unref);
  programme = helder_repo_get (store, helder_entity_lookup ("programme"), NULL, error);
  if (programme == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr (JsonObject) out = json_object_new ();
      json_object_set_string_member (out, "database", helder_store_get_path (store));
      json_object_set_object_member (out, "programme", json_object_ref (programme));
      json_object_set_int_member (out, "people",
                                  helder_repo_count (store, helder_entity_lookup ("person"), NULL));
      {
        g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), out);
        helder_cli_print_json (node);
      }
      return TRUE;
    }

  g_print (_ ("Created “%s” in %s"), json_object_get_string_member (programme, "name"),
           helder_store_get_path (store));
  g_print ("\n");
  if (template_name != NULL)
    helder_cli_template_print_summary (store, template_name);
  if (!demo &&
      json_object_get_string_member_with_default (programme, "organisation", "")[0] == '\0')
    {
      g_print ("%s", _ ("No organisation yet: name it with helder programme update --organisation "
                        "NAME"));
      g_print ("\n");
    }
  if (demo)
    {
      gint64 n = helder_repo_count (store, helder_entity_lookup ("person"), NULL);
      g_print (g_dngettext (GETTEXT_PACKAGE, "The demo programme has %" PRId64 " person.",
                            "The demo programme has %" PRId64 " people.", (gulong) n),
               n);
      g_print ("\n");
    }
  g_print ("%s\n", _ ("Next: helder status"));
  return TRUE;
}

/* ---- status ------------------------------------------------------------- */

static const char *
member_string (JsonObject *o, const char *m)
{
  if (o == NULL || !json_object_has_member (o, m) || json_object_get_null_member (o, m))
    return "";
  return json_object_get_string_member (o, m);
}

static void
print_counts (JsonObject *counts, const char *const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    g_print ("%s%s %" PRId64, i ? " · " : "", helder_cli_display_value (keys[i]),
             json_object_get_int_member (counts, keys[i]));
}

/* The moments held because they are late, with what to do. */
static void
print_overdue (JsonArray *overdue)
{
  guint n = overdue != NULL ? json_array_get_length (overdue) : 0;

  if (n == 0)
    return;
  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u moment is late and held, not sent:",
                        "%u moments are late and held, not sent:", n),
           n);
  g_print ("\n");
  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = json_array_get_object_element (overdue, i);
      g_autofree char *late =
        helder_lateness_describe (json_object_get_int_member (o, "late_minutes"));

      /* TRANSLATORS: a late moment in `helder status`: its id, title, when it was due, how late */
      g_print (_ ("  ! #%" PRId64 " %s — due %s, %s late\n"),
               json_object_get_int_member (o, "moment"), member_string (o, "title"),
               member_string (o, "due_local"), late);
    }
  g_print (
    "    %s\n",
    _ (
      "helder moment send-now ID | helder moment reschedule ID --scheduled-at TIME | helder moment cancel ID"));
}

/* The roles with more people than FTE, one warning line each. */
static void
print_over_placed (JsonObject *s, int w)
{
  JsonObject *placements = json_object_get_object_member (s, "placements");
  JsonArray *over =
    placements != NULL ? json_object_get_array_member (placements, "over_placed") : NULL;

  for (guint i = 0; over != NULL && i < json_array_get_length (over); i++)
    {
      JsonObject *role = json_array_get_object_element (over, i);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *text = helder_hr_over_placed_text (
        role,
        g_ascii_formatd (buffer, sizeof buffer, "%g", json_object_get_double_member (role, "fte")));

      g_print ("\n%-*s   ! %s", w, "", text);
    }
}

static void
print_status (JsonObject *s)
{
  static const char *const change_keys[] = { "draft",    "decided",   "discussed",
                                             "accepted", "objection", NULL };
  static const char *const commitment_keys[] = {
    "open", "late", "kept", "broken", "withdrawn", NULL
  };
  JsonObject *programme = json_object_get_null_member (s, "programme")
                            ? NULL
                            : json_object_get_object_member (s, "programme");
  JsonObject *phase = json_object_get_null_member (s, "current_phase")
                        ? NULL
                        : json_object_get_object_member (s, "current_phase");
  JsonObject *gate = json_object_get_null_member (s, "next_gate")
                       ? NULL
                       : json_object_get_object_member (s, "next_gate");
  JsonObject *changes = json_object_get_object_member (s, "role_changes");
  JsonObject *commitments = json_object_get_object_member (s, "commitments");
  JsonArray *late = json_object_get_array_member (commitments, "late_items");
  JsonArray *moments = json_object_get_array_member (s, "moments");
  const int w = 16;
  glong status_width = 0;

  if (programme != NULL && member_string (programme, "organisation")[0] != '\0')
    g_print ("%s — %s\n", member_string (programme, "name"),
             member_string (programme, "organisation"));
  else if (programme != NULL)
    g_print ("%s\n", member_string (programme, "name"));
  else
    g_print ("%s\n", _ ("No programme yet: run helder init"));
  g_print ("%-*s %s (%s)\n\n", w, _ ("Today"), member_string (s, "today"),
           helder_clock_zone_name ());

  if (phase != NULL)
    {
      g_print ("%-*s %s (", w, _ ("Phase"), member_string (phase, "name"));
      g_print (_ ("day %" PRId64 " of %" PRId64), json_object_get_int_member (phase, "day"),
               json_object_get_int_member (phase, "days"));
      g_print (", %s – %s)\n", member_string (phase, "starts_on"),
               member_string (phase, "ends_on"));
    }
  else
    g_print ("%-*s %s\n", w, _ ("Phase"), _ ("no phase runs today"));

  if (gate != NULL)
    {
      JsonArray *open = json_object_get_array_member (gate, "open_criteria");
      gint64 days = json_object_get_int_member (gate, "days_left");

      g_print ("%-*s %s — %s ", w, _ ("Next gate"), member_string (gate, "name"),
               member_string (gate, "decide_on"));
      if (days >= 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "(in %" PRId64 " day)", "(in %" PRId64 " days)",
                              (gulong) days),
                 days);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "(%" PRId64 " day overdue)",
                              "(%" PRId64 " days overdue)", (gulong) -days),
                 -days);
      g_print ("\n%-*s ", w, "");
      g_print (_ ("%u of %" PRId64 " criteria open"), json_array_get_length (open),
               json_object_get_int_member (gate, "criteria"));
      g_print ("\n");
      for (guint i = 0; i < json_array_get_length (open); i++)
        {
          JsonObject *c = json_array_get_object_element (open, i);
          g_print ("%-*s   • %s (%s%s%s)\n", w, "", member_string (c, "text"),
                   helder_cli_display_value (member_string (c, "status")),
                   member_string (c, "owner")[0] ? ", " : "", member_string (c, "owner"));
        }
    }
  else
    g_print ("%-*s %s\n", w, _ ("Next gate"), _ ("no gate ahead"));

  g_print ("\n%-*s ", w, _ ("Role changes"));
  print_counts (changes, change_keys);
  g_print ("\n%-*s ", w, "");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " future role not decided yet",
                        "%" PRId64 " future roles not decided yet",
                        (gulong) json_object_get_int_member (changes, "undecided")),
           json_object_get_int_member (changes, "undecided"));
  print_over_placed (s, w);
  g_print ("\n%-*s ", w, _ ("Commitments"));
  print_counts (commitments, commitment_keys);
  g_print ("\n");
  for (guint i = 0; i < json_array_get_length (late); i++)
    {
      JsonObject *c = json_array_get_object_element (late, i);
      g_autofree char *text = g_strdup (member_string (c, "text"));
      gint64 days = json_object_get_int_member (c, "days_late");

      g_strdelimit (text, "\n", ' ');
      g_print ("%-*s   ! #%" PRId64 " %s — ", w, "", json_object_get_int_member (c, "id"), text);
      g_print (g_dngettext (GETTEXT_PACKAGE, "due %s, %" PRId64 " day late",
                            "due %s, %" PRId64 " days late", (gulong) days),
               member_string (c, "due_on"), days);
      g_print ("\n");
    }

  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "Moments in the next %d day:",
                        "Moments in the next %d days:", HELDER_STATUS_HORIZON_DAYS),
           HELDER_STATUS_HORIZON_DAYS);
  g_print ("\n");
  if (json_array_get_length (moments) == 0)
    g_print ("  %s\n", _ ("none planned — is that silence intended?"));
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);

      status_width = MAX (
        status_width, helder_cli_width (helder_cli_display_value (member_string (m, "status"))));
    }
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *m = json_array_get_object_element (moments, i);
      g_autofree char *when = helder_cli_local_time (member_string (m, "scheduled_at"));
      g_autofree char *status =
        helder_cli_pad (helder_cli_display_value (member_string (m, "status")), status_width);
      gint64 n = json_object_get_int_member (m, "audience");

      g_print ("  %s  %s #%-4" PRId64 " %s → ", when, status, json_object_get_int_member (m, "id"),
               member_string (m, "title"));
      if (json_object_get_boolean_member_with_default (m, "filtered", FALSE))
        g_print (g_dngettext (GETTEXT_PACKAGE, "at most %" PRId64 " person",
                              "at most %" PRId64 " people", (gulong) n),
                 n);
      else
        g_print (
          g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " person", "%" PRId64 " people", (gulong) n), n);
      if (json_object_get_boolean_member_with_default (m, "overdue", FALSE))
        {
          g_autofree char *late =
            helder_lateness_describe (json_object_get_int_member (m, "late_minutes"));

          /* TRANSLATORS: after a moment in `helder status`; %s is how late */
          g_print (_ (" — LATE %s, held"), late);
        }
      g_print ("\n");
    }
  helder_cli_reach_print_sent (json_object_get_array_member (s, "sent"),
                               HELDER_STATUS_HORIZON_DAYS);
  print_overdue (json_object_get_array_member (s, "overdue"));
}

static gboolean
cmd_status (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *today = NULL;
  GOptionEntry entries[] = { { "on", 0, 0, G_OPTION_ARG_STRING, &today,
                               N_ ("Look at the programme as on this day"), N_ ("YYYY-MM-DD") },
                             { "today", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &today,
                               N_ ("Look at the programme as on this day"), N_ ("YYYY-MM-DD") },
                             { NULL } };
  g_autoptr (JsonObject) status = NULL;
  HelderStore *store;

  if (
    !helder_cli_parse (
      inv, entries, NULL,
      N_ (
        "Where the programme stands: phase, next gate, role changes, commitments, coming moments."),
      &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  store = helder_context_get_store (inv->context, error);
  if (store == NULL)
    return FALSE;
  /* "4 december 2026", "04-12-2026" as well as 2026-12-04 */
  if (today != NULL)
    {
      char *day = helder_date_parse_typed (today);

      if (day != NULL)
        {
          g_free (today);
          today = day;
        }
    }
  /* After the store: the day is one of the programme's time zone. */
  if (today != NULL && !helder_cli_set_day ("--on", today, error))
    return FALSE;
  if (!helder_cli_gate_measure_refresh (inv, store, NULL, error))
    return FALSE;
  status = helder_status_compute (store, today, error);
  if (status == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), status);
      helder_cli_print_json (node);
    }
  else
    print_status (status);
  return TRUE;
}

/* ---- doctor ------------------------------------------------------------- */

/* Warns when other users than the owner may read @path (a folder when
 * @folder): the database holds every person's data and the sessions. */
static void
warn_if_shared (GPtrArray *warnings, const char *path, gboolean folder)
{
  g_autofree char *quoted = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) == 0)
    return;
  quoted = g_shell_quote (path);
  g_ptr_array_add (
    warnings,
    g_strdup_printf (
      folder ? _ ("the folder %s is open to other users (mode %04o); make it private: chmod 700 %s")
             : _ ("%s is readable by other users (mode %04o); make it private: chmod 600 %s"),
      path, (guint) (st.st_mode & 07777), quoted));
}

/* Secrets kept in plain text in the database, and the files that keep
 * them instead (a secret setting NAME has a NAME_file setting when its
 * owner can read it from a file). */
static gboolean
check_secrets (HelderContext *context, HelderStore *store, GPtrArray *warnings, GError **error)
{
  g_autoptr (GPtrArray) settings = helder_context_list_settings (context);

  for (guint i = 0; i < settings->len; i++)
    {
      const HelderSetting *s = g_ptr_array_index (settings, i);
      g_autofree char *file_setting = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *file = NULL;
      g_autoptr (GError) local = NULL;
      gboolean has_file_setting;
      GStatBuf st;

      if (!s->secret)
        continue;
      file_setting = g_strconcat (s->name, "_file", NULL);
      has_file_setting = helder_context_lookup_setting (context, file_setting) != NULL;

      stored = helder_config_get (store, s->name, &local);
      if (local == NULL && has_file_setting)
        file = helder_config_get (store, file_setting, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }

      if (stored != NULL && stored[0] != '\0')
        g_ptr_array_add (
          warnings,
          has_file_setting
            ? g_strdup_printf (
                _ (
                  "%s is stored in plain text in the database; put it in a file that only Helder can read, "
                  "then: helder config set %s PATH; helder config unset %s"),
                s->name, file_setting, s->name)
            : g_strdup_printf (_ ("%s is stored in plain text in the database"), s->name));

      if (file == NULL || file[0] == '\0')
        continue;
      if (g_stat (file, &st) != 0)
        {
          int saved = errno;
          g_ptr_array_add (warnings, g_strdup_printf (_ ("%s: cannot read %s: %s"), file_setting,
                                                      file, g_strerror (saved)));
        }
      else if ((st.st_mode & S_IRWXO) != 0)
        {
          g_autofree char *quoted = g_shell_quote (file);
          g_ptr_array_add (
            warnings,
            g_strdup_printf (
              _ ("%s: %s is readable by every user (mode %04o), so Helder does not use it; "
                 "make it private: chmod 600 %s"),
              file_setting, file, (guint) (st.st_mode & 07777), quoted));
        }
    }
  return TRUE;
}

/* A placement and a role change that disagree: possible only in data
 * restored from an export made before the two were kept in line. */
static gboolean
check_placements (HelderStore *store, GPtrArray *warnings, GError **error)
{
  g_autoptr (JsonArray) rows = helder_placement_sync_disagreements (store, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *placement = member_string (row, "placement_status");
      const char *change = member_string (row, "role_change_status");
      const char *to_role = member_string (row, "to_role");

      g_ptr_array_add (
        warnings,
        /* TRANSLATORS: doctor: a person, a role, the placement's status, the
         * role change's status and the role it leads to */
        g_strdup_printf (_ ("%s: the placement for “%s” is %s, the role change is %s (to %s);"
                            " confirm or withdraw the placement, or change the role change,"
                            " so that they agree"),
                         member_string (row, "name"), member_string (row, "role"),
                         placement[0] != '\0' ? helder_cli_display_value (placement)
                                              : _ ("missing"),
                         change[0] != '\0' ? helder_cli_display_value (change) : _ ("missing"),
                         to_role[0] != '\0' ? to_role : "—"));
    }
  return TRUE;
}

/* What doctor warns about without failing: who may read the files. */
static GPtrArray *
doctor_warnings (HelderContext *context, HelderStore *store, GError **error)
{
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  const char *path = helder_store_get_path (store);
  g_autofree char *dir = g_path_get_dirname (path);
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  warn_if_shared (warnings, dir, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      warn_if_shared (warnings, file, FALSE);
    }
  if (!check_secrets (context, store, warnings, error) ||
      !check_placements (store, warnings, error))
    return NULL;
  return g_steal_pointer (&warnings);
}

static gboolean
cmd_doctor (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) warnings = NULL;
  HelderStore *store;

  if (!helder_cli_parse (inv, NULL, NULL,
                         N_ ("Check the database: integrity, foreign keys and schema versions; "
                             "warn when its files are open to other users or it holds a password."),
                         &argc, &argv, error))
    return FALSE;
  if (argc > 1)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[1]);
  if (!g_file_test (helder_context_get_db_path (inv->context), G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                   _ ("%s does not exist; create it with helder init"),
                   helder_context_get_db_path (inv->context));
      return FALSE;
    }

  store = helder_context_get_store (inv->context, error);
  if (store == NULL)
    return FALSE;
  problems = helder_store_check (store, error);
  if (problems == NULL)
    return FALSE;
  warnings = doctor_warnings (inv->context, store, error);
  if (warnings == NULL)
    return FALSE;

  if (inv->json)
    {
      g_autoptr (JsonObject) out = json_object_new ();
      JsonArray *list = json_array_new ();
      for (guint i = 0; i < problems->len; i++)
        json_array_add_string_element (list, g_ptr_array_index (problems, i));
      json_object_set_string_member (out, "database", helder_store_get_path (store));
      json_object_set_int_member (out, "schema_version",
                                  helder_store_get_version (store, HELDER_STORE_CORE));
      json_object_set_boolean_member (out, "ok", problems->len == 0);
      json_object_set_array_member (out, "problems", list);
      list = json_array_new ();
      for (guint i = 0; i < warnings->len; i++)
        json_array_add_string_element (list, g_ptr_array_index (warnings, i));
      json_object_set_array_member (out, "warnings", list);
      {
        g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), out);
        helder_cli_print_json (node);
      }
    }
  else
    {
      g_print ("%s: %s\n", _ ("Database"), helder_store_get_path (store));
      g_print (_ ("Schema version %u (this Helder knows %u)"),
               helder_store_get_version (store, HELDER_STORE_CORE),
               helder_store_get_known_version (store, HELDER_STORE_CORE));
      g_print ("\n");
      for (guint i = 0; i < problems->len; i++)
        g_print ("  ✗ %s\n", (const char *) g_ptr_array_index (problems, i));
      if (problems->len == 0)
        g_print ("%s\n", _ ("Integrity check passed; no problems found."));
      for (guint i = 0; i < warnings->len; i++)
        g_print ("  ! %s\n", (const char *) g_ptr_array_index (warnings, i));
    }

  if (problems->len > 0)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_IO,
        g_dngettext (GETTEXT_PACKAGE, "%u problem found", "%u problems found", problems->len),
        problems->len);
      return FALSE;
    }
  return TRUE;
}

void
helder_cli_programme_register (HelderContext *context)
{
  static const HelderCommand commands[] = {
    { "init", N_ ("Create the database, empty or with the demo programme"), "core", NULL, cmd_init,
      NULL },
    { "status", N_ ("Show where the programme stands"), "core", NULL, cmd_status, NULL },
    { "doctor", N_ ("Check the database’s integrity and schema"), "core", NULL, cmd_doctor, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    helder_context_add_command (context, &commands[i]);
}
