/* survey-demo.c — the surveys of the demo programme "Gemeente Voorbeeld"
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder init --demo` runs this step after core's demo, in its
 * transaction (helder_context_add_demo_step()):
 * - the pulse "Pulse: hoe gaat het met de transitie?" for every group,
 *   every four weeks in the phase "Omgeving gereed maken", its governance
 *   filled (publieke taak, OR ingestemd, 12 months); two rounds closed and
 *   the third open, answered by the demo's people (survey-demo-answers.c);
 *   round 1 has its follow-up, "what you told us and what we do with it"
 *   (survey-demo-followup.c);
 * - a readiness survey for key users and functional managers before the
 *   migration weekend, still a draft;
 * - the gate criterion "Vertrouwen in de transitie ≥ 6,0 in de laatste
 *   pulse", computed by the measure "survey";
 * - the moment that promises an anonymous questionnaire names the pulse.
 * The survey is made and answered as it would have been: the clock is set
 * inside each round while its answers are given (answers keep no time),
 * then set back.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-demo.h"
#include "survey-gate.h"
#include "surveys-private.h"

#define PULSE_TITLE     "Pulse: hoe gaat het met de transitie?"
#define READINESS_TITLE "Gereedheid voor het migratieweekend"
#define CRITERION_GATE  "technische-infrastructuur"
#define CRITERION_TEXT  "Vertrouwen in de transitie ≥ 6,0 in de laatste pulse"
#define CRITERION_ARG   "survey=" SURVEY_DEMO_PULSE " question=5 stat=average min=6"
#define MOMENT_PROMISE  "De vragenlijst is anoniem"
#define PURPOSE                                                                      \
  "Weten hoe medewerkers de overgang naar de nieuwe leverancier ervaren, zodat het " \
  "programma tijdig kan bijsturen. Uitkomsten worden alleen per groep van minstens " \
  "vijf mensen getoond."

/* The three rounds' first days and how long they last (the same for
 * each: rounds repeat the first). */
typedef struct
{
  GDate opens[3];
  guint days;
} PulseDays;

/* Rounds open on a Tuesday, the last before today, and the two four and
 * eight weeks before it; each closes on a working day a week and a half
 * later. Weeks with a holiday on those days are passed over. */
static gboolean
pulse_days (PulseDays *out)
{
  static const guint lengths[] = { 10, 9, 8, 3 };
  g_autofree char *today_text = helder_clock_today ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_parse (&today, today_text);
  if (!g_date_valid (&today))
    return FALSE;
  for (guint back = 1; back <= 7 * 8; back++)
    {
      GDate day = today;

      g_date_subtract_days (&day, back);
      if (g_date_get_weekday (&day) != G_DATE_TUESDAY)
        continue;
      for (guint r = 0; r < 3; r++)
        {
          out->opens[2 - r] = day;
          g_date_subtract_days (&out->opens[2 - r], 28 * r);
        }
      if (!survey_demo_is_workday (&out->opens[0]) || !survey_demo_is_workday (&out->opens[1]) ||
          !survey_demo_is_workday (&out->opens[2]))
        continue;
      for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
        {
          gboolean fits = TRUE;

          for (guint r = 0; r < 3; r++)
            {
              GDate closes = out->opens[r];

              g_date_add_days (&closes, lengths[l]);
              fits = fits && survey_demo_is_workday (&closes);
            }
          if (fits)
            {
              out->days = lengths[l];
              return TRUE;
            }
        }
    }
  return FALSE;
}

static void
take_string (JsonObject *object, const char *member, char *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

static char *
utc_of (const GDate *date, int add_days, const char *time, GError **error)
{
  GDate day = *date;
  g_autofree char *when = NULL;

  if (add_days >= 0)
    g_date_add_days (&day, add_days);
  else
    g_date_subtract_days (&day, -add_days);
  when = survey_demo_when (&day, time);
  return survey_parse_when ("demo", when, FALSE, error);
}

static char *
local_day (const GDate *date, int subtract_days)
{
  GDate day = *date;

  g_date_subtract_days (&day, subtract_days);
  survey_demo_workday_before (&day);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                          g_date_get_day (&day));
}

/* The clock at @time of @date + @add_days. */
static gboolean
set_clock (const GDate *date, int add_days, const char *time, GError **error)
{
  g_autofree char *utc = utc_of (date, add_days, time, error);

  return utc != NULL && helder_clock_set (utc, error);
}

