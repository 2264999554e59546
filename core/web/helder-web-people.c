/* helder-web-people.c — the advisor's people pages: the list of everyone
 * (search, filter by group, one page at a time), a new person and the
 * form that changes one
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forms write through the same repository calls as the API
 * (helder_repo_create / helder_repo_update), so the rules and messages are
 * the API's and the CLI's; every change is audited. As the other forms
 * (helder-web-forms.c): a POST checks CSRF, then redirects, or shows the
 * form again with each problem next to its field and nothing changed.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-channel-names.h"
#include "services/access/helder-audit.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-audited.h"
#include "services/views/helder-people-list.h"
#include "web/helder-web-forms-private.h"

#define PEOPLE_PAGE_SIZE 50

/* The member that holds a person's e-mail address (not a channel). */
#define PERSON_EMAIL "email"

static const FormField person_form_fields[] = {
  { "name", "name", "name", N_ ("Name") },
  { PERSON_EMAIL, PERSON_EMAIL, PERSON_EMAIL, N_ ("E-mail address") },
  { "locale", "locale", "locale", N_ ("Language") },
  { "organisation", "organisation", "organisation", N_ ("Organisation") },
  { "groups", "groups", "groups", N_ ("Groups") },
  { "role", "role", "role", N_ ("Role") },
  { "manager", "manager", "manager", N_ ("Manager") },
  { "channels", "channels", "channels", N_ ("Channels") },
  { "digest", "digest", "digest-default", N_ ("Weekly digest") },
};

static const Choice locale_choices[] = {
  { "nl", N_ ("Dutch") },
  { "en", N_ ("English") },
};

static const Choice digest_choices[] = {
  { "default", N_ ("as usual: weekly, except for people outside the organisation") },
  { "weekly", N_ ("weekly") },
  { "off", N_ ("none") },
};

static const Choice access_choices[] = {
  { "held", N_ ("has access") },
  { "link", N_ ("sign-in link sent") },
  { "none", N_ ("no access yet") },
};

static const Choice person_banners[] = {
  { "saved", N_ ("The changes are saved.") },
  { "created", N_ ("The person is added.") },
};

/* ---- the list ------------------------------------------------------------------ */

