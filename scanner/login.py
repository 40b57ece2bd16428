"""Login scripts and per-URL actions: scripted steps run in the scan's browser, written as data.

A login script (YAML or JSON) names the login (shown beside every page scanned under it), says how a lost
session shows itself (``logged_out``: a URL pattern and/or a text) and lists the steps that log in::

    name: portal-member
    logged_out: {url: "/login", text: "请登录"}
    steps:
      - goto: https://portal.example.gov.cn/login
      - click: "#consent-accept"
      - fill: {selector: "#username", value: "${secret:PORTAL_USER}"}
      - fill: {selector: "#password", value: "${secret:PORTAL_PASSWORD}"}
      - click: "button[type=submit]"
      - wait-for: {url: "/portal/"}

Per-URL actions (pa11y's "actions") are a list of ``{url: PATTERN, steps: [...]}``: the steps of every entry
whose pattern is found in a page's URL run after the page loads and before it is checked.

Steps are data, never code: the vocabulary below is all there is (no JavaScript, no Python). A value may name a
secret, ``${secret:NAME}``; the script and everything stored keep the reference, the value is put in only when the
step runs, and every message is scrubbed of the values (``redact``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

SECRET_REF = re.compile(r"\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}")
STEP_TIMEOUT_S = 15.0
# step -> the fields it takes (the first is what a bare string means: ``click: "#ok"``) and those it must have
STEP_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "goto": (("url",), ("url",)),
    "fill": (("selector", "value"), ("selector", "value")),
    "click": (("selector",), ("selector",)),
    "wait-for": (("selector", "url", "text"), ()),  # exactly one of them
    "select": (("selector", "value"), ("selector", "value")),
    "check": (("selector",), ("selector",)),
    "press": (("key", "selector"), ("key",)),
    "screenshot": (("name",), ("name",)),
}


class ScriptError(ValueError):
    """A login script or actions file that cannot be used; the message (zh / en) names the file, step and field."""


class StepFailed(RuntimeError):
    """A step that did not work in the browser: which, on what selector, why, and the screenshot taken then."""

    def __init__(self, where: tuple[str, str], number: int, step: "Step", reason: str, screenshot: str | None):
        self.where, self.number, self.step, self.reason, self.screenshot = where, number, step, reason, screenshot
        shot_zh = f"；截图：{screenshot}" if screenshot else "；未能截图"
        shot_en = f"; screenshot: {screenshot}" if screenshot else "; no screenshot could be taken"
        super().__init__(f"{where[0]}第 {number} 步（{step.describe()}）失败：{reason}{shot_zh} / {where[1]} step "
                         f"{number} ({step.describe()}) failed: {reason}{shot_en}")


class LoginFailed(StepFailed):
    """A login script's step failed: the scan stops (it never scans the login page as the site)."""


@dataclass(frozen=True)
class Step:
    action: str  # a key of STEP_FIELDS
    args: tuple[tuple[str, str], ...]  # (field, value) as written: secret references unresolved

    def get(self, name: str) -> str | None:
        return dict(self.args).get(name)

    def describe(self) -> str:
        """``fill #password ${secret:PW}``: what the step is, secrets by name only (never their values)."""
        return " ".join([self.action] + [v for _, v in self.args])

    def secret_names(self) -> set[str]:
        return {name for _, v in self.args for name in SECRET_REF.findall(v)}


@dataclass(frozen=True)
class LoggedOut:
    """How a lost session shows itself: the page's URL matches ``url`` (a regular expression, searched) or its
    visible text contains ``text``."""

    url: str | None = None
    text: str | None = None

    def url_matches(self, url: str | None) -> bool:
        return bool(self.url and url and re.search(self.url, url))


@dataclass(frozen=True)
class LoginScript:
    name: str
    steps: tuple[Step, ...]
    logged_out: LoggedOut = LoggedOut()
    source: str = ""  # the file it was read from (for messages)
    timeout_s: float = STEP_TIMEOUT_S  # how long each step may wait for its element or page

    def secret_names(self) -> set[str]:
        return set().union(*(s.secret_names() for s in self.steps)) if self.steps else set()


@dataclass(frozen=True)
class UrlActions:
    url: str  # a regular expression searched in the page's URL
    steps: tuple[Step, ...]