static void
governance (JsonObject *fields, const GDate *council)
{
  json_object_set_string_member (fields, "language", "nl");
  json_object_set_string_member (fields, "purpose", PURPOSE);
  json_object_set_string_member (fields, "legal_basis", "public_task");
  json_object_set_string_member (fields, "works_council", "agreed");
  take_string (fields, "works_council_on", local_day (council, 0));
  json_object_set_int_member (fields, "retention_months", 12);
}

static gboolean
round_ids (HelderStore *store, gint64 survey, gint64 ids[3], GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT number, id FROM survey_round WHERE survey = ?1 AND number <= 3", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ids[sqlite3_column_int (stmt, 0) - 1] = sqlite3_column_int64 (stmt, 1);
  return helder_store_propagate (store, rc, error);
}

static JsonArray *
all_groups (HelderStore *store, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT slug FROM stakeholder_group ORDER BY slug", error);
  g_autoptr (JsonArray) groups = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_string_element (groups, (const char *) sqlite3_column_text (stmt, 0));
  return helder_store_propagate (store, rc, error) ? g_steal_pointer (&groups) : NULL;
}

/* Made a week before its first round (@council: the day the works council
 * agreed), answered round by round; the clock is left wherever the last
 * round put it (the caller sets it back). */
static gint64
add_pulse (HelderStore *store, const HelderAuditActor *actor, GDate *council, GError **error)
{
  g_autoptr (JsonObject) fields = json_object_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261204);
  JsonArray *groups = all_groups (store, error);
  gint64 rounds[3] = { 0, 0, 0 };
  g_autofree char *opens = NULL;
  g_autofree char *closes = NULL;
  PulseDays days;
  gint64 survey;

  if (groups == NULL)
    return 0;
  json_object_set_array_member (fields, "groups", groups);
  if (!pulse_days (&days))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "opens_at",
                        _ ("no working days found for the demo's pulse"));
      return 0;
    }
  json_object_set_string_member (fields, "title", PULSE_TITLE);
  json_object_set_string_member (fields, "slug", SURVEY_DEMO_PULSE);
  json_object_set_string_member (fields, "phase", "readiness");
  json_object_set_int_member (fields, "repeat_days", 28);
  opens = utc_of (&days.opens[0], 0, "09:00", error);
  closes = opens ? utc_of (&days.opens[0], (int) days.days, "17:00", error) : NULL;
  if (closes == NULL)
    return 0;
  json_object_set_string_member (fields, "opens_at", opens);
  json_object_set_string_member (fields, "closes_at", closes);
  *council = days.opens[0];
  g_date_subtract_days (council, 14);
  survey_demo_workday_before (council);
  governance (fields, council);
  if (!set_clock (&days.opens[0], -7, "10:00", error))
    return 0;
  survey = survey_create (store, fields, "pulse", actor, error);
  if (survey == 0 || !survey_open (store, survey, actor, error) ||
      !round_ids (store, survey, rounds, error))
    return 0;
  for (guint r = 0; r < 3; r++)
    {
      GDate closed = days.opens[r];

      g_date_add_days (&closed, days.days);
      if (rounds[r] == 0 || !set_clock (&days.opens[r], 0, "09:30", error) ||
          !survey_demo_answer_round (store, survey, rounds[r], r + 1, rand, error) ||
          (r == 0 && !survey_demo_followup (store, survey, &closed, actor, error)))
        return 0;
    }
  return survey;
}

/* The readiness survey, a draft, to run the three weeks before the Go/No-Go
 * of the migration weekend. */
