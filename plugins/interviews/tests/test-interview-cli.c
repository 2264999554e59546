/* test-interview-cli.c — interviews through `helder interview`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real plugin, loaded by the real binary, on the demo programme in a
 * real SQLite file with the clock pinned: the templates; planning with a
 * person or an organisation; recording answers, notes, items (the same
 * item from two interviews, their conflict shown by `helder item show`)
 * and concerns, from options and from one JSON document; every wrong
 * option refused with nothing changed; the person erased as interviewee
 * and interviewer; export → import → export.
 */
#include "config.h"

#include <string.h>

#include "interview-fixture.h"

static void
test_templates (Fixture *f, gconstpointer data)
{
  const char *kinds[] = { "internal-admin", "supplier", "chain-partner", "process-owner",
                          "employee" };
  g_autoptr (JsonNode) list = JSON ("interview", "template", "list");

  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (JsonNode) t = JSON ("interview", "template", "show", kinds[i]);
      JsonArray *questions = json_object_get_array_member (json_node_get_object (t), "questions");
      g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
      guint general = 0;

      for (guint q = 0; q < json_array_get_length (questions); q++)
        {
          JsonObject *question = json_array_get_object_element (questions, q);
          const char *key = json_object_get_string_member (question, "key");

          g_assert_true (g_hash_table_add (keys, (gpointer) key));
          g_assert_cmpuint (strlen (json_object_get_string_member (question, "text")), >, 20);
          g_assert_cmpuint (strlen (json_object_get_string_member (question, "text_en")), >, 20);
          if (!json_object_has_member (question, "area"))
            general++;
        }
      g_assert_cmpuint (general, >=, 6);
      g_assert_cmpuint (general, <=, 12);
    }
  REFUSED ("kind", "interview", "template", "show", "nope");
  REFUSED ("template", "interview", "template");
}

static void
test_plan (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonNode) shown = NULL;
  JsonObject *row;

  out = OUT ("interview", "plan", "--kind", "supplier", "--organisation", "Centric", "--at",
             "15-12-2026 10:00", "--duration", "90", "--location", "Stadhuis, kamer 2.14");
  g_assert_nonnull (strstr (out, "No meeting moment"));
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM interview WHERE moment IS NULL"), ==,
                   1);
  /* 10:00 in Amsterdam in December is 09:00 UTC, whatever TZ the test runs in. */
  shown = JSON ("interview", "show", "supplier-centric");
  row = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (row, "planned_at"), ==, "2026-12-15T09:00:00Z");
  g_assert_cmpint (json_object_get_int_member (row, "duration_minutes"), ==, 90);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "planned");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "questions")), ==, 8);
  OK ("interview", "plan", "--kind", "process-owner", "--area", "geo", "--person",
      "wouter.janssen@voorbeeld.nl", "--at", "16 december 2026 om 14:30");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM interview WHERE area = 'geo'"
                                      " AND planned_at = '2026-12-16T13:30:00Z'"),
                   ==, 1);
  OK ("interview", "update", "supplier-centric", "--at", "2026-12-17 11:00", "--title",
      "Centric: Key2 en koppelingen");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM interview WHERE planned_at ="
                                      " '2026-12-17T10:00:00Z' AND title LIKE 'Centric:%'"),
                   ==, 1);
  OK ("interview", "cancel", "supplier-centric");
  REFUSED ("cancelled", "interview", "update", "supplier-centric", "--title", "Nog eens");
  REFUSED ("only a planned interview", "interview", "cancel", "supplier-centric");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM audit_entry WHERE entity = 'interview'"
                                      " AND actor_role = 'cli'"),
                   ==, 4);
  {
    g_autoptr (JsonNode) planned = JSON ("interview", "list", "--status", "planned");
    g_autoptr (JsonNode) suppliers = JSON ("interview", "list", "--kind", "supplier");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (planned)), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (suppliers)), ==, 1);
  }
}

