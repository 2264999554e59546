/* helder-rules.c — the rules of DESIGN.md §6 that types alone cannot express
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each check sees the row as stored (@old, NULL on create) and as it would
 * become (@row, complete). It refuses with a message that names the field.
 * @restore is set when a full import puts an exported row back as it was:
 * then only the static rules apply, not the transitions.
 */
#define G_LOG_DOMAIN "helder-rules"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "helder-rules.h"
#include "store/helder-store.h"

static const char *
str (JsonObject *row, const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
changed (JsonObject *old, JsonObject *row, const char *member)
{
  JsonNode *a = json_object_get_member (old, member);
  JsonNode *b = json_object_get_member (row, member);

  if (a == NULL || b == NULL)
    return a != b;
  return !json_node_equal (a, b);
}

static gboolean
check_span (JsonObject *row, const char *from, const char *to, GError **error)
{
  const char *a = str (row, from);
  const char *b = str (row, to);

  if (a != NULL && b != NULL && g_strcmp0 (b, a) < 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, to, _ ("%s: %s lies before %s (%s)"), to, b,
                        from, a);
      return FALSE;
    }
  return TRUE;
}

gboolean
helder_rules_check_programme (const HelderEntity *entity,
                              gpointer store,
                              JsonObject *old,
                              JsonObject *row,
                              gboolean restore,
                              GError **error)
{
  const char *zone = str (row, "time_zone");

  if (zone != NULL && !helder_clock_check_zone (zone, error))
    {
      helder_error_prefix_field (error, "time_zone", "time_zone: ");
      return FALSE;
    }
  return check_span (row, "starts_on", "ends_on", error);
}

gboolean
helder_rules_check_phase (const HelderEntity *entity,
                          gpointer store,
                          JsonObject *old,
                          JsonObject *row,
                          gboolean restore,
                          GError **error)
{
  return check_span (row, "starts_on", "ends_on", error);
}

gboolean
helder_rules_check_role (const HelderEntity *entity,
                         gpointer store,
                         JsonObject *old,
                         JsonObject *row,
                         gboolean restore,
                         GError **error)
{
  if (!json_object_get_null_member (row, "fte") && g_strcmp0 (str (row, "fate"), "new") != 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "fte",
                        _ ("fte: only a new role has FTE to fill (this role’s fate is “%s”)"),
                        str (row, "fate"));
      return FALSE;
    }
  return TRUE;
}

gboolean
helder_rules_check_person (const HelderEntity *entity,
                           gpointer store,
                           JsonObject *old,
                           JsonObject *row,
                           gboolean restore,
                           GError **error)
{
  JsonNode *manager = json_object_get_member (row, "manager");
  JsonNode *id = json_object_get_member (row, "id");

  if (manager != NULL && id != NULL && !JSON_NODE_HOLDS_NULL (manager) &&
      !JSON_NODE_HOLDS_NULL (id) && json_node_get_int (manager) == json_node_get_int (id))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "manager",
                        _ ("manager: a person cannot be their own manager"));
      return FALSE;
    }
  return TRUE;
}

/**
 * helder_rules_role_change_can_move:
 *
 * Status moves only forward: draft → decided → discussed → accepted or
 * objection; an objection may return to decided.
 */
gboolean
helder_rules_role_change_can_move (const char *from, const char *to)
{
  static const struct
  {
    const char *from, *to;
  } allowed[] = {
    { "draft", "decided" },       { "decided", "discussed" }, { "discussed", "accepted" },
    { "discussed", "objection" }, { "objection", "decided" },
  };

  if (g_strcmp0 (from, to) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_strcmp0 (allowed[i].from, from) == 0 && g_strcmp0 (allowed[i].to, to) == 0)
      return TRUE;
  return FALSE;
}

gboolean
helder_rules_check_role_change (const HelderEntity *entity,
                                gpointer store,
                                JsonObject *old,
                                JsonObject *row,
                                gboolean restore,
                                GError **error)
{
  const char *status = str (row, "status");

  if (json_object_get_null_member (row, "to_role") &&
      json_object_get_null_member (row, "decision_expected"))
    {
      helder_error_set (
        error, HELDER_ERROR_INVALID, "decision_expected",
        _ (
          "decision_expected: the future role is not decided yet, so say when the decision is expected"));
      return FALSE;
    }

  if (restore)
    return TRUE;

  if (old == NULL && g_strcmp0 (status, "draft") != 0 && g_strcmp0 (status, "decided") != 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "status",
                        _ ("status: a new role change starts as draft or decided, not %s"), status);
      return FALSE;
    }

  if (old != NULL && !helder_rules_role_change_can_move (str (old, "status"), status))
    {
      helder_error_set (
        error, HELDER_ERROR_CONFLICT, "status",
        _ (
          "status: cannot move from %s to %s (draft → decided → discussed → accepted or objection; an objection may return to decided)"),
        str (old, "status"), status);
      return FALSE;
    }
  return TRUE;
}

