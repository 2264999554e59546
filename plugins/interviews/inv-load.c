/* inv-load.c — the inventory part of the interviews plugin
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registers the inventory's nouns and the personal data it keeps
 * (inv-nouns.c), the gate measure "readiness" (inv-gate.c), the commands
 * `helder item` and `helder readiness` (inv-cli*.c) and its part of the
 * demo programme (inv-demo.c).
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include "interviews-private.h"
#include "inv-private.h"

void
interviews_inventory_load (HelderContext *context)
{
  inv_nouns_register (context);
  inv_gate_register (context);
  inv_cli_register (context);
  inv_demo_register (context);
}
