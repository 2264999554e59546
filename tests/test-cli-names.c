/* test-cli-names.c — the command line speaks names and the user's language
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person, group, role, gate, phase or moment is asked for by id, slug,
 * e-mail or an unambiguous part of its name, without regard to case and
 * accents (services/repo/helder-resolve.c); a name that fits several rows
 * lists them; `show` names what a row refers to; choices are typed in the
 * user's language or in English; errors name options as they are typed;
 * Dutch dates and decimal commas are read. Every refusal changes nothing.
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-date.h"
#include "model/helder-text.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-resolve.h"

typedef struct
{
  HelderStore *store;
  char *db;
} Fixture;

static const char *const dutch[] = { "LANGUAGE=nl", NULL };

static void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *due = helder_test_day (-3);
  g_autofree char *made = helder_test_day (-30);
  g_autofree char *gate_day = helder_test_day (14);
  g_autofree char *json = NULL;

  f->store = helder_test_store_new (&f->db);
  helder_test_seed (f->store);
  /* 5 Kees, 6 Piet, 7 Pieter, 8 Loïs: Anna 1, Bram Jansen 2, Cor 3 and
   * Dewi 4 come from the seed. */
  json_object_unref (helder_test_create (
    f->store, "person",
    "{\"name\":\"Kees de Jong\",\"email\":\"kees.dejong@voorbeeld.nl\",\"groups\":[\"beheer\"]}"));
  json_object_unref (helder_test_create (
    f->store, "person",
    "{\"name\":\"Piet Jansen\",\"email\":\"piet.jansen@voorbeeld.nl\",\"groups\":[\"servicedesk\"]}"));
  json_object_unref (helder_test_create (
    f->store, "person",
    "{\"name\":\"Pieter Bakker\",\"email\":\"pieter.bakker@voorbeeld.nl\",\"groups\":[\"beheer\"],"
    "\"manager\":5}"));
  json_object_unref (helder_test_create (
    f->store, "person", "{\"name\":\"Loïs Meijer\",\"email\":\"lois.meijer@voorbeeld.nl\"}"));
  json = g_strdup_printf ("{\"slug\":\"technische-infrastructuur\",\"name\":\"Technische "
                          "infrastructuur gereed\",\"phase\":\"readiness\",\"decide_on\":\"%s\","
                          "\"groups\":[\"beheer\"]}",
                          gate_day);
  json_object_unref (helder_test_create (f->store, "gate", json));
  g_free (json);
  json_object_unref (helder_test_create (
    f->store, "criterion",
    "{\"gate\":\"technische-infrastructuur\",\"text\":\"IP-adressen voorbereid\"}"));
  json = g_strdup_printf ("{\"text\":\"Iedereen krijgt een gesprek\",\"made_by\":\"Anna\","
                          "\"made_on\":\"%s\",\"due_on\":\"%s\",\"groups\":[\"beheer\"]}",
                          made, due);
  json_object_unref (helder_test_create (f->store, "commitment", json));
  json_object_unref (helder_test_create (
    f->store, "moment",
    "{\"title\":\"Nieuwsbrief december\",\"scheduled_at\":\"2027-01-05T09:00:00Z\"}"));
  /* The first run of helder records what the loaded channels are for. */
  g_assert_cmpint (helder_test_run (f->db, NULL, NULL, NULL, "status", NULL), ==, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->db);
  g_free (f->db);
}

/* Runs helder with @args; returns its exit status, stdout in @out and
 * stderr in @err (both kept until the next call). */
