"""The evaluation halls: six one-stop halls, from a commune to a provincial centre.

Each hall names its calling rule, its counters (services, speed, how often
staff open late or are away all day, lunch) and its citizens (arrivals by
hour, priority share, patience, surge days). The shapes are written from how
halls are described, independently of ``app/sim/halls.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: the issuing windows every evaluation hall publishes (minutes after midnight)
MORNING = (7 * 60 + 30, 11 * 60 + 30)
AFTERNOON = (13 * 60 + 30, 16 * 60 + 30)


@dataclass(frozen=True)
class EvalService:
    """A service: its code, name, mean service time and share of the hall's citizens."""

    code: str
    name: str
    mean_minutes: float
    share: float
    spread: float = 0.6  # coefficient of variation of the service time


@dataclass(frozen=True)
class EvalCounter:
    """A counter and the habits of the people who staff it."""

    number: int
    services: tuple[str, ...]
    speed: float = 1.0  # > 1 is slower (a trainee), < 1 faster
    late_chance: float = 0.1  # chance a day starts late, 10-40 minutes
    away_chance: float = 0.0  # chance nobody staffs it all day
    pause_chance: float = 0.02  # chance, after each citizen, of a 5-15 minute pause
    serves_on: bool = True  # serves its waiting citizens before lunch and after hours


@dataclass(frozen=True)
class EvalHall:
    """A hall to evaluate on."""

    name: str
    services: tuple[EvalService, ...]
    counters: tuple[EvalCounter, ...]
    citizens_per_day: float
    rule: str  # service_order | oldest_first | weighted
    weights: dict[str, float] = field(default_factory=dict)
    priority_share: float = 0.1
    priority_slowdown: float = 1.3
    patience_minutes: float = 90.0  # mean; a citizen gone by the call is a no-show
    surge_chance: float = 0.08  # chance a day brings 1.5-2x the citizens
    saturday: bool = False
    #: relative arrivals per half hour from 07:30 (morning) and 13:30 (afternoon)
    morning_profile: tuple[float, ...] = (1.4, 1.8, 1.6, 1.3, 1.0, 0.9, 0.7, 0.5)
    afternoon_profile: tuple[float, ...] = (1.1, 1.2, 1.0, 0.8, 0.6, 0.4)


