/* interview-service.h — interviews: templates, planning, recording
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An interview is planned with a person or an external organisation, from
 * a template of its kind (interview-templates/KIND.json, Dutch and English
 * questions); planning it with a time creates a meeting moment for the
 * interviewee (core's invitation, reminder and calendar), rescheduling
 * moves it, cancelling cancels it. Recording fills in answers and notes
 * and notes the items the interview mentions (inv_item_note() with the
 * interview as the source), all in one transaction.
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

extern const char *const interview_kinds[]; /* internal-admin, supplier, chain-partner,
                                              process-owner, employee */
/* The template of a kind: {kind, title, title_en, questions: [{key, text, text_en, help}]}. */
JsonObject *interview_template (const char *kind, GError **error);
JsonArray *interview_template_list (void);

typedef struct
{
  const char *kind;
  const char *title;  /* NULL: from the template and the interviewee */
  const char *person; /* slug, e-mail or id; may be NULL with organisation */
  const char *organisation;
  const char *interviewer; /* slug, e-mail or id; may be NULL */
  const char *area;        /* process owners: tab, fab, ia, geo, bi */
  const char *when;        /* local time as typed (Dutch forms too); NULL: not yet */
  int duration_minutes;    /* 0: 60 */
  const char *location;
  const char *online_url;
} InterviewPlan;

gboolean interview_plan (HelderStore *store,
                         const HelderAuditActor *actor,
                         const InterviewPlan *plan,
                         gint64 *id,
                         GError **error);
/* Moves, relocates or cancels; the meeting moment follows. */
gboolean interview_update (HelderStore *store,
                           const HelderAuditActor *actor,
                           gint64 id,
                           const InterviewPlan *changes,
                           GError **error);
gboolean
interview_cancel (HelderStore *store, const HelderAuditActor *actor, gint64 id, GError **error);
/* @record: {"answers": {KEY: text}, "notes": markdown, "items": [{kind,
 * name, fields...}], "concerns": [{text, theme, groups, named}]}; merged
 * into what was recorded before. */
gboolean interview_record (HelderStore *store,
                           const HelderAuditActor *actor,
                           gint64 id,
                           JsonObject *record,
                           GError **error);
gint64 interview_resolve (HelderStore *store, const char *text, GError **error);
JsonObject *interview_get (HelderStore *store, gint64 id, GError **error);
JsonArray *interview_list (HelderStore *store, const char *status, GError **error);

G_END_DECLS
