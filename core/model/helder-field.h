/* helder-field.h — one field of a noun: its type, and its values checked
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  HELDER_FIELD_TEXT,     /* one line of text */
  HELDER_FIELD_MARKDOWN, /* CommonMark, may span lines */
  HELDER_FIELD_INT,
  HELDER_FIELD_REAL,
  HELDER_FIELD_DATE,     /* YYYY-MM-DD */
  HELDER_FIELD_DATETIME, /* ISO 8601, stored in UTC as YYYY-MM-DDTHH:MM:SSZ */
  HELDER_FIELD_ENUM,     /* one of @choices */
  HELDER_FIELD_REF,      /* the key of a row of @ref */
  HELDER_FIELD_REFS,     /* a set of keys of @ref, kept in @join */
  HELDER_FIELD_ENUMS,    /* a set of @choices, kept in @join */
} HelderFieldType;

typedef enum
{
  HELDER_FIELD_REQUIRED = 1 << 0, /* must be given on create */
  HELDER_FIELD_KEY = 1 << 1,      /* the primary key */
  HELDER_FIELD_AUTO = 1 << 2,     /* assigned by the store (integer ids) */
  HELDER_FIELD_SYSTEM = 1 << 3,   /* set by rules/services, not by add/update */
  HELDER_FIELD_FIXED = 1 << 4,    /* may be set on create, never changed */
  HELDER_FIELD_LIST = 1 << 5,     /* shown in list output */
  HELDER_FIELD_UNIQUE = 1 << 6,   /* unique among rows (case-insensitive) */
  HELDER_FIELD_PERSONAL = 1 << 7, /* personal data (DESIGN.md §6) */
  HELDER_FIELD_EMAIL = 1 << 8,    /* TEXT: an e-mail address (helder-text.h) */
  HELDER_FIELD_CHANNELS = 1 << 9, /* ENUM/ENUMS: the loaded delivery channels are
                                   * choices too (helder-channel-names.h) */
} HelderFieldFlags;

typedef struct _HelderEntity HelderEntity;

typedef struct
{
  const char *name; /* JSON member and CLI option (with - for _) */
  HelderFieldType type;
  HelderFieldFlags flags;
  const char *label;          /* N_() — for messages and human output */
  const char *const *choices; /* ENUM/ENUMS */
  const char *ref;            /* REF/REFS: name of the entity referred to */
  const char *join;           /* REFS/ENUMS: join table */
  const char *join_owner;     /* REFS/ENUMS: the join column that holds our key */
  const char *join_value;     /* REFS/ENUMS: the join column that holds the value */
  gint64 min;                 /* INT: range, when min < max */
  gint64 max;
  gsize max_length; /* TEXT/MARKDOWN: in bytes, 0 = default */
  const char *def;  /* default when not given on create, as text */
} HelderField;

/* Labels, choices, and parsing and normalising values (UTF-8, lengths,
 * dates, choices): helder-field.c. */
const char *helder_field_get_label (const HelderField *field);
gboolean helder_field_is_stored (const HelderField *field);
gboolean helder_field_has_choice (const HelderField *field, const char *value);
GStrv helder_field_dup_choices (const HelderField *field);
const char *helder_field_choice_label (const HelderField *field, const char *choice);
char *helder_field_choice_from_text (const HelderField *field, const char *text);
JsonNode *helder_field_parse_text (const HelderField *field, const char *text, GError **error);
JsonNode *helder_field_normalize (const HelderField *field, JsonNode *value, GError **error);
char *helder_field_format (const HelderField *field, JsonNode *value);

G_END_DECLS
