/* helder-main.c — the `helder` executable: everything lives in libhelder
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cli/helder-cli.h"

int
main (int argc, char **argv)
{
  return helder_cli_main (argc, argv);
}
