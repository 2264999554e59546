/* helder-cli-reach.c — a moment's reach in `helder moment show`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same facts and sentences as the moment page (web/helder-web-reach.c):
 * what the outbox holds for the moment per channel, and who of today's
 * audience did not get it.
 */
#define G_LOG_DOMAIN "helder-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cli/helder-cli-noun-private.h"
#include "services/views/helder-reach.h"

static gint64
count (JsonObject *object, const char *name)
{
  return json_object_get_int_member_with_default (object, name, 0);
}

/* Pads @text to @width characters (not bytes). */
static void
print_cell (const char *text, int width)
{
  g_print (" %s%*s", text, MAX (0, width - (int) g_utf8_strlen (text, -1)), "");
}

static void
print_channels (JsonArray *channels)
{
  const char *headings[] = { C_ ("reach", "channel"),   C_ ("reach", "sent to"),
                             C_ ("reach", "delivered"), C_ ("reach", "read"),
                             C_ ("reach", "waiting"),   C_ ("reach", "failed") };
  static const char *const names[] = { "people", "sent", "read", "pending", "failed" };
  int first = (int) g_utf8_strlen (headings[0], -1);

  for (guint i = 0; i < json_array_get_length (channels); i++)
    first = MAX (
      first,
      (int) g_utf8_strlen (
        json_object_get_string_member (json_array_get_object_element (channels, i), "label"), -1));
  g_print (" ");
  print_cell (headings[0], first);
  for (guint h = 1; h < G_N_ELEMENTS (headings); h++)
    print_cell (headings[h], (int) g_utf8_strlen (headings[h], -1));
  g_print ("\n");
  for (guint i = 0; i < json_array_get_length (channels); i++)
    {
      JsonObject *channel = json_array_get_object_element (channels, i);

      g_print (" ");
      print_cell (json_object_get_string_member (channel, "label"), first);
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        {
          g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, count (channel, names[n]));
          print_cell (value, (int) g_utf8_strlen (headings[n + 1], -1));
        }
      g_print ("\n");
    }
}

/**
 * helder_cli_reach_print:
 * @reach: helder_reach_get() of the moment
 * @status: the moment's status
 *
 * Prints the reach of a moment that is sent or had anything queued.
 */
void
helder_cli_reach_print (JsonObject *reach, const char *status)
{
  gint64 later = count (reach, "joined_later");
  gint64 other = count (reach, "not_reached") - later;

  if (!json_object_get_boolean_member_with_default (reach, "recorded", FALSE))
    {
      if (g_strcmp0 (status, "sent") == 0)
        g_print ("\n%s\n",
                 _ ("Helder has no record of delivering this moment: it was recorded as sent "
                    "without going through the outbox (by an import, say). Nobody is counted as "
                    "reached."));
      return;
    }
  g_print ("\n");
  {
    g_autofree char *summary = helder_reach_summary (reach);

    g_print ("%s\n", summary);
  }
  print_channels (json_object_get_array_member (reach, "channels"));
  if (g_strcmp0 (status, "sent") != 0)
    {
      gint64 waiting = count (reach, "not_reached");

      if (waiting > 0)
        {
          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "%d person of its audience today has no message of it yet.",
                                "%d people of its audience today have no message of it yet.",
                                (gulong) waiting),
                   (int) waiting);
          g_print ("\n");
        }
      return;
    }
  if (later > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%d person joined later and did not get this message.",
                            "%d people joined later and did not get this message.", (gulong) later),
               (int) later);
      g_print ("\n");
    }
  if (other > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%d other person in its audience today did not get this message: they "
                            "were not in its audience when it was sent, or none of its channels "
                            "reached them.",
                            "%d other people in its audience today did not get this message: they "
                            "were not in its audience when it was sent, or none of its channels "
                            "reached them.",
                            (gulong) other),
               (int) other);
      g_print ("\n");
    }
}

/**
 * helder_cli_reach_print_sent:
 * @sent: the "sent" of helder_status_compute()
 * @days: how many days back they go
 *
 * The moments sent lately in `helder status`, each with what the outbox
 * holds for it.
 */
void
helder_cli_reach_print_sent (JsonArray *sent, int days)
{
  if (sent == NULL || json_array_get_length (sent) == 0)
    return;
  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Sent in the last %d day:", "Sent in the last %d days:", (gulong) days),
           days);
  g_print ("\n");
  for (guint i = 0; i < json_array_get_length (sent); i++)
    {
      JsonObject *m = json_array_get_object_element (sent, i);
      JsonObject *reach = json_object_get_object_member (m, "reach");
      g_autofree char *when =
        helder_cli_local_time (json_object_get_string_member (m, "scheduled_at"));
      gint64 people = count (reach, "people");
      gint64 later = count (reach, "joined_later");

      g_print ("  %s  #%-4" G_GINT64_FORMAT " %s → ", when, json_object_get_int_member (m, "id"),
               json_object_get_string_member (m, "title"));
      if (!json_object_get_boolean_member_with_default (reach, "recorded", FALSE))
        g_print ("%s", _ ("no delivery recorded"));
      else
        /* TRANSLATORS: the reach of a sent moment in `helder status`; all
         * numbers are of people */
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "sent to %d person: %d delivered, %d read, %d waiting, %d failed",
                              "sent to %d people: %d delivered, %d read, %d waiting, %d failed",
                              (gulong) people),
                 (int) people, (int) count (reach, "sent"), (int) count (reach, "read"),
                 (int) count (reach, "pending"), (int) count (reach, "failed"));
      if (later > 0)
        {
          g_print ("; ");
          g_print (
            g_dngettext (GETTEXT_PACKAGE, "%d joined later", "%d joined later", (gulong) later),
            (int) later);
        }
      g_print ("\n");
    }
}
