/* inv-readiness.c — readiness of components for the move, and its totals
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Six aspects per component (inv_readiness), each with a status, a date,
 * a value (the wave; "remove" for cleanup) and a note. A component
 * without a row for an aspect is open. The totals count, per aspect, the
 * components it applies to (every status but not-applicable) and those
 * done, and list what is missing; the gate measure "readiness"
 * (inv-gate.c) reads the same totals.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

const char *const inv_readiness_aspects[] = { "software", "ip",    "virtualised", "cleanup",
                                              "wave",     "owner", NULL };

const char *
inv_readiness_label (const char *aspect)
{
  static const char *const labels[] = {
    N_ ("system software up to date"),
    N_ ("IP address prepared for the move"),
    N_ ("physical references virtualised"),
    N_ ("cleaned up"),
    N_ ("migration wave"),
    N_ ("owner confirmed"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (aspect, inv_readiness_aspects[i]) == 0)
      return _ (labels[i]);
  return aspect;
}

static gboolean
check_component (HelderStore *store, gint64 component, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT kind, name FROM inv_item WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, component);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (helder_store_propagate (store, rc, error))
        helder_error_set (error, HELDER_ERROR_NOT_FOUND, "component",
                          _ ("component: there is no item %" PRId64), component);
      return FALSE;
    }
  if (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "component"))
    return TRUE;
  helder_error_set (
    error, HELDER_ERROR_INVALID, "component",
    _ ("component: “%s” is not a component but a %s; readiness is kept for components"),
    (const char *) sqlite3_column_text (stmt, 1),
    inv_kind_label ((const char *) sqlite3_column_text (stmt, 0)));
  return FALSE;
}

typedef struct
{
  const char *aspect, *status;
  char *value, *on_date, *note;
} ReadinessInput;

static void
readiness_input_clear (ReadinessInput *input)
{
  g_free (input->value);
  g_free (input->on_date);
  g_free (input->note);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReadinessInput, readiness_input_clear)

static gboolean
parse_input (const char *aspect,
             const char *status,
             const char *value,
             const char *on_date,
             const char *note,
             ReadinessInput *in,
             GError **error)
{
  if ((in->aspect = inv_aspect_parse (aspect)) == NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "aspect",
                        _ ("aspect: “%s” is not one of software, ip, virtualised, cleanup, "
                           "wave, owner"),
                        aspect != NULL ? aspect : "");
      return FALSE;
    }
  if ((in->status = inv_status_parse (status)) == NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "status",
                        _ ("status: “%s” is not one of open, in-progress (bezig), done (klaar), "
                           "not-applicable (nvt)"),
                        status != NULL ? status : "");
      return FALSE;
    }
  in->value = g_strstrip (g_strdup (value != NULL ? value : ""));
  if (!helder_text_check (in->value, HELDER_TEXT_LINE, NULL) || strlen (in->value) > 200)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "value",
                        _ ("value: “%s” is not one line of at most 200 characters"), value);
      return FALSE;
    }
  in->note = g_strstrip (g_strdup (note != NULL ? note : ""));
  if (!helder_text_check (in->note, HELDER_TEXT_MULTILINE, NULL) || strlen (in->note) > 4000)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "note",
                        _ ("note: not text of at most 4000 characters"));
      return FALSE;
    }
  if (on_date != NULL && *on_date != '\0' &&
      (in->on_date = helder_date_parse_typed (on_date)) == NULL)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "on_date",
                        _ ("on_date: “%s” is not a date (2027-12-31 or 31-12-2027)"), on_date);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_readiness (HelderStore *store,
                 const HelderAuditActor *actor,
                 gint64 component,
                 const ReadinessInput *in,
                 GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "INSERT INTO inv_readiness (item, aspect, status, value, on_date, note, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (item, aspect) DO UPDATE SET"
    " status = excluded.status, value = excluded.value, on_date = excluded.on_date,"
    " note = excluded.note, updated_at = excluded.updated_at",
    error);
  g_autofree char *now = helder_clock_now_utc ();
  g_autofree char *detail = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, component);
  sqlite3_bind_text (stmt, 2, in->aspect, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, in->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, in->value, -1, SQLITE_TRANSIENT);
  if (in->on_date != NULL)
    sqlite3_bind_text (stmt, 5, in->on_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, in->note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!helder_store_step_done (store, stmt, error))
    return FALSE;
  /* The audit keeps keys, not words; "n/a" rather than "not-applicable". */
  detail = g_strdup_printf ("%s: %s", in->aspect,
                            g_str_equal (in->status, "not-applicable") ? "n/a" : in->status);
  return inv_audit (store, actor, "update", "inv_readiness", component, detail, error);
}

