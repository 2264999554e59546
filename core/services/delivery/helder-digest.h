/* helder-digest.h — a person's weekly digest
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/helder-store.h"
#include "services/util/helder-markdown.h"

G_BEGIN_DECLS

/**
 * HelderDigestSectionFunc:
 * @store: the store
 * @person: whose digest
 * @today: YYYY-MM-DD
 * @user_data: what the section was registered with
 * @error: set when the section cannot be made
 *
 * A section that an addin adds to the digest (the surveys plugin: "an open
 * survey for you"), in the current gettext language.
 *
 * Returns: (transfer full) (nullable): CommonMark starting with a "## "
 *   heading, or %NULL (and no error) when the section has nothing to say
 */
typedef char *(*HelderDigestSectionFunc) (HelderStore *store,
                                          gint64 person,
                                          const char *today,
                                          gpointer user_data,
                                          GError **error);

typedef struct
{
  const char *name;
  HelderDigestSectionFunc func;
  gpointer user_data;
} HelderDigestSection;

/* One composed digest; strings owned. */
typedef struct
{
  char *source; /* "digest:7:2026-W48" */
  char *subject;
  char *body;        /* CommonMark */
  char *fingerprint; /* of what addins' sections say, for "nothing changed" */
  char *locale;
  char *link;
  guint news;      /* how many things are new since the previous digest */
  gboolean first;  /* the person's first digest: all of it is new to them */
  gboolean addins; /* whether addins' sections say anything */
} HelderDigest;

void helder_digest_clear (HelderDigest *digest);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HelderDigest, helder_digest_clear)

char *helder_digest_week (GDateTime *local_time);
gboolean helder_digest_compose (HelderStore *store,
                                gint64 person,
                                const char *week,
                                const char *today,
                                const char *base_url,
                                GPtrArray *sections,
                                HelderDigest *digest,
                                GError **error);
char *helder_digest_since (HelderStore *store,
                           gint64 person,
                           const char *week,
                           const char *today,
                           gboolean *first,
                           GError **error);
gboolean helder_digest_worth_sending (const HelderDigest *digest, const char *last_fingerprint);
char *helder_digest_personal_link (const char *base_url);
char *helder_digest_footer (const char *link, gboolean digest);

G_END_DECLS
