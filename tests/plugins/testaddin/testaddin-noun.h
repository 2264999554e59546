/* testaddin-noun.h — the test addin's registered noun
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

void testaddin_noun_load (HelderContext *context);

G_END_DECLS
