/* survey-cli.h — what the files of `helder survey` share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "survey-define.h"

G_BEGIN_DECLS

typedef struct
{
  SurveyActor actor;
  char *name;
} SurveyCliActor;

void survey_cli_actor_clear (SurveyCliActor *self);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SurveyCliActor, survey_cli_actor_clear)

gboolean survey_cli_actor_for_write (HelderStore *store, SurveyCliActor *out, GError **error);

/* survey-cli-show.c */
gboolean survey_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean survey_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean survey_cli_template (HelderInvocation *inv, int argc, char **argv, GError **error);

G_END_DECLS
