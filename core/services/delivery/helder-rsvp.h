/* helder-rsvp.h — people answer a meeting's invitation: yes, no, maybe
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/access/helder-audit.h"

G_BEGIN_DECLS

gboolean helder_rsvp_answer_valid (const char *answer);
const char *helder_rsvp_answer_label (const char *answer);

gboolean helder_rsvp_links (HelderStore *store,
                            gint64 root,
                            gint64 person,
                            const char *expires_at,
                            const char *base_url,
                            char **markdown,
                            char **text,
                            GError **error);
gboolean helder_rsvp_check_link (HelderStore *store,
                                 gint64 root,
                                 const char *token,
                                 gint64 *person,
                                 GError **error);
gboolean helder_rsvp_record (HelderStore *store,
                             const HelderAuditActor *actor,
                             gint64 root,
                             gint64 person,
                             const char *answer,
                             gboolean *changed,
                             GError **error);
char *helder_rsvp_current (HelderStore *store, gint64 root, gint64 person, GError **error);
JsonObject *helder_rsvp_summary (HelderStore *store, gint64 moment, GError **error);
JsonObject *helder_rsvp_meeting (HelderStore *store, gint64 root, GError **error);
gboolean helder_rsvp_may_answer (HelderStore *store,
                                 gint64 moment,
                                 gint64 person,
                                 gint64 *root,
                                 GError **error);

G_END_DECLS