static gboolean
add_readiness (HelderStore *store,
               const HelderAuditActor *actor,
               const GDate *council,
               GError **error)
{
  g_autoptr (JsonObject) fields = json_object_new ();
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT decide_on FROM gate WHERE slug = 'migratieweekend'", error);
  JsonArray *groups = json_array_new ();
  g_autofree char *opens_at = NULL;
  g_autofree char *closes_at = NULL;
  GDate decide, opens, closes;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error); /* no such gate: no readiness survey */
  g_date_clear (&decide, 1);
  g_date_set_parse (&decide, (const char *) sqlite3_column_text (stmt, 0));
  opens = closes = decide;
  g_date_subtract_days (&opens, 21);
  survey_demo_workday_before (&opens);
  g_date_subtract_days (&closes, 4);
  survey_demo_workday_before (&closes);
  json_array_add_string_element (groups, "key-users");
  json_array_add_string_element (groups, "functioneel-applicatiebeheer");
  json_object_set_array_member (fields, "groups", groups);
  json_object_set_string_member (fields, "title", READINESS_TITLE);
  json_object_set_string_member (fields, "slug", SURVEY_DEMO_READINESS);
  json_object_set_string_member (fields, "phase", "readiness");
  opens_at = utc_of (&opens, 0, "09:00", error);
  closes_at = opens_at ? utc_of (&closes, 0, "17:00", error) : NULL;
  if (closes_at == NULL)
    return FALSE;
  json_object_set_string_member (fields, "opens_at", opens_at);
  json_object_set_string_member (fields, "closes_at", closes_at);
  governance (fields, council);
  return survey_create (store, fields, "readiness", actor, error) != 0;
}

static gboolean
add_criterion (HelderStore *store, const HelderAuditActor *actor, GError **error)
{
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (JsonObject) row = NULL;
  SurveyGateArg arg;
  gint64 survey;

  if (!survey_gate_arg_resolve (store, CRITERION_ARG, &arg, &survey, error))
    return FALSE;
  survey_gate_arg_clear (&arg);
  json_object_set_string_member (values, "gate", CRITERION_GATE);
  json_object_set_string_member (values, "text", CRITERION_TEXT);
  json_object_set_string_member (values, "status", "open");
  json_object_set_string_member (values, "measure", "survey");
  json_object_set_string_member (values, "measure_arg", CRITERION_ARG);
  row = helder_demo_create (store, actor, "criterion", values, error);
  return row != NULL;
}

/* The moment that promises an anonymous questionnaire says where to find
 * the one that runs now. */
static gboolean
point_moment (HelderStore *store, const HelderAuditActor *actor, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id, body FROM moment WHERE instr (body, ?1) > 0 ORDER BY id LIMIT 1", error);
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *key = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, MOMENT_PROMISE, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  take_string (
    changes, "body",
    g_strconcat ((const char *) sqlite3_column_text (stmt, 1),
                 " Net als de pulse “" PULSE_TITLE "” die je tot dan elke vier weken krijgt: "
                 "niemand ziet wie wat antwoordde, en uitkomsten tonen we alleen voor groepen "
                 "van minstens vijf mensen.",
                 NULL));
  row = helder_demo_update (store, actor, "moment", key, changes, error);
  return row != NULL;
}

/* The pulse's messages whose time passed went out before the demo was
 * loaded: recorded as sent, with the history core gives them. */
static gboolean
past_messages_sent (HelderStore *store, gint64 survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT invitation FROM survey_round WHERE survey = ?1 AND invitation IS NOT NULL"
    " UNION SELECT reminder FROM survey_round WHERE survey = ?1 AND reminder IS NOT NULL"
    " UNION SELECT followup FROM survey_round WHERE survey = ?1 AND followup IS NOT NULL",
    error);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return helder_store_propagate (store, rc, error);
  for (guint i = 0; i < ids->len; i++)
    if (!helder_demo_moment_sent (store, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
demo_step (HelderStore *store, const HelderAuditActor *core, gpointer user_data, GError **error)
{
  g_autofree char *saved = NULL;
  GDate council;
  gint64 pulse;
  gboolean ok;

  if (helder_clock_is_set ())
    {
      g_autoptr (GDateTime) now = helder_clock_now ();

      saved = g_date_time_format_iso8601 (now);
    }
  pulse = add_pulse (store, core, &council, error);
  if (saved != NULL)
    helder_clock_set (saved, NULL);
  else
    helder_clock_reset ();
  ok = pulse != 0 && survey_rounds_follow_clock (store, pulse, error) &&
       add_readiness (store, core, &council, error) && add_criterion (store, core, error) &&
       point_moment (store, core, error) && past_messages_sent (store, pulse, error);
  return ok;
}

void
surveys_demo_load (HelderContext *context)
{
  const HelderDemoStep step = {
    .name = SURVEYS_COMPONENT,
    .func = demo_step,
  };

  helder_context_add_demo_step (context, &step);
}