/**
 * helder_rules_filter_choices:
 * @field: an ENUM or ENUMS field of @entity
 *
 * Returns: the values a list of @entity may be filtered by in @field: its
 *   choices, and for a commitment's status also "late", which is not
 *   stored but is what an open promise past its due date is
 */
const char *const *
helder_rules_filter_choices (const HelderEntity *entity, const HelderField *field)
{
  static const char *const commitment_statuses[] = {
    "open", "late", "kept", "broken", "withdrawn", NULL,
  };

  if (entity->owner == NULL && g_str_equal (entity->name, "commitment") &&
      g_str_equal (field->name, "status"))
    return commitment_statuses;
  return field->choices;
}

/**
 * helder_rules_commitment_status:
 *
 * A commitment past its due date and still open is late, by definition.
 */
const char *
helder_rules_commitment_status (const char *status, const char *due_on, const char *today)
{
  if (g_strcmp0 (status, "open") == 0 && due_on != NULL && today != NULL &&
      g_strcmp0 (due_on, today) < 0)
    return "late";
  return status;
}

gboolean
helder_rules_check_commitment (const HelderEntity *entity,
                               gpointer store,
                               JsonObject *old,
                               JsonObject *row,
                               gboolean restore,
                               GError **error)
{
  if (!check_span (row, "made_on", "due_on", error))
    return FALSE;

  if (json_array_get_length (json_object_get_array_member (row, "groups")) == 0 &&
      json_array_get_length (json_object_get_array_member (row, "persons")) == 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "groups",
                        _ ("groups: say to whom the promise was made (groups and/or persons)"));
      return FALSE;
    }

  if (!restore && old == NULL && g_strcmp0 (str (row, "status"), "open") != 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "status",
                        _ ("status: a new commitment is open; record an update to change it"));
      return FALSE;
    }
  return TRUE;
}

/* A meeting's online link or a commitment update's evidence: an http:// or
 * https:// address with a host, that a calendar, a mail client and a
 * browser can open; empty when there is none. */
static gboolean
web_address_ok (const char *url)
{
  g_autoptr (GUri) uri = NULL;

  if (url == NULL || url[0] == '\0')
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL &&
         (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ||
          g_strcmp0 (g_uri_get_scheme (uri), "http") == 0) &&
         g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0' &&
         strpbrk (url, " \t\"<>") == NULL;
}

gboolean
helder_rules_check_commitment_update (const HelderEntity *entity,
                                      gpointer store,
                                      JsonObject *old,
                                      JsonObject *row,
                                      gboolean restore,
                                      GError **error)
{
  const char *status = str (row, "status");

  if ((g_strcmp0 (status, "broken") == 0 || g_strcmp0 (status, "withdrawn") == 0) &&
      blank (str (row, "note")))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "note",
                        _ ("note: a commitment that is %s needs an explanation"), status);
      return FALSE;
    }
  if (status == NULL && blank (str (row, "note")))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "note",
                        _ ("note: an update without a new status needs a note"));
      return FALSE;
    }
  if (!web_address_ok (str (row, "evidence_url")))
    {
      helder_error_set (
        error, HELDER_ERROR_INVALID, "evidence_url",
        _ (
          "evidence_url: “%s” is not an http:// or https:// address like https://intranet.example.nl/verslag"),
        str (row, "evidence_url"));
      return FALSE;
    }
  return TRUE;
}

/* A plugin's name: letters, digits, '-', '_' and '.'. */
static gboolean
plugin_name_ok (const char *name, gsize length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '-' && name[i] != '_' && name[i] != '.')
      return FALSE;
  return TRUE;
}

/**
 * helder_rules_check_criterion:
 *
 * A computed criterion (one with a measure) gets its status from its
 * measure, never by hand: it is made open and its status is not changed
 * by an update. An argument needs a measure. Whether the measure exists
 * and takes the argument the front-ends ask the registry
 * (services/repo/helder-gate-measure.h).
 */
