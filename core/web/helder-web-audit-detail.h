/* helder-web-audit-detail.h — an audit entry's detail in the reader's language
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *helder_web_audit_detail_text (const char *entity, const char *detail);

G_END_DECLS
