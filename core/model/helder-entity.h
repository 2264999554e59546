/* helder-entity.h — the nouns of the domain, described once
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every noun of DESIGN.md §3 is a table in the store and a HelderEntity here:
 * its fields, their types, what they refer to and which rules apply. The
 * generic repository (services/repo/helder-repo.h), the CLI, the JSON export and
 * the importers all read these descriptors, so a field is added in one place.
 * A record travels as a JsonObject whose members are the field names.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "helder-clock.h"
#include "model/helder-date.h"
#include "model/helder-field.h"
#include "model/helder-language.h"

G_BEGIN_DECLS

/**
 * HelderEntityCheck:
 * @old: the row as stored, or %NULL when it is created
 * @row: the row as it would be after the change (all members present)
 * @restore: %TRUE when a full import restores an exported row as it was
 *
 * A rule of DESIGN.md §6 that the generic type checks cannot express; it
 * sets a HELDER_ERROR that names the field and the problem.
 */
typedef gboolean (*HelderEntityCheck) (const HelderEntity *entity,
                                       gpointer store,
                                       JsonObject *old,
                                       JsonObject *row,
                                       gboolean restore,
                                       GError **error);

/**
 * HelderEraseRule:
 * @HELDER_ERASE_KEEP: the row is not about one person; erasing a person
 *   leaves it (a commitment made to a group)
 * @HELDER_ERASE_DELETE: the row is about the person in @person_field and
 *   goes when they are erased
 * @HELDER_ERASE_ANONYMISE: the row stays (it counts for something), but its
 *   %HELDER_FIELD_PERSONAL fields are emptied and @person_field is set to
 *   null
 *
 * What `helder person erase` does to a row of an entity (DESIGN.md §6).
 */
typedef enum
{
  HELDER_ERASE_KEEP,
  HELDER_ERASE_DELETE,
  HELDER_ERASE_ANONYMISE,
} HelderEraseRule;

struct _HelderEntity
{
  const char *name;   /* "role_change" — CLI noun uses - for _ */
  const char *plural; /* "role_changes" — export member */
  const char *table;
  const char *label;    /* N_("role change") */
  const char *order_by; /* SQL ORDER BY for lists and export */
  const HelderField *fields;
  guint n_fields;
  gboolean deletable; /* commitments and their updates are not */
  gboolean singleton; /* the programme: one row, id 1 */
  HelderEntityCheck check;

  /* What the platform derives from the descriptor (DESIGN.md §4): */
  const char *owner;            /* NULL for core; else the plugin's module name */
  const char *domain;           /* gettext domain of the labels; NULL: "helder" */
  const char *path;             /* API collection /api/v1/PATH; NULL: plural with - for _ */
  const char *read_permission;  /* NULL: "PATH.read" */
  const char *write_permission; /* NULL: "PATH.write" */
  guint read_roles;             /* HelderRole bits that hold read_permission by default */
  guint write_roles;            /* … and write_permission */
  gboolean append_only;         /* created, never changed (no PATCH, no update) */
  gboolean audited;             /* every create, update, delete goes to the audit log */
  const char *person_field;     /* REF to "person": whom a row is about, or NULL */
  HelderEraseRule erase;        /* what erasing that person does to the row */
};

const HelderEntity *const *helder_entity_all (guint *n_entities);
gboolean helder_entity_register (const HelderEntity *entity, GError **error);
void helder_entity_unregister (const HelderEntity *entity);
char *helder_entity_get_path (const HelderEntity *entity);
const char *helder_entity_get_field_domain (const HelderField *field);
char *helder_entity_get_permission (const HelderEntity *entity, gboolean write);
const HelderEntity *helder_entity_lookup (const char *name);
const HelderField *helder_entity_get_field (const HelderEntity *entity, const char *name);
const HelderField *helder_entity_get_key (const HelderEntity *entity);
const char *helder_entity_get_label (const HelderEntity *entity);

G_END_DECLS
