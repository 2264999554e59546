/* interviews-plugin.c — the interviews plugin: its addin
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * InterviewsAddin (a HelderAddin) registers, through helder.h only, the
 * plugin's migrations and its four parts (interviews-private.h): the
 * inventory, the architecture picture, interviews and concerns, and the
 * web. It has no unload: the engine removes what it registered.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpeas/peas.h>

#include "interviews-private.h"

#define INTERVIEWS_TYPE_ADDIN (interviews_addin_get_type ())
G_DECLARE_FINAL_TYPE (InterviewsAddin, interviews_addin, INTERVIEWS, ADDIN, PeasExtensionBase)

struct _InterviewsAddin
{
  PeasExtensionBase parent_instance;
};

static void interviews_addin_iface_init (HelderAddinInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (InterviewsAddin,
                                interviews_addin,
                                PEAS_TYPE_EXTENSION_BASE,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HELDER_TYPE_ADDIN,
                                                               interviews_addin_iface_init))

/* The plugin's migrations, from its resources, in order. */
static void
add_migrations (HelderContext *context)
{
  static const char *const migrations[] = {
    "/nl/helder/plugins/interviews/migrations/0001-interviews.sql",
  };

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) sql =
        g_resources_lookup_data (migrations[i], G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

      if (sql == NULL)
        g_error ("interviews: %s", error->message);
      helder_context_add_migration (context, INTERVIEWS_COMPONENT, i + 1,
                                    g_bytes_get_data (sql, NULL));
    }
}

static void
interviews_addin_load (HelderAddin *addin, HelderContext *context)
{
  add_migrations (context);
  interviews_listening_nouns_load (context);
  interviews_inventory_load (context);
  interviews_picture_load (context);
  interviews_listening_load (context);
  interviews_web_load (context);
}

static void
interviews_addin_iface_init (HelderAddinInterface *iface)
{
  iface->load = interviews_addin_load;
}

static void
interviews_addin_class_init (InterviewsAddinClass *klass)
{
}

static void
interviews_addin_class_finalize (InterviewsAddinClass *klass)
{
}

static void
interviews_addin_init (InterviewsAddin *self)
{
}

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  interviews_addin_register_type (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, HELDER_TYPE_ADDIN, INTERVIEWS_TYPE_ADDIN);
}