static int
run (Fixture *f, const char *const *env, char **out, char **err, const char *const *args)
{
  g_free (*out);
  g_free (*err);
  *out = NULL;
  *err = NULL;
  return helder_test_runv (f->db, env, args, out, err);
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void
assert_contains (const char *haystack, const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” lacks “%s”", haystack ? haystack : "(null)", needle);
}

static void
assert_lacks (const char *haystack, const char *needle)
{
  if (haystack != NULL && strstr (haystack, needle) != NULL)
    g_error ("“%s” holds “%s”", haystack, needle);
}

/* Runs a command that must be refused with exit @code, naming @needles
 * on one line of stderr, and changing nothing. */
static void
refused (Fixture *f,
         const char *const *env,
         int code,
         const char *const *args,
         const char *const *needles)
{
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (run (f, env, &out, &err, args), ==, code);
  for (guint i = 0; needles[i] != NULL; i++)
    assert_contains (err, needles[i]);
  lines = g_strsplit (g_strstrip (err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- the service and the model, in process ------------------------------ */

static void
test_fold (void)
{
  g_autofree char *a = helder_text_fold ("  Loïs   de  JONG ");
  g_autofree char *b = helder_text_fold ("ĳsselmeer Çedille");
  g_autofree char *c = helder_text_fold ("\xff");

  g_assert_cmpstr (a, ==, "lois de jong");
  g_assert_cmpstr (b, ==, "ijsselmeer cedille");
  g_assert_cmpstr (c, ==, "");
  g_assert_true (helder_text_fold_contains ("Kees de Jong", "jong"));
  g_assert_true (helder_text_fold_contains ("Loïs Meijer", "LOIS"));
  g_assert_false (helder_text_fold_contains ("Kees de Jong", ""));
  g_assert_false (helder_text_fold_contains ("Kees de Jong", "piet"));
}

static void
test_dates_typed (void)
{
  static const struct
  {
    const char *typed;
    const char *day;
  } cases[] = {
    { "2026-12-04", "2026-12-04" },
    { "04-12-2026", "2026-12-04" },
    { "4-12-2026", "2026-12-04" },
    { "4/12/2026", "2026-12-04" },
    { "4.12.2026", "2026-12-04" },
    { "2026/12/04", "2026-12-04" },
    { "4 december 2026", "2026-12-04" },
    { "4 December 2026", "2026-12-04" },
    { "4 dec 2026", "2026-12-04" },
    { "29 february 2028", "2028-02-29" },
    { "29 february 2027", NULL },
    { "31-04-2026", NULL },
    { "4 ju 2026", NULL }, /* June or July: too short to say */
    { "4 december", NULL },
    { "12-2026", NULL },
    { "4-12-26", NULL },
    { "4-12-1800", NULL },
    { "volgende week", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *day = helder_date_parse_typed (cases[i].typed);

      g_test_message ("%s → %s", cases[i].typed, day ? day : "(refused)");
      g_assert_cmpstr (day, ==, cases[i].day);
    }
}

static void
test_resolve_service (Fixture *f, gconstpointer data)
{
  const HelderEntity *person = helder_entity_lookup ("person");
  const HelderEntity *group = helder_entity_lookup ("group");
  const HelderEntity *commitment = helder_entity_lookup ("commitment");
  static const struct
  {
    const char *typed;
    gint64 id;
  } people[] = {
    { "5", 5 },
    { "kees.dejong@voorbeeld.nl", 5 },
    { "KEES.DEJONG@voorbeeld.nl", 5 },
    { "Kees de Jong", 5 },
    { "kees de jong", 5 },
    { "  Jong ", 5 },
    { "Loïs", 8 },
    { "lois", 8 },
    { "LOÏS MEIJER", 8 },
    { "Piet Jansen", 6 }, /* the whole name wins over Pieter */
    { "Bakker", 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) key = helder_resolve (f->store, person, people[i].typed, &error);

      g_test_message ("%s", people[i].typed);
      g_assert_no_error (error);
      g_assert_cmpint (json_node_get_int (key), ==, people[i].id);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) key = helder_resolve (f->store, person, "Piet", &error);

    g_assert_null (key);
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
    assert_contains (error->message, "6 Piet Jansen <piet.jansen@voorbeeld.nl>");
    assert_contains (error->message, "7 Pieter Bakker <pieter.bakker@voorbeeld.nl>");
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) key = helder_resolve (f->store, person, "Zoë", &error);

    g_assert_null (key);
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
    assert_contains (error->message, "“Zoë”");
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) key = helder_resolve (f->store, person, "nie@mand.nl", &error);

    g_assert_null (key);
    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) key = helder_resolve (f->store, group, "netwerk", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_node_get_string (key), ==, "beheer");
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) key = helder_resolve (f->store, group, "e", &error);

    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
    assert_contains (error->message, "beheer (Systeem- en netwerkbeheer)");
    assert_contains (error->message, "servicedesk (Servicedesk)");
  }
  {
    /* A commitment has no name: its id it is. */
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) key = helder_resolve (f->store, commitment, "gesprek", &error);

    g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  }
  {
    g_autoptr (JsonNode) key = json_node_init_int (json_node_alloc (), 5);
    g_autofree char *named = helder_resolve_describe (f->store, person, key);

    g_assert_cmpstr (named, ==, "Kees de Jong (5)");
  }
}

