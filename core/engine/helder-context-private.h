/* helder-context-private.h — the context's fields, shared by its two files
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "engine/helder-context.h"

G_BEGIN_DECLS

struct _HelderContext
{
  GObject parent_instance;

  char *db_path;
  HelderStore *store;         /* opened on first use */
  gboolean store_stale;       /* migrations were added after it opened */
  GPtrArray *migrations;      /* Migration, in the order added */
  GHashTable *commands;       /* name → HelderCommand (owned copy) */
  GHashTable *settings;       /* name → HelderSetting (owned copy) */
  GPtrArray *digest_sections; /* HelderDigestSection (owned copy), in order */
  HelderEngine *engine;       /* made on first use */

  char *owner;              /* who is adding now: a plugin's module, NULL for core */
  GPtrArray *registrations; /* Registration, in the order added */
  GPtrArray *owned;         /* Owned: what a plugin added to the tables above */
};

/* The registries that are lists of plain structs: one list, each entry
 * tagged with its kind and owner, so that removing an owner is one loop. */
typedef enum
{
  REG_PERMISSION,
  REG_ROUTE,
  REG_NAV,
  REG_TEMPLATES,
  REG_OPENAPI,
  REG_ENTITY,
  REG_PERSON_DATA,
  REG_AUDIENCE_FILTER,
  REG_GATE_MEASURE,
  REG_HOUSEKEEPING,
  REG_DEMO_STEP,
  REG_WEB_PANEL,
} RegistrationKind;

typedef struct
{
  RegistrationKind kind;
  char *owner;
  gpointer data; /* an owned copy, or the registered entity */
} Registration;

/* What a plugin added to the older registries (commands, settings,
 * migrations, digest sections), by name. */
typedef enum
{
  OWNED_COMMAND,
  OWNED_SETTING,
  OWNED_MIGRATIONS,
  OWNED_DIGEST_SECTION,
} OwnedKind;

typedef struct
{
  OwnedKind kind;
  char *owner;
  char *name;
} Owned;

/* helder-context-registry.c */
void helder_context_registration_free (gpointer data);
void helder_context_owned_free (gpointer data);
void helder_context_note_owned (HelderContext *self, OwnedKind kind, const char *name);
void helder_context_add_registration (HelderContext *self, RegistrationKind kind, gpointer data);
GPtrArray *helder_context_list_registrations (HelderContext *self, RegistrationKind kind);
void helder_context_register_core (HelderContext *self);

/* helder-context-measures.c */
void helder_context_gate_measure_free (gpointer data);
void helder_context_housekeeping_free (gpointer data);

/* helder-context-demo.c */
void helder_context_demo_step_free (gpointer data);

/* helder-context-panels.c */
void helder_context_web_panel_free (gpointer data);

G_END_DECLS
