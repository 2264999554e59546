/* survey-messages.c — a round's invitation and reminder, as core's moments
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a survey opens, each of its rounds gets an invitation: an approved
 * moment (helder_moment_create_from) to the survey's audience, on its
 * channels (or the ones people take), in its phase, sent when the round
 * opens (or now, for a round that is open already). A reminder follows
 * remind_days before the round closes, with the audience filter
 * "surveys.unanswered:ROUND" so that, when it is sent, it reaches only who
 * has not answered; none when remind_days is 0 or that moment comes before
 * the invitation. Their ids are kept in survey_round.invitation and
 * .reminder. Closing a survey cancels the moments of its closed and
 * cancelled rounds that are not sent yet (helder_moment_cancel_unsent).
 *
 * The moments' texts are the programme's content, in its two languages
 * (title and body in Dutch, title_en and body_en in English), not texts of
 * the interface in the language of whoever runs the command: they are
 * written here in both languages rather than through gettext.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <string.h>

#include "survey-messages.h"
#include "survey-rows.h"
#include "surveys-private.h"

#define DEFAULT_BASE_URL "http://127.0.0.1:8080"

typedef struct
{
  gint64 id;
  guint number;
  char *opens_at;
  char *closes_at;
} Round;

static void
round_clear (gpointer data)
{
  Round *round = data;

  g_free (round->opens_at);
  g_free (round->closes_at);
}

/* server.base_url, as core's messages make their links (the setting is
 * core's; its default is core's default), without a trailing slash. */
static char *
base_url (HelderStore *store, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT value FROM setting WHERE key = 'server.base_url'", error);
  char *url = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return (helder_store_propagate (store, rc, error), NULL);
  if (url == NULL || url[0] == '\0')
    {
      g_free (url);
      url = g_strdup (DEFAULT_BASE_URL);
    }
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  return url;
}

/* "11 december 2026 om 17:00" / "11 December 2026 at 17:00", in the
 * programme's zone. */
