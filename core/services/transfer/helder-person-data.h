/* helder-person-data.h — everything about one person: export and erasure
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md §6: a person's data can be exported and erased on request.
 * Core's and the plugins' nouns say through their descriptors which rows
 * are about a person (person_field) and what erasing that person does to
 * them (erase); what a plugin keeps outside its nouns comes through
 * HelderPersonData hooks, which the caller passes in.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/access/helder-audit.h"

G_BEGIN_DECLS

/**
 * HelderPersonData:
 * @name: what the data is, e.g. "survey_invitations"; the member of
 *   `helder person export` that holds it
 * @export: adds what the plugin holds about @person to @into (as
 *   @name's member); called inside a read transaction
 * @erase: removes or anonymises it; called inside the erasure's write
 *   transaction, so a failure changes nothing
 *
 * Personal data a plugin keeps outside its registered nouns (whose rows
 * are exported and erased by their descriptor's @person_field and @erase).
 */
typedef gboolean (*HelderPersonExportFunc) (HelderStore *store,
                                            gint64 person,
                                            JsonObject *into,
                                            gpointer user_data,
                                            GError **error);
typedef gboolean (*HelderPersonEraseFunc) (HelderStore *store,
                                           gint64 person,
                                           gpointer user_data,
                                           GError **error);
typedef struct
{
  const char *name;
  HelderPersonExportFunc export;
  HelderPersonEraseFunc erase;
  gpointer user_data;
} HelderPersonData;

/* What erased names and addresses become in the text that stays. */
#define HELDER_PERSON_ERASED "(erased)"

JsonObject *
helder_person_data_export (HelderStore *store, gint64 person, GPtrArray *hooks, GError **error);
gboolean helder_person_data_erase (HelderStore *store,
                                   gint64 person,
                                   GPtrArray *hooks,
                                   const HelderAuditActor *actor,
                                   GError **error);

G_END_DECLS
