/* helder-web-decisions.c — the advisor's decision pages: commitment
 * updates and gate decisions
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same pattern as the moment pages (helder-web-forms.c): show the
 * record with a form where the rules allow a change; a POST checks CSRF,
 * calls one core service, then redirects or shows the form again with
 * the message next to the field.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-rules.h"
#include "model/helder-text.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/views/helder-audience.h"
#include "services/repo/helder-repo.h"
#include "web/helder-web-forms-private.h"

/* ---- commitments ---------------------------------------------------------- */

/* The promise itself as the page heading: its text as plain words on one
 * line; a long one is cut after its first sentence, or at a word after
 * some 90 characters. */
static char *
commitment_heading (const char *text, const char *key)
{
  g_autoptr (GString) plain = g_string_new (NULL);
  const guint limit = 90;
  const char *p;

  for (p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '*' || c == '_' || c == '`' || c == '#' || c == '>')
        continue;
      if (g_unichar_isspace (c))
        {
          if (plain->len > 0 && plain->str[plain->len - 1] != ' ')
            g_string_append_c (plain, ' ');
          continue;
        }
      g_string_append_unichar (plain, c);
    }
  while (plain->len > 0 && plain->str[plain->len - 1] == ' ')
    g_string_truncate (plain, plain->len - 1);
  if (plain->len == 0)
    return g_strdup_printf (_ ("Commitment %s"), key);
  if (g_utf8_strlen (plain->str, -1) > limit)
    {
      const char *stop = strstr (plain->str, ". ");

      /* A first sentence that fits makes the best heading. */
      if (stop != NULL && g_utf8_strlen (plain->str, stop - plain->str) >= 20 &&
          g_utf8_strlen (plain->str, stop - plain->str) < limit)
        {
          g_string_truncate (plain, stop - plain->str);
          g_string_append (plain, " …");
          return g_string_free (g_steal_pointer (&plain), FALSE);
        }
    }
  if (g_utf8_strlen (plain->str, -1) > limit)
    {
      const char *cut = g_utf8_offset_to_pointer (plain->str, limit);
      const char *space = g_utf8_strrchr (plain->str, cut - plain->str, ' ');

      if (space != NULL && space - plain->str > (gssize) limit / 2)
        cut = space;
      g_string_truncate (plain, cut - plain->str);
      while (plain->len > 0 && strchr (" ,;:.", plain->str[plain->len - 1]) != NULL)
        g_string_truncate (plain, plain->len - 1);
      g_string_append (plain, "…");
    }
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

/* Withdrawing has its own form, with the explanation it needs. */
static const Choice commitment_update_choices[] = {
  { "", N_ ("unchanged — add a note only") },
  { "kept", N_ ("kept") },
  { "broken", N_ ("broken") },
  { "open", N_ ("open") },
};

static const Choice commitment_banners[] = {
  { "recorded", N_ ("The update is recorded.") },
  { "created", N_ ("The commitment is recorded. It is open until an update says otherwise.") },
  { "withdrawn",
    N_ ("The commitment is withdrawn. The people it was made to see it, with your explanation.") },
};

/* The withdraw form's one field: the service names it "note". */
static const FormField withdraw_form_fields[] = {
  { "note", "explanation", "explanation", N_ ("Explanation") },
};

/* What was typed in one of the page's two forms, to show it again with
 * an error. */
typedef struct
{
  const char *status;
  const char *note;
  const char *evidence_url;
  const char *explanation; /* the withdraw form */
  gboolean withdrawing;    /* the error is about the withdraw form */
} CommitmentTyped;

static char *
effective_label (const char *effective, const char *due_on, const char *today)
{
  GDate due, now;
  gint days;

  if (g_strcmp0 (effective, "late") != 0 || !helder_date_parse (due_on, &due) ||
      !helder_date_parse (today, &now))
    return g_strdup (helder_web_form_status_label (effective));
  days = g_date_days_between (&due, &now);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "late — %d day past the due date",
                                       "late — %d days past the due date", days),
                          days);
}