@dataclass
class StepRunner:
    """Runs steps in one Playwright page with the secrets' values; failures become ``StepFailed``."""

    secrets: Mapping[str, str] = field(default_factory=dict)
    evidence_dir: Path = Path(".")
    timeout_s: float = STEP_TIMEOUT_S

    def value(self, text: str) -> str:
        def put(m: re.Match) -> str:
            if m.group(1) not in self.secrets:  # checked before the scan starts; a guard, not the message users see
                raise KeyError(m.group(1))
            return self.secrets[m.group(1)]
        return SECRET_REF.sub(put, text)

    def redact(self, text: str) -> str:
        """``text`` with every secret's value replaced by its reference (error messages of the browser)."""
        for name, secret in sorted(self.secrets.items(), key=lambda kv: -len(kv[1])):
            if secret:
                text = text.replace(secret, "${secret:%s}" % name)
        return text

    async def run(self, page, steps: tuple[Step, ...], where: tuple[str, str], failure=StepFailed,
                  prefix: str = "step") -> None:
        """Each step in order; ``failure`` (zh / en ``where``: what the steps belong to) at the first that fails."""
        from playwright.async_api import Error as PlaywrightError

        for number, step in enumerate(steps, 1):
            try:
                await self._do(page, step, prefix)
            except (PlaywrightError, OSError) as exc:
                shot = await self.screenshot(page, f"{prefix}-failed-step{number}")
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
                raise failure(where, number, step, self.redact(first), shot) from None

    async def _do(self, page, step: Step, prefix: str) -> None:
        ms = self.timeout_s * 1000
        a, get = step.action, step.get
        if a == "goto":
            response = await page.goto(self.value(get("url")), wait_until="domcontentloaded", timeout=ms)
            if response is not None and response.status >= 400:
                raise OSError(f"HTTP {response.status}")
        elif a == "fill":
            await page.fill(get("selector"), self.value(get("value")), timeout=ms)
        elif a == "click":
            await page.click(get("selector"), timeout=ms)
        elif a == "select":
            await page.select_option(get("selector"), self.value(get("value")), timeout=ms)
        elif a == "check":
            await page.check(get("selector"), timeout=ms)
        elif a == "press":
            if get("selector"):
                await page.press(get("selector"), get("key"), timeout=ms)
            else:
                await page.keyboard.press(get("key"))
        elif a == "wait-for":
            if get("selector"):
                await page.wait_for_selector(get("selector"), state="visible", timeout=ms)
            elif get("url"):
                pattern = re.compile(get("url"))
                await page.wait_for_url(lambda u: bool(pattern.search(u)), timeout=ms)
            else:
                await page.get_by_text(get("text")).first.wait_for(state="visible", timeout=ms)
        elif a == "screenshot":
            await self.screenshot(page, f"{prefix}-{get('name')}", must=True)

    async def screenshot(self, page, name: str, must: bool = False) -> str | None:
        """A full-page PNG in ``evidence_dir`` (its path), or None when it cannot be taken (and not ``must``)."""
        from playwright.async_api import Error as PlaywrightError

        path = self.evidence_dir / (re.sub(r"[^\w.-]+", "_", name).removesuffix(".png") + ".png")
        try:
            self.evidence_dir.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(path), full_page=True, timeout=self.timeout_s * 1000)
        except (PlaywrightError, OSError):
            if must:
                raise
            return None
        return str(path)


# ---- reading the files --------------------------------------------------------------------------------------

