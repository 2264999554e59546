/* helder-rules.h — the rules of DESIGN.md §6 that types alone cannot express
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder-entity.h"

G_BEGIN_DECLS

gboolean helder_rules_check_programme (const HelderEntity *entity,
                                       gpointer store,
                                       JsonObject *old,
                                       JsonObject *row,
                                       gboolean restore,
                                       GError **error);
gboolean helder_rules_check_phase (const HelderEntity *entity,
                                   gpointer store,
                                   JsonObject *old,
                                   JsonObject *row,
                                   gboolean restore,
                                   GError **error);
gboolean helder_rules_check_role (const HelderEntity *entity,
                                  gpointer store,
                                  JsonObject *old,
                                  JsonObject *row,
                                  gboolean restore,
                                  GError **error);
gboolean helder_rules_check_person (const HelderEntity *entity,
                                    gpointer store,
                                    JsonObject *old,
                                    JsonObject *row,
                                    gboolean restore,
                                    GError **error);
gboolean helder_rules_check_role_change (const HelderEntity *entity,
                                         gpointer store,
                                         JsonObject *old,
                                         JsonObject *row,
                                         gboolean restore,
                                         GError **error);
gboolean helder_rules_check_commitment (const HelderEntity *entity,
                                        gpointer store,
                                        JsonObject *old,
                                        JsonObject *row,
                                        gboolean restore,
                                        GError **error);
gboolean helder_rules_check_commitment_update (const HelderEntity *entity,
                                               gpointer store,
                                               JsonObject *old,
                                               JsonObject *row,
                                               gboolean restore,
                                               GError **error);
gboolean helder_rules_check_moment (const HelderEntity *entity,
                                    gpointer store,
                                    JsonObject *old,
                                    JsonObject *row,
                                    gboolean restore,
                                    GError **error);
gboolean helder_rules_check_criterion (const HelderEntity *entity,
                                       gpointer store,
                                       JsonObject *old,
                                       JsonObject *row,
                                       gboolean restore,
                                       GError **error);
gboolean helder_rules_check_gate (const HelderEntity *entity,
                                  gpointer store,
                                  JsonObject *old,
                                  JsonObject *row,
                                  gboolean restore,
                                  GError **error);
gboolean helder_rules_check_moment_slot (const HelderEntity *entity,
                                         gpointer store,
                                         JsonObject *old,
                                         JsonObject *row,
                                         gboolean restore,
                                         GError **error);
gboolean helder_rules_check_placement (const HelderEntity *entity,
                                       gpointer store,
                                       JsonObject *old,
                                       JsonObject *row,
                                       gboolean restore,
                                       GError **error);

const char *const *helder_rules_filter_choices (const HelderEntity *entity,
                                                const HelderField *field);
const char *
helder_rules_commitment_status (const char *status, const char *due_on, const char *today);
gboolean helder_rules_role_change_can_move (const char *from, const char *to);

G_END_DECLS
