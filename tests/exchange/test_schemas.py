"""The JSON Schema, the XSD and the mappers describe the same record, in the same order."""

from lxml import etree

from exchange.mappers.tthc_json import CATALOG_KEYS, KNOWN_KEYS, PORTAL_KEYS
from exchange.schemas import TTHC_XSD, tthc_schema

XS = "{http://www.w3.org/2001/XMLSchema}"


def _xsd_sequence(type_name: str) -> list[str]:
    schema = etree.parse(str(TTHC_XSD))
    complex_type = schema.find(f"{XS}complexType[@name='{type_name}']")
    return [element.get("name") for element in complex_type.find(f"{XS}sequence").findall(f"{XS}element")]


def test_json_schema_procedure_properties_are_the_mappers_keys_in_order():
    properties = [key for key in tthc_schema()["$defs"]["procedure"]["properties"] if key != "__exchange__"]
    assert properties == [*PORTAL_KEYS, *CATALOG_KEYS] and set(properties) == KNOWN_KEYS


def test_xsd_procedure_elements_are_the_mappers_keys_in_order():
    assert _xsd_sequence("ThuTuc") == [*PORTAL_KEYS, *CATALOG_KEYS, "du_lieu_khac"]


def test_xsd_and_json_schema_agree_on_papers_decisions_and_status():
    definitions = tthc_schema()["$defs"]
    pairs = (("GiayTo", "paper"), ("QuyetDinhTinh", "provincial_decision"), ("TrangThai", "status"))
    assert [_xsd_sequence(xsd) for xsd, _json in pairs] == [
        list(definitions[json]["properties"]) for _xsd, json in pairs
    ]