static void
test_plan_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *long_text = g_strnfill (300, 'x');

  OK ("interview", "plan", "--kind", "employee", "--person", "10");
  REFUSED ("--kind is required", "interview", "plan", "--organisation", "X");
  REFUSED ("--kind: “nope”", "interview", "plan", "--kind", "nope", "--organisation", "X");
  REFUSED ("--person", "interview", "plan", "--kind", "supplier");
  REFUSED ("--person", "interview", "plan", "--kind", "supplier", "--person", "Niemand Bestaat");
  REFUSED ("--interviewer", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "--interviewer", "Niemand Bestaat");
  REFUSED ("--area: “gis”", "interview", "plan", "--kind", "process-owner", "--person", "9",
           "--area", "gis");
  REFUSED ("--area: only", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "--area", "geo");
  REFUSED ("--at: “morgen”", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "--at", "morgen");
  REFUSED ("--at: “31-02-2027 10:00”", "interview", "plan", "--kind", "supplier", "--organisation",
           "X", "--at", "31-02-2027 10:00");
  REFUSED ("--at: “15-12-2026 25:00”", "interview", "plan", "--kind", "supplier", "--organisation",
           "X", "--at", "15-12-2026 25:00");
  /* 02:30 does not exist in Amsterdam on the night summer time starts. */
  REFUSED ("--at", "interview", "plan", "--kind", "supplier", "--organisation", "X", "--at",
           "28-03-2027 02:30");
  REFUSED ("--duration: “4”", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "--duration", "4");
  REFUSED ("--duration: “601”", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "--duration", "601");
  REFUSED ("--duration: “een uur”", "interview", "plan", "--kind", "supplier", "--organisation",
           "X", "--duration", "een uur");
  REFUSED ("--location", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "--location", long_text);
  REFUSED ("--location", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "--location", "kamer\x01");
  REFUSED ("--online-url: “ftp://x”", "interview", "plan", "--kind", "supplier", "--organisation",
           "X", "--online-url", "ftp://x");
  REFUSED ("--title: it is empty", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "--title", "   ");
  REFUSED ("--organisation", "interview", "plan", "--kind", "supplier", "--organisation",
           long_text);
  REFUSED ("unexpected argument", "interview", "plan", "--kind", "supplier", "--organisation", "X",
           "extra");
  REFUSED ("no interview “99”", "interview", "update", "99", "--title", "X");
  REFUSED ("nothing to change", "interview", "update", "1");
  REFUSED ("--kind", "interview", "update", "1", "--kind", "supplier");
  REFUSED ("--at", "interview", "update", "1", "--at", "gisteren");
  REFUSED ("no interview “99”", "interview", "cancel", "99");
  REFUSED ("which interview", "interview", "show");
  REFUSED ("no interview “nope”", "interview", "show", "nope");
  REFUSED ("--status: “gepland”", "interview", "list", "--status", "gepland");
  REFUSED ("--kind: “nope”", "interview", "list", "--kind", "nope");
  REFUSED ("no verb", "interview", "nope");
}

static void
test_record (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) shown = NULL;
  g_autofree char *record = NULL;
  g_autofree char *out = NULL;
  g_autofree char *items = NULL;
  JsonObject *row;
  JsonArray *questions;

  OK ("concern", "theme", "add", "werkgelegenheid", "--name", "Werkgelegenheid");
  OK ("interview", "plan", "--kind", "internal-admin", "--person", "10");
  OK ("interview", "plan", "--kind", "internal-admin", "--person", "11");
  OK ("interview", "record", "1", "--answer", "infrastructuur=Twee VMware-clusters", "--answer",
      "kennis=De back-upscripts", "--notes", "Pieter kent **alles**.", "--item",
      "application:Testapplicatie Noord version=5.2 supplier=Centric", "--item",
      "component:srv-bz01 type=server version=Windows Server 2012", "--concern",
      "Wat gebeurt er met mijn baan?", "--theme", "werkgelegenheid", "--groups",
      "systeem-netwerkbeheer", "--named");
  record = helder_test_write_temp (
    "record.json",
    "{\"answers\": {\"kennis\": \"Alleen de scripts\", \"risicos\": \"De koppelingen\"},"
    " \"items\": [{\"kind\": \"application\", \"name\": \"testapplicatie noord\", \"version\": \"5.3\"}],"
    " \"concerns\": [{\"text\": \"Krijg ik een opleiding?\", \"groups\": [\"servicedesk\"]}]}",
    -1);
  OK ("interview", "record", "2", "--from-file", record);
  /* Answers merge: the second record of interview 1 keeps the first's. */
  OK ("interview", "record", "1", "--answer", "risicos=De opslag");
  shown = JSON ("interview", "show", "1");
  row = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "recorded");
  g_assert_cmpstr (json_object_get_string_member (row, "notes"), ==, "Pieter kent **alles**.");
  questions = json_object_get_array_member (row, "questions");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (questions, 0), "answer"), ==,
    "Twee VMware-clusters");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (questions, 9), "answer"), ==,
    "De opslag");
  items = json_to_string (json_object_get_member (row, "items"), FALSE);
  g_assert_nonnull (strstr (items, "\"Testapplicatie Noord\""));
  g_assert_nonnull (strstr (items, "\"srv-bz01\""));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "concerns")), ==, 1);
  /* One item, two sources that disagree on its version: shown, not overwritten. */
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'application'"
                                      " AND name = 'Testapplicatie Noord'"),
                   ==, 1);
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM inv_source s JOIN inv_item i"
                                      " ON i.id = s.item WHERE i.name = 'Testapplicatie Noord'"
                                      " AND s.interview IS NOT NULL"),
                   ==, 2);
  out = OUT ("item", "show", "application:Testapplicatie Noord");
  g_assert_nonnull (strstr (out, "CONFLICT"));
  g_assert_nonnull (strstr (out, "5.2"));
  g_assert_nonnull (strstr (out, "5.3"));
  g_free (out);
  out = OUT ("interview", "show", "2");
  g_assert_nonnull (strstr (out, "CONFLICT"));
  /* The concerns: via the interview, named only where the interviewee agreed. */
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM concern WHERE via = 'interview'"), ==,
                   2);
  g_assert_cmpint (
    fixture_scalar (f, "SELECT count(*) FROM concern WHERE named = 1 AND person = 10 AND"
                       " interview = 1"),
    ==, 1);
  g_assert_cmpint (
    fixture_scalar (f, "SELECT count(*) FROM concern WHERE person IS NULL AND interview = 2"), ==,
    1);
}

