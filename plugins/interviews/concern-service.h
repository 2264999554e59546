/* concern-service.h — concerns: listening that gets an answer
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A concern is raised in an interview, a conversation or by an employee
 * from their personal page. Named only when the person agreed: otherwise
 * it is stored without the person (and audited without them), with the
 * day it was raised and nothing finer. The advisor answers it by a moment,
 * a commitment or directly; a named person finds the answer in their
 * digest and on their page. Open longer than the setting
 * `concerns.late_working_days` (10) working days, it is late.
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

typedef struct
{
  const char *text;
  const char *theme; /* slug or name; NULL: none yet */
  const char *const *groups;
  gint64 person;    /* who raised it (0: unknown) */
  gboolean named;   /* they agreed to be named; else person is not stored */
  const char *via;  /* "interview", "conversation", "personal-page" */
  gint64 interview; /* 0 unless via interview */
} ConcernDraft;

gboolean concern_raise (HelderStore *store,
                        const HelderAuditActor *actor,
                        const ConcernDraft *draft,
                        gint64 *id,
                        GError **error);

typedef struct
{
  const char *text;            /* a direct answer (Markdown), or NULL */
  gint64 moment;               /* 0 or a moment that answers it */
  gint64 commitment;           /* 0 or a commitment that answers it */
  gboolean publish;            /* on the questions-and-answers page */
  const char *public_question; /* the question as published; NULL: as raised */
} ConcernAnswer;

gboolean concern_answer (HelderStore *store,
                         const HelderAuditActor *actor,
                         gint64 id,
                         const ConcernAnswer *answer,
                         GError **error);
gboolean
concern_withdraw (HelderStore *store, const HelderAuditActor *actor, gint64 id, GError **error);

/* Each concern with "theme", "groups", "age_working_days", "late",
 * "answer" ...; the person only when named. @status/@theme/@group may be NULL. */
JsonArray *concern_list (HelderStore *store,
                         const char *status,
                         const char *theme,
                         const char *group,
                         const char *today,
                         GError **error);
JsonObject *concern_get (HelderStore *store, gint64 id, const char *today, GError **error);
/* Open concerns per theme and per group, with the oldest age and how many
 * are late: {"open", "late", "by_theme": [...], "by_group": [...]}. */
JsonObject *concern_summary (HelderStore *store, const char *today, GError **error);
/* Published answers, anonymised, by theme, for everyone in the programme. */
JsonArray *concern_published (HelderStore *store, const char *lang, GError **error);
/* @person's own concerns (named ones only), with their answers. */
JsonArray *concern_for_person (HelderStore *store, gint64 person, GError **error);

gboolean concern_theme_add (HelderStore *store,
                            const HelderAuditActor *actor,
                            const char *slug,
                            const char *name,
                            const char *name_en,
                            GError **error);

G_END_DECLS