HALLS: dict[str, EvalHall] = {
    hall.name: hall
    for hall in (
        EvalHall(
            "commune",
            services=(
                EvalService("HT", "Hộ tịch", 8.0, 0.6),
                EvalService("CT", "Chứng thực", 4.0, 0.4),
            ),
            counters=(
                EvalCounter(1, ("HT", "CT"), late_chance=0.25, pause_chance=0.05),
                EvalCounter(2, ("CT", "HT"), speed=1.2, away_chance=0.2),
            ),
            citizens_per_day=55,
            rule="oldest_first",
            patience_minutes=120,
        ),
        EvalHall(
            "ward",
            services=(
                EvalService("A", "Chứng thực", 4.0, 0.45),
                EvalService("B", "Hộ tịch", 9.0, 0.35),
                EvalService("C", "Cư trú", 6.0, 0.2),
            ),
            counters=(
                EvalCounter(1, ("A",)),
                EvalCounter(2, ("A", "C")),
                EvalCounter(3, ("B",), speed=1.15),
                EvalCounter(4, ("B", "C", "A"), late_chance=0.3, away_chance=0.1),
            ),
            citizens_per_day=150,
            rule="service_order",
        ),
        EvalHall(
            "district",
            services=(
                EvalService("A", "Chứng thực", 4.0, 0.35),
                EvalService("B", "Hộ tịch", 9.0, 0.2),
                EvalService("C", "Đất đai", 14.0, 0.15),
                EvalService("D", "Kinh doanh", 11.0, 0.15),
                EvalService("E", "Xây dựng", 12.0, 0.15),
            ),
            counters=(
                EvalCounter(1, ("A",)),
                EvalCounter(2, ("A",), speed=1.4),  # a trainee
                EvalCounter(3, ("A", "B")),
                EvalCounter(4, ("B",)),
                EvalCounter(5, ("C",), late_chance=0.3),
                EvalCounter(6, ("C", "E")),
                EvalCounter(7, ("D",), away_chance=0.1),
                EvalCounter(8, ("E", "D", "B"), speed=0.9),
            ),
            citizens_per_day=330,
            rule="oldest_first",
            priority_share=0.12,
        ),
        EvalHall(
            "surge",
            services=(
                EvalService("A", "Chứng thực", 5.0, 0.4),
                EvalService("B", "Hộ tịch", 8.0, 0.25),
                EvalService("C", "Đất đai", 15.0, 0.2),
                EvalService("D", "Bảo hiểm", 7.0, 0.15),
            ),
            counters=(
                EvalCounter(1, ("A", "D")),
                EvalCounter(2, ("A",)),
                EvalCounter(3, ("B", "A")),
                EvalCounter(4, ("C",)),
                EvalCounter(5, ("C", "B"), speed=1.25),
                EvalCounter(6, ("D", "C"), serves_on=False),
            ),
            citizens_per_day=200,
            rule="weighted",
            weights={"A": 1.0, "B": 1.0, "C": 1.5, "D": 0.8},
            surge_chance=0.25,
            patience_minutes=60,
        ),
        EvalHall(
            "absent",
            services=(
                EvalService("A", "Chứng thực", 4.5, 0.4),
                EvalService("B", "Hộ tịch", 9.0, 0.3),
                EvalService("C", "Lao động", 10.0, 0.15),
                EvalService("D", "Tư pháp", 12.0, 0.15),
            ),
            counters=(
                EvalCounter(1, ("A",), late_chance=0.35),
                EvalCounter(2, ("A", "B"), away_chance=0.2),
                EvalCounter(3, ("B",), late_chance=0.3),
                EvalCounter(4, ("B", "C"), away_chance=0.25),
                EvalCounter(5, ("C", "D")),
                EvalCounter(6, ("D",), away_chance=0.3, speed=1.2),
                EvalCounter(7, ("D", "A", "C"), late_chance=0.4),
            ),
            citizens_per_day=190,
            rule="oldest_first",
            saturday=True,
        ),
        EvalHall(
            "province",
            services=tuple(
                EvalService(code, name, minutes, share)
                for code, name, minutes, share in (
                    ("A", "Chứng thực", 4.0, 0.2),
                    ("B", "Hộ tịch", 9.0, 0.12),
                    ("C", "Đất đai", 15.0, 0.14),
                    ("D", "Đăng ký kinh doanh", 12.0, 0.12),
                    ("E", "Xây dựng", 13.0, 0.1),
                    ("F", "Đầu tư", 18.0, 0.06),
                    ("G", "Lao động, thương binh", 8.0, 0.14),
                    ("H", "Giao thông vận tải", 7.0, 0.12),
                )
            ),
            counters=tuple(
                EvalCounter(n, services, speed=speed, away_chance=away, late_chance=late)
                for n, services, speed, away, late in (
                    (1, ("A",), 1.0, 0.0, 0.1), (2, ("A",), 1.3, 0.0, 0.1),
                    (3, ("A", "G"), 1.0, 0.05, 0.1), (4, ("B",), 1.0, 0.0, 0.2),
                    (5, ("B", "A"), 0.9, 0.0, 0.1), (6, ("C",), 1.0, 0.0, 0.1),
                    (7, ("C",), 1.2, 0.1, 0.2), (8, ("C", "E"), 1.0, 0.0, 0.1),
                    (9, ("D",), 1.0, 0.0, 0.1), (10, ("D", "F"), 1.1, 0.05, 0.2),
                    (11, ("E",), 1.0, 0.0, 0.1), (12, ("E", "C"), 1.0, 0.1, 0.1),
                    (13, ("F",), 1.0, 0.15, 0.3), (14, ("G",), 1.0, 0.0, 0.1),
                    (15, ("G", "H"), 1.4, 0.0, 0.1), (16, ("H",), 1.0, 0.0, 0.1),
                    (17, ("H", "G"), 1.0, 0.1, 0.2), (18, ("A", "B", "H"), 0.9, 0.0, 0.1),
                    (19, ("D", "C"), 1.0, 0.05, 0.1), (20, ("B", "G", "A"), 1.0, 0.2, 0.3),
                )
            ),
            citizens_per_day=600,
            rule="oldest_first",
            priority_share=0.1,
            patience_minutes=100,
        ),
    )
}
