/* concern-cli.h — the reading verbs of `helder concern`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

gboolean concern_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean concern_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean concern_cli_published (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean concern_cli_summary (HelderInvocation *inv, int argc, char **argv, GError **error);

G_END_DECLS
