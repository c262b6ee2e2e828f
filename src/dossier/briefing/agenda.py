"""The visit's programme: a heading per day, and for each item its time at the venue and at
home (with that day's zone names, so a visit across a change of daylight saving time shows
both), what happens and who takes part."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dossier.briefing.document import Block, BulletList, Line, Run, Subheading, Table, line
from dossier.briefing.sides import BuilderParts
from dossier.model.dossier import agenda_days, agenda_times, clock_span
from dossier.model.entries import AgendaItem, Location
from dossier.model.records import Event
from dossier.model.values import PartialDate
from dossier.phrases import coordinates, map_link


class AgendaSection(BuilderParts):
    """The agenda a `_Builder` writes; mixed into it."""

    def agenda(self) -> list[Block]:
        visit = self.visit
        if visit is None or not visit.agenda:
            return []
        venue_zone = self.dossier.venue_timezone(visit, self.sides.home_ids)
        home_zone = self.sides.home.timezone
        zones = (venue_zone, home_zone) if venue_zone and home_zone != venue_zone else None
        blocks: list[Block] = []
        for day, items in agenda_days(visit):
            blocks.append(Subheading(self.t.date(day)))
            shown = zones if zones and zones[1] and day.day else None
            blocks.append(self._day(visit, day, items, shown))
        return blocks + self._venues(visit)

    def _venues(self, visit: Event) -> list[Block]:
        """Each place of the visit that has a location: its coordinates and a map link."""
        t = self.t
        found: dict[tuple[str, float, float], Location] = {}
        if visit.location is not None:
            name = t.text(visit.venue) or t.text(visit.place) or t.text(visit.title)
            found[(name, visit.location.lat, visit.location.lon)] = visit.location
        for item in visit.agenda:
            if item.location is not None:
                name = t.text(item.place) or t.text(item.title)
                found.setdefault((name, item.location.lat, item.location.lon), item.location)
        if not found:
            return []
        items = tuple(
            line(
                t("{name}: ", name=name) + f"{coordinates(location, t)} · ",
                Run("OpenStreetMap", url=map_link(location)),
            )
            for (name, _lat, _lon), location in found.items()
        )
        return [Subheading(t("Venues")), BulletList(items)]

    def _day(
        self,
        visit: Event,
        day: PartialDate,
        items: list[AgendaItem],
        zones: tuple[str, str | None] | None,
    ) -> Table:
        t = self.t
        counterpart, home = self.sides.counterpart, self.sides.home
        venue_label = t.text(visit.place or counterpart.city or counterpart.name)
        rows: list[tuple[Line, ...]] = []
        for item in items:
            row: list[Line] = [line(clock_span(item.time, item.end))]
            if zones and zones[1]:
                row.append(line(self._home_time(visit, item, zones[0], zones[1])))
            people = t.join(self.label(p) for p in item.people)
            row += [
                line(t.text(item.title), t.aside(t.text(item.place)) if item.place else None),
                line(people),
            ]
            rows.append(tuple(row))
        if zones and zones[1]:
            venue_abbr, home_abbr = self._zone_names(day, zones[0], zones[1])
            home_label = t.text(home.city or home.name)
            header = [
                t("{place} ({zone})", place=venue_label, zone=venue_abbr),
                t("{place} ({zone})", place=home_label, zone=home_abbr),
            ]
        else:
            header = [t("{place} (local time)", place=venue_label)]
        return Table((*header, t("Item"), t("With")), tuple(rows))

    def _home_time(self, visit: Event, item: AgendaItem, venue_zone: str, home_zone: str) -> str:
        """The item's time at home, computed for that very day (daylight saving holds), with
        the day it falls on there when that is another one."""
        times = agenda_times(visit, item, venue_zone)
        if times is None:
            return ""
        try:
            start = times.start.astimezone(ZoneInfo(home_zone))
            end = times.end.astimezone(ZoneInfo(home_zone)) if times.end else None
        except OverflowError:  # 9999-12-31 late in the day, somewhere east of the home side
            return ""
        text = clock_span(start.strftime("%H:%M"), end.strftime("%H:%M") if end else None)
        shift = (start.date() - times.start.date()).days
        if shift:
            text += self.t(" (previous day)") if shift < 0 else self.t(" (next day)")
        return text

    def _zone_names(self, day: PartialDate, venue_zone: str, home_zone: str) -> tuple[str, str]:
        """Both zones' names at noon on `day` at the venue, in the reader's language."""
        start = day.start()
        noon = dt.datetime(start.year, start.month, start.day, 12, tzinfo=ZoneInfo(venue_zone))
        return self.t.zone_name(noon), self.t.zone_name(noon.astimezone(ZoneInfo(home_zone)))
