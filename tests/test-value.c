/* test-value.c — parsing and checking field values
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"

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
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = helder_field_parse_text (f, text, &error);

  g_assert_null (node);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” → “%s” lacks “%s”", text, error->message, needle);
}

static void
test_dates (void)
{
  static const char * const good[] = { "2026-11-28", "2028-02-29", "1999-12-31" };
  static const char * const bad[] = { "2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01",
                                      "2026-01-01T10:00", "tomorrow", "", "2026-04-31", "2026/01/01",
                                      "0000-01-01", "2026-01-0a" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (helder_parse_date (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (helder_parse_date (bad[i], NULL))
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
  g_autofree char *z = helder_parse_datetime ("2026-12-01T08:30:00Z", NULL);
  g_autofree char *offset = helder_parse_datetime ("2026-12-01 09:30+01:00", NULL);
  g_autofree char *local = helder_parse_datetime ("2026-12-01 09:30", NULL);
  static const char * const bad[] = { "2026-12-01", "2026-12-01 25:00", "2026-02-30 10:00",
                                      "2026-12-01X10:00", "10:00", "2026-12-01 10:00 tomorrow", "" };

  g_assert_cmpstr (z, ==, "2026-12-01T08:30:00Z");
  g_assert_cmpstr (offset, ==, "2026-12-01T08:30:00Z");
  /* Without an offset: the programme's zone (Amsterdam), not the process's. */
  g_assert_cmpstr (local, ==, "2026-12-01T08:30:00Z");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *v = helder_parse_datetime (bad[i], &error);
      if (v != NULL)
        g_error ("accepted “%s” as “%s”", bad[i], v);
    }
  expect_error (field ("moment", "scheduled_at"), "morgen", "scheduled_at");
}

static void
test_text (void)
{
  g_autofree char *long_name = g_strnfill (501, 'a');
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) md = NULL;

  expect_error (field ("person", "name"), "Jan\001", "control character");
  expect_error (field ("person", "name"), "Jan\nde Vries", "control character");
  expect_error (field ("person", "name"), "\xff\xfe", "UTF-8");
  expect_error (field ("person", "name"), long_name, "too long");
  expect_error (field ("person", "name"), "   ", "empty");
  expect_error (field ("person", "email"), "jan@", "e-mail");
  expect_error (field ("person", "email"), "jan de vries@voorbeeld.nl", "e-mail");
  expect_error (field ("group", "slug"), "Beheer Team", "key");

  md = helder_field_parse_text (field ("moment", "body"), "# Titel\n\nTekst met ‘quotes’ en é.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (md), ==, "# Titel\n\nTekst met ‘quotes’ en é.");
}

static void
test_numbers_and_choices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) n = NULL;

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
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) v = NULL;

  v = helder_field_normalize (field ("group", "influence"), json_from_string ("\"4\"", NULL), &error);
  g_assert_null (v);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "expected a whole number, got text"));
  g_clear_error (&error);

  v = helder_field_normalize (field ("person", "groups"), json_from_string ("\"beheer\"", NULL), &error);
  g_assert_null (v);
  g_assert_nonnull (strstr (error->message, "expected a list"));
  g_clear_error (&error);

  v = helder_field_normalize (field ("person", "groups"), json_from_string ("[\"a\", {\"b\":1}]", NULL), &error);
  g_assert_null (v);
  g_assert_nonnull (strstr (error->message, "groups[1]"));
  g_clear_error (&error);

  v = helder_field_normalize (field ("person", "name"), json_from_string ("null", NULL), &error);
  g_assert_null (v);
  g_assert_nonnull (strstr (error->message, "required"));
  g_clear_error (&error);

  /* duplicates in a set collapse */
  v = helder_field_normalize (field ("person", "groups"), json_from_string ("[\"a\",\"b\",\"a\"]", NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (v)), ==, 2);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/value/dates", test_dates);
  g_test_add_func ("/value/datetimes", test_datetimes);
  g_test_add_func ("/value/text", test_text);
  g_test_add_func ("/value/numbers-and-choices", test_numbers_and_choices);
  g_test_add_func ("/value/json-types", test_json_types);
  return g_test_run ();
}