/* ---- the command line --------------------------------------------------- */

static void
test_show_by_name (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *noun;
    const char *typed;
    const char *shown;
  } cases[] = {
    { "person", "8", "Loïs Meijer" },
    { "person", "lois.meijer@voorbeeld.nl", "Loïs Meijer" },
    { "person", "Kees de Jong", "kees.dejong@voorbeeld.nl" },
    { "person", "kees de jong", "kees.dejong@voorbeeld.nl" },
    { "person", "Jong", "kees.dejong@voorbeeld.nl" },
    { "person", "lois", "Loïs Meijer" },
    { "person", "LOÏS", "Loïs Meijer" },
    { "group", "servicedesk", "Servicedesk" },
    { "group", "Netwerkbeheer", "Systeem- en netwerkbeheer" },
    { "role", "contract", "Contractmanager" },
    { "gate", "technische infrastructuur", "IP-adressen voorbereid" },
    { "phase", "gereed", "Omgeving gereed maken" },
    { "moment", "nieuwsbrief", "Nieuwsbrief december" },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s show %s", cases[i].noun, cases[i].typed);
      g_assert_cmpint (run (f, NULL, &out, &err, ARGS (cases[i].noun, "show", cases[i].typed)), ==,
                       0);
      assert_contains (out, cases[i].shown);
    }
}

static void
test_ambiguous_and_unknown (Fixture *f, gconstpointer data)
{
  refused (
    f, dutch, 1, ARGS ("person", "show", "Piet"),
    ARGS ("“Piet” past op meer dan één persoon (2)", "6 Piet Jansen <piet.jansen@voorbeeld.nl>",
          "7 Pieter Bakker <pieter.bakker@voorbeeld.nl>", "geef een nummer, een e-mailadres"));
  refused (f, NULL, 1, ARGS ("person", "show", "Jansen"),
           ARGS ("2 Bram Jansen <bram@voorbeeld.nl>", "6 Piet Jansen"));
  refused (f, NULL, 1, ARGS ("person", "show", "Zoë"), ARGS ("no person matches “Zoë”"));
  refused (f, NULL, 1, ARGS ("person", "show", "99"), ARGS ("99"));
  refused (f, NULL, 1, ARGS ("person", "delete", "Piet"), ARGS ("matches more than one person"));
  refused (f, NULL, 1, ARGS ("person", "update", "Zoë", "--name", "Zoë"),
           ARGS ("no person matches “Zoë”"));
  refused (f, NULL, 1, ARGS ("group", "delete", "e"), ARGS ("matches more than one group"));
  refused (f, NULL, 1, ARGS ("person", "update", "Kees", "--manager", "Piet"),
           ARGS ("--manager: “Piet” matches more than one person"));
  refused (f, NULL, 1, ARGS ("person", "update", "Kees", "--groups", "servicedesk,nergens"),
           ARGS ("--groups: no group matches “nergens” (known: beheer, leverancier, servicedesk)"));
  refused (f, NULL, 1, ARGS ("person", "list", "--role", "directeur"),
           ARGS ("--role: no role matches “directeur”"));
  refused (f, NULL, 1, ARGS ("token", "revoke", "--person", "Piet"),
           ARGS ("--person: “Piet” matches more than one person"));
  refused (f, NULL, 1, ARGS ("invite", "--group", "nergens", "--dry-run"),
           ARGS ("--group: no group matches “nergens”"));
  refused (f, NULL, 1, ARGS ("person", "erase", "Zoë"), ARGS ("no person matches “Zoë”"));
  refused (f, NULL, 1, ARGS ("moment", "approve", "zomer"), ARGS ("no moment matches “zomer”"));
}

