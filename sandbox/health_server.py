"""The sandbox's API, as far as deploy's checks see it: GET /v1/<service>/health and /v1/<service>/docs
answer 200, unless a line "health <service> <code>" (or "docs <service> <code>") in $SANDBOX_DIR/faults
says otherwise. Every request is logged to log/health.jsonl. Usage: health_server.py PORT SANDBOX_DIR"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, root = int(sys.argv[1]), sys.argv[2]


def fault(kind, service):
    try:
        with open(os.path.join(root, "faults")) as f:
            for line in f:
                words = line.split()
                if len(words) == 3 and words[0] == kind and words[1] == service:
                    return int(words[2])
    except FileNotFoundError:
        pass
    return None


class API(BaseHTTPRequestHandler):
    def do_GET(self):
        parts = self.path.strip("/").split("/")
        status = 404
        if len(parts) == 3 and parts[0] == "v1" and parts[2] in ("health", "docs"):
            status = fault(parts[2], parts[1]) or 200
        body = json.dumps({"status": "ok" if status == 200 else "error"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with open(os.path.join(root, "log", "health.jsonl"), "a") as f:
            f.write(json.dumps({"path": self.path, "status": status}) + "\n")

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), API).serve_forever()