static char *
when_text (const char *utc, gboolean english)
{
  static const char *const nl[] = { "januari",   "februari", "maart",    "april",
                                    "mei",       "juni",     "juli",     "augustus",
                                    "september", "oktober",  "november", "december" };
  static const char *const en[] = { "January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December" };
  g_autoptr (GDateTime) local = helder_clock_to_local (utc);
  int month;

  if (local == NULL)
    return g_strdup (utc);
  month = g_date_time_get_month (local) - 1;
  return g_strdup_printf ("%d %s %d %s %02d:%02d", g_date_time_get_day_of_month (local),
                          english ? en[month] : nl[month], g_date_time_get_year (local),
                          english ? "at" : "om", g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

static char *
utc_text (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

typedef struct
{
  HelderStore *store;
  JsonObject *survey;
  const Round *round;
  const char *base;
  const HelderAuditActor *actor;
  GStrv channels;
  SurveyAudience audience;
} Plan;

static char *
body_text (const Plan *plan, gboolean reminder, gboolean english)
{
  GString *out = g_string_new (NULL);
  g_autofree char *until = when_text (plan->round->closes_at, english);
  const char *title = json_object_get_string_member (plan->survey, "title");
  gint64 threshold = json_object_get_int_member (plan->survey, "threshold");

  if (english)
    g_string_append (out, reminder ? "You have not yet answered the survey **"
                                   : "Your view counts: please answer the survey **");
  else
    g_string_append (out, reminder ? "Je hebt de vragenlijst **"
                                   : "Je mening telt: vul de vragenlijst **");
  helder_markdown_append_inline (out, title);
  if (english)
    g_string_append_printf (out, reminder ? "**. You can until %s.\n\n" : "** before %s.\n\n",
                            until);
  else
    g_string_append_printf (
      out, reminder ? "** nog niet ingevuld. Dat kan tot %s.\n\n" : "** in vóór %s.\n\n", until);
  g_string_append_printf (out, "[%s](%s/surveys/rounds/%" G_GINT64_FORMAT "/answer)\n\n",
                          english ? "Go to the survey" : "Naar de vragenlijst", plan->base,
                          plan->round->id);
  if (english)
    g_string_append_printf (
      out,
      "Your answers are anonymous: no one can see what you answered, and results are only "
      "shown when at least %" G_GINT64_FORMAT " people answered.\n",
      threshold);
  else
    g_string_append_printf (
      out,
      "Je antwoorden zijn anoniem: niemand kan zien wat jij hebt ingevuld, en uitkomsten "
      "tonen we alleen als minstens %" G_GINT64_FORMAT " mensen hebben geantwoord.\n",
      threshold);
  return g_string_free (out, FALSE);
}

static char *
title_text (const Plan *plan, gboolean reminder, gboolean english)
{
  g_autofree char *until = when_text (plan->round->closes_at, english);
  const char *title = json_object_get_string_member (plan->survey, "title");

  if (english)
    return g_strdup_printf ("%sSurvey: %s — please answer before %s", reminder ? "Reminder — " : "",
                            title, until);
  return g_strdup_printf ("%sVragenlijst: %s — vul hem in vóór %s",
                          reminder ? "Herinnering — " : "", title, until);
}

static gboolean
create (Plan *plan, const char *at, gboolean reminder, gint64 *id, GError **error)
{
  g_autofree char *title = title_text (plan, reminder, FALSE);
  g_autofree char *body = body_text (plan, reminder, FALSE);
  g_autofree char *title_en = title_text (plan, reminder, TRUE);
  g_autofree char *body_en = body_text (plan, reminder, TRUE);
  g_autofree char *filter =
    reminder ? g_strdup_printf (SURVEY_UNANSWERED_FILTER ":%" G_GINT64_FORMAT, plan->round->id)
             : NULL;
  const char *phase = json_object_get_null_member (plan->survey, "phase")
                        ? NULL
                        : json_object_get_string_member (plan->survey, "phase");
  HelderMomentDraft draft = {
    .title = title,
    .body = body,
    .title_en = title_en,
    .body_en = body_en,
    .phase = phase,
    .audience = plan->audience.spec,
    .channels = plan->channels != NULL && plan->channels[0] != NULL
                  ? (const char *const *) plan->channels
                  : NULL,
    .scheduled_at = at,
    .approved = TRUE,
    .audience_filter = filter,
  };

  return helder_moment_create_from (plan->store, &draft, plan->actor, id, error);
}

static gboolean
store_ids (HelderStore *store, gint64 round, gint64 invitation, gint64 reminder, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "UPDATE survey_round SET invitation = ?2, reminder = ?3, updated_at = ?4 WHERE id = ?1",
    error);
  g_autofree char *now = helder_clock_now_utc ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_int64 (stmt, 2, invitation);
  if (reminder > 0)
    sqlite3_bind_int64 (stmt, 3, reminder);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  return helder_store_step_done (store, stmt, error);
}

/* The reminder's time, or NULL when there is none: remind_days before
 * closing (the same clock time in the programme's zone), after @invited. */
static char *
reminder_at (JsonObject *survey, const Round *round, const char *invited)
{
  gint64 days = json_object_get_int_member (survey, "remind_days");
  g_autoptr (GDateTime) closes = helder_clock_to_local (round->closes_at);
  g_autoptr (GDateTime) at = NULL;
  g_autofree char *text = NULL;

  if (days <= 0 || closes == NULL)
    return NULL;
  at = g_date_time_add_days (closes, (int) -days);
  text = utc_text (at);
  if (g_strcmp0 (text, round->opens_at) < 0 || g_strcmp0 (text, invited) <= 0)
    return NULL;
  return g_steal_pointer (&text);
}

/* Makes a round's invitation and, when it has one, its reminder, and keeps
 * their ids in the round. */
static gboolean
plan_round (Plan *plan, GError **error)
{
  g_autofree char *now = helder_clock_now_utc ();
  const char *invited = g_strcmp0 (plan->round->opens_at, now) > 0 ? plan->round->opens_at : now;
  g_autofree char *remind = reminder_at (plan->survey, plan->round, invited);
  gint64 invitation = 0, reminder = 0;

  return create (plan, invited, FALSE, &invitation, error) &&
         (remind == NULL || create (plan, remind, TRUE, &reminder, error)) &&
         store_ids (plan->store, plan->round->id, invitation, reminder, error);
}

static GArray *
rounds_where (HelderStore *store, const char *sql, gint64 survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  g_autoptr (GArray) rounds = g_array_new (FALSE, TRUE, sizeof (Round));
  int rc;

  g_array_set_clear_func (rounds, round_clear);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Round round = {
        .id = sqlite3_column_int64 (stmt, 0),
        .number = sqlite3_column_int (stmt, 1),
        .opens_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .closes_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
      };
      g_array_append_val (rounds, round);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&rounds);
}

/* The survey's channels; empty: the ones people take. */
GStrv
survey_channels_of (HelderStore *store, gint64 survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT channel FROM survey_channel WHERE survey = ?1 ORDER BY channel", error);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_strv_builder_end (builder);
}

/**
 * survey_round_plan_messages:
 * @actor: who opened the survey; the moments are made as them
 *
 * Makes the invitation and reminder of every planned or open round of
 * @survey that has none yet, in the caller's transaction.
 */
gboolean
survey_round_plan_messages (HelderStore *store,
                            gint64 survey,
                            const HelderAuditActor *actor,
                            GError **error)
{
  g_autoptr (JsonObject) row = survey_get (store, survey, error);
  g_autoptr (GArray) rounds = NULL;
  g_autofree char *base = NULL;
  g_auto (GStrv) channels = NULL;
  Plan plan = { store, row, NULL, NULL, actor, NULL, { 0 } };
  gboolean ok = TRUE;

  if (row == NULL || (base = base_url (store, error)) == NULL ||
      (channels = survey_channels_of (store, survey, error)) == NULL ||
      !survey_audience_load (store, survey, &plan.audience, error))
    return FALSE;
  rounds = rounds_where (store,
                         "SELECT id, number, opens_at, closes_at FROM survey_round"
                         " WHERE survey = ?1 AND status IN ('planned', 'open')"
                         " AND invitation IS NULL ORDER BY number",
                         survey, error);
  plan.base = base;
  plan.channels = channels;
  /* A survey that names no audience asks nobody: there is no one to
   * invite (core refuses an approved moment without an audience). */
  if (survey_audience_is_empty (&plan.audience))
    {
      survey_audience_clear (&plan.audience);
      return rounds != NULL;
    }
  for (guint i = 0; ok && rounds != NULL && i < rounds->len; i++)
    {
      plan.round = &g_array_index (rounds, Round, i);
      ok = plan_round (&plan, error);
    }
  survey_audience_clear (&plan.audience);
  return ok && rounds != NULL;
}

/**
 * survey_cancel_messages:
 *
 * Cancels the invitations and reminders of @survey's closed and cancelled
 * rounds that are not sent yet, in the caller's transaction.
 */
gboolean
survey_cancel_messages (HelderStore *store,
                        gint64 survey,
                        const HelderAuditActor *actor,
                        GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT invitation FROM survey_round WHERE survey = ?1 AND status IN ('closed', 'cancelled')"
    " AND invitation IS NOT NULL"
    " UNION SELECT reminder FROM survey_round WHERE survey = ?1"
    " AND status IN ('closed', 'cancelled') AND reminder IS NOT NULL",
    error);
  g_autoptr (GArray) moments = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (moments, id);
    }
  if (!helder_store_propagate (store, rc, error))
    return FALSE;
  for (guint i = 0; i < moments->len; i++)
    if (!helder_moment_cancel_unsent (store, g_array_index (moments, gint64, i), actor, NULL,
                                      error))
      return FALSE;
  return TRUE;
}

