/* inv-picture.c — (the part's load function; its helper fills it in)
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "interviews-private.h"

void
interviews_picture_load (HelderContext *context)
{
}
