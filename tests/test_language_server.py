"""The schemas in the YAML language server, the engine of VS Code's YAML extension and of others.

The real server (npm `yaml-language-server`, pinned in tests/yaml_language_server/ and installed
there by `make test`) is driven over the Language Server Protocol as an editor drives it, on
files that carry the schema modeline `init` and `new` write. Skipped, with the reason, where
Node.js or npm is not installed.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from typer.testing import CliRunner

from metaethno.cli import app
from metaethno.interop.authoring import schema_reference
from metaethno.review.schema import CONCEPT_SCHEMA, REVIEW_SCHEMA, SCHEMA_FOLDER, STUDY_SCHEMA

ROOT = Path(__file__).parent.parent
INSTALL = Path(__file__).parent / "yaml_language_server"
SERVER = INSTALL / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
# Bounds every wait on the server, so that a server that hangs fails the test instead of CI.
TIMEOUT_SECONDS = 60.0
# What an editor would set: validate with the schemas the files name, and fetch nothing.
SETTINGS = {
    "validate": True,
    "yamlVersion": "1.2",
    "schemaStore": {"enable": False},
    "kubernetesCRDStore": {"enable": False},
}

Message = dict[str, Any]


class LanguageServer:
    """One yaml-language-server process, spoken to in JSON-RPC over its standard streams."""

    def __init__(self, node: str, root: Path, log: Path) -> None:
        self.log = log
        self._deadline = time.monotonic() + TIMEOUT_SECONDS
        self._messages: queue.Queue[Message | None] = queue.Queue()
        self._next_id = 0
        with log.open("wb") as stderr:
            self._process = subprocess.Popen(
                [node, str(SERVER), "--stdio"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=root,
            )
        assert self._process.stdout is not None
        self._reader = threading.Thread(
            target=self._read, args=(self._process.stdout,), daemon=True
        )
        self._reader.start()
        self._start(root)

    def _read(self, stream: IO[bytes]) -> None:
        """Queue each message the server writes; None when it stops writing."""
        while True:
            length = None
            while line := stream.readline():
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                self._messages.put(None)
                return
            self._messages.put(json.loads(stream.read(length)))

    def _send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self._process.stdin is not None
        self._process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self._process.stdin.flush()

    def request(self, method: str, params: Any) -> None:
        self._next_id += 1
        self._send({"id": self._next_id, "method": method, "params": params})

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def receive(self) -> Message:
        """The next message that is not a request from the server; those are answered here."""
        while True:
            remaining = self._deadline - time.monotonic()
            try:
                message = self._messages.get(timeout=max(remaining, 0))
            except queue.Empty:
                pytest.fail(f"no answer from the language server in {TIMEOUT_SECONDS} s; {self}")
            if message is None:
                pytest.fail(f"the language server stopped; {self}")
            if "id" in message and "method" in message:
                self._send({"id": message["id"], "result": self._answer(message)})
            else:
                return message

    def receive_until(self, wanted: str) -> Message:
        """Wait for the response to the last request (`wanted` "") or a notification."""
        while True:
            message = self.receive()
            if message.get("method") == wanted or (
                not wanted and message.get("id") == self._next_id
            ):
                return message

    @staticmethod
    def _answer(request: Message) -> Any:
        """The editor's side of the server's requests: the settings, and null for the rest."""
        if request["method"] == "workspace/configuration":
            return [
                SETTINGS if item.get("section") == "yaml" else None
                for item in request["params"]["items"]
            ]
        return None

    def _start(self, root: Path) -> None:
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
            },
        )
        self.receive_until("")
        # As VS Code's extension does, so that the server says when it has applied the settings:
        # files opened after that are validated once, with the settings.
        self.notify("yaml/supportSchemaSelection", {})
        self.notify("initialized", {})
        self.receive_until("yaml/schema/store/initialized")

    def diagnostics(self, paths: list[Path]) -> dict[Path, list[Message]]:
        """Open the files as an editor does and return what the server publishes for each."""
        by_uri = {path.as_uri(): path for path in paths}
        for path in paths:
            document = {
                "uri": path.as_uri(),
                "languageId": "yaml",
                "version": 1,
                "text": path.read_text(encoding="utf-8"),
            }
            self.notify("textDocument/didOpen", {"textDocument": document})
        published: dict[Path, list[Message]] = {}
        while len(published) < len(paths):
            params = self.receive_until("textDocument/publishDiagnostics")["params"]
            if params["uri"] in by_uri:
                published[by_uri[params["uri"]]] = params["diagnostics"]
        return published

    def close(self) -> None:
        """Shut the server down as an editor does, and stop it if it does not exit."""
        try:
            if self._process.poll() is None:
                self.request("shutdown", None)
                self.receive_until("")
                self.notify("exit", None)
                self._process.wait(timeout=10)
        finally:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            assert self._process.stdin is not None and self._process.stdout is not None
            self._process.stdin.close()
            self._reader.join(timeout=10)  # it reads to the end of the stopped server's output
            self._process.stdout.close()

    def __str__(self) -> str:
        return f"its log:\n{self.log.read_text(errors='replace')}"


@pytest.fixture
def node() -> str:
    """Node.js, with the language server installed; skips only where Node.js or npm is absent."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("the YAML language server test needs Node.js and npm, which are not installed")
    if not SERVER.exists():
        pytest.fail(
            f"the YAML language server is not installed: run `make test`, or `npm ci --prefix {INSTALL}`"
        )
    return node


