/* helder-context.h — what one run of Helder works with
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include <json-glib/json-glib.h>

#include "helder-command.h"
#include "helder-setting.h"
#include "services/delivery/helder-digest.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

#define HELDER_TYPE_CONTEXT (helder_context_get_type ())
G_DECLARE_FINAL_TYPE (HelderContext, helder_context, HELDER, CONTEXT, GObject)

typedef struct _HelderEngine HelderEngine;

HelderContext       *helder_context_new               (const char     *db_path);
const char          *helder_context_get_db_path       (HelderContext  *self);
HelderStore         *helder_context_get_store         (HelderContext  *self,
                                                       GError        **error);
HelderStore         *helder_context_open_connection   (HelderContext  *self,
                                                       GError        **error);
gboolean             helder_context_has_store         (HelderContext  *self);
void                 helder_context_close_store       (HelderContext  *self);

HelderEngine        *helder_context_get_engine        (HelderContext  *self);

void                 helder_context_add_migration     (HelderContext  *self,
                                                       const char     *component,
                                                       guint           version,
                                                       const char     *sql);
void                 helder_context_remove_migrations (HelderContext  *self,
                                                       const char     *component);

void                 helder_context_add_command       (HelderContext       *self,
                                                       const HelderCommand *command);
void                 helder_context_remove_command    (HelderContext  *self,
                                                       const char     *name);
const HelderCommand *helder_context_lookup_command    (HelderContext  *self,
                                                       const char     *name);
GPtrArray           *helder_context_list_commands     (HelderContext  *self);

void                 helder_context_add_setting       (HelderContext       *self,
                                                       const HelderSetting *setting);
void                 helder_context_remove_setting    (HelderContext  *self,
                                                       const char     *name);
const HelderSetting *helder_context_lookup_setting    (HelderContext  *self,
                                                       const char     *name);
GPtrArray           *helder_context_list_settings     (HelderContext  *self);
JsonObject          *helder_context_read_settings     (HelderContext  *self,
                                                       GError        **error);
JsonObject          *helder_context_read_settings_from (HelderContext *self,
                                                       HelderStore    *store,
                                                       GError        **error);
char                *helder_context_get_setting       (HelderContext  *self,
                                                       const char     *name,
                                                       GError        **error);
gboolean             helder_context_set_setting       (HelderContext  *self,
                                                       const char     *name,
                                                       const char     *value,
                                                       GError        **error);

void                 helder_context_add_digest_section    (HelderContext             *self,
                                                           const HelderDigestSection *section);
void                 helder_context_remove_digest_section (HelderContext  *self,
                                                           const char     *name);
GPtrArray           *helder_context_get_digest_sections   (HelderContext  *self);

/* helder-setting.c: core's own settings, registered by every context */
void                 helder_setting_register_core     (HelderContext  *self);

G_END_DECLS
