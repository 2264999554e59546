/* helder-signin-message.c — the message that carries a sign-in link
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-access"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "model/helder-language.h"
#include "services/access/helder-config.h"
#include "services/delivery/helder-signin-message.h"
#include "services/delivery/helder-outbox.h"

#define DEFAULT_BASE_URL "http://127.0.0.1:8080"

GStrv
helder_signin_message_channels (HelderStore *store, GError **error)
{
  g_auto (GStrv) loaded = helder_channel_names_list (HELDER_CHANNEL_ADDRESSED);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (HelderStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  g_strv_builder_addv (builder, (const char **) loaded);
  stmt = helder_store_prepare (
    store, "SELECT name FROM delivery_channel WHERE flags & ?1 ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) HELDER_CHANNEL_ADDRESSED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!helder_channel_names_contains (name))
        g_strv_builder_add (builder, name);
    }
  if (rc != SQLITE_DONE)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

char *
helder_signin_message_base_url (HelderStore *store)
{
  char *value = helder_config_get (store, "server.base_url", NULL);

  if (value == NULL || value[0] == '\0')
    {
      g_free (value);
      return g_strdup (DEFAULT_BASE_URL);
    }
  if (g_str_has_suffix (value, "/"))
    value[strlen (value) - 1] = '\0';
  return value;
}

char *
helder_signin_message_language (void)
{
  return g_strdup (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "");
}

char *
helder_signin_message_link (const char *base_url, const char *code)
{
  return g_strdup_printf ("%s/login/%s", base_url, code);
}

/* Subject and body in the current language. */
static void
compose (const HelderSigninMessage *message, const char *link, char **subject, char **body)
{
  g_autofree char *until = helder_clock_local_date (message->expires);

  if (message->kind == HELDER_SIGNIN_MESSAGE_INVITATION)
    {
      *subject = g_strdup (_ ("Your personal sign-in link for Helder"));
      *body = g_strdup_printf (
        _ ("Hello %s,\n\n"
           "Helder keeps you informed about the ICT transition: what changes for you, what was "
           "promised to your group and whether it is kept, and which moments are coming.\n\n"
           "[Sign in to Helder](%s)\n\n"
           "This link is personal: do not forward it. It works once, until %s. After that you "
           "can ask for a new link on the sign-in page with your e-mail address.\n"),
        message->name, link, until);
      return;
    }
  *subject = g_strdup (_ ("Your new sign-in link for Helder"));
  *body = g_strdup_printf (
    _ ("Hello %s,\n\n"
       "Someone asked for a new sign-in link for this e-mail address, probably you.\n\n"
       "[Sign in to Helder](%s)\n\n"
       "This link is personal: do not forward it. It works once, until %s. If you did not ask "
       "for it, you can ignore this message: nobody can sign in without the link.\n"),
    message->name, link, until);
}

gboolean
helder_signin_message_queue (HelderStore *store,
                             const HelderSigninMessage *message,
                             const char *const *channels,
                             const char *now,
                             GError **error)
{
  g_autofree char *link = helder_signin_message_link (message->base_url, message->code);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *source =
    g_strdup_printf ("%s:%" PRId64 ":%" PRId64,
                     message->kind == HELDER_SIGNIN_MESSAGE_INVITATION ? "invite" : "signin",
                     message->person, message->link);

  helder_language_begin (message->locale);
  compose (message, link, &subject, &body);
  helder_language_end ();

  for (guint i = 0; channels[i] != NULL; i++)
    {
      HelderOutboxMessage outbox = {
        .source = source,
        .person = message->person,
        .channel = channels[i],
        .subject = subject,
        .body = body,
        .locale = message->locale,
        .link = link,
      };

      if (!helder_outbox_queue (store, &outbox, now, NULL, error))
        return FALSE;
    }
  return TRUE;
}