static void
test_record_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *not_json = helder_test_write_temp ("bad.json", "{\"answers\": ", -1);
  g_autofree char *array = helder_test_write_temp ("array.json", "[1, 2]", -1);
  g_autofree char *unknown = helder_test_write_temp ("unknown.json", "{\"answerz\": {}}", -1);
  g_autofree char *answer_number =
    helder_test_write_temp ("number.json", "{\"answers\": {\"kennis\": 5}}", -1);
  g_autofree char *bad_items = helder_test_write_temp ("items.json", "{\"items\": {}}", -1);
  g_autofree char *item_no_name =
    helder_test_write_temp ("noname.json", "{\"items\": [{\"kind\": \"application\"}]}", -1);
  g_autofree char *concern_named = helder_test_write_temp (
    "named.json", "{\"concerns\": [{\"text\": \"x\", \"named\": \"ja\"}]}", -1);

  OK ("concern", "theme", "add", "werkplek", "--name", "Werkplek");
  OK ("interview", "plan", "--kind", "internal-admin", "--person", "10");
  OK ("interview", "plan", "--kind", "supplier", "--organisation", "Centric");
  OK ("interview", "plan", "--kind", "supplier", "--organisation", "PinkRoccade");
  OK ("interview", "cancel", "3");
  REFUSED ("which interview", "interview", "record");
  REFUSED ("no interview “9”", "interview", "record", "9", "--notes", "x");
  REFUSED ("nothing to record", "interview", "record", "1");
  REFUSED ("cancelled", "interview", "record", "3", "--notes", "x");
  REFUSED ("“bogus” is no question", "interview", "record", "1", "--answer", "bogus=x");
  REFUSED ("--answer: “kennis”", "interview", "record", "1", "--answer", "kennis");
  REFUSED ("--answer: “=x”", "interview", "record", "1", "--answer", "=x");
  REFUSED ("answers.kennis", "interview", "record", "1", "--answer", "kennis=a\x01");
  REFUSED ("--answers-file", "interview", "record", "1", "--answers-file", "/nonexistent.json");
  REFUSED ("--answers-file: “", "interview", "record", "1", "--answers-file", not_json);
  REFUSED ("does not hold a JSON object", "interview", "record", "1", "--answers-file", array);
  REFUSED ("--notes-file", "interview", "record", "1", "--notes-file", "/nonexistent.md");
  REFUSED ("not both", "interview", "record", "1", "--notes", "x", "--notes-file", not_json);
  REFUSED ("--item: “Key2”", "interview", "record", "1", "--item", "Key2");
  REFUSED ("--item: “application:”", "interview", "record", "1", "--item", "application:");
  REFUSED ("items[1]", "interview", "record", "1", "--item", "gadget:X");
  REFUSED ("items[1]", "interview", "record", "1", "--item", "component:srv type=toaster");
  REFUSED ("go with --concern", "interview", "record", "1", "--theme", "werkplek");
  REFUSED ("theme", "interview", "record", "1", "--concern", "x", "--theme", "nope");
  REFUSED ("groups", "interview", "record", "1", "--concern", "x", "--groups", "nope");
  REFUSED ("concerns[1]", "interview", "record", "1", "--concern", "  ");
  REFUSED ("cannot name them", "interview", "record", "2", "--concern", "x", "--named");
  REFUSED ("--from-file", "interview", "record", "1", "--from-file", "/nonexistent.json");
  REFUSED ("is not JSON", "interview", "record", "1", "--from-file", not_json);
  REFUSED ("answerz", "interview", "record", "1", "--from-file", unknown);
  REFUSED ("answers.kennis", "interview", "record", "1", "--from-file", answer_number);
  REFUSED ("items: give a list", "interview", "record", "1", "--from-file", bad_items);
  REFUSED ("items[1]", "interview", "record", "1", "--from-file", item_no_name);
  REFUSED ("named is true or false", "interview", "record", "1", "--from-file", concern_named);
  /* A bad item after good answers: the whole record is refused. */
  REFUSED ("items[2]", "interview", "record", "1", "--answer", "kennis=x", "--item",
           "application:Goed", "--item", "gadget:Fout");
}

