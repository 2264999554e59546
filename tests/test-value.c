/* test-value.c — parsing and checking field values
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "model/helder-text.h"

static const HelderField *
field (const char *entity, const char *name)
{
  const HelderField *f = helder_entity_get_field (helder_entity_lookup (entity), name);
  g_assert_nonnull (f);
  return f;
}

static void
expect_error (const HelderField *f, const char *text, const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = helder_field_parse_text (f, text, &error);

  g_assert_null (node);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” → “%s” lacks “%s”", text, error->message, needle);
}

static void
test_dates (void)
{
  static const char *const good[] = { "2026-11-28", "2028-02-29", "1999-12-31" };
  static const char *const bad[] = { "2026-02-29", "2026-13-01",       "2026-00-10", "2026-1-01",
                                     "26-01-01",   "2026-01-01T10:00", "tomorrow",   "",
                                     "2026-04-31", "2026/01/01",       "0000-01-01", "2026-01-0a" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (helder_date_parse (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (helder_date_parse (bad[i], NULL))
      g_error ("accepted impossible date “%s”", bad[i]);

  expect_error (field ("commitment", "due_on"), "2026-02-30", "due_on");
  {
    g_autofree char *next = helder_date_add_days ("2026-12-31", 1);
    g_autofree char *prev = helder_date_add_days ("2024-03-01", -1);
    g_assert_cmpstr (next, ==, "2027-01-01");
    g_assert_cmpstr (prev, ==, "2024-02-29");
  }
}

static void
test_datetimes (void)
{
  g_autofree char *z = helder_date_parse_datetime ("2026-12-01T08:30:00Z", NULL);
  g_autofree char *offset = helder_date_parse_datetime ("2026-12-01 09:30+01:00", NULL);
  g_autofree char *local = helder_date_parse_datetime ("2026-12-01 09:30", NULL);
  static const char *const bad[] = { "2026-12-01",
                                     "2026-12-01 25:00",
                                     "2026-02-30 10:00",
                                     "2026-12-01X10:00",
                                     "10:00",
                                     "2026-12-01 10:00 tomorrow",
                                     "" };

  /* A day and a time as people type them. */
  static const char *const typed[][2] = {
    { "1-12-2026 9:30", "2026-12-01T08:30:00Z" },
    { "1 december 2026 om 9.30", "2026-12-01T08:30:00Z" },
    { "1 dec 2026 at 9:30", "2026-12-01T08:30:00Z" },
    { "1-12-2026 10u", "2026-12-01T09:00:00Z" },
    { "1-12-2026 10u30", "2026-12-01T09:30:00Z" },
    { "1-12-2026 10 uur", "2026-12-01T09:00:00Z" },
    { "1 mrt 2027, 8:05", "2027-03-01T07:05:00Z" },
    { "1 maart 2027 8:05", "2027-03-01T07:05:00Z" },
  };
  static const char *const typed_bad[] = { "1-12-2026 24u", "1-12-2026 9.3",  "1-12-2026 om",
                                           "om 9.30",       "1-12-2026 9:60", "1-12-2026 u" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *v = helder_date_parse_datetime (typed[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (v, ==, typed[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (typed_bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *v = helder_date_parse_datetime (typed_bad[i], &error);

      if (v != NULL)
        g_error ("accepted “%s” as “%s”", typed_bad[i], v);
      g_assert_nonnull (strstr (error->message, typed_bad[i]));
    }
  g_assert_cmpstr (z, ==, "2026-12-01T08:30:00Z");
  g_assert_cmpstr (offset, ==, "2026-12-01T08:30:00Z");
  /* Without an offset: the programme's zone (Amsterdam), not the process's. */
  g_assert_cmpstr (local, ==, "2026-12-01T08:30:00Z");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *v = helder_date_parse_datetime (bad[i], &error);
      if (v != NULL)
        g_error ("accepted “%s” as “%s”", bad[i], v);
    }
  expect_error (field ("moment", "scheduled_at"), "morgen", "scheduled_at");
}

static void
test_text (void)
{
  g_autofree char *long_name = g_strnfill (501, 'a');
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) md = NULL;

  expect_error (field ("person", "name"), "Jan\001",
                "name: contains U+0001 (a control character) at character 4");
  expect_error (field ("person", "name"), "Jan\nde Vries",
                "name: contains U+000A (a control character) at character 4");
  expect_error (field ("person", "name"), "\xff\xfe", "UTF-8");
  expect_error (field ("person", "name"), long_name, "too long");
  expect_error (field ("person", "name"), "   ", "empty");
  expect_error (field ("person", "email"), "jan@", "e-mail");
  expect_error (field ("person", "email"), "jan de vries@voorbeeld.nl", "e-mail");
  expect_error (field ("group", "slug"), "Beheer Team", "key");

  md = helder_field_parse_text (field ("moment", "body"), "# Titel\n\nTekst met ‘quotes’ en é.",
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (md), ==, "# Titel\n\nTekst met ‘quotes’ en é.");
}

/* The one text rule (helder-text.c): what would hide or reorder text is
 * refused in every field, named with its place; Markdown may span lines. */
static void
test_text_rule (void)
{
  static const struct
  {
    const char *entity, *field, *text, *message;
  } refused[] = {
    { "person", "name", "Jan\tde Vries",
      "name: contains U+0009 (a control character) at character 4" },
    { "person", "name", "Jan\x7f", "name: contains U+007F (a control character) at character 4" },
    { "person", "name", "Jan\xc2\x85x",
      "name: contains U+0085 (a control character) at character 4" },
    { "person", "name", "Jan\xc2\x9f", "name: contains U+009F (a control character)" },
    { "person", "name", "Jan\xe2\x80\xa8x", "name: contains U+2028 LINE SEPARATOR at character 4" },
    { "person", "name", "Jan\xe2\x80\xa9x", "name: contains U+2029 PARAGRAPH SEPARATOR" },
    { "person", "name", "Anna\xe2\x80\xaegpj.exe",
      "name: contains U+202E RIGHT-TO-LEFT OVERRIDE at character 5" },
    { "person", "name", "\xe2\x80\xaaJan",
      "name: contains U+202A LEFT-TO-RIGHT EMBEDDING at character 1" },
    { "person", "name", "Jan\xe2\x80\xad", "U+202D LEFT-TO-RIGHT OVERRIDE" },
    { "person", "name", "Jan\xe2\x81\xa6x\xe2\x81\xa9",
      "U+2066 LEFT-TO-RIGHT ISOLATE at character 4" },
    { "person", "name", "Jan\xe2\x81\xa7", "U+2067 RIGHT-TO-LEFT ISOLATE" },
    { "person", "name", "Jan\xe2\x81\xa8", "U+2068 FIRST STRONG ISOLATE" },
    { "person", "name", "\xe2\x80\x8b", "name: has no visible character" },
    { "person", "name", "\xe2\x80\x8b\xe2\x80\x8c \xe2\x80\x8d\xef\xbb\xbf",
      "name: has no visible character" },
    { "person", "name", "\xe3\x85\xa4",
      "name: has no visible character" }, /* U+3164 HANGUL FILLER */
    { "person", "organisation", "\xe2\x81\xa0\xc2\xad", "organisation: has no visible character" },
    { "moment", "title", "Nieuwe\xe2\x80\xaewerkplekken",
      "title: contains U+202E RIGHT-TO-LEFT OVERRIDE at character 7" },
    { "moment", "title", "Nieuwe\rwerkplekken",
      "title: contains U+000D (a control character) at character 7" },
    { "group", "slug", "beheer\xe2\x80\xae", "slug: contains U+202E" },
    { "moment", "body", "Tekst\x01", "body: contains U+0001 (a control character) at character 6" },
    { "moment", "body", "Eén\rtwee", "body: contains U+000D (a control character) at character 4" },
    { "moment", "body", "Tekst\xe2\x80\xae", "body: contains U+202E RIGHT-TO-LEFT OVERRIDE" },
    { "moment", "body", "Tekst\xe2\x80\xa8meer", "body: contains U+2028 LINE SEPARATOR" },
    { "moment", "body", "Tekst\x7f", "body: contains U+007F" },
    { "moment", "body", "\xe2\x80\x8b\n\xe2\x80\x8b", "body: has no visible character" },
    { "person", "email", "pieter.bakker@voorbeeld.nl\xe2\x80\x8b",
      "email: contains U+200B ZERO WIDTH SPACE at character 27" },
    { "person", "email", "pieter\xe2\x80\x8d.bakker@voorbeeld.nl",
      "email: contains U+200D ZERO WIDTH JOINER at character 7" },
    { "person", "email", "pieter.bakker@voorbeeld.nl\xe2\x80\xae", "email: contains U+202E" },
    { "person", "email", "pi\xc3\xabter@voorbeeld.nl",
      "email: “piëter@voorbeeld.nl” is not an e-mail address" },
    { "person", "email", "\"pieter bakker\"@voorbeeld.nl", "is not an e-mail address" },
    { "person", "email", "pieter@voorbeeld..nl", "is not an e-mail address" },
    { "person", "email", "pieter@voor_beeld.nl", "is not an e-mail address" },
    { "person", "email", "pieter@@voorbeeld.nl", "is not an e-mail address" },
    { "person", "email", "<pieter@voorbeeld.nl>", "is not an e-mail address" },
  };
  static const struct
  {
    const char *entity, *field, *text, *stored;
  } accepted[] = {
    { "person", "name", "Zoë O’Brien-Ĳsselmeer", "Zoë O’Brien-Ĳsselmeer" },
    { "person", "name", "\xd7\xa9\xd7\xa8\xd7\x94 \xd7\x9b\xd7\x94\xd7\x9f", NULL }, /* Hebrew */
    { "person", "name", "\xd9\x86\xd9\x88\xd8\xb1", NULL },                          /* Arabic */
    { "person", "name", "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7",
      NULL }, /* क्‍ष: a joiner beside letters */
    { "person", "name", "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb Eva",
      NULL }, /* 👩‍💻 */
    { "person", "organisation", "", "" },
    { "moment", "body", "# Titel\r\n\r\n* een\n\t* twee", NULL },
    { "person", "email", "  Pieter.Bakker@VOORBEELD.NL ", "Pieter.Bakker@voorbeeld.nl" },
    { "person", "email", "o'neil+helder_x-1@sub.voorbeeld.nl", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    expect_error (field (refused[i].entity, refused[i].field), refused[i].text, refused[i].message);
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = helder_field_parse_text (
        field (accepted[i].entity, accepted[i].field), accepted[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (json_node_get_string (node), ==,
                       accepted[i].stored ? accepted[i].stored : accepted[i].text);
    }

  /* The same from JSON, and the e-mail plugin's rule is this rule. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) v = helder_field_normalize (
      field ("person", "name"), json_from_string ("\"Anna\\u202Egpj.exe\"", NULL), &error);

    g_assert_null (v);
    g_assert_nonnull (
      strstr (error->message, "name: contains U+202E RIGHT-TO-LEFT OVERRIDE at character 5"));
  }
  g_assert_true (helder_text_check_email ("pieter.bakker@voorbeeld.nl", NULL));
  g_assert_false (helder_text_check_email ("pieter.bakker@voorbeeld.nl\xe2\x80\x8b", NULL));
  g_assert_false (helder_text_check_email (" pieter.bakker@voorbeeld.nl", NULL));
  g_assert_true (helder_text_has_visible ("\xe2\x80\x8bx"));
  g_assert_false (helder_text_has_visible ("\xe2\x80\x8b \xc2\xa0"));
}

static void
test_numbers_and_choices (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) n = NULL;

  expect_error (field ("group", "influence"), "6", "outside");
  expect_error (field ("group", "influence"), "high", "whole number");
  expect_error (field ("group", "influence"), "3.5", "whole number");
  /* out of range of 64 bits: said so, not wrapped */
  expect_error (field ("group", "influence"), "-18446744073709551613",
                "influence: -18446744073709551613 is out of range for a whole number");
  expect_error (field ("group", "influence"), "99999999999999999999", "is out of range");
  expect_error (field ("group", "influence"), "1e3", "“1e3” is not a whole number");
  expect_error (field ("group", "influence"), "0x3", "is not a whole number");
  expect_error (field ("group", "influence"), " 3", "is not a whole number");
  expect_error (field ("role", "fte"), "-1", "sensible");
  expect_error (field ("role", "fte"), "twee", "number");
  expect_error (field ("group", "kind"), "both", "internal, external");
  expect_error (field ("moment", "channels"), "email,pigeon", "channels[1]");

  n = helder_field_parse_text (field ("group", "influence"), "5", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (n), ==, 5);
}

static void
test_json_types (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) v = NULL;

  v =
    helder_field_normalize (field ("group", "influence"), json_from_string ("\"4\"", NULL), &error);
  g_assert_null (v);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "expected a whole number, got text"));
  g_clear_error (&error);

  v = helder_field_normalize (field ("person", "groups"), json_from_string ("\"beheer\"", NULL),
                              &error);
  g_assert_null (v);
  g_assert_nonnull (strstr (error->message, "expected a list"));
  g_clear_error (&error);

  v = helder_field_normalize (field ("person", "groups"),
                              json_from_string ("[\"a\", {\"b\":1}]", NULL), &error);
  g_assert_null (v);
  g_assert_nonnull (strstr (error->message, "groups[1]"));
  g_clear_error (&error);

  v = helder_field_normalize (field ("person", "name"), json_from_string ("null", NULL), &error);
  g_assert_null (v);
  g_assert_nonnull (strstr (error->message, "required"));
  g_clear_error (&error);

  /* duplicates in a set collapse */
  v = helder_field_normalize (field ("person", "groups"),
                              json_from_string ("[\"a\",\"b\",\"a\"]", NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (v)), ==, 2);
}

/* The field an error is about travels in the error, not only in its text:
 * through prefixes, copies, the items of a set and the rules. */
static void
test_error_field (void)
{
  const HelderEntity *commitment = helder_entity_lookup ("commitment");
  const HelderEntity *moment = helder_entity_lookup ("moment");
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) copy = NULL;
  g_autoptr (JsonNode) bad = NULL;
  g_autoptr (JsonArray) channels = json_array_new ();
  g_autoptr (JsonNode) set = json_node_new (JSON_NODE_ARRAY);

  bad =
    helder_field_parse_text (helder_entity_get_field (commitment, "due_on"), "2027-02-30", &error);
  g_assert_null (bad);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (helder_error_get_field (error), ==, "due_on");
  g_prefix_error (&error, "commitments[3].");
  g_assert_cmpstr (helder_error_get_field (error), ==, "due_on");
  copy = g_error_copy (error);
  g_assert_cmpstr (helder_error_get_field (copy), ==, "due_on");
  g_clear_error (&error);

  /* An item of a set: the message names the item, the error the field. */
  json_array_add_string_element (channels, "meeting");
  json_array_add_string_element (channels, "fax");
  json_node_set_array (set, channels);
  g_assert_null (helder_field_normalize (helder_entity_get_field (moment, "channels"),
                                         json_node_copy (set), &error));
  g_assert_true (g_str_has_prefix (error->message, "channels[1]: "));
  g_assert_cmpstr (helder_error_get_field (error), ==, "channels");
  g_clear_error (&error);

  /* An error about no one field carries none, and other domains are left alone. */
  helder_error_set (&error, HELDER_ERROR_CONFLICT, NULL, "about %s", "nothing");
  g_assert_null (helder_error_get_field (error));
  g_clear_error (&error);
  g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "due_on: not ours");
  helder_error_set_field (error, "due_on");
  g_assert_null (helder_error_get_field (error));
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/value/dates", test_dates);
  g_test_add_func ("/value/datetimes", test_datetimes);
  g_test_add_func ("/value/text", test_text);
  g_test_add_func ("/value/text-rule", test_text_rule);
  g_test_add_func ("/value/numbers-and-choices", test_numbers_and_choices);
  g_test_add_func ("/value/json-types", test_json_types);
  g_test_add_func ("/value/error-field", test_error_field);
  return g_test_run ();
}
