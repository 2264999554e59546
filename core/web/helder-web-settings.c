/* helder-web-settings.c — the advisor's settings page: every registered
 * setting, core's and the plugins', with its meaning, changed in one form
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here knows a setting by name: the page shows what the context
 * has registered (helder_context_list_settings()), grouped by the part of
 * the name before the dot, and each value goes through the setting's own
 * check. A form with a bad value changes nothing and names every setting
 * that is wrong; a good one stores what changed in one transaction, each
 * change in the audit log. A secret (a password) is never shown: its field
 * stays empty, and an empty field keeps it.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/access/helder-config.h"
#include "web/helder-web-forms-private.h"

/* Headings of the groups of core's settings, in the order the page shows
 * them; a plugin's groups come after the first three (they hold what is
 * set up once, such as the sender of the e-mail) and are named after the
 * plugin. */
static const Choice group_headings[] = {
  { "server", N_ ("Web server") },
  { "digest", N_ ("Weekly digest") },
  { "delivery", N_ ("Delivery of messages") },
  { "meeting", N_ ("Meetings") },
  { "access", N_ ("Sign-in links") },
  { "session", N_ ("Staying signed in") },
};
#define PLUGIN_RANK 3

static const Choice settings_banners[] = {
  { "saved", N_ ("The settings are saved.") },
  { "unchanged", N_ ("Nothing was changed.") },
};

/* "server" for "server.base_url". */
static char *
group_of (const HelderSetting *setting)
{
  const char *dot = strchr (setting->name, '.');

  return dot != NULL ? g_strndup (setting->name, dot - setting->name) : g_strdup (setting->name);
}

/* "setting-server-base_url": an id for the setting's field. */
static char *
field_id (const HelderSetting *setting)
{
  g_autofree char *id = g_strconcat ("setting-", setting->name, NULL);

  return g_strdelimit (g_steal_pointer (&id), ".", '-');
}

static guint
group_rank (const HelderSetting *setting)
{
  g_autofree char *group = group_of (setting);

  for (guint i = 0; i < G_N_ELEMENTS (group_headings); i++)
    if (g_str_equal (group_headings[i].value, group) && g_strcmp0 (setting->owner, "core") == 0)
      return i < PLUGIN_RANK ? i : i + 1;
  return PLUGIN_RANK;
}

static gint
setting_order (gconstpointer a, gconstpointer b)
{
  const HelderSetting *sa = *(const HelderSetting *const *) a;
  const HelderSetting *sb = *(const HelderSetting *const *) b;
  guint ra = group_rank (sa), rb = group_rank (sb);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return strcmp (sa->name, sb->name);
}

static char *
group_heading (const HelderSetting *setting, const char *group)
{
  const char *owner = setting->owner ? setting->owner : "?";

  for (guint i = 0; i < G_N_ELEMENTS (group_headings); i++)
    if (g_str_equal (group_headings[i].value, group) && g_strcmp0 (setting->owner, "core") == 0)
      return g_strdup (_ (group_headings[i].label));
  if (g_str_equal (owner, group))
    /* TRANSLATORS: the settings that a plugin brings, by the plugin's name */
    return g_strdup_printf (_ ("Plugin “%s”"), owner);
  /* TRANSLATORS: a group of settings that a plugin brings: the plugin's name, the group's */
  return g_strdup_printf (_ ("Plugin “%s”: %s"), owner, group);
}

/* The group in @groups that holds @setting, added when new. */
static JsonArray *
group_items (JsonArray *groups, const HelderSetting *setting)
{
  g_autofree char *group = group_of (setting);
  g_autofree char *heading = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      object = json_array_get_object_element (groups, i);
      if (g_str_equal (json_object_get_string_member (object, "group"), group) &&
          g_strcmp0 (json_object_get_string_member (object, "owner"), setting->owner) == 0)
        return json_object_get_array_member (object, "settings");
    }
  heading = group_heading (setting, group);
  id = g_strdup_printf ("group-%s-%u", group, json_array_get_length (groups));
  object = json_object_new ();
  json_object_set_string_member (object, "group", group);
  json_object_set_string_member (object, "owner", setting->owner ? setting->owner : "");
  json_object_set_string_member (object, "heading", heading);
  json_object_set_string_member (object, "id", id);
  json_object_set_array_member (object, "settings", json_array_new ());
  json_array_add_object_element (groups, object);
  return json_object_get_array_member (object, "settings");
}

/* The page. @typed: what the form sent (name → value) when it comes back
 * with @problems (name → message). */
