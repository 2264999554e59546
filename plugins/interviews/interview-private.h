/* interview-private.h — what the listening part's files share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Interviews and concerns (interview-*.c, concern-*.c): rows read into
 * JSON, the audit entry of a change, times as people type them, and the
 * registration functions interview-load.c calls.
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

#define CONCERNS_LATE_SETTING "concerns.late_working_days"
#define CONCERNS_LATE_DEFAULT 10

/* Every row of @stmt (bound by the caller) as an object of its columns. */
JsonArray *interview_rows (HelderStore *store, HelderStmt *stmt, GError **error);
/* The one row @sql returns with ?1 bound to @id (a new reference); a
 * not-found error about @what ("interview" or "concern") when none. */
JsonObject *interview_row_by_id (HelderStore *store,
                                 const char *sql,
                                 gint64 id,
                                 const char *what,
                                 GError **error);
/* One integer of one row; FALSE with @error on a store error. */
gboolean interview_scalar (HelderStore *store, HelderStmt *stmt, gint64 *value, GError **error);
/* An audit entry of the plugin's, @record being the row's id. */
gboolean interview_audit (HelderStore *store,
                          const HelderAuditActor *actor,
                          const char *action,
                          const char *entity,
                          gint64 record,
                          gint64 subject,
                          const char *detail,
                          GError **error);
/* A local time as typed ("15-12-2026 10:00", "15 december 2026 10:00",
 * "2026-12-15T10:00", ISO with an offset) → UTC "…Z"; @option names it in
 * the error. */
char *interview_parse_when (const char *option, const char *text, GError **error);
/* A person by slug, e-mail or id, for @option. */
gboolean interview_person (HelderStore *store,
                           const char *option,
                           const char *text,
                           gint64 *person,
                           GError **error);
/* The person's name, or NULL when there is none. */
char *interview_person_name (HelderStore *store, gint64 person, GError **error);
/* Checks one line of text for @field: valid, at most @max bytes. */
gboolean interview_check_line (const char *field, const char *text, gsize max, GError **error);
gboolean interview_check_markdown (const char *field, const char *text, gsize max, GError **error);

/* The late setting's value, read from @store (the default when unset). */
guint concern_late_days (HelderStore *store);
gboolean
concern_theme_resolve (HelderStore *store, const char *text, gint64 *theme, GError **error);
gint64 concern_resolve (HelderStore *store, const char *text, GError **error);

/* Recording (interview-record-*.c), in the record's transaction. */
gboolean interview_record_items (HelderStore *store,
                                 const HelderAuditActor *actor,
                                 gint64 interview,
                                 JsonArray *items,
                                 GError **error);
gboolean interview_record_concerns (HelderStore *store,
                                    const HelderAuditActor *actor,
                                    gint64 interview,
                                    gint64 person,
                                    JsonArray *concerns,
                                    GError **error);
/* The items @interview mentioned, as inv_item_list() gives them. */
JsonArray *interview_items (HelderStore *store, gint64 interview, GError **error);

/* The translated word for a kind, status, area or way in (interview-labels.c). */
const char *interview_label (const char *key);
/* For messages of the CLI: "when: …" → "--at: …" per pairs of field and option. */
void interview_cli_rename (GError *error, const char *const *pairs);

/* The demo (interview-demo.c, concern-demo.c). */
gboolean interview_demo_set_day (const char *day, int hour, GError **error);
gboolean interview_demo_person (HelderStore *store, const char *email, gint64 *id);
gboolean concern_demo_themes (HelderStore *store, const HelderAuditActor *actor, GError **error);
gboolean concern_demo_concerns (HelderStore *store,
                                const HelderAuditActor *actor,
                                const char *today,
                                GError **error);
gboolean
concern_demo_answers_today (HelderStore *store, const HelderAuditActor *actor, GError **error);

void interview_nouns_register (HelderContext *context);
void interview_cli_register (HelderContext *context);
void concern_cli_register (HelderContext *context);
void concern_digest_register (HelderContext *context);
void interview_demo_register (HelderContext *context);

/* For the CLI: */
gboolean interview_cli_record (HelderInvocation *inv, int argc, char **argv, GError **error);
void interview_cli_print_json_object (JsonObject *object);
void interview_cli_print_json_array (JsonArray *array);

G_END_DECLS
