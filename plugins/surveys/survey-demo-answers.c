/* survey-demo-answers.c — the demo's people answer the pulse
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answers are made from a seeded GRand, so the demo is the same each time,
 * and stored through survey_answer_submit() like anybody's: anonymous, one
 * per person and round. The spread is plausible and improves from round 1
 * to round 2; one small group answers too rarely to be shown, and people
 * of the largest group leave the comments.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <stdlib.h>

#include "survey-answer.h"
#include "survey-demo.h"

/* How likely someone answers, and the mean answers, per round. */
static const double answer_chance[] = { 0.62, 0.72, 0.4 };
static const double agree_mean[] = { 2.9, 3.4, 3.5 };
static const double trust_mean[] = { 5.3, 6.4, 6.6 };
/* The four principles differ a little: knowing, heard, promises, honest. */
static const double principle_offset[] = { 0.3, -0.4, -0.1, 0.2 };
/* The small group answers at most this often: fewer than the threshold. */
#define SMALL_GROUP_ANSWERS 3
/* Comments come from people of groups at least this large. */
#define LARGE_GROUP 8
static const char large_sql[] =
  "SELECT count(*) FROM person_group"
  " WHERE grp = (SELECT min (grp) FROM person_group WHERE person = ?1)";

static const char *const comments_1[] = {
  "Ik hoor meer via de wandelgangen dan via het programma.",
  "Wanneer hoor ik wat mijn nieuwe rol wordt? Dat is nu nog steeds niet duidelijk.",
  "Fijn dat er een spreekuur is, maar het is altijd op dinsdag en dan heb ik dienst.",
  "De informatie op intranet loopt achter op wat de leidinggevende vertelt.",
  "Ik mis een planning per team: wat gebeurt er wanneer met onze systemen?",
  "Het gesprek met HR was goed, ik weet nu waar ik aan toe ben.",
};
static const char *const comments_2[] = {
  "De nieuwsbrief helpt, ik weet nu beter wat er in welke fase gebeurt.",
  "Het gesprek met mijn leidinggevende over de nieuwe functie was duidelijk.",
  "Ik zie dat de vragen uit de vorige peiling zijn opgepakt, dank daarvoor.",
  "Nog steeds onduidelijk hoe het straks gaat met de storingsdiensten in het weekend.",
  "De planning van het migratieweekend is me helder, de terugvaloptie nog niet.",
  "Goed dat de leverancier langskwam om zich voor te stellen.",
  "Ik maak me zorgen over de kennis die weggaat als collega's overstappen.",
  "Houd de informatiebijeenkomsten ook op locatie, niet alleen online.",
  "Graag eerder horen welke applicaties als eerste over gaan.",
  "De antwoorden op het spreekuur waren eerlijk, ook als het antwoord nog niet bekend was.",
  "Ik weet nu bij wie ik terecht kan met vragen over mijn contract.",
  "Het tempo is hoog; zorg dat de servicedesk niet alles tegelijk krijgt.",
};

typedef struct
{
  gint64 id;
  int position;
} DemoQuestion;

static double
noise (GRand *rand, double spread)
{
  return (g_rand_double (rand) + g_rand_double (rand) + g_rand_double (rand) - 1.5) * spread;
}

static int
scale (double value, int low, int high)
{
  return CLAMP ((int) (value + (value >= 0 ? 0.5 : -0.5)), low, high);
}

static GArray *
questions_of (HelderStore *store, gint64 survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT id, position FROM survey_question WHERE survey = ?1 ORDER BY position", error);
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (DemoQuestion));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, survey);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DemoQuestion q = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) };

      g_array_append_val (list, q);
    }
  return helder_store_propagate (store, rc, error) ? g_steal_pointer (&list) : NULL;
}

/* The one text (or number) @sql gives for @arg; "" for none. */
static char *
text_query (HelderStore *store, const char *sql, gint64 arg, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, arg);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (sqlite3_column_text (stmt, 0) ? (const char *) sqlite3_column_text (stmt, 0)
                                                   : "");
  return helder_store_propagate (store, rc, error) ? g_strdup ("") : NULL;
}

static JsonObject *
answers_for (const GArray *questions, guint number, GRand *rand, const char *comment)
{
  JsonObject *answers = json_object_new ();
  double mood = noise (rand, 1.2);

  for (guint i = 0; i < questions->len; i++)
    {
      const DemoQuestion *q = &g_array_index (questions, DemoQuestion, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, q->id);

      if (q->position <= 4)
        json_object_set_int_member (answers, key,
                                    scale (agree_mean[number - 1] +
                                             principle_offset[q->position - 1] + mood * 0.6 +
                                             noise (rand, 1.4),
                                           1, 5));
      else if (q->position == 5)
        json_object_set_int_member (
          answers, key, scale (trust_mean[number - 1] + mood * 1.2 + noise (rand, 2.6), 0, 10));
      else if (comment != NULL)
        json_object_set_string_member (answers, key, comment);
    }
  return answers;
}

gboolean
survey_demo_answer_round (HelderStore *store,
                          gint64 survey,
                          gint64 round,
                          guint number,
                          GRand *rand,
                          GError **error)
{
  g_autoptr (GArray) persons = NULL;
  g_autoptr (GArray) questions = questions_of (store, survey, error);
  g_autofree char *small = NULL;
  const char *const *comments = number == 1 ? comments_1 : number == 2 ? comments_2 : NULL;
  guint n_comments = number == 1 ? G_N_ELEMENTS (comments_1) : G_N_ELEMENTS (comments_2);
  guint used = 0, small_answers = 0;

  if (questions == NULL || !survey_audience_resolve (store, survey, &persons, error))
    return FALSE;
  small = text_query (store,
                      "SELECT value FROM survey_population WHERE round = ?1 AND dimension = 'group'"
                      " AND invited BETWEEN 5 AND 9 ORDER BY invited, value LIMIT 1",
                      round, error);
  if (small == NULL)
    return FALSE;
  for (guint i = 0; i < persons->len; i++)
    {
      gint64 person = g_array_index (persons, gint64, i);
      g_autofree char *group =
        text_query (store, "SELECT min (grp) FROM person_group WHERE person = ?1", person, error);
      g_autofree char *size = text_query (store, large_sql, person, error);
      g_autoptr (JsonObject) answers = NULL;
      const char *comment = NULL;

      if (group == NULL || size == NULL)
        return FALSE;
      if (g_rand_double (rand) >= answer_chance[number - 1])
        continue;
      if (g_str_equal (group, small) && small_answers++ >= SMALL_GROUP_ANSWERS)
        continue;
      if (comments != NULL && used < n_comments && atoi (size) >= LARGE_GROUP)
        comment = comments[used++];
      answers = answers_for (questions, number, rand, comment);
      if (!survey_answer_submit (store, round, person, answers, error))
        return FALSE;
    }
  return TRUE;
}
