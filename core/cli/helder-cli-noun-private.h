/* helder-cli-noun-private.h — shared by the generic and the special verbs
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cli/helder-cli.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

typedef enum
{
  FIELD_MODE_ADD,
  FIELD_MODE_UPDATE,
  FIELD_MODE_FILTER,
} FieldMode;

typedef struct _FieldOptions FieldOptions;

FieldOptions *field_options_new (const HelderEntity *entity, FieldMode mode);
void field_options_free (FieldOptions *self);
void field_options_add (FieldOptions *self, GOptionEntry *entry);
GOptionEntry *field_options_entries (FieldOptions *self);
JsonObject *field_options_collect (FieldOptions *self, HelderStore *store, GError **error);
GHashTable *field_options_filters (FieldOptions *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FieldOptions, field_options_free)

typedef gboolean (*NounVerbFunc) (HelderInvocation *invocation,
                                  const HelderEntity *entity,
                                  int argc,
                                  char **argv,
                                  GError **error);

typedef struct
{
  const char *name;
  NounVerbFunc func;
  const char *summary;
} NounVerb;

char *noun_cell (const HelderField *field, JsonObject *row);
void noun_print_rows (HelderStore *store, const HelderEntity *entity, JsonArray *rows);

gboolean noun_expect_key (int argc, char **argv, const char *what, GError **error);
gboolean noun_print_row (HelderInvocation *invocation,
                         const HelderEntity *entity,
                         JsonObject *row,
                         const char *message);

/* helder-cli-names.c */
JsonNode *
noun_resolve_refs (HelderStore *store, const HelderField *field, JsonNode *value, GError **error);
GHashTable *noun_filters_resolve (HelderStore *store,
                                  const HelderEntity *entity,
                                  GHashTable *typed,
                                  char **name_part,
                                  GError **error);
JsonArray *noun_rows_named (const HelderEntity *entity,
                            JsonArray *rows,
                            const char *part,
                            guint offset,
                            guint limit);

/* helder-cli-privacy.c: `helder person export|erase` */
const NounVerb *noun_person_verbs (guint *n_verbs);

/* helder-cli-actions.c */
const NounVerb *noun_special_verbs (const HelderEntity *entity, guint *n_verbs);
void noun_print_warnings (const HelderEntity *entity, JsonObject *row);
gboolean noun_show_details (HelderInvocation *invocation,
                            HelderStore *store,
                            const HelderEntity *entity,
                            JsonObject *row,
                            GError **error);

/* helder-cli-reach.c */
void helder_cli_reach_print (JsonObject *reach, const char *status);
void helder_cli_reach_print_sent (JsonArray *sent, int days);

G_END_DECLS
