#!/usr/bin/env python3
"""A CRM's webhook endpoint, as small as it gets: what `pledge.sh up` subscribes to notify-service.

Verifies each delivery by the Standard Webhooks specification (https://www.standardwebhooks.com):
the HMAC-SHA256, keyed with the base64 key after "whsec_", of "{webhook-id}.{webhook-timestamp}.{body}",
compared with each "v1,<base64>" of the webhook-signature header (there are two while a rotated
secret overlaps the old one), and a timestamp within five minutes. Prints a line per delivery
(webhook-id, type, subject, whether the signature verified) and drops a repeat by webhook-id, as a
receiver must: delivery is at least once.

Usage: WEBHOOK_SECRET=whsec_... deploy/local/webhook-receiver.py [port]   (default 8099; listens on
127.0.0.1, path /hook). The secret comes from the environment so that it is not in the process list.
"""
import base64
import hashlib
import hmac
import http.server
import json
import os
import sys
import time

TOLERANCE_SECONDS = 5 * 60


def verified(secret: str, headers, body: bytes) -> bool:
    webhook_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False  # a replayed old request, or a clock far off
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for signature in headers.get("webhook-signature", "").split():
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


class Receiver(http.server.BaseHTTPRequestHandler):
    secret = ""
    seen = set()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        webhook_id = self.headers.get("webhook-id")
        ok = verified(self.secret, self.headers, body)
        try:
            event = json.loads(body)
        except ValueError:
            event = {}
        repeat = ok and webhook_id in self.seen
        if ok:
            self.seen.add(webhook_id)
        print(f"{time.strftime('%H:%M:%S')} webhook-id={webhook_id} type={event.get('type')} "
              f"subject={event.get('subject')} signature={'verified' if ok else 'INVALID'}"
              f"{' (repeat, dropped)' if repeat else ''}", flush=True)
        # 2xx: received (a repeat too, so that it is not sent again); 401: not from Pledge, not retried
        self.send_response(204 if ok else 401)
        self.end_headers()

    def log_message(self, format, *args):
        pass  # one line per delivery above is the log


def main():
    secret = os.environ.get("WEBHOOK_SECRET")
    if not secret or not secret.startswith("whsec_"):
        sys.exit("WEBHOOK_SECRET must be the subscription's secret (whsec_...)")
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
    Receiver.secret = secret
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    print(f"webhook receiver on http://127.0.0.1:{port}/hook", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
