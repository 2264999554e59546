/* test-template.c — the page templates: escaping, sections, errors
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "web/helder-template.h"

static char *
render (const char *source, const char *context_json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderTemplate) template = helder_template_parse ("test", source, -1, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  char *out;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, context_json, -1, &error));
  out = helder_template_render (template, json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return out;
}

static void
test_escaping (void)
{
  g_autofree char *a =
    render ("<p>{{name}}</p>", "{\"name\":\"<script>alert('x')</script> & \\\"q\\\"\"}");
  g_autofree char *b = render ("{{&html}}", "{\"html\":\"<b>bold</b>\"}");
  g_autofree char *c = render ("{{n}} {{f}} {{t}} {{missing}}|", "{\"n\":42,\"f\":1.5,\"t\":true}");
  g_autofree char *d = render ("<a title=\"{{v}}\">", "{\"v\":\"\\\" onmouseover=\\\"x\"}");

  g_assert_cmpstr (a, ==,
                   "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
  g_assert_cmpstr (b, ==, "<b>bold</b>");
  g_assert_cmpstr (c, ==, "42 1.5 true |");
  g_assert_cmpstr (d, ==, "<a title=\"&quot; onmouseover=&quot;x\">");
}

static void
test_sections (void)
{
  g_autofree char *list =
    render ("{{#items}}[{{name}}:{{outer}}]{{/items}}",
            "{\"outer\":\"o\",\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}");
  g_autofree char *dots = render ("{{#xs}}{{.}},{{/xs}}", "{\"xs\":[1,\"<\",3]}");
  g_autofree char *object =
    render ("{{#p}}{{name}} {{a.b}}{{/p}}", "{\"p\":{\"name\":\"n\"},\"a\":{\"b\":\"deep\"}}");
  g_autofree char *falsy =
    render ("{{#e}}no{{/e}}{{#z}}no{{/z}}{{#s}}no{{/s}}{{#f}}no{{/f}}{{#nil}}no{{/nil}}ok",
            "{\"e\":[],\"z\":0,\"s\":\"\",\"f\":false,\"nil\":null}");
  g_autofree char *inverted = render ("{{^e}}empty{{/e}}{{^x}}no{{/x}}", "{\"e\":[],\"x\":true}");
  g_autofree char *comment = render ("a{{! ignored }}b", "{}");

  g_assert_cmpstr (list, ==, "[a:o][b:o]");
  g_assert_cmpstr (dots, ==, "1,&lt;,3,");
  g_assert_cmpstr (object, ==, "n deep");
  g_assert_cmpstr (falsy, ==, "ok");
  g_assert_cmpstr (inverted, ==, "empty");
  g_assert_cmpstr (comment, ==, "ab");
}

static void
test_gettext (void)
{
  g_autofree char *out = render ("<h1>{{_ Sign in }}</h1>", "{}");

  /* LANGUAGE is empty in the test environment: the English source text. */
  g_assert_cmpstr (out, ==, "<h1>Sign in</h1>");
}

static void
test_parse_errors (void)
{
  static const struct
  {
    const char *source;
    const char *message;
  } cases[] = {
    { "line one\n{{name", "template bad, line 2: “{{” is not closed with “}}”" },
    { "{{#a}}x", "section “a” is not closed" },
    { "{{#a}}x{{/b}}", "“{{/b}}” where “{{/a}}” was expected" },
    { "{{/a}}", "“{{/a}}” closes no section" },
    { "{{na me}}", "“na me” is not a valid name" },
    { "{{}}", "“” is not a valid name" },
    { "{{a..b}}", "“a..b” is not a valid name" },
    { "{{_ }}", "has no text to translate" },
    { "\xff{{a}}", "not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HelderTemplate) template =
        helder_template_parse ("bad", cases[i].source, -1, &error);

      g_assert_null (template);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].message);
    }
}

static void
test_nesting_limit (void)
{
  g_autoptr (GString) source = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderTemplate) template = NULL;

  for (int i = 0; i < 40; i++)
    g_string_append (source, "{{#a}}");
  template = helder_template_parse ("deep", source->str, -1, &error);
  g_assert_null (template);
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
}

/* Sections over lists nested inside each other multiply: twenty levels of
 * a list of two around a partial would render that partial a million
 * times. The render stops with an error that names the limit, the
 * template, the line and the section, well before a page takes noticeable
 * time: on the number of steps, or on the size of the output when each
 * step writes a lot. */
