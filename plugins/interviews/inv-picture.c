/* inv-picture.c — the architecture picture: what the part registers
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The picture itself is made by inv-picture-model.c (what is drawn),
 * inv-picture-graph.c (the Graphviz graph), inv-picture-render.c (SVG and
 * DOT) and inv-picture-table.c (the same as a table); inv-picture.h is
 * what the other parts call. This part adds the command `helder inventory`.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include "interviews-private.h"
#include "inv-picture-private.h"

void
interviews_picture_load (HelderContext *context)
{
  inv_picture_cli_register (context);
}
