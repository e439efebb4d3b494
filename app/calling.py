"""Which calling rule the hall's counters really follow, read from the log.

A hall publishes how a counter that serves several services picks the next
ticket (``queue.calling_rule``: ``service_order``, ``oldest_first`` or
``weighted``). The estimates and people-ahead follow the configured rule, so
a configuration that says one thing while the staff do another makes them
wrong. :func:`rule_fit` replays the log and, for every call where the rules
would have chosen differently, notes which rules chose the ticket that was
really called. ``motcua wait status`` and ``motcua doctor`` show the shares
and warn when another rule explains the calls clearly better.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.config import CALLING_RULES, Config
from app.events import Event
from app.hall import HallState, TicketStatus

#: calls (where the rules disagree) needed before a verdict is given
MIN_TELLING_CALLS = 30
#: how much better (share of telling calls) another rule must explain them to warn
WARN_MARGIN = 0.15


@dataclass
class RuleFit:
    """How well each calling rule explains the counters' calls."""

    configured: str
    telling: int = 0  # calls where the rules would have picked different tickets
    explained: dict[str, int] = field(default_factory=lambda: {r: 0 for r in CALLING_RULES})
    staff_choice: int = 0  # calls of a ticket no rule would have picked

    def share(self, rule: str) -> float:
        return self.explained[rule] / self.telling if self.telling else 0.0

    @property
    def best(self) -> str:
        return max(CALLING_RULES, key=lambda r: (self.explained[r], r == self.configured))

    def warning(self) -> str | None:
        """A sentence for the technician when the configuration looks wrong, else None."""
        if self.telling < MIN_TELLING_CALLS:
            return None
        best = self.best
        if best != self.configured and self.share(best) - self.share(self.configured) > WARN_MARGIN:
            return (
                f"the counters' calls follow '{best}' ({self.share(best):.0%} of "
                f"{self.telling} telling calls) better than the configured "
                f"'{self.configured}' ({self.share(self.configured):.0%}); set "
                f'queue.calling_rule = "{best}" if that is the hall\'s published rule'
            )
        return None

    def as_dict(self) -> dict[str, object]:
        return {
            "configured": self.configured,
            "telling_calls": self.telling,
            "shares": {r: round(self.share(r), 3) for r in CALLING_RULES},
            "staff_choice": self.staff_choice,
            "best": self.best,
            "warning": self.warning(),
        }


def rule_fit(config: Config, events: Iterable[Event], last: int | None = 2000) -> RuleFit:
    """Replay ``events`` and score the calling rules on the last ``last`` telling calls."""
    state = HallState(config)
    fit = RuleFit(config.queue.calling_rule)
    verdicts: list[tuple[set[str], bool]] = []
    for e in events:
        if e.kind == "called" and not e.get("recall", False):
            t = state.tickets.get(str(e.ticket))
            counter = e.get("counter")
            if (t is not None and t.status is TicketStatus.WAITING and t.target_counter is None
                    and isinstance(counter, int) and counter in state.counters):
                picks = {r: state.pick_by(r, counter, e.ts) for r in CALLING_RULES}
                if len({p.number for p in picks.values() if p is not None}) > 1:
                    chose = {r for r, p in picks.items() if p is t}
                    verdicts.append((chose, not chose))
        state.apply(e)
    if last is not None:
        verdicts = verdicts[-last:]
    for chose, staff in verdicts:
        fit.telling += 1
        fit.staff_choice += int(staff)
        for r in chose:
            fit.explained[r] += 1
    return fit