gboolean
helder_rules_check_criterion (const HelderEntity *entity,
                              gpointer store,
                              JsonObject *old,
                              JsonObject *row,
                              gboolean restore,
                              GError **error)
{
  const char *measure = str (row, "measure");

  if (measure != NULL && !plugin_name_ok (measure, strlen (measure)))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "measure",
                        _ ("measure: “%s” is not the name of a measure"), measure);
      return FALSE;
    }
  if (measure == NULL && str (row, "measure_arg") != NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "measure_arg",
                        _ ("measure_arg: only a computed criterion takes an argument; give "
                           "its measure too"));
      return FALSE;
    }
  if (restore || measure == NULL)
    return TRUE;
  if (old == NULL ? g_strcmp0 (str (row, "status"), "open") != 0
                  : g_strcmp0 (str (row, "status"), str (old, "status")) != 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "status",
                        _ ("status: this criterion is computed by the measure “%s”; its status "
                           "is not set by hand"),
                        measure);
      return FALSE;
    }
  return TRUE;
}

/* NULL, or "NAME:ARGUMENT" with a name of letters, digits, '-', '_' and '.'. */
static gboolean
audience_filter_ok (const char *filter)
{
  const char *colon;

  if (filter == NULL)
    return TRUE;
  colon = strchr (filter, ':');
  return colon != NULL && plugin_name_ok (filter, colon - filter);
}

static gboolean
moment_has_audience (JsonObject *row)
{
  static const char *const sets[] = { "groups", "roles", "persons", "statuses" };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    if (json_array_get_length (json_object_get_array_member (row, sets[i])) > 0)
      return TRUE;
  return FALSE;
}

static gboolean
moment_can_move (const char *from, const char *to)
{
  static const struct
  {
    const char *from, *to;
  } allowed[] = {
    { "draft", "approved" },
    { "draft", "cancelled" },
    { "approved", "sent" },
    { "approved", "cancelled" },
  };

  if (g_strcmp0 (from, to) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_strcmp0 (allowed[i].from, from) == 0 && g_strcmp0 (allowed[i].to, to) == 0)
      return TRUE;
  return FALSE;
}

gboolean
helder_rules_check_moment (const HelderEntity *entity,
                           gpointer store,
                           JsonObject *old,
                           JsonObject *row,
                           gboolean restore,
                           GError **error)
{
  const char *status = str (row, "status");

  if (!web_address_ok (str (row, "online_url")))
    {
      helder_error_set (
        error, HELDER_ERROR_INVALID, "online_url",
        _ (
          "online_url: “%s” is not an http:// or https:// address like https://meet.example.nl/abc"),
        str (row, "online_url"));
      return FALSE;
    }
  if (!audience_filter_ok (str (row, "audience_filter")))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "audience_filter",
                        _ ("audience_filter: “%s” is not a plugin’s filter as NAME:ARGUMENT"),
                        str (row, "audience_filter"));
      return FALSE;
    }
  if (g_strcmp0 (status, "approved") == 0 || g_strcmp0 (status, "sent") == 0)
    {
      if (!moment_has_audience (row))
        {
          helder_error_set (
            error, HELDER_ERROR_INVALID, "groups",
            _ (
              "groups: an approved moment needs an audience (groups, roles, persons or role-change statuses)"));
          return FALSE;
        }
      if (json_array_get_length (json_object_get_array_member (row, "channels")) == 0)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "channels",
                            _ ("channels: an approved moment needs at least one channel"));
          return FALSE;
        }
    }

  if (restore)
    return TRUE;

  if (old == NULL)
    {
      if (g_strcmp0 (status, "draft") != 0 && g_strcmp0 (status, "approved") != 0)
        {
          helder_error_set (error, HELDER_ERROR_INVALID, "status",
                            _ ("status: a new moment is a draft or approved, not %s"), status);
          return FALSE;
        }
      return TRUE;
    }

  if (g_strcmp0 (str (old, "status"), "draft") != 0)
    {
      const HelderField *fields = entity->fields;

      for (guint i = 0; i < entity->n_fields; i++)
        if (!g_str_equal (fields[i].name, "status") &&
            !g_str_equal (fields[i].name, "updated_at") && changed (old, row, fields[i].name))
          {
            helder_error_set (
              error, HELDER_ERROR_CONFLICT, fields[i].name,
              _ (
                "%s: moment %" PRId64
                " is %s and can no longer be edited; cancel it or supersede it with a new version"),
              fields[i].name, json_object_get_int_member (old, "id"), str (old, "status"));
            return FALSE;
          }
    }

  if (!moment_can_move (str (old, "status"), status))
    {
      helder_error_set (
        error, HELDER_ERROR_CONFLICT, "status",
        _ (
          "status: a moment cannot move from %s to %s (draft → approved → sent; draft or approved → cancelled)"),
        str (old, "status"), status);
      return FALSE;
    }
  return TRUE;
}

