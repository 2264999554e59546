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
render (const char *source,
        const char *context_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HelderTemplate) template = helder_template_parse ("test", source, -1, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
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
  g_autofree char *a = render ("<p>{{name}}</p>", "{\"name\":\"<script>alert('x')</script> & \\\"q\\\"\"}");
  g_autofree char *b = render ("{{&html}}", "{\"html\":\"<b>bold</b>\"}");
  g_autofree char *c = render ("{{n}} {{f}} {{t}} {{missing}}|", "{\"n\":42,\"f\":1.5,\"t\":true}");
  g_autofree char *d = render ("<a title=\"{{v}}\">", "{\"v\":\"\\\" onmouseover=\\\"x\"}");

  g_assert_cmpstr (a, ==, "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
  g_assert_cmpstr (b, ==, "<b>bold</b>");
  g_assert_cmpstr (c, ==, "42 1.5 true |");
  g_assert_cmpstr (d, ==, "<a title=\"&quot; onmouseover=&quot;x\">");
}

static void
test_sections (void)
{
  g_autofree char *list = render ("{{#items}}[{{name}}:{{outer}}]{{/items}}",
                                  "{\"outer\":\"o\",\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}");
  g_autofree char *dots = render ("{{#xs}}{{.}},{{/xs}}", "{\"xs\":[1,\"<\",3]}");
  g_autofree char *object = render ("{{#p}}{{name}} {{a.b}}{{/p}}", "{\"p\":{\"name\":\"n\"},\"a\":{\"b\":\"deep\"}}");
  g_autofree char *falsy = render ("{{#e}}no{{/e}}{{#z}}no{{/z}}{{#s}}no{{/s}}{{#f}}no{{/f}}{{#nil}}no{{/nil}}ok",
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
  static const struct {
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
      g_autoptr(GError) error = NULL;
      g_autoptr(HelderTemplate) template = helder_template_parse ("bad", cases[i].source, -1, &error);

      g_assert_null (template);
      g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].message);
    }
}

static void
test_nesting_limit (void)
{
  g_autoptr(GString) source = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HelderTemplate) template = NULL;

  for (int i = 0; i < 40; i++)
    g_string_append (source, "{{#a}}");
  template = helder_template_parse ("deep", source->str, -1, &error);
  g_assert_null (template);
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
}

static void
test_bundle (void)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "layout", "error", "home", "login", "me", "dashboard", "moment",
                          "moment-form", "commitment", "gate", "hr", "audit" };

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
  g_autoptr(GError) error = NULL;
  g_autoptr(HelderTemplate) template = helder_template_parse ("t", "{{>no-such-page}}", -1, &error);
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
  g_test_add_func ("/template/bundle", test_bundle);
  g_test_add_func ("/template/partial-missing", test_partial_recursion);
  return g_test_run ();
}
