"""The document model: what both writers draw, with every figure resolved and all text
rendered. Frozen dataclasses, no pydantic, ReportLab or python-docx here.

Blocks form a closed set (`Block`, blocks.py; the figure blocks in figure_blocks.py, what
every block answers in base.py). Every text is Bilingual (text.py); every block has `style`
(a theme style name, or None for "the default for this kind of block") and `source` (where
it was written), and answers what `ModelBlock` asks: its texts, its prose, its style roles
and how the parallel layout arranges it. The Document (document.py) holds the cover and the
blocks.
"""

from .base import ModelBlock
from .blocks import (
    BLOCK_CLASSES,
    Block,
    BulletList,
    ContactCard,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Quote,
    block_roles,
)
from .document import Cover, Document, dump, label_parts
from .figure_blocks import (
    BAR_MARKS,
    CELL_VIEWS,
    FIGURE_COLUMNS,
    CallOut,
    Chart,
    Column,
    FigureRow,
    FigureTable,
    Kpi,
    KpiGrid,
    breakdown_columns,
    figure_columns,
    progress_bar,
)
from .text import (
    Bilingual,
    FigureMark,
    FigureRef,
    Inline,
    Lang,
    Note,
    Run,
    Source,
    characters_of,
    plain_text,
)

__all__ = ["BAR_MARKS", "BLOCK_CLASSES", "CELL_VIEWS", "FIGURE_COLUMNS", "Bilingual", "Block",
           "BulletList", "CallOut", "Chart", "Column", "ContactCard", "Cover", "Document",
           "FigureMark", "FigureRef", "FigureRow", "FigureTable", "Heading", "Image", "Inline",
           "Kpi", "KpiGrid", "Lang", "ModelBlock", "Note", "PageBreak", "Paragraph", "Quote",
           "Run", "Source", "block_roles", "breakdown_columns", "characters_of", "dump",
           "figure_columns", "label_parts", "plain_text", "progress_bar"]
