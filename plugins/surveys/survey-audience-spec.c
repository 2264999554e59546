/* survey-audience-spec.c — who a survey asks, by core's audience rules
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A survey's audience is a moment's: its groups, roles, persons and
 * role-change statuses (survey_group, survey_role, survey_person,
 * survey_status). They are read into a HelderAudienceSpec and core
 * resolves it (helder_audience_resolve_spec, helder_audience_spec_contains),
 * so that a survey and its invitation reach exactly the same people.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include "survey-answer-private.h"
#include "survey-define.h"

void
survey_audience_clear (SurveyAudience *self)
{
  g_clear_pointer (&self->groups, g_strfreev);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->persons, g_strfreev);
  g_clear_pointer (&self->statuses, g_strfreev);
  self->spec = (HelderAudienceSpec){ 0 };
}

static GStrv
column (HelderStore *store, const char *sql, gint64 survey, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, error);
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
 * survey_audience_load:
 * @out: (out caller-allocates): filled; clear it with survey_audience_clear()
 *
 * Reads @survey's audience; @out->spec points into @out.
 */
gboolean
survey_audience_load (HelderStore *store, gint64 survey, SurveyAudience *out, GError **error)
{
  *out = (SurveyAudience){ 0 };
  out->groups =
    column (store, "SELECT grp FROM survey_group WHERE survey = ?1 ORDER BY grp", survey, error);
  out->roles = out->groups
                 ? column (store, "SELECT role FROM survey_role WHERE survey = ?1 ORDER BY role",
                           survey, error)
                 : NULL;
  out->persons = out->roles ? column (store,
                                      "SELECT CAST (person AS TEXT) FROM survey_person"
                                      " WHERE survey = ?1 ORDER BY person",
                                      survey, error)
                            : NULL;
  out->statuses = out->persons ? column (store,
                                         "SELECT status FROM survey_status WHERE survey = ?1"
                                         " ORDER BY status",
                                         survey, error)
                               : NULL;
  if (out->statuses == NULL)
    {
      survey_audience_clear (out);
      return FALSE;
    }
  out->spec = (HelderAudienceSpec){
    .groups = (const char *const *) out->groups,
    .roles = (const char *const *) out->roles,
    .persons = (const char *const *) out->persons,
    .statuses = (const char *const *) out->statuses,
  };
  return TRUE;
}

/* Whether the survey names no group, role, person or status at all. */
gboolean
survey_audience_is_empty (const SurveyAudience *self)
{
  return g_strv_length (self->groups) + g_strv_length (self->roles) +
           g_strv_length (self->persons) + g_strv_length (self->statuses) ==
         0;
}

/* Everyone @survey asks, ascending. */
gboolean
survey_audience_resolve (HelderStore *store, gint64 survey, GArray **persons, GError **error)
{
  g_auto (SurveyAudience) audience = { 0 };

  if (!survey_audience_load (store, survey, &audience, error))
    return FALSE;
  *persons = helder_audience_resolve_spec (store, &audience.spec, error);
  return *persons != NULL;
}

/* Whether @survey asks @person, without reading the whole audience. */
gboolean
survey_audience_contains (HelderStore *store,
                          gint64 survey,
                          gint64 person,
                          gboolean *contains,
                          GError **error)
{
  g_auto (SurveyAudience) audience = { 0 };

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (contains != NULL, FALSE);

  *contains = FALSE;
  return survey_audience_load (store, survey, &audience, error) &&
         helder_audience_spec_contains (store, &audience.spec, person, contains, error);
}
