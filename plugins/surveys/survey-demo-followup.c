/* survey-demo-followup.c — the demo pulse's first round closes the loop
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A week after the first round of the demo's pulse closed, the programme
 * tells everyone it invited what they said and what it does about it:
 * the follow-up moment of round 1, made through survey_followup_create()
 * as an advisor would with `helder survey follow-up`, so that the results
 * page shows it as a note. The texts are the programme's content, in
 * Dutch and English, not texts of the interface; they answer the first
 * round's comments (survey-demo-answers.c): people do not know when the
 * decision on their placement falls, and the consultation hour is always
 * on Tuesday.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include "survey-demo.h"
#include "survey-messages.h"

/* "12 november" / "12 November": the day people may hold us to. */
static char *
day_text (const GDate *date, gboolean english)
{
  static const char *const nl[] = { "januari",   "februari", "maart",    "april",
                                    "mei",       "juni",     "juli",     "augustus",
                                    "september", "oktober",  "november", "december" };
  static const char *const en[] = { "January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December" };
  int month = g_date_get_month (date) - 1;

  return g_strdup_printf ("%u %s", g_date_get_day (date), english ? en[month] : nl[month]);
}

static char *
body_nl (const char *by)
{
  return g_strdup_printf (
    "In de eerste pulse zeiden jullie vooral dat het **niet duidelijk is wanneer het besluit "
    "over je plaatsing valt**. Ook hoorden velen meer via de wandelgangen dan via het "
    "programma, en het spreekuur was altijd op dinsdag, als een deel van jullie dienst "
    "heeft.\n\n"
    "Wat we ermee doen:\n\n"
    "- Uiterlijk **%s** hoort iedereen van zijn leidinggevende wanneer het besluit over zijn "
    "plaatsing valt. Wie dan nog geen datum heeft, hoort waarom niet en wanneer wel.\n"
    "- Op je eigen pagina in Helder staat bij een functie waarover nog niet besloten is de "
    "datum waarop het besluit verwacht wordt.\n"
    "- Het spreekuur over plaatsing is voortaan om en om op dinsdag en donderdag.\n\n"
    "In de volgende pulse vragen we opnieuw of je weet wat er met je werk gebeurt en "
    "wanneer.\n",
    by);
}

static char *
body_en (const char *by)
{
  return g_strdup_printf (
    "In the first pulse you told us above all that **it is not clear when the decision on "
    "your placement will be made**. Many of you also heard more through the grapevine than "
    "from the programme, and the consultation hour was always on Tuesday, when some of you "
    "are on duty.\n\n"
    "What we do about it:\n\n"
    "- By **%s** at the latest, everyone hears from their manager when the decision on their "
    "placement will be made. Whoever has no date by then hears why not, and when they will.\n"
    "- Your own page in Helder shows, for a role not yet decided, the date the decision is "
    "expected.\n"
    "- The consultation hour on placement now alternates between Tuesday and Thursday.\n\n"
    "In the next pulse we ask again whether you know what happens to your work and when.\n",
    by);
}

/**
 * survey_demo_followup:
 * @closed: the day round 1 closed; the follow-up goes out a week later
 *   (the clock is set there; the caller sets it back)
 *
 * Round 1 of the demo pulse @survey gets its follow-up moment.
 */
gboolean
survey_demo_followup (HelderStore *store,
                      gint64 survey,
                      const GDate *closed,
                      const HelderAuditActor *actor,
                      GError **error)
{
  GDate sent = *closed, by;
  g_autofree char *when = NULL, *utc = NULL, *by_nl = NULL, *by_en = NULL;
  g_autofree char *text_nl = NULL, *text_en = NULL;
  HelderMomentDraft draft = { 0 };
  gint64 moment = 0;

  g_date_add_days (&sent, 7);
  survey_demo_workday_before (&sent);
  by = sent;
  g_date_add_days (&by, 14);
  survey_demo_workday_before (&by);
  by_nl = day_text (&by, FALSE);
  by_en = day_text (&by, TRUE);
  text_nl = body_nl (by_nl);
  text_en = body_en (by_en);
  when = survey_demo_when (&sent, "10:00");
  if ((utc = survey_parse_when ("demo", when, FALSE, error)) == NULL ||
      !helder_clock_set (utc, error))
    return FALSE;
  draft = (HelderMomentDraft){
    .title = "Wat jullie ons vertelden in de eerste pulse, en wat we ermee doen",
    .body = text_nl,
    .title_en = "What you told us in the first pulse, and what we do about it",
    .body_en = text_en,
  };
  return survey_followup_create (store, survey, 1, &draft, actor, &moment, error);
}
