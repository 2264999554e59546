/* survey-csv.c — a survey's suppressed results as CSV
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made from the results document, never from the answers: what the CSV
 * holds is exactly what the results show. One row per round, question,
 * dimension, cell and statistic; a suppressed cell is one row that says
 * so in the value column. Fields are quoted as RFC 4180 says, lines end in
 * CRLF.
 */
#define G_LOG_DOMAIN "helder-surveys"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "survey-results.h"
#include "survey-suppress.h"

void
survey_csv_field (GString *out, const char *field, gboolean last)
{
  if (field == NULL)
    field = "";
  if (strpbrk (field, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, field);
  g_string_append (out, last ? "\r\n" : ",");
}

typedef struct
{
  GString *out;
  char round[16];
  char question[16];
  const char *text;
  const char *dimension;
  const char *cell;
} Row;

static void
row (Row *r, const char *statistic, const char *value)
{
  survey_csv_field (r->out, r->round, FALSE);
  survey_csv_field (r->out, r->question, FALSE);
  survey_csv_field (r->out, r->text, FALSE);
  survey_csv_field (r->out, r->dimension, FALSE);
  survey_csv_field (r->out, r->cell, FALSE);
  survey_csv_field (r->out, statistic, FALSE);
  survey_csv_field (r->out, value, TRUE);
}

static void
number_row (Row *r, JsonObject *object, const char *member, const char *statistic)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    g_ascii_formatd (buffer, sizeof buffer, "%.2f", json_node_get_double (node));
  row (r, statistic, buffer);
}

static gboolean
suppressed_row (Row *r, JsonObject *cell)
{
  if (!json_object_get_boolean_member_with_default (cell, "suppressed", FALSE))
    return FALSE;
  row (r, "n", survey_suppress_word ());
  return TRUE;
}

static void
cell_rows (Row *r, JsonObject *cell)
{
  JsonArray *distribution;

  if (suppressed_row (r, cell))
    return;
  number_row (r, cell, "n", "n");
  number_row (r, cell, "average", "average");
  number_row (r, cell, "index", "index");
  distribution = survey_json_array (cell, "distribution");
  for (guint i = 0; distribution != NULL && i < json_array_get_length (distribution); i++)
    {
      JsonObject *item = json_array_get_object_element (distribution, i);
      const char *label = json_object_get_string_member_with_default (item, "label", NULL);
      g_autofree char *name =
        label ? g_strdup (label)
              : g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (item, "value"));
      g_autofree char *count = g_strconcat ("count:", name, NULL);
      g_autofree char *percent = g_strconcat ("percent:", name, NULL);

      number_row (r, item, "count", count);
      number_row (r, item, "percent", percent);
    }
}

static const char *
cell_name (JsonObject *cell, const char *key)
{
  const char *value = json_object_get_string_member_with_default (cell, key, NULL);

  return value ? value : "";
}

static void
breakdown_rows (Row *r, JsonArray *cells, const char *dimension, const char *key, gboolean reach)
{
  for (guint i = 0; cells != NULL && i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);

      r->dimension = dimension;
      r->cell = cell_name (cell, key);
      if (reach)
        {
          number_row (r, cell, "invited", "invited");
          if (!suppressed_row (r, cell))
            {
              number_row (r, cell, "responses", "responses");
              number_row (r, cell, "rate", "rate");
            }
        }
      else
        cell_rows (r, cell);
    }
}

static void
round_rows (Row *r, JsonObject *round)
{
  g_snprintf (r->round, sizeof r->round, "%" G_GINT64_FORMAT,
              json_object_get_int_member (round, "number"));
  r->question[0] = '\0';
  r->text = "";
  r->dimension = "all";
  r->cell = "";
  if (!json_object_has_member (round, "invited"))
    return;
  number_row (r, round, "invited", "invited");
  if (!suppressed_row (r, round))
    {
      number_row (r, round, "responses", "responses");
      number_row (r, round, "rate", "rate");
    }
  breakdown_rows (r, json_object_get_array_member (round, "groups"), "group", "slug", TRUE);
  breakdown_rows (r, json_object_get_array_member (round, "statuses"), "status", "status", TRUE);
}

static void
question_rows (Row *r, JsonObject *q)
{
  JsonObject *cells = survey_json_object (q, "cells");

  if (cells == NULL)
    return;
  g_snprintf (r->question, sizeof r->question, "%" G_GINT64_FORMAT,
              json_object_get_int_member (q, "position"));
  r->text = json_object_get_string_member (q, "text");
  r->dimension = "all";
  r->cell = "";
  cell_rows (r, json_object_get_object_member (cells, "all"));
  breakdown_rows (r, json_object_get_array_member (cells, "group"), "group", "slug", FALSE);
  breakdown_rows (r, json_object_get_array_member (cells, "status"), "status", "status", FALSE);
}

char *
survey_results_to_csv (JsonObject *results)
{
  GString *out = g_string_new (NULL);
  JsonArray *rounds = json_object_get_array_member (results, "rounds");
  JsonArray *questions = json_object_get_array_member (results, "questions");
  Row r = { .out = out };

  g_string_append (out, "round,question,text,dimension,cell,statistic,value\r\n");
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    round_rows (&r, json_array_get_object_element (rounds, i));
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (results, "round")))
    {
      g_snprintf (r.round, sizeof r.round, "%" G_GINT64_FORMAT,
                  json_object_get_int_member (results, "round"));
      for (guint i = 0; i < json_array_get_length (questions); i++)
        question_rows (&r, json_array_get_object_element (questions, i));
    }
  return g_string_free (out, FALSE);
}