/* HelderAudienceFilterFunc "surveys.unanswered:ROUND": who answered ROUND
 * goes. A round that is not a number or no longer exists leaves nobody to
 * remind (and does not stop the scheduler's other moments). */
static gboolean
unanswered (HelderStore *store,
            const char *argument,
            GArray *persons,
            gpointer user_data,
            GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (GHashTable) answered = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 round;
  int rc;

  if (!g_ascii_string_to_signed (argument, 10, 1, G_MAXINT64, &round, NULL))
    {
      g_warning ("surveys.unanswered: “%s” is not a round; nobody is reminded", argument);
      g_array_set_size (persons, 0);
      return TRUE;
    }
  stmt = helder_store_prepare (
    store,
    "SELECT person FROM survey_answered WHERE round = ?1"
    " UNION ALL SELECT -1 WHERE NOT EXISTS (SELECT 1 FROM survey_round WHERE id = ?1)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_append_val (ids, ((gint64){ sqlite3_column_int64 (stmt, 0) }));
    }
  if (!helder_store_propagate (store, rc, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == -1)
        {
          g_array_set_size (persons, 0);
          return TRUE;
        }
      g_hash_table_add (answered, &g_array_index (ids, gint64, i));
    }
  for (guint i = persons->len; i > 0; i--)
    if (g_hash_table_contains (answered, &g_array_index (persons, gint64, i - 1)))
      g_array_remove_index (persons, i - 1);
  return TRUE;
}

void
surveys_messages_load (HelderContext *context)
{
  const HelderAudienceFilter filter = { .name = SURVEY_UNANSWERED_FILTER, .func = unanswered };

  helder_context_add_audience_filter (context, &filter);
}