static void
test_options_take_names (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (
    run (f, NULL, &out, &err, ARGS ("person", "update", "Loïs", "--manager", "kees de jong")), ==,
    0);
  g_assert_cmpint (run (f, NULL, &out, &err,
                        ARGS ("role-change", "add", "--person", "lois", "--from-role", "systeem",
                              "--to-role", "Contractmanager")),
                   ==, 0);
  assert_contains (out, "Loïs Meijer (8)");
  assert_contains (out, "Contractmanager (contractmanager)");
  g_assert_cmpint (run (f, NULL, &out, &err,
                        ARGS ("placement", "add", "--role", "contract", "--person", "Piet Jansen")),
                   ==, 0);
  assert_contains (out, "Piet Jansen (6)");
  g_assert_cmpint (
    run (f, NULL, &out, &err,
         ARGS ("criterion", "add", "--gate", "Technische infra", "--text", "Back-ups getest")),
    ==, 0);
  g_assert_cmpint (run (f, NULL, &out, &err,
                        ARGS ("moment", "update", "Nieuwsbrief", "--phase", "Migratie", "--groups",
                              "Servicedesk,netwerk", "--persons", "Kees,lois.meijer@voorbeeld.nl")),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("moment", "show", "nieuwsbrief")), ==, 0);
  assert_contains (out, "Migratie (migration)");
  assert_contains (out, "Systeem- en netwerkbeheer (beheer), Servicedesk (servicedesk)");
  assert_contains (out, "Kees de Jong (5), Loïs Meijer (8)");
  g_assert_cmpint (
    run (f, NULL, &out, &err, ARGS ("invite", "--group", "Servicedesk", "--dry-run")), ==, 0);
  assert_contains (out, "Piet Jansen");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("person", "export", "Loïs")), ==, 0);
  assert_contains (out, "lois.meijer@voorbeeld.nl");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("token", "issue", "lois", "--role", "employee")),
                   ==, 0);
  assert_contains (out, "person 8");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("token", "revoke", "--person", "Meijer")), ==,
                   0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("commitment", "update", "1", "--note", "Loopt")),
                   ==, 0);
}

static void
test_list_by_name (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("person", "list", "--name", "piet")), ==, 0);
  assert_contains (out, "Piet Jansen");
  assert_contains (out, "Pieter Bakker");
  assert_lacks (out, "Kees");
  g_assert_cmpint (run (f, NULL, &out, &err,
                        ARGS ("person", "list", "--name", "piet", "--offset", "1", "--limit", "1")),
                   ==, 0);
  assert_lacks (out, "Piet Jansen");
  assert_contains (out, "Pieter Bakker");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("person", "list", "--name", "LOIS")), ==, 0);
  assert_contains (out, "Loïs Meijer");
  g_assert_cmpint (run (f, NULL, &out, &err,
                        ARGS ("person", "list", "--groups", "Servicedesk", "--name", "jansen")),
                   ==, 0);
  assert_contains (out, "Bram Jansen");
  assert_contains (out, "Piet Jansen");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("person", "list", "--manager", "kees")), ==, 0);
  assert_contains (out, "Pieter Bakker");
  assert_lacks (out, "Loïs");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "person", "list", "--name", "zoë")),
                   ==, 0);
  assert_lacks (out, "\"name\"");
}

