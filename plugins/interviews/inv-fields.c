/* inv-fields.c — the inventory's kinds and fields, and typed values parsed
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which fields each kind of item has, their labels, and the one place
 * where a value somebody typed (in English or Dutch: "virtuele machine",
 * "extern", "tweerichting", "31-12-2027") becomes the text a claim keeps
 * (migrations/0001-interviews.sql: choices by their key, dates as
 * YYYY-MM-DD, people as "person:ID"). A wrong value is refused naming the
 * field and what was typed.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

const char *const inv_kinds[] = { "component", "application", "coupling", "supplier",
                                  "contract",  "process",     NULL };

/* A key followed by the words (folded, '-' for spaces) that mean it;
 * each list ends with NULL, the table with a NULL key. */
typedef struct
{
  const char *key;
  const char *words[6];
} InvWords;

static const InvWords kind_words[] = {
  { "component", { "component", "componenten", "components", NULL } },
  { "application", { "applicatie", "applicaties", "applications", "toepassing", NULL } },
  { "coupling", { "koppeling", "koppelingen", "couplings", "interface", NULL } },
  { "supplier", { "leverancier", "leveranciers", "suppliers", NULL } },
  { "contract", { "contracten", "contracts", "overeenkomst", NULL } },
  { "process", { "proces", "processen", "processes", NULL } },
  { NULL, { NULL } },
};

static const InvWords field_words[] = {
  { "name", { "naam", NULL } },
  { "domain", { "domein", NULL } },
  { "description", { "omschrijving", "beschrijving", NULL } },
  { "type", { "soort-component", "componenttype", NULL } },
  { "version", { "versie", NULL } },
  { "supplier", { "leverancier", NULL } },
  { "owner", { "eigenaar", "functioneel-beheerder", "functional-owner", NULL } },
  { "key_users", { "key-users", "kerngebruikers", "keyusers", NULL } },
  { "from", { "van", NULL } },
  { "to", { "naar", NULL } },
  { "protocol", { "soort", NULL } },
  { "scope", { "intern-of-extern", "internal-or-external", NULL } },
  { "direction", { "richting", NULL } },
  { "subject", { "onderwerp", NULL } },
  { "ends_on", { "ends-on", "einddatum", "end-date", NULL } },
  { "notice_months",
    { "notice-months", "opzegtermijn", "opzegtermijn-(maanden)", "notice-period", NULL } },
  { NULL, { NULL } },
};

static const InvWords type_words[] = {
  { "server", { "servers", NULL } },
  { "virtual-machine", { "virtuele-machine", "vm", "virtual-server", "virtuele-server", NULL } },
  { "physical-host", { "fysieke-host", "fysieke-server", "host", "physical-server", NULL } },
  { "database", { "databank", "db", NULL } },
  { "storage", { "opslag", "san", "nas", NULL } },
  { "network-device", { "netwerkapparaat", "netwerkcomponent", "netwerk", "network", NULL } },
  { "workplace", { "werkplek", "werkplekken", NULL } },
  { "cloud-service", { "clouddienst", "cloud", "saas", NULL } },
  { NULL, { NULL } },
};

static const InvWords scope_words[] = {
  { "internal", { "intern", NULL } },
  { "external", { "extern", NULL } },
  { NULL, { NULL } },
};

static const InvWords direction_words[] = {
  { "one-way", { "eenrichting", "een-richting", "eenzijdig", "oneway", NULL } },
  { "two-way", { "tweerichting", "twee-richtingen", "tweezijdig", "beide", "twoway", NULL } },
  { NULL, { NULL } },
};

static const InvWords aspect_words[] = {
  { "software", { "systeemsoftware", "system-software", NULL } },
  { "ip", { "ip-adres", "ip-address", "ip-adressen", NULL } },
  { "virtualised", { "gevirtualiseerd", "virtualized", "virtualisatie", NULL } },
  { "cleanup", { "opgeschoond", "opschonen", "clean-up", "cleaned-up", NULL } },
  { "wave", { "migratiegolf", "golf", "migration-wave", NULL } },
  { "owner", { "eigenaar", NULL } },
  { NULL, { NULL } },
};

static const InvWords status_words[] = {
  { "open", { "nog-niet", NULL } },
  { "in-progress", { "bezig", "in-uitvoering", "onderhanden", NULL } },
  { "done", { "klaar", "gereed", "afgerond", NULL } },
  { "not-applicable", { "niet-van-toepassing", "n.v.t.", "nvt", "n/a", NULL } },
  { NULL, { NULL } },
};

/* Folded, with spaces and underscores as '-'. */
static char *
fold_word (const char *text)
{
  char *folded = helder_text_fold (text);

  return g_strdelimit (folded, " _", '-');
}

