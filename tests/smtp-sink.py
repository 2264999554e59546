#!/usr/bin/python3
# smtp-sink.py — a real SMTP server on loopback for the delivery tests
#
# Copyright 2026 The Helder authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:
#   /usr/bin/python3 tests/smtp-sink.py --maildir DIR [--mode MODE] [--port 0]
#                                        [--host 127.0.0.1] [--auth USER:PASSWORD]
#
# Stores every accepted message in the Maildir DIR (with X-MailFrom and
# X-RcptTo headers in front, as aiosmtpd's Mailbox handler does) and keeps
# counts in DIR/stats.json, rewritten atomically after each event:
#   {"connections": …, "open": …, "messages": …, "tempfailed": …,
#    "rejected": …, "closed_mid_data": …, "auth_failed": …}
# Once it listens it prints the port number on a line of its own and
# flushes, so a test reads the first line to learn the port. SIGTERM and
# SIGINT stop it cleanly (exit status 0).
#
# MODE:
#   ok              accept everything (the default)
#   tempfail-first  the first attempt for each distinct Message-ID gets
#                   "451 4.3.0 Try again later" at the end of DATA; later
#                   attempts are accepted
#   tempfail        always "451 4.3.0 Try again later" at the end of DATA
#   permfail        "550 5.1.1 Mailbox unavailable" at RCPT
#   close-mid-data  after "354" and the first line of the message, the
#                   connection is closed without a reply
#
# --auth USER:PASSWORD requires AUTH (PLAIN or LOGIN, without TLS: this is
# a loopback test server) before MAIL.

import argparse
import asyncio
import json
import logging
import os
import re
import signal
import socket
import sys
import time
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

MODES = ('ok', 'tempfail-first', 'tempfail', 'permfail', 'close-mid-data')
MESSAGE_ID = re.compile(rb'^message-id:[ \t]*(.*?)\r?$', re.IGNORECASE | re.MULTILINE)


class Stats:
    """The counters of DIR/stats.json, written atomically on every change."""

    def __init__(self, directory):
        self.path = os.path.join(directory, 'stats.json')
        self.tmp = os.path.join(directory, '.stats.json.tmp')
        self.counts = {
            'connections': 0,
            'open': 0,
            'messages': 0,
            'tempfailed': 0,
            'rejected': 0,
            'closed_mid_data': 0,
            'auth_failed': 0,
        }
        self.write()

    def add(self, name, n=1):
        self.counts[name] += n
        self.write()

    def write(self):
        with open(self.tmp, 'w', encoding='utf-8') as f:
            json.dump(self.counts, f)
        os.replace(self.tmp, self.path)


class Maildir:
    """Writes messages the Maildir way: into tmp, then renamed into new.
    Like mailbox.Maildir.add, without its fsync: this is a test server,
    and the tests want it fast."""

    def __init__(self, directory):
        self.tmp = os.path.join(directory, 'tmp')
        self.new = os.path.join(directory, 'new')
        self.host = socket.gethostname().replace('/', r'\057').replace(':', r'\072')
        self.counter = 0

    def add(self, content):
        self.counter += 1
        now = time.time()
        name = '%d.M%06dP%dQ%d.%s' % (int(now), int(now % 1 * 1000000), os.getpid(),
                                      self.counter, self.host)
        tmp = os.path.join(self.tmp, name)
        with open(tmp, 'xb') as f:
            f.write(content)
        os.rename(tmp, os.path.join(self.new, name))


class Handler:
    def __init__(self, directory, mode, stats):
        self.maildir = Maildir(directory)
        self.mode = mode
        self.stats = stats
        self.seen = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == 'permfail':
            self.stats.add('rejected')
            return '550 5.1.1 Mailbox unavailable'
        envelope.rcpt_tos.append(address)
        return '250 2.1.5 OK'

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if self.mode == 'tempfail':
            self.stats.add('tempfailed')
            return '451 4.3.0 Try again later'
        if self.mode == 'tempfail-first':
            header_end = content.find(b'\r\n\r\n')
            match = MESSAGE_ID.search(content, 0, header_end if header_end >= 0 else len(content))
            message_id = match.group(1).strip() if match else b''
            if message_id not in self.seen:
                self.seen.add(message_id)
                self.stats.add('tempfailed')
                return '451 4.3.0 Try again later'
        prefix = ('X-MailFrom: %s\r\nX-RcptTo: %s\r\n'
                  % (envelope.mail_from, ', '.join(envelope.rcpt_tos))).encode('utf-8')
        self.maildir.add(prefix + content)
        self.stats.add('messages')
        return '250 2.0.0 OK: queued'


class SinkSMTP(SMTP):
    """Counts connections; closes the connection mid-DATA when asked to."""

    def __init__(self, handler, stats, mode, **kwargs):
        super().__init__(handler, **kwargs)
        self.sink_stats = stats
        self.sink_mode = mode

    def connection_made(self, transport):
        self.sink_stats.counts['open'] += 1
        self.sink_stats.add('connections')
        super().connection_made(transport)

    def connection_lost(self, error):
        self.sink_stats.add('open', -1)
        super().connection_lost(error)

    async def smtp_DATA(self, arg):
        if self.sink_mode != 'close-mid-data' or not self.envelope.rcpt_tos or arg:
            return await super().smtp_DATA(arg)
        if await self.check_helo_needed() or await self.check_auth_needed('DATA'):
            return
        await self.push('354 End data with <CR><LF>.<CR><LF>')
        try:
            await self._reader.readuntil(b'\r\n')
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        self.sink_stats.add('closed_mid_data')
        self.transport.abort()
        # connection_lost() cancels this coroutine before the rest of the
        # message could be read as commands.
        await asyncio.sleep(3600)


def make_authenticator(credentials, stats):
    user, _, password = credentials.partition(':')
    want = LoginPassword(user.encode('utf-8'), password.encode('utf-8'))

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data == want
        if not ok:
            stats.add('auth_failed')
        return AuthResult(success=ok, handled=False)

    return authenticate


async def serve(args):
    for sub in ('tmp', 'new', 'cur'):
        os.makedirs(os.path.join(args.maildir, sub), exist_ok=True)
    stats = Stats(args.maildir)
    handler = Handler(args.maildir, args.mode, stats)
    kwargs = {'hostname': 'helder-sink.localhost', 'timeout': 60}
    if args.auth is not None:
        kwargs.update(auth_required=True, auth_require_tls=False,
                      authenticator=make_authenticator(args.auth, stats))

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    server = await loop.create_server(lambda: SinkSMTP(handler, stats, args.mode, **kwargs),
                                      args.host, args.port, reuse_address=True)
    print(server.sockets[0].getsockname()[1], flush=True)
    await stop.wait()
    server.close()


def main():
    parser = argparse.ArgumentParser(description='An SMTP sink that stores messages in a Maildir.')
    parser.add_argument('--maildir', required=True, help='where accepted messages go')
    parser.add_argument('--mode', choices=MODES, default='ok')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0: any free port (printed)')
    parser.add_argument('--auth', metavar='USER:PASSWORD', help='require AUTH with these')
    args = parser.parse_args()

    # AUTH without TLS is what a loopback test server wants; don't warn.
    warnings.simplefilter('ignore')
    logging.getLogger('mail.log').setLevel(logging.ERROR)
    asyncio.run(serve(args))
    return 0


if __name__ == '__main__':
    sys.exit(main())
