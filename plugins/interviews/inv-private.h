/* inv-private.h — what the inventory's own files share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inventory's service (inv-service.h) is built from small files:
 * inv-fields.c (which fields a kind has, parsing typed values into the
 * text a claim keeps), inv-item.c (noting and resolving), inv-read.c
 * (get, list, completeness), inv-readiness.c, inv-csv.c, inv-gate.c,
 * inv-nouns.c, inv-cli*.c and inv-demo.c.
 */
#pragma once

#include "inv-service.h"

G_BEGIN_DECLS

/* inv-fields.c */
/* The fields a note of @kind may set (NULL-terminated; key_users last). */
const char *const *inv_fields_of (const char *kind);
gboolean inv_field_known (const char *kind, const char *field);
const char *inv_field_label (const char *field); /* translated */
/* The fields completeness asks of @kind (NULL-terminated, maybe empty). */
const char *const *inv_fields_required (const char *kind);
/* A kind, field, readiness aspect or status typed in English or Dutch →
 * its key, or NULL. */
const char *inv_kind_parse (const char *text);
const char *inv_field_parse (const char *text);
const char *inv_aspect_parse (const char *text);
const char *inv_status_parse (const char *text);
const char *inv_status_label (const char *status); /* translated */
/* A typed value of @field (not supplier, from, to, key_users) → the text a
 * claim keeps; NULL with HELDER_ERROR_INVALID naming field and value. */
char *inv_field_normalise (HelderStore *store, const char *field, const char *text, GError **error);
/* A date as people type it (2027-12-31, 31-12-2027, 31/12/2027,
 * 31 december 2027) → YYYY-MM-DD, or NULL. */
char *inv_date_parse (const char *text);
/* The folded name: case, accents and all white space aside. */
char *inv_match_fold (const char *name);
/* A person as typed (id, e-mail, name) → id; the error names @field. */
gboolean inv_person_resolve (HelderStore *store,
                             const char *field,
                             const char *text,
                             gint64 *person,
                             GError **error);

/* inv-item.c */
/* Recomputes @item's columns and conflicts from its claims. */
gboolean inv_item_resolve_columns (HelderStore *store, gint64 item, GError **error);
/* inv_item_note(), telling whether the item was created and whether the
 * note changed anything. */
gboolean inv_item_note_full (HelderStore *store,
                             const HelderAuditActor *actor,
                             gint64 interview,
                             const char *origin,
                             const char *kind,
                             const char *name,
                             JsonObject *fields,
                             gint64 *item,
                             gboolean *created,
                             gboolean *changed,
                             GError **error);
gboolean
inv_item_delete (HelderStore *store, const HelderAuditActor *actor, gint64 item, GError **error);
gboolean inv_audit (HelderStore *store,
                    const HelderAuditActor *actor,
                    const char *action,
                    const char *entity,
                    gint64 record,
                    const char *detail,
                    GError **error);

/* inv-read.c */
/* The register's rows (inv_item_list()), or the one row of item @id. */
JsonArray *inv_read_rows (HelderStore *store, const InvFilter *filter, gint64 id, GError **error);
/* The name of item @id, or NULL. */
char *inv_item_name (HelderStore *store, gint64 id);
/* What completeness asks that @item lacks (field keys), from its row. */
JsonArray *inv_item_missing (HelderStore *store, gint64 item, GError **error);

/* inv-readiness.c: the argument of the gate measure "readiness". */
typedef struct
{
  const char *aspect; /* a key of inv_readiness_aspects */
  char *domain;       /* or NULL */
  double min;         /* percent, default 100 */
} InvReadinessArg;
void inv_readiness_arg_clear (InvReadinessArg *arg);
gboolean inv_readiness_arg_parse (const char *argument, InvReadinessArg *arg, GError **error);

/* The parts' registrations. */
void inv_nouns_register (HelderContext *context);
void inv_gate_register (HelderContext *context);
void inv_cli_register (HelderContext *context);
void inv_demo_register (HelderContext *context);

/* inv-cli*.c */
gboolean inv_cli_item (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean inv_cli_show (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean inv_cli_list (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean inv_cli_completeness (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean inv_cli_import (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean inv_cli_export (HelderInvocation *inv, int argc, char **argv, GError **error);
gboolean inv_cli_readiness (HelderInvocation *inv, int argc, char **argv, GError **error);
void inv_cli_print_object (JsonObject *object);

G_END_DECLS
