/* helder-text.h — the one rule for text and e-mail addresses
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HELDER_TEXT_LINE,      /* a name, title, subject, key or address */
  HELDER_TEXT_MULTILINE, /* Markdown: may hold \n, \r\n and \t */
} HelderTextKind;

gboolean helder_text_check (const char *text, HelderTextKind kind, GError **error);
gboolean helder_text_has_visible (const char *text);
gboolean helder_text_check_email (const char *address, GError **error);
char *helder_text_normalize_email (const char *text, GError **error);
char *helder_text_isolate (const char *text);
char *helder_text_fold (const char *text);

G_END_DECLS