static void
test_erase (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *exported = NULL;

  OK ("interview", "plan", "--kind", "internal-admin", "--person", "10", "--interviewer", "11");
  OK ("interview", "record", "1", "--concern", "Wat gebeurt er met mijn baan?", "--named");
  OK ("concern", "raise", "Ik wil een nieuwe laptop", "--person", "10", "--named");
  OK ("concern", "raise", "Zonder naam", "--person", "10");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM concern WHERE person = 10"), ==, 2);
  /* Their export holds their interview and their named concerns, not the
   * anonymous one. */
  exported = OUT ("person", "export", "10");
  g_assert_nonnull (strstr (exported, "Wat gebeurt er met mijn baan?"));
  g_assert_nonnull (strstr (exported, "Ik wil een nieuwe laptop"));
  g_assert_nonnull (strstr (exported, "internal-admin"));
  g_assert_null (strstr (exported, "Zonder naam"));
  OK ("person", "erase", "10");
  OK ("person", "erase", "11");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM interview WHERE person IS NULL"
                                      " AND person_erased = 1 AND interviewer IS NULL"),
                   ==, 1);
  /* The named concerns stay, without the person: they still count. */
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM concern WHERE person IS NULL"
                                      " AND named = 1"),
                   ==, 2);
  out = OUT ("interview", "show", "1");
  g_assert_nonnull (strstr (out, "erased person"));
}

static char *
export_all (const char *db)
{
  char *out = NULL;
  const char *env[] = { FIXTURE_NOW, NULL };

  g_assert_cmpint (helder_test_runv (db, env, (const char *const[]){ "export", NULL }, &out, NULL),
                   ==, 0);
  return out;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-listen-XXXXXX", NULL);
  g_autofree char *other = g_build_filename (dir, "copy.db", NULL);
  const char *env[] = { FIXTURE_NOW, NULL };

  OK ("concern", "theme", "add", "planning", "--name", "Planning", "--name-en", "Schedule");
  OK ("interview", "plan", "--kind", "process-owner", "--area", "fab", "--person", "9",
      "--interviewer", "6", "--at", "2026-12-15 09:30");
  OK ("interview", "record", "1", "--answer", "processen=Vergunningen", "--notes", "Notities",
      "--concern", "Wanneer horen we meer?", "--theme", "planning", "--groups",
      "functioneel-applicatiebeheer,key-users", "--named");
  OK ("concern", "raise", "Anoniem", "--groups", "servicedesk");
  OK ("concern", "answer", "1", "--text", "In januari.", "--publish");
  first = export_all (f->db);
  g_assert_nonnull (strstr (first, "\"interviews\""));
  g_assert_nonnull (strstr (first, "\"concerns\""));
  g_assert_nonnull (strstr (first, "\"concern_themes\""));
  file = helder_test_write_temp ("export.json", first, -1);
  g_assert_cmpint (
    helder_test_runv (other, env, (const char *const[]){ "import", file, NULL }, NULL, NULL), ==,
    0);
  second = export_all (other);
  g_assert_cmpstr (first, ==, second);
  helder_test_remove_db (other);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/interview/templates", test_templates);
  ADD ("/interview/plan", test_plan);
  ADD ("/interview/plan-bad-input", test_plan_bad_input);
  ADD ("/interview/record", test_record);
  ADD ("/interview/record-bad-input", test_record_bad_input);
  ADD ("/interview/erase", test_erase);
  ADD ("/interview/round-trip", test_round_trip);
  return g_test_run ();
}