static void
respond_commitment (HelderWebRequest *request,
                    guint status,
                    JsonObject *row,
                    const CommitmentTyped *typed,
                    const GError *problem)
{
  const HelderEntity *entity = helder_entity_lookup ("commitment_update");
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *commitment = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonArray *history_out = json_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) group_names = NULL;
  g_autoptr (JsonArray) history = NULL;
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *key = helder_web_form_id_key (row);
  g_autofree char *persons = NULL;
  g_autofree char *groups = NULL;
  const char *due_on = json_object_get_string_member (row, "due_on");
  const char *effective = helder_rules_commitment_status (
    json_object_get_string_member (row, "status"), due_on, request->today);
  g_autofree char *heading = commitment_heading (json_object_get_string_member (row, "text"), key);
  g_autofree char *text =
    helder_web_form_markdown_or_empty (json_object_get_string_member (row, "text"));
  g_autofree char *made_on =
    helder_web_form_format_date (json_object_get_string_member (row, "made_on"));
  g_autofree char *due = helder_web_form_format_date (due_on);
  g_autofree char *label = effective_label (effective, due_on, request->today);

  json_object_set_object_member (context, "commitment", commitment);
  json_object_set_object_member (context, "form", form);
  json_object_set_array_member (context, "history", history_out);
  if ((group_names = helder_web_form_name_map (request->store, "group", NULL, &error)) == NULL ||
      (history = helder_commitment_history (request->store, key, &error)) == NULL ||
      (persons = helder_web_form_person_names (
         request->store, json_object_get_array_member (row, "persons"), &error)) == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  groups = helder_web_form_join_names (json_object_get_array_member (row, "groups"), group_names);

  json_object_set_string_member (commitment, "id", key);
  json_object_set_string_member (commitment, "heading", heading);
  json_object_set_string_member (commitment, "text_html", text);
  json_object_set_string_member (commitment, "made_by",
                                 json_object_get_string_member (row, "made_by"));
  json_object_set_string_member (commitment, "made_on_label", made_on);
  json_object_set_string_member (commitment, "due_on_label", due);
  json_object_set_string_member (commitment, "groups_label", groups);
  json_object_set_string_member (commitment, "persons_label", persons);
  json_object_set_string_member (commitment, "effective_status", effective);
  json_object_set_string_member (commitment, "status_label", label);

  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonObject *update = json_array_get_object_element (history, i);
      JsonObject *item = json_object_new ();
      const char *update_status = helder_web_form_string_or_null (update, "status");
      g_autofree char *when =
        helder_web_format_datetime (json_object_get_string_member (update, "created_at"));
      g_autofree char *note_html =
        helder_web_form_markdown_or_empty (helder_web_form_string_or_null (update, "note"));
      const char *evidence = helder_web_form_string_or_null (update, "evidence_url");

      json_object_set_string_member (item, "when", when);
      if (update_status != NULL)
        json_object_set_string_member (item, "status", update_status);
      else
        json_object_set_null_member (item, "status");
      json_object_set_string_member (
        item, "status_label", update_status ? helder_web_form_status_label (update_status) : "");
      json_object_set_string_member (item, "note_html", note_html);
      json_object_set_string_member (item, "evidence_url", evidence ? evidence : "");
      json_object_set_string_member (item, "author",
                                     json_object_get_string_member (update, "author"));
      json_array_add_object_element (history_out, item);
    }
  json_object_set_boolean_member (context, "has_history", json_array_get_length (history) > 0);

  g_ptr_array_add (chosen, (gpointer) (typed && typed->status ? typed->status : ""));
  json_object_set_array_member (
    form, "statuses",
    helder_web_form_choice_options (commitment_update_choices,
                                    G_N_ELEMENTS (commitment_update_choices), chosen, "selected"));
  json_object_set_string_member (form, "note", typed && typed->note ? typed->note : "");
  json_object_set_string_member (form, "evidence_url",
                                 typed && typed->evidence_url ? typed->evidence_url : "");
  json_object_set_string_member (form, "explanation",
                                 typed && typed->explanation ? typed->explanation : "");
  json_object_set_boolean_member (
    context, "can_withdraw",
    g_strcmp0 (json_object_get_string_member (row, "status"), "withdrawn") != 0);

  if (problem != NULL && typed != NULL && typed->withdrawing)
    helder_web_form_add_error (context, withdraw_form_fields, G_N_ELEMENTS (withdraw_form_fields),
                               problem);
  else if (problem != NULL)
    helder_web_form_add_error (context, helder_web_form_commitment_form_fields,
                               G_N_ELEMENTS (helder_web_form_commitment_form_fields), problem);
  else
    helder_web_form_add_banner (context, request, commitment_banners,
                                G_N_ELEMENTS (commitment_banners));
  helder_web_respond_page (request, status, "commitment", heading, context);
}

void
helder_web_handle_commitment_page (HelderWebRequest *request)
{
  g_autoptr (JsonObject) row = helder_web_form_lookup (request, "commitment", "id");

  if (row != NULL)
    respond_commitment (request, 200, row, NULL, NULL);
}

