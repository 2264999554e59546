#!/usr/bin/env python3
# check-core-channels.py — core names no plugin's channel (issue 10)
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-core-channels.py SRCDIR
#
# Which channels exist core learns from the loaded plugins (the model's
# helder-channel-names.h); its C sources must not name the channels of the
# plugins Helder ships with. Outside comments, in core/**/*.c and *.h:
#   - "desktop" and 'desktop' (a C string or an SQL string) never appear;
#   - 'email' (an SQL string) never appears;
#   - "email" appears only where it is a person's e-mail address (the
#     field, a JSON member, a CSV column), each such line listed below by
#     file and text. A listed line that is gone fails too, so that the list
#     stays exact.
# "meeting" is core's own (a moment that is a meeting) and may appear.
import os
import re
import sys

FORBIDDEN = [
    re.compile(r'"desktop"'),
    re.compile(r"'desktop'"),
    re.compile(r"'email'"),
]
EMAIL = re.compile(r'"email"')

# (file under core/, a text the line contains): "email" as a person's address.
ALLOWED_EMAIL = [
    ('model/helder-entity.c', '{ "email", HELDER_FIELD_TEXT'),
    ('services/util/helder-csv-read.c', '{ HELDER_CSV_EMAIL, "email" }'),
    ('services/util/helder-csv-read.c', '[HELDER_CSV_EMAIL] = "email",'),
    ('services/views/helder-personal-text.c', 'member_string (contact, "email")'),
    ('services/views/helder-personal.c', 'set_text (object, "email", stmt, 2)'),
    ('services/views/helder-personal.c', 'set_text (contact, "email", stmt, col + 2)'),
    ('services/transfer/helder-person-data.c', 'json_object_get_null_member (row, "email")'),
    ('services/transfer/helder-person-data.c', 'json_object_get_string_member (row, "email")'),
    ('services/transfer/helder-demo-generate.c', 'json_object_set_string_member (person, "email", email)'),
    ('services/transfer/helder-import-csv.c', '{ "email", HELDER_CSV_EMAIL }'),
    ('services/transfer/helder-import-csv.c', 'helder_entity_get_field (import->person, "email")'),
    ('services/transfer/helder-import-csv.c', 'cell_error (import, record, HELDER_CSV_EMAIL, "email", error)'),
    ('services/transfer/helder-import-csv.c', 'json_object_set_string_member (values, "email", email)'),
    ('web/helder-web-forms.c', 'helder_web_form_string_or_null (who, "email")'),
    ('web/helder-web-me.c', 'string_or_null (contact, "email")'),
    ('services/repo/helder-people.c', 'json_object_set_null_member (person, "email")'),
    ('services/views/helder-people-list.c', '#define PERSON_EMAIL "email"'),
    ('web/helder-web-people.c', '#define PERSON_EMAIL "email"'),
    ('services/repo/helder-people.c', 'json_object_set_string_member (person, "email"'),
    ('services/delivery/helder-signin-request.c', '"email"'),
    ('services/delivery/helder-invite.c', 'json_object_set_string_member (object, "email"'),
    ('web/helder-web-signin-request.c', 'json_object_set_string_member (context, "email", email)'),
    ('web/helder-web-signin-request.c', 'g_hash_table_lookup (form, "email")'),
    ('cli/helder-cli-invite.c', 'json_object_get_string_member_with_default (p, "email", NULL)'),
]

COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def without_comments(text):
    # Comments become blanks with their newlines, so line numbers hold.
    return COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text)


def main():
    core = os.path.join(sys.argv[1] if len(sys.argv) > 1 else '.', 'core')
    problems = []
    used = set()
    for root, _dirs, files in os.walk(core):
        for name in sorted(files):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, core)
            with open(path, encoding='utf-8') as f:
                lines = without_comments(f.read()).split('\n')
            for number, line in enumerate(lines, 1):
                for pattern in FORBIDDEN:
                    if pattern.search(line):
                        problems.append('core/%s:%d: names a plugin\'s channel: %s' % (rel, number, line.strip()))
                if EMAIL.search(line):
                    allowed = [a for a in ALLOWED_EMAIL if a[0] == rel and a[1] in line]
                    if allowed:
                        used.update(allowed)
                    else:
                        problems.append('core/%s:%d: "email" that is not a person\'s address '
                                        '(a channel?): %s' % (rel, number, line.strip()))
    for entry in ALLOWED_EMAIL:
        if entry not in used:
            problems.append('core/%s: the allowed line “%s” is gone: remove it from %s'
                            % (entry[0], entry[1], os.path.basename(__file__)))
    for p in problems:
        print(p)
    if problems:
        print('check-core-channels: %d problem(s)' % len(problems))
        return 1
    print('check-core-channels: core names no plugin\'s channel')
    return 0


if __name__ == '__main__':
    sys.exit(main())
