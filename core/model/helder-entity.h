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

G_BEGIN_DECLS

typedef enum {
  HELDER_FIELD_TEXT,      /* one line of text */
  HELDER_FIELD_MARKDOWN,  /* CommonMark, may span lines */
  HELDER_FIELD_INT,
  HELDER_FIELD_REAL,
  HELDER_FIELD_DATE,      /* YYYY-MM-DD */
  HELDER_FIELD_DATETIME,  /* ISO 8601, stored in UTC as YYYY-MM-DDTHH:MM:SSZ */
  HELDER_FIELD_ENUM,      /* one of @choices */
  HELDER_FIELD_REF,       /* the key of a row of @ref */
  HELDER_FIELD_REFS,      /* a set of keys of @ref, kept in @join */
  HELDER_FIELD_ENUMS,     /* a set of @choices, kept in @join */
} HelderFieldType;

typedef enum {
  HELDER_FIELD_REQUIRED  = 1 << 0, /* must be given on create */
  HELDER_FIELD_KEY       = 1 << 1, /* the primary key */
  HELDER_FIELD_AUTO      = 1 << 2, /* assigned by the store (integer ids) */
  HELDER_FIELD_SYSTEM    = 1 << 3, /* set by rules/services, not by add/update */
  HELDER_FIELD_FIXED     = 1 << 4, /* may be set on create, never changed */
  HELDER_FIELD_LIST      = 1 << 5, /* shown in list output */
  HELDER_FIELD_UNIQUE    = 1 << 6, /* unique among rows (case-insensitive) */
  HELDER_FIELD_PERSONAL  = 1 << 7, /* personal data (DESIGN.md §6) */
  HELDER_FIELD_EMAIL     = 1 << 8, /* TEXT: an e-mail address (helder-text.h) */
  HELDER_FIELD_CHANNELS  = 1 << 9, /* ENUM/ENUMS: the loaded delivery channels are
                                    * choices too (helder-channel-names.h) */
} HelderFieldFlags;

typedef struct _HelderEntity HelderEntity;

typedef struct {
  const char          *name;      /* JSON member and CLI option (with - for _) */
  HelderFieldType      type;
  HelderFieldFlags     flags;
  const char          *label;     /* N_() — for messages and human output */
  const char * const  *choices;   /* ENUM/ENUMS */
  const char          *ref;       /* REF/REFS: name of the entity referred to */
  const char          *join;      /* REFS/ENUMS: join table */
  const char          *join_owner;/* REFS/ENUMS: the join column that holds our key */
  const char          *join_value;/* REFS/ENUMS: the join column that holds the value */
  gint64               min;       /* INT: range, when min < max */
  gint64               max;
  gsize                max_length;/* TEXT/MARKDOWN: in bytes, 0 = default */
  const char          *def;       /* default when not given on create, as text */
} HelderField;

/**
 * HelderEntityCheck:
 * @old: the row as stored, or %NULL when it is created
 * @row: the row as it would be after the change (all members present)
 * @restore: %TRUE when a full import restores an exported row as it was
 *
 * A rule of DESIGN.md §6 that the generic type checks cannot express; it
 * sets a HELDER_ERROR that names the field and the problem.
 */
typedef gboolean (*HelderEntityCheck) (const HelderEntity  *entity,
                                       gpointer             store,
                                       JsonObject          *old,
                                       JsonObject          *row,
                                       gboolean             restore,
                                       GError             **error);

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
typedef enum {
  HELDER_ERASE_KEEP,
  HELDER_ERASE_DELETE,
  HELDER_ERASE_ANONYMISE,
} HelderEraseRule;

struct _HelderEntity {
  const char         *name;       /* "role_change" — CLI noun uses - for _ */
  const char         *plural;     /* "role_changes" — export member */
  const char         *table;
  const char         *label;      /* N_("role change") */
  const char         *order_by;   /* SQL ORDER BY for lists and export */
  const HelderField  *fields;
  guint               n_fields;
  gboolean            deletable;  /* commitments and their updates are not */
  gboolean            singleton;  /* the programme: one row, id 1 */
  HelderEntityCheck   check;

  /* What the platform derives from the descriptor (DESIGN.md §4): */
  const char         *owner;      /* NULL for core; else the plugin's module name */
  const char         *domain;     /* gettext domain of the labels; NULL: "helder" */
  const char         *path;       /* API collection /api/v1/PATH; NULL: plural with - for _ */
  const char         *read_permission;  /* NULL: "PATH.read" */
  const char         *write_permission; /* NULL: "PATH.write" */
  guint               read_roles;  /* HelderRole bits that hold read_permission by default */
  guint               write_roles; /* … and write_permission */
  gboolean            append_only; /* created, never changed (no PATCH, no update) */
  gboolean            audited;     /* every create, update, delete goes to the audit log */
  const char         *person_field;/* REF to "person": whom a row is about, or NULL */
  HelderEraseRule     erase;       /* what erasing that person does to the row */
};

const HelderEntity * const *helder_entities          (guint              *n_entities);
gboolean                    helder_entity_register   (const HelderEntity *entity,
                                                      GError            **error);
void                        helder_entity_unregister (const HelderEntity *entity);
char                       *helder_entity_get_path   (const HelderEntity *entity);
char                       *helder_entity_get_permission (const HelderEntity *entity,
                                                      gboolean            write);
const HelderEntity         *helder_entity_lookup     (const char         *name);
const HelderField          *helder_entity_get_field  (const HelderEntity *entity,
                                                      const char         *name);
const HelderField          *helder_entity_get_key    (const HelderEntity *entity);
const char                 *helder_entity_get_label  (const HelderEntity *entity);
const char                 *helder_field_get_label   (const HelderField  *field);
gboolean                    helder_field_is_stored   (const HelderField  *field);
gboolean                    helder_field_has_choice  (const HelderField  *field,
                                                      const char         *value);
GStrv                       helder_field_dup_choices (const HelderField  *field);

/* Parsing and normalising values (UTF-8, lengths, dates, choices). */
JsonNode                   *helder_field_parse_text  (const HelderField  *field,
                                                      const char         *text,
                                                      GError            **error);
JsonNode                   *helder_field_normalize   (const HelderField  *field,
                                                      JsonNode           *value,
                                                      GError            **error);
char                       *helder_field_format      (const HelderField  *field,
                                                      JsonNode           *value);

gboolean                    helder_parse_date        (const char         *text,
                                                      GDate              *date);
char                       *helder_parse_datetime    (const char         *text,
                                                      GError            **error);
void                        helder_use_language      (const char         *locale);
void                        helder_language_begin    (const char         *locale);
void                        helder_language_end      (void);
char                       *helder_date_add_days     (const char         *date,
                                                      int                 days);

G_END_DECLS