static void
test_show_names_references (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, dutch, &out, &err, ARGS ("person", "show", "Pieter")), ==, 0);
  assert_contains (out, "Kees de Jong (5)");
  assert_lacks (out, ": 5\n");
  assert_contains (out, "Systeem- en netwerkbeheer (beheer)");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("person", "show", "Cor")), ==, 0);
  assert_contains (out, "Systeembeheerder (systeembeheerder)");
  assert_contains (out, "Anna de Vries (1)");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("gate", "show", "technische")), ==, 0);
  assert_contains (out, "Omgeving gereed maken (readiness)");
  /* JSON keeps the keys. */
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "person", "show", "Pieter")), ==, 0);
  assert_contains (out, "\"manager\" : 5");
}

static void
test_values_in_either_language (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, dutch, &out, &err, ARGS ("commitment", "list", "--status", "te laat")),
                   ==, 0);
  assert_contains (out, "Iedereen krijgt een gesprek");
  g_assert_cmpint (run (f, dutch, &out, &err, ARGS ("commitment", "list", "--status", "late")), ==,
                   0);
  assert_contains (out, "Iedereen krijgt een gesprek");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("commitment", "list", "--status", "Late")), ==,
                   0);
  assert_contains (out, "Iedereen krijgt een gesprek");
  refused (f, dutch, 1, ARGS ("commitment", "list", "--status", "laat"),
           ARGS ("--status: “laat”", "te laat", "in het Engels: open, late, kept"));
  refused (f, NULL, 1, ARGS ("commitment", "list", "--status", "te laat"),
           ARGS ("--status: “te laat” is not one of open, late, kept, broken, withdrawn"));

  g_assert_cmpint (
    run (f, dutch, &out, &err, ARGS ("group", "update", "leverancier", "--kind", "Intern")), ==, 0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "group", "show", "leverancier")), ==,
                   0);
  assert_contains (out, "\"kind\" : \"internal\"");
  g_assert_cmpint (
    run (f, dutch, &out, &err, ARGS ("role", "update", "servicedesk", "--fate", "verandert")), ==,
    0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "role", "show", "servicedesk")), ==,
                   0);
  assert_contains (out, "\"fate\" : \"changes\"");
  g_assert_cmpint (run (f, dutch, &out, &err, ARGS ("person", "update", "Kees", "--digest", "uit")),
                   ==, 0);
  g_assert_cmpint (
    run (f, dutch, &out, &err,
         ARGS ("commitment", "update", "1", "--status", "gebroken", "--note", "Geen budget")),
    ==, 0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "commitment", "show", "1")), ==, 0);
  assert_contains (out, "\"status\" : \"broken\"");
  refused (f, dutch, 1, ARGS ("role", "update", "contract", "--fate", "weg"),
           ARGS ("--fate: “weg”", "blijft, verandert, vervalt, nieuw"));
  /* The help lists them as the user reads them. */
  g_assert_cmpint (run (f, dutch, &out, &err, ARGS ("role", "update", "--help")), ==, 0);
  assert_contains (out, "blijft|verandert|vervalt|nieuw");
}

