#!/usr/bin/env python3
"""Writes pydantic-2.json: the JSON Schema real pydantic (2.14.4, the peers venv) emits for a
tool's arguments that use the constructs generators disagree on. SchemaEquivalenceTests compares
it with zod-style.json, the same arguments as zod-to-json-schema / the TypeScript SDK spell them.
Run: .venv-peers/bin/python Tests/Fixtures/equivalence/pydantic_schemas.py
"""
import enum
import json
import pathlib
from datetime import date
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, Field


class Unit(str, enum.Enum):
    metric = "metric"
    imperial = "imperial"


class Place(BaseModel):
    city: str
    country: Optional[str] = None


class ByCity(BaseModel):
    kind: Literal["city"]
    city: str


class ByCoordinates(BaseModel):
    kind: Literal["coordinates"]
    lat: float
    lon: float


class ForecastArguments(BaseModel):
    where: Annotated[Union[ByCity, ByCoordinates], Field(discriminator="kind")]
    days: Annotated[int, Field(gt=0, lt=15)]
    unit: Unit = Unit.metric
    day: Optional[date] = None
    label: Union[str, int]
    home: Optional[Place] = None
    mode: Literal["fast"]
    tags: list[str] = []


schema = ForecastArguments.model_json_schema()
out = pathlib.Path(__file__).with_name("pydantic-2.json")
out.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