static const char *
lookup_word (const InvWords *table, const char *text)
{
  g_autofree char *word = NULL;

  if (text == NULL)
    return NULL;
  word = fold_word (text);
  for (guint i = 0; table[i].key != NULL; i++)
    {
      g_autofree char *key = fold_word (table[i].key);

      if (g_str_equal (word, key))
        return table[i].key;
      for (guint w = 0; table[i].words[w] != NULL; w++)
        if (g_str_equal (word, table[i].words[w]))
          return table[i].key;
    }
  return NULL;
}

const char *
inv_kind_parse (const char *text)
{
  return lookup_word (kind_words, text);
}

const char *
inv_field_parse (const char *text)
{
  return lookup_word (field_words, text);
}

const char *
inv_aspect_parse (const char *text)
{
  return lookup_word (aspect_words, text);
}

const char *
inv_status_parse (const char *text)
{
  return lookup_word (status_words, text);
}

gboolean
inv_kind_check (const char *kind, GError **error)
{
  if (kind != NULL && g_strv_contains (inv_kinds, kind))
    return TRUE;
  helder_error_set (error, HELDER_ERROR_INVALID, "kind",
                    _ ("kind: “%s” is not a kind of item (component, application, coupling, "
                       "supplier, contract, process)"),
                    kind != NULL ? kind : "");
  return FALSE;
}

const char *
inv_kind_label (const char *kind)
{
  static const char *const labels[] = { N_ ("component"), N_ ("application"), N_ ("coupling"),
                                        N_ ("supplier"),  N_ ("contract"),    N_ ("process") };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, inv_kinds[i]) == 0)
      return _ (labels[i]);
  return kind;
}

const char *
inv_status_label (const char *status)
{
  if (g_strcmp0 (status, "in-progress") == 0)
    return _ ("in progress");
  if (g_strcmp0 (status, "done") == 0)
    return _ ("done");
  if (g_strcmp0 (status, "not-applicable") == 0)
    return _ ("not applicable");
  return _ ("open");
}

static const char *const component_fields[] = { "domain",   "description", "type", "version",
                                                "supplier", "owner",       NULL };
static const char *const application_fields[] = { "domain", "description", "version", "supplier",
                                                  "owner",  "key_users",   NULL };
static const char *const coupling_fields[] = { "domain", "description", "from",  "to", "protocol",
                                               "scope",  "direction",   "owner", NULL };
static const char *const supplier_fields[] = { "domain", "description", "owner", NULL };
static const char *const contract_fields[] = { "domain",  "description",   "supplier", "subject",
                                               "ends_on", "notice_months", "owner",    NULL };
static const char *const process_fields[] = { "domain", "description", "owner", NULL };

const char *const *
inv_fields_of (const char *kind)
{
  static const char *const *const all[] = { component_fields, application_fields, coupling_fields,
                                            supplier_fields,  contract_fields,    process_fields };
  static const char *const none[] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (kind, inv_kinds[i]) == 0)
      return all[i];
  return none;
}

gboolean
inv_field_known (const char *kind, const char *field)
{
  return g_strv_contains ((const char *const *) inv_fields_of (kind), field);
}

const char *const *
inv_fields_required (const char *kind)
{
  static const char *const item[] = { "owner", "supplier", "version", NULL };
  static const char *const coupling[] = { "direction", "owner", "scope", NULL };
  static const char *const contract[] = { "ends_on", "notice_months", "supplier", NULL };
  static const char *const process[] = { "owner", NULL };
  static const char *const none[] = { NULL };

  if (g_strcmp0 (kind, "component") == 0 || g_strcmp0 (kind, "application") == 0)
    return item;
  if (g_strcmp0 (kind, "coupling") == 0)
    return coupling;
  if (g_strcmp0 (kind, "contract") == 0)
    return contract;
  if (g_strcmp0 (kind, "process") == 0)
    return process;
  return none;
}

