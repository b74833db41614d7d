"""The data of the Projektteilnehmer page: Kommunen grouped by Land, filters, map shading.

A fixed number of queries whatever the number of Kommunen: one for the counts per Land and type,
one for the (filtered) list, one to decide whether the member-only fields are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from participants import germany_map
from participants.models import BUNDESLAENDER, Kommune, can_see_member_fields

LAND_NAMES = dict(BUNDESLAENDER)
KIND_NAMES = dict(Kommune.KIND_CHOICES)


@dataclass
class LandGroup:
    code: str
    name: str
    kommunen: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"land-{self.code.lower()}"


@dataclass
class LandSummary:
    code: str
    name: str
    total: int
    landkreise: int
    staedte: int
    step: str
    path: str = ""
    label_x: float = 0
    label_y: float = 0


@dataclass
class Directory:
    total: int
    land_count: int
    groups: list
    summaries: list
    shapes: list
    filtered_count: int
    selected_land: str
    selected_kind: str
    show_member_fields: bool
    land_choices: list
    kind_choices: list
    steps: list
    total_landkreise: int = 0
    total_staedte: int = 0
    map_width: int = germany_map.WIDTH
    map_height: int = germany_map.HEIGHT

    @property
    def is_filtered(self):
        return bool(self.selected_land or self.selected_kind)


def _choice(value, allowed) -> str:
    """The filter value if it is one of the allowed keys, else "" (bad values are ignored)."""
    value = (value or "").strip()
    return value if value in allowed else ""


def build(request) -> Directory:
    params = request.GET if request is not None else {}
    selected_land = _choice(params.get("land"), LAND_NAMES)
    selected_kind = _choice(params.get("art"), KIND_NAMES)

    counts = {code: {"landkreis": 0, "kreisfreie_stadt": 0} for code in LAND_NAMES}
    for row in Kommune.objects.order_by().values("bundesland", "kind").annotate(n=Count("pk")):
        if row["bundesland"] in counts and row["kind"] in KIND_NAMES:
            counts[row["bundesland"]][row["kind"]] = row["n"]

    summaries = {}
    for code, name in BUNDESLAENDER:
        total = sum(counts[code].values())
        summaries[code] = LandSummary(
            code=code,
            name=name,
            total=total,
            landkreise=counts[code]["landkreis"],
            staedte=counts[code]["kreisfreie_stadt"],
            step=germany_map.step_for(total),
        )
    shapes = []
    for shape in germany_map.SHAPES:
        summary = summaries[shape.code]
        summary.path, summary.label_x, summary.label_y = shape.path, shape.label_x, shape.label_y
        shapes.append(summary)

    kommunen = Kommune.objects.select_related("vergleichsring").order_by("bundesland", "name")
    if selected_land:
        kommunen = kommunen.filter(bundesland=selected_land)
    if selected_kind:
        kommunen = kommunen.filter(kind=selected_kind)
    groups: dict[str, LandGroup] = {}
    filtered_count = 0
    for kommune in kommunen:
        group = groups.get(kommune.bundesland)
        if group is None:
            group = groups[kommune.bundesland] = LandGroup(kommune.bundesland, LAND_NAMES[kommune.bundesland])
        group.kommunen.append(kommune)
        filtered_count += 1
    ordered_groups = sorted(groups.values(), key=lambda group: group.name)

    land_summaries = sorted(summaries.values(), key=lambda summary: summary.name)
    return Directory(
        total=sum(summary.total for summary in land_summaries),
        land_count=sum(1 for summary in land_summaries if summary.total),
        groups=ordered_groups,
        summaries=[summary for summary in land_summaries if summary.total],
        shapes=shapes,
        filtered_count=filtered_count,
        selected_land=selected_land,
        selected_kind=selected_kind,
        show_member_fields=can_see_member_fields(request),
        land_choices=[(code, name) for code, name in sorted(BUNDESLAENDER, key=lambda item: item[1])],
        kind_choices=list(Kommune.KIND_CHOICES),
        steps=germany_map.STEPS,
        total_landkreise=sum(summary.landkreise for summary in land_summaries),
        total_staedte=sum(summary.staedte for summary in land_summaries),
    )
