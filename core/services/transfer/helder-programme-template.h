/* helder-programme-template.h — new programmes that start from the method
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"

G_BEGIN_DECLS

/* One template for `helder init --template NAME`, in one language. */
typedef struct
{
  char *name;    /* "outsourcing" */
  char *title;   /* a line */
  char *summary; /* a paragraph */
} HelderProgrammeTemplate;

void helder_programme_template_free (HelderProgrammeTemplate *template_);
GPtrArray *helder_programme_template_list (const char *language, GError **error);
char *helder_programme_template_names (void);
gboolean helder_programme_template_check (const char *name, const char *language, GError **error);
JsonNode *helder_programme_template_document (const char *name,
                                              const char *language,
                                              JsonObject *programme,
                                              GError **error);
gboolean helder_programme_template_load (HelderStore *store,
                                         const char *name,
                                         const char *language,
                                         JsonObject *programme,
                                         GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderProgrammeTemplate, helder_programme_template_free)

G_END_DECLS
