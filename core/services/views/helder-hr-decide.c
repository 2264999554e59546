/* helder-hr-decide.c — HR confirms or withdraws a placement
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both are a change of the placement's status through the repository, so
 * the rule that keeps a placement and the person's role change in line
 * (services/repo/helder-placement-sync.h) applies here as on every other
 * path: confirming decides the role change, withdrawing a confirmed
 * placement reopens it. The caller's transaction holds it all, with the
 * audit entries.
 */
#define G_LOG_DOMAIN "helder-hr"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-hr.h"

/* The placement @key (an id as text), or NULL with a not-found error
 * that names it. */
static JsonObject *
find_placement (HelderStore *store, const char *key, GError **error)
{
  g_autoptr (GError) local = NULL;
  gint64 id;
  JsonObject *placement = NULL;

  if (key != NULL && g_utf8_validate (key, -1, NULL) &&
      g_ascii_string_to_signed (key, 10, 1, G_MAXINT64, &id, NULL))
    placement = helder_repo_get (store, helder_entity_lookup ("placement"), key, &local);
  if (placement != NULL)
    return placement;
  if (local != NULL && !g_error_matches (local, HELDER_ERROR, HELDER_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  helder_error_set (error, HELDER_ERROR_NOT_FOUND, "placement",
                    _ ("placement: there is no placement “%s”"),
                    key != NULL && g_utf8_validate (key, -1, NULL) ? key : "?");
  return NULL;
}

static JsonObject *
set_status (HelderStore *store, JsonObject *placement, const char *status, GError **error)
{
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autofree char *key =
    g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (placement, "id"));

  json_object_set_string_member (changes, "status", status);
  return helder_repo_update (store, helder_entity_lookup ("placement"), key, changes,
                             HELDER_WRITE_DEFAULT, error);
}

/**
 * helder_hr_confirm:
 * @key: the placement's id, as text
 *
 * Confirms an intended placement.
 *
 * Returns: (transfer full): the placement as stored, with "linked" naming
 *   the role change that followed, or %NULL with @error (not found,
 *   conflict: not intended, or the role change cannot follow) and nothing
 *   changed
 */
JsonObject *
helder_hr_confirm (HelderStore *store, const char *key, GError **error)
{
  g_autoptr (JsonObject) placement = NULL;
  const char *status;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  placement = find_placement (store, key, error);
  if (placement == NULL)
    return NULL;
  status = json_object_get_string_member (placement, "status");
  if (g_str_equal (status, "confirmed"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "placement",
                        _ ("placement: %s is confirmed already"), key);
      return NULL;
    }
  if (g_str_equal (status, "withdrawn"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "placement",
                        _ ("placement: %s is withdrawn; record it as intended again first"), key);
      return NULL;
    }
  return set_status (store, placement, "confirmed", error);
}

/**
 * helder_hr_withdraw:
 * @key: the placement's id, as text
 *
 * Withdraws an intended or confirmed placement; a confirmed one reopens the
 * person's role change.
 *
 * Returns: (transfer full): the placement as stored, or %NULL with @error
 *   and nothing changed
 */
JsonObject *
helder_hr_withdraw (HelderStore *store, const char *key, GError **error)
{
  g_autoptr (JsonObject) placement = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  placement = find_placement (store, key, error);
  if (placement == NULL)
    return NULL;
  if (g_str_equal (json_object_get_string_member (placement, "status"), "withdrawn"))
    {
      helder_error_set (error, HELDER_ERROR_CONFLICT, "placement",
                        _ ("placement: %s is withdrawn already"), key);
      return NULL;
    }
  return set_status (store, placement, "withdrawn", error);
}
