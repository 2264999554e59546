/* picture-fixture.h — generated inventories for the picture's tests and benchmark
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

typedef struct
{
  char *db;
  HelderContext *context;
  HelderStore *store;
} PictureFixture;

/* A migrated database with the interviews plugin loaded and the test
 * programme's people (1–4: owners). */
void picture_fixture_open (PictureFixture *f);
void picture_fixture_close (PictureFixture *f);

/* The twelve domains generated inventories use ("Burgerzaken", …). */
extern const char *const picture_fixture_domains[];

/* Inserts, in one transaction and straight into inv_item: @suppliers
 * suppliers, @items components and applications spread over the first
 * @domains domains (about a third without an owner, some without a
 * supplier), and @couplings couplings, mostly inside a domain (near
 * neighbours and the domain's hubs), some to central hubs in other
 * domains; scopes, directions and protocols vary. Seeded: the same
 * arguments give the same register. */
void picture_fixture_generate (PictureFixture *f,
                               guint32 seed,
                               guint items,
                               guint domains,
                               guint couplings,
                               guint suppliers);
/* One item (or coupling when @from and @to are set); returns its id. */
gint64 picture_fixture_item (PictureFixture *f,
                             const char *kind,
                             const char *name,
                             const char *domain,
                             gint64 supplier,
                             gint64 owner);
gint64 picture_fixture_coupling (PictureFixture *f,
                                 gint64 from,
                                 gint64 to,
                                 const char *protocol,
                                 const char *scope,
                                 const char *direction);

G_END_DECLS