static void
set_owned (JsonObject *object, const char *member, char *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

static void G_GNUC_PRINTF (3, 4)
  set_printf (JsonObject *object, const char *member, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  set_owned (object, member, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The query parameter @name as typed; answers 400 itself when it is there
 * but not UTF-8 or longer than @max characters. */
static gboolean
query_text (HelderWebRequest *request, const char *name, glong max, const char **value)
{
  const char *text = helder_web_query (request, name);
  g_autofree char *message = NULL;

  if (request->query != NULL && text == NULL && g_hash_table_contains (request->query, name))
    message = g_strdup_printf (_ ("%s: the value is not valid UTF-8"), name);
  else if (text != NULL && g_utf8_strlen (text, -1) > max)
    message = g_strdup_printf (_ ("%s: at most %ld characters"), name, max);
  if (message != NULL)
    {
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
      return FALSE;
    }
  *value = text != NULL && text[0] != '\0' ? text : NULL;
  return TRUE;
}

static gboolean
query_page (HelderWebRequest *request, guint64 *page)
{
  const char *text = NULL;
  g_autofree char *message = NULL;

  if (!query_text (request, "page", 20, &text))
    return FALSE;
  if (text == NULL)
    {
      *page = 1;
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32 / PEOPLE_PAGE_SIZE, page, NULL))
    return TRUE;
  message = g_strdup_printf (_ ("%s: “%s” is not a whole number of %u or more"), "page", text, 1);
  helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "page", message);
  return FALSE;
}

/* "/people?q=…&group=…&page=N" with what was asked for kept. */
static char *
list_href (const char *q, const char *group, guint64 page)
{
  GString *href = g_string_new ("/people");
  char sep = '?';

  if (q != NULL)
    {
      g_autofree char *e = g_uri_escape_string (q, NULL, FALSE);
      g_string_append_printf (href, "%cq=%s", sep, e);
      sep = '&';
    }
  if (group != NULL)
    {
      g_autofree char *e = g_uri_escape_string (group, NULL, FALSE);
      g_string_append_printf (href, "%cgroup=%s", sep, e);
      sep = '&';
    }
  if (page > 1)
    g_string_append_printf (href, "%cpage=%" G_GUINT64_FORMAT, sep, page);
  return g_string_free (href, FALSE);
}

static JsonObject *
list_row (JsonObject *person, GHashTable *group_names)
{
  JsonObject *row = json_object_new ();
  gint64 id = json_object_get_int_member (person, "id");
  const char *status = helder_web_form_string_or_null (person, "change_status");
  const char *role = helder_web_form_string_or_null (person, "role_name");
  g_autofree char *groups =
    helder_web_form_join_names (json_object_get_array_member (person, "groups"), group_names);

  json_object_set_string_member (row, "name", helder_web_form_string_or_null (person, "name"));
  json_object_set_string_member (row, PERSON_EMAIL,
                                 helder_web_form_string_or_null (person, PERSON_EMAIL) ?: "");
  json_object_set_string_member (row, "groups", groups);
  json_object_set_string_member (row, "role", role != NULL ? role : "");
  json_object_set_string_member (row, "status", status != NULL ? status : "");
  json_object_set_string_member (
    row, "status_label",
    status != NULL
      ? helder_web_form_choice_label (helder_web_form_change_status_choices,
                                      G_N_ELEMENTS (helder_web_form_change_status_choices), status)
      : "");
  json_object_set_string_member (
    row, "access_label",
    helder_web_form_choice_label (access_choices, G_N_ELEMENTS (access_choices),
                                  json_object_get_string_member (person, "access")));
  json_object_set_string_member (row, "access", json_object_get_string_member (person, "access"));
  set_printf (row, "edit_href", "/people/%" PRId64 "/edit", id);
  return row;
}

static JsonArray *
group_options (JsonArray *groups, const char *chosen)
{
  JsonArray *options = json_array_new ();

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      JsonObject *option = json_object_new ();
      const char *slug = json_object_get_string_member (group, "slug");

      json_object_set_string_member (option, "value", slug);
      json_object_set_string_member (option, "label",
                                     json_object_get_string_member (group, "name"));
      json_object_set_boolean_member (option, "selected", g_strcmp0 (slug, chosen) == 0);
      json_array_add_object_element (options, option);
    }
  return options;
}

static void
add_pagination (JsonObject *context, const char *q, const char *group, guint64 page, guint64 pages)
{
  g_autofree char *page_text = g_strdup_printf (_ ("Page %u of %u"), (guint) page, (guint) pages);

  json_object_set_string_member (context, "page_text", page_text);
  if (page > 1)
    set_owned (context, "prev_href", list_href (q, group, page - 1));
  if (page < pages)
    set_owned (context, "next_href", list_href (q, group, page + 1));
}

void
helder_web_handle_people_page (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) group_names = NULL;
  g_autoptr (JsonArray) groups = NULL;
  g_autoptr (JsonObject) found = NULL;
  g_autoptr (JsonObject) context = json_object_new ();
  g_autofree char *summary = NULL;
  g_autofree char *detail = NULL;
  const char *q = NULL, *group = NULL;
  JsonArray *rows = json_array_new ();
  JsonArray *people;
  guint64 page, total, pages;
  HelderPeopleFilter filter = { 0 };

  json_object_set_array_member (context, "people", rows);
  if (!query_text (request, "q", HELDER_PEOPLE_LIST_MAX_QUERY, &q) ||
      !query_text (request, "group", 200, &group) || !query_page (request, &page))
    return;
  group_names = helder_web_form_name_map (request->store, "group", &groups, &error);
  if (group_names == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  if (group != NULL && !g_hash_table_contains (group_names, group))
    {
      g_autofree char *message = g_strdup_printf (_ ("group: there is no group “%s”"), group);
      helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", "group", message);
      return;
    }
  filter.query = q;
  filter.group = group;
  filter.offset = (guint) ((page - 1) * PEOPLE_PAGE_SIZE);
  filter.limit = PEOPLE_PAGE_SIZE;
  found = helder_people_list_find (request->store, &filter, &error);
  if (found == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  total = (guint64) json_object_get_int_member (found, "total");
  pages = MAX ((total + PEOPLE_PAGE_SIZE - 1) / PEOPLE_PAGE_SIZE, 1);
  if (page > pages)
    {
      g_autofree char *message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "page: there is no page %u; the list has %u page",
                     "page: there is no page %u; the list has %u pages", (gulong) pages),
        (guint) page, (guint) pages);
      helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "page", message);
      return;
    }
  people = json_object_get_array_member (found, "people");
  for (guint i = 0; i < json_array_get_length (people); i++)
    json_array_add_object_element (
      rows, list_row (json_array_get_object_element (people, i), group_names));

  if (q != NULL || group != NULL)
    summary = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u person matches.", "%u people match.", (gulong) total),
      (guint) total);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person in the programme.",
                                            "%u people in the programme.", (gulong) total),
                               (guint) total);
  json_object_set_string_member (context, "summary", summary);
  json_object_set_boolean_member (context, "has_people", json_array_get_length (people) > 0);
  json_object_set_string_member (context, "q", q != NULL ? q : "");
  json_object_set_array_member (context, "groups", group_options (groups, group));
  add_pagination (context, q, group, page, pages);
  helder_web_form_add_banner (context, request, person_banners, G_N_ELEMENTS (person_banners));

  detail = g_strdup_printf (_ ("list of %u (of %u, from %u)"), json_array_get_length (people),
                            (guint) total, filter.offset);
  helder_web_audit (request, "read", "person", "", 0, detail);
  helder_web_respond_page (request, 200, "people", _ ("People"), context);
}

