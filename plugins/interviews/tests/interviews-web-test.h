/* interviews-web-test.h — what the interviews plugin's web tests share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"

G_BEGIN_DECLS

/* A form body from NULL-terminated name, value pairs, each escaped. */
char *iv_test_form (const char *first_name, ...) G_GNUC_NULL_TERMINATED;
/* Fails with the page's problem when @response's status is not @status. */
void iv_test_assert_status (HelderWebTestResponse *response, guint status, const char *what);
/* The first column of the first row of @sql with @arg bound as ?1. */
gint64 iv_test_scalar_text (HelderWebTest *web, const char *sql, const char *arg);
/* A small register through `helder item add`: components and
 * applications in Infrastructuur, Dienstverlening and Burgerzaken, with
 * suppliers, an internal and an external coupling. */
void iv_test_seed_register (HelderWebTest *web);
/* A header of the response, or NULL. */
const char *iv_test_header (HelderWebTestResponse *response, const char *name);

G_END_DECLS
