"""``wuzhangai survey``: import field surveys, score facilities, make the collection form and the sample."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from wuzhangai.cli_common import check_gate, db_option, district_option, enter_district, fail, fail_on_option

CRS_CHOICES = ("WGS84", "GCJ02", "BD09", "CGCS2000")
SHOWN_PROBLEMS = 200
SCORE_GATES = ("non_compliant", "critical")  # --fail-on levels of `survey score`


@click.group("survey")
def command() -> None:
    """无障碍设施调查：导入、评分、采集表单、示例数据 / facility surveys: import, score, form, sample.

    Field surveys of roads, curb ramps, tactile paving, crossings, ramps, entrances, toilets, parking,
    signage and service counters are scored against GB 55019-2021 / GB 50763-2012 (183 rules in
    ``checks/facility/rules.yaml``). ``wuzhangai survey schema`` prints the field guide.
    """


def _echo_problems(problems, label: str, limit: int = SHOWN_PROBLEMS) -> None:
    ordered = sorted(problems, key=lambda p: (p.file, p.row if p.row is not None else -1, p.field))
    for p in ordered[:limit]:
        click.echo(p.text() if label == "error" else p.text().replace("错误：", "提示：", 1), err=True)
    if len(ordered) > limit:
        click.echo(f"……另有 {len(ordered) - limit} 条（完整列表见 --report） / ... {len(ordered) - limit} more "
                   "(full list with --report)", err=True)


SHOWN_MISSING = 8


def _echo_coverage(files: list[dict]) -> None:
    """Per file: what the rules could not judge for want of a column, what measurements stood in for, and what
    was kept without being judged (unknown types and columns). The full lists are in --report."""
    for entry in files:
        cov = entry.get("coverage")
        if not cov or not cov["verdicts"]:
            continue
        name, missing = entry["name"], [m for m in cov["missing_columns"] if m["not_assessed"]]
        click.echo(f"{name}：{cov['verdicts']} 项规则判定中 {cov['not_assessed']} 项未评估 / {cov['verdicts']} verdicts, "
                   f"{cov['not_assessed']} not_assessed", err=True)
        if missing:
            shown = "，".join(f"{m['column']} {m['not_assessed']}" for m in missing[:SHOWN_MISSING])
            more = f" …+{len(missing) - SHOWN_MISSING}" if len(missing) > SHOWN_MISSING else ""
            click.echo(f"  规则需要但文件缺少的列（各自留下的未评估项）/ columns the rules need and the file lacks "
                       f"(not_assessed verdicts each leaves): {shown}{more}", err=True)
        if cov["implied_presence"]:
            implied = "，".join(f"{k} {v}" for k, v in cov["implied_presence"].items())
            click.echo(f"  由测量值推定设施存在（记录数）/ presence implied by measurements (records): {implied}；"
                       f"因此评估了 {cov['verdicts_judged_by_implied_presence']} 项 / "
                       f"{cov['verdicts_judged_by_implied_presence']} verdicts judged thereby", err=True)
    for entry in files:
        if entry.get("unknown_types"):
            kinds = "，".join(f"{k} {v}" for k, v in entry["unknown_types"].items())
            click.echo(f"{entry['name']}：未知设施类型已导入、未评分（记录数）/ unknown facility types imported, not "
                       f"scored (records): {kinds}", err=True)
        if entry.get("unknown_columns"):
            click.echo(f"{entry['name']}：未知列已原样保存、未评估 / unknown columns kept as written, not judged: "
                       + "，".join(entry["unknown_columns"]), err=True)


# ``survey schema`` and ``survey rules`` print their text or write it to --out.
_text_out_option = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                                help="输出文件（默认输出到屏幕）/ output file (default: stdout)")


def _emit(text: str, out: Path | None) -> None:
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text)


@command.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--crs", type=click.Choice(CRS_CHOICES, case_sensitive=False), default=None,
              help="未填 crs 列的记录所用坐标系（默认 WGS84 并标记）/ CRS of records without a crs value")
@db_option
@click.option("--skip-invalid", is_flag=True, help="只导入有效行，无效行写入 --rejects / import the valid rows only")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="无效行及原因（CSV）/ where --skip-invalid writes the rejected rows with reasons")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="完整导入报告（JSON）/ full import report as JSON")
@district_option
@click.option("--boundary", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="区界 GeoJSON，代替区档案中的区界 / district outline replacing the profile's")
@click.option("--chunk-size", type=click.IntRange(100, 1_000_000), default=20_000, show_default=True,
              help="每批读取行数 / rows read per batch (memory bound)")
@click.option("--quiet", "-q", is_flag=True, help="不显示进度 / no progress lines")
def import_command(files: tuple[Path, ...], crs: str | None, db: str | None, skip_invalid: bool, rejects: Path | None,
                   report: Path | None, district: str | None, boundary: Path | None, chunk_size: int,
                   quiet: bool) -> None:
    """导入调查文件（CSV/XLSX/GeoJSON/表单导出）/ import survey files (CSV, XLSX, GeoJSON, form exports).

    整个文件先校验；任何一行无效则不导入，退出码 1，并列出每个问题（行、字段、值、原因）。
    The whole file is validated first: any invalid row and nothing is imported (exit 1), with every
    problem named (row, field, value, why). ``--skip-invalid`` imports the valid rows and writes the
    rejects to ``--rejects`` (exit 1 when rows were rejected). Re-importing a record id updates it.
    All files of one command are one transaction. Streets, communities and positions are checked against
    the district profile in use (--district).
    """
    from surveys.importer import ImportRefused
    from store.db import engine_for
    from wuzhangai.usecases.surveys import import_survey

    if rejects and not skip_invalid:
        raise click.UsageError("--rejects 需要 --skip-invalid / --rejects needs --skip-invalid")

    def progress(name: str, rows: int) -> None:
        if not quiet:
            click.echo(f"已读取 {name} {rows} 行 / read {rows} rows of {name}", err=True)

    engine = engine_for(db)
    district = enter_district(district, engine=engine)
    try:
        result = import_survey(engine, files, district=district, crs=crs, skip_invalid=skip_invalid,
                               boundary=boundary, chunk_size=chunk_size, progress=progress, report_path=report,
                               rejects_path=rejects)
    except ImportRefused as refused:
        result = refused.report
        _echo_problems(result.problems, "error")
        click.echo(f"未导入：{len(result.problems)} 个问题，涉及 {result.rejected_rows} 行（共读取 {result.rows_read} 行）。"
                   f" / nothing imported: {len(result.problems)} problems in {result.rejected_rows} rows "
                   f"({result.rows_read} rows read).", err=True)
        sys.exit(1)
    _echo_problems(result.warnings, "warning", limit=50)
    _echo_coverage(result.files)
    if result.problems:
        _echo_problems(result.problems, "error")
        if rejects:
            click.echo(f"无效行已写入 / rejected rows written to {rejects}", err=True)
    click.echo(f"已导入 {result.created + result.updated} 条记录（新增 {result.created}，更新 {result.updated}），"
               f"拒绝 {result.rejected_rows} 行。 / imported {result.created + result.updated} records "
               f"({result.created} new, {result.updated} updated), {result.rejected_rows} rows rejected.")
    sys.exit(1 if result.problems else 0)


@command.command("score")
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx", "geojson"]), default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出文件（json/csv 缺省输出到屏幕）/ output file (json and csv default to stdout)")
@click.option("--table", type=click.Choice(["facilities", "verdicts"]), default="facilities", show_default=True,
              help="CSV：每设施一行或每条规则一行 / CSV: a row per facility or per (facility, rule)")
@click.option("--min-confidence", type=click.Choice(["low", "medium", "high"]), default="low", show_default=True,
              help="只用来源可信度不低于此的规则 / only rules whose source is at least this sure")
@fail_on_option(SCORE_GATES, "门槛：有不合规设施 / 有严重不合规设施时退出码为 1 / exit 1 when a facility is "
                "non-compliant / has a critical failure")
def score_command(db: str | None, fmt: str, out: Path | None, table: str, min_confidence: str,
                  fail_on: str | None) -> None:
    """按 GB 55019-2021 / GB 50763-2012 评估每个设施 / score every facility against the codes.

    每个设施和规则给出 failed / passed / not_assessed（未填，不等于 0）/ inapplicable；每个设施给出
    compliant / non_compliant（最严重等级）/ incomplete，并按街道、社区、设施类型和规划条目汇总。
    退出码 / exit status: 0 已写出评分 / the scores were written (whatever they say); 1 触发 --fail-on：
    non_compliant 有不合规设施，critical 有严重（critical）不合规设施 / the --fail-on gate tripped: a facility is
    non-compliant (non_compliant) or has a binding critical failure (critical); 2 用法错误 / usage error.
    """
    from surveys.outputs import headline, score_json, write_score, write_score_csv
    from surveys.scoring import score_frame
    from store.db import engine_for
    from surveys.frame import load_facilities

    engine = engine_for(db)
    result = score_frame(load_facilities(engine), min_confidence=min_confidence)
    if out is None and fmt in ("xlsx", "geojson"):
        raise click.UsageError(f"--format {fmt} 需要 --out / --format {fmt} needs --out")
    if out is None:
        text = score_json(result) if fmt == "json" else write_score_csv(result, None, table)
        sys.stdout.write(text)
    else:
        write_score(result, fmt, out, table)
    h = headline(result)
    click.echo(f"{h['facilities']} 个设施：符合 {h['compliant']}，不符合 {h['non_compliant']}（严重 {h['critical_facilities']}），"
               f"信息不全 {h['incomplete']} / {h['facilities']} facilities: {h['compliant']} compliant, "
               f"{h['non_compliant']} non-compliant ({h['critical_facilities']} critical), {h['incomplete']} incomplete"
               + (f" -> {out}" if out else ""), err=True)
    check_gate(score_gate(h, fail_on))


def score_gate(headline: dict, fail_on: str | None) -> str | None:
    """Why the scores trip ``--fail-on``, or None. ``critical`` counts facilities with a binding critical
    failure, as ``gaps --fail-on critical`` does."""
    if fail_on == "non_compliant" and headline["non_compliant"]:
        return f"{headline['non_compliant']} 个不合规设施 / non-compliant facilities"
    if fail_on == "critical" and headline["critical_facilities"]:
        return f"{headline['critical_facilities']} 个设施有严重不合格 / facilities with a critical failure"
    return None


@command.command("form")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="XLSForm 文件 / form.xlsx")
@click.option("--title", default=None, help="表单标题（默认“<区名>无障碍设施调查”）/ form title (default: the "
                                            "district's name + 无障碍设施调查)")
@click.option("--form-id", default="wuzhangai_facility_survey", show_default=True)
@district_option
@db_option
def form_command(out: Path, title: str | None, form_id: str, district: str | None, db: str | None) -> None:
    """生成 ODK/KoboToolbox 采集表单（XLSForm）/ write the ODK/KoboToolbox XLSForm.

    From the same schema as the importer: its CSV/XLSX exports import back with no hand mapping. The
    street and community lists are the district profile's (free text when it has none).
    Checked with pyxform when it is installed (``pip install -e .[forms]``).
    """
    from surveys.xlsform import check_with_pyxform, write_xlsform

    write_xlsform(out, title=title, form_id=form_id, district=enter_district(district, db))
    message = check_with_pyxform(out)
    click.echo(f"已生成表单 / form written: {out} ({message})")


@command.command("generate")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="CSV 文件 / CSV file")
@click.option("--count", type=click.IntRange(1, 10_000_000), default=2000, show_default=True, help="设施数 / facilities")
@click.option("--seed", type=int, default=20250512, show_default=True)
@district_option
@db_option
def generate_command(out: Path, count: int, seed: int, district: str | None, db: str | None) -> None:
    """生成本区的合成调查样本 / write a synthetic survey of the district (fixed seed).

    Made-up facilities (record ids start with ``SYN-``) at made-up positions inside the district, with
    the real street and community names and codes of its profile (which must list them), a realistic mix
    of failures and some GCJ-02 records.
    """
    from geodata.district import ProfileError
    from surveys.generate import write_sample

    try:
        stats = write_sample(out, count=count, seed=seed, district=enter_district(district, db))
    except ProfileError as exc:  # the profile lists no streets: a usage error like any bad profile
        fail(str(exc), code=2)
    click.echo(f"已生成 {stats['rows']} 行（{stats['facilities']} 个设施）/ {stats['rows']} rows written to {out}")


@command.command("schema")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@_text_out_option
def schema_command(fmt: str, out: Path | None) -> None:
    """调查字段说明（中英文）/ the survey field guide, Chinese and English."""
    from dataclasses import asdict

    from surveys.schema import load_schema, schema_markdown

    schema = load_schema()
    if fmt == "md":
        text = schema_markdown(schema)
    else:
        text = json.dumps({"version": schema.version, "common": [asdict(f) for f in schema.common],
                           "types": {k: asdict(v) for k, v in schema.types.items()}, "aliases": schema.aliases},
                          ensure_ascii=False, indent=1)
    _emit(text, out)


@command.command("rules")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@_text_out_option
def rules_command(fmt: str, out: Path | None) -> None:
    """列出设施规则（条款、阈值、等级、可信度）/ list the facility rules."""
    from dataclasses import asdict

    from checks.facility.rules import load_rules
    from reports.tabular import write_csv

    rows = [asdict(r) for r in load_rules()]
    if fmt == "json":
        _emit(json.dumps(rows, ensure_ascii=False, indent=1, default=list), out)
        return
    columns = ["id", "facility_type", "field", "operator", "threshold", "unit", "tolerance", "tier", "severity", "level",
               "clause", "confidence", "plan_item", "applies_when", "binding_when", "message_zh", "message_en", "notes"]
    flat = [{**r, "threshold": json.dumps(r["threshold"], ensure_ascii=False, default=list),
             "applies_when": json.dumps(r["applies_when"], ensure_ascii=False) if r["applies_when"] else "",
             "binding_when": json.dumps(r["binding_when"], ensure_ascii=False) if r["binding_when"] else ""} for r in rows]
    text = write_csv(out, columns, flat)
    if out is None:
        click.echo(text, nl=False)
