"""Ervaring: a story from practice, or the report of a session (response canvas)."""

from wiki.kinds.fields import Field, KindSpec

TYPES = (("story", "Verhaal uit de praktijk"), ("session_report", "Verslag van een sessie"))

EXPERIENCE = KindSpec(
    name="experience",
    label="ervaring",
    plural="ervaringen",
    segment="ervaringen",
    description="Verhalen en verslagen uit de praktijk: wat leverden de gesprekken op?",
    create_title="Deel een ervaring",
    fields=(
        Field("experience_type", "Soort ervaring", "choice", options=TYPES),
        Field("principles", "Principes", "refs", ref_kind="principle"),
        Field("methods", "Werkvormen", "refs", ref_kind="method"),
        Field("dilemmas", "Dilemma's", "refs", ref_kind="dilemma", searchable=True),
        Field("session_date", "Datum van de sessie", "date"),
        Field("participants", "Aantal deelnemers", "int", minimum=1, maximum=10_000),
        Field("insights", "Belangrijkste inzichten", "markdown"),
        Field("common_threads", "Rode draden", "markdown"),
        Field("building_blocks", "Bouwstenen voor de gids", "markdown"),
        Field("follow_up", "Vervolg", "markdown"),
    ),
    starting_body="Vertel wat er gebeurde.\n",
    listing_fields=("experience_type", "session_date"),
)
