/* helder-cli.h — the `helder` command line, inside libhelder
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file registers its commands into the context's command table, the
 * same table addins add theirs to. A command parses its options, calls one
 * core service and renders the result with the helpers of
 * helder-cli-output.h.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "engine/helder-context.h"
#include "model/helder-entity.h"
#include "services/repo/helder-audit-record.h"

G_BEGIN_DECLS

int helder_cli_main (int argc, char **argv);

void helder_cli_noun_register (HelderContext *context);
void helder_cli_noun_register_plugins (HelderContext *context);
void helder_cli_programme_register (HelderContext *context);
void helder_cli_transfer_register (HelderContext *context);
void helder_cli_plugins_register (HelderContext *context);
void helder_cli_web_register (HelderContext *context);
void helder_cli_delivery_register (HelderContext *context);
void helder_cli_delivery_print_problems (JsonArray *problems);
void helder_cli_invite_register (HelderContext *context);

/* helder-cli-output.c */
gboolean helder_cli_parse (HelderInvocation *invocation,
                           GOptionEntry *entries,
                           const char *parameters,
                           const char *summary,
                           int *argc,
                           char ***argv,
                           GError **error);
void helder_cli_print_json (JsonNode *node);
void helder_cli_print_record (HelderStore *store, const HelderEntity *entity, JsonObject *row);
void helder_cli_print_table (const char *const *headers, GPtrArray *rows);
gboolean helder_cli_usage_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* helder-cli-verbs.c: a command whose verbs are a table. */
typedef struct
{
  const char *name;
  HelderCommandFunc func;
  const char *summary; /* untranslated (N_()) */
} HelderCliVerb;
gboolean helder_cli_run_verb (HelderInvocation *inv,
                              int argc,
                              char **argv,
                              const char *usage,
                              const HelderCliVerb *verbs,
                              guint n_verbs,
                              const char *gettext_domain,
                              GError **error);
char *helder_cli_read_file (const char *path, gsize *length, GError **error);
const char *helder_cli_display_value (const char *value);
char *helder_cli_display_list (const char *text);
char *helder_cli_local_time (const char *utc);
gboolean helder_cli_set_day (const char *option, const char *date, GError **error);
char *helder_cli_pad (const char *text, glong width);
glong helder_cli_width (const char *text);

/* helder-cli-operator.c: who a write on the command line is audited as
 * (--as PERSON, $HELDER_OPERATOR or `helder config set operator PERSON`). */

/**
 * HelderCliActor:
 * Who a CLI write is audited as. @actor points into this struct.
 */
typedef struct
{
  HelderAuditActor actor;
  char *name;
} HelderCliActor;

void helder_cli_actor_clear (HelderCliActor *self);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HelderCliActor, helder_cli_actor_clear)

gboolean helder_cli_actor_for_write (HelderInvocation *invocation,
                                     HelderStore *store,
                                     HelderCliActor *out,
                                     GError **error);
void
helder_cli_actor_for_read (HelderInvocation *invocation, HelderStore *store, HelderCliActor *out);

/* helder-cli-names.c */
char *helder_cli_resolve_key (HelderStore *store,
                              const HelderEntity *entity,
                              const char *text,
                              GError **error);
gboolean helder_cli_resolve_person (HelderStore *store,
                                    const char *option,
                                    const char *text,
                                    gint64 *person,
                                    GError **error);
char *helder_cli_ref_text (HelderStore *store, const HelderField *field, JsonNode *value);
char *helder_cli_choices_text (const HelderField *field);
void helder_cli_error_name_options (GError *error,
                                    const HelderEntity *entity,
                                    const char *const *renames);

G_END_DECLS
