/* helder-web-reach.c — a moment's reach on its page and in the API
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the outbox holds for a moment (services/views/helder-reach.h): per
 * channel the people it was sent to, delivered, read where the channel
 * knows it, still waiting and given up, and the people of today's
 * audience who did not get it. Shown on /moments/ID once anything was
 * queued for the moment or it is sent, and served as JSON from
 * GET /api/v1/moments/{key}/reach.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-reach.h"
#include "web/helder-web-private.h"

static gint64
count (JsonObject *object, const char *name)
{
  return json_object_get_int_member_with_default (object, name, 0);
}

static JsonArray *
channel_rows (JsonArray *channels)
{
  static const char *const names[] = { "people", "sent", "read", "pending", "failed" };
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < json_array_get_length (channels); i++)
    {
      JsonObject *channel = json_array_get_object_element (channels, i);
      const char *name = json_object_get_string_member (channel, "channel");
      const char *label = helder_channel_names_get_label (name);
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "label", label ? label : name);
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        json_object_set_int_member (row, names[n], count (channel, names[n]));
      json_array_add_object_element (rows, row);
    }
  return rows;
}

/* The sentences about the people of today's audience who did not get it. */
static void
add_not_reached (JsonObject *context, JsonObject *reach, gboolean sent)
{
  gint64 later = count (reach, "joined_later");
  gint64 other = count (reach, "not_reached") - later;

  /* Still to go out (a meeting whose invitations are under way): whoever
   * has none yet gets one with a next round. */
  if (!sent)
    {
      gint64 waiting = count (reach, "not_reached");
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%d person of its audience today has no message of it yet.",
                     "%d people of its audience today have no message of it yet.",
                     (gulong) waiting),
        (int) waiting);

      if (waiting > 0)
        json_object_set_string_member (context, "other", text);
      return;
    }

  if (later > 0)
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%d person joined later and did not get this message.",
                     "%d people joined later and did not get this message.", (gulong) later),
        (int) later);
      json_object_set_string_member (context, "later", text);
    }
  if (other > 0)
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%d other person in its audience today did not get this message: they "
                     "were not in its audience when it was sent, or none of its channels "
                     "reached them.",
                     "%d other people in its audience today did not get this message: they "
                     "were not in its audience when it was sent, or none of its channels "
                     "reached them.",
                     (gulong) other),
        (int) other);
      json_object_set_string_member (context, "other", text);
    }
}

/**
 * helder_web_reach_context:
 * @row: the moment
 *
 * Returns: (transfer full) (nullable): the "reach" of the moment page:
 *   %NULL while nothing was queued for a moment that is not sent
 */
JsonObject *
helder_web_reach_context (HelderWebRequest *request, JsonObject *row, GError **error)
{
  g_autoptr (JsonObject) reach = NULL;
  g_autoptr (JsonObject) context = json_object_new ();
  const char *status = json_object_get_string_member (row, "status");
  g_autofree char *summary = NULL;

  reach = helder_reach_get (request->store, json_object_get_int_member (row, "id"), error);
  if (reach == NULL)
    return NULL;
  if (!json_object_get_boolean_member (reach, "recorded"))
    {
      if (g_strcmp0 (status, "sent") != 0)
        return NULL;
      json_object_set_string_member (
        context, "summary",
        _ ("Helder has no record of delivering this moment: it was recorded as sent without "
           "going through the outbox (by an import, say). Nobody is counted as reached."));
      return g_steal_pointer (&context);
    }

  summary = helder_reach_summary (reach);
  json_object_set_string_member (context, "summary", summary);
  json_object_set_boolean_member (context, "has_channels", TRUE);
  json_object_set_array_member (context, "channels",
                                channel_rows (json_object_get_array_member (reach, "channels")));
  add_not_reached (context, reach, g_strcmp0 (status, "sent") == 0);
  return g_steal_pointer (&context);
}

void
helder_web_handle_api_reach (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (JsonObject) moment = NULL;
  g_autoptr (JsonObject) reach = NULL;
  g_autoptr (GError) error = NULL;

  if (request->query != NULL && g_hash_table_size (request->query) > 0)
    {
      GHashTableIter iter;
      gpointer name;
      g_autofree char *message = NULL;

      g_hash_table_iter_init (&iter, request->query);
      g_hash_table_iter_next (&iter, &name, NULL);
      message = g_strdup_printf (_ ("%s: this route takes no query parameters"),
                                 g_utf8_validate (name, -1, NULL) ? (const char *) name : "?");
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
      return;
    }
  moment = helder_repo_get (request->store, entity, helder_web_param (request, "key"), &error);
  if (moment != NULL)
    reach = helder_reach_get (request->store, json_object_get_int_member (moment, "id"), &error);
  if (reach == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  helder_web_respond_object (request, SOUP_STATUS_OK, reach);
}
