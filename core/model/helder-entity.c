/* helder-entity.c — the descriptors of every noun, and value parsing
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-entity"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "helder-role.h"
#include "helder-entity.h"
#include "helder-channel-names.h"
#include "helder-rules.h"

#define TEXT_MAX     500
#define MARKDOWN_MAX (100 * 1024)
#define SLUG_MAX     64

static const char *const group_kinds[] = { "internal", "external", NULL };
static const char *const role_kinds[] = { "current", "regie", "supplier", NULL };
static const char *const role_fates[] = { "continues", "changes", "lapses", "new", NULL };
static const char *const locales[] = { "nl", "en", NULL };
/* "default": weekly for the organisation's own people, off for external
 * people (helder-personal.h, HELDER_PERSON_EXTERNAL_SQL); the others are
 * a person's own choice. */
static const char *const digests[] = { "default", "weekly", "off", NULL };
static const char *const change_statuses[] = { "draft",    "decided",   "discussed",
                                               "accepted", "objection", NULL };
static const char *const commitment_statuses[] = { "open", "kept", "broken", "withdrawn", NULL };
static const char *const moment_statuses[] = { "draft", "approved", "sent", "cancelled", NULL };
static const char *const placement_statuses[] = { "intended", "confirmed", "withdrawn", NULL };
/* Besides the channels of the loaded plugins (HELDER_FIELD_CHANNELS): a
 * moment that is a meeting is core's own. */
static const char *const moment_channels[] = { "meeting", NULL };
static const char *const gate_decisions[] = { "go", "nogo", "postponed", NULL };
static const char *const criterion_statuses[] = { "open", "met", "failed", NULL };
static const char *const measure_states[] = { "met", "failed", "unclear", NULL };

#define F_KEY_SLUG                                                                       \
  {                                                                                      \
    "slug", HELDER_FIELD_TEXT,                                                           \
      HELDER_FIELD_KEY | HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, \
      N_ ("slug"), .max_length = SLUG_MAX                                                \
  }
#define F_KEY_ID                                                                               \
  {                                                                                            \
    "id", HELDER_FIELD_INT,                                                                    \
      HELDER_FIELD_KEY | HELDER_FIELD_AUTO | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("id") \
  }
#define F_TIMESTAMPS                                                            \
  { "created_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("created") }, \
  {                                                                             \
    "updated_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("updated")    \
  }

static const HelderField programme_fields[] = {
  { "name", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("name") },
  { "organisation", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, N_ ("organisation"), .def = "" },
  { "starts_on", HELDER_FIELD_DATE, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("start") },
  { "ends_on", HELDER_FIELD_DATE, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("planned end") },
  { "time_zone", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, N_ ("time zone"),
    .def = HELDER_DEFAULT_TIME_ZONE, .max_length = 64 },
  F_TIMESTAMPS,
};

static const HelderField phase_fields[] = {
  { "key", HELDER_FIELD_TEXT,
    HELDER_FIELD_KEY | HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("key"),
    .max_length = SLUG_MAX },
  { "name", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("name") },
  { "position", HELDER_FIELD_INT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("position"),
    .min = 1, .max = 100 },
  { "starts_on", HELDER_FIELD_DATE, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("start") },
  { "ends_on", HELDER_FIELD_DATE, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("end") },
  { "description", HELDER_FIELD_MARKDOWN, 0, N_ ("description"), .def = "" },
  F_TIMESTAMPS,
};

static const HelderField group_fields[] = {
  F_KEY_SLUG,
  { "name", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("name") },
  { "kind", HELDER_FIELD_ENUM, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("kind"),
    group_kinds },
  { "description", HELDER_FIELD_MARKDOWN, 0, N_ ("description"), .def = "" },
  { "influence", HELDER_FIELD_INT, HELDER_FIELD_LIST, N_ ("influence"), .min = 1, .max = 5,
    .def = "3" },
  { "interest", HELDER_FIELD_INT, HELDER_FIELD_LIST, N_ ("interest"), .min = 1, .max = 5,
    .def = "3" },
  F_TIMESTAMPS,
};

static const HelderField role_fields[] = {
  F_KEY_SLUG,
  { "name", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("name") },
  { "description", HELDER_FIELD_MARKDOWN, 0, N_ ("description"), .def = "" },
  { "kind", HELDER_FIELD_ENUM, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("kind"), role_kinds },
  { "fate", HELDER_FIELD_ENUM, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("fate"), role_fates },
  { "fte", HELDER_FIELD_REAL, HELDER_FIELD_LIST, N_ ("FTE") },
  F_TIMESTAMPS,
};