static void
respond_settings (HelderWebRequest *request,
                  guint status,
                  GHashTable *typed,
                  GHashTable *problems,
                  GPtrArray *problem_order)
{
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GPtrArray) settings = helder_context_list_settings (request->context);
  g_autoptr (GHashTable) stored = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *groups = json_array_new ();

  json_object_set_array_member (context, "groups", groups);
  g_ptr_array_sort (settings, setting_order);
  stored = helder_config_read (request->store, &error);
  if (stored == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  for (guint i = 0; i < settings->len; i++)
    {
      const HelderSetting *setting = g_ptr_array_index (settings, i);
      const char *value = g_hash_table_lookup (stored, setting->name);
      const char *problem = problems != NULL ? g_hash_table_lookup (problems, setting->name) : NULL;
      const char *shown = typed != NULL ? g_hash_table_lookup (typed, setting->name) : NULL;
      g_autofree char *id = field_id (setting);
      JsonObject *item = json_object_new ();

      if (shown == NULL)
        shown = value != NULL ? value : setting->default_value;
      json_object_set_string_member (item, "name", setting->name);
      json_object_set_string_member (item, "id", id);
      json_object_set_string_member (
        item, "summary",
        g_dgettext (setting->gettext_domain ? setting->gettext_domain : GETTEXT_PACKAGE,
                    setting->summary));
      json_object_set_string_member (item, "default",
                                     setting->default_value ? setting->default_value : "");
      json_object_set_boolean_member (item, "has_default",
                                      setting->default_value && setting->default_value[0]);
      json_object_set_boolean_member (item, "secret", setting->secret);
      json_object_set_boolean_member (item, "secret_set",
                                      setting->secret && value != NULL && value[0] != '\0');
      json_object_set_string_member (item, "value", setting->secret ? "" : (shown ? shown : ""));
      if (problem != NULL)
        json_object_set_string_member (item, "error", problem);
      json_array_add_object_element (group_items (groups, setting), item);
    }
  if (problem_order != NULL && problem_order->len > 0)
    {
      JsonArray *list = json_array_new ();

      for (guint i = 0; i < problem_order->len; i++)
        {
          const char *name = g_ptr_array_index (problem_order, i);
          const HelderSetting *setting = helder_context_lookup_setting (request->context, name);
          JsonObject *item = json_object_new ();
          g_autofree char *anchor = setting != NULL ? field_id (setting) : g_strdup ("");

          json_object_set_string_member (item, "anchor", anchor);
          json_object_set_string_member (item, "message", g_hash_table_lookup (problems, name));
          json_array_add_object_element (list, item);
        }
      json_object_set_array_member (context, "error_list", list);
      json_object_set_boolean_member (context, "has_errors", TRUE);
    }
  else
    helder_web_form_add_banner (context, request, settings_banners,
                                G_N_ELEMENTS (settings_banners));
  helder_web_respond_page (request, status, "settings", _ ("Settings"), context);
}

void
helder_web_handle_settings_page (HelderWebRequest *request)
{
  respond_settings (request, 200, NULL, NULL, NULL);
}

/* One change the form asks for: @value NULL puts the default back. */
typedef struct
{
  const HelderSetting *setting;
  const char *value;
} Change;

/* What @sent asks of @setting: TRUE and @change filled when it changes
 * the setting; FALSE when it leaves the setting as it is. */
static gboolean
wanted_change (const HelderSetting *setting, const char *sent, GHashTable *stored, Change *change)
{
  const char *value = g_hash_table_lookup (stored, setting->name);
  const char *fallback = setting->default_value ? setting->default_value : "";
  const char *effective = value != NULL ? value : fallback;

  change->setting = setting;
  if (setting->secret && sent[0] == '\0')
    return FALSE; /* an empty password field keeps the password */
  if (sent[0] == '\0' && fallback[0] != '\0')
    {
      /* Emptied: back to the default. */
      change->value = NULL;
      return value != NULL;
    }
  change->value = sent;
  return g_strcmp0 (sent, effective) != 0 || (value == NULL && setting->secret);
}

/* Stores @changes in one transaction, each audited. */
static gboolean
store_changes (HelderWebRequest *request, GArray *changes, GError **error)
{
  if (!helder_store_begin (request->store, error))
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);
      const char *name = change->setting->name;
      g_autofree char *detail = NULL;
      gboolean ok = change->value != NULL
                      ? helder_config_set (request->store, name, change->value, error)
                      : helder_config_unset (request->store, name, error);

      if (!ok)
        {
          helder_store_rollback (request->store);
          return FALSE;
        }
      if (change->value == NULL)
        detail = g_strdup ("default");
      else if (change->setting->secret)
        detail = g_strdup ("********");
      else
        detail = g_strdup (change->value);
      helder_web_audit (request, "update", "setting", name, 0, detail);
    }
  return helder_store_commit (request->store, error);
}

void
helder_web_handle_settings_update (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GHashTable) stored = NULL;
  g_autoptr (GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  stored = helder_config_read (request->store, &error);
  if (stored == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  /* A field that is no setting is refused, not ignored. */
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_str_equal (key, "csrf") && helder_context_lookup_setting (request->context, key) == NULL)
      {
        g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a setting; `helder config list` shows them all"), (const char *) key);
        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", key, message);
        return;
      }
  {
    g_autoptr (GPtrArray) settings = helder_context_list_settings (request->context);

    for (guint i = 0; i < settings->len; i++)
      {
        const HelderSetting *setting = g_ptr_array_index (settings, i);
        const char *sent = g_hash_table_lookup (form, setting->name);
        g_autoptr (GError) problem = NULL;
        Change change = { 0 };

        if (sent == NULL || !wanted_change (setting, sent, stored, &change))
          continue;
        if (change.value != NULL &&
            !helder_context_check_setting (request->context, setting->name, change.value, &problem))
          {
            g_hash_table_insert (problems, (gpointer) setting->name, g_strdup (problem->message));
            g_ptr_array_add (order, (gpointer) setting->name);
            continue;
          }
        g_array_append_val (changes, change);
      }
  }
  if (order->len > 0)
    {
      respond_settings (request, SOUP_STATUS_BAD_REQUEST, form, problems, order);
      return;
    }
  if (changes->len == 0)
    {
      helder_web_redirect (request, "/settings?done=unchanged");
      return;
    }
  if (!store_changes (request, changes, &error))
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  helder_web_redirect (request, "/settings?done=saved");
}
