/* survey-messages-followup.c — "what you told us and what we do with it"
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Closing the loop: after a round, the advisor publishes a follow-up, an
 * approved moment to everyone the survey invited (its audience), linked
 * to the round in survey_round.followup and shown as a note on its results
 * (survey-followup-note.c). `helder survey follow-up SURVEY [--round N]
 * --title … --body … [--title-en …] [--body-en …] [--at DATETIME]`.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "survey-cli.h"
#include "survey-messages.h"
#include "surveys-private.h"

/* The round the follow-up belongs to: number @number, else the latest
 * that opened. It must have opened and not been cancelled, and have no
 * follow-up yet. */
static gint64
followup_round (HelderStore *store, gint64 survey, guint number, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT id, number, CASE WHEN status = 'cancelled' THEN status"
    " WHEN opens_at > ?3 THEN 'planned' ELSE 'opened' END, followup FROM survey_round"
    " WHERE survey = ?1 AND (?2 = 0 AND status != 'cancelled' AND opens_at <= ?3 OR number = ?2)"
    " ORDER BY number DESC LIMIT 1",
    error);
  g_autofree char *now = helder_clock_now_utc ();
  const char *status;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, survey);
  sqlite3_bind_int (stmt, 2, (int) number);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      if (number != 0)
        helder_error_set (error, HELDER_ERROR_NOT_FOUND, "round",
                          _ ("--round: the survey has no round %u"), number);
      else
        helder_error_set (error, HELDER_ERROR_CONFLICT, "round",
                          _ ("round: no round of this survey has opened yet; a follow-up tells "
                             "people what became of their answers"));
      return 0;
    }
  if (rc != SQLITE_ROW)
    return (helder_store_propagate (store, rc, error), 0);
  status = (const char *) sqlite3_column_text (stmt, 2);
  if (g_str_equal (status, "planned") || g_str_equal (status, "cancelled"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "round",
                        _ ("--round: round %d is %s; only a round that opened gets a follow-up"),
                        sqlite3_column_int (stmt, 1),
                        g_str_equal (status, "planned") ? _ ("planned") : _ ("cancelled"));
      return 0;
    }
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      helder_error_set (
        error, HELDER_ERROR_CONFLICT, "round",
        _ ("round %d already has its follow-up (moment %" PRId64 "); change that moment instead"),
        sqlite3_column_int (stmt, 1), (gint64) sqlite3_column_int64 (stmt, 3));
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
check_text (const char *field,
            const char *option,
            const char *value,
            gboolean required,
            GError **error)
{
  if (value == NULL && !required)
    return TRUE;
  if (value == NULL || !helder_text_has_visible (value))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: give the text (it is empty)"),
                        option);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL) || strlen (value) > 20000)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field,
                        _ ("%s: the text is not valid UTF-8 or longer than 20,000 bytes"), option);
      return FALSE;
    }
  return TRUE;
}

/**
 * survey_followup_create:
 * @draft: title, body, title_en, body_en and scheduled_at (NULL: now); the
 *   audience, phase and channels are the survey's, as its invitation's
 * @moment: (out): the follow-up moment's id
 *
 * Makes @survey's round @number (0: the latest that opened) its
 * follow-up, in one transaction with its audit entries.
 */
gboolean
survey_followup_create (HelderStore *store,
                        gint64 survey,
                        guint number,
                        const HelderMomentDraft *draft,
                        const HelderAuditActor *actor,
                        gint64 *moment,
                        GError **error)
{
  g_autoptr (JsonObject) row = survey_get (store, survey, error);
  g_auto (SurveyAudience) audience = { 0 };
  g_auto (GStrv) channels = NULL;
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *key = NULL;
  HelderMomentDraft full = *draft;
  gint64 round;

  if (row == NULL || !check_text ("title", "--title", draft->title, TRUE, error) ||
      !check_text ("body", "--body", draft->body, TRUE, error) ||
      !check_text ("title_en", "--title-en", draft->title_en, FALSE, error) ||
      !check_text ("body_en", "--body-en", draft->body_en, FALSE, error))
    return FALSE;
  if (draft->scheduled_at != NULL && g_strcmp0 (draft->scheduled_at, now) < 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "scheduled_at",
                        _ ("--at: “%s” has passed; give a time from now on"), draft->scheduled_at);
      return FALSE;
    }
  if ((round = followup_round (store, survey, number, error)) == 0 ||
      (channels = survey_channels_of (store, survey, error)) == NULL ||
      !survey_audience_load (store, survey, &audience, error))
    return FALSE;
  if (survey_audience_is_empty (&audience))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "audience",
                        _ ("the survey names no audience, so nobody was invited to hear back"));
      return FALSE;
    }
  full.audience = audience.spec;
  full.channels = channels[0] != NULL ? (const char *const *) channels : NULL;
  full.approved = TRUE;
  full.scheduled_at = draft->scheduled_at != NULL ? draft->scheduled_at : now;
  full.phase = json_object_get_null_member (row, "phase")
                 ? NULL
                 : json_object_get_string_member (row, "phase");
  if (!helder_store_begin (store, error))
    return FALSE;
  stmt = helder_store_prepare (
    store, "UPDATE survey_round SET followup = ?2, updated_at = ?3 WHERE id = ?1", error);
  key = g_strdup_printf ("%" PRId64, round);
  if (stmt == NULL || !helder_moment_create_from (store, &full, actor, moment, error))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, round);
  sqlite3_bind_int64 (stmt, 2, *moment);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error) ||
      !helder_audit_record (store, actor, "follow-up", "survey_round", key, 0, NULL, error) ||
      !helder_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  helder_store_rollback (store);
  return FALSE;
}

