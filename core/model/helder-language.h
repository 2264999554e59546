/* helder-language.h — gettext's language, switched under one lock
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void helder_language_use (const char *locale);
void helder_language_begin (const char *locale);
void helder_language_end (void);

G_END_DECLS