static const HelderField person_fields[] = {
  F_KEY_ID,
  { "name", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST | HELDER_FIELD_PERSONAL,
    N_ ("name") },
  { "email", HELDER_FIELD_TEXT,
    HELDER_FIELD_LIST | HELDER_FIELD_UNIQUE | HELDER_FIELD_PERSONAL | HELDER_FIELD_EMAIL,
    N_ ("e-mail") },
  { "locale", HELDER_FIELD_ENUM, 0, N_ ("language"), locales, .def = "nl" },
  { "organisation", HELDER_FIELD_TEXT, 0, N_ ("organisation"), .def = "" },
  { "groups", HELDER_FIELD_REFS, HELDER_FIELD_LIST, N_ ("groups"), .ref = "group",
    .join = "person_group", .join_owner = "person", .join_value = "grp" },
  { "role", HELDER_FIELD_REF, HELDER_FIELD_LIST, N_ ("role"), .ref = "role" },
  { "manager", HELDER_FIELD_REF, 0, N_ ("manager"), .ref = "person" },
  { "channels", HELDER_FIELD_ENUMS, HELDER_FIELD_CHANNELS, N_ ("channels"), NULL,
    .join = "person_channel", .join_owner = "person", .join_value = "channel" },
  { "digest", HELDER_FIELD_ENUM, 0, N_ ("digest"), digests, .def = "default" },
  F_TIMESTAMPS,
};

static const HelderField role_change_fields[] = {
  F_KEY_ID,
  { "person", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("person"), .ref = "person" },
  { "from_role", HELDER_FIELD_REF, HELDER_FIELD_LIST, N_ ("from role"), .ref = "role" },
  { "to_role", HELDER_FIELD_REF, HELDER_FIELD_LIST, N_ ("to role"), .ref = "role" },
  { "decision_expected", HELDER_FIELD_DATE, 0, N_ ("decision expected") },
  { "effective_on", HELDER_FIELD_DATE, HELDER_FIELD_LIST, N_ ("effective") },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_LIST, N_ ("status"), change_statuses,
    .def = "draft" },
  { "changes", HELDER_FIELD_MARKDOWN, HELDER_FIELD_PERSONAL, N_ ("what changes"), .def = "" },
  { "contact", HELDER_FIELD_REF, 0, N_ ("contact person"), .ref = "person" },
  F_TIMESTAMPS,
};

static const HelderField commitment_fields[] = {
  F_KEY_ID,
  { "text", HELDER_FIELD_MARKDOWN, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("promise") },
  { "made_by", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED, N_ ("made by") },
  { "made_on", HELDER_FIELD_DATE, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED, N_ ("made on") },
  { "due_on", HELDER_FIELD_DATE, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("due") },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_SYSTEM | HELDER_FIELD_LIST, N_ ("status"),
    commitment_statuses, .def = "open" },
  { "groups", HELDER_FIELD_REFS, HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("made to groups"),
    .ref = "group", .join = "commitment_group", .join_owner = "commitment", .join_value = "grp" },
  { "persons", HELDER_FIELD_REFS, HELDER_FIELD_FIXED, N_ ("made to persons"), .ref = "person",
    .join = "commitment_person", .join_owner = "commitment", .join_value = "person" },
  F_TIMESTAMPS,
};

static const HelderField commitment_update_fields[] = {
  F_KEY_ID,
  { "commitment", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("commitment"), .ref = "commitment" },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("status"),
    commitment_statuses },
  { "note", HELDER_FIELD_MARKDOWN, HELDER_FIELD_FIXED | HELDER_FIELD_LIST, N_ ("note"), .def = "" },
  { "evidence_url", HELDER_FIELD_TEXT, HELDER_FIELD_FIXED, N_ ("evidence"), .def = "",
    .max_length = 500 },
  { "author", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("author") },
  F_TIMESTAMPS,
};