def read_data_file(path: str | Path, what: tuple[str, str]) -> Any:
    """The YAML or JSON in ``path`` (YAML is a superset of JSON); ``ScriptError`` naming the file when it
    cannot be read or parsed."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(f"无法读取{what[0]} {path}：{exc} / cannot read the {what[1]} {path}: {exc}") from None
    try:
        return json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0]
        raise ScriptError(f"{what[0]} {path} 不是有效的 YAML/JSON：{first} / the {what[1]} {path} is not valid "
                          f"YAML/JSON: {first}") from None


def parse_steps(raw: Any, where: str) -> tuple[Step, ...]:
    """Steps from their data form; ``where`` names the file (and entry) in messages."""
    if not isinstance(raw, list) or not raw:
        raise ScriptError(f"{where}：steps 须为非空列表 / {where}: `steps` must be a non-empty list")
    steps = []
    for number, item in enumerate(raw, 1):
        at = f"{where} 第 {number} 步 / {where} step {number}"
        if not isinstance(item, dict) or len(item) != 1:
            raise ScriptError(f"{at}：每一步须是一个动作，如 `click: \"#ok\"` / each step must be one action, e.g. "
                              f"`click: \"#ok\"` (got {item!r:.80})")
        (action, value), = item.items()
        if action not in STEP_FIELDS:
            raise ScriptError(f"{at}：未知动作 {action!r}，可用：{', '.join(STEP_FIELDS)} / unknown action {action!r}; "
                              f"known: {', '.join(STEP_FIELDS)}")
        allowed, required = STEP_FIELDS[action]
        args = {allowed[0]: value} if isinstance(value, (str, int, float)) else value
        if not isinstance(args, dict):
            raise ScriptError(f"{at}：{action} 的值须为文本或映射 / the value of {action} must be a text or a mapping")
        unknown = sorted(set(args) - set(allowed))
        missing = [f for f in required if args.get(f) in (None, "")]
        if missing:
            raise ScriptError(f"{at}：{action} 缺少字段 {', '.join(missing)} / {action}: missing {', '.join(missing)} "
                              f"(fields: {', '.join(allowed)})")
        if unknown:
            raise ScriptError(f"{at}：{action} 的未知字段 {', '.join(unknown)} / {action}: unknown field(s) "
                              f"{', '.join(unknown)} (fields: {', '.join(allowed)})")
        if action == "wait-for" and len([f for f in allowed if args.get(f)]) != 1:
            raise ScriptError(f"{at}：wait-for 须且只须给出 selector、url 或 text 之一 / wait-for takes exactly one of "
                              "selector, url, text")
        for f in ("url",) if action == "wait-for" and args.get("url") else ():
            _check_regex(args["url"], at, "url")
        steps.append(Step(action, tuple((f, str(args[f])) for f in allowed if args.get(f) not in (None, ""))))
    return tuple(steps)


def load_login_script(path: str | Path | dict) -> LoginScript:
    """A login script from its file, or from its data (a site's setting in the service: ``path`` is then the
    parsed mapping and messages say "site settings")."""
    data = path if isinstance(path, dict) else read_data_file(path, ("登录脚本", "login script"))
    path = "(site settings)" if isinstance(path, dict) else path
    where = f"登录脚本 {path} / login script {path}"
    if not isinstance(data, dict):
        raise ScriptError(f"{where}：须为映射（name、logged_out、steps）/ must be a mapping (name, logged_out, steps)")
    unknown = set(data) - {"name", "logged_out", "steps", "timeout"}
    if unknown:
        raise ScriptError(f"{where}：未知字段 / unknown field(s) {', '.join(sorted(unknown))}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ScriptError(f"{where}：缺少 name（该登录的名称，显示在每个页面旁）/ missing `name` (the login's name, "
                          "shown beside every page)")
    marker = data.get("logged_out") or {}
    if not isinstance(marker, dict) or set(marker) - {"url", "text"} or not any(marker.values()):
        raise ScriptError(f"{where}：logged_out 须给出 url（正则）和/或 text / `logged_out` must give `url` (a regular "
                          "expression) and/or `text`: how a lost session shows itself")
    if marker.get("url"):
        _check_regex(marker["url"], where, "logged_out.url")
    timeout = data.get("timeout", STEP_TIMEOUT_S)
    if not isinstance(timeout, (int, float)) or not 0 < timeout <= 300:
        raise ScriptError(f"{where}：timeout 须为 0-300 之间的秒数 / `timeout` must be seconds between 0 and 300")
    return LoginScript(name.strip(), parse_steps(data.get("steps"), where),
                       LoggedOut(marker.get("url"), marker.get("text")), str(path), float(timeout))


def load_url_actions(path: str | Path | list) -> tuple[UrlActions, ...]:
    """Per-URL steps from their file, or from their data (a list: a site's setting in the service)."""
    data = path if isinstance(path, list) else read_data_file(path, ("页面操作文件", "actions file"))
    path = "(site settings)" if isinstance(path, list) else path
    where = f"页面操作文件 {path} / actions file {path}"
    if not isinstance(data, list):
        raise ScriptError(f"{where}：须为列表，每项 {{url, steps}} / must be a list of {{url, steps}}")
    out = []
    for number, entry in enumerate(data, 1):
        at = f"{where} #{number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str) or set(entry) - {"url", "steps"}:
            raise ScriptError(f"{at}：须为 {{url: 模式, steps: [...]}} / must be {{url: PATTERN, steps: [...]}}")
        _check_regex(entry["url"], at, "url")
        steps = parse_steps(entry.get("steps"), at)
        if any(s.action == "goto" for s in steps):
            raise ScriptError(f"{at}：页面操作不能用 goto（会离开被检查的页面）/ an action cannot `goto` (it would leave "
                              "the page being checked)")
        out.append(UrlActions(entry["url"], steps))
    return tuple(out)


def actions_for(actions: tuple[UrlActions, ...], url: str) -> tuple[Step, ...]:
    """The steps to run on ``url``: those of every entry whose pattern is found in it, in file order."""
    return tuple(s for a in actions if re.search(a.url, url) for s in a.steps)


def secret_refs(text: str | None) -> set[str]:
    return set(SECRET_REF.findall(text or ""))


def _check_regex(pattern: str, where: str, field_name: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ScriptError(f"{where}：{field_name} 不是有效的正则表达式（{exc}）/ {field_name} is not a valid regular "
                          f"expression ({exc})") from None