static void
test_options_as_typed (Fixture *f, gconstpointer data)
{
  g_autofree char *due = helder_test_day (5);
  g_autofree char *made = helder_test_day (10);

  refused (f, NULL, 1,
           ARGS ("commitment", "add", "--text", "Iets", "--made-by", "Anna", "--made-on", made,
                 "--due-on", due),
           ARGS ("--due-on:", "--made-on"));
  refused (f, NULL, 1,
           ARGS ("commitment", "add", "--text", "Iets", "--made-by", "Anna", "--made-on",
                 "2026-13-01", "--due-on", due),
           ARGS ("--made-on: “2026-13-01”"));
  refused (f, NULL, 1, ARGS ("moment", "add", "--title", "T", "--scheduled-at", "morgen"),
           ARGS ("--scheduled-at: “morgen”"));
  refused (f, NULL, 1, ARGS ("role-change", "add", "--person", "Kees"),
           ARGS ("--decision-expected"));
  refused (f, NULL, 1,
           ARGS ("gate", "decide", "technische", "--decision", "go", "--rationale", "Klaar", "--by",
                 "Stuurgroep"),
           ARGS ("--override:"));
  refused (f, NULL, 1, ARGS ("commitment", "update", "1", "--status", "broken"), ARGS ("--note:"));
  refused (f, NULL, 1, ARGS ("commitment", "update", "1", "--status", "kaput"), ARGS ("--status:"));
  refused (f, NULL, 1, ARGS ("person", "add", "--name", "X", "--channels", "email,duif"),
           ARGS ("--channels: “duif”"));

  /* What was typed stays as typed. */
  refused (f, NULL, 1, ARGS ("moment", "add", "--title", "T", "--scheduled-at", "made_on"),
           ARGS ("--scheduled-at: “made_on”"));

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run (f, NULL, &out, &err,
                          ARGS ("commitment", "add", "--text", "Iets", "--made-by", "Anna",
                                "--made-on", made, "--due-on", due)),
                     ==, 1);
    assert_lacks (err, "made_on");
    assert_lacks (err, "due_on");
  }
}

static void
test_dutch_dates_and_numbers (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, dutch, &out, &err,
                        ARGS ("gate", "update", "technische", "--decide-on", "18 december 2026")),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "gate", "show", "technische")), ==, 0);
  assert_contains (out, "\"decide_on\" : \"2026-12-18\"");
  g_assert_cmpint (
    run (f, NULL, &out, &err, ARGS ("gate", "update", "technische", "--decide-on", "21-12-2026")),
    ==, 0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "gate", "show", "technische")), ==, 0);
  assert_contains (out, "\"decide_on\" : \"2026-12-21\"");
  g_assert_cmpint (
    run (f, dutch, &out, &err,
         ARGS ("moment", "update", "nieuwsbrief", "--scheduled-at", "7 januari 2027 10:00")),
    ==, 0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "moment", "show", "nieuwsbrief")), ==,
                   0);
  assert_contains (out, "\"scheduled_at\" : \"2027-01-07T09:00:00Z\"");
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("role", "update", "contract", "--fte", "0,5")),
                   ==, 0);
  g_assert_cmpint (run (f, NULL, &out, &err, ARGS ("--json", "role", "show", "contract")), ==, 0);
  assert_contains (out, "\"fte\" : 0.5");

  g_assert_cmpint (run (f, dutch, &out, &err, ARGS ("status", "--on", "18 december 2026")), ==, 0);
  assert_contains (out, "2026-12-18");

  refused (f, NULL, 1, ARGS ("gate", "update", "technische", "--decide-on", "31-02-2026"),
           ARGS ("--decide-on: “31-02-2026” is not a date"));
  refused (f, NULL, 1,
           ARGS ("moment", "update", "nieuwsbrief", "--scheduled-at", "04-12-2026 25:00"),
           ARGS ("--scheduled-at: “04-12-2026 25:00”"));
  refused (f, NULL, 1, ARGS ("role", "update", "contract", "--fte", "0,5,5"),
           ARGS ("--fte: “0,5,5” is not a number"));
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/cli-names/fold", test_fold);
  g_test_add_func ("/cli-names/dates-typed", test_dates_typed);
  ADD ("/cli-names/resolve-service", test_resolve_service);
  ADD ("/cli-names/show-by-name", test_show_by_name);
  ADD ("/cli-names/ambiguous-and-unknown", test_ambiguous_and_unknown);
  ADD ("/cli-names/options-take-names", test_options_take_names);
  ADD ("/cli-names/list-by-name", test_list_by_name);
  ADD ("/cli-names/show-names-references", test_show_names_references);
  ADD ("/cli-names/values-in-either-language", test_values_in_either_language);
  ADD ("/cli-names/options-as-typed", test_options_as_typed);
  ADD ("/cli-names/dutch-dates-and-numbers", test_dutch_dates_and_numbers);

  return g_test_run ();
}