static const HelderField moment_fields[] = {
  F_KEY_ID,
  { "title", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("title") },
  { "body", HELDER_FIELD_MARKDOWN, 0, N_ ("body"), .def = "" },
  { "title_en", HELDER_FIELD_TEXT, 0, N_ ("title in English"), .def = "" },
  { "body_en", HELDER_FIELD_MARKDOWN, 0, N_ ("body in English"), .def = "" },
  { "phase", HELDER_FIELD_REF, 0, N_ ("phase"), .ref = "phase" },
  { "scheduled_at", HELDER_FIELD_DATETIME, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST,
    N_ ("scheduled") },
  { "duration_minutes", HELDER_FIELD_INT, 0, N_ ("duration in minutes"), .min = 5, .max = 1440,
    .def = "60" },
  { "location", HELDER_FIELD_TEXT, 0, N_ ("place"), .def = "", .max_length = 200 },
  { "online_url", HELDER_FIELD_TEXT, 0, N_ ("online link"), .def = "", .max_length = 500 },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_LIST, N_ ("status"), moment_statuses,
    .def = "draft" },
  { "author", HELDER_FIELD_TEXT, 0, N_ ("author"), .def = "" },
  { "supersedes", HELDER_FIELD_REF, HELDER_FIELD_SYSTEM, N_ ("supersedes"), .ref = "moment" },
  { "channels", HELDER_FIELD_ENUMS, HELDER_FIELD_LIST | HELDER_FIELD_CHANNELS, N_ ("channels"),
    moment_channels, .join = "moment_channel", .join_owner = "moment", .join_value = "channel" },
  { "groups", HELDER_FIELD_REFS, 0, N_ ("audience groups"), .ref = "group", .join = "moment_group",
    .join_owner = "moment", .join_value = "grp" },
  { "roles", HELDER_FIELD_REFS, 0, N_ ("audience roles"), .ref = "role", .join = "moment_role",
    .join_owner = "moment", .join_value = "role" },
  { "persons", HELDER_FIELD_REFS, 0, N_ ("audience persons"), .ref = "person",
    .join = "moment_person", .join_owner = "moment", .join_value = "person" },
  { "statuses", HELDER_FIELD_ENUMS, 0, N_ ("audience by role-change status"), change_statuses,
    .join = "moment_status", .join_owner = "moment", .join_value = "status" },
  /* "NAME:ARGUMENT": a plugin's filter narrows the audience when the
   * moment is sent (services/views/helder-audience-filter.h); set by the
   * plugin that creates the moment, not by hand. */
  { "audience_filter", HELDER_FIELD_TEXT, HELDER_FIELD_SYSTEM, N_ ("audience filter"),
    .max_length = 500 },
  F_TIMESTAMPS,
};

/* A personal conversation: one person's own time in a meeting. */
static const HelderField moment_slot_fields[] = {
  F_KEY_ID,
  { "moment", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("meeting"), .ref = "moment" },
  { "person", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("person"), .ref = "person" },
  { "starts_at", HELDER_FIELD_DATETIME, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("starts") },
  { "ends_at", HELDER_FIELD_DATETIME, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("ends") },
  { "with_whom", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, N_ ("with whom"), .def = "",
    .max_length = 200 },
  F_TIMESTAMPS,
};

static const HelderField gate_fields[] = {
  F_KEY_SLUG,
  { "name", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("name") },
  { "phase", HELDER_FIELD_REF, HELDER_FIELD_LIST, N_ ("phase"), .ref = "phase" },
  { "decide_on", HELDER_FIELD_DATE, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST,
    N_ ("decision date") },
  { "decision", HELDER_FIELD_ENUM, HELDER_FIELD_SYSTEM | HELDER_FIELD_LIST, N_ ("decision"),
    gate_decisions },
  { "rationale", HELDER_FIELD_MARKDOWN, HELDER_FIELD_SYSTEM, N_ ("rationale") },
  { "decided_by", HELDER_FIELD_TEXT, HELDER_FIELD_SYSTEM, N_ ("decided by") },
  { "decided_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("decided at") },
  { "override_note", HELDER_FIELD_MARKDOWN, HELDER_FIELD_SYSTEM, N_ ("override note") },
  { "groups", HELDER_FIELD_REFS, 0, N_ ("affected groups"), .ref = "group", .join = "gate_group",
    .join_owner = "gate", .join_value = "grp" },
  F_TIMESTAMPS,
};

static const HelderField criterion_fields[] = {
  F_KEY_ID,
  { "gate", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("gate"), .ref = "gate" },
  { "text", HELDER_FIELD_TEXT, HELDER_FIELD_REQUIRED | HELDER_FIELD_LIST, N_ ("criterion") },
  { "owner", HELDER_FIELD_TEXT, HELDER_FIELD_LIST, N_ ("owner"), .def = "" },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_LIST, N_ ("status"), criterion_statuses,
    .def = "open" },
  { "note", HELDER_FIELD_MARKDOWN, 0, N_ ("note"), .def = "" },
  /* A computed criterion: a plugin's measure (services/repo/helder-gate-measure.h)
   * sets its status and the four that follow. */
  { "measure", HELDER_FIELD_TEXT, HELDER_FIELD_FIXED, N_ ("measure"), .max_length = 100 },
  { "measure_arg", HELDER_FIELD_TEXT, HELDER_FIELD_FIXED, N_ ("measure argument"),
    .max_length = 500 },
  { "measure_state", HELDER_FIELD_ENUM, HELDER_FIELD_SYSTEM, N_ ("measured"), measure_states },
  { "measure_value", HELDER_FIELD_TEXT, HELDER_FIELD_SYSTEM, N_ ("measured value"),
    .max_length = 1000 },
  { "measure_source", HELDER_FIELD_TEXT, HELDER_FIELD_SYSTEM, N_ ("source of the measure"),
    .max_length = 2000 },
  { "measure_link", HELDER_FIELD_TEXT, HELDER_FIELD_SYSTEM, N_ ("details of the measure"),
    .max_length = 1000 },
  { "measured_at", HELDER_FIELD_DATETIME, HELDER_FIELD_SYSTEM, N_ ("measured at") },
  F_TIMESTAMPS,
};

