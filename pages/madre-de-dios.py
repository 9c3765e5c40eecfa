"""The madre-de-dios region page (the map, the evidence panel and the feature table)."""

from ui.region_page import render_region_page

render_region_page("madre-de-dios")