void
helder_web_handle_commitment_record (HelderWebRequest *request)
{
  HelderAuditActor actor;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) recorded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *note = NULL;
  g_autofree char *evidence = NULL;
  CommitmentTyped typed = { 0 };
  const char *status;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "commitment", "id");
  if (row == NULL)
    return;
  key = helder_web_form_id_key (row);
  status = helder_web_form_form_text (form, "status");
  note = helder_web_form_form_multiline (form, "note");
  evidence = g_strstrip (g_strdup (helder_web_form_form_text (form, "evidence_url")));
  typed = (CommitmentTyped){ status, note, evidence, NULL, FALSE };

  helder_web_request_actor (request, &actor);
  recorded = helder_commitment_record_evidence (
    request->store, &actor, key, status[0] ? status : NULL, note, evidence, NULL, &error);
  if (recorded == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, helder_entity_lookup ("commitment_update"), error);
      else
        respond_commitment (request, helder_web_form_input_error_status (error), row, &typed,
                            error);
      return;
    }
  helder_web_form_redirect_to (request, "/commitments", key, "?done=recorded");
}

/* POST /commitments/{id}/withdraw: a promise taken back, with the
 * explanation the people it was made to read. */
void
helder_web_handle_commitment_withdraw (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) recorded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *explanation = NULL;
  CommitmentTyped typed = { 0 };
  HelderAuditActor actor;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "commitment", "id");
  if (row == NULL)
    return;
  key = helder_web_form_id_key (row);
  explanation = helder_web_form_form_multiline (form, "explanation");
  typed = (CommitmentTyped){ NULL, NULL, NULL, explanation, TRUE };

  if (g_strcmp0 (json_object_get_string_member (row, "status"), "withdrawn") == 0)
    g_set_error (&error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                 _ ("commitment %s is already withdrawn"), key);
  else
    {
      helder_web_request_actor (request, &actor);
      recorded = helder_commitment_record (request->store, &actor, key, "withdrawn", explanation,
                                           NULL, &error);
    }
  if (recorded == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, helder_entity_lookup ("commitment_update"), error);
      else
        respond_commitment (request, helder_web_form_input_error_status (error), row, &typed,
                            error);
      return;
    }
  helder_web_form_redirect_to (request, "/commitments", key, "?done=withdrawn");
}

/* ---- gates --------------------------------------------------------------- */

typedef struct
{
  const char *decision;
  const char *rationale;
  const char *override_note;
} GateForm;

/* After the forms of helder-web-gate-forms.c. */
static const Choice gate_banners[] = {
  { "created", N_ ("The gate is created. Add the criteria the decision rests on.") },
  { "criterion-added", N_ ("The criterion is added.") },
  { "criterion-updated", N_ ("The criterion is updated.") },
};

