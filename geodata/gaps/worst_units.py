"""Worst places: units with failures, ranked by critical failures, then failures, then compliance share."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from geodata.gaps._common import failing_rules_of
from geodata.layers import PERSONAL_TYPES
from surveys.schema import label


def worst_places(facilities: pd.DataFrame, tables: dict[str, pd.DataFrame], assignments: dict[str, pd.DataFrame],
                 top: int = 10) -> pd.DataFrame:
    """Units with failures, worst first, each with a reason naming what failed and the commonest clause."""
    rows = []
    for level, table in tables.items():
        units = assignments[level]["code"]
        for _, unit in table[table["non_compliant"] > 0].iterrows():
            mine = facilities[(units == unit["code"]).to_numpy() & (facilities["status"] == "non_compliant").to_numpy()
                              & ~facilities["facility_type"].isin(PERSONAL_TYPES).to_numpy()]
            critical = mine[mine["worst_severity"] == "critical"]["facility_type"].value_counts()
            clauses = Counter(r.get("clause") or r.get("rule_id") for rules in mine.get("failing_rules", [])
                              for r in failing_rules_of(rules))
            clause, times = clauses.most_common(1)[0] if clauses else (None, 0)
            share = unit["compliance_share"]
            crit_zh = "、".join(f"{label(t, 'zh')} {n}" for t, n in critical.items())
            crit_en = ", ".join(f"{label(t, 'en')} {n}" for t, n in critical.items())
            zh = [f"严重不合格 {int(unit['critical_failures'])} 处（{crit_zh}）" if len(critical) else "无严重不合格",
                  f"不合格 {int(unit['non_compliant'])}/{int(unit['compliant'] + unit['non_compliant'])}"
                  + (f"，合规率 {share:.0%}" if pd.notna(share) else "")]
            en = [f"{int(unit['critical_failures'])} critical failures ({crit_en})" if len(critical)
                  else "no critical failures",
                  f"{int(unit['non_compliant'])} of {int(unit['compliant'] + unit['non_compliant'])} assessed fail"
                  + (f", {share:.0%} compliant" if pd.notna(share) else "")]
            if clause:
                zh.append(f"最常见不合格条款 {clause}（{times} 次）")
                en.append(f"commonest failing clause {clause} ({times}x)")
            rows.append({"level": level, "code": unit["code"], "name": unit["name"],
                         "critical_failures": int(unit["critical_failures"]), "failures": int(unit["non_compliant"]),
                         "compliance_share": share, "failures_per_km2": unit["failures_per_km2"],
                         "reason_zh": "；".join(zh), "reason_en": "; ".join(en)})
    cols = ["rank", "level", "code", "name", "critical_failures", "failures", "compliance_share", "failures_per_km2",
            "reason_zh", "reason_en"]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows).sort_values(["critical_failures", "failures", "compliance_share"],
                                         ascending=[False, False, True], na_position="last")
    out = out.groupby("level", sort=False).head(top).reset_index(drop=True)
    out["rank"] = out.groupby("level").cumcount() + 1
    return out[cols].sort_values(["level", "rank"], ascending=[False, True]).reset_index(drop=True)

