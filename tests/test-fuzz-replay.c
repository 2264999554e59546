/* test-fuzz-replay.c — the fuzz targets on their seed corpora and on
 * generated inputs, with any compiler
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With clang, tests/fuzz builds real libFuzzer binaries (suite "fuzz").
 * This test runs the same targets everywhere: over every file of
 * tests/fuzz/corpus-NAME/, then over FUZZ_REPLAY_RUNS inputs made from those
 * files by a fixed-seed mutator (bit flips, insertions of the characters
 * the parsers care about, deletions, splices, random bytes), so a run is
 * repeatable. Under the sanitizer build it also proves there is no leak.
 * Set HELDER_FUZZ_SEED to try other inputs.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>

#include "helder-test-utils.h"

/* Each target defines LLVMFuzzerTestOneInput: give each its own name. */
#define LLVMFuzzerTestOneInput fuzz_json_depth_one_input
#include "fuzz/fuzz-json-depth.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_csv_one_input
#include "fuzz/fuzz-csv.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_template_one_input
#include "fuzz/fuzz-template.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_request_body_one_input
#include "fuzz/fuzz-request-body.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_routes_one_input
#include "fuzz/fuzz-routes.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_holidays_one_input
#include "fuzz/fuzz-holidays.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_date_one_input
#include "fuzz/fuzz-date.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_csv_map_one_input
#include "fuzz/fuzz-csv-map.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_csv_sheet_one_input
#include "fuzz/fuzz-csv-sheet.c"
#undef LLVMFuzzerTestOneInput

#define FUZZ_REPLAY_RUNS 20000
#define FUZZ_MAX_SIZE    1024

typedef int (*FuzzTarget) (const uint8_t *data, size_t size);

typedef struct
{
  const char *corpus;
  FuzzTarget target;
  const char *dictionary; /* tokens worth inserting, separated by \1 */
} Target;

static const Target targets[] = {
  { "corpus-json-depth", fuzz_json_depth_one_input,
    "[\1]\1{\1}\1\"\1'\1\\\1/*\1*/\1:\1,\1\n\1\"format\": \"helder-export\"\1[[[[[[[[\1]]]]]]]]\1\\u00e9\1\xff" },
  { "corpus-csv", fuzz_csv_one_input,
    ",\1;\1\t\1\"\1\"\"\1\n\1\r\n\1\r\1|\1@\1\xef\xbb\xbf\1\xe9\1naam\1e-mail\1email\1groepen\1functie\1"
    "leidinggevende\1jan@voorbeeld.nl\1beheer\1Servicedesk\1Systeembeheerder\1taal\1en\1digest\1off" },
  { "corpus-template", fuzz_template_one_input,
    "{{\1}}\1{{#\1{{/\1{{^\1{{&\1{{!\1{{_ \1{{>\1name\1items\1obj\1deep.v\1.\1empty\1<script>\1\xff" },
  { "corpus-request-body", fuzz_request_body_one_input,
    "&\1=\1%\1%2\1%C3%A9\1%FF\1%00\1+\1{\1}\1[\1]\1\"\1\\\1:\1,\1Ez\1FY\1G8\1\"a\":1\1\xff" },
  { "corpus-routes", fuzz_routes_one_input,
    "/\1//\1%\1%2F\1%2f\1%FF\1{\1}\1api\1v1\1moments\1people\1login\1static\1calendar.ics\1approve\1\x00\1\x01\1\x02\1\xff" },
  { "corpus-holidays", fuzz_holidays_one_input,
    "\x07\1\x08\1\x06\x2f\1\x04\1\x03\1\x05\1\x0c\1\x1b\1\x1f\1\xff" },
  { "corpus-date", fuzz_date_one_input,
    "-\1/\1.\1 \1,\1december\1dec\1okt\1maart\1m\xc3\xa4rz\1"
    "2026\1"
    "29\1"
    "02\1"
    "31\1"
    "9999\1"
    "1899\1\xff" },
  { "corpus-csv-map", fuzz_csv_map_one_input,
    "=\1;\1\n\1 \1group\1group:\1groepen\1ignore\1negeer\1-\1e-mail\1first_name\1Afdeling\1"
    "Team\1\xc3\xa9\1\xcc\x81\1\xff\1\x00" },
  { "corpus-csv-sheet", fuzz_csv_sheet_one_input,
    ",\1;\1\t\1\"\1\"\"\1\n\1\r\n\1\r\1=\1+\1-\1@\1'\1\xef\xbb\xbf\1\xe9\1naam\1Versie\1"
    "Eigenaar\1notes\1ignore\1negeer\1\xff\1\x00" },
};

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Seeds named runaway-* prove that a bound holds (a template that would
 * render exponentially): each costs the whole work limit, so they are
 * replayed as they are, not mutated thousands of times. */
#define RUNAWAY_PREFIX "runaway-"

static GPtrArray *
load_corpus (const char *name, GPtrArray **mutable)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", name, NULL);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *entry;

  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (dir_path, entry, NULL));
  /* the directory's order is the file system's: sort for a repeatable run */
  g_ptr_array_sort (files, compare_paths);
  for (guint i = 0; i < files->len; i++)
    {
      char *data = NULL;
      gsize length = 0;

      g_autofree char *base = g_path_get_basename (g_ptr_array_index (files, i));
      GBytes *bytes;

      g_file_get_contents (g_ptr_array_index (files, i), &data, &length, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (data, length);
      g_ptr_array_add (seeds, bytes);
      if (!g_str_has_prefix (base, RUNAWAY_PREFIX))
        g_ptr_array_add (*mutable, g_bytes_ref (bytes));
    }
  g_assert_cmpuint (seeds->len, >, 0);
  g_assert_cmpuint ((*mutable)->len, >, 0);
  return g_steal_pointer (&seeds);
}

