/* helder-demo.c — the demo programme "Gemeente Voorbeeld", and a generator
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo is data: data/demo/programme.json, bundled as a GResource, is a
 * Helder export whose dates are relative to the day of `helder init`
 * ("@-120" is 120 days before, "@0T09:30" is today at 09:30 local time,
 * each on a working day: see helder-demo-dates.c).
 * helder_demo_document() turns it into an ordinary export document, and
 * with @people > 0 swaps the hand-written staff for a generated population
 * of exactly that size (for load tests and benchmarks), so that the same
 * programme, promises, moments and gates apply to 10 or 10,000 people.
 *
 * The generated names, roles and role-change texts are Dutch content, like
 * the demo file itself: they are data, not interface, and are not
 * translated. Error messages are.
 */
#define G_LOG_DOMAIN "helder-demo"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/delivery/helder-outbox-history.h"
#include "services/transfer/helder-demo.h"
#include "services/transfer/helder-demo-private.h"
#include "services/transfer/helder-export.h"
#include "services/transfer/helder-import-json.h"

#define MAX_PEOPLE 1000000

static void
stamp (JsonNode *node, const char *now)
{
  JsonObject *row;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  row = json_node_get_object (node);
  if (!json_object_has_member (row, "created_at"))
    json_object_set_string_member (row, "created_at", now);
  if (!json_object_has_member (row, "updated_at"))
    json_object_set_string_member (row, "updated_at", now);
}

/* How long before the clock the demo's records count as made. */
#define HELDER_DEMO_RECORDED_DAYS 8

/* Gives every row of every entity created_at/updated_at = @now where absent. */
static void
fill_timestamps (JsonObject *root, const char *now)
{
  const HelderEntity *const *entities;
  guint n;

  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *member = json_object_get_member (root, entities[i]->plural);

      if (member == NULL || helder_entity_get_field (entities[i], "created_at") == NULL)
        continue;
      if (JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *rows = json_node_get_array (member);
          for (guint r = 0; r < json_array_get_length (rows); r++)
            stamp (json_array_get_element (rows, r), now);
        }
      else
        stamp (member, now);
    }
}

/* ---- public API ------------------------------------------------------- */

/* The demo names the channels of the plugins Helder ships with; those of
 * a plugin that is not loaded are left out, so that the demo loads with
 * any of them disabled (HELDER_DISABLED_PLUGINS) or not built; a moment
 * left with no channel at all becomes a draft. */
static void
drop_unloaded_channels (JsonObject *document)
{
  const HelderEntity *const *entities;
  guint n = 0;

  entities = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    for (guint f = 0; f < entities[e]->n_fields; f++)
      {
        const HelderField *field = &entities[e]->fields[f];
        JsonNode *rows = json_object_get_member (document, entities[e]->plural);

        if (!(field->flags & HELDER_FIELD_CHANNELS) || field->type != HELDER_FIELD_ENUMS ||
            rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows))
          continue;
        for (guint r = 0; r < json_array_get_length (json_node_get_array (rows)); r++)
          {
            JsonNode *row = json_array_get_element (json_node_get_array (rows), r);
            JsonNode *values = JSON_NODE_HOLDS_OBJECT (row)
                                 ? json_object_get_member (json_node_get_object (row), field->name)
                                 : NULL;
            JsonArray *kept;

            if (values == NULL || !JSON_NODE_HOLDS_ARRAY (values))
              continue;
            kept = json_array_new ();
            for (guint v = 0; v < json_array_get_length (json_node_get_array (values)); v++)
              {
                JsonNode *value = json_array_get_element (json_node_get_array (values), v);

                if (!JSON_NODE_HOLDS_VALUE (value) ||
                    json_node_get_value_type (value) != G_TYPE_STRING ||
                    helder_field_has_choice (field, json_node_get_string (value)))
                  json_array_add_element (kept, json_node_copy (value));
              }
            /* A moment that no loaded plugin can deliver cannot have gone
             * out: without any delivery plugin the demo keeps it as a draft. */
            if (json_array_get_length (kept) == 0 &&
                json_array_get_length (json_node_get_array (values)) > 0 &&
                json_object_has_member (json_node_get_object (row), "status"))
              json_object_set_string_member (json_node_get_object (row), "status", "draft");
            json_object_set_array_member (json_node_get_object (row), field->name, kept);
          }
      }
}

/**
 * helder_demo_document:
 * @today: (nullable): the day the relative dates count from, YYYY-MM-DD;
 *   %NULL for today
 * @people: 0 for the demo's own people; otherwise the number of people to
 *   generate in their place, at most a million (the same number always
 *   gives the same people)
 *
 * Returns: (transfer full): the demo programme as a Helder export document
 *   with absolute dates, ready for helder_import_json_document(); %NULL with
 *   @error set when the bundled demo is missing or malformed
 */
