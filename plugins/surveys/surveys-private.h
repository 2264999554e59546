/* surveys-private.h — what the surveys plugin's files share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

#define SURVEYS_COMPONENT "surveys"

/* Definition and lifecycle: the nouns, the person data, `helder survey`. */
void surveys_define_load (HelderContext *context);
void survey_cli_register (HelderContext *context);
/* survey-answer-digest.c: the "open surveys for you" section. */
void surveys_answer_load (HelderContext *context);
/* survey-messages.c: the reminders' audience filter. */
void surveys_messages_load (HelderContext *context);
/* survey-messages-followup.c: `helder survey follow-up`, and its note
 * under `helder survey results`. */
gboolean survey_cli_followup (HelderInvocation *invocation, int argc, char **argv, GError **error);
void survey_cli_print_followup (JsonObject *results);
/* survey-housekeeping.c: rounds follow the clock, retention, checkpoints. */
void surveys_housekeeping_load (HelderContext *context);
gboolean
survey_housekeeping_run (HelderStore *store, const char *now, gpointer user_data, GError **error);
/* survey-cli-results.c: `helder survey results|export SURVEY`. */
gboolean survey_cli_results (HelderInvocation *invocation, int argc, char **argv, GError **error);
gboolean survey_cli_export (HelderInvocation *invocation, int argc, char **argv, GError **error);
/* survey-gate.c: the gate measure "survey". */
void surveys_gate_load (HelderContext *context);
/* survey-demo.c: the demo programme's surveys (`helder init --demo`). */
void surveys_demo_load (HelderContext *context);
/* survey-web.c: the pages, the API, navigation and permissions. */
void surveys_web_load (HelderContext *context);

G_END_DECLS
