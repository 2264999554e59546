/* helder-personal.h — one person's own transition, in sections
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/util/helder-markdown.h"

G_BEGIN_DECLS

/* An external person (DESIGN.md §3: suppliers, chain partners) belongs
 * to at least one group and only to groups of kind 'external'. One rule
 * for the page, the digest and whether the digest goes by default;
 * @person is the SQL expression of the person's id. */
#define HELDER_PERSON_EXTERNAL_SQL(person)                               \
  "(EXISTS (SELECT 1 FROM person_group xg WHERE xg.person = " person ")" \
  " AND NOT EXISTS (SELECT 1 FROM person_group xg"                       \
  "  JOIN stakeholder_group xs ON xs.slug = xg.grp"                      \
  "  WHERE xg.person = " person " AND xs.kind <> 'external'))"

/* Whether person @p (an alias of the person table) gets the weekly digest:
 * their own choice, or by default unless they are external. */
#define HELDER_PERSON_WEEKLY_SQL(p) \
  "(" p ".digest = 'weekly' OR (" p \
  ".digest = 'default' AND NOT " HELDER_PERSON_EXTERNAL_SQL (p ".id") "))"

/* How far back "new" reaches for someone without a previous digest or
 * visit: the past week, from the start of that day. */
#define HELDER_PERSONAL_FIRST_DAYS 7

/* How many earlier messages the "past" section keeps. */
#define HELDER_PERSONAL_PAST_LIMIT 20

JsonObject *
helder_personal_compute (HelderStore *store, gint64 person, const char *today, GError **error);
JsonObject *helder_personal_compute_full (HelderStore *store,
                                          gint64 person,
                                          const char *today,
                                          JsonArray **moments,
                                          GError **error);
JsonArray *helder_personal_moments (HelderStore *store, gint64 person, GError **error);
JsonArray *helder_personal_gates (HelderStore *store, gint64 person, GError **error);
char *helder_personal_to_markdown (JsonObject *sections,
                                   JsonArray *news,
                                   const char *since,
                                   const char *news_heading,
                                   const char *link,
                                   GError **error);
const char *helder_personal_partner (JsonObject *sections);

/* What is new for a person since a time: helder-personal-news.c */
char *helder_personal_first_since (const char *today);
JsonArray *helder_personal_news (HelderStore *store,
                                 JsonObject *sections,
                                 JsonArray *moments,
                                 const char *since,
                                 GError **error);
char *helder_personal_news_label (JsonObject *item);
char *helder_personal_news_title (JsonObject *item);
gboolean helder_personal_visit (HelderStore *store,
                                gint64 person,
                                const char *now,
                                const char *today,
                                gboolean record,
                                char **since,
                                GError **error);

/* Labels shared by the personal page and the digest, in the current
 * gettext language, so that both say the same thing. */
char *helder_personal_promise_label (JsonObject *promise);
const char *helder_personal_decision_label (const char *decision);
const char *helder_personal_change_status_label (const char *status);
char *helder_personal_gate_title (const char *name);
const char *helder_personal_moment_note (JsonObject *moment);
char *helder_personal_format_date (const char *date);
char *helder_personal_datetime_label (const char *utc);

G_END_DECLS