/* ---- the form ------------------------------------------------------------------ */

/* What the form shows: a person's row, or what was typed. */
typedef struct
{
  const char *name;
  const char *email;
  const char *locale;
  const char *organisation;
  const char *role;
  const char *manager;
  const char *digest;
  GPtrArray *groups;   /* slugs */
  GPtrArray *channels; /* names */
} PersonForm;

static void
person_form_clear (PersonForm *form)
{
  g_clear_pointer (&form->groups, g_ptr_array_unref);
  g_clear_pointer (&form->channels, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PersonForm, person_form_clear)

/* A select's options (@flag "selected") or radios' ("checked"), @chosen marked. */
static JsonArray *
single_options (const Choice *choices, guint n, const char *chosen, const char *flag)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, (gpointer) (chosen != NULL ? chosen : ""));
  return helder_web_form_choice_options (choices, n, one, flag);
}

static JsonArray *
role_options (HelderWebRequest *request, const char *chosen, GError **error)
{
  g_autoptr (JsonArray) roles = NULL;
  g_autoptr (GHashTable) names = helder_web_form_name_map (request->store, "role", &roles, error);
  JsonArray *options;
  JsonObject *none;

  if (names == NULL)
    return NULL;
  options = json_array_new ();
  none = json_object_new ();
  json_object_set_string_member (none, "value", "");
  json_object_set_string_member (none, "label", _ ("no role recorded"));
  json_object_set_boolean_member (none, "selected", chosen == NULL || chosen[0] == '\0');
  json_array_add_object_element (options, none);
  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);
      JsonObject *option = json_object_new ();
      const char *slug = json_object_get_string_member (role, "slug");

      json_object_set_string_member (option, "value", slug);
      json_object_set_string_member (option, "label", json_object_get_string_member (role, "name"));
      json_object_set_boolean_member (option, "selected", g_strcmp0 (slug, chosen) == 0);
      json_array_add_object_element (options, option);
    }
  return options;
}

static JsonArray *
checkbox_options (JsonArray *rows, const char *key, GPtrArray *chosen)
{
  JsonArray *options = json_array_new ();

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *option = json_object_new ();
      const char *value = json_object_get_string_member (row, key);

      json_object_set_string_member (option, "value", value);
      json_object_set_string_member (option, "label", json_object_get_string_member (row, "name"));
      json_object_set_boolean_member (option, "checked",
                                      helder_web_form_strings_contain (chosen, value));
      json_array_add_object_element (options, option);
    }
  return options;
}

static JsonArray *
channel_options (GPtrArray *chosen)
{
  g_auto (GStrv) names = helder_channel_names_list (HELDER_CHANNEL_ADDRESSED);
  JsonArray *options = json_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "value", names[i]);
      json_object_set_string_member (option, "label", helder_channel_names_get_label (names[i]));
      json_object_set_boolean_member (option, "checked",
                                      helder_web_form_strings_contain (chosen, names[i]));
      json_array_add_object_element (options, option);
    }
  return options;
}

