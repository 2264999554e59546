/* helder-web-commitment-forms.c — the advisor's form for a new commitment
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /commitments/new shows the form: the promise, who made it and when,
 * when it is due and to whom it was made. POST /commitments checks every
 * field at once (helder-web-form-check.c), then creates the commitment
 * through the repository with the same rules as the CLI and the API, and
 * leads to its page; with a problem the form comes back with what was
 * typed, the problems summed up at the top and each next to its field.
 * Updates and withdrawing are on the commitment's own page
 * (helder-web-decisions.c).
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-audited.h"
#include "web/helder-web-forms-private.h"

static const FormField commitment_new_fields[] = {
  { "text", "text", "text", N_ ("Promise") },
  { "made_by", "made_by", "made_by", N_ ("Made by") },
  { "made_on", "made_on", "made_on", N_ ("Made on") },
  { "due_on", "due_on", "due_on", N_ ("Due") },
  { "groups", "groups", "groups", N_ ("Made to groups") },
  { "persons", "persons", "persons", N_ ("Made to persons") },
};

/* The form as typed, or its defaults. */
typedef struct
{
  char *text;
  char *made_by;
  char *made_on;
  char *due_on;
  char *persons; /* ids or e-mail addresses, comma-separated */
  GPtrArray *groups;
} CommitmentForm;

static void
commitment_form_clear (CommitmentForm *cf)
{
  g_clear_pointer (&cf->text, g_free);
  g_clear_pointer (&cf->made_by, g_free);
  g_clear_pointer (&cf->made_on, g_free);
  g_clear_pointer (&cf->due_on, g_free);
  g_clear_pointer (&cf->persons, g_free);
  g_clear_pointer (&cf->groups, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CommitmentForm, commitment_form_clear)

static void
commitment_form_defaults (HelderWebRequest *request, CommitmentForm *cf)
{
  cf->text = g_strdup ("");
  cf->made_by = g_strdup (request->identity.name ? request->identity.name : "");
  cf->made_on = g_strdup (request->today);
  cf->due_on = g_strdup ("");
  cf->persons = g_strdup ("");
  cf->groups = g_ptr_array_new_with_free_func (g_free);
}

static void
commitment_form_read (HelderWebRequest *request, GHashTable *form, CommitmentForm *cf)
{
  cf->text = helder_web_form_form_multiline (form, "text");
  cf->made_by = g_strstrip (g_strdup (helder_web_form_form_text (form, "made_by")));
  cf->made_on = g_strstrip (g_strdup (helder_web_form_form_text (form, "made_on")));
  cf->due_on = g_strstrip (g_strdup (helder_web_form_form_text (form, "due_on")));
  cf->persons = g_strdup (helder_web_form_form_text (form, "persons"));
  cf->groups = helder_web_form_form_list (request, "groups");
}

/* The form as the values the repository takes. */
static JsonObject *
commitment_form_values (CommitmentForm *cf)
{
  JsonObject *values = json_object_new ();
  g_auto (GStrv) persons = g_strsplit_set (cf->persons, ",; \t\r\n", -1);
  JsonArray *person_keys = json_array_new ();

  json_object_set_string_member (values, "text", cf->text);
  json_object_set_string_member (values, "made_by", cf->made_by);
  json_object_set_string_member (values, "made_on", cf->made_on);
  json_object_set_string_member (values, "due_on", cf->due_on);
  json_object_set_array_member (values, "groups", helder_web_form_strings_to_array (cf->groups));
  for (guint i = 0; persons[i] != NULL; i++)
    if (persons[i][0] != '\0')
      json_array_add_string_element (person_keys, persons[i]);
  json_object_set_array_member (values, "persons", person_keys);
  return values;
}

/* Every problem at once: each field by its own rule, and that the promise
 * was made to someone (the rule of helder_rules_check_commitment(), told
 * here too so that an empty form names it with the rest). */
static gboolean
commitment_form_check (HelderStore *store, JsonObject *values, GError **error)
{
  g_autoptr (GError) fields = NULL;
  gboolean nobody = json_array_get_length (json_object_get_array_member (values, "groups")) == 0 &&
                    json_array_get_length (json_object_get_array_member (values, "persons")) == 0;

  if (helder_web_form_check_values (store, helder_entity_lookup ("commitment"), values, NULL,
                                    &fields) &&
      !nobody)
    return TRUE;
  if (!nobody)
    {
      g_propagate_error (error, g_steal_pointer (&fields));
      return FALSE;
    }
  {
    const char *problem = _ ("groups: say to whom the promise was made (groups and/or persons)");
    g_autofree char *messages =
      fields != NULL ? g_strdup_printf ("%s\n%s", fields->message, problem) : g_strdup (problem);
    g_autofree char *names =
      fields != NULL ? g_strdup_printf ("%s\ngroups", helder_error_get_field (fields) ?: "")
                     : g_strdup ("groups");

    helder_error_set (error, HELDER_ERROR_INVALID, names, "%s", messages);
  }
  return FALSE;
}

static void
respond_form (HelderWebRequest *request, guint status, CommitmentForm *cf, const GError *problem)
{
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *form = json_object_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *groups;

  json_object_set_object_member (context, "form", form);
  groups = helder_web_form_row_choices (request->store, "group", cf->groups, "checked", &error);
  if (groups == NULL)
    {
      helder_web_respond_gerror (request, helder_entity_lookup ("commitment"), error);
      return;
    }
  json_object_set_string_member (form, "text", cf->text);
  json_object_set_string_member (form, "made_by", cf->made_by);
  json_object_set_string_member (form, "made_on", cf->made_on);
  json_object_set_string_member (form, "due_on", cf->due_on);
  json_object_set_string_member (form, "persons", cf->persons);
  json_object_set_array_member (form, "groups", groups);
  if (problem != NULL)
    helder_web_form_add_error (context, commitment_new_fields, G_N_ELEMENTS (commitment_new_fields),
                               problem);
  helder_web_respond_page (request, status, "commitment-new", _ ("New commitment"), context);
}

/* GET /commitments/new */
void
helder_web_handle_commitment_new (HelderWebRequest *request)
{
  g_auto (CommitmentForm) cf = { 0 };

  commitment_form_defaults (request, &cf);
  respond_form (request, 200, &cf, NULL);
}

/* POST /commitments */
void
helder_web_handle_commitment_create (HelderWebRequest *request)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("commitment");
  g_autoptr (GHashTable) form = NULL;
  g_auto (CommitmentForm) cf = { 0 };
  g_autoptr (JsonObject) values = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  commitment_form_read (request, form, &cf);
  values = commitment_form_values (&cf);
  helder_web_request_actor (request, &actor);
  if (commitment_form_check (request->store, values, &error))
    row = helder_repo_create_as (request->store, &actor, entity, values, NULL, &error);
  if (row == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_form (request, helder_web_form_input_error_status (error), &cf, error);
      return;
    }
  key = helder_web_form_id_key (row);
  helder_web_form_redirect_to (request, "/commitments", key, "?done=created");
}
