"""The build report: every input is a page or a line here, with the reason.

Plain data, filled by the stages as they go and written at the end of the build as
``report/index.html`` and ``data/report.json``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class InputOutcome:
    file: str
    status: str                  # "built" | "skipped"
    reason: str | None = None    # why skipped
    article_id: str | None = None
    removed: int = 0             # lines cleaning dropped
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    inputs: dict[str, InputOutcome] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)       # not tied to one article
    removed_by_rule: Counter = field(default_factory=Counter)
    # Findings about the content itself (a weekday that contradicts its date): worth a
    # curator's look, but not a problem with the input, so --strict does not fail on them.
    checks: list[str] = field(default_factory=list)

    def built(self, file: str, article_id: str, removed_reasons: list[str], warnings: list[str]) -> None:
        self.inputs[file] = InputOutcome(file, "built", None, article_id, len(removed_reasons), list(warnings))
        self.removed_by_rule.update(removed_reasons)

    def add_record(self, record) -> None:
        """One enriched input (plugins/record.py): built, or skipped with its problem."""
        if record.built:
            self.built(record.file, record.id, [r.reason for r in record.removed], list(record.warnings))
        else:
            self.skipped(record.file, record.problem)
            self.inputs[record.file].warnings = list(record.warnings)
        self.checks.extend(record.checks)

    def skipped(self, file: str, reason: str) -> None:
        self.inputs[file] = InputOutcome(file, "skipped", reason)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def article_warning(self, file: str, message: str) -> None:
        outcome = self.inputs.get(file)
        if outcome is None:
            self.warnings.append(message)
        else:
            outcome.warnings.append(message)

    def check(self, message: str) -> None:
        self.checks.append(message)

    def counts(self) -> dict[str, int]:
        c = Counter(o.status for o in self.inputs.values())
        return {"built": c["built"], "skipped": c["skipped"],
                "warnings": len(self.warnings) + sum(len(o.warnings) for o in self.inputs.values()),
                "checks": len(self.checks)}

    def to_dict(self) -> dict:
        return {
            "counts": self.counts(),
            "inputs": [o.__dict__ for o in sorted(self.inputs.values(), key=lambda o: o.file)],
            "warnings": list(self.warnings),
            "checks": list(self.checks),
            "removed_by_rule": dict(sorted(self.removed_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
        }
