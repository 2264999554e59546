/* email-plugin.c — the e-mail plugin: its settings and the "email" channel
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One libpeas module, two extensions:
 *
 * - EmailAddin (a HelderAddin) registers the settings email.* and smtp.*
 *   (see email-config.c) and removes them again on unload;
 * - EmailChannel (a HelderChannel) called "email" composes each delivery
 *   as a MIME message (email-compose.c) and hands it to an SMTP server
 *   (email-smtp.c) or writes it to a Maildir (email-maildir.c).
 *
 * configure() turns the settings into an EmailState: the parsed settings
 * and, in SMTP mode, the pool of connections. deliver() runs in several
 * threads at once; each takes a reference to the current state, so it
 * reads settings that cannot change under it and never parses them again.
 */
#define G_LOG_DOMAIN "helder-email"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <libpeas/peas.h>

#include "helder.h"
#include "email-compose.h"
#include "email-config.h"
#include "email-maildir.h"
#include "email-smtp.h"

/* ---- the addin: settings ----------------------------------------------- */

#define EMAIL_TYPE_ADDIN (email_addin_get_type ())
G_DECLARE_FINAL_TYPE (EmailAddin, email_addin, EMAIL, ADDIN, PeasExtensionBase)

struct _EmailAddin
{
  PeasExtensionBase parent_instance;
};

static void email_addin_iface_init (HelderAddinInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (EmailAddin,
                                email_addin,
                                PEAS_TYPE_EXTENSION_BASE,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HELDER_TYPE_ADDIN,
                                                               email_addin_iface_init))

static void
email_addin_load (HelderAddin *addin, HelderContext *context)
{
  guint n;
  const HelderSetting *settings = email_settings (&n);

  for (guint i = 0; i < n; i++)
    helder_context_add_setting (context, &settings[i]);
}

static void
email_addin_unload (HelderAddin *addin, HelderContext *context)
{
  guint n;
  const HelderSetting *settings = email_settings (&n);

  for (guint i = 0; i < n; i++)
    helder_context_remove_setting (context, settings[i].name);
}

static void
email_addin_iface_init (HelderAddinInterface *iface)
{
  iface->load = email_addin_load;
  iface->unload = email_addin_unload;
}

static void
email_addin_class_init (EmailAddinClass *klass)
{
}

static void
email_addin_class_finalize (EmailAddinClass *klass)
{
}

static void
email_addin_init (EmailAddin *self)
{
}

/* ---- the state deliver works with -------------------------------------- */

typedef struct
{
  EmailConfig *config;
  EmailSmtp *smtp; /* SMTP mode only */
} EmailState;

static void
state_clear (gpointer data)
{
  EmailState *state = data;

  email_smtp_free (state->smtp);
  email_config_free (state->config);
}

static EmailState *
state_new (EmailConfig *config)
{
  EmailState *state = g_atomic_rc_box_new0 (EmailState);

  state->config = config;
  if (config->mode == EMAIL_MODE_SMTP)
    state->smtp = email_smtp_new (config);
  return state;
}

static void
state_unref (EmailState *state)
{
  g_atomic_rc_box_release_full (state, state_clear);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmailState, state_unref)

/* ---- the channel ------------------------------------------------------- */

#define EMAIL_TYPE_CHANNEL (email_channel_get_type ())
G_DECLARE_FINAL_TYPE (EmailChannel, email_channel, EMAIL, CHANNEL, PeasExtensionBase)

struct _EmailChannel
{
  PeasExtensionBase parent_instance;

  GMutex lock; /* guards @state, not what it points to */
  EmailState *state;
};

static void email_channel_iface_init (HelderChannelInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (EmailChannel,
                                email_channel,
                                PEAS_TYPE_EXTENSION_BASE,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HELDER_TYPE_CHANNEL,
                                                               email_channel_iface_init))

static EmailState *
email_channel_ref_state (EmailChannel *self)
{
  EmailState *state;

  g_mutex_lock (&self->lock);
  state = g_atomic_rc_box_acquire (self->state);
  g_mutex_unlock (&self->lock);
  return state;
}

static const char *
email_channel_get_name (HelderChannel *channel)
{
  return "email";
}

/* "e-mail", in the plugin's gettext domain: what forms and lists show. */
static const char *
email_channel_get_label (HelderChannel *channel)
{
  return N_ ("e-mail");
}

static const char *
email_channel_get_gettext_domain (HelderChannel *channel)
{
  return GETTEXT_PACKAGE;
}

/* People who chose no channel get e-mail, a new moment goes by e-mail
 * unless another channel is chosen, the weekly digest is an e-mail, and
 * an e-mail reaches people at the address they type to ask for a
 * sign-in link. */
static HelderChannelFlags
email_channel_get_flags (HelderChannel *channel)
{
  return HELDER_CHANNEL_DEFAULT | HELDER_CHANNEL_DIGEST | HELDER_CHANNEL_ADDRESSED;
}

static gboolean
email_channel_can_reach (HelderChannel *channel, JsonObject *person)
{
  const char *email = NULL;

  if (json_object_has_member (person, "email"))
    email = json_object_get_string_member_with_default (person, "email", NULL);
  return email != NULL && email[0] != '\0';
}

