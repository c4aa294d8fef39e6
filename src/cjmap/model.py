"""Pydantic v2 models of the map format, version 1 (docs/format.md).

These models are the schema: ``schemas/cjmap.schema.json`` is generated from them.
Validation is strict about types (``title: 2026`` or ``name: yes`` are mistakes a
linter should catch, not coerce) but accepts dates written as quoted strings.
Unknown fields are errors, except keys starting with ``x-``, which are kept on the
model as :attr:`CjmapModel.extensions` for users' own extensions.
"""

# No ``from __future__ import annotations`` here: pydantic would then evaluate each
# field's annotation from its text when the models are built at import (about 1 ms of
# every command; docs/performance.md, "One map: start-up").
import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StringConstraints,
    Tag,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

FORMAT_VERSION = 1
SUPPORTED_VERSIONS: tuple[int, ...] = (FORMAT_VERSION,)
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
EXTENSION_PREFIX = "x-"


def _no_items() -> list[Any]:
    # A plain function, not the builtin ``list``: pydantic inspects a default factory's
    # signature, which for a builtin is several times slower (docs/performance.md).
    return []


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=100),
    Field(description="A slug: lower-case letters, digits, '-' and '_', starting with a letter "
                      "or digit. Unique across the whole map."),
]
Text = Annotated[str, StringConstraints(min_length=1)]
TextList = Annotated[
    list[Text],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1},
                              {"type": "array", "items": {"type": "string", "minLength": 1}}]}),
]
IdList = Annotated[
    list[Id],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": ID_PATTERN},
                              {"type": "array", "items": {"type": "string",
                                                          "pattern": ID_PATTERN}}]}),
]
Ratio = Annotated[float, Field(ge=0, le=1)]
Rating = Annotated[int, Field(ge=1, le=5)]


def _date_input(value: Any) -> Any:
    # Lax date parsing would read a number as a Unix timestamp (`reviewed: 0` is
    # 1970-01-01): only a YAML date or a text can be a date.
    if isinstance(value, dt.date | str):
        return value
    raise PydanticCustomError("date_type", "Input should be a valid date")


def _version_input(value: Any) -> Any:
    # `cjmap: true` equals 1 in Python, but it is not the version number 1.
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "Input should be {expected}",
                                  {"expected": "1"})
    return value


Date = Annotated[dt.date, BeforeValidator(_date_input), Field(strict=False)]
# A one-string-or-list of ids that must not be empty (the schema says so too).
NonEmptyIdList = Annotated[
    list[Id],
    BeforeValidator(_one_or_many),
    Field(min_length=1),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": ID_PATTERN},
                              {"type": "array", "minItems": 1,
                               "items": {"type": "string", "pattern": ID_PATTERN}}]}),
]
HttpUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/$.?#][^\s]*$", max_length=2048)]


class Kind(StrEnum):
    """The kinds of item a map defines; each item model names its own (``KIND``).

    The value is the one spelling used in output (``pain_point``); :attr:`noun` is the
    same word for sentences ("unknown pain point 'x'").
    """

    PERSONA = "persona"
    CHANNEL = "channel"
    EVIDENCE = "evidence"
    METRIC = "metric"
    STAGE = "stage"
    TOUCHPOINT = "touchpoint"
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"

    # Enum's own __hash__ is a Python function (hash of the name); a str's is C and
    # agrees with ==, so ("id", Kind.PERSONA) and ("id", "persona") find each other.
    __hash__ = str.__hash__

    @property
    def noun(self) -> str:
        return self.value.replace("_", " ")


class Ref(NamedTuple):  # not a frozen dataclass: cheaper to create at import
    """Marks a field as holding ids of items of ``kind`` (docs/architecture.md).

    Written on the field's annotation, ``Annotated[IdList, Ref(Kind.PERSONA)]``; the
    index, the diff and the loader find references through it (``cjmap.refs``).
    ``keys`` is true when the ids are the keys of a mapping (a per-persona emotion).
    """

    kind: Kind
    keys: bool = False