static gint64
count_open_criteria (HelderStore *store, const char *gate)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store, "SELECT count(*) FROM gate_criterion WHERE gate = ?1 AND status != 'met'", NULL);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, gate, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
helder_rules_check_gate (const HelderEntity *entity,
                         gpointer store,
                         JsonObject *old,
                         JsonObject *row,
                         gboolean restore,
                         GError **error)
{
  const char *decision = str (row, "decision");
  gint64 open;

  if (decision == NULL)
    return TRUE;

  if (blank (str (row, "rationale")))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "rationale",
                        _ ("rationale: a gate decision needs a rationale"));
      return FALSE;
    }
  if (blank (str (row, "decided_by")))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "decided_by",
                        _ ("decided_by: a gate decision needs the name of who decided"));
      return FALSE;
    }

  if (restore)
    return TRUE;

  /* go and nogo are final: neither the decision nor when, why or by whom it
   * was taken changes afterwards (deciding again would draft a second
   * announcement). */
  if (old != NULL && str (old, "decision") != NULL &&
      g_strcmp0 (str (old, "decision"), "postponed") != 0 &&
      (changed (old, row, "decision") || changed (old, row, "decided_at") ||
       changed (old, row, "rationale") || changed (old, row, "decided_by")))
    {
      helder_error_set (
        error, HELDER_ERROR_CONFLICT, "decision",
        _ (
          "decision: gate “%s” was already decided (%s); only a postponed gate can be decided again"),
        str (row, "slug"), str (old, "decision"));
      return FALSE;
    }

  if (g_str_equal (decision, "go"))
    {
      open = count_open_criteria (store, str (row, "slug"));
      if (open != 0 && blank (str (row, "override_note")))
        {
          helder_error_set (
            error, HELDER_ERROR_CONFLICT, "override_note",
            g_dngettext (GETTEXT_PACKAGE,
                         "override_note: %" PRId64
                         " criterion is not met; deciding go needs an explicit override note",
                         "override_note: %" PRId64
                         " criteria are not met; deciding go needs an explicit override note",
                         (gulong) open),
            open);
          return FALSE;
        }
    }
  return TRUE;
}

/* One placement per person and role: a second is refused by name, not by
 * the database's constraint. */
static gboolean
placement_not_twice (gpointer store, JsonObject *row, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store,
                          "SELECT pl.id, p.name, r.name, pl.status FROM placement pl"
                          " JOIN role r ON r.slug = pl.role JOIN person p ON p.id = pl.person"
                          " WHERE pl.person = ?1 AND pl.role = ?2",
                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, json_object_get_int_member (row, "person"));
  sqlite3_bind_text (stmt, 2, str (row, "role"), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  helder_error_set (
    error, HELDER_ERROR_CONFLICT, "person",
    /* TRANSLATORS: a person, a role, the existing placement's id and status */
    _ ("person: %s already has a placement for “%s” (%" PRId64 ", %s); change that one"),
    (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2),
    (gint64) sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 3));
  return FALSE;
}

