"""Configuration: one TOML file, validated once at start-up into frozen objects.

Every option has a type, bounds, a default and a description (the
``description`` of each field). An invalid file stops start-up with
:class:`ConfigError`, whose message names the key, the value and what is
allowed, e.g. ``services[2].prefix: "AA" must be one capital letter``.
"""

from __future__ import annotations

import base64
import re
import string
import tomllib
from datetime import time
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from app import catalogue
from app.errors import UserError

#: Where the default configuration lives (simulated devices, embedded store).
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config" / "default.toml"

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ConfigError(UserError):
    """The configuration file is missing, unreadable or invalid.

    The message is for the technician: it names the key, the value and what
    is allowed.
    """


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_hhmm(value: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise ValueError(f'"{value}" must be a time of day as HH:MM, e.g. "07:30"')
    return value


HHMM = Annotated[str, AfterValidator(_check_hhmm)]


def _check_language(value: str) -> str:
    if not re.fullmatch(r"[a-z]{2,3}", value):
        raise ValueError(f'"{value}" must be a language code such as "vi", "en" or "lo"')
    return value


Language = Annotated[str, AfterValidator(_check_language)]


def _check_text(value: dict[str, str]) -> dict[str, str]:
    if "vi" not in value:
        raise ValueError('needs a Vietnamese text (key "vi")')
    for lang, text in value.items():
        _check_language(lang)
        if not text.strip():
            raise ValueError(f'the "{lang}" text is empty')
    return value


#: A text in several languages, keyed by language code; Vietnamese is required.
Text = Annotated[dict[str, str], AfterValidator(_check_text)]


def _template(names: bool = True, **samples: object) -> AfterValidator:
    """A check that a text in several languages is a template using only ``samples``' names.

    Run at load, so that a stray brace or a misspelt placeholder stops
    start-up naming the key, instead of stopping printing or calls later; and
    the text is filled in with the samples, which catches a format a value
    cannot take (``{n:q}``). ``names=False`` leaves unknown names to another
    check (the ticket texts' own, against the catalogue).
    """
    allowed = ", ".join(f"{{{k}}}" for k in samples) or "no placeholders"

    def check(value: dict[str, str]) -> dict[str, str]:
        for lang, text in value.items():
            try:
                fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
                unknown = [name for name in fields if name not in samples]
                if unknown and names:
                    raise ValueError(
                        f'the "{lang}" text {_shown(text)} uses {{{unknown[0]}}}, '
                        f"which is not known here; it may use {allowed}"
                    )
                if not unknown:
                    text.format(**samples)
            except ValueError as exc:
                if str(exc).startswith("the "):
                    raise
                raise ValueError(
                    f'the "{lang}" text {_shown(text)} is not a valid template ({exc}); '
                    f"it may use {allowed}, and a brace itself is written {{{{ or }}}}"
                ) from None
            except (KeyError, IndexError, AttributeError, TypeError) as exc:
                raise ValueError(
                    f'the "{lang}" text {_shown(text)} cannot be filled in '
                    f"({exc!r}); it may use {allowed}"
                ) from None
        return value

    return AfterValidator(check)


def pick(text: dict[str, str], language: str) -> str:
    """The text in ``language``, falling back to Vietnamese."""
    return text.get(language) or text["vi"]


class Point(_Frozen):
    """A position on the floor plan, in the plan's units (metres)."""

    x: float = Field(ge=0, description="distance from the plan's left edge")
    y: float = Field(ge=0, description="distance from the plan's top edge")


class Shape(_Frozen):
    """A rectangle drawn on the floor plan: a wall, a desk, the waiting area."""

    x: float = Field(ge=0, description="left edge, metres from the plan's left")
    y: float = Field(ge=0, description="top edge, metres from the plan's top")
    w: float = Field(gt=0, description="width in metres")
    h: float = Field(gt=0, description="height in metres")
    kind: Literal["wall", "area", "desk", "door"] = Field(
        default="area", description="how it is drawn"
    )
    label: Text | None = Field(default=None, description="text written on it")


class FloorPlan(_Frozen):
    """The hall's floor plan: an image or simple shapes, in metres."""

    width: float = Field(default=30.0, gt=0, le=500, description="plan width in metres")
    height: float = Field(default=15.0, gt=0, le=500, description="plan height in metres")
    image: str = Field(default="", description="optional background image (PNG/SVG path)")
    shapes: tuple[Shape, ...] = ()
    walkway: tuple[Point, ...] = Field(
        default=(), description="points of the main walkway; routes follow it"
    )


class Hall(_Frozen):
    """The hall as a whole."""

    id: str = Field(
        default="hall",
        pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$",
        description="short name of the hall in the log and in hall mode",
    )
    name: Text = Field(description="the hall's name, shown on every screen and ticket")
    timezone: str = Field(default="Asia/Ho_Chi_Minh", description="IANA time zone")
    day_starts_at: HHMM = Field(
        default="00:00", description="local time at which ticket numbers restart"
    )
    languages: tuple[Language, ...] = Field(
        default=("vi", "en"), description="languages the citizen can choose, Vietnamese first"
    )
    floor_plan: FloorPlan = FloorPlan()
    kiosk_position: Point = Point(x=1.0, y=7.5)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f'"{value}" is not a known time zone; use an IANA name such as '
                '"Asia/Ho_Chi_Minh" or "Asia/Vientiane"'
            ) from None
        return value

    @field_validator("languages")
    @classmethod
    def _vi_first(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value or value[0] != "vi":
            raise ValueError('must start with "vi": Vietnamese is the default language')
        if len(set(value)) != len(value):
            raise ValueError("lists a language twice")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def day_start(self) -> time:
        h, m = self.day_starts_at.split(":")
        return time(int(h), int(m))


def _check_window(value: str) -> str:
    m = re.fullmatch(r"(\d\d:\d\d)-(\d\d:\d\d)", value)
    if not m:
        raise ValueError(f'"{value}" must be a time window as HH:MM-HH:MM, e.g. "07:30-11:30"')
    for part in (m[1],) if m[2] == "24:00" else (m[1], m[2]):
        try:
            _check_hhmm(part)
        except ValueError:
            raise ValueError(
                f'"{value}": "{part}" is not a time of day (00:00 to 23:59; 24:00 only as an end)'
            ) from None
    if m[2] < m[1]:
        raise ValueError(f'"{value}" ends before it starts')
    return value


def window_seconds(window: str) -> tuple[int, int]:
    """A window's bounds in seconds after local midnight, the end exclusive.

    The end minute is included whole: ``"07:30-11:30"`` takes tickets until
    11:30:59, ``"00:00-23:59"`` and ``"00:00-24:00"`` the whole day.
    """
    start, end = window.split("-")
    a = int(start[:2]) * 3600 + int(start[3:]) * 60
    b = 86400 if end == "24:00" else int(end[:2]) * 3600 + int(end[3:]) * 60 + 60
    return a, b


def in_windows(windows: tuple[str, ...], at: time) -> bool:
    """Whether the local time ``at`` falls in one of the windows."""
    t = at.hour * 3600 + at.minute * 60 + at.second + at.microsecond / 1e6
    return any(a <= t < b for a, b in map(window_seconds, windows))


Window = Annotated[str, AfterValidator(_check_window)]


class Service(_Frozen):
    """A service a citizen can take a ticket for."""

    code: str = Field(pattern=r"^[A-Z][A-Z0-9]{0,7}$", description="short code, e.g. A")
    prefix: str = Field(description="one capital letter printed before the number")
    first: int = Field(default=1, ge=0, le=9998, description="first ticket number of a day")
    last: int = Field(default=999, ge=1, le=9999, description="last ticket number of a day")
    name: Text = Field(description="what the citizen taps")
    description: Text | None = Field(default=None, description="one line under the name")
    icon: str = Field(
        default="document", pattern=r"^[a-z0-9_-]+$", description="picture on the service's button"
    )
    documents: tuple[Text, ...] = Field(default=(), description="documents to bring")
    daily_cap: int | None = Field(default=None, ge=1, description="tickets per day at most")
    hours: tuple[Window, ...] = Field(
        default=("00:00-23:59",),
        description='issuing hours, local time, as "HH:MM-HH:MM"; the end minute is included '
        '("11:30" means until 11:30:59) and "24:00" ends at midnight',
    )
    days: tuple[Weekday, ...] = Field(
        default=WEEKDAYS, description="weekdays the service issues tickets"
    )
    online_url: str = Field(default="", description="the service on the public service portal")
    mean_service_minutes: float = Field(
        default=6.0, gt=0, le=240, description="prior for the service time before data exists"
    )

    @field_validator("prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Z]", value):
            raise ValueError(f'"{value}" must be one capital letter')
        return value

    @model_validator(mode="after")
    def _range(self) -> Service:
        if self.last <= self.first:
            raise ValueError(f"last ({self.last}) must be greater than first ({self.first})")
        return self

    @property
    def width(self) -> int:
        return max(3, len(str(self.last)))

    def format_number(self, n: int) -> str:
        return f"{self.prefix}{n:0{self.width}d}"


CallingRule = Literal["service_order", "oldest_first", "weighted"]
#: how a counter that serves several services chooses the next ticket (docs/wait-estimates.md)
CALLING_RULES: tuple[str, ...] = ("service_order", "oldest_first", "weighted")


class Counter(_Frozen):
    """A counter where staff serve citizens."""

    number: int = Field(ge=1, le=999, description="the number shown and called")
    name: Text | None = Field(default=None, description="optional name beside the number")
    services: tuple[str, ...] = Field(description="service codes, in the order they are called")
    location: Point = Point(x=10.0, y=2.0)
    calling_rule: CallingRule | None = Field(
        default=None, description="this counter's own calling rule; the hall's when not set"
    )


class PriorityCategory(_Frozen):
    """A legal priority category (confirmed by staff, never inferred)."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$", description="short name in the log")
    name: Text = Field(description="what staff see")


DEFAULT_CATEGORIES = (
    PriorityCategory(code="elderly", name={"vi": "Người cao tuổi", "en": "Older person"}),
    PriorityCategory(
        code="disability", name={"vi": "Người khuyết tật", "en": "Person with a disability"}
    ),
    PriorityCategory(code="pregnant", name={"vi": "Phụ nữ mang thai", "en": "Pregnant woman"}),
    PriorityCategory(
        code="child", name={"vi": "Người đi cùng trẻ nhỏ", "en": "Person with a young child"}
    ),
)


class Queue(_Frozen):
    """The published rules that decide who is called next."""

    priority_burst: int = Field(
        default=3,
        ge=1,
        le=50,
        description="consecutive priority calls of a service before an ordinary ticket goes next",
    )
    recalls_before_no_show: int = Field(
        default=1, ge=0, le=10, description="recalls needed before a no-show may be recorded"
    )
    priority_categories: tuple[PriorityCategory, ...] = DEFAULT_CATEGORIES
    calling_rule: CallingRule = Field(
        default="service_order",
        description=(
            "how a counter with several services picks the next ticket: service_order (its "
            "services in list order), oldest_first (the oldest ticket among them, priority "
            "first) or weighted (the ticket whose wait so far times its service's weight is "
            "largest, priority first)"
        ),
    )
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="per service code, for the weighted rule (1.0 when not given; 0.1-10)",
    )

    @field_validator("weights")
    @classmethod
    def _weights(cls, value: dict[str, float]) -> dict[str, float]:
        for code, w in value.items():
            if not 0.1 <= w <= 10.0:
                raise ValueError(f"weight of {code} is {w}; allowed 0.1 to 10")
        return value


class Kiosk(_Frozen):
    """This kiosk (or robot) and its screen."""

    id: str = Field(
        default="kiosk-1",
        pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$",
        description="this kiosk's name in the log",
    )
    orientation: Literal["landscape", "portrait"] = Field(
        default="landscape", description="how the screen is mounted"
    )
    fullscreen: bool = Field(
        default=False, description="fill the screen, no window frame (a kiosk box)"
    )
    require_synced_clock: bool = Field(
        default=True,
        description=(
            "refuse to issue while the system clock was never synchronised to network time "
            "since boot (timedatectl); off only for a demo on a laptop"
        ),
    )
    idle_seconds: int = Field(
        default=30, ge=5, le=3600, description="back to the start screen after this long untouched"
    )
    ticket_idle_seconds: int = Field(
        default=60,
        ge=5,
        le=3600,
        description="how long the ticket screen stays before the start screen",
    )
    ticket_url: str = Field(
        default="http://localhost:8080/t/{token}",
        description="where a ticket's QR code points; {token} is replaced",
    )
    staff_note: Text = Field(
        description="the help line at the bottom of every screen",
        default={
            "vi": "Cần hỗ trợ? Hãy hỏi nhân viên tại quầy hướng dẫn.",
            "en": "Need help? Ask the staff at the information desk.",
        },
    )
    position: Point | None = Field(default=None, description="overrides hall.kiosk_position")

    @field_validator("ticket_url")
    @classmethod
    def _token(cls, value: str) -> str:
        if "{token}" not in value:
            raise ValueError(f'"{value}" must contain {{token}}')
        return value


class TicketTexts(_Frozen):
    """The printed ticket's own wording, per language (placeholders in braces).

    The defaults are the core's catalogue (:mod:`app.catalogue`). A hall that
    sets ``people_ahead``, ``nobody_ahead``, ``wait`` or ``ai_label`` changes
    how the wait is worded on the paper, the kiosk screen and the phone page
    alike (:meth:`wording`), so the three still agree.
    """

    people_ahead: Annotated[Text, _template(False, n=3)] = Field(
        default_factory=lambda: catalogue.texts("ahead_many"),
        description="{n}: how many tickets will be called first",
    )
    nobody_ahead: Annotated[Text, _template(False)] = Field(
        default_factory=lambda: catalogue.texts("ahead_nobody"),
        description="nobody ahead and no counter open yet (else: 'you are next')",
    )
    wait: Annotated[Text, _template(False, low=5, high=15)] = Field(
        default_factory=lambda: catalogue.texts("wait_range"),
        description="{low} and {high}: the estimated range in minutes",
    )
    ai_label: Annotated[Text, _template(False)] = Field(
        default_factory=lambda: catalogue.texts("label_ai"),
        description="beside an estimate the model made",
    )
    counter_one: Annotated[Text, _template(False, counters="5")] = Field(
        default_factory=lambda: catalogue.texts("paper_counter_one"),
        description="{counters}: the counter's number",
    )
    counter_many: Annotated[Text, _template(False, counters="2, 3")] = Field(
        default_factory=lambda: catalogue.texts("paper_counter_many"),
        description="{counters}: the counters' numbers",
    )
    qr_caption: Annotated[Text, _template(False)] = Field(
        default_factory=lambda: catalogue.texts("paper_qr_caption"),
        description="under the ticket's QR code",
    )
    datetime_format: str = Field(default="%d/%m/%Y %H:%M", description="strftime format")

    #: field -> the catalogue key it overrides in the wait's wording
    WORDING: ClassVar[dict[str, str]] = {
        "people_ahead": "ahead_many",
        "nobody_ahead": "ahead_nobody",
        "wait": "wait_range",
        "ai_label": "label_ai",
    }

    @model_validator(mode="after")
    def _placeholders(self) -> TicketTexts:
        # a hall's text may drop a placeholder but never name one nobody fills in
        for name, key in {**self.WORDING, "counter_one": "paper_counter_one",
                          "counter_many": "paper_counter_many",
                          "qr_caption": "paper_qr_caption"}.items():
            allowed = catalogue.placeholders(catalogue.text(key, catalogue.DEFAULT))
            for lang, words in getattr(self, name).items():
                try:
                    unknown = catalogue.placeholders(words) - allowed
                except ValueError as exc:
                    raise ValueError(f"{name}.{lang}: {exc}") from None
                if unknown:
                    fields = ", ".join("{" + u + "}" for u in sorted(unknown))
                    known = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
                    raise ValueError(f"{name}.{lang} uses {fields}; it may use {known}")
        return self

    def wording(self) -> dict[str, dict[str, str]]:
        """The hall's own texts for the wait (catalogue key -> text), where they differ."""
        out = {}
        for name, key in self.WORDING.items():
            own: dict[str, str] = getattr(self, name)
            if own != catalogue.texts(key):
                out[key] = own
        return out


class PrinterConfig(_Frozen):
    """The ticket printer."""

    kind: Literal["simulated", "serial", "none"] = Field(
        default="simulated",
        description="serial: a real ESC/POS printer; simulated: pictures of tickets; "
        "none: no printing",
    )
    port: str = Field(
        default="", description="stable path, e.g. /dev/serial/by-id/... or /dev/motcua-printer"
    )
    baudrate: Literal[9600, 19200, 38400, 57600, 115200] = Field(
        default=38400, description="serial line speed"
    )
    flow_control: Literal["none", "xonxoff", "rtscts"] = Field(
        default="rtscts", description="serial flow control"
    )
    profile: str = Field(default="generic", description="printer profile (paper, code pages)")
    codepage_fast_path: bool = Field(
        default=False, description="send Vietnamese as TCVN-3 text on printers known to print it"
    )
    paper_width_mm: Literal[58, 80] = Field(default=80, description="paper roll width")
    print_speed_mm_s: float = Field(
        default=200.0, gt=0, le=500, description="printing speed, to know when a ticket is out"
    )
    output_dir: str = Field(default="", description="simulated printer: where ticket PNGs go")
    ticket_texts: TicketTexts = TicketTexts()


class SpeechConfig(_Frozen):
    """Spoken calls on the hall display and read-aloud on the kiosk."""

    kind: Literal["simulated", "pyttsx3", "none"] = Field(
        default="simulated",
        description="pyttsx3: espeak-ng's voices; simulated: WAV files; none: silent",
    )
    rate: int = Field(default=150, ge=60, le=300, description="words per minute")
    volume: float = Field(default=1.0, ge=0, le=1, description="0 silent to 1 full")
    call_template: Annotated[Text, _template(number="A 23", counter=5)] = Field(
        description="the spoken call; {number}: the ticket as read aloud, {counter}: the "
        "counter's number",
        default={
            "vi": "Mời công dân có số thứ tự {number} đến quầy số {counter}",
            "en": "Ticket number {number}, please go to counter {counter}",
        },
    )
    repeat: int = Field(default=2, ge=1, le=5, description="times each call is spoken")
    languages: tuple[Language, ...] = Field(default=("vi",), description="languages of each call")
    chime: bool = Field(default=True, description="a chime before each call")
    output_dir: str = Field(default="", description="simulated speech: where WAV files go")


class CameraConfig(_Frozen):
    """The optional camera (off unless turned on)."""

    kind: Literal["none", "simulated", "opencv"] = Field(
        default="none",
        description="none: no camera; opencv: a real one; simulated: replayed frames",
    )
    device: str = Field(default="/dev/video0", description="device path or index")
    frames_per_second: float = Field(
        default=3.0,
        gt=0,
        le=15,
        description="frames looked at a second (presence only, nothing kept)",
    )
    dim_after_seconds: int = Field(
        default=60, ge=5, le=3600, description="dim the screen after nobody was seen this long"
    )
    screen_watts: float = Field(default=25.0, gt=0, le=500, description="screen power, lit")
    dimmed_watts: float = Field(default=6.0, ge=0, le=500, description="screen power, dimmed")
    simulated_source: str = Field(default="", description="folder or video to replay")
    id_card_scan: bool = Field(default=False, description="offer ID-card QR check-in")
    greet_by_name: bool = Field(
        default=False, description="greet a citizen by the name on a scanned ID card"
    )
    id_hash_secret: str = Field(
        default="",
        description="secret behind the daily salt of ID-card hashes; the same on every kiosk of "
        "a hall (or set MOTCUA_ID_HASH_SECRET); empty: a random secret per run",
    )


class Devices(_Frozen):
    """All devices."""

    printer: PrinterConfig = PrinterConfig()
    speech: SpeechConfig = SpeechConfig()
    camera: CameraConfig = CameraConfig()


class StoreConfig(_Frozen):
    """Where the event log lives."""

    url: str = Field(
        default="sqlite:///data/motcua.db",
        description="sqlite:///PATH (relative to the config file) or postgresql://...",
    )

    @field_validator("url")
    @classmethod
    def _scheme(cls, value: str) -> str:
        if not (
            value.startswith("sqlite:///") or value.startswith(("postgresql://", "postgres://"))
        ):
            raise ValueError(f'"{value}" must start with "sqlite:///" or "postgresql://"')
        return value


class StaffConfig(_Frozen):
    """Staff sign-in rules.

    The lockout escalates: wrong PINs (of an account, and separately of a PIN
    pad) are counted over ``failure_window_seconds`` since the last good
    sign-in, so slow guessing adds up; at ``max_failed_pins`` the account and
    the pad are locked for ``lockout_seconds``, at ``long_lockout_failed_pins``
    for ``long_lockout_seconds``, and at ``supervisor_unlock_failed_pins`` the
    account stays locked until a supervisor unlocks it (a pad is locked for
    ``long_lockout_seconds`` again at each further ``max_failed_pins``).
    """

    max_failed_pins: int = Field(
        default=5, ge=1, le=20,
        description="wrong PINs (counted over failure_window_seconds) before the first lockout",
    )
    lockout_seconds: int = Field(
        default=300, ge=10, le=86400, description="how long the first lockout lasts"
    )
    long_lockout_failed_pins: int = Field(
        default=10, ge=2, le=50,
        description="wrong PINs before the long lockout (more than max_failed_pins)",
    )
    long_lockout_seconds: int = Field(
        default=3600, ge=60, le=86400,
        description="how long the long lockout lasts (at least lockout_seconds)",
    )
    supervisor_unlock_failed_pins: int = Field(
        default=15, ge=3, le=100,
        description="wrong PINs after which only a supervisor unlocks the account "
        "(more than long_lockout_failed_pins)",
    )
    failure_window_seconds: int = Field(
        default=86400, ge=600, le=604800,
        description="how long a wrong PIN counts towards a lockout, unless a good sign-in, "
        "a new PIN or a supervisor's unlock clears it (slow guessing over a day adds up)",
    )
    session_seconds: int = Field(
        default=60, ge=10, le=3600, description="a staff session ends after this long untouched"
    )
    hold_seconds: float = Field(
        default=3.0, ge=0.5, le=10, description="how long the hidden staff corner must be held"
    )

    @model_validator(mode="after")
    def _ladder(self) -> StaffConfig:
        if self.long_lockout_failed_pins <= self.max_failed_pins:
            raise ValueError(
                f"long_lockout_failed_pins ({self.long_lockout_failed_pins}) must be more than "
                f"max_failed_pins ({self.max_failed_pins})")
        if self.supervisor_unlock_failed_pins <= self.long_lockout_failed_pins:
            raise ValueError(
                f"supervisor_unlock_failed_pins ({self.supervisor_unlock_failed_pins}) must be "
                f"more than long_lockout_failed_pins ({self.long_lockout_failed_pins})")
        if self.long_lockout_seconds < self.lockout_seconds:
            raise ValueError(
                f"long_lockout_seconds ({self.long_lockout_seconds}) must be at least "
                f"lockout_seconds ({self.lockout_seconds})")
        if self.failure_window_seconds < self.long_lockout_seconds:
            raise ValueError(
                f"failure_window_seconds ({self.failure_window_seconds}) must be at least "
                f"long_lockout_seconds ({self.long_lockout_seconds}), or wrong PINs would be "
                "forgotten while the account is locked")
        return self


class Estimates(_Frozen):
    """How waits are estimated and shown."""

    model_dir: str = Field(default="models/wait", description="folder of the ONNX wait model")
    public_key: str = Field(
        default="",
        description="the Ed25519 public key (base64, as printed by `motcua wait keygen`) whose "
        "signature on the model is trusted; empty: the motcua project's key, which signed the "
        "shipped model",
    )
    require_signature: bool = Field(
        default=True,
        description="refuse a model whose file, manifest and card are not signed by the "
        "trusted key (the kiosk then shows the plain estimate)",
    )
    when_ai_off: Literal["plain_estimate", "people_ahead"] = Field(
        default="plain_estimate", description="what is shown when staff switch the AI estimate off"
    )
    max_wait_minutes: int = Field(
        default=480, ge=10, le=1440, description="no estimate shown is longer than this"
    )

    @field_validator("public_key")
    @classmethod
    def _key(cls, value: str) -> str:
        value = value.strip()
        if value:
            try:
                raw = base64.b64decode(value, validate=True)
            except ValueError:
                raw = b""
            if len(raw) != 32:
                raise ValueError(
                    f'"{value}" is not an Ed25519 public key (the base64 line '
                    "`motcua wait keygen` printed)"
                )
        return value


class Web(_Frozen):
    """The phone page behind the ticket's QR code."""

    host: str = Field(default="127.0.0.1", description="address to listen on")
    port: int = Field(default=8080, ge=1, le=65535, description="port to listen on")
    requests_per_minute: int = Field(
        default=120, ge=1, le=100000, description="requests one address may make a minute"
    )
    max_connections: int = Field(
        default=1000,
        ge=16,
        le=100000,
        description="open connections at most, from everyone (also kept below the process's "
        "file limit); one more is closed at once",
    )
    max_connections_per_address: int = Field(
        default=64,
        ge=1,
        le=100000,
        description="open connections at most from one address; one more is closed at once "
        "(a reverse proxy at a trusted_proxies address is not limited here: it limits phones "
        "itself)",
    )
    header_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="a request's headers must arrive within this long, else the connection "
        "is closed",
    )
    body_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="a request's body must arrive within this long after its headers",
    )
    trusted_proxies: tuple[str, ...] = Field(
        default=("127.0.0.1",),
        description="addresses of reverse proxies whose X-Forwarded-For names the phone "
        "(docs/phone-page-proxy.md); empty: trust none",
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        import ipaddress

        for a in value:
            try:
                ipaddress.ip_address(a)
            except ValueError:
                raise ValueError(f'"{a}" is not an IP address such as "127.0.0.1"') from None
        return value


class Retention(_Frozen):
    """How long ticket data is kept."""

    days: int = Field(
        default=90,
        ge=1,
        le=3650,
        description="days a ticket's data is kept before `motcua purge` removes it",
    )


class Config(_Frozen):
    """The whole configuration."""

    hall: Hall
    queue: Queue = Queue()
    services: tuple[Service, ...] = Field(min_length=1)
    counters: tuple[Counter, ...] = Field(min_length=1)
    kiosk: Kiosk = Kiosk()
    devices: Devices = Devices()
    store: StoreConfig = StoreConfig()
    staff: StaffConfig = StaffConfig()
    estimates: Estimates = Estimates()
    web: Web = Web()
    retention: Retention = Retention()
    #: the folder the file was read from; relative paths are resolved against it
    base_dir: str = ""

    @model_validator(mode="after")
    def _cross(self) -> Config:
        codes = [s.code for s in self.services]
        for i, code in enumerate(codes):
            if codes.index(code) != i:
                raise _KeyedError(f"services[{i}].code", code, "is used by another service")
        prefixes = [s.prefix for s in self.services]
        for i, p in enumerate(prefixes):
            if prefixes.index(p) != i:
                raise _KeyedError(f"services[{i}].prefix", p, "is used by another service")
        numbers = [c.number for c in self.counters]
        for i, counter in enumerate(self.counters):
            if numbers.index(counter.number) != i:
                raise _KeyedError(f"counters[{i}].number", counter.number, "is used twice")
            for j, code in enumerate(counter.services):
                if code not in codes:
                    raise _KeyedError(
                        f"counters[{i}].services[{j}]",
                        code,
                        f"is not a service; known services: {', '.join(codes)}",
                    )
        for code in self.queue.weights:
            if code not in codes:
                raise _KeyedError(
                    f"queue.weights.{code}", code,
                    f"is not a service; known services: {', '.join(codes)}",
                )
        cats = [c.code for c in self.queue.priority_categories]
        if len(set(cats)) != len(cats):
            raise _KeyedError("queue.priority_categories", cats, "lists a category twice")
        return self

    def service(self, code: str) -> Service:
        for s in self.services:
            if s.code == code:
                return s
        raise KeyError(code)

    def calling_rule(self, counter: int) -> str:
        """The rule by which ``counter`` picks its next ticket (its own, else the hall's)."""
        for c in self.counters:
            if c.number == counter and c.calling_rule is not None:
                return c.calling_rule
        return self.queue.calling_rule

    def counter(self, number: int) -> Counter:
        for c in self.counters:
            if c.number == number:
                return c
        raise KeyError(number)

    def resolve(self, path: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        p = Path(path)
        return p if p.is_absolute() else Path(self.base_dir or ".") / p

    @property
    def kiosk_position(self) -> Point:
        return self.kiosk.position or self.hall.kiosk_position


class _KeyedError(ValueError):
    """A cross-field error that knows its key."""

    def __init__(self, key: str, value: Any, problem: str) -> None:
        super().__init__(problem)
        self.key, self.value, self.problem = key, value, problem


def _loc_to_key(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith(("function-after", "function-before", "literal", "union")):
            continue
        else:
            out += ("." if out else "") + part
    return out


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "{…}"
    return repr(value)


def _describe(err: Any) -> str:
    kind: str = err["type"]
    msg: str = err["msg"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known setting (check the spelling)"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"does not match the allowed form {ctx.get('pattern', '')}"
    if kind in ("value_error", "assertion_error"):
        return msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else kind


def format_validation_error(exc: ValidationError) -> str:
    """One line per problem: ``key: value problem``."""
    lines = []
    for err in exc.errors():
        key = _loc_to_key(tuple(err["loc"]))
        problem = _describe(err)
        value = err.get("input")
        if err["type"] == "missing" or isinstance(value, dict | list):
            lines.append(f"{key}: {problem}")
        else:
            text = problem
            shown = _shown(value)
            # value errors written here already quote the value
            if not problem.startswith(shown):
                text = f"{shown} {problem}"
            lines.append(f"{key}: {text}")
    return "\n".join(lines)


def parse_config(data: dict[str, Any], base_dir: str = "") -> Config:
    """Validate a mapping (as read from TOML) into a :class:`Config`."""
    try:
        return Config.model_validate({**data, "base_dir": base_dir})
    except ValidationError as exc:
        for err in exc.errors():
            cause = (err.get("ctx") or {}).get("error")
            if isinstance(cause, _KeyedError):
                raise ConfigError(f"{cause.key}: {_shown(cause.value)} {cause.problem}") from None
        raise ConfigError(format_validation_error(exc)) from None


def load_config(path: str | Path | None = None) -> Config:
    """Read and validate the TOML file at ``path`` (the default config if None)."""
    p = Path(path) if path else DEFAULT_CONFIG
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read the configuration file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from None
    return parse_config(data, str(p.resolve().parent))
