/* helder-web-panels.c — the panels plugins put on the personal page and the dashboard
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plugin registers a HelderWebPanel (helder_context_add_web_panel()):
 * its function makes a template's context, core adds what every page's
 * context has (lang, today, the session's CSRF token, the user) so that a
 * panel's form can post to the plugin's own route, and the plugin's
 * template is rendered here. A panel the caller's role may not see is
 * left out; on the personal page, only the person's own page shows it
 * unless the panel asks to be on the advisor's view of someone's page
 * too. A panel that fails is left out and logged, as the digest sections
 * on the same page are: the page stands.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>

#include "web/helder-template.h"
#include "web/helder-web-private.h"

static char *
render_panel (HelderWebRequest *request, const HelderWebPanel *panel, gint64 person)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) context = panel->func (request, person, panel->user_data, &error);
  g_autoptr (JsonNode) node = NULL;
  char *html;

  if (context == NULL)
    {
      if (error != NULL)
        g_warning ("panel %s of person %" PRId64 ": %s", panel->name, person, error->message);
      return NULL;
    }
  helder_web_add_page_common (request, context);
  node = json_node_init_object (json_node_alloc (), context);
  html = helder_template_render_named (panel->template_name, node, &error);
  if (html == NULL)
    g_warning ("panel %s: template %s: %s", panel->name, panel->template_name, error->message);
  return html;
}

JsonArray *
helder_web_panels (HelderWebRequest *request, const char *page, gint64 person, gboolean preview)
{
  g_autoptr (GPtrArray) panels = NULL;
  JsonArray *result = json_array_new ();

  if (request->context == NULL)
    return result;
  panels = helder_context_list_web_panels (request->context, page);
  for (guint i = 0; i < panels->len; i++)
    {
      const HelderWebPanel *panel = g_ptr_array_index (panels, i);
      g_autofree char *html = NULL;
      JsonObject *item;

      if (preview && !panel->in_preview)
        continue;
      if (panel->permission != NULL && !helder_web_request_may (request, panel->permission))
        continue;
      html = render_panel (request, panel, person);
      if (html == NULL || html[0] == '\0')
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "name", panel->name);
      json_object_set_string_member (item, "html", html);
      json_array_add_object_element (result, item);
    }
  return result;
}