static void
insert_bytes (GByteArray *array, guint pos, const guint8 *bytes, guint length)
{
  guint old = array->len;

  g_byte_array_set_size (array, old + length);
  memmove (array->data + pos + length, array->data + pos, old - pos);
  memcpy (array->data + pos, bytes, length);
}

/* One input made from @seed (and maybe @other) by a few random edits. */
static GByteArray *
mutate (GRand *rand, GBytes *seed, GBytes *other, char **tokens)
{
  GByteArray *out = g_byte_array_new ();
  guint n_tokens = g_strv_length (tokens);
  guint edits = (guint) g_rand_int_range (rand, 1, 9);
  gsize seed_len;
  const guint8 *seed_data = g_bytes_get_data (seed, &seed_len);

  g_byte_array_append (out, seed_data, (guint) MIN (seed_len, FUZZ_MAX_SIZE));

  for (guint e = 0; e < edits; e++)
    {
      guint pos = out->len > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) out->len + 1) : 0;

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0: /* flip a bit */
          if (out->len > 0)
            out->data[MIN (pos, out->len - 1)] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
          break;
        case 1: /* a random byte */
          {
            guint8 b = (guint8) g_rand_int_range (rand, 0, 256);
            insert_bytes (out, pos, &b, 1);
          }
          break;
        case 2: /* delete a run */
          if (out->len > 0 && pos < out->len)
            {
              guint len = (guint) g_rand_int_range (rand, 1, 64);
              g_byte_array_remove_range (out, pos, MIN (len, out->len - pos));
            }
          break;
        case 3: /* duplicate a run (deeper nesting, more rows) */
          if (out->len > 0 && pos < out->len && out->len < FUZZ_MAX_SIZE)
            {
              guint len = (guint) g_rand_int_range (rand, 1, 128);
              g_autofree guint8 *copy = NULL;

              len = MIN (len, out->len - pos);
              copy = g_memdup2 (out->data + pos, len);
              guint times = (guint) g_rand_int_range (rand, 1, 16);

              for (guint t = 0; t < times && out->len < FUZZ_MAX_SIZE; t++)
                insert_bytes (out, pos, copy, len);
            }
          break;
        case 4: /* splice in part of another seed */
          {
            gsize other_len;
            const guint8 *other_data = g_bytes_get_data (other, &other_len);

            if (other_len > 0)
              {
                guint from = (guint) g_rand_int_range (rand, 0, (gint32) other_len);
                guint len = (guint) g_rand_int_range (rand, 1, 256);

                len = MIN (len, (guint) other_len - from);
                insert_bytes (out, pos, other_data + from, len);
              }
          }
          break;
        case 5: /* truncate */
          g_byte_array_set_size (out, pos);
          break;
        default: /* a token the parsers care about */
          {
            const char *token = tokens[g_rand_int_range (rand, 0, (gint32) n_tokens)];
            insert_bytes (out, pos, (const guint8 *) token, (guint) strlen (token));
          }
          break;
        }
    }
  if (out->len > FUZZ_MAX_SIZE)
    g_byte_array_set_size (out, FUZZ_MAX_SIZE);
  return out;
}

static void
replay (gconstpointer data)
{
  const Target *target = data;
  g_autoptr (GPtrArray) mutable = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GPtrArray) seeds = load_corpus (target->corpus, &mutable);
  g_auto (GStrv) tokens = g_strsplit (target->dictionary, "\1", -1);
  g_autoptr (GRand) rand = NULL;
  const char *seed_env = g_getenv ("HELDER_FUZZ_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20260101;
  guint runs = FUZZ_REPLAY_RUNS;

  if (g_test_thorough ())
    runs *= 10;
  g_test_message ("%s: %u seeds, %u generated inputs, seed %u", target->corpus, seeds->len, runs,
                  seed);

  for (guint i = 0; i < seeds->len; i++)
    {
      gsize length;
      const guint8 *bytes = g_bytes_get_data (g_ptr_array_index (seeds, i), &length);
      g_assert_cmpint (target->target (bytes, length), ==, 0);
    }

  rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr (GByteArray) input = NULL;

      if (g_rand_int_range (rand, 0, 16) == 0)
        {
          /* plain noise */
          guint len = (guint) g_rand_int_range (rand, 0, 512);
          input = g_byte_array_sized_new (len);
          for (guint k = 0; k < len; k++)
            {
              guint8 b = (guint8) g_rand_int_range (rand, 0, 256);
              g_byte_array_append (input, &b, 1);
            }
        }
      else
        input = mutate (
          rand, g_ptr_array_index (mutable, g_rand_int_range (rand, 0, (gint32) mutable->len)),
          g_ptr_array_index (mutable, g_rand_int_range (rand, 0, (gint32) mutable->len)), tokens);
      g_assert_cmpint (target->target (input->data, input->len), ==, 0);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/fuzz-replay/json-depth", &targets[0], replay);
  g_test_add_data_func ("/fuzz-replay/csv", &targets[1], replay);
  g_test_add_data_func ("/fuzz-replay/template", &targets[2], replay);
  g_test_add_data_func ("/fuzz-replay/request-body", &targets[3], replay);
  g_test_add_data_func ("/fuzz-replay/routes", &targets[4], replay);
  g_test_add_data_func ("/fuzz-replay/holidays", &targets[5], replay);
  g_test_add_data_func ("/fuzz-replay/date", &targets[6], replay);
  g_test_add_data_func ("/fuzz-replay/csv-map", &targets[7], replay);
  g_test_add_data_func ("/fuzz-replay/csv-sheet", &targets[8], replay);

  status = g_test_run ();
  fuzz_csv_cleanup ();
  return status;
}