static gboolean
email_channel_configure (HelderChannel *channel, JsonObject *settings, GError **error)
{
  EmailChannel *self = EMAIL_CHANNEL (channel);
  g_autoptr (EmailConfig) config = email_config_new (settings, error);
  g_autoptr (EmailState) old = NULL;
  EmailState *state;

  if (config == NULL)
    return FALSE;
  if (config->mode == EMAIL_MODE_MAILDIR && !email_maildir_prepare (config->maildir, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  /* The same settings again: keep the open connections. */
  if (!email_config_equal (self->state->config, config))
    {
      state = state_new (g_steal_pointer (&config));
      old = g_steal_pointer (&self->state);
      self->state = state;
    }
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static char *
email_channel_preview (HelderChannel *channel,
                       JsonObject *delivery,
                       JsonObject *person,
                       const char *format,
                       GError **error)
{
  EmailChannel *self = EMAIL_CHANNEL (channel);
  g_autoptr (EmailState) state = NULL;
  g_autoptr (GBytes) message = NULL;
  gsize length;
  const char *data;

  if (g_strcmp0 (format, "html") == 0)
    return email_compose_html (delivery, person, error);
  if (g_strcmp0 (format, "mime") != 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a preview format of the e-mail channel; use “html” or “mime”"),
                   format != NULL ? format : "");
      return NULL;
    }

  state = email_channel_ref_state (self);
  message = email_compose (state->config, delivery, person, GMIME_NEWLINE_FORMAT_DOS, error);
  if (message == NULL)
    return NULL;
  data = g_bytes_get_data (message, &length);
  return g_strndup (data, length);
}

static HelderDeliveryOutcome
email_channel_deliver (HelderChannel *channel,
                       JsonObject *delivery,
                       JsonObject *person,
                       GCancellable *cancellable,
                       GError **error)
{
  EmailChannel *self = EMAIL_CHANNEL (channel);
  g_autoptr (EmailState) state = NULL;
  g_autoptr (GBytes) message = NULL;
  g_autofree char *recipient = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return HELDER_DELIVERY_TRANSIENT;

  /* Retrying will not give the person an address. */
  recipient = email_recipient (person, error);
  if (recipient == NULL)
    return HELDER_DELIVERY_PERMANENT;

  state = email_channel_ref_state (self);
  if (state->config->mode == EMAIL_MODE_MAILDIR)
    {
      /* Files on this machine: Unix line ends, as mail programs expect. */
      message = email_compose (state->config, delivery, person, GMIME_NEWLINE_FORMAT_UNIX, error);
      if (message == NULL)
        return HELDER_DELIVERY_PERMANENT;
      if (!email_maildir_write (state->config->maildir, message, NULL, error))
        return HELDER_DELIVERY_TRANSIENT;
      return HELDER_DELIVERY_SENT;
    }

  message = email_compose (state->config, delivery, person, GMIME_NEWLINE_FORMAT_DOS, error);
  if (message == NULL)
    return HELDER_DELIVERY_PERMANENT;
  return email_smtp_send (state->smtp, recipient, message, cancellable, error);
}

static void
email_channel_iface_init (HelderChannelInterface *iface)
{
  iface->get_name = email_channel_get_name;
  iface->get_label = email_channel_get_label;
  iface->get_gettext_domain = email_channel_get_gettext_domain;
  iface->get_flags = email_channel_get_flags;
  iface->can_reach = email_channel_can_reach;
  iface->configure = email_channel_configure;
  iface->preview = email_channel_preview;
  iface->deliver = email_channel_deliver;
}

static void
email_channel_finalize (GObject *object)
{
  EmailChannel *self = EMAIL_CHANNEL (object);

  g_clear_pointer (&self->state, state_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (email_channel_parent_class)->finalize (object);
}

static void
email_channel_class_init (EmailChannelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = email_channel_finalize;
}

static void
email_channel_class_finalize (EmailChannelClass *klass)
{
}

/* Until configure() says otherwise: every setting at its default, which
 * always makes a working configuration. */
static void
email_channel_init (EmailChannel *self)
{
  g_autoptr (GError) error = NULL;
  EmailConfig *config = email_config_new (NULL, &error);

  g_assert_no_error (error);
  g_mutex_init (&self->lock);
  self->state = state_new (config);
}

/* ---- the module -------------------------------------------------------- */

static gpointer
init_libraries (gpointer data)
{
  g_mime_init ();
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  static GOnce once = G_ONCE_INIT;

  /* Both libraries want one init per process, before any thread uses
   * them; the module stays resident, so they are never shut down. */
  g_once (&once, init_libraries, NULL);

  email_addin_register_type (G_TYPE_MODULE (module));
  email_channel_register_type (G_TYPE_MODULE (module));

  peas_object_module_register_extension_type (module, HELDER_TYPE_ADDIN, EMAIL_TYPE_ADDIN);
  peas_object_module_register_extension_type (module, HELDER_TYPE_CHANNEL, EMAIL_TYPE_CHANNEL);
}