const char *
inv_field_label (const char *field)
{
  static const struct
  {
    const char *field, *label;
  } labels[] = {
    { "name", N_ ("name") },
    { "domain", N_ ("domain") },
    { "description", N_ ("description") },
    { "type", N_ ("type") },
    { "version", N_ ("version") },
    { "supplier", N_ ("supplier") },
    { "owner", N_ ("owner") },
    { "key_users", N_ ("key users") },
    { "from", N_ ("from") },
    { "to", N_ ("to") },
    { "protocol", N_ ("protocol") },
    { "scope", N_ ("internal or external") },
    { "direction", N_ ("direction") },
    { "subject", N_ ("subject") },
    { "ends_on", N_ ("ends on") },
    { "notice_months", N_ ("notice period (months)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].field) == 0)
      return _ (labels[i].label);
  return field;
}

char *
inv_match_fold (const char *name)
{
  g_autofree char *folded = helder_text_fold (name);
  GString *bare = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (bare, *p);
  return g_string_free (bare, FALSE);
}

gboolean
inv_person_resolve (HelderStore *store,
                    const char *field,
                    const char *text,
                    gint64 *person,
                    GError **error)
{
  g_autoptr (GError) local = NULL;

  if (helder_cli_resolve_person (store, NULL, text, person, &local))
    return TRUE;
  helder_error_set (error, HELDER_ERROR_INVALID, field, "%s: %s", field, local->message);
  return FALSE;
}

static gboolean
month_of (const char *word, guint *month)
{
  static const char *const names[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec" };
  static const char *const dutch[] = { "jan", "feb", "maa", "apr", "mei", "jun",
                                       "jul", "aug", "sep", "okt", "nov", "dec" };
  g_autofree char *folded = helder_text_fold (word);

  if (strlen (folded) < 3)
    return FALSE;
  for (guint i = 0; i < 12; i++)
    if (strncmp (folded, names[i], 3) == 0 || strncmp (folded, dutch[i], 3) == 0)
      {
        *month = i + 1;
        return TRUE;
      }
  return FALSE;
}

char *
inv_date_parse (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text != NULL ? text : "", "-/. ", -1);
  guint64 a, b, c;
  guint day, month, year;

  if (g_strv_length (parts) != 3)
    return NULL;
  if (!g_ascii_string_to_unsigned (parts[2], 10, 0, 9999, &c, NULL) ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 9999, &a, NULL))
    return NULL;
  if (strlen (parts[0]) == 4)
    {
      /* 2027-12-31 */
      if (!g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &b, NULL))
        return NULL;
      year = a, month = b, day = c;
    }
  else
    {
      /* 31-12-2027, 31/12/2027, 31.12.2027, 31 december 2027 */
      if (g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &b, NULL))
        month = b;
      else if (!month_of (parts[1], &month))
        return NULL;
      year = c, day = a;
    }
  if (year < 1900 || day < 1 || day > 31 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

static char *
choice (const InvWords *table,
        const char *field,
        const char *text,
        const char *choices,
        GError **error)
{
  const char *key = lookup_word (table, text);

  if (key != NULL)
    return g_strdup (key);
  helder_error_set (error, HELDER_ERROR_INVALID, field, _ ("%s: “%s” is not one of %s"), field,
                    text, choices);
  return NULL;
}

static char *
months (const char *field, const char *text, GError **error)
{
  g_autofree char *number = helder_text_fold (text);
  char *space = strchr (number, ' ');
  guint64 value;

  if (space != NULL && (g_str_equal (space + 1, "maanden") || g_str_equal (space + 1, "months") ||
                        g_str_equal (space + 1, "mnd") || g_str_equal (space + 1, "maand") ||
                        g_str_equal (space + 1, "month")))
    *space = '\0';
  if (!g_ascii_string_to_unsigned (number, 10, 0, 120, &value, NULL))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field,
                        _ ("%s: “%s” is not a number of months from 0 to 120"), field, text);
      return NULL;
    }
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

static char *
plain_text (const char *field, const char *text, HelderTextKind kind, gsize max, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (!helder_text_check (copy, kind, &local))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field, "%s: %s", field, local->message);
      return NULL;
    }
  if (strlen (copy) > max)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, field,
                        _ ("%s: longer than %u characters (“%.40s…”)"), field, (guint) max, copy);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

char *
inv_field_normalise (HelderStore *store, const char *field, const char *text, GError **error)
{
  if (g_str_equal (field, "type"))
    return choice (type_words, field, text,
                   "server, virtual-machine (virtuele machine), physical-host, database, "
                   "storage, network-device, workplace, cloud-service",
                   error);
  if (g_str_equal (field, "scope"))
    return choice (scope_words, field, text, "internal (intern), external (extern)", error);
  if (g_str_equal (field, "direction"))
    return choice (direction_words, field, text, "one-way (eenrichting), two-way (tweerichting)",
                   error);
  if (g_str_equal (field, "ends_on"))
    {
      char *date = inv_date_parse (text);

      if (date == NULL)
        helder_error_set (error, HELDER_ERROR_INVALID, field,
                          _ ("%s: “%s” is not a date (2027-12-31 or 31-12-2027)"), field, text);
      return date;
    }
  if (g_str_equal (field, "notice_months"))
    return months (field, text, error);
  if (g_str_equal (field, "owner"))
    {
      gint64 person;

      if (!inv_person_resolve (store, field, text, &person, error))
        return NULL;
      return g_strdup_printf ("person:%" PRId64, person);
    }
  if (g_str_equal (field, "description"))
    return plain_text (field, text, HELDER_TEXT_MULTILINE, 4000, error);
  return plain_text (field, text, HELDER_TEXT_LINE, 200, error);
}