/* The form page: a new person when @id is 0. */
static void
respond_form (HelderWebRequest *request,
              guint status,
              gint64 id,
              const char *heading,
              const PersonForm *form,
              const GError *problem)
{
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) groups = NULL;
  g_autoptr (GHashTable) group_names = NULL;
  JsonObject *values = json_object_new ();
  JsonArray *roles;

  json_object_set_object_member (context, "form", values);
  group_names = helder_web_form_name_map (request->store, "group", &groups, &error);
  roles = group_names != NULL ? role_options (request, form->role, &error) : NULL;
  if (roles == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_array_member (values, "roles", roles);
  json_object_set_string_member (values, "name", form->name ?: "");
  json_object_set_string_member (values, PERSON_EMAIL, form->email ?: "");
  json_object_set_string_member (values, "organisation", form->organisation ?: "");
  json_object_set_string_member (values, "manager", form->manager ?: "");
  json_object_set_array_member (
    values, "locales",
    single_options (locale_choices, G_N_ELEMENTS (locale_choices), form->locale, "selected"));
  json_object_set_array_member (values, "digests",
                                single_options (digest_choices, G_N_ELEMENTS (digest_choices),
                                                form->digest != NULL ? form->digest : "default",
                                                "checked"));
  json_object_set_array_member (values, "groups", checkbox_options (groups, "slug", form->groups));
  json_object_set_array_member (values, "channels", channel_options (form->channels));
  if (id != 0)
    {
      set_printf (context, "action", "/people/%" PRId64 "/edit", id);
      set_printf (context, "page_href", "/people/%" PRId64, id);
    }
  else
    json_object_set_string_member (context, "action", "/people");
  json_object_set_boolean_member (context, "editing", id != 0);
  json_object_set_string_member (context, "heading", heading);
  if (problem != NULL)
    helder_web_form_add_error (context, person_form_fields, G_N_ELEMENTS (person_form_fields),
                               problem);
  else
    helder_web_form_add_banner (context, request, person_banners, G_N_ELEMENTS (person_banners));
  helder_web_respond_page (request, status, "person-form", heading, context);
}

static GPtrArray *
json_strings (JsonObject *row, const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_ptr_array_new_with_free_func (g_free);
  return helder_web_form_array_to_strings (json_node_get_array (node));
}

/* The manager as the form shows it: their e-mail address, else their id. */
static char *
manager_text (HelderStore *store, JsonObject *row)
{
  JsonNode *node = json_object_get_member (row, "manager");
  g_autoptr (JsonObject) manager = NULL;
  g_autofree char *key = NULL;
  const char *email;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  key = g_strdup_printf ("%" PRId64, json_node_get_int (node));
  manager = helder_repo_get (store, helder_entity_lookup ("person"), key, NULL);
  email = manager != NULL ? helder_web_form_string_or_null (manager, PERSON_EMAIL) : NULL;
  return email != NULL ? g_strdup (email) : g_steal_pointer (&key);
}

static gint64
person_id (HelderWebRequest *request, JsonObject **row_out)
{
  JsonObject *row = helder_web_form_lookup (request, "person", "id");

  if (row == NULL)
    return 0;
  *row_out = row;
  return json_object_get_int_member (row, "id");
}

void
helder_web_handle_person_new (HelderWebRequest *request)
{
  g_auto (PersonForm) form = { 0 };

  form.locale = "nl";
  respond_form (request, 200, 0, _ ("New person"), &form, NULL);
}

void
helder_web_handle_person_edit_page (HelderWebRequest *request)
{
  g_autoptr (JsonObject) row = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *key = NULL;
  g_auto (PersonForm) form = { 0 };
  gint64 id = person_id (request, &row);

  if (id == 0)
    return;
  manager = manager_text (request->store, row);
  form.name = helder_web_form_string_or_null (row, "name");
  form.email = helder_web_form_string_or_null (row, PERSON_EMAIL);
  form.locale = helder_web_form_string_or_null (row, "locale");
  form.organisation = helder_web_form_string_or_null (row, "organisation");
  form.role = helder_web_form_string_or_null (row, "role");
  form.manager = manager;
  form.digest = helder_web_form_string_or_null (row, "digest");
  form.groups = json_strings (row, "groups");
  form.channels = json_strings (row, "channels");
  heading = g_strdup_printf (_ ("Change %s"), form.name);
  key = g_strdup_printf ("%" PRId64, id);
  helder_web_audit (request, "read", "person", key, id, "edit form");
  respond_form (request, 200, id, heading, &form, NULL);
}

