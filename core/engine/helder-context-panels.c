/* helder-context-panels.c — the panels plugins put on core's pages
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plugin registers a HelderWebPanel (engine/helder-context.h): a part of
 * the personal page or the advisor's dashboard rendered from the plugin's
 * own template (web/helder-web-panels.c renders them). The registration
 * is one of the context's list (helder-context-registry.c) and goes when
 * the plugin unloads.
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include "engine/helder-context.h"
#include "engine/helder-context-private.h"

typedef struct
{
  HelderWebPanel public;
  char *name;
  char *page;
  char *template_name;
  char *permission;
} WebPanelCopy;

void
helder_context_web_panel_free (gpointer data)
{
  WebPanelCopy *c = data;

  g_free (c->name);
  g_free (c->page);
  g_free (c->template_name);
  g_free (c->permission);
  g_free (c);
}

static gboolean
known_page (const char *page)
{
  return g_strcmp0 (page, "me") == 0 || g_strcmp0 (page, "dashboard") == 0;
}

/**
 * helder_context_add_web_panel:
 * @panel: (transfer none): copied
 *
 * Puts a plugin's panel on a core page ("me" or "dashboard"), below core's
 * own sections, in the order registered. A name is taken once; a second
 * panel of that name, or one for another page, is a programming error and
 * is ignored with a warning.
 */
void
helder_context_add_web_panel (HelderContext *self, const HelderWebPanel *panel)
{
  g_autoptr (GPtrArray) known = NULL;
  WebPanelCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (panel != NULL && panel->name != NULL && panel->template_name != NULL &&
                    panel->func != NULL);

  if (!known_page (panel->page))
    {
      g_warning ("web panel “%s” of %s ignored: no page “%s” (only “me” and “dashboard”)",
                 panel->name, self->owner ? self->owner : "core",
                 panel->page ? panel->page : "(null)");
      return;
    }
  known = helder_context_list_registrations (self, REG_WEB_PANEL);
  for (guint i = 0; i < known->len; i++)
    if (g_str_equal (((WebPanelCopy *) g_ptr_array_index (known, i))->name, panel->name))
      {
        g_warning ("web panel “%s” of %s ignored: it is registered already", panel->name,
                   self->owner ? self->owner : "core");
        return;
      }
  c = g_new0 (WebPanelCopy, 1);
  c->public = *panel;
  c->name = g_strdup (panel->name);
  c->page = g_strdup (panel->page);
  c->template_name = g_strdup (panel->template_name);
  c->permission = g_strdup (panel->permission);
  c->public.name = c->name;
  c->public.page = c->page;
  c->public.template_name = c->template_name;
  c->public.permission = c->permission;
  helder_context_add_registration (self, REG_WEB_PANEL, c);
}

/**
 * helder_context_list_web_panels:
 * @page: (nullable): "me" or "dashboard"; %NULL for all
 *
 * Returns: (transfer container) (element-type HelderWebPanel): the panels
 *   of @page, in the order registered
 */
GPtrArray *
helder_context_list_web_panels (HelderContext *self, const char *page)
{
  GPtrArray *all;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  all = helder_context_list_registrations (self, REG_WEB_PANEL);
  for (guint i = all->len; page != NULL && i > 0; i--)
    if (!g_str_equal (((HelderWebPanel *) g_ptr_array_index (all, i - 1))->page, page))
      g_ptr_array_remove_index (all, i - 1);
  return all;
}
