"""Offline checks of everything under .github/: the CI workflow, issue forms, PR template.

Two linters run as subprocesses, with every proxy pointed at a closed port so that any attempt to
reach the network fails the test instead of passing by luck:

- ``zizmor --offline`` (security audit of the workflows; zero findings allowed),
- ``check-jsonschema --builtin-schema vendor.*`` (the schemas ship inside the package).

Then PyYAML reads the workflow and the tests assert the facts the site's deployment depends on:
job order, least-privilege permissions, SHA-pinned actions, and deploying only from main.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted([*GITHUB.glob("workflows/*.yml"), *GITHUB.glob("workflows/*.yaml")])
SITE_WORKFLOW = GITHUB / "workflows" / "site.yml"
ISSUE_TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
ISSUE_CONFIG = ISSUE_TEMPLATES / "config.yml"
ISSUE_FORMS = sorted(p for p in ISSUE_TEMPLATES.glob("*.y*ml") if p.name != ISSUE_CONFIG.name)
DEPENDABOT = GITHUB / "dependabot.yml"
PR_TEMPLATE = GITHUB / "pull_request_template.md"

# Release pins (action, tag, commit), kept in the repository: every `uses:` must be one of them.
PINS_FILE = GITHUB / "actions-pins.md"

SHA_RE = re.compile(r"[0-9a-f]{40}")
ACTION_RE = re.compile(r"[\w.-]+/[\w.-]+")
# `uses: owner/repo[/path]@<40-hex sha> # <tag>`, optionally as the first key of a list item.
PINNED_USES_RE = re.compile(
    r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w.-]+)(?P<subpath>/[\w./-]+)?"
    r"@(?P<sha>[0-9a-f]{40})\s+#\s*(?P<tag>v\d[\w.-]*)\s*$"
)
USES_LINE_RE = re.compile(r"^\s*(?:-\s+)?uses:")

# Any network access from the linters goes to a closed port and fails loudly.
CLOSED_PROXY = "http://127.0.0.1:9"


# --------------------------------------------------------------------------- helpers


def _tool(name: str) -> str:
    """The executable installed next to this interpreter (the uv venv), else one on PATH."""
    bindir = Path(sys.executable).parent
    for candidate in (bindir / name, bindir / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; run `uv sync` (it is in the dev dependency group)")
    return found


def _offline_env() -> dict[str, str]:
    env = dict(os.environ)
    for var in ("NO_PROXY", "no_proxy"):
        env.pop(var, None)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env[var] = CLOSED_PROXY
    # zizmor would use a token for its online audits; --offline already disables them.
    for var in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"):
        env.pop(var, None)
    env["NO_COLOR"] = "1"
    return env


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        args,
        cwd=ROOT,
        env=_offline_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0:
        print(f"$ {' '.join(args)}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}")
    return proc


def _rel(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a YAML mapping"
    return data


def _triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), f"unexpected `on:` {on!r}"
    return on


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def _steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job.get("steps", []) if str(s.get("uses", "")).startswith(f"{action}@")]


def _runs(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) for s in job.get("steps", []))


def _pins() -> dict[tuple[str, str], str]:
    """{(action, tag): sha} from the Markdown table in .github/actions-pins.md."""
    name = PINS_FILE.relative_to(ROOT)
    assert PINS_FILE.is_file(), f"missing {name}: the table every pinned SHA is checked against"
    pins: dict[tuple[str, str], str] = {}
    for number, line in enumerate(PINS_FILE.read_text(encoding="utf-8").splitlines(), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3 or not ACTION_RE.fullmatch(cells[0]):
            continue  # prose, the header or the separator row
        assert SHA_RE.fullmatch(cells[2]), f"{name}:{number}: not a full commit SHA: {cells[2]!r}"
        pins[(cells[0], cells[1])] = cells[2]
    assert pins, f"no pins parsed from {name}"
    return pins


@pytest.fixture(scope="module")
def site() -> dict:
    assert SITE_WORKFLOW.is_file(), f"missing {SITE_WORKFLOW}"
    return _load(SITE_WORKFLOW)


# --------------------------------------------------------------------------- linters


def test_there_are_workflows() -> None:
    assert SITE_WORKFLOW in WORKFLOWS


def test_zizmor_offline_has_no_findings() -> None:
    proc = _run([_tool("zizmor"), "--offline", "--format", "json", ".github/workflows"])
    assert proc.returncode == 0, "zizmor reported findings (output printed above)"
    findings = json.loads(proc.stdout or "[]")
    assert findings == [], json.dumps(findings, indent=2)


def test_zizmor_offline_whole_github_dir_has_no_findings() -> None:
    # Also audits dependabot.yml (e.g. the cooldown rule).
    proc = _run([_tool("zizmor"), "--offline", ".github"])
    assert proc.returncode == 0, "zizmor reported findings (output printed above)"


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-issue-forms", ISSUE_FORMS),
        ("vendor.github-issue-config", [ISSUE_CONFIG]),
        ("vendor.dependabot", [DEPENDABOT]),
    ],
    ids=["workflows", "issue-forms", "issue-config", "dependabot"],
)
def test_check_jsonschema_builtin(schema: str, files: list[Path]) -> None:
    assert files, f"no files to check against {schema}"
    for f in files:
        assert f.is_file(), f"missing {f}"
    proc = _run([_tool("check-jsonschema"), "--builtin-schema", schema, *_rel(files)])
    assert proc.returncode == 0, f"{schema} validation failed (output printed above)"


# --------------------------------------------------------------------------- workflow structure


def test_triggers(site: dict) -> None:
    on = _triggers(site)
    assert set(on) == {"push", "pull_request", "workflow_dispatch"}
    assert on["push"]["branches"] == ["main"]
    # pull_request (not pull_request_target): forks run without secrets or write tokens.
    assert "pull_request_target" not in on


def test_job_order(site: dict) -> None:
    jobs = site["jobs"]
    assert list(jobs) == ["test", "build", "deploy"]
    assert _needs(jobs["test"]) == []
    assert _needs(jobs["build"]) == ["test"]
    assert _needs(jobs["deploy"]) == ["build"]


def test_permissions_least_privilege(site: dict) -> None:
    assert site["permissions"] == {"contents": "read"}
    jobs = site["jobs"]
    for name in ("test", "build"):
        assert "permissions" not in jobs[name], f"{name} must inherit contents: read only"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_concurrency(site: dict) -> None:
    top = site["concurrency"]
    assert "github.ref" in top["group"]
    # Cancelled only for pull requests, so a push to main is never interrupted.
    assert "pull_request" in str(top["cancel-in-progress"])
    deploy = site["jobs"]["deploy"]["concurrency"]
    assert deploy["group"] == "pages"
    assert deploy["cancel-in-progress"] is False


def test_test_job(site: dict) -> None:
    job = site["jobs"]["test"]
    assert "make test" in _runs(job)
    assert "chromium" in _runs(job)
    (make_test,) = [step for step in job["steps"] if step.get("run") == "make test"]
    assert make_test["env"]["SCREENSHOTS"] == "1", "the upload below would hold no screenshot"
    (upload,) = _steps_using(job, "actions/upload-artifact")
    assert upload["if"] == "always()"
    assert upload["with"]["path"].rstrip("/") == "test-artifacts"


def test_build_job(site: dict) -> None:
    job = site["jobs"]["build"]
    assert "make site" in _runs(job)
    (upload,) = _steps_using(job, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    # The job that produces the deployed site must not restore a (possibly poisoned) cache.
    (uv,) = _steps_using(job, "astral-sh/setup-uv")
    assert uv["with"]["enable-cache"] is False


def test_deploy_only_from_main(site: dict) -> None:
    job = site["jobs"]["deploy"]
    assert job["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert job["environment"]["name"] == "github-pages"
    assert job["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    (deploy,) = _steps_using(job, "actions/deploy-pages")
    assert deploy["id"] == "deployment"
    assert "actions/checkout" not in str(job), "deploy needs only the artifact, not the code"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_does_not_persist_credentials(path: Path) -> None:
    for job in _load(path)["jobs"].values():
        for step in _steps_using(job, "actions/checkout"):
            assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_known_sha(path: Path) -> None:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if USES_LINE_RE.match(ln)]
    # Every `uses:` in the parsed workflow appears on one of these lines.
    parsed = [
        s["uses"]
        for job in _load(path)["jobs"].values()
        for s in job.get("steps", [])
        if "uses" in s
    ] + [job["uses"] for job in _load(path)["jobs"].values() if "uses" in job]
    assert len(parsed) == len(lines) > 0

    pins = _pins()
    for line in lines:
        m = PINNED_USES_RE.match(line)
        assert m, f"not pinned to a full SHA with a `# vX.Y.Z` comment: {line.strip()}"
        key = (m["action"], m["tag"])
        assert key in pins, f"{key} is not in {PINS_FILE.relative_to(ROOT)}"
        assert m["sha"] == pins[key], f"{m['action']}@{m['tag']} must be {pins[key]}"


# --------------------------------------------------------------------------- templates


def test_issue_forms() -> None:
    config = _load(ISSUE_CONFIG)
    assert config["blank_issues_enabled"] is False
    names = {_load(p)["name"] for p in ISSUE_FORMS}
    assert names == {
        "A claim on a page is wrong",
        "Page request / missing topic",
        "Site bug (rendering, accessibility, broken link)",
    }


def test_wrong_claim_form_asks_for_reproduction() -> None:
    (form,) = [p for p in ISSUE_FORMS if _load(p)["name"] == "A claim on a page is wrong"]
    ids = {field.get("id") for field in _load(form)["body"]}
    assert {"page", "claim", "observed", "tf-version", "keras-version", "code"} <= ids


def test_pull_request_template_checklist() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    for needle in (
        "snippets/",
        "section markers",
        "tests/",
        "make outputs",
        "make figures",
        "make test",
        "nav",
        "alt text",
        "light",
        "dark",
    ):
        assert needle in text, f"PR template lacks {needle!r}"
    assert text.count("- [ ]") >= 8
