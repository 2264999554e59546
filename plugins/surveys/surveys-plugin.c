/* surveys-plugin.c — the surveys plugin: its addin
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SurveysAddin (a HelderAddin) registers, through helder.h only, the
 * plugin's migrations, its nouns, its commands, its pages and API, its
 * digest and personal-page section, its audience filter and its gate
 * measures. It has no unload: the engine removes what it registered.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpeas/peas.h>

#include "surveys-private.h"

#define SURVEYS_TYPE_ADDIN (surveys_addin_get_type ())
G_DECLARE_FINAL_TYPE (SurveysAddin, surveys_addin, SURVEYS, ADDIN, PeasExtensionBase)

struct _SurveysAddin
{
  PeasExtensionBase parent_instance;
};

static void surveys_addin_iface_init (HelderAddinInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (SurveysAddin,
                                surveys_addin,
                                PEAS_TYPE_EXTENSION_BASE,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HELDER_TYPE_ADDIN,
                                                               surveys_addin_iface_init))

/* The plugin's migrations, from its resources, in order. */
static void
add_migrations (HelderContext *context)
{
  static const char *const migrations[] = {
    "/nl/helder/plugins/surveys/migrations/0001-surveys.sql",
    "/nl/helder/plugins/surveys/migrations/0002-surveys.sql",
  };

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) sql =
        g_resources_lookup_data (migrations[i], G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

      if (sql == NULL)
        g_error ("surveys: %s", error->message);
      helder_context_add_migration (context, SURVEYS_COMPONENT, i + 1,
                                    g_bytes_get_data (sql, NULL));
    }
}

static void
surveys_addin_load (HelderAddin *addin, HelderContext *context)
{
  add_migrations (context);
  surveys_define_load (context);
  surveys_answer_load (context);
  surveys_messages_load (context);
  surveys_housekeeping_load (context);
  surveys_gate_load (context);
  surveys_demo_load (context);
  surveys_web_load (context);
}

static void
surveys_addin_iface_init (HelderAddinInterface *iface)
{
  iface->load = surveys_addin_load;
}

static void
surveys_addin_class_init (SurveysAddinClass *klass)
{
}

static void
surveys_addin_class_finalize (SurveysAddinClass *klass)
{
}

static void
surveys_addin_init (SurveysAddin *self)
{
}

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  surveys_addin_register_type (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, HELDER_TYPE_ADDIN, SURVEYS_TYPE_ADDIN);
}
