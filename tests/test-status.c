/* test-status.c — `helder status` as a service: what the advisor sees first
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/repo/helder-repo.h"
#include "services/views/helder-status.h"

static void
test_status_facts (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) status = NULL;
  g_autofree char *d_m40 = helder_test_day (-40);
  g_autofree char *d_m5 = helder_test_day (-5);
  g_autofree char *d_m2 = helder_test_day (-2);
  g_autofree char *d_p3 = helder_test_day (3);
  g_autofree char *d_p14 = helder_test_day (14);
  g_autofree char *d_p15 = helder_test_day (15);
  g_autofree char *d_p20 = helder_test_day (20);
  g_autofree char *d_p60 = helder_test_day (60);
  g_autofree char *json = NULL;
  JsonObject *phase, *gate, *changes, *commitments, *late0;
  JsonArray *moments;

  helder_test_seed (store);

  /* two gates ahead: the earlier one is next */
  json =
    g_strdup_printf ("{\"slug\":\"productie\",\"name\":\"Productie\",\"decide_on\":\"%s\"}", d_p60);
  json_object_unref (helder_test_create (store, "gate", json));
  g_free (json);
  json =
    g_strdup_printf ("{\"slug\":\"infra\",\"name\":\"Infra gereed\",\"decide_on\":\"%s\"}", d_p20);
  json_object_unref (helder_test_create (store, "gate", json));
  json_object_unref (helder_test_create (store, "criterion",
                                         "{\"gate\":\"infra\",\"text\":\"A\",\"status\":\"met\"}"));
  json_object_unref (helder_test_create (store, "criterion",
                                         "{\"gate\":\"infra\",\"text\":\"B\",\"owner\":\"Cor\"}"));

  json_object_unref (helder_test_create (
    store, "role_change", "{\"person\":1,\"to_role\":\"contractmanager\",\"status\":\"decided\"}"));
  json_object_unref (helder_test_create (store, "role_change",
                                         "{\"person\":2,\"decision_expected\":\"2030-01-01\"}"));

  /* commitments: one late, one open, one broken */
  g_free (json);
  json = g_strdup_printf (
    "{\"text\":\"Opleidingsplan per medewerker\",\"made_by\":\"HR\",\"made_on\":\"%s\",\"due_on\":\"%s\",\"groups\":[\"beheer\"]}",
    d_m40, d_m5);
  json_object_unref (helder_test_create (store, "commitment", json));
  g_free (json);
  json = g_strdup_printf (
    "{\"text\":\"Open\",\"made_by\":\"HR\",\"made_on\":\"%s\",\"due_on\":\"%s\",\"groups\":[\"beheer\"]}",
    d_m40, d_p20);
  json_object_unref (helder_test_create (store, "commitment", json));
  json_object_unref (helder_commitment_record (store, HELDER_TEST_ACTOR, "2", "broken",
                                               "Budget geschrapt", "HR", &error));
  g_assert_no_error (error);
  g_free (json);
  json = g_strdup_printf (
    "{\"text\":\"Nog een\",\"made_by\":\"HR\",\"made_on\":\"%s\",\"due_on\":\"%s\",\"groups\":[\"beheer\"]}",
    d_m40, d_p20);
  json_object_unref (helder_test_create (store, "commitment", json));

  /* moments: in the window (today+3, today+14), outside (today+15, past), sent excluded */
  g_free (json);
  json = g_strdup_printf (
    "{\"title\":\"Over drie dagen\",\"scheduled_at\":\"%sT10:00\",\"groups\":[\"beheer\"],\"channels\":[\"email\"],\"status\":\"approved\"}",
    d_p3);
  json_object_unref (helder_test_create (store, "moment", json));
  g_free (json);
  json = g_strdup_printf ("{\"title\":\"Laatste dag\",\"scheduled_at\":\"%sT10:00\"}", d_p14);
  json_object_unref (helder_test_create (store, "moment", json));
  g_free (json);
  json = g_strdup_printf ("{\"title\":\"Te ver\",\"scheduled_at\":\"%sT10:00\"}", d_p15);
  json_object_unref (helder_test_create (store, "moment", json));
  g_free (json);
  json = g_strdup_printf ("{\"title\":\"Voorbij\",\"scheduled_at\":\"%sT10:00\"}", d_m2);
  json_object_unref (helder_test_create (store, "moment", json));

  status = helder_status_compute (store, NULL, &error);
  g_assert_no_error (error);

  phase = json_object_get_object_member (status, "current_phase");
  g_assert_cmpstr (json_object_get_string_member (phase, "key"), ==, "readiness");
  g_assert_cmpint (json_object_get_int_member (phase, "day"), ==, 10);

  gate = json_object_get_object_member (status, "next_gate");
  g_assert_cmpstr (json_object_get_string_member (gate, "slug"), ==, "infra");
  g_assert_cmpint (json_object_get_int_member (gate, "days_left"), ==, 20);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gate, "open_criteria")),
                    ==, 1);

  changes = json_object_get_object_member (status, "role_changes");
  g_assert_cmpint (json_object_get_int_member (changes, "decided"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (changes, "draft"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (changes, "undecided"), ==, 1);

  commitments = json_object_get_object_member (status, "commitments");
  g_assert_cmpint (json_object_get_int_member (commitments, "late"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (commitments, "open"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (commitments, "broken"), ==, 1);
  late0 =
    json_array_get_object_element (json_object_get_array_member (commitments, "late_items"), 0);
  g_assert_cmpstr (json_object_get_string_member (late0, "text"), ==,
                   "Opleidingsplan per medewerker");
  g_assert_cmpint (json_object_get_int_member (late0, "days_late"), ==, 5);

  moments = json_object_get_array_member (status, "moments");
  g_assert_cmpuint (json_array_get_length (moments), ==, 2);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (moments, 0), "title"), ==,
    "Over drie dagen");
  g_assert_cmpint (
    json_object_get_int_member (json_array_get_object_element (moments, 0), "audience"), ==, 2);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (moments, 1), "title"), ==,
    "Laatste dag");

  /* Looking from another day moves everything with it. */
  g_clear_pointer (&status, json_object_unref);
  status = helder_status_compute (store, d_p60, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (status, "current_phase"), "key"),
    ==, "migration");
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (status, "commitments"), "late"), ==,
    2);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_status_empty (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) status = helder_status_compute (store, "2026-06-01", &error);

  g_assert_no_error (error);
  g_assert_true (json_object_get_null_member (status, "programme"));
  g_assert_true (json_object_get_null_member (status, "current_phase"));
  g_assert_true (json_object_get_null_member (status, "next_gate"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "moments")), ==,
                    0);

  g_clear_pointer (&status, json_object_unref);
  status = helder_status_compute (store, "2026-02-30", &error);
  g_assert_null (status);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/status/facts", test_status_facts);
  g_test_add_func ("/status/empty", test_status_empty);
  return g_test_run ();
}