/* HR's record of which person is intended for which new (regie) role. */
static const HelderField placement_fields[] = {
  F_KEY_ID,
  { "role", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("role"), .ref = "role" },
  { "person", HELDER_FIELD_REF, HELDER_FIELD_REQUIRED | HELDER_FIELD_FIXED | HELDER_FIELD_LIST,
    N_ ("person"), .ref = "person" },
  { "status", HELDER_FIELD_ENUM, HELDER_FIELD_LIST, N_ ("status"), placement_statuses,
    .def = "intended" },
  { "note", HELDER_FIELD_MARKDOWN, HELDER_FIELD_PERSONAL, N_ ("note"), .def = "" },
  F_TIMESTAMPS,
};

#define ENTITY(n, p, t, l, o, f, ...)                                           \
  {                                                                             \
    .name = n, .plural = p, .table = t, .label = l, .order_by = o, .fields = f, \
    .n_fields = G_N_ELEMENTS (f), __VA_ARGS__                                   \
  }

static const HelderEntity entities[] = {
  ENTITY ("programme",
          "programme",
          "programme",
          N_ ("programme"),
          "id",
          programme_fields,
          .singleton = TRUE,
          .check = helder_rules_check_programme,
          .read_roles = HELDER_ROLES_STAFF,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("phase",
          "phases",
          "phase",
          N_ ("phase"),
          "position, key",
          phase_fields,
          .deletable = TRUE,
          .check = helder_rules_check_phase,
          .audited = TRUE,
          .read_roles = HELDER_ROLES_STAFF,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("group",
          "groups",
          "stakeholder_group",
          N_ ("group"),
          "slug",
          group_fields,
          .deletable = TRUE,
          .audited = TRUE,
          .read_roles = HELDER_ROLES_STAFF,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("role",
          "roles",
          "role",
          N_ ("role"),
          "slug",
          role_fields,
          .deletable = TRUE,
          .check = helder_rules_check_role,
          .audited = TRUE,
          .read_roles = HELDER_ROLES_STAFF,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("person",
          "people",
          "person",
          N_ ("person"),
          "id",
          person_fields,
          .deletable = TRUE,
          .check = helder_rules_check_person,
          .person_field = "id",
          .erase = HELDER_ERASE_DELETE,
          .audited = TRUE,
          .read_roles = HELDER_ROLES_STAFF,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("role_change",
          "role_changes",
          "role_change",
          N_ ("role change"),
          "id",
          role_change_fields,
          .deletable = TRUE,
          .check = helder_rules_check_role_change,
          .person_field = "person",
          .erase = HELDER_ERASE_DELETE,
          .audited = TRUE,
          .read_roles = HELDER_ROLES_STAFF,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("commitment",
          "commitments",
          "commitment",
          N_ ("commitment"),
          "id",
          commitment_fields,
          .check = helder_rules_check_commitment,
          .audited = TRUE,
          .read_roles = HELDER_ROLE_ADVISOR,
          .write_roles = HELDER_ROLE_ADVISOR,
          .append_only = TRUE),
  ENTITY ("commitment_update",
          "commitment_updates",
          "commitment_update",
          N_ ("commitment update"),
          "id",
          commitment_update_fields,
          .check = helder_rules_check_commitment_update,
          .audited = TRUE,
          .read_roles = HELDER_ROLE_ADVISOR,
          .write_roles = HELDER_ROLE_ADVISOR,
          .append_only = TRUE),
  ENTITY ("moment",
          "moments",
          "moment",
          N_ ("moment"),
          "scheduled_at, id",
          moment_fields,
          .deletable = TRUE,
          .check = helder_rules_check_moment,
          .audited = TRUE,
          .read_roles = HELDER_ROLE_ADVISOR,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("moment_slot",
          "moment_slots",
          "moment_slot",
          N_ ("meeting slot"),
          "moment, starts_at, id",
          moment_slot_fields,
          .deletable = TRUE,
          .check = helder_rules_check_moment_slot,
          .person_field = "person",
          .erase = HELDER_ERASE_DELETE,
          .audited = TRUE,
          .read_roles = HELDER_ROLE_ADVISOR,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("gate",
          "gates",
          "gate",
          N_ ("gate"),
          "decide_on, slug",
          gate_fields,
          .deletable = TRUE,
          .check = helder_rules_check_gate,
          .audited = TRUE,
          .read_roles = HELDER_ROLE_ADVISOR,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("criterion",
          "gate_criteria",
          "gate_criterion",
          N_ ("gate criterion"),
          "gate, id",
          criterion_fields,
          .deletable = TRUE,
          .check = helder_rules_check_criterion,
          .path = "criteria",
          .audited = TRUE,
          .read_roles = HELDER_ROLE_ADVISOR,
          .write_roles = HELDER_ROLE_ADVISOR),
  ENTITY ("placement",
          "placements",
          "placement",
          N_ ("placement"),
          "role, id",
          placement_fields,
          .deletable = TRUE,
          .check = helder_rules_check_placement,
          .person_field = "person",
          .erase = HELDER_ERASE_DELETE,
          .audited = TRUE,
          .read_roles = HELDER_ROLES_STAFF,
          .write_roles = HELDER_ROLES_STAFF),
};

/* Core's entities, then the registered ones in the order they came:
 * NULL-terminated, rebuilt on every change. Plugins register while the
 * engine loads, before any thread runs. */
static GPtrArray *entity_list;
static GHashTable *entity_uses; /* registered entity → how many registered it */

static void
ensure_entity_list (void)
{
  if (entity_list != NULL)
    return;
  entity_list = g_ptr_array_new ();
  entity_uses = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    g_ptr_array_add (entity_list, (gpointer) &entities[i]);
  g_ptr_array_add (entity_list, NULL);
}

/**
 * helder_entity_all:
 *
 * Returns: the entities in dependency order, core's first and then the
 *   registered ones: an entity only refers to entities before it (or to
 *   itself), so an import can follow this order. The array ends with
 *   %NULL and is valid until an entity is registered or unregistered.
 */
const HelderEntity *const *
helder_entity_all (guint *n_entities)
{
  ensure_entity_list ();
  if (n_entities != NULL)
    *n_entities = entity_list->len - 1;
  return (const HelderEntity *const *) entity_list->pdata;
}

const HelderEntity *
helder_entity_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  ensure_entity_list ();
  for (guint i = 0; i + 1 < entity_list->len; i++)
    {
      const HelderEntity *entity = g_ptr_array_index (entity_list, i);

      if (g_str_equal (entity->name, name) || g_str_equal (entity->plural, name))
        return entity;
    }
  return NULL;
}

/**
 * helder_entity_register:
 * @entity: (transfer none): a descriptor that lives until it is
 *   unregistered, with @owner set to the plugin's module name
 *
 * Adds a plugin's noun: the repository, the CLI, the API, export and
 * import, audit and erasure then know it (DESIGN.md §4). Its name, plural
 * and table must be new, and what its fields refer to must be known.
 *
 * Returns: %FALSE with %HELDER_ERROR_CONFLICT or %HELDER_ERROR_INVALID
 */
gboolean
helder_entity_register (const HelderEntity *entity, GError **error)
{
  g_return_val_if_fail (entity != NULL && entity->name != NULL && entity->plural != NULL, FALSE);
  g_return_val_if_fail (entity->table != NULL && entity->fields != NULL, FALSE);

  ensure_entity_list ();
  /* The same descriptor again: a second context loads the same plugin
   * (tests run a server and a CLI side by side). Counted, so that the
   * noun stays until the last of them unregisters it. */
  if (g_ptr_array_find (entity_list, entity, NULL))
    {
      g_hash_table_insert (
        entity_uses, (gpointer) entity,
        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (entity_uses, entity)) + 1));
      return TRUE;
    }
  for (guint i = 0; i + 1 < entity_list->len; i++)
    {
      const HelderEntity *other = g_ptr_array_index (entity_list, i);

      if (g_str_equal (other->name, entity->name) || g_str_equal (other->plural, entity->plural) ||
          g_str_equal (other->name, entity->plural) || g_str_equal (other->plural, entity->name) ||
          g_str_equal (other->table, entity->table))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                       _ ("the noun “%s” of %s clashes with “%s” of %s"), entity->name,
                       entity->owner ? entity->owner : "core", other->name,
                       other->owner ? other->owner : "core");
          return FALSE;
        }
    }
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const HelderField *field = &entity->fields[i];

      if ((field->type == HELDER_FIELD_REF || field->type == HELDER_FIELD_REFS) &&
          !g_str_equal (field->ref, entity->name) && helder_entity_lookup (field->ref) == NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("the noun “%s” of %s: field “%s” refers to “%s”, which is not known"),
                       entity->name, entity->owner ? entity->owner : "core", field->name,
                       field->ref);
          return FALSE;
        }
    }
  g_ptr_array_insert (entity_list, entity_list->len - 1, (gpointer) entity);
  g_hash_table_insert (entity_uses, (gpointer) entity, GUINT_TO_POINTER (1));
  return TRUE;
}

/**
 * helder_entity_unregister:
 *
 * Removes a registered noun again; its table and rows stay in the store.
 */
void
helder_entity_unregister (const HelderEntity *entity)
{
  guint uses;

  ensure_entity_list ();
  uses = GPOINTER_TO_UINT (g_hash_table_lookup (entity_uses, entity));
  if (uses > 1)
    {
      g_hash_table_insert (entity_uses, (gpointer) entity, GUINT_TO_POINTER (uses - 1));
      return;
    }
  g_hash_table_remove (entity_uses, entity);
  for (guint i = G_N_ELEMENTS (entities); i + 1 < entity_list->len; i++)
    if (g_ptr_array_index (entity_list, i) == entity)
      {
        g_ptr_array_remove_index (entity_list, i);
        return;
      }
}

/**
 * helder_entity_get_path:
 *
 * Returns: (transfer full): the entity's collection in the API and its
 *   permissions: "role-changes" for role_changes
 */
char *
helder_entity_get_path (const HelderEntity *entity)
{
  if (entity->path != NULL)
    return g_strdup (entity->path);
  return g_strdelimit (g_strdup (entity->plural), "_", '-');
}

/**
 * helder_entity_get_permission:
 * @write: %TRUE for the permission to change rows, %FALSE to read them
 *
 * Returns: (transfer full): "people.read", "role-changes.write", or the
 *   entity's own name for it
 */
char *
helder_entity_get_permission (const HelderEntity *entity, gboolean write)
{
  g_autofree char *path = NULL;

  if (write && entity->write_permission != NULL)
    return g_strdup (entity->write_permission);
  if (!write && entity->read_permission != NULL)
    return g_strdup (entity->read_permission);
  path = helder_entity_get_path (entity);
  return g_strconcat (path, write ? ".write" : ".read", NULL);
}

/**
 * helder_entity_get_field_domain:
 *
 * Returns: (nullable): the gettext domain of a field's label: that of the
 *   registered entity it is in; %NULL for core's
 */
const char *
helder_entity_get_field_domain (const HelderField *field)
{
  ensure_entity_list ();
  for (guint i = G_N_ELEMENTS (entities); i + 1 < entity_list->len; i++)
    {
      const HelderEntity *entity = g_ptr_array_index (entity_list, i);

      if (field >= entity->fields && field < entity->fields + entity->n_fields)
        return entity->domain;
    }
  return NULL;
}

const HelderField *
helder_entity_get_field (const HelderEntity *entity, const char *name)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (g_str_equal (entity->fields[i].name, name))
      return &entity->fields[i];
  return NULL;
}

const HelderField *
helder_entity_get_key (const HelderEntity *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].flags & HELDER_FIELD_KEY)
      return &entity->fields[i];
  return NULL;
}

const char *
helder_entity_get_label (const HelderEntity *entity)
{
  if (entity->domain != NULL)
    return g_dgettext (entity->domain, entity->label);
  return _ (entity->label);
}
