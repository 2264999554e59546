/* test-import-csv.c — staff lists as HR systems export them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "helder-test-utils.h"
#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/transfer/helder-import-csv.h"
#include "services/util/helder-csv-read-private.h"
#include "services/repo/helder-repo.h"

/* Who imports, for the audit log. */
static const HelderAuditActor importer = { 0, "HR-import", "cli" };

#define SQL_META "'); DROP TABLE person;-- \" \\ % _"

typedef struct
{
  HelderStore *store;
  char *path;
} Fixture;

static void
create (HelderStore *store, const char *entity, const char *json)
{
  g_autoptr (JsonObject) values = helder_test_object (json);
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;

  row =
    helder_repo_create (store, helder_entity_lookup (entity), values, HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  create (
    f->store, "group",
    "{\"slug\": \"beheer\", \"name\": \"Systeem- en netwerkbeheer\", \"kind\": \"internal\"}");
  create (f->store, "group",
          "{\"slug\": \"servicedesk\", \"name\": \"Servicedesk\", \"kind\": \"internal\"}");
  create (f->store, "group",
          "{\"slug\": \"key-users\", \"name\": \"Key users\", \"kind\": \"internal\"}");
  create (
    f->store, "role",
    "{\"slug\": \"beheerder\", \"name\": \"Systeembeheerder\", \"kind\": \"current\", \"fate\": \"lapses\"}");
  create (
    f->store, "role",
    "{\"slug\": \"regisseur\", \"name\": \"Regisseur\", \"kind\": \"regie\", \"fate\": \"new\"}");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
read_data (const char *name, gsize *length)
{
  g_autofree char *path = data_path (name);
  g_autoptr (GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static void
import_ok (Fixture *f, const char *data, gssize length, const char *origin, HelderCsvResult *result)
{
  g_autoptr (GError) error = NULL;

  helder_import_csv_data (f->store, &importer, data, length < 0 ? strlen (data) : (gsize) length,
                          origin, result, &error);
  g_assert_no_error (error);
  g_assert_false (helder_store_in_transaction (f->store));
}

static void
assert_refused (Fixture *f, const char *data, gssize length, const char *expected)
{
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (HelderCsvResult) result = {
    0,
  };

  g_assert_false (helder_import_csv_data (f->store, &importer, data,
                                          length < 0 ? strlen (data) : (gsize) length, "staff.csv",
                                          &result, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == HELDER_ERROR);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in the message “%s”", expected, error->message);
  g_assert_false (helder_store_in_transaction (f->store));
  g_assert_cmpuint (result.rows, ==, 0);
  g_assert_null (result.ignored);

  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* Imports with the mapping given as COLUMN=FIELD arguments, NULL-terminated. */
static void
import_map_ok (Fixture *f,
               const char *data,
               gssize length,
               const char *origin,
               HelderCsvResult *result,
               const char *first_spec,
               ...)
{
  g_autoptr (HelderCsvMap) map = helder_csv_map_new ();
  g_autoptr (GError) error = NULL;
  HelderCsvOptions options = { map, FALSE, FALSE };
  va_list args;

  va_start (args, first_spec);
  for (const char *spec = first_spec; spec != NULL; spec = va_arg (args, const char *))
    {
      helder_csv_map_add (map, spec, &error);
      g_assert_no_error (error);
    }
  va_end (args);
  helder_import_csv_data_full (f->store, &importer, data,
                               length < 0 ? strlen (data) : (gsize) length, origin, &options,
                               result, &error);
  g_assert_no_error (error);
  g_assert_false (helder_store_in_transaction (f->store));
}

/* Refused, naming @expected, with nothing changed and nothing half-done. */
static void
assert_refused_map (Fixture *f,
                    const char *data,
                    gssize length,
                    const char *origin,
                    const HelderCsvOptions *options,
                    const char *expected)
{
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (HelderCsvResult) result = {
    0,
  };

  g_assert_false (helder_import_csv_data_full (f->store, &importer, data,
                                               length < 0 ? strlen (data) : (gsize) length, origin,
                                               options, &result, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in the message “%s”", expected, error->message);
  g_assert_false (helder_store_in_transaction (f->store));
  g_assert_cmpuint (result.rows, ==, 0);
  g_assert_null (result.ignored);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

static JsonObject *
person (Fixture *f, const char *email)
{
  g_autoptr (GError) error = NULL;
  JsonObject *row = helder_repo_get (f->store, helder_entity_lookup ("person"), email, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
  return row;
}

static char *
groups_of (JsonObject *row)
{
  JsonArray *groups = json_object_get_array_member (row, "groups");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (groups); i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", json_array_get_string_element (groups, i));
  return g_string_free (s, FALSE);
}

static gint64
people_count (Fixture *f)
{
  return helder_repo_count (f->store, helder_entity_lookup ("person"), NULL);
}

/* Comma-separated, quoted separators and a name wrapped over two lines. */
static void
test_comma (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_auto (HelderCsvResult) result = {
    0,
  };
  g_autoptr (JsonObject) jan = NULL;
  g_autoptr (JsonObject) zoe = NULL;
  g_autoptr (JsonObject) piet = NULL;
  g_autofree char *zoe_groups = NULL;
  g_autofree char *jan_groups = NULL;
  gsize length;

  text = read_data ("staff-comma.csv", &length);
  import_ok (f, text, (gssize) length, "staff-comma.csv", &result);
  g_assert_cmpuint (result.rows, ==, 3);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.updated, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 0);
  g_assert_nonnull (result.ignored);
  g_assert_cmpstr (result.ignored[0], ==, "phone");
  g_assert_null (result.ignored[1]);

  jan = person (f, "jan@voorbeeld.nl");
  zoe = person (f, "zoe@voorbeeld.nl");
  piet = person (f, "piet@voorbeeld.nl");
  jan_groups = groups_of (jan);
  zoe_groups = groups_of (zoe);
  g_assert_cmpstr (jan_groups, ==, "beheer,servicedesk");
  g_assert_cmpstr (json_object_get_string_member (jan, "role"), ==, "beheerder");
  g_assert_cmpstr (json_object_get_string_member (zoe, "name"), ==, "Vries, Zoë de");
  g_assert_cmpstr (zoe_groups, ==, "key-users,servicedesk"); /* by name, any case */
  g_assert_cmpstr (json_object_get_string_member (zoe, "role"), ==, "beheerder"); /* by name */
  g_assert_cmpstr (json_object_get_string_member (zoe, "locale"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (zoe, "digest"), ==, "off");
  g_assert_cmpint (json_object_get_int_member (zoe, "manager"), ==,
                   json_object_get_int_member (jan, "id"));
  g_assert_cmpstr (json_object_get_string_member (piet, "name"), ==, "Piet Wolk");
  g_assert_cmpstr (json_object_get_string_member (piet, "organisation"), ==, "Wolk \"Cloud\" B.V.");
  g_assert_cmpstr (json_object_get_string_member (piet, "locale"), ==, "nl");
}

/* Semicolons, a byte order mark, CRLF, Dutch headers with the name in
 * parts, diacritics, an empty line, a manager further down the file. */
static void
test_dutch (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_auto (HelderCsvResult) result = {
    0,
  };
  g_autoptr (JsonObject) zoe = NULL;
  g_autoptr (JsonObject) anneke = NULL;
  g_autoptr (JsonObject) bjorn = NULL;
  g_autoptr (JsonObject) jan = NULL;
  g_autofree char *anneke_groups = NULL;
  gsize length;

  text = read_data ("staff-dutch.csv", &length);
  /* "Afdeling" looks like a group: dropped only when the mapping says so */
  assert_refused_map (f, text, (gssize) length, "personeel.csv", NULL,
                      "personeel.csv:1: column “Afdeling” looks like a department or team");
  import_map_ok (f, text, (gssize) length, "personeel.csv", &result, "Afdeling=ignore", NULL);
  g_assert_cmpuint (result.rows, ==, 4);
  g_assert_cmpuint (result.added, ==, 4);
  g_assert_cmpstr (result.ignored[0], ==, "Afdeling");
  g_assert_null (result.ignored[1]);

  jan = person (f, "jan@voorbeeld.nl");
  zoe = person (f, "ZOE@voorbeeld.nl");
  anneke = person (f, "anneke@voorbeeld.nl");
  bjorn = person (f, "bjorn@voorbeeld.nl");
  g_assert_cmpstr (json_object_get_string_member (jan, "name"), ==, "Jan de Vries");
  g_assert_cmpstr (json_object_get_string_member (zoe, "name"), ==, "Zoë Çelik");
  g_assert_cmpstr (json_object_get_string_member (anneke, "name"), ==, "Anneke van 't Hoff");
  g_assert_cmpstr (json_object_get_string_member (bjorn, "name"), ==, "Bjørn Ærøskøbing-Ĳssel");
  g_assert_cmpstr (json_object_get_string_member (bjorn, "organisation"), ==,
                   "Gemeente \"Voorbeeld\"");
  anneke_groups = groups_of (anneke);
  g_assert_cmpstr (anneke_groups, ==, "beheer,servicedesk");
  g_assert_cmpint (json_object_get_int_member (zoe, "manager"), ==,
                   json_object_get_int_member (anneke, "id"));
  g_assert_cmpint (json_object_get_int_member (bjorn, "manager"), ==,
                   json_object_get_int_member (jan, "id"));
  g_assert_cmpstr (json_object_get_string_member (zoe, "locale"), ==, "en");
}

/* HR imports the same list every week: people are updated, not doubled. */
static void
test_reimport (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_autoptr (JsonObject) before = NULL;
  g_autoptr (JsonObject) after = NULL;
  g_autoptr (JsonObject) zoe = NULL;
  g_autofree char *zoe_groups = NULL;
  gsize length;

  text = read_data ("staff-dutch.csv", &length);
  {
    g_auto (HelderCsvResult) result = {
      0,
    };
    import_map_ok (f, text, (gssize) length, "personeel.csv", &result, "Afdeling=ignore", NULL);
  }
  before = person (f, "jan@voorbeeld.nl");
  {
    g_auto (HelderCsvResult) result = {
      0,
    };
    import_map_ok (f, text, (gssize) length, "personeel.csv", &result, "Afdeling=ignore", NULL);
    g_assert_cmpuint (result.rows, ==, 4);
    g_assert_cmpuint (result.added, ==, 0);
    g_assert_cmpuint (result.updated, ==, 0);
    g_assert_cmpuint (result.unchanged, ==, 4);
  }
  g_assert_cmpint (people_count (f), ==, 4);
  after = person (f, "jan@voorbeeld.nl");
  g_assert_cmpstr (json_object_get_string_member (before, "updated_at"), ==,
                   json_object_get_string_member (after, "updated_at"));

  /* Zoë moves to key users; her e-mail address is in capitals this time;
   * a new colleague joins. */
  {
    GString *s = g_string_new (text);
    g_auto (HelderCsvResult) result = {
      0,
    };

    g_string_replace (s, "Zoë;;Çelik;zoe@voorbeeld.nl;Servicedesk",
                      "Zoë;;Çelik;ZOE@voorbeeld.nl;key-users", 1);
    g_string_append (s, "Mo;;Amrani;mo@voorbeeld.nl;;regisseur;;;;\r\n");
    changed = g_string_free (s, FALSE);
    import_map_ok (f, changed, -1, "personeel.csv", &result, "Afdeling=ignore", NULL);
    g_assert_cmpuint (result.rows, ==, 5);
    g_assert_cmpuint (result.added, ==, 1);
    g_assert_cmpuint (result.updated, ==, 1);
    g_assert_cmpuint (result.unchanged, ==, 3);
  }
  g_assert_cmpint (people_count (f), ==, 5);
  zoe = person (f, "zoe@voorbeeld.nl");
  zoe_groups = groups_of (zoe);
  g_assert_cmpstr (zoe_groups, ==, "key-users");
}

/* Line endings: CRLF with commas, lone CR, no newline at the end. */
static void
test_line_endings (Fixture *f, gconstpointer data)
{
  g_auto (HelderCsvResult) crlf = {
    0,
  };
  g_auto (HelderCsvResult) cr = {
    0,
  };

  import_ok (f, "Name,E-mail\r\n\"Jan\r\nde Vries\",jan@voorbeeld.nl\r\nEva,eva@voorbeeld.nl", -1,
             "a.csv", &crlf);
  g_assert_cmpuint (crlf.added, ==, 2);
  {
    g_autoptr (JsonObject) jan = person (f, "jan@voorbeeld.nl");
    g_assert_cmpstr (json_object_get_string_member (jan, "name"), ==, "Jan de Vries");
  }
  import_ok (f, "name;email\rPiet;piet@voorbeeld.nl\rKees;kees@voorbeeld.nl\r", -1, "b.csv", &cr);
  g_assert_cmpuint (cr.added, ==, 2);
  g_assert_cmpint (people_count (f), ==, 4);
}

/* The separator is the one the header line uses most outside quotes. */
static void
test_separator (Fixture *f, gconstpointer data)
{
  g_auto (HelderCsvResult) quoted = {
    0,
  };
  g_auto (HelderCsvResult) tabs = {
    0,
  };

  /* three ; inside quotes, two , outside */
  import_ok (f, "name,email,\"a;b;c;d\"\nJan,jan@voorbeeld.nl,1\n", -1, "a.csv", &quoted);
  g_assert_cmpuint (quoted.added, ==, 1);
  g_assert_cmpstr (quoted.ignored[0], ==, "a;b;c;d");
  import_ok (f, "\n\nname\temail\nEva\teva@voorbeeld.nl\n", -1, "b.csv", &tabs);
  g_assert_cmpuint (tabs.added, ==, 1);
}

static void
test_latin1 (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  gsize length;

  text = read_data ("staff-latin1.csv", &length);
  assert_refused (f, text, (gssize) length,
                  "staff.csv:3: byte 0xEB (column 3) is not UTF-8; save the file as UTF-8");
  assert_refused (f, "\xff\xfen\0a\0m\0e\0", 10, "staff.csv:1: the file is UTF-16");
}

typedef struct
{
  const char *name;
  const char *csv;
  const char *expected;
} BadCsv;

static const BadCsv bad_csvs[] = {
  { "missing-email", "naam;telefoon\nJan;06\n",
    "staff.csv:1: missing column “email”; the header has: naam, telefoon" },
  { "missing-both", "\n\nfoo,bar\n1,2\n",
    "staff.csv:3: missing column “name” (or “first name” and “last name”) and “email”; the header has: foo, bar" },
  { "missing-last-name", "voornaam,email\nJan,jan@voorbeeld.nl\n",
    "missing column “name” (or “first name” and “last name”)" },
  { "same-column-twice", "name,email,E-mail\n",
    "staff.csv:1: the columns “email” and “E-mail” mean the same" },
  { "empty", "", "staff.csv: the file is empty" },
  { "blank", "\n \r\n;;;\n", "staff.csv: the file is empty" },
  { "duplicate-email",
    "name,email\nJan,jan@voorbeeld.nl\n\"Piet\nPietersen\",piet@voorbeeld.nl\nJan Jr,JAN@Voorbeeld.nl\n",
    "staff.csv:5: column “email”: “JAN@voorbeeld.nl” is also on line 2" },
  { "unknown-group",
    "name,email,groups\nJan,jan@voorbeeld.nl,beheer\nEva,eva@voorbeeld.nl,servicedesk|beheerr\n",
    "staff.csv:3: column “groups”: unknown group “beheerr” (known: beheer, key-users, servicedesk)" },
  { "unknown-role", "naam;e-mail;functie\nJan;jan@voorbeeld.nl;Koffiezetter\n",
    "staff.csv:2: column “functie”: unknown role “Koffiezetter” (known: beheerder, regisseur)" },
  { "invalid-email", "name,email\nJan,jan@voorbeeld.nl\nEva,eva@\n",
    "staff.csv:3: column “email”: “eva@” is not an e-mail address" },
  { "email-without-at", "name,email\nEva,eva.voorbeeld.nl\n",
    "staff.csv:2: column “email”: “eva.voorbeeld.nl” is not an e-mail address" },
  { "email-missing", "name,email\nEva,\n",
    "staff.csv:2: column “email”: an e-mail address is required" },
  { "name-missing", "name,email\n  ,eva@voorbeeld.nl\n",
    "staff.csv:2: column “name”: a name is required" },
  { "name-parts-missing", "voornaam;achternaam;email\n;;eva@voorbeeld.nl\n",
    "staff.csv:2: column “achternaam”: a name is required" },
  { "name-too-long", NULL, "staff.csv:2: column “name”: too long" },
  { "manager-unknown", "name,email,manager\nJan,jan@voorbeeld.nl,baas@voorbeeld.nl\n",
    "staff.csv:2: column “manager”: no person with e-mail “baas@voorbeeld.nl” in the file or in the database" },
  { "manager-self", "name,email,leidinggevende\nJan,jan@voorbeeld.nl,Jan@voorbeeld.nl\n",
    "staff.csv:2: column “leidinggevende”: a person cannot be their own manager" },
  { "manager-not-email", "name,email,manager\nJan,jan@voorbeeld.nl,Piet\n",
    "staff.csv:2: column “manager”: “Piet” is not an e-mail address" },
  { "locale", "name,email,taal\nJan,jan@voorbeeld.nl,Frans\n",
    "staff.csv:2: column “taal”: “Frans” is not one of nl, en" },
  { "digest", "name,email,digest\nJan,jan@voorbeeld.nl,daily\n",
    "staff.csv:2: column “digest”: “daily” is not one of default, weekly, off" },
  { "channels", "name,email,channels\nJan,jan@voorbeeld.nl,email|pigeon\n",
    "staff.csv:2: column “channels”: " },
  { "too-many-values", "name,email\nJan,jan@voorbeeld.nl\nde Vries, Jan,jan2@voorbeeld.nl\n",
    "staff.csv:3: 3 values, but the header has 2 columns" },
  { "unclosed-quote",
    "name,email\nJan,jan@voorbeeld.nl\n\"Eva,eva@voorbeeld.nl\nPiet,piet@voorbeeld.nl\n",
    "staff.csv:3: a quoted value that starts on this row is never closed" },
  { "control-character", "name,email\n\"Jan\x01\",jan@voorbeeld.nl\n",
    "staff.csv:2: column “name”: contains U+0001 (a control character) at character 4" },
  { "zero-byte", "name,email\nJan\0,jan@voorbeeld.nl\n", "staff.csv:2: contains a zero byte" },
  /* one text rule, one e-mail rule: the same address with a zero-width
   * space is refused, not a second person; the domain is compared in
   * lower case */
  { "email-zero-width", "name,email\nJan,jan@voorbeeld.nl\nJan Jr,jan@voorbeeld.nl\xe2\x80\x8b\n",
    "staff.csv:3: column “email”: contains U+200B ZERO WIDTH SPACE at character 17" },
  { "email-domain-case", "name,email\nJan,jan@voorbeeld.nl\nJan Jr, jan@VOORBEELD.NL \n",
    "staff.csv:3: column “email”: “jan@voorbeeld.nl” is also on line 2" },
  { "email-quoting", "name,email\nJan,\"jan;piet@voorbeeld.nl\"\n",
    "staff.csv:2: column “email”: “jan;piet@voorbeeld.nl” is not an e-mail address" },
  { "manager-zero-width",
    "name,email,manager\nJan,jan@voorbeeld.nl,baas@voorbeeld.nl\xe2\x80\x8b\n",
    "staff.csv:2: column “manager”: contains U+200B ZERO WIDTH SPACE at character 18 (give the manager’s e-mail address)" },
  { "name-override", "name,email\nAnna\xe2\x80\xaegpj.exe,anna@voorbeeld.nl\n",
    "staff.csv:2: column “name”: contains U+202E RIGHT-TO-LEFT OVERRIDE at character 5" },
  { "name-invisible", "name,email\n\xe2\x80\x8b\xe2\x80\x8b,eva@voorbeeld.nl\n",
    "staff.csv:2: column “name”: has no visible character" },
};

static void
test_bad (Fixture *f, gconstpointer data)
{
  const BadCsv *bad = data;
  g_autofree char *long_name = NULL;
  const char *csv = bad->csv;
  gssize length = -1;

  /* Someone the file would update first: the update must be undone too. */
  create (f->store, "person", "{\"name\": \"Jan (oud)\", \"email\": \"jan@voorbeeld.nl\"}");

  if (csv == NULL)
    {
      GString *s = g_string_new ("name,email\n");
      for (guint i = 0; i < 600; i++)
        g_string_append_c (s, 'x');
      g_string_append (s, ",lang@voorbeeld.nl\n");
      long_name = g_string_free (s, FALSE);
      csv = long_name;
    }
  else if (g_str_equal (bad->name, "zero-byte"))
    length = (gssize) strlen ("name,email\nJan") + 1 + (gssize) strlen (",jan@voorbeeld.nl\n");

  assert_refused (f, csv, length, bad->expected);
}

/* SQL metacharacters in every column are stored as they are. */
static void
test_sql_metacharacters (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = NULL;
  g_autofree char *group_name = g_strdup ("Meta " SQL_META);
  g_autofree char *role_name = g_strdup ("Rol " SQL_META);
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GString) quoted = g_string_new (NULL);
  g_auto (HelderCsvResult) result = {
    0,
  };
  /* ", \\ and ; would need quoting: no address takes them (helder-text.c) */
  const char *email = "o'neil%_x--@example.org";
  g_autofree char *meta_groups = NULL;

  /* group and role names with SQL in them, referred to by name */
  {
    g_autoptr (JsonObject) g = json_object_new ();
    g_autoptr (JsonObject) r = json_object_new ();
    g_autoptr (JsonObject) out = NULL;
    g_autoptr (GError) error = NULL;

    json_object_set_string_member (g, "slug", "meta");
    json_object_set_string_member (g, "name", group_name);
    json_object_set_string_member (g, "kind", "external");
    out = helder_repo_create (f->store, helder_entity_lookup ("group"), g, HELDER_WRITE_DEFAULT,
                              &error);
    g_assert_no_error (error);
    g_clear_pointer (&out, json_object_unref);
    json_object_set_string_member (r, "slug", "meta-rol");
    json_object_set_string_member (r, "name", role_name);
    json_object_set_string_member (r, "kind", "supplier");
    json_object_set_string_member (r, "fate", "continues");
    out =
      helder_repo_create (f->store, helder_entity_lookup ("role"), r, HELDER_WRITE_DEFAULT, &error);
    g_assert_no_error (error);
  }

  /* every cell quoted, quotes doubled */
  {
    const char *cells[] = { "Robert " SQL_META, email, group_name, role_name, "Org " SQL_META };
    for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
      {
        g_autoptr (GString) cell = g_string_new (cells[i]);
        g_string_replace (cell, "\"", "\"\"", 0);
        g_string_append_printf (quoted, "%s\"%s\"", i ? ";" : "", cell->str);
      }
  }
  csv = g_strdup_printf ("naam;email;groep;rol;organisatie\n%s\n", quoted->str);
  import_ok (f, csv, -1, "meta.csv", &result);
  g_assert_cmpuint (result.added, ==, 1);

  row = person (f, email);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Robert " SQL_META);
  g_assert_cmpstr (json_object_get_string_member (row, "email"), ==, email);
  g_assert_cmpstr (json_object_get_string_member (row, "organisation"), ==, "Org " SQL_META);
  g_assert_cmpstr (json_object_get_string_member (row, "role"), ==, "meta-rol");
  meta_groups = groups_of (row);
  g_assert_cmpstr (meta_groups, ==, "meta");

  /* the tables are all still there */
  {
    g_autoptr (sqlite3_stmt) stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store),
                                         "SELECT count(*) FROM person", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  }
}

static gboolean
have_helder_exe (void)
{
  if (g_getenv ("HELDER_EXE") != NULL)
    return TRUE;
  g_test_skip ("HELDER_EXE is not set (run through meson test)");
  return FALSE;
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *comma = data_path ("staff-comma.csv");
  g_autofree char *latin1 = data_path ("staff-latin1.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *contents = NULL;
  int status;

  if (!have_helder_exe ())
    return;
  g_clear_object (&f->store);

  status = helder_test_run (f->path, NULL, &out, &err, "import", comma, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  expected = g_strdup_printf ("Imported 3 people (3 added, 0 updated) from %s\n"
                              "Note: ignored the column “phone”\n",
                              comma);
  g_assert_cmpstr (out, ==, expected);

  /* again, as JSON */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (f->path, NULL, &out, &err, "import", "--json", comma, NULL);
  g_assert_cmpint (status, ==, 0);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node = json_from_string (out, &error);
    JsonObject *counts;

    g_assert_no_error (error);
    counts = json_node_get_object (node);
    g_assert_cmpint (json_object_get_int_member (counts, "rows"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (counts, "added"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (counts, "unchanged"), ==, 3);
    g_assert_cmpstr (
      json_array_get_string_element (json_object_get_array_member (counts, "ignored_columns"), 0),
      ==, "phone");
  }

  /* a bad file: one line on stderr, exit 1, nothing changed */
  f->store = helder_store_open (f->path, NULL);
  before = helder_test_fingerprint (f->store);
  g_clear_object (&f->store);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (f->path, NULL, &out, &err, "import", latin1, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "staff-latin1.csv:3: byte 0xEB"));
  g_assert_nonnull (strstr (err, "save the file as UTF-8"));
  f->store = helder_store_open (f->path, NULL);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&f->store);

  /* the format comes from the name, or from --format */
  g_file_get_contents (comma, &contents, NULL, NULL);
  renamed = helder_test_write_temp ("staff.export", contents, -1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (f->path, NULL, &out, &err, "import", renamed, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--format"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (f->path, NULL, &out, &err, "import", "--format", "csv", renamed, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "3 unchanged"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (f->path, NULL, &out, &err, "import", "--format", "xml", renamed, NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = helder_test_run (f->path, NULL, &out, &err, "import", NULL);
  g_assert_cmpint (status, ==, 2);

  /* standard input, with --format */
  {
    g_autoptr (GSubprocess) proc = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *stdout_text = NULL;
    g_autofree char *stderr_text = NULL;

    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error, g_getenv ("HELDER_EXE"), "--db", f->path, "--as", "1",
                             "import", "--format", "csv", "-", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (proc, "name;email\nMo Amrani;mo@voorbeeld.nl\n", NULL,
                                   &stdout_text, &stderr_text, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
    g_assert_cmpstr (stdout_text, ==,
                     "Imported 1 person (1 added, 0 updated) from standard input\n");
  }

  /* a file over 256 MiB is refused before it is read (a sparse file) */
  {
    g_autofree char *huge = helder_test_write_temp ("huge.csv", "", 0);
    int fd = g_open (huge, O_WRONLY, 0);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) 257 * 1024 * 1024), ==, 0);
    close (fd);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    status = helder_test_run (f->path, NULL, &out, &err, "import", huge, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "256 MiB"));
    helder_test_remove_db (huge);
  }

  helder_test_remove_db (renamed);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/import-csv/comma", test_comma, NULL);
  ADD ("/import-csv/dutch", test_dutch, NULL);
  ADD ("/import-csv/reimport", test_reimport, NULL);
  ADD ("/import-csv/line-endings", test_line_endings, NULL);
  ADD ("/import-csv/separator", test_separator, NULL);
  ADD ("/import-csv/latin1", test_latin1, NULL);
  ADD ("/import-csv/sql-metacharacters", test_sql_metacharacters, NULL);
  ADD ("/import-csv/cli", test_cli, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad_csvs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-csv/bad/%s", bad_csvs[i].name);
      ADD (path, test_bad, &bad_csvs[i]);
    }

#undef ADD

  return g_test_run ();
}
