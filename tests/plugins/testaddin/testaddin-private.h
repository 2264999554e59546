/* testaddin-private.h — the parts of the test addin
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

void testaddin_web_register (HelderContext *context);
void testaddin_audience_register (HelderContext *context);
void testaddin_measure_register (HelderContext *context);
void testaddin_housekeeping_register (HelderContext *context);
void testaddin_panels_register (HelderContext *context);
void testaddin_meeting_register (HelderContext *context);
void testaddin_demo_register (HelderContext *context);
gboolean testaddin_announce (HelderInvocation *invocation,
                             const char *group,
                             const char *title,
                             const char *filter,
                             GError **error);

G_END_DECLS
