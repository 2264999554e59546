/* helder-cli-template-private.h — `helder init --template`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cli/helder-cli.h"

G_BEGIN_DECLS

const char *helder_cli_template_language (const char *given, GError **error);
gboolean helder_cli_template_list (HelderInvocation *inv, const char *language, GError **error);
gboolean
helder_cli_template_check (const char *template_name, const char *language, GError **error);
gboolean helder_cli_template_create (HelderStore *store,
                                     const char *template_name,
                                     const char *language,
                                     JsonObject *programme,
                                     GError **error);
void helder_cli_template_print_summary (HelderStore *store, const char *template_name);

G_END_DECLS