/* The submitted form, and the changes it asks for in the API's terms. */
static JsonObject *
read_submitted (HelderWebRequest *request, GHashTable *fields, PersonForm *form)
{
  JsonObject *changes = json_object_new ();

  form->name = helder_web_form_form_text (fields, "name");
  form->email = helder_web_form_form_text (fields, PERSON_EMAIL);
  form->locale = helder_web_form_form_text (fields, "locale");
  form->organisation = helder_web_form_form_text (fields, "organisation");
  form->role = helder_web_form_form_text (fields, "role");
  form->manager = helder_web_form_form_text (fields, "manager");
  form->digest = helder_web_form_form_text (fields, "digest");
  form->groups = helder_web_form_form_list (request, "groups");
  form->channels = helder_web_form_form_list (request, "channels");

  json_object_set_string_member (changes, "name", form->name);
  if (helder_web_form_blank (form->email))
    json_object_set_null_member (changes, PERSON_EMAIL);
  else
    json_object_set_string_member (changes, PERSON_EMAIL, g_strstrip (g_strdup (form->email)));
  json_object_set_string_member (changes, "locale", form->locale);
  json_object_set_string_member (changes, "organisation", form->organisation);
  if (form->role[0] == '\0')
    json_object_set_null_member (changes, "role");
  else
    json_object_set_string_member (changes, "role", form->role);
  if (helder_web_form_blank (form->manager))
    json_object_set_null_member (changes, "manager");
  else
    {
      g_autofree char *manager = g_strstrip (g_strdup (form->manager));
      gint64 id;

      /* A number is an id, as the API takes it; else an e-mail address. */
      if (g_ascii_string_to_signed (manager, 10, 1, G_MAXINT64, &id, NULL))
        json_object_set_int_member (changes, "manager", id);
      else
        json_object_set_string_member (changes, "manager", manager);
    }
  json_object_set_string_member (changes, "digest", form->digest);
  json_object_set_array_member (changes, "groups", helder_web_form_strings_to_array (form->groups));
  json_object_set_array_member (changes, "channels",
                                helder_web_form_strings_to_array (form->channels));
  return changes;
}

/* The repository stops at the first problem; the form names them all.
 * @changes is written again without each field found wrong, inside a
 * transaction that is always rolled back, until no new problem shows.
 * Returns one error with a line (and a field) per problem. */
static GError *
all_problems (HelderWebRequest *request, gint64 id, JsonObject *changes, const GError *first)
{
  const HelderEntity *entity = helder_entity_lookup ("person");
  g_autoptr (GString) messages = g_string_new (first->message);
  g_autoptr (GString) fields = g_string_new (helder_error_get_field (first));
  g_autoptr (GHashTable) skip = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  GError *all;

  if (helder_error_get_field (first) != NULL && helder_store_begin (request->store, NULL))
    {
      g_hash_table_add (skip, (gpointer) g_intern_string (helder_error_get_field (first)));
      for (guint round = 0; round < G_N_ELEMENTS (person_form_fields); round++)
        {
          g_autoptr (JsonObject) attempt = json_object_new ();
          g_autoptr (JsonObject) row = NULL;
          g_autoptr (GError) next = NULL;
          g_autoptr (GList) members = json_object_get_members (changes);
          const char *field;

          for (GList *l = members; l != NULL; l = l->next)
            if (!g_hash_table_contains (skip, l->data))
              json_object_set_member (attempt, l->data,
                                      json_node_copy (json_object_get_member (changes, l->data)));
          if (json_object_get_size (attempt) == 0)
            break;
          row = id != 0 ? helder_repo_update (request->store, entity, key, attempt,
                                              HELDER_WRITE_DEFAULT, &next)
                        : helder_repo_create (request->store, entity, attempt, HELDER_WRITE_DEFAULT,
                                              &next);
          field = next != NULL ? helder_error_get_field (next) : NULL;
          if (row != NULL || !helder_web_form_is_input_error (next) || field == NULL ||
              strchr (field, '\n') != NULL || json_object_get_member (changes, field) == NULL ||
              g_hash_table_contains (skip, field))
            break;
          g_string_append_printf (messages, "\n%s", next->message);
          g_string_append_printf (fields, "\n%s", field);
          g_hash_table_add (skip, (gpointer) g_intern_string (field));
        }
      helder_store_rollback (request->store);
    }
  all = g_error_new_literal (first->domain, first->code, messages->str);
  helder_error_set_field (all, fields->str);
  return all;
}