@pytest.fixture
def server(node: str, tmp_path: Path) -> Iterator[LanguageServer]:
    language_server = LanguageServer(node, tmp_path, tmp_path / "server.log")
    try:
        yield language_server
    finally:
        language_server.close()


def with_modelines(review: Path, destination: Path) -> list[Path]:
    """Copies of a review's files, each starting with the modeline `init` and `new` write, and
    the schemas that `metaethno schema --output` writes where the modelines point."""
    result = CliRunner().invoke(app, ["schema", "--output", str(destination / SCHEMA_FOLDER)])
    assert result.exit_code == 0, result.output
    copies = []
    for source, schema in [
        (review / "metaethno.yaml", REVIEW_SCHEMA),
        *((path, STUDY_SCHEMA) for path in sorted((review / "studies").glob("*.yaml"))),
        *((path, CONCEPT_SCHEMA) for path in sorted((review / "concepts").glob("*.yaml"))),
    ]:
        relative = source.relative_to(review).as_posix()
        modeline = f"# yaml-language-server: $schema={schema_reference(relative, schema)}\n"
        copy = destination / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(modeline + source.read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(copy)
    return copies


def messages(published: dict[Path, list[Message]], root: Path) -> list[str]:
    """Each diagnostic as `file:line:col: message`, lines and columns from 1."""
    return [
        f"{path.relative_to(root).as_posix()}:{item['range']['start']['line'] + 1}:"
        f"{item['range']['start']['character'] + 1}: {item['message']}"
        for path, items in sorted(published.items())
        for item in items
    ]


def test_the_bundled_example_has_no_diagnostics(server: LanguageServer, tmp_path: Path) -> None:
    copies = with_modelines(ROOT, tmp_path)
    assert len(copies) > 40  # the review, its 29 studies and its concepts
    assert messages(server.diagnostics(copies), tmp_path) == []


def test_a_casp_answer_to_a_question_11_is_an_error(server: LanguageServer, tmp_path: Path) -> None:
    copies = with_modelines(ROOT, tmp_path)
    study = tmp_path / "studies" / "adebayo2003.yaml"
    text = study.read_text(encoding="utf-8")
    assert "\n    1: yes\n" in text
    study.write_text(text.replace("\n    1: yes\n", "\n    11: yes\n"), encoding="utf-8")
    line = text[: text.index("\n    1: yes\n")].count("\n") + 2
    assert messages(server.diagnostics(copies), tmp_path) == [
        f"studies/adebayo2003.yaml:{line}:5: Value is above the maximum of 10."
    ]
