/* concern-demo.c — the concerns of the demo programme "Gemeente Voorbeeld"
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The themes the advisor manages, and concerns from conversations and
 * from people's own pages (the interviews raise three more,
 * interview-demo.c): some named, most anonymous; some answered by a
 * moment or a commitment of the demo and published on the
 * questions-and-answers page; one open for over a month, late. Each is
 * raised, and answered, on its own day before today (the clock set to it);
 * Femke Bos's answer is given today, so that her next digest brings it.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include "concern-service.h"
#include "interview-private.h"

static const char *const themes[][3] = {
  { "werkgelegenheid", "Werkgelegenheid", "Employment" },
  { "werkplek", "Werkplek", "Workplace" },
  { "planning", "Planning", "Schedule" },
  { "kennisoverdracht", "Kennisoverdracht", "Knowledge transfer" },
  { "dienstverlening", "Dienstverlening", "Services" },
  { "regierollen", "Regierollen", "Supplier-management roles" },
};

gboolean
concern_demo_themes (HelderStore *store, const HelderAuditActor *actor, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    if (!concern_theme_add (store, actor, themes[i][0], themes[i][1], themes[i][2], error))
      return FALSE;
  return TRUE;
}

typedef struct
{
  int raised;         /* days before today */
  const char *person; /* e-mail; NULL: nobody (also when not named) */
  gboolean named;
  const char *via;
  const char *text, *theme, *groups;
  int answered; /* days before today; -1: not (yet) */
  const char *answer;
  gint64 moment, commitment;
  const char *public_question; /* NULL: not published; "": as raised */
} DemoConcern;

static const DemoConcern concerns[] = {
  { 40, NULL, FALSE, "conversation", "Mogen we een dag meelopen in het datacentrum van Nimbus?",
    "kennisoverdracht", "servicedesk,systeem-netwerkbeheer", 30,
    "Dat hadden we toegezegd, maar Nimbus laat om veiligheidsredenen geen bezoekers toe in het "
    "datacentrum. In plaats daarvan komt er een virtuele rondleiding.",
    0, 8, "" },
  { 32, NULL, FALSE, "conversation", "Wanneer horen we wie welke regierol krijgt?", "regierollen",
    "functioneel-applicatiebeheer,informatieadviseurs", -1, NULL, 0, 0, NULL },
  { 24, NULL, FALSE, "conversation", "Krijg ik na de migratie nog dezelfde laptop?", "werkplek",
    "werkplekondersteuning,servicedesk", 6,
    "Iedereen houdt zijn laptop; alleen de software voor thuiswerken verandert. Meer daarover in "
    "de nieuwsbrief van december.",
    15, 0, "Krijgen medewerkers na de migratie een andere laptop?" },
  { 20, "kevin.degraaf@voorbeeld.nl", TRUE, "personal-page",
    "Krijg ik een opleiding voor het nieuwe meldingensysteem van Nimbus?", "kennisoverdracht",
    "servicedesk", 1,
    "Ja: de servicedesk krijgt in de twee weken voor het migratieweekend een training van Nimbus.",
    0, 17, NULL },
  { 15, "femke.bos@voorbeeld.nl", TRUE, "conversation",
    "Behoud ik mijn salarisschaal als ik naar een regierol overstap?", "werkgelegenheid",
    "systeem-netwerkbeheer,functioneel-applicatiebeheer", 0,
    "Ja. Wie naar een regierol overstapt, behoudt minimaal de huidige salarisschaal.", 0, 5,
    "Behoud je je salarisschaal bij een overstap naar een regierol?" },
  { 9, "c.wessels@bs-voorbeeldstreek.example", TRUE, "conversation",
    "Houdt de migratieplanning rekening met de aanslagoplegging in februari?", "planning",
    "ketenpartners", -1, NULL, 0, 0, NULL },
  { 2, "naima.bouzid@voorbeeld.nl", FALSE, "personal-page",
    "Ik maak me zorgen over de werkdruk in het migratieweekend: wie staat er dan naast ons?",
    "werkgelegenheid", "servicedesk,key-users", -1, NULL, 0, 0, NULL },
};

