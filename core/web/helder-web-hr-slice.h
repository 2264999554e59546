/* helder-web-hr-slice.h — which part of HR's board a request asks for
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "services/views/helder-hr.h"
#include "web/helder-web-private.h"

G_BEGIN_DECLS

/* People per page of the board's long lists, and names per role. */
#define HELDER_WEB_HR_PAGE_SIZE 50
#define HELDER_WEB_HR_NAMES     5

typedef struct
{
  HelderHrSlice slice;
  guint64 unplaced_page;
  guint64 placements_page;
  char *placements_role; /* (nullable) */
} HelderWebHrPages;

/* Reads ?unplaced_page=, ?placements_page= and ?placements_role= of GET
 * /hr; answers 400 itself (naming the parameter) and returns FALSE when
 * one is bad. */
gboolean helder_web_hr_pages_read (HelderWebRequest *request, HelderWebHrPages *pages);
/* After the board is read: 404 (naming the parameter) for a page past the
 * end; otherwise adds "unplaced_nav" and "placements_nav" to @context. */
gboolean helder_web_hr_pages_finish (HelderWebRequest *request,
                                     HelderWebHrPages *pages,
                                     JsonObject *board,
                                     JsonObject *context);
void helder_web_hr_pages_clear (HelderWebHrPages *pages);

G_END_DECLS