static void
test_work_limit (void)
{
  static const struct
  {
    const char *inside;
    const char *message;
  } cases[] = {
    { "\n{{name}}{{>layout}}\n",
      "template runaway, line 2, section “items”: rendering takes more than " },
    { "\n{{name}}{{>error}}\n",
      "template runaway, line 2, section “items”: rendering takes more than " },
    { NULL, "template runaway, line 2, section “items”: the output is larger than 16 MiB" },
  };
  g_autoptr (JsonNode) context =
    json_from_string ("{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) source = g_string_new ("<main>\n");
      g_autoptr (GError) error = NULL;
      g_autoptr (HelderTemplate) template = NULL;
      g_autofree char *out = NULL;
      gint64 start;

      for (int level = 0; level < 30; level++)
        g_string_append (source, "{{#items}}");
      if (cases[i].inside != NULL)
        g_string_append (source, cases[i].inside);
      else
        for (int n = 0; n < 4096; n++)
          g_string_append_c (source, "\nabcdefghijklmnopqrstuvwxyz"[n % 27]);
      for (int level = 0; level < 30; level++)
        g_string_append (source, "{{/items}}");
      template = helder_template_parse ("runaway", source->str, -1, &error);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      out = helder_template_render (template, context, &error);
      g_assert_null (out);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_test_message ("%s (after %.3f s)", error->message, (g_get_monotonic_time () - start) / 1e6);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].message);
      /* The bound is counted in steps and bytes, not seconds: how long it
       * takes is for the benchmarks, not a test that flakes under load. */
    }
}

/* The limit leaves room for what real pages do: sections nested as deep as
 * the parser allows, a long list with a list in each element, and lists
 * nested over each other (40 × 40 × 40). */
static void
test_work_limit_legal (void)
{
  g_autoptr (GString) source = g_string_new (NULL);
  g_autoptr (GString) json = g_string_new ("{\"n\":{\"v\":\"deep\"},\"people\":[");
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderTemplate) deep = NULL;
  g_autoptr (HelderTemplate) table = NULL;
  g_autoptr (HelderTemplate) grid = NULL;
  g_autoptr (JsonNode) context = NULL;
  g_autofree char *deep_out = NULL;
  g_autofree char *table_out = NULL;
  g_autofree char *grid_out = NULL;
  g_autofree char *forty = NULL;

  for (int i = 0; i < 32; i++)
    g_string_append (source, "{{#n}}");
  g_string_append (source, "{{v}}");
  for (int i = 0; i < 32; i++)
    g_string_append (source, "{{/n}}");
  deep = helder_template_parse ("deep", source->str, -1, &error);
  g_assert_no_error (error);

  /* 5,000 people with ten groups each: a big programme's HR page. */
  for (int i = 0; i < 5000; i++)
    g_string_append_printf (json, "%s{\"name\":\"Person %d\",\"groups\":[%s]}", i ? "," : "", i,
                            "\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\"");
  g_string_append (json, "],");
  forty = g_strjoinv (",", (char *[]){ "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", NULL });
  g_string_append_printf (json, "\"rows\":[%s,%s,%s,%s],", forty, forty, forty, forty);
  g_string_append_printf (json, "\"cols\":[%s,%s,%s,%s],", forty, forty, forty, forty);
  g_string_append_printf (json, "\"cells\":[%s,%s,%s,%s]}", forty, forty, forty, forty);
  context = json_from_string (json->str, &error);
  g_assert_no_error (error);
  table = helder_template_parse (
    "table",
    "<table>{{#people}}<tr><td>{{name}}</td><td>"
    "{{#groups}}<span>{{.}}</span> {{/groups}}</td></tr>\n{{/people}}</table>",
    -1, &error);
  g_assert_no_error (error);
  grid = helder_template_parse ("grid", "{{#rows}}{{#cols}}{{#cells}}x{{/cells}}{{/cols}}{{/rows}}",
                                -1, &error);
  g_assert_no_error (error);

  deep_out = helder_template_render (deep, context, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (deep_out, ==, "deep");
  table_out = helder_template_render (table, context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (table_out, "<tr><td>Person 4999</td><td><span>a</span> "));
  grid_out = helder_template_render (grid, context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (grid_out), ==, 40 * 40 * 40);
}

static void
test_bundle (void)
{
  g_autoptr (GError) error = NULL;
  const char *names[] = { "layout", "error",       "home",       "login", "me", "dashboard",
                          "moment", "moment-form", "commitment", "gate",  "hr", "audit" };

  /* Every bundled template parses. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      HelderTemplate *template = helder_template_lookup (names[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (template);
      g_assert_true (template == helder_template_lookup (names[i], NULL));
    }
  g_assert_null (helder_template_lookup ("no-such-page", &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
}

static void
test_partial_recursion (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderTemplate) template =
    helder_template_parse ("t", "{{>no-such-page}}", -1, &error);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  out = helder_template_render (template, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/escaping", test_escaping);
  g_test_add_func ("/template/sections", test_sections);
  g_test_add_func ("/template/gettext", test_gettext);
  g_test_add_func ("/template/parse-errors", test_parse_errors);
  g_test_add_func ("/template/nesting-limit", test_nesting_limit);
  g_test_add_func ("/template/work-limit", test_work_limit);
  g_test_add_func ("/template/work-limit-legal", test_work_limit_legal);
  g_test_add_func ("/template/bundle", test_bundle);
  g_test_add_func ("/template/partial-missing", test_partial_recursion);
  return g_test_run ();
}