/* `helder survey results` prints the follow-up under the results. */
void
survey_cli_print_followup (JsonObject *results)
{
  JsonObject *note = json_object_get_null_member (results, "followup")
                       ? NULL
                       : json_object_get_object_member (results, "followup");
  g_autofree char *when = NULL;

  if (note == NULL)
    return;
  when = json_object_get_null_member (note, "scheduled_at")
           ? g_strdup ("")
           : helder_cli_local_time (json_object_get_string_member (note, "scheduled_at"));
  /* TRANSLATORS: the follow-up moment's title, its time and its status */
  g_print (_ ("Follow-up (moment %lld): “%s”, %s, %s\n"),
           (long long) json_object_get_int_member (note, "moment"),
           json_object_get_string_member (note, "title"), when,
           g_str_equal (json_object_get_string_member (note, "status"), "sent")
             ? _ ("sent")
             : _ ("not sent yet"));
}

gboolean
survey_cli_followup (HelderInvocation *inv, int argc, char **argv, GError **error)
{
  g_autofree char *round_text = NULL, *title = NULL, *body = NULL, *title_en = NULL;
  g_autofree char *body_en = NULL, *at_text = NULL, *at = NULL;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_text,
      N_ ("The round it follows up (default: the latest that opened)"), N_ ("N") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_ ("Its title"), N_ ("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body,
      N_ ("What people told us and what we do with it (Markdown)"), N_ ("TEXT") },
    { "title-en", 0, 0, G_OPTION_ARG_STRING, &title_en, N_ ("Its title in English"), N_ ("TEXT") },
    { "body-en", 0, 0, G_OPTION_ARG_STRING, &body_en, N_ ("Its text in English"), N_ ("TEXT") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_ ("When it goes out (default: now)"),
      N_ ("DATE[ HH:MM]") },
    { NULL }
  };
  g_auto (HelderCliActor) actor = { 0 };
  HelderMomentDraft draft = { 0 };
  HelderStore *store;
  gint64 survey, moment = 0;
  guint64 round = 0;

  if (!helder_cli_parse (inv, entries, N_ ("SURVEY"),
                         N_ ("Tell everyone the survey invited what they told us and what we do "
                             "with it: a moment linked to the round, a note on its results."),
                         &argc, &argv, error))
    return FALSE;
  if (argc < 2)
    return helder_cli_usage_error (error, _ ("which survey? Give its slug, number or title"));
  if (argc > 2)
    return helder_cli_usage_error (error, _ ("unexpected argument “%s”"), argv[2]);
  if (round_text != NULL && !g_ascii_string_to_unsigned (round_text, 10, 1, 1000, &round, NULL))
    return helder_cli_usage_error (error, _ ("--round: \"%s\" is not a round number (1 or more)"),
                                   round_text);
  if (title == NULL)
    return helder_cli_usage_error (error, _ ("--title is required"));
  if (body == NULL)
    return helder_cli_usage_error (error, _ ("--body is required"));
  if ((store = helder_context_get_store (inv->context, error)) == NULL ||
      (survey = survey_resolve (store, argv[1], error)) == 0 ||
      (at_text != NULL && (at = survey_parse_when ("--at", at_text, FALSE, error)) == NULL) ||
      !helder_cli_actor_for_write (inv, store, &actor, error))
    return FALSE;
  draft = (HelderMomentDraft){
    .title = title, .body = body, .title_en = title_en, .body_en = body_en, .scheduled_at = at
  };
  if (!survey_followup_create (store, survey, (guint) round, &draft, &actor.actor, &moment, error))
    return FALSE;
  if (inv->json)
    {
      g_autoptr (JsonObject) out = json_object_new ();
      g_autoptr (JsonNode) node = NULL;

      json_object_set_int_member (out, "moment", moment);
      json_object_set_int_member (out, "survey", survey);
      node = json_node_init_object (json_node_alloc (), out);
      helder_cli_print_json (node);
    }
  else
    g_print (_ ("Follow-up made: moment %lld, for everyone the survey invited.\n"),
             (long long) moment);
  return TRUE;
}
