"""A minimal WebDriver BiDi client for Debian's firefox-esr (Playwright cannot drive it):
start Firefox headless with a remote-debugging port, open a session over a websocket,
navigate, and evaluate scripts. Only what the offline tests need."""

from __future__ import annotations

import asyncio
import itertools
import json
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import websockets

FIREFOX = "/usr/bin/firefox-esr"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Firefox:
    """``with Firefox() as ff: ff.navigate(url); ff.evaluate("1 + 1")``"""

    def __init__(self):
        self.port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="arshif-ff-")
        # No network: the offline tests must not need it, and the profile asks for nothing.
        prefs = {
            "network.proxy.type": 1, "network.proxy.http": "127.0.0.1", "network.proxy.http_port": 9,
            "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": 9, "app.update.enabled": False,
            "browser.shell.checkDefaultBrowser": False, "datareporting.policy.dataSubmissionEnabled": False,
            "toolkit.telemetry.enabled": False, "browser.safebrowsing.malware.enabled": False,
            "browser.safebrowsing.phishing.enabled": False, "extensions.update.enabled": False,
            "network.captive-portal-service.enabled": False, "network.connectivity-service.enabled": False,
        }
        with open(f"{self.profile}/user.js", "w") as fh:
            for key, value in prefs.items():
                fh.write(f"user_pref({json.dumps(key)}, {json.dumps(value)});\n")
        self.proc = subprocess.Popen(
            [FIREFOX, "--headless", "--no-remote", "--profile", self.profile, f"--remote-debugging-port={self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The websocket runs on its own loop and thread, so this works beside Playwright's
        # sync API (which keeps an event loop running on the main thread).
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.ids = itertools.count(1)
        self.ws = self._run(self._connect())
        self.send("session.new", {"capabilities": {}})
        tree = self.send("browsingContext.getTree", {})
        self.context = tree["contexts"][0]["context"]

    async def _connect(self):
        deadline = time.time() + 30
        while True:
            try:
                return await websockets.connect(f"ws://127.0.0.1:{self.port}/session", max_size=2**26)
            except OSError:
                if time.time() > deadline:
                    raise
                await asyncio.sleep(0.2)

    async def _send(self, method, params):
        ident = next(self.ids)
        await self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(await asyncio.wait_for(self.ws.recv(), 60))
            if message.get("id") == ident:
                if message.get("type") == "error":
                    raise RuntimeError(f"{method}: {message.get('error')}: {message.get('message')}")
                return message["result"]

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(120)

    def send(self, method, params):
        return self._run(self._send(method, params))

    def navigate(self, url: str) -> None:
        self.send("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def evaluate(self, expression: str):
        """Evaluate (awaiting a Promise) and return the JSON value of the result."""
        result = self.send("script.evaluate", {
            "expression": f"(async () => JSON.stringify(await ({expression})))()",
            "target": {"context": self.context}, "awaitPromise": True})
        if result.get("type") == "exception":
            raise RuntimeError(result["exceptionDetails"].get("text"))
        return json.loads(result["result"]["value"])

    def close(self):
        for closing in (self._send("session.end", {}), self.ws.close()):
            try:
                self._run(closing)
            except Exception:
                pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
