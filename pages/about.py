"""About: the interview and its licence, the geodata and their licences, how places were chosen, checks."""

import streamlit as st

from ui.data import get_atlas
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from veta.background import Segment, background_html
from veta.credits import INTERVIEW_CREDIT_MARKDOWN, LICENCE_URL
from veta.evidence import resolve_selector
from veta.i18n import N_, _, format_number, ngettext
from veta.panels import quotes_html, resources_html
from veta.precision import PRECISION_CLASSES
from veta.quotes import EDITORIAL_TITLE

# (text, outside source) of the example of background: Veta's words, translated where shown
BACKGROUND_EXAMPLE: tuple[tuple[str, str], ...] = (
    (N_("The interview says that local communities presented a lawsuit for the Atrato."), ""),
    (
        N_("Colombia's Constitutional Court recognised the river as a subject of rights in 2016."),
        N_("Colombian Constitutional Court, judgment T-622 of 2016; not in the interview"),
    ),
)
# an exact quote of the interview: never translated
EDITORIAL_EXAMPLE = "[Since the military coup in 2021] the state has passed laws to grant mining concessions"
# the licence rule for languages, shown in the language of the page
QUOTES_STAY_ENGLISH = N_(
    "**Why the quotes are always in English.** The interview's licence, CC BY-NC-ND 3.0, allows no derivatives, "
    "and a translation is one. So Veta never translates the interview's quotes or passages: on the Spanish pages "
    "they stay verbatim in English, marked as the original, and Veta's own summaries, written in Spanish, carry "
    "their meaning."
)

set_page_title(_("About, sources and licences"))
atlas = get_atlas()
apply_styles()
st.title(_("About Veta: sources, licences and method"))

st.header(_("The interview"))
st.markdown(_(INTERVIEW_CREDIT_MARKDOWN))
st.markdown(
    _(
        "The text is published by the Transnational Institute under the "
        "[Creative Commons Attribution-NonCommercial-NoDerivs 3.0]({licence_url}) licence. Veta keeps it byte "
        "for byte, shows it unaltered in the reader, and on the maps shows only exact quotes of it, in quote "
        "marks, with the name of the person speaking. Summaries on the maps are Veta's own words and never "
        "carry quote marks."
    ).format(licence_url=LICENCE_URL)
)
st.markdown(_(QUOTES_STAY_ENGLISH))

st.header(_("Map data"))
st.markdown(
    _(
        "Region outlines, rivers and places come from open data. Each file of Veta's geodata names its sources "
        "and licence:"
    )
)
st.html(resources_html(atlas))

st.header(_("How places were chosen"))
st.markdown(
    _(
        "For each thing the interview says about a place, an editor wrote a feature: the exact quote, a one-line "
        "summary, and a placement note saying what the text says about the place, where the feature was put, "
        "why, and from which source. Each feature has one of four precisions, which claim no more than the "
        "words do:"
    )
)
st.markdown("\n".join(f"- **{_(c.label)}.** {_(c.meaning)}" for c in PRECISION_CLASSES.values()))
st.markdown(
    _(
        "A site or approximate feature carries the words by which the interview names its place, and the "
        "validator checks that they occur in a cited passage. An inferred feature names its outside source. "
        "Statements about the Andean countries or about artisanal mining worldwide are region-wide features of "
        "those two scopes."
    )
)
st.markdown(
    _(
        "Where the text is ambiguous or contradicts itself, the feature carries a caveat with both readings. "
        "Passages that are not placed on any map are listed with the reason, and the reader shows it."
    )
)

st.header(_("What is not the speakers' words"))
st.markdown(
    _(
        "Tours, discussion points and the glossary are Veta's words. Where they say something the interview "
        "does not, it is marked as **background** and names its source: shown in grey italics after a "
        "*Background* label, with the source when you hover over it and in print. For example:"
    )
)
example = tuple(Segment(_(text), _(source) if source else "") for text, source in BACKGROUND_EXAMPLE)
st.html(f'<p class="veta-about-example">{background_html(example)}</p>')
st.markdown(
    _(
        "The published interview also carries **editorial insertions** by TNI in square brackets. They stay in "
        "every quote, because quotes are exact, but they are set apart from the speaker's words (hover: "
        "*{editorial_title}*), as in:"
    ).format(editorial_title=_(EDITORIAL_TITLE))
)
st.html(quotes_html(atlas, (resolve_selector(atlas.seed, {"exact": EDITORIAL_EXAMPLE}),)))

st.header(_("Checks"))
quoted = len({pid for f in atlas.features for pid in f.passage_ids})
st.markdown(
    _(
        "Veta's validator (`python -m veta validate`) checks the data before anything is shown: that the "
        "interview is unchanged (SHA-256), that every quote is found verbatim in exactly one passage, that every "
        "feature has a known region, kind, precision and geometry source and lies in or near its region, that "
        "named places occur in their passages and inferred places name their source, that background names its "
        "source, and that every passage is either mapped or listed with a reason. The app refuses to draw a map "
        "from data that fails these checks."
    )
    + " "
    + ngettext(
        "Today: **{features} feature** quotes **{quoted} of {passages} passages**.",
        "Today: **{features} features** quote **{quoted} of {passages} passages**.",
        len(atlas.features),
    ).format(
        features=format_number(len(atlas.features)),
        quoted=format_number(quoted),
        passages=format_number(len(atlas.seed.passages)),
    )
)

st.header(_("More"))
st.markdown(
    _(
        "In the repository: `docs/data-model.md` (the data contract), `docs/performance.md` (measured speed), "
        "`geodata/README.md` (how the geodata is built) and `seeds/README.md` (the interview file)."
    )
)
draw_footer()
