/* helder-addin.c — the extension point for feature plugins
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include "engine/helder-addin.h"

G_DEFINE_INTERFACE (HelderAddin, helder_addin, G_TYPE_OBJECT)

static void
helder_addin_default_init (HelderAddinInterface *iface)
{
}

/**
 * helder_addin_load:
 * @self: a #HelderAddin
 * @context: the context to register migrations, commands, … with
 *
 * Lets the addin add its features to @context.
 */
void
helder_addin_load (HelderAddin *self, HelderContext *context)
{
  HelderAddinInterface *iface;

  g_return_if_fail (HELDER_IS_ADDIN (self));
  g_return_if_fail (HELDER_IS_CONTEXT (context));

  iface = HELDER_ADDIN_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self, context);
}

/**
 * helder_addin_unload:
 * @self: a #HelderAddin
 * @context: the context given to helder_addin_load()
 *
 * Lets the addin remove everything it registered on load.
 */
void
helder_addin_unload (HelderAddin *self, HelderContext *context)
{
  HelderAddinInterface *iface;

  g_return_if_fail (HELDER_IS_ADDIN (self));
  g_return_if_fail (HELDER_IS_CONTEXT (context));

  iface = HELDER_ADDIN_GET_IFACE (self);
  if (iface->unload != NULL)
    iface->unload (self, context);
}