/* Whether row @id of @table (moment, commitment) is in this demo. */
static gboolean
demo_exists (HelderStore *store, const char *table, gint64 id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", table);
  g_autoptr (HelderStmt) stmt = id != 0 ? helder_store_prepare (store, sql, NULL) : NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* The concern @stmt (bound) finds, or 0 when the demo left it out. */
static gboolean
find (HelderStore *store, HelderStmt *stmt, gint64 *id, GError **error)
{
  int rc = sqlite3_step (stmt);

  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || helder_store_propagate (store, rc, error);
}

/* The concerns the interviews raised (interview-demo.c), answered later. */
typedef struct
{
  const char *text_start, *day, *answer;
  gint64 commitment;
  const char *public_question;
} DemoInterviewAnswer;

static const DemoInterviewAnswer interview_answers[] = {
  { "Wie onderhoudt mijn back-upscripts", "2026-03-20",
    "Je krijgt in april twee dagen om de scripts te beschrijven, en Nimbus neemt ze over in een "
    "overdrachtssessie met jou.",
    0, NULL },
  { "Blijven wij de releases van onze", "2026-03-25",
    "Ja. De acceptatietest blijft bij functioneel beheer en de key users; Nimbus rolt pas uit na "
    "jullie akkoord.",
    11, "Wie test straks de releases van onze applicaties?" },
  { "Blijft de servicedesk in het stadhuis", "2026-11-25",
    "De servicedesk blijft in het stadhuis en blijft het eerste aanspreekpunt, ook na de migratie.",
    9, "" },
};

static gboolean
answer_interviews (HelderStore *store, const HelderAuditActor *actor, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id FROM concern WHERE substr (text, 1, length (?1)) = ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (interview_answers); i++)
    {
      const DemoInterviewAnswer *a = &interview_answers[i];
      ConcernAnswer answer = { 0 };
      gint64 id = 0;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, a->text_start, -1, SQLITE_STATIC);
      answer.text = a->answer;
      answer.commitment = a->commitment;
      answer.publish = a->public_question != NULL;
      answer.public_question =
        a->public_question != NULL && a->public_question[0] != '\0' ? a->public_question : NULL;
      if (!find (store, stmt, &id, error))
        return FALSE;
      if (id == 0)
        continue;
      if (!demo_exists (store, "commitment", answer.commitment))
        answer.commitment = 0;
      if (!interview_demo_set_day (a->day, 15, error) ||
          !concern_answer (store, actor, id, &answer, error))
        return FALSE;
    }
  return TRUE;
}

static char *
day_before (int days)
{
  g_autoptr (GDateTime) now = helder_clock_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gboolean
raise_one (HelderStore *store,
           const HelderAuditActor *actor,
           const DemoConcern *d,
           gint64 *id,
           GError **error)
{
  g_auto (GStrv) groups = g_strsplit (d->groups, ",", -1);
  ConcernDraft draft = { 0 };

  /* A generated demo has other people: their concerns are left out. */
  *id = 0;
  if (d->person != NULL && !interview_demo_person (store, d->person, &draft.person))
    return TRUE;
  draft.text = d->text;
  draft.theme = d->theme;
  draft.groups = (const char *const *) groups;
  draft.named = d->named;
  draft.via = d->via;
  return concern_raise (store, actor, &draft, id, error);
}

static gboolean
answer_one (HelderStore *store,
            const HelderAuditActor *actor,
            const DemoConcern *d,
            gint64 id,
            GError **error)
{
  ConcernAnswer answer = { 0 };

  answer.text = d->answer;
  answer.moment = demo_exists (store, "moment", d->moment) ? d->moment : 0;
  answer.commitment = demo_exists (store, "commitment", d->commitment) ? d->commitment : 0;
  answer.publish = d->public_question != NULL;
  answer.public_question =
    d->public_question != NULL && d->public_question[0] != '\0' ? d->public_question : NULL;
  return concern_answer (store, actor, id, &answer, error);
}

/* The concerns, each raised and answered on its day; the clock is left
 * on the last of those days (the caller sets it back). Answers of today
 * are concern_demo_answers_today's. */
gboolean
concern_demo_concerns (HelderStore *store,
                       const HelderAuditActor *actor,
                       const char *today,
                       GError **error)
{
  if (!answer_interviews (store, actor, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (concerns); i++)
    {
      const DemoConcern *d = &concerns[i];
      g_autofree char *raised = NULL;
      g_autofree char *answered = NULL;
      gint64 id = 0;

      /* Days are counted from the demo's today, not from the clock's
       * last setting. */
      if (!interview_demo_set_day (today, 12, error))
        return FALSE;
      raised = day_before (d->raised);
      answered = d->answered > 0 ? day_before (d->answered) : NULL;
      if (!interview_demo_set_day (raised, 11, error) || !raise_one (store, actor, d, &id, error))
        return FALSE;
      if (id != 0 && answered != NULL &&
          (!interview_demo_set_day (answered, 15, error) ||
           !answer_one (store, actor, d, id, error)))
        return FALSE;
    }
  return TRUE;
}

gboolean
concern_demo_answers_today (HelderStore *store, const HelderAuditActor *actor, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT id FROM concern WHERE text = ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (concerns); i++)
    {
      gint64 id = 0;

      if (concerns[i].answered != 0)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, concerns[i].text, -1, SQLITE_STATIC);
      if (!find (store, stmt, &id, error))
        return FALSE;
      if (id != 0 && !answer_one (store, actor, &concerns[i], id, error))
        return FALSE;
    }
  return TRUE;
}
