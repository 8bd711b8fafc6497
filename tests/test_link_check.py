"""`make check-links` finds every web address the site gives and says, per file and field, which are gone, moved
to another site or not answering. CI has no internet, so a local server plays each kind of site."""

from __future__ import annotations

import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from commonroom.linkcheck import main, page_addresses
from conftest import FIXTURES

pytest.importorskip("linkcheck")


class Provider(BaseHTTPRequestHandler):
    """A provider's web site in every state a link can be in."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path
        if path.startswith("/hang"):
            time.sleep(5)  # longer than the check's timeout
            return
        if path.startswith("/ok"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>Call us</body></html>")
            return
        if path.startswith("/new-home"):  # the same site, a new address
            self._redirect("/ok")
        elif path.startswith("/taken-over"):  # another site (localhost is another host name than 127.0.0.1)
            self._redirect(f"http://localhost:{self.server.server_port}/ok")
        elif path.startswith("/closed"):
            self.send_response(410)
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    do_HEAD = do_GET

    def _redirect(self, where: str) -> None:
        self.send_response(301)
        self.send_header("Location", where)
        self.end_headers()


@pytest.fixture(scope="module")
def provider():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def scratch_data(tmp_path: Path, urls: dict[str, str]) -> tuple[Path, Path]:
    """A copy of the minimal data (services and site settings only) and one written page, pointing at `urls`."""
    data, docs = tmp_path / "data", tmp_path / "docs"
    (data / "services").mkdir(parents=True)
    docs.mkdir()
    service = yaml.safe_load((FIXTURES / "minimal" / "services" / "test-line.yml").read_text())
    service.update(source_url=urls["source_url"], url=urls["url"])
    service["contacts"][2]["value"] = urls["web_contact"]
    (data / "services" / "test-line.yml").write_text(yaml.safe_dump(service, sort_keys=False))
    site = yaml.safe_load((FIXTURES / "minimal" / "site.yml").read_text())
    site["emergency_numbers"][0]["source_url"] = urls["emergency"]
    (data / "site.yml").write_text(yaml.safe_dump(site, sort_keys=False))
    (docs / "guide.md").write_text(
        "# A guide\n\nRead [the study](" + urls["page"] + ").\n\n"
        "Your site will live at `https://intranet.example.nhs.uk/wellbeing/`.\n\n"
        "```nginx\nproxy_pass https://not-checked.example.org/;\n```\n")
    shutil.copytree(FIXTURES.parent.parent / "data" / "schema", data / "schema")  # schemas are never checked
    return data, docs


def run_check(data: Path, docs: Path, output: Path, capsys) -> tuple[int, str, dict]:
    code = main(["--data", str(data), "--docs", str(docs), "--timeout", "1", "--output", str(output)])
    return code, capsys.readouterr().out, json.loads(output.read_text())


@pytest.mark.slow
def test_gone_moved_hanging_and_insecure_addresses_fail_the_check_naming_file_and_field(provider, tmp_path, capsys):
    data, docs = scratch_data(tmp_path, {
        # The provider answers plain HTTP only, so an https:// address to it fails as a bad certificate would.
        "source_url": f"{provider}/contact-us", "url": provider.replace("http:", "https:") + "/ok", "web_contact": f"{provider}/taken-over",
        "emergency": f"{provider}/closed", "page": f"{provider}/hang",
    })
    started = time.monotonic()
    code, report, saved = run_check(data, docs, tmp_path / "report" / "link-check.json", capsys)
    assert time.monotonic() - started < 20
    assert code == 1
    assert "5 need a look:" in report
    service_part = report.split("data/services/test-line.yml\n", 1)[1].split("\n\n", 1)[0]
    assert f"  source_url: {provider}/contact-us\n      gone (404 Not Found)" in service_part
    assert f"  contacts[2].value: {provider}/taken-over\n      moved to another site: http://localhost:" in service_part
    assert "  url: https://127.0.0.1:" in service_part and "/ok\n      certificate or secure-connection error ([SSL: " in service_part
    site_part = report.split("data/site.yml\n", 1)[1]
    assert f"  emergency_numbers[gb-999].source_url: {provider}/closed\n      gone (410 Gone)" in site_part
    assert f"docs/guide.md\n  line 3: {provider}/hang\n      timed out" in report
    statuses = {(r["file"], r["field"]): r["status"] for r in saved["results"]}
    assert statuses[("data/services/test-line.yml", "url")] == "broken"
    assert ("data/services/test-line.yml", "contacts[0].value") not in statuses
    assert statuses[("data/services/test-line.yml", "contacts[2].value")] == "moved"
    assert statuses[("data/site.yml", "emergency_numbers[gb-999].source_url")] == "broken"


@pytest.mark.slow
def test_addresses_that_work_pass_including_a_move_within_the_same_site(provider, tmp_path, capsys):
    data, docs = scratch_data(tmp_path, {
        "source_url": f"{provider}/ok", "url": f"{provider}/new-home", "web_contact": f"{provider}/ok",
        "emergency": f"{provider}/ok", "page": f"{provider}/ok",
    })
    code, report, saved = run_check(data, docs, tmp_path / "link-check.json", capsys)
    assert code == 0, report
    assert report.endswith("Every address works.\n")
    assert {r["status"] for r in saved["results"]} == {"ok"}
    assert saved["addresses"] == 2


def test_examples_and_code_in_the_written_pages_are_not_checked(tmp_path):
    _, docs = scratch_data(tmp_path, dict.fromkeys(["source_url", "url", "web_contact", "emergency", "page"], "https://a.test/"))
    assert [url for _, _, url in page_addresses(docs)] == ["https://a.test/"]
