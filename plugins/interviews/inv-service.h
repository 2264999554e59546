/* inv-service.h — the inventory: items, their sources and readiness
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items (migrations/0001-interviews.sql: inv_item) are noted by sources:
 * an interview, or the register itself (the CLI, a page, a CSV import).
 * Each note sets that source's claims on some fields; the item's columns
 * are then resolved: the register's claim decides; otherwise the value
 * every interview agrees on; where interviews disagree the column is
 * empty, `conflicts` counts it and inv_item_get() lists the values with
 * their sources. Nothing a source said is overwritten by another source.
 *
 * Every function that writes runs in the caller's transaction when one is
 * open (helder_store_in_transaction()), else in its own, and audits as
 * @actor. Errors are HELDER_ERROR_INVALID (naming the field and value),
 * HELDER_ERROR_NOT_FOUND or HELDER_ERROR_CONFLICT, translated.
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

/* The kinds of item, and their fields (the keys of a note's @fields):
 *   every kind  name, domain, description
 *   component   type (server|virtual-machine|physical-host|database|storage|
 *               network-device|workplace|cloud-service, Dutch words too),
 *               version (of its system software), supplier, owner
 *   application version, supplier, owner (the functional owner),
 *               key_users (people: a list, added to, never a conflict)
 *   coupling    from, to (items: "KIND:NAME", or a NAME that is one item),
 *               protocol, scope (internal|external), direction
 *               (one-way|two-way), owner
 *   supplier    owner (the contract manager inside)
 *   contract    supplier, subject, ends_on (a date, Dutch forms too),
 *               notice_months, owner
 *   process     owner
 * A supplier named that does not exist yet is created (as an item noted
 * by the same source); a person is a slug, e-mail address or id of a
 * person in Helder. */
extern const char *const inv_kinds[]; /* NULL-terminated */
gboolean inv_kind_check (const char *kind, GError **error);
const char *inv_kind_label (const char *kind); /* translated, singular */

/**
 * inv_item_note:
 * @interview: the source, or 0 for the register itself
 * @origin: for the register: where it came from ("helder item add",
 *   "import applicaties.csv:14"); ignored for an interview
 * @fields: field → value, as strings (key_users: an array of strings)
 * @item: (out) (optional): the item's id
 *
 * Finds the item of @kind by its name (case, accents and white space
 * aside; a coupling by from, to and protocol) or creates it, and sets what
 * this source says. A field given as "" removes this source's claim.
 */
gboolean inv_item_note (HelderStore *store,
                        const HelderAuditActor *actor,
                        gint64 interview,
                        const char *origin,
                        const char *kind,
                        const char *name,
                        JsonObject *fields,
                        gint64 *item,
                        GError **error);

/* An item by id, or by "KIND:NAME" / NAME (unique) / id as text. */
gint64 inv_item_resolve (HelderStore *store, const char *text, GError **error);

/**
 * inv_item_get:
 *
 * Returns: the item as JSON: its columns (people and items as
 *   {id, name}), "sources" [{id, interview, interview_title, origin,
 *   noted_at, claims {field: value}}], "conflicts" [{field, values:
 *   [{value, sources: [...]}]}], "missing" [fields completeness asks
 *   for], "readiness" (components), "couplings" (in and out).
 */
JsonObject *inv_item_get (HelderStore *store, gint64 item, GError **error);

/* The register's filters; every member may be NULL/0. */
typedef struct
{
  const char *kind;
  const char *domain;
  gint64 supplier;
  const char *text;    /* in the name or description, any case */
  gboolean conflicts;  /* only items whose sources disagree */
  gboolean incomplete; /* only items completeness flags */
  gint64 interview;    /* only items this interview mentioned */
} InvFilter;

/* Items with their resolved fields, "sources" (count), "missing". */
JsonArray *inv_item_list (HelderStore *store, const InvFilter *filter, GError **error);

/* Completeness: per kind, how many items lack each field it asks for
 * (component: owner, supplier, version; application: owner, supplier,
 * version; coupling: direction, owner, scope; contract: ends_on,
 * notice_months, supplier; process: owner), with the items. */
JsonObject *inv_completeness (HelderStore *store, GError **error);

/* Readiness of components: aspects "software", "ip", "virtualised",
 * "cleanup", "wave", "owner"; statuses "open", "in-progress", "done",
 * "not-applicable" (Dutch words too). @value: the wave; for cleanup
 * "remove" when the component goes rather than moves. @on_date: YYYY-MM-DD
 * or a Dutch date, NULL for none. */
extern const char *const inv_readiness_aspects[];
const char *inv_readiness_label (const char *aspect); /* translated */
gboolean inv_readiness_set (HelderStore *store,
                            const HelderAuditActor *actor,
                            gint64 component,
                            const char *aspect,
                            const char *status,
                            const char *value,
                            const char *on_date,
                            const char *note,
                            GError **error);
/* Per aspect: {aspect, label, done, applicable, missing: [{id, name,
 * status}]}: done of the components it applies to (not "not-applicable"),
 * and every component that is not done. @domain may be NULL. */
JsonArray *inv_readiness_totals (HelderStore *store, const char *domain, GError **error);

/* CSV, per kind, with the staff import's rules (a header row, English or
 * Dutch names, --map HEADER=FIELD, a dry run that lists every bad row,
 * all or nothing). */
typedef struct
{
  const char *kind;
  const char *map; /* "Header=field;…" or NULL */
  gboolean dry_run;
} InvCsvOptions;
typedef struct
{
  guint rows, added, updated, unchanged;
  GPtrArray *problems; /* char *: "apps.csv:14: column “Versie”: …" */
  GStrv ignored;       /* headers not used */
} InvCsvResult;
void inv_csv_result_clear (InvCsvResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InvCsvResult, inv_csv_result_clear)
gboolean inv_csv_import (HelderStore *store,
                         const HelderAuditActor *actor,
                         const char *data,
                         gsize length,
                         const char *origin,
                         const InvCsvOptions *options,
                         InvCsvResult *result,
                         GError **error);
char *inv_csv_export (HelderStore *store, const char *kind, GError **error);

G_END_DECLS