static gboolean
add_drafted (JsonObject *context, HelderWebRequest *request)
{
  const char *drafted = helder_web_query (request, "drafted");
  g_autoptr (JsonObject) moment = NULL;
  JsonObject *banner;
  gint64 id;

  if (drafted == NULL || !g_ascii_string_to_signed (drafted, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;
  moment = helder_repo_get (request->store, helder_entity_lookup ("moment"), drafted, NULL);
  if (moment == NULL)
    return FALSE;
  banner = json_object_new ();
  json_object_set_int_member (banner, "id", id);
  json_object_set_string_member (banner, "title", json_object_get_string_member (moment, "title"));
  json_object_set_object_member (context, "drafted", banner);
  return TRUE;
}

/* A computed criterion: what its measure said, and a flag when it is not
 * met or cannot be judged. */
static void
add_measure (JsonObject *item, JsonObject *criterion)
{
  const char *measure = helder_web_form_string_or_null (criterion, "measure");
  const char *state = helder_web_form_string_or_null (criterion, "measure_state");

  json_object_set_boolean_member (item, "computed", measure != NULL);
  if (measure == NULL)
    return;
  json_object_set_string_member (item, "measure", measure);
  json_object_set_string_member (item, "measure_state", state ? state : "unclear");
  json_object_set_string_member (item, "measure_state_label",
                                 helder_gate_measure_state_label (state ? state : "unclear"));
  json_object_set_boolean_member (item, "measure_flag", g_strcmp0 (state, "met") != 0);
  json_object_set_string_member (item, "measure_value",
                                 helder_web_form_string_or_null (criterion, "measure_value") ?: "");
  json_object_set_string_member (
    item, "measure_source", helder_web_form_string_or_null (criterion, "measure_source") ?: "");
  /* Only a link within the site: a plugin's page, never elsewhere. */
  {
    const char *link = helder_web_form_string_or_null (criterion, "measure_link");

    if (link != NULL && link[0] == '/' && link[1] != '/')
      json_object_set_string_member (item, "measure_link", link);
  }
}

static void
respond_gate (HelderWebRequest *request,
              guint status,
              JsonObject *row,
              const GateForm *typed,
              const GError *problem)
{
  const HelderEntity *entity = helder_entity_lookup ("gate");
  const HelderEntity *criterion = helder_entity_lookup ("criterion");
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *gate = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonArray *criteria_out = json_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  HelderQuery query = { .equals = equals };
  const char *slug = json_object_get_string_member (row, "slug");
  const char *decision = helder_web_form_string_or_null (row, "decision");
  const char *phase = helder_web_form_string_or_null (row, "phase");
  g_autoptr (JsonArray) criteria = NULL;
  g_autoptr (GHashTable) group_names = NULL;
  g_autoptr (GHashTable) phase_names = NULL;
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();
  JsonArray *decisions;
  g_autofree char *date =
    helder_web_form_format_date (json_object_get_string_member (row, "decide_on"));
  g_autofree char *when = g_strdup_printf (_ ("Decision planned for %s"), date);
  g_autofree char *groups = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *note = NULL;
  guint open = 0, total;

  json_object_set_object_member (context, "gate", gate);
  json_object_set_object_member (context, "form", form);
  json_object_set_array_member (context, "criteria", criteria_out);

  g_hash_table_insert (equals, (char *) "gate", (char *) slug);
  criteria = helder_repo_list (request->store, criterion, &query, &error);
  if (criteria != NULL)
    group_names = helder_web_form_name_map (request->store, "group", NULL, &error);
  if (group_names != NULL)
    phase_names = helder_web_form_name_map (request->store, "phase", NULL, &error);
  if (phase_names == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }

  total = json_array_get_length (criteria);
  for (guint i = 0; i < total; i++)
    {
      JsonObject *c = json_array_get_object_element (criteria, i);
      JsonObject *item = json_object_new ();
      const char *c_status = json_object_get_string_member (c, "status");

      if (g_strcmp0 (c_status, "met") != 0)
        open++;
      g_autofree char *note_html =
        helder_web_form_markdown_or_empty (helder_web_form_string_or_null (c, "note"));

      json_object_set_int_member (item, "id", json_object_get_int_member (c, "id"));
      json_object_set_string_member (item, "text", json_object_get_string_member (c, "text"));
      json_object_set_string_member (item, "note_html", note_html);
      json_object_set_string_member (item, "owner",
                                     helder_web_form_string_or_null (c, "owner") ?: "");
      json_object_set_string_member (item, "status", c_status);
      json_object_set_string_member (item, "status_label", helder_web_form_status_label (c_status));
      add_measure (item, c);
      json_array_add_object_element (criteria_out, item);
    }
  json_object_set_boolean_member (context, "has_criteria", total > 0);
  if (total == 0)
    summary = g_strdup (_ ("This gate has no criteria."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u criterion is not met.",
                                            "%u of %u criteria are not met.", total),
                               open, total);
  json_object_set_string_member (context, "criteria_summary", summary);

  groups = helder_web_form_join_names (json_object_get_array_member (row, "groups"), group_names);
  json_object_set_string_member (gate, "slug", slug);
  {
    g_autofree char *escaped = g_uri_escape_string (slug, NULL, FALSE);
    json_object_set_string_member (gate, "path", escaped);
  }
  json_object_set_string_member (gate, "name", json_object_get_string_member (row, "name"));
  json_object_set_string_member (gate, "when_label", when);
  json_object_set_string_member (
    gate, "phase_label", phase != NULL ? (g_hash_table_lookup (phase_names, phase) ?: phase) : "");
  json_object_set_string_member (gate, "groups_label", groups);
  if (decision != NULL)
    {
      g_autofree char *decided_at =
        helder_web_format_datetime (helder_web_form_string_or_null (row, "decided_at") ?: "");
      g_autofree char *rationale =
        helder_web_form_markdown_or_empty (helder_web_form_string_or_null (row, "rationale"));
      g_autofree char *override =
        helder_web_form_markdown_or_empty (helder_web_form_string_or_null (row, "override_note"));

      json_object_set_string_member (gate, "decision", decision);
      json_object_set_string_member (
        gate, "decision_label",
        helder_web_form_choice_label (helder_web_form_decision_choices,
                                      G_N_ELEMENTS (helder_web_form_decision_choices), decision));
      json_object_set_string_member (gate, "decided_by",
                                     helder_web_form_string_or_null (row, "decided_by") ?: "");
      json_object_set_string_member (gate, "decided_at_label", decided_at ? decided_at : "");
      json_object_set_string_member (gate, "rationale_html", rationale);
      json_object_set_string_member (gate, "override_html", override);
    }
  else
    json_object_set_null_member (gate, "decision");

  json_object_set_boolean_member (context, "can_decide",
                                  decision == NULL || g_str_equal (decision, "postponed"));
  if (groups[0] != '\0')
    {
      g_autofree char *isolated = helder_text_isolate (groups);

      note = g_strdup_printf (
        _ (
          "Recording a decision drafts a moment that tells the affected groups (%s). You review and approve it before anything is sent."),
        isolated);
    }
  else
    note = g_strdup (_ (
      "Recording a decision drafts a moment about it. This gate names no affected groups, so give the draft an audience before you approve it."));
  json_object_set_string_member (context, "decide_note", note);
  if (open > 0)
    hint = g_strdup_printf (
      g_dngettext (
        GETTEXT_PACKAGE,
        "Required to decide go while %u criterion is not met: explain why the programme goes ahead anyway and how the risk is handled.",
        "Required to decide go while %u criteria are not met: explain why the programme goes ahead anyway and how the risks are handled.",
        open),
      open);
  else
    hint = g_strdup (
      _ ("Only needed to decide go while criteria are not met; all criteria are met now."));
  json_object_set_string_member (context, "override_hint", hint);

  g_ptr_array_add (chosen, (gpointer) (typed && typed->decision ? typed->decision : ""));
  decisions = helder_web_form_choice_options (helder_web_form_decision_choices,
                                              G_N_ELEMENTS (helder_web_form_decision_choices),
                                              chosen, "checked");
  /* The hint about postponing sits under that option. */
  for (guint i = 0; i < json_array_get_length (decisions); i++)
    {
      JsonObject *option = json_array_get_object_element (decisions, i);

      json_object_set_boolean_member (
        option, "postponed",
        g_strcmp0 (json_object_get_string_member (option, "value"), "postponed") == 0);
    }
  json_object_set_array_member (form, "decisions", decisions);
  json_object_set_string_member (form, "rationale",
                                 typed && typed->rationale ? typed->rationale : "");
  json_object_set_string_member (form, "override_note",
                                 typed && typed->override_note ? typed->override_note : "");

  if (problem != NULL)
    helder_web_form_add_error (context, helder_web_form_gate_form_fields,
                               G_N_ELEMENTS (helder_web_form_gate_form_fields), problem);
  else if (!add_drafted (context, request))
    helder_web_form_add_banner (context, request, gate_banners, G_N_ELEMENTS (gate_banners));
  helder_web_respond_page (request, status, "gate", json_object_get_string_member (row, "name"),
                           context);
}

void
helder_web_handle_gate_page (HelderWebRequest *request)
{
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;

  /* Computed criteria as their plugins measure them now. */
  if (!helder_context_refresh_gate_measures (request->context, request->store, &error))
    {
      helder_web_respond_gerror (request, helder_entity_lookup ("gate"), error);
      return;
    }
  row = helder_web_form_lookup (request, "gate", "slug");
  if (row != NULL)
    respond_gate (request, 200, row, NULL, NULL);
}

void
helder_web_handle_gate_decide (HelderWebRequest *request)
{
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) decided = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *rationale = NULL;
  g_autofree char *override = NULL;
  g_autofree char *drafted = NULL;
  GateForm typed = { 0 };
  HelderAuditActor actor;
  const char *slug;

  helder_web_request_actor (request, &actor);
  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "gate", "slug");
  if (row == NULL)
    return;
  slug = json_object_get_string_member (row, "slug");
  rationale = helder_web_form_form_multiline (form, "rationale");
  override = helder_web_form_form_multiline (form, "override_note");
  typed = (GateForm){ helder_web_form_form_text (form, "decision"), rationale, override };

  if (typed.decision[0] == '\0')
    helder_error_set (&error, HELDER_ERROR_INVALID, "decision",
                      _ ("decision: choose go, no go or postponed"));
  else
    decided = helder_gate_decide (request->store, &actor, slug, typed.decision, rationale,
                                  request->identity.name,
                                  helder_web_form_blank (override) ? NULL : override, &error);
  if (decided == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, helder_entity_lookup ("gate"), error);
      else
        respond_gate (request, helder_web_form_input_error_status (error), row, &typed, error);
      return;
    }
  drafted =
    g_strdup_printf ("?drafted=%" PRId64, json_object_get_int_member (decided, "drafted_moment"));
  helder_web_form_redirect_to (request, "/gates", slug, drafted);
}