void
helder_web_handle_person_create (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("person");
  g_autoptr (GHashTable) fields = NULL;
  g_autoptr (JsonObject) changes = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PersonForm) form = { 0 };
  g_autofree char *key = NULL;
  HelderAuditActor actor;

  fields = helder_web_read_form (request);
  if (fields == NULL || !helder_web_check_csrf (request, fields))
    return;
  changes = read_submitted (request, fields, &form);
  /* The person and its audit entry in one transaction. */
  helder_web_request_actor (request, &actor);
  row = helder_repo_create_as (request->store, &actor, entity, changes, NULL, &error);
  if (row == NULL)
    {
      g_autoptr (GError) all = NULL;

      if (!helder_web_form_is_input_error (error))
        {
          helder_web_respond_gerror (request, entity, error);
          return;
        }
      all = all_problems (request, 0, changes, error);
      respond_form (request, helder_web_form_input_error_status (error), 0, _ ("New person"), &form,
                    all);
      return;
    }
  key = helder_repo_key_text (entity, row);
  helder_web_form_redirect_to (request, "/people", key, "/edit?done=created");
}

/* "email, groups": the fields whose value the update changed. */
static char *
changed_members (JsonObject *changes, JsonObject *before, JsonObject *after)
{
  GString *out = g_string_new (NULL);
  g_autoptr (GList) members = json_object_get_members (changes);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *was = json_object_get_member (before, l->data);
      JsonNode *now = json_object_get_member (after, l->data);

      if (was != NULL && now != NULL && json_node_equal (was, now))
        continue;
      if (was == NULL && now == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, l->data);
    }
  return g_string_free (out, FALSE);
}

/* The update and, when a value changed, its audit entry naming the
 * fields that did, in one transaction. */
static JsonObject *
update_audited (HelderWebRequest *request,
                const HelderEntity *entity,
                const char *key,
                gint64 id,
                JsonObject *before,
                JsonObject *changes,
                GError **error)
{
  g_autoptr (JsonObject) updated = NULL;
  g_autofree char *changed = NULL;
  HelderAuditActor actor;

  helder_web_request_actor (request, &actor);
  if (!helder_store_begin (request->store, error))
    return NULL;
  updated = helder_repo_update (request->store, entity, key, changes, HELDER_WRITE_DEFAULT, error);
  if (updated != NULL)
    changed = changed_members (changes, before, updated);
  if (updated == NULL ||
      (changed[0] != '\0' && !helder_audit_record (request->store, &actor, "update", "person", key,
                                                   id, changed, error)) ||
      !helder_store_commit (request->store, error))
    {
      helder_store_rollback (request->store);
      return NULL;
    }
  return g_steal_pointer (&updated);
}

void
helder_web_handle_person_update (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("person");
  g_autoptr (GHashTable) fields = NULL;
  g_autoptr (JsonObject) changes = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) updated = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PersonForm) form = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *heading = NULL;
  gint64 id;

  fields = helder_web_read_form (request);
  if (fields == NULL || !helder_web_check_csrf (request, fields))
    return;
  id = person_id (request, &row);
  if (id == 0)
    return;
  key = g_strdup_printf ("%" PRId64, id);
  changes = read_submitted (request, fields, &form);
  updated = update_audited (request, entity, key, id, row, changes, &error);
  if (updated == NULL)
    {
      g_autoptr (GError) all = NULL;

      heading = g_strdup_printf (_ ("Change %s"), json_object_get_string_member (row, "name"));
      if (!helder_web_form_is_input_error (error))
        {
          helder_web_respond_gerror (request, entity, error);
          return;
        }
      all = all_problems (request, id, changes, error);
      respond_form (request, helder_web_form_input_error_status (error), id, heading, &form, all);
      return;
    }
  helder_web_form_redirect_to (request, "/people", key, "/edit?done=saved");
}
