/* interview-load.c — what the listening part registers
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Interviews and concerns: their nouns, the interviewee's personal data
 * and the setting concerns.late_working_days (before the other parts,
 * whose nouns refer to interviews), then the commands `helder interview`
 * and `helder concern`, the digest section "Answers to your questions",
 * and the demo step.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include "concern-read.h"
#include "interview-private.h"
#include "interviews-private.h"

/* Before the other parts: the inventory's nouns refer to interviews. */
void
interviews_listening_nouns_load (HelderContext *context)
{
  interview_nouns_register (context);
}

void
interviews_listening_load (HelderContext *context)
{
  concern_read_set_context (context);
  interview_cli_register (context);
  concern_cli_register (context);
  concern_digest_register (context);
  interview_demo_register (context);
}
