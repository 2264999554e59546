/* interview-cli.h — the verbs of `helder interview`, across its files
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

/* The one interview argv[1] names (argc must be 2). */
gboolean interview_cli_one (HelderStore *store, int argc, char **argv, gint64 *id, GError **error);
gboolean interview_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean interview_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean interview_cli_template (HelderInvocation *inv, int argc, char **argv, GError **error);

G_END_DECLS
