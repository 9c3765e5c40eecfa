"""Veta in Spanish in a real browser: a shared address with `lang=es` opens in Spanish (navigation, headings, the
feature list's own status line), and the sidebar's language switch goes to English keeping the page and the
selected feature, with `lang=en` in the address."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.support import RequestLog

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
FEATURE = "choco-gold"


def test_a_spanish_address_and_the_switch_to_english(page: Page, requests_log: RequestLog) -> None:
    page.goto(f"/choco?feature={FEATURE}&lang=es")
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav.get_by_role("link", name="Panorama")).to_be_visible()
    expect(nav.get_by_role("link", name="Leer la entrevista")).to_be_visible()
    expect(nav.get_by_text("Enseñar y comparar")).to_be_visible()
    expect(page.get_by_role("heading", name="Chocó, Colombia", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Todos los elementos de esta región")).to_be_visible()
    expect(page).to_have_title("Chocó · Veta")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("link", name=re.compile(r"^Leer el ¶ \d+ en la entrevista$")).first).to_be_visible()
    selected = page.locator(f'.veta-feature-list button.veta-pick[data-feature="{FEATURE}"]')
    expect(selected).to_have_attribute("aria-current", "true")
    page.locator(IDLE).wait_for()

    # the feature list's own status line (written by its JavaScript) speaks Spanish too
    other = page.locator(".veta-feature-list button.veta-pick:not([aria-current])").first
    other_id = other.get_attribute("data-feature")
    name = other.text_content()
    other.click()
    expect(page.locator(".veta-list-picked")).to_have_text(f"Se muestra “{name}” en el mapa y en el panel de arriba.")
    expect(page).to_have_url(re.compile(rf"feature={other_id}"))
    page.locator(IDLE).wait_for()
    expect(page).to_have_url(re.compile(r"lang=es"))

    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))
    expect(page).to_have_url(re.compile(rf"[?&]feature={other_id}(&|$)"))
    expect(page).to_have_url(re.compile(r"/choco\?"))
    expect(nav.get_by_role("link", name="Overview")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="All features of this region")).to_be_visible()
    expect(page.locator(f'.veta-feature-list button.veta-pick[data-feature="{other_id}"]')).to_have_attribute(
        "aria-current", "true"
    )