gboolean
inv_readiness_set (HelderStore *store,
                   const HelderAuditActor *actor,
                   gint64 component,
                   const char *aspect,
                   const char *status,
                   const char *value,
                   const char *on_date,
                   const char *note,
                   GError **error)
{
  g_auto (ReadinessInput) in = { 0 };
  gboolean own = !helder_store_in_transaction (store);

  g_return_val_if_fail (actor != NULL, FALSE);

  if (!parse_input (aspect, status, value, on_date, note, &in, error) ||
      !check_component (store, component, error))
    return FALSE;
  if (own && !helder_store_begin (store, error))
    return FALSE;
  if (!write_readiness (store, actor, component, &in, error) ||
      (own && !helder_store_commit (store, error)))
    {
      if (own)
        helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
aspect_totals (HelderStore *store, const char *aspect, const char *domain, GError **error)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    store,
    "SELECT i.id, i.name, coalesce (r.status, 'open') FROM inv_item i"
    " LEFT JOIN inv_readiness r ON r.item = i.id AND r.aspect = ?1"
    " WHERE i.kind = 'component' AND (?2 IS NULL OR i.domain = ?2 COLLATE NOCASE)"
    " ORDER BY i.name COLLATE NOCASE, i.id",
    error);
  g_autoptr (JsonObject) out = json_object_new ();
  JsonArray *missing = json_array_new ();
  guint done = 0, applicable = 0;
  int rc;

  json_object_set_string_member (out, "aspect", aspect);
  json_object_set_string_member (out, "label", inv_readiness_label (aspect));
  json_object_set_array_member (out, "missing", missing);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, aspect, -1, SQLITE_STATIC);
  if (domain != NULL)
    sqlite3_bind_text (stmt, 2, domain, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 2);
      JsonObject *item;

      if (g_str_equal (status, "not-applicable"))
        continue;
      applicable++;
      if (g_str_equal (status, "done"))
        {
          done++;
          continue;
        }
      item = json_object_new ();
      json_object_set_int_member (item, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (item, "name", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (item, "status", status);
      json_array_add_object_element (missing, item);
    }
  if (rc != SQLITE_DONE)
    return (helder_store_propagate (store, rc, error), NULL);
  json_object_set_int_member (out, "done", done);
  json_object_set_int_member (out, "applicable", applicable);
  return g_steal_pointer (&out);
}

JsonArray *
inv_readiness_totals (HelderStore *store, const char *domain, GError **error)
{
  g_autoptr (JsonArray) totals = json_array_new ();

  for (guint i = 0; inv_readiness_aspects[i] != NULL; i++)
    {
      JsonObject *aspect = aspect_totals (store, inv_readiness_aspects[i], domain, error);

      if (aspect == NULL)
        return NULL;
      json_array_add_object_element (totals, aspect);
    }
  return g_steal_pointer (&totals);
}

/* ---- the gate measure's argument ---------------------------------------- */

void
inv_readiness_arg_clear (InvReadinessArg *arg)
{
  g_clear_pointer (&arg->domain, g_free);
}

static gboolean
arg_invalid (GError **error, const char *format, const char *a, const char *b)
{
  g_autofree char *message = g_strdup_printf (format, a, b);

  helder_error_set (error, HELDER_ERROR_INVALID, "measure_arg", "%s", message);
  return FALSE;
}

static gboolean
arg_part (InvReadinessArg *arg, const char *key, const char *value, GError **error)
{
  if (g_str_equal (key, "aspect"))
    {
      if ((arg->aspect = inv_aspect_parse (value)) == NULL)
        return arg_invalid (error,
                            _ ("%s: “%s” is not one of software, ip, virtualised, cleanup, "
                               "wave, owner"),
                            key, value);
    }
  else if (g_str_equal (key, "domain"))
    {
      g_free (arg->domain);
      arg->domain = g_strdup (value);
    }
  else if (g_str_equal (key, "min"))
    {
      g_autofree char *dotted = g_strdelimit (g_strdup (value), ",", '.');
      char *end = NULL;

      arg->min = g_ascii_strtod (dotted, &end);
      if (end == dotted || *end != '\0' || !isfinite (arg->min) || arg->min < 0 || arg->min > 100)
        return arg_invalid (error, _ ("%s: “%s” is not a percentage from 0 to 100"), key, value);
    }
  else
    return arg_invalid (error, _ ("“%s=%s” is not understood (aspect, domain, min)"), key, value);
  return TRUE;
}

gboolean
inv_readiness_arg_parse (const char *argument, InvReadinessArg *arg, GError **error)
{
  g_auto (GStrv) parts = g_strsplit_set (argument != NULL ? argument : "", " \t", -1);

  memset (arg, 0, sizeof *arg);
  arg->min = 100;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');

      if (*parts[i] == '\0')
        continue;
      if (equals == NULL || equals == parts[i] || equals[1] == '\0')
        {
          inv_readiness_arg_clear (arg);
          return arg_invalid (error, _ ("“%s” is not KEY=VALUE (%s)"), parts[i],
                              "aspect=software domain=Burgerzaken min=90");
        }
      *equals = '\0';
      if (!arg_part (arg, parts[i], equals + 1, error))
        {
          inv_readiness_arg_clear (arg);
          return FALSE;
        }
    }
  if (arg->aspect == NULL)
    {
      inv_readiness_arg_clear (arg);
      return arg_invalid (error, _ ("%s: missing; give %s"), "aspect", "aspect=software");
    }
  return TRUE;
}
