/* survey-cli.h — what the files of `helder survey` share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "survey-define.h"

G_BEGIN_DECLS

/* survey-cli-show.c */
gboolean survey_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean survey_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean survey_cli_template (HelderInvocation *inv, int argc, char **argv, GError **error);

G_END_DECLS