/* A person has one future: at most one confirmed placement. */
static gboolean
placement_one_confirmed (gpointer store, JsonObject *row, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  JsonNode *id = json_object_get_member (row, "id");

  if (g_strcmp0 (str (row, "status"), "confirmed") != 0)
    return TRUE;
  stmt = helder_store_prepare (store,
                               "SELECT r.name, p.name FROM placement pl"
                               " JOIN role r ON r.slug = pl.role JOIN person p ON p.id = pl.person"
                               " WHERE pl.person = ?1 AND pl.status = 'confirmed'"
                               " AND (?2 IS NULL OR pl.id != ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, json_object_get_int_member (row, "person"));
  if (id != NULL && !JSON_NODE_HOLDS_NULL (id))
    sqlite3_bind_int64 (stmt, 2, json_node_get_int (id));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  helder_error_set (error, HELDER_ERROR_CONFLICT, "status",
                    /* TRANSLATORS: a person, a role */
                    _ ("status: %s is already confirmed for “%s”; withdraw that placement first"),
                    (const char *) sqlite3_column_text (stmt, 1),
                    (const char *) sqlite3_column_text (stmt, 0));
  return FALSE;
}

/**
 * helder_rules_check_placement:
 *
 * A person can only be intended for a role that is to be filled: a new role
 * or a regie role.
 */
gboolean
helder_rules_check_placement (const HelderEntity *entity,
                              gpointer store,
                              JsonObject *old,
                              JsonObject *row,
                              gboolean restore,
                              GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT kind, fate FROM role WHERE slug = ?1", error);
  const char *role = str (row, "role");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE; /* the reference check names an unknown role */
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "regie") != 0 &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "new") != 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "role",
                        _ ("role: “%s” is not a role to fill (only new and regie roles are)"),
                        role);
      return FALSE;
    }
  g_clear_pointer (&stmt, helder_store_stmt_release);
  if (old == NULL && !placement_not_twice (store, row, error))
    return FALSE;
  return restore || placement_one_confirmed (store, row, error);
}

/**
 * helder_rules_check_moment_slot:
 *
 * A slot ends after it starts, belongs to a meeting that is still to be
 * held (a draft or approved moment with the channel "meeting"), and a
 * person has one slot per meeting.
 */
gboolean
helder_rules_check_moment_slot (const HelderEntity *entity,
                                gpointer store,
                                JsonObject *old,
                                JsonObject *row,
                                gboolean restore,
                                GError **error)
{
  g_autoptr (HelderStmt) moment = NULL;
  g_autoptr (HelderStmt) taken = NULL;
  gint64 id = json_object_get_int_member (row, "moment");
  gint64 person = json_object_get_int_member (row, "person");

  if (g_strcmp0 (str (row, "ends_at"), str (row, "starts_at")) <= 0)
    {
      g_autoptr (GDateTime) ends = helder_clock_to_local (str (row, "ends_at"));
      g_autoptr (GDateTime) starts = helder_clock_to_local (str (row, "starts_at"));
      g_autofree char *end = ends ? g_date_time_format (ends, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *start = starts ? g_date_time_format (starts, "%Y-%m-%d %H:%M") : NULL;

      /* In the programme's time zone, as people typed them. */
      helder_error_set (error, HELDER_ERROR_INVALID, "ends_at",
                        _ ("ends_at: %s is not after the start, %s"), end ? end : "",
                        start ? start : "");
      return FALSE;
    }
  moment = helder_store_prepare (
    store,
    "SELECT status, EXISTS (SELECT 1 FROM moment_channel c WHERE c.moment = m.id"
    " AND c.channel = 'meeting') FROM moment m WHERE m.id = ?1",
    error);
  if (moment == NULL)
    return FALSE;
  sqlite3_bind_int64 (moment, 1, id);
  if (sqlite3_step (moment) != SQLITE_ROW)
    return TRUE; /* the reference check names an unknown moment */
  if (!sqlite3_column_int (moment, 1))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "moment",
                        _ ("moment: %" PRId64 " is not a meeting (it lacks the channel “meeting”)"),
                        id);
      return FALSE;
    }
  if (!restore && g_strcmp0 ((const char *) sqlite3_column_text (moment, 0), "draft") != 0 &&
      g_strcmp0 ((const char *) sqlite3_column_text (moment, 0), "approved") != 0)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "moment",
                        _ ("moment: %" PRId64 " is %s: its slots can no longer change"), id,
                        (const char *) sqlite3_column_text (moment, 0));
      return FALSE;
    }
  taken = helder_store_prepare (
    store, "SELECT id FROM moment_slot WHERE moment = ?1 AND person = ?2 AND id IS NOT ?3", error);
  if (taken == NULL)
    return FALSE;
  sqlite3_bind_int64 (taken, 1, id);
  sqlite3_bind_int64 (taken, 2, person);
  if (old != NULL)
    sqlite3_bind_int64 (taken, 3, json_object_get_int_member (old, "id"));
  if (sqlite3_step (taken) == SQLITE_ROW)
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "person",
                        _ ("person: %" PRId64 " already has slot %" PRId64 " in meeting %" PRId64),
                        person, (gint64) sqlite3_column_int64 (taken, 0), id);
      return FALSE;
    }
  return TRUE;
}