JsonNode *
helder_demo_document (const char *today, guint people, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (JsonNode) document = NULL;
  g_autofree char *day = NULL;
  g_autofree char *now = NULL;
  const char *data;
  gsize length;

  if (today != NULL && !helder_date_parse (today, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "today",
                        _ ("today: “%s” is not a date (use YYYY-MM-DD, a day that exists)"), today);
      return NULL;
    }
  if (people > MAX_PEOPLE)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "people",
                        _ ("people: %u is more than the demo generates (at most %u)"), people,
                        MAX_PEOPLE);
      return NULL;
    }
  day = today != NULL ? g_strdup (today) : helder_clock_today ();

  bytes = g_resources_lookup_data (HELDER_DEMO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
  if (bytes == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                   _ ("%s: the demo programme is missing from this build (%s)"), HELDER_DEMO_URI,
                   local->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  document = helder_json_parse_checked (data, length, &local);
  if (document == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "%s: %s", HELDER_DEMO_URI,
                   local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("%s: expected a Helder export (an object), not a list or a value"),
                   HELDER_DEMO_URI);
      return NULL;
    }

  if (people > 0 && !helder_demo_generate (json_node_get_object (document), people, error))
    return NULL;
  drop_unloaded_channels (json_node_get_object (document));

  if (!helder_demo_dates_resolve (document, day, error))
    return NULL;

  /* The demo programme has been running for months: what it holds was
   * recorded before this week (unless it says when), so that what its
   * pages and digests call new is what its dates make new (issue 11). */
  {
    g_autoptr (GDateTime) clock = helder_clock_now ();
    g_autoptr (GDateTime) utc = g_date_time_to_utc (clock);
    g_autoptr (GDateTime) recorded = g_date_time_add_days (utc, -HELDER_DEMO_RECORDED_DAYS);

    now = g_date_time_format (recorded, "%Y-%m-%dT%H:%M:%SZ");
  }
  fill_timestamps (json_node_get_object (document), now);
  return g_steal_pointer (&document);
}

/* What a bounced message of the demo's history says (a full mailbox, now
 * and then): the e-mail channel's error as it records it in Dutch, with
 * the reply of the municipality's mail server. Dutch content, like the
 * demo file. */
#define DEMO_BOUNCE "SMTP-server mail.voorbeeld.nl weigerde de ontvanger: 552 5.2.2 mailbox vol"

/**
 * helder_demo_load:
 * @store: an empty database (at most a programme row, which is replaced)
 * @today: (nullable): as for helder_demo_document()
 * @people: as for helder_demo_document()
 *
 * Fills @store with the demo programme in one transaction: on an error
 * nothing changes. Its moments that went out before today come with the
 * delivery history they would have had (helder-outbox-history.h), so that
 * their reach and people's own pages show what was delivered to whom; none
 * of it is left for the senders.
 */
gboolean
helder_demo_load (HelderStore *store, const char *today, guint people, GError **error)
{
  return helder_demo_load_with_steps (store, today, people, NULL, error);
}

/* The plugins' parts of the demo, made as the setup is. */
static gboolean
run_steps (HelderStore *store, GPtrArray *steps, GError **error)
{
  static const HelderAuditActor setup = { 0, "setup", "setup" };

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      const HelderDemoStep *step = g_ptr_array_index (steps, i);

      if (!step->func (store, &setup, step->user_data, error))
        {
          g_prefix_error (error, _ ("demo step “%s”: "), step->name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * helder_demo_load_with_steps:
 * @steps: (nullable) (element-type HelderDemoStep): what plugins add
 *
 * helder_demo_load(), then each of @steps in order, all in one
 * transaction: when a step fails, nothing of the demo is left.
 */
gboolean
helder_demo_load_with_steps (HelderStore *store,
                             const char *today,
                             guint people,
                             GPtrArray *steps,
                             GError **error)
{
  g_autoptr (JsonNode) document = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  document = helder_demo_document (today, people, error);
  if (document == NULL)
    return FALSE;
  if (!helder_store_begin (store, error))
    return FALSE;
  /* The steps first: the moments of their past (helder_demo_moment_sent())
   * get their outbox history with core's. */
  if (!helder_import_json_document (store, document, error) || !run_steps (store, steps, error) ||
      !helder_outbox_history_record (store, DEMO_BOUNCE, NULL, error) ||
      !helder_store_commit (store, error))
    {
      helder_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