class CjmapModel(BaseModel):
    """Base of every model: strict, closed, and open only to ``x-`` extension keys."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        json_schema_extra={"patternProperties": {"^x-": {}}},
        # An item model's own validator is built at its first direct use, not at import:
        # loading validates items through JourneyMap's validator, which is built at
        # import and holds its items' schemas (docs/performance.md, "One map: start-up").
        defer_build=True,
    )
    _extensions: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _split_extensions(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # This runs for every item of every map: a plain loop and no ValidationInfo
        # argument keep it cheap (it was a tenth of the time of validating a map).
        if not isinstance(data, dict):
            return handler(data)
        for key in data:
            if isinstance(key, str) and key.startswith(EXTENSION_PREFIX):
                break
        else:
            return handler(data)
        extensions = {k: v for k, v in data.items() if k.startswith(EXTENSION_PREFIX)}
        model = handler({k: v for k, v in data.items() if not k.startswith(EXTENSION_PREFIX)})
        model._extensions = extensions
        return model

    @property
    def extensions(self) -> dict[str, Any]:
        """The ``x-`` keys of this item, as written."""
        return dict(self._extensions)


class State(StrEnum):
    CURRENT = "current"
    FUTURE = "future"


class ChannelKind(StrEnum):
    DIGITAL = "digital"
    PHYSICAL = "physical"
    HUMAN = "human"


class EvidenceKind(StrEnum):
    SURVEY = "survey"
    INTERVIEW = "interview"
    ANALYTICS = "analytics"
    CRM = "crm"
    SUPPORT = "support"
    REVIEW = "review"
    OBSERVATION = "observation"
    OTHER = "other"


class MetricKind(StrEnum):
    NPS = "nps"
    CSAT = "csat"
    CES = "ces"
    CLV = "clv"
    CHURN = "churn"
    RETENTION = "retention"
    CONVERSION = "conversion"
    OTHER = "other"


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Status(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class EmotionScale(CjmapModel):
    """The integer scale emotions are written on."""

    min: int = Field(-2, description="Lowest emotion (most negative).")
    max: int = Field(2, description="Highest emotion (most positive).")

    @model_validator(mode="after")
    def _ordered(self) -> "EmotionScale":
        if self.min >= self.max:
            raise ValueError(f"scale min ({self.min}) must be below max ({self.max})")
        return self


class Scales(CjmapModel):
    # Defaults are constructed, not validated (pydantic does not validate defaults
    # either): the same values, and a map without ``scales`` needs no validator of these.
    emotion: EmotionScale = Field(
        default_factory=lambda: EmotionScale.model_construct(min=-2, max=2))


class Persona(CjmapModel):
    """A customer archetype the journey is walked by."""

    KIND: ClassVar[Kind] = Kind.PERSONA

    id: Id
    name: Text
    description: str | None = None
    share: Ratio | None = Field(None, description="Share of customers this persona stands for.")
    goals: TextList = Field(default_factory=_no_items)
    needs: TextList = Field(default_factory=_no_items)


class Channel(CjmapModel):
    """A medium through which the customer meets the business."""

    KIND: ClassVar[Kind] = Kind.CHANNEL

    id: Id
    name: Text
    kind: Annotated[ChannelKind, Field(strict=False)] | None = None


class Evidence(CjmapModel):
    """Research that backs a pain point or touchpoint."""

    KIND: ClassVar[Kind] = Kind.EVIDENCE

    id: Id
    kind: Annotated[EvidenceKind, Field(strict=False)] = EvidenceKind.OTHER
    title: Text
    url: HttpUrl | None = Field(None, description="Link to the research (http or https only).")
    date: Date | None = None
    sample_size: Annotated[int, Field(ge=0)] | None = None


class Metric(CjmapModel):
    """A measure of the experience, such as NPS, CSAT or cart abandonment."""

    KIND: ClassVar[Kind] = Kind.METRIC

    id: Id
    name: Text
    kind: Annotated[MetricKind, Field(strict=False)] = MetricKind.OTHER
    value: float | None = None
    measured: Date | None = Field(None, description="Date the value was measured.")
    target: float | None = None
    unit: str | None = None
    better: Annotated[Better, Field(strict=False)] | None = Field(
        None, description="Whether a higher or a lower value is better.")


def _emotion_form(value: Any) -> str:
    return "per-persona" if isinstance(value, dict) else "single"


# A callable discriminator validates only the branch that matches the YAML's shape,
# so a wrong value gets one error about that shape instead of one per branch.
# pydantic renders dict[Id, int] with the id pattern as patternProperties, which lets
# any other key through; propertyNames is what makes editors reject a bad persona id.
PerPersonaEmotion = Annotated[
    dict[Id, int],
    WithJsonSchema({"type": "object",
                    "propertyNames": {"pattern": ID_PATTERN, "maxLength": 100},
                    "additionalProperties": {"type": "integer"}}),
]
Emotion = Annotated[
    Annotated[int, Tag("single")] | Annotated[PerPersonaEmotion, Tag("per-persona")],
    Discriminator(_emotion_form),
    Field(description="An integer on scales.emotion, or a mapping persona id -> integer."),
]


class PainPoint(CjmapModel):
    """Where the journey hurts."""

    KIND: ClassVar[Kind] = Kind.PAIN_POINT

    id: Id
    title: Text
    description: str | None = None
    severity: Rating = Field(description="1 (minor) .. 5 (critical).")
    frequency: Ratio = Field(1.0, description="Share of customers affected, 0..1.")
    personas: Annotated[IdList, Ref(Kind.PERSONA)] = Field(default_factory=_no_items)
    evidence: Annotated[IdList, Ref(Kind.EVIDENCE)] = Field(default_factory=_no_items)


class Touchpoint(CjmapModel):
    """One moment where the customer meets the business."""

    KIND: ClassVar[Kind] = Kind.TOUCHPOINT

    id: Id
    name: Text
    description: str | None = None
    channel: Annotated[Id | None, Ref(Kind.CHANNEL)] = None
    personas: Annotated[IdList, Ref(Kind.PERSONA)] = Field(
        default_factory=_no_items, description="Persona ids; empty means every persona.")
    actions: TextList = Field(default_factory=_no_items)
    thoughts: TextList = Field(default_factory=_no_items)
    emotion: Annotated[Emotion | None, Ref(Kind.PERSONA, keys=True)] = None
    backstage: TextList = Field(default_factory=_no_items)
    owner: str | None = None
    metrics: Annotated[IdList, Ref(Kind.METRIC)] = Field(default_factory=_no_items)
    evidence: Annotated[IdList, Ref(Kind.EVIDENCE)] = Field(default_factory=_no_items)
    pain_points: list[PainPoint] = Field(default_factory=_no_items)


class Stage(CjmapModel):
    """A phase of the relationship, e.g. awareness, consideration, purchase."""

    KIND: ClassVar[Kind] = Kind.STAGE

    id: Id
    name: Text
    goal: str | None = None
    description: str | None = None
    touchpoints: list[Touchpoint] = Field(default_factory=_no_items)
    pain_points: list[PainPoint] = Field(default_factory=_no_items)


class Opportunity(CjmapModel):
    """Something the business could do to relieve pain points."""

    KIND: ClassVar[Kind] = Kind.OPPORTUNITY

    id: Id
    title: Text
    description: str | None = None
    addresses: Annotated[NonEmptyIdList, Ref(Kind.PAIN_POINT)]
    impact: Rating = Field(description="1..5: how much it relieves what it addresses.")
    effort: Rating = Field(description="1..5: how much it costs to do.")
    confidence: Ratio = Field(1.0, description="0..1: how sure we are of impact and effort.")
    status: Annotated[Status, Field(strict=False)] = Status.IDEA
    owner: str | None = None
    metrics: Annotated[IdList, Ref(Kind.METRIC)] = Field(default_factory=_no_items)


# An item of any kind a map defines: one class per member of :class:`Kind`.
Item = Persona | Channel | Evidence | Metric | Stage | Touchpoint | PainPoint | Opportunity

# The lists a map and a library both hold (docs/format.md, "Libraries"): declared once,
# so the two models cannot drift apart.
Personas = Annotated[list[Persona], Field(default_factory=_no_items)]
Channels = Annotated[list[Channel], Field(default_factory=_no_items)]
EvidenceList = Annotated[list[Evidence], Field(default_factory=_no_items)]
Metrics = Annotated[list[Metric], Field(default_factory=_no_items)]
LibraryPath = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1000),
    Field(description="Path of a library file (*.cjlib.yaml), relative to the map."),
]
LIBRARY_LISTS: tuple[str, ...] = ("personas", "channels", "evidence", "metrics")


class JourneyMap(CjmapModel):
    """A customer journey map (cjmap format version 1)."""

    model_config = ConfigDict(
        title="cjmap journey map",
        json_schema_extra={"patternProperties": {"^x-": {}},
                           "$id": "urn:cjmap:schema:journey-map:1"},
        defer_build=False,  # every map is validated by it
    )
    # The map's lists of items that hold no other items and refer to nothing (the
    # spreadsheet import/export lays them out alike). Every item list, derived from the
    # fields: cjmap.refs.shape_of(JourneyMap).items.
    KINDS: ClassVar[tuple[str, ...]] = ("personas", "channels", "evidence", "metrics")
    cjmap: Annotated[Literal[1], BeforeValidator(_version_input)] = Field(
        description="Format version of this file.")
    id: Id
    title: Text
    summary: str | None = None
    state: Annotated[State, Field(strict=False)] = State.CURRENT
    owner: str | None = None
    tags: TextList = Field(default_factory=_no_items)
    reviewed: Date | None = Field(None, description="Date of the last review.")
    goals: TextList = Field(default_factory=_no_items)
    scales: Scales = Field(default_factory=lambda: Scales.model_construct())
    uses: list[LibraryPath] = Field(
        default_factory=_no_items,
        description="Libraries whose personas, channels, evidence and metrics this map "
                    "uses (paths relative to the map).")
    personas: Personas
    channels: Channels
    evidence: EvidenceList
    metrics: Metrics
    stages: Annotated[list[Stage], Field(min_length=1)]
    opportunities: list[Opportunity] = Field(default_factory=_no_items)


class Library(CjmapModel):
    """A library of personas, channels, evidence and metrics that maps share
    (a ``*.cjlib.yaml`` file; docs/format.md, "Libraries").

    A library uses no other library: sharing is one level deep, so there is no
    chain to follow and no cycle to find.
    """

    # Its validator is built when the first library is read, not at import: a map
    # that uses no library (most) does without (docs/performance.md, start-up).
    model_config = ConfigDict(
        title="cjmap library",
        json_schema_extra={"patternProperties": {"^x-": {}},
                           "$id": "urn:cjmap:schema:library:1"},
        defer_build=True,
    )
    cjmap: Annotated[Literal[1], BeforeValidator(_version_input)] = Field(
        description="Format version of this file.")
    id: Id
    title: Text
    summary: str | None = None
    owner: str | None = None
    personas: Personas
    channels: Channels
    evidence: EvidenceList
    metrics: Metrics


def _schema_of(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, as checked in under ``schemas/``."""
    return _schema_of(JourneyMap)


def library_json_schema() -> dict[str, Any]:
    """The JSON Schema of a library file (``schemas/cjlib.schema.json``)."""
    return _schema_of(Library)


def validation_errors(exc: ValidationError) -> list[ErrorDetails]:
    """``exc``'s errors, the exceptions our validators raised in them without their
    tracebacks. A traceback keeps its frames, and through them the caller's frame whose
    locals hold these errors: a reference cycle that keeps the map alive until the cyclic
    collector runs, which the commands pause while they work (docs/performance.md,
    "Memory")."""
    errors = exc.errors(include_url=False)
    for error in errors:
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, BaseException):
            cause.__traceback__ = None
    return errors
