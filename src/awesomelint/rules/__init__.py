"""The rules, one module each, named by code and name. Their documentation lives in ``rules/``
at the repository root (``AL101-empty-section.md``) and ships inside the wheel."""

from __future__ import annotations

from ..engine import Rule
from .al101_empty_section import empty_section
from .al102_duplicate_heading import duplicate_heading
from .al103_broken_anchor import broken_anchor
from .al104_anchor_case import anchor_case
from .al105_heading_typo import heading_typo
from .al106_heading_increment import heading_increment
from .al107_dangling_intro import dangling_intro
from .al108_sibling_sections import sibling_sections
from .al109_contents_omission import contents_omission
from .al110_contents_text import contents_text
from .al111_contents_order import contents_order
from .al112_item_as_heading import item_as_heading
from .al201_glued_marker import glued_marker
from .al202_numbering import numbering
from .al203_entry_layout import entry_layout_rule
from .al204_missing_field import missing_field
from .al205_field_spacing import field_spacing
from .al206_duplicate_entry import duplicate_entry
from .al207_empty_link import empty_link
from .al208_item_separator import item_separator
from .al209_separator_spacing import separator_spacing
from .al210_description_case import description_case
from .al211_description_ending import description_ending
from .al212_empty_description import empty_description
from .al213_glued_bullet import glued_bullet
from .al214_run_together_entries import run_together_entries
from .al301_venue_format import venue_format
from .al302_venue_alias import venue_alias
from .al303_unknown_venue import unknown_venue
from .al304_venue_year import venue_year
from .al305_arxiv_year import arxiv_year
from .al306_venue_spelling import venue_spelling
from .al307_date_format import date_format
from .al401_author_separator import author_separator
from .al402_author_markup import author_markup
from .al403_author_name import author_name
from .al501_duplicate_link import duplicate_link
from .al502_link_host import link_host
from .al503_empty_link_text import empty_link_text
from .al504_schemeless_link import schemeless_link
from .al505_link_scheme import link_scheme
from .al506_undefined_reference import undefined_reference
from .al511_broken_link import broken_link
from .al512_redirected_link import redirected_link
from .al513_unverifiable_link import unverifiable_link
from .al514_wrong_paper import wrong_paper
from .al601_trailing_whitespace import trailing_whitespace
from .al602_blank_lines import blank_lines
from .al603_final_newline import final_newline
from .al604_name_spelling import name_spelling
from .al605_unbalanced_punctuation import unbalanced_punctuation
from .al606_literal_markup import literal_markup
from .al607_invisible_character import invisible_character
from .al701_unknown_suppression import unknown_suppression
from .al702_unused_suppression import unused_suppression
from .al801_record_venue import record_venue
from .al802_published_preprint import published_preprint
from .al803_record_year import record_year
from .al804_record_title import record_title
from .al805_record_authors import record_authors
from .al806_paper_not_found import paper_not_found
from .al807_paper_unchecked import paper_unchecked

ALL_RULES: tuple[Rule, ...] = (
    empty_section,
    duplicate_heading,
    broken_anchor,
    anchor_case,
    heading_typo,
    heading_increment,
    dangling_intro,
    sibling_sections,
    contents_omission,
    contents_text,
    contents_order,
    item_as_heading,
    glued_marker,
    numbering,
    entry_layout_rule,
    missing_field,
    field_spacing,
    duplicate_entry,
    empty_link,
    item_separator,
    separator_spacing,
    description_case,
    description_ending,
    empty_description,
    glued_bullet,
    run_together_entries,
    venue_format,
    venue_alias,
    unknown_venue,
    venue_year,
    arxiv_year,
    venue_spelling,
    date_format,
    author_separator,
    author_markup,
    author_name,
    duplicate_link,
    link_host,
    empty_link_text,
    schemeless_link,
    link_scheme,
    undefined_reference,
    broken_link,
    redirected_link,
    unverifiable_link,
    wrong_paper,
    trailing_whitespace,
    blank_lines,
    final_newline,
    literal_markup,
    invisible_character,
    name_spelling,
    unbalanced_punctuation,
    unknown_suppression,
    unused_suppression,
    record_venue,
    published_preprint,
    record_year,
    record_title,
    record_authors,
    paper_not_found,
    paper_unchecked,
)
