/* helder-cli-operator.h — who works at this terminal, for the audit log
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change the command line makes is audited with a person of the
 * programme, the operator: `--as PERSON` for one command, else
 * $HELDER_OPERATOR, else what `helder config set operator PERSON` stored
 * for this user and this database (a per-user file, see README.md). Never
 * the Unix account.
 */
#pragma once

#include "cli/helder-cli.h"
#include "engine/helder-command.h"
#include "services/access/helder-audit.h"

G_BEGIN_DECLS

/* The --as of the command line, before the command runs (NULL: none). */
void helder_cli_operator_set_requested (const char *person);

/* HelderCliActor, helder_cli_actor_for_write () and _for_read (): cli/helder-cli.h,
 * where a plugin's command finds them. */

/* `helder config get|set|unset operator`: the per-user file. */
gboolean helder_cli_operator_config (HelderInvocation *invocation,
                                     const char *action,
                                     const char *value,
                                     GError **error);
char *helder_cli_operator_file (void);

G_END_DECLS
