/* testaddin-noun.c — a noun of the test addin, with no code but its descriptor
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A memo an advisor keeps about a person: a table of its own (its own
 * migration), its own gettext domain, read and written by the advisor,
 * audited, and about the person in `person` (erased with them). Everything
 * else — `helder memo list|show|add|update|delete`, /api/v1/memos, the
 * export and import, the audit entries — comes from the platform. (The
 * noun is not "note": the addin's older `note` command has that name.)
 *
 * Its labels are in the domain "helder-testaddin", which has no
 * translations: it exists only for the tests.
 */
#define G_LOG_DOMAIN "testaddin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "testaddin-noun.h"

#define MEMO_COMPONENT "testaddin-memo"
#define MEMO_DOMAIN    "helder-testaddin"

static const char memo_migration_1[] =
  "CREATE TABLE testaddin_memo ("
  "  id         INTEGER PRIMARY KEY,"
  "  person     INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,"
  "  text       TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX testaddin_memo_person ON testaddin_memo (person);";

static const HelderField memo_fields[] = {
  { "id", HELDER_FIELD_INT,
    HELDER_FIELD_KEY | HELDER_FIELD_AUTO | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("id") },
  { "person", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("about"),
    .ref = "person" },
  { "text", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST | HELDER_FIELD_PERSONAL,
    N_ ("memo text") },
  { "created_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("created") },
  { "updated_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("updated") },
};

static const HelderEntity memo_entity = {
  .name = "memo",
  .plural = "memos",
  .table = "testaddin_memo",
  .label = N_ ("memo"),
  .order_by = "id",
  .fields = memo_fields,
  .n_fields = G_N_ELEMENTS (memo_fields),
  .deletable = TRUE,
  .owner = "testaddin",
  .domain = MEMO_DOMAIN,
  .read_roles = HELDER_ROLE_ADVISOR,
  .write_roles = HELDER_ROLE_ADVISOR,
  .audited = TRUE,
  .person_field = "person",
  .erase = HELDER_ERASE_DELETE,
};

/* From the addin's load: the table, then the noun. */
void
testaddin_noun_load (HelderContext *context)
{
  g_autoptr (GError) error = NULL;

  helder_context_add_migration (context, MEMO_COMPONENT, 1, memo_migration_1);
  if (!helder_context_add_entity (context, &memo_entity, &error))
    g_warning ("testaddin: %s", error->message);
}
