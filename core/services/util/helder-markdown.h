/* helder-markdown.h — CommonMark in and out
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void helder_markdown_append_inline (GString *out, const char *text);
char *helder_markdown_to_text (const char *markdown, gsize max_chars);

G_END_DECLS
