"""Finland's regions (maakunnat · landskap) with Statistics Finland's codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str
    fi: str
    sv: str

    def name(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.fi


REGIONS: tuple[Region, ...] = (
    Region("01", "Uusimaa", "Nyland"),
    Region("02", "Varsinais-Suomi", "Egentliga Finland"),
    Region("04", "Satakunta", "Satakunta"),
    Region("05", "Kanta-Häme", "Egentliga Tavastland"),
    Region("06", "Pirkanmaa", "Birkaland"),
    Region("07", "Päijät-Häme", "Päijänne-Tavastland"),
    Region("08", "Kymenlaakso", "Kymmenedalen"),
    Region("09", "Etelä-Karjala", "Södra Karelen"),
    Region("10", "Etelä-Savo", "Södra Savolax"),
    Region("11", "Pohjois-Savo", "Norra Savolax"),
    Region("12", "Pohjois-Karjala", "Norra Karelen"),
    Region("13", "Keski-Suomi", "Mellersta Finland"),
    Region("14", "Etelä-Pohjanmaa", "Södra Österbotten"),
    Region("15", "Pohjanmaa", "Österbotten"),
    Region("16", "Keski-Pohjanmaa", "Mellersta Österbotten"),
    Region("17", "Pohjois-Pohjanmaa", "Norra Österbotten"),
    Region("18", "Kainuu", "Kajanaland"),
    Region("19", "Lappi", "Lappland"),
    Region("21", "Ahvenanmaa", "Åland"),
)
REGION_BY_CODE = {region.code: region for region in REGIONS}


def region_name(code: str | None, lang: str) -> str:
    region = REGION_BY_CODE.get(code or "")
    return region.name(lang) if region else ""


def find_region(text: str) -> Region | None:
    """A region by its code or its Finnish or Swedish name, ignoring case."""
    key = text.strip().casefold()
    for region in REGIONS:
        if key in (region.code, region.fi.casefold(), region.sv.casefold()):
            return region
    return None
