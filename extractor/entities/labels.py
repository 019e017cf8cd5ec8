"""Map every NER label of ``ja_ginza`` (Extended Named Entity, 189 labels) to a category.

A category is a node type (Person, Organization, Product, Place, Facility,
Event), a value kind used for qualifiers (Money, Percent, Date, Quantity), a
job title (Position), an honorific (Title), or Other (no node).  GiNZA's label
is a *span proposal with a weak type vote*: the typing stage decides.

Example:
    >>> category("Company"), category("Money"), category("Position_Vocation")
    ('Organization', 'Money', 'Position')
"""

from __future__ import annotations

from typing import Literal

__all__ = ["ENE_MAP", "RELIABLE", "Category", "category"]

Category = Literal[
    "Person", "Organization", "Product", "Place", "Facility", "Event",
    "Money", "Percent", "Date", "Quantity", "Position", "Title", "Other",
]

_GROUPS: dict[str, tuple[str, ...]] = {
    "Person": ("Person",),
    "Position": ("Position_Vocation",),
    "Title": ("Title_Other",),
    "Organization": (
        "Company", "Company_Group", "Corporation_Other", "Organization_Other", "International_Organization",
        "Political_Organization_Other", "Political_Party", "Government", "Cabinet", "Military",
        "Pro_Sports_Organization", "Sports_Organization_Other", "Sports_League", "Show_Organization",
        "Family", "Public_Institution", "Research_Institute", "School",
    ),
    "Product": (
        "Product_Other", "Car", "Train", "Aircraft", "Ship", "Spaceship", "Vehicle_Other", "Weapon", "Drug",
        "Clothing", "Book", "Magazine", "Newspaper", "Printing_Other", "Movie", "Music", "Show",
        "Broadcast_Program", "Art_Other", "Character",
    ),
    "Place": (
        "Country", "Province", "City", "County", "GPE_Other", "Location_Other", "Domestic_Region",
        "Continental_Region", "Region_Other", "Geological_Region_Other", "Island", "Mountain", "River", "Lake",
        "Sea", "Bay", "Spa", "Postal_Address", "Astral_Body_Other", "Planet", "Constellation",
        "Latitude_Longtitude",
    ),
    "Facility": (
        "Facility_Other", "Facility_Part", "GOE_Other", "Archaeological_Place_Other", "Tumulus", "Airport",
        "Port", "Station", "Car_Stop", "Museum", "Zoo", "Amusement_Park", "Theater", "Worship_Place",
        "Sports_Facility", "Park", "Bridge", "Tunnel", "Road", "Railroad", "Canal", "Water_Route", "Line_Other",
    ),
    "Event": (
        "Event_Other", "Occasion_Other", "Religious_Festival", "Conference", "Game", "Incident_Other", "War",
        "Natural_Disaster", "Earthquake", "Natural_Phenomenon_Other",
    ),
    "Money": ("Money",),
    "Percent": ("Percent",),
    "Date": (
        "Date", "Time", "Era", "Day_Of_Week", "Time_Top_Other", "Timex_Other", "Period_Day", "Period_Month",
        "Period_Time", "Period_Week", "Period_Year", "Periodx_Other",
    ),
    "Quantity": (
        "N_Animal", "N_Country", "N_Event", "N_Facility", "N_Flora", "N_Location_Other",
        "N_Natural_Object_Other", "N_Organization", "N_Person", "N_Product", "Countx_Other", "Physical_Extent",
        "Space", "Volume", "Weight", "Speed", "Intensity", "Temperature", "Calorie", "Frequency", "Age",
        "Multiplication", "Measurement_Other", "Point", "Numex_Other", "Ordinal_Number", "Rank", "School_Age",
        "Unit_Other",
    ),
    "Other": (
        "Doctrine_Method_Other", "Plan", "Law", "Treaty", "Rule_Other", "Movement", "Theory", "Academic",
        "Culture", "Style", "Religion", "Offense", "Class", "ID_Number", "Money_Form", "Material", "Compound",
        "Element", "Mineral", "Natural_Object_Other", "Language_Other", "National_Language", "Nationality",
        "Ethnic_Group_Other", "Sport", "Dish", "Food_Other", "Award", "Name_Other", "God", "Amphibia",
        "Animal_Disease", "Animal_Part", "Bird", "Fish", "Flora", "Flora_Part", "Fungus", "Insect",
        "Living_Thing_Other", "Living_Thing_Part_Other", "Mammal", "Mollusc_Arthropod", "Reptile",
        "Disease_Other", "Color_Other", "Nature_Color", "Email", "URL", "Phone_Number",
    ),
}

#: ENE label -> category
ENE_MAP: dict[str, Category] = {label: cat for cat, labels in _GROUPS.items() for label in labels}  # type: ignore[misc]

#: labels whose type GiNZA gets right often enough to trust as strong evidence
RELIABLE: frozenset[str] = frozenset({
    "Person", "Country", "Province", "City", "County", "Company", "Company_Group", "Government",
    "International_Organization", "Research_Institute", "Airport", "Station", "Conference",
    "Money", "Percent", "Date",
})


def category(label: str) -> Category:
    """The category of an ENE label; unknown labels are ``Other``."""
    return ENE_MAP.get(label, "Other")
