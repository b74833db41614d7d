"""German demo content for the page tree, written from the project's facts.

Names, dates and numbers are exactly as the project states them. Placeholders for unknown legal data are
marked visibly so that editors replace them.
"""

PLACEHOLDER = "[Platzhalter – bitte ersetzen]"


def p(*paragraphs):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def ul(*items):
    return {"type": "paragraph", "value": "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"}


def ol(*items):
    return {"type": "paragraph", "value": "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"}


def notice(heading, text, kind="info"):
    return {"type": "notice", "value": {"kind": kind, "heading": heading, "text": f"<p>{text}</p>"}}


HOME = {
    "title": "Benchlearning der Optionskommunen",
    "intro": (
        "Im Benchlearning der Optionskommunen (BLOK) lernen die kommunalen Jobcenter, die die "
        "Grundsicherung für Arbeitsuchende (SGB II) in eigener Verantwortung umsetzen, systematisch "
        "voneinander."
    ),
    "search_description": (
        "BLOK – Benchlearning der Optionskommunen: Erfahrungsaustausch und gemeinsames Lernen der "
        "kommunalen Jobcenter im SGB II."
    ),
    "body": [
        h("Vom Benchmarking zum Benchlearning"),
        p(
            "BLOK setzt das Projekt „Benchmarking der Optionskommunen“ fort, das seit <b>2005</b> "
            "läuft. Damals organisierten die <b>63 Landkreise und 6 kreisfreien Städte</b>, die das "
            "SGB II (Grundsicherung für Arbeitsuchende) in eigener Verantwortung umsetzten, einen "
            "internen Austausch, um sich durch gegenseitiges Lernen zu verbessern.",
            "In der Experimentierphase standen die Optionskommunen zugleich im Wettbewerb der Systeme "
            "mit dem Modell der Mischverwaltung in den ARGEn, den Arbeitsgemeinschaften aus Agentur "
            "für Arbeit und Kommune.",
        ),
        h("Eine dauerhafte Zukunft auf breiterer Basis"),
        p(
            "Mit der Neuorganisation des SGB II zum <b>1.1.2012</b> wurden weitere kommunale Träger "
            "zugelassen, und die Experimentierphase endete: Die Optionskommunen haben seither eine "
            "dauerhafte Zukunft auf breiterer Basis.",
            "Im Zuge der Entfristung und Ausweitung der Option beschlossen die Optionskommunen "
            "gemeinsam, ihre kontinuierliche Verbesserung in einem „Benchlearning der "
            "Optionskommunen“ voranzutreiben. Der <b>Deutsche Landkreistag (DLT)</b> und der "
            "<b>Deutsche Städtetag (DST)</b> haben das Vorhaben für sie ausgeschrieben; der Auftrag "
            "wurde zum Projektstart am <b>1.9.2012</b> vergeben.",
        ),
        h("Weitere Informationen"),
        p(
            "Mehr über die kommunale Arbeit im SGB II finden Sie beim Angebot „Kommunen für Arbeit“ "
            "(der Link steht im Seitenfuß) und auf der Website des "
            '<a href="https://www.landkreistag.de/">Deutschen Landkreistags</a> (Thema „Hartz IV / '
            "SGB II“)."
        ),
    ],
}

PROJEKTZIELE = {
    "title": "Projektziele",
    "slug": "projektziele",
    "intro": "Fünf Ziele verbinden die Optionskommunen im Benchlearning.",
    "search_description": "Die fünf Ziele des Benchlearnings der Optionskommunen.",
    "body": [
        h("Unsere Ziele"),
        ol(
            "Kontinuierliche Verbesserung der Aufgabenwahrnehmung im SGB II.",
            "Entwicklung fachpolitischer Positionen zur Arbeitsförderung (eine gemeinsame fachpolitische Basis).",
            "Beobachtung und Überprüfung des Kennzahlensystems nach § 48a SGB II.",
            "Systematisches Lernen voneinander und Transfer der Ergebnisse.",
            "Gemeinsame Identität und Vernetzung der Optionskommunen.",
        ),
        h("Die Methode"),
        p(
            "Der Weg dorthin ist ein systematischer Erfahrungsaustausch zwischen den Teilnehmenden. "
            "Benchlearning verbindet das Benchmarking, also den Vergleich anhand von Kennzahlen, mit "
            "dem Lernen voneinander."
        ),
        {
            "type": "quote",
            "value": {"text": "Benchlearning = Benchmarking + voneinander lernen.", "attribution": ""},
        },
    ],
}

PROJEKTSTRUKTUR = {
    "title": "Projektstruktur",
    "slug": "projektstruktur",
    "intro": (
        "Drei Gruppen von Akteuren tragen das Benchlearning: assoziierte Stellen, die Gremien von BLOK "
        "und der Auftragnehmer."
    ),
    "search_description": "Gremien, Vergleichsringe und Fachtagungen im Benchlearning der Optionskommunen.",
    "body": [
        h("Akteure"),
        ul(
            "<b>Assoziierte Stellen</b>, die das Projekt begleiten.",
            "<b>Die Gremien von BLOK</b>, besetzt mit Vertreterinnen und Vertretern der "
            "Optionskommunen, des Deutschen Landkreistags (DLT) und des Deutschen Städtetags (DST).",
            "<b>Der Auftragnehmer gfa | public</b>, der auch die Treffen der Vergleichsringe moderiert.",
        ),
        h("Arbeitskreis Option und Projektleitung"),
        p(
            "Im <b>Arbeitskreis Option (AK Option)</b> entfällt auf je drei Optionskommunen ein "
            "Sitz. Die <b>Projektleitung Benchlearning</b> steuert das Projekt und berichtet "
            "dem AK Option."
        ),
        h("Vergleichsringe"),
        p(
            "Den Kern der Arbeit bilden <b>10 etwa gleich große Vergleichsringe</b>. Sie sind nach "
            "SGB II-Quote, Größe und Bundesland zusammengesetzt. Jeder Ring trifft sich "
            "<b>dreimal im Jahr</b> zu <b>eineinhalbtägigen Workshops</b>."
        ),
        {
            "type": "table",
            "value": {
                "caption": "Vergleichsringe im Überblick",
                "table": {
                    "table_header_choice": "row",
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [
                        ["Merkmal", "Heute", "Vorgängerprojekt"],
                        ["Anzahl der Vergleichsringe", "10", "7"],
                        ["Treffen pro Jahr", "3", ""],
                        ["Dauer eines Treffens", "1½ Tage", ""],
                    ],
                },
            },
        },
        h("Fachtagungen"),
        p(
            "Die <b>Fachtagungen</b> sind ein Format des Projekts und kein Gremium: Konferenzen, die "
            "allen Teilnehmenden offenstehen."
        ),
        {
            "type": "accordion",
            "value": {
                "heading": "Zur Geschichte",
                "items": [
                    {
                        "question": "Wie ist das Projekt entstanden?",
                        "answer": (
                            "<p>Im Vorgängerprojekt bildete die Bertelsmann Stiftung aus den "
                            "ursprünglich 69 Optionskommunen (ab Januar 2011: 67) <b>7 "
                            "Vergleichsringe</b>. Bei der Ausschreibung 2012 gab es 108 "
                            "Optionskommunen, von denen 106 am Benchlearning teilnahmen.</p>"
                        ),
                    },
                    {
                        "question": "Wer führt das Projekt heute durch?",
                        "answer": (
                            "<p>Ende 2018 haben DLT und DST das Projekt erneut EU-weit "
                            "ausgeschrieben; gfa public erhielt den Zuschlag für die Phase ab 2020.</p>"
                        ),
                    },
                ],
            },
        },
    ],
}

PARTICIPANTS = {
    "title": "Projektteilnehmer",
    "slug": "projektteilnehmer",
    "intro": (
        "Am Benchlearning nehmen die zugelassenen kommunalen Träger teil: Landkreise und kreisfreie "
        "Städte, die das SGB II in eigener Verantwortung umsetzen."
    ),
    "search_description": "Verzeichnis der Optionskommunen, die am Benchlearning teilnehmen.",
}

EVENTS = {
    "title": "Fachtagungen",
    "slug": "fachtagungen",
    "intro": (
        "Die Fachtagungen – allen voran der „Tag der kommunalen Jobcenter“, früher „Tag der "
        "Optionskommunen“ – stehen allen Teilnehmenden offen."
    ),
    "search_description": "Termine, Programme und Dokumentationen der Fachtagungen von BLOK.",
}

DOCUMENTS = {
    "title": "Dokumente",
    "slug": "dokumente",
    "intro": "Berichte, Präsentationen und Dokumentationen aus dem Benchlearning zum Herunterladen.",
    "search_description": "Dokumente des Benchlearnings der Optionskommunen zum Herunterladen.",
}

INTERNAL = {
    "title": "Interner Bereich",
    "slug": "interner-bereich",
    "intro": "Der Interne Bereich ist den Mitarbeiterinnen und Mitarbeitern der Optionskommunen vorbehalten.",
    "members_note": (
        "<p>Willkommen im Internen Bereich. Hier finden Sie interne Termine, Protokolle und "
        "Arbeitsunterlagen der Vergleichsringe.</p>"
    ),
    "body": [
        h("Arbeitsunterlagen"),
        p(
            "Unterlagen der Vergleichsringe, Protokolle des AK Option und interne Termine werden hier "
            "für die Mitglieder bereitgestellt."
        ),
    ],
}

INTERNAL_CHILD = {
    "title": "Protokolle des Arbeitskreises Option",
    "slug": "protokolle-ak-option",
    "intro": "Interne Protokolle und Beschlüsse des Arbeitskreises Option.",
    "body": [
        p(
            "Hier stellt die Projektleitung Benchlearning die Protokolle der Sitzungen des AK Option "
            "bereit. Stichwort für die Suche im Internen Bereich: Kennzahlenwerkstatt."
        ),
    ],
}

IMPRESSUM = {
    "title": "Impressum",
    "slug": "impressum",
    "provider_name": f"Benchlearning der Optionskommunen {PLACEHOLDER}",
    "legal_form": "",
    "street": f"Musterstraße 1 {PLACEHOLDER}",
    "postcode": "00000",
    "city": f"Musterstadt {PLACEHOLDER}",
    "represented_by": f"Vorname Nachname, Funktion {PLACEHOLDER}",
    "email": "kontakt@example.org",
    "phone": f"{PLACEHOLDER}",
    "responsible_name": f"Vorname Nachname {PLACEHOLDER}",
    "responsible_address": f"Musterstraße 1\n00000 Musterstadt\n{PLACEHOLDER}",
    "body": [
        notice(
            "Hinweis für die Redaktion",
            "Die Angaben auf dieser Seite sind Platzhalter. Bitte ersetzen Sie sie durch die "
            "tatsächlichen Angaben des Anbieters, bevor die Website veröffentlicht wird.",
            kind="warning",
        ),
        h("Haftung für Links"),
        p(
            "Diese Website enthält Links zu externen Websites Dritter, auf deren Inhalte wir keinen "
            "Einfluss haben. Für die Inhalte der verlinkten Seiten ist stets der jeweilige Anbieter "
            "verantwortlich."
        ),
    ],
}

PRIVACY = {
    "title": "Datenschutzerklärung",
    "slug": "datenschutz",
    "controller": f"Benchlearning der Optionskommunen\nMusterstraße 1\n00000 Musterstadt\n{PLACEHOLDER}",
    "dpo_contact": f"datenschutz@example.org {PLACEHOLDER}",
    "body": [
        notice(
            "Hinweis für die Redaktion",
            "Verantwortliche Stelle und Datenschutzbeauftragte sind Platzhalter und müssen ersetzt werden.",
            kind="warning",
        ),
        h("Aufruf der Website"),
        p(
            "Beim Aufruf dieser Website verarbeitet der Server technisch notwendige Daten (IP-Adresse, "
            "Zeitpunkt, aufgerufene Adresse, Browserkennung), um die Seiten auszuliefern und die "
            "Sicherheit zu gewährleisten (Art. 6 Abs. 1 lit. e DSGVO). Die Website bindet keine "
            "Inhalte anderer Anbieter ein und verwendet keine Analysewerkzeuge."
        ),
        h("Cookies"),
        p(
            "Die Website setzt nur Cookies, die für einen von Ihnen gewünschten Dienst unbedingt "
            "erforderlich sind (§ 25 Abs. 2 Nr. 2 TDDDG); dafür ist keine Einwilligung nötig. Beim "
            "Lesen der Seiten, in der Suche, im Kalender, in den Feeds und bei Downloads wird kein "
            "Cookie gesetzt."
        ),
        p(
            "Das Cookie „csrftoken“ setzen nur die Seiten mit einem Formular, das Sie absenden: die "
            "Anmeldung zu einer Veranstaltung, die Anmeldung für Mitglieder (Interner Bereich) und "
            "„Passwort vergessen“. Es enthält eine Zufallszeichenfolge, keine Angaben zu Ihrer Person, "
            "und schützt das Formular davor, dass eine fremde Website es in Ihrem Namen absendet. Es "
            "wird beim Schließen des Browsers gelöscht."
        ),
        p(
            "Das Sitzungs-Cookie „sessionid“ wird nach der Anmeldung im Internen Bereich gesetzt und "
            "hält die Anmeldung fest; ebenso beim Festlegen eines neuen Passworts über den Link aus "
            "der E-Mail, bis das Passwort gespeichert ist. Es gilt bis zum Abmelden, längstens zwei "
            "Wochen."
        ),
        h("Anmeldung zu Veranstaltungen"),
        p(
            "Wenn Sie sich zu einer Veranstaltung anmelden, verarbeiten wir Name, Organisation, "
            "E-Mail-Adresse, Personenzahl und Ihre Anmerkungen, um die Veranstaltung durchzuführen "
            "(Art. 6 Abs. 1 lit. a und b DSGVO). Die Anmeldedaten werden nach der Veranstaltung "
            "automatisch gelöscht."
        ),
        h("Barriere melden"),
        p(
            "Wenn Sie uns über das Formular „Barriere melden“ schreiben, speichern wir Ihre Beschreibung, "
            "die genannte Seite und – falls angegeben – Ihre E-Mail-Adresse, um die Meldung zu bearbeiten "
            "und Ihnen zu antworten (Art. 6 Abs. 1 lit. a und e DSGVO, § 7 BITV 2.0). Die Meldung geht per "
            "E-Mail an die Redaktion. Wir löschen sie ein Jahr nach dem Eingang automatisch. Das Formular "
            "setzt keine Cookies."
        ),
        h("Interner Bereich"),
        p(
            "Für den Zugang zum Internen Bereich verarbeiten wir die Angaben Ihres Zugangs "
            "(Benutzername, Name, E-Mail-Adresse). Welches Cookie die Anmeldung setzt, steht unter "
            "„Cookies“."
        ),
        h("Ihre Rechte"),
        p(
            "Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, "
            "Widerspruch und Datenübertragbarkeit sowie das Recht, sich bei einer "
            "Datenschutz-Aufsichtsbehörde zu beschweren."
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Erklärung zur Barrierefreiheit",
    "slug": "barrierefreiheit",
    "conformance_status": "partial",
    "conformance_text": (
        "<p>Die Website wurde nach den Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA, "
        "gestaltet und automatisiert geprüft. Eine vollständige Prüfung durch eine unabhängige "
        "Stelle steht noch aus.</p>"
    ),
    "non_accessible_content": (
        "<ul><li>Ältere PDF-Dokumente im Bereich „Dokumente“ sind nicht durchgängig barrierefrei. "
        "Auf Anfrage stellen wir die Inhalte in einer zugänglichen Form bereit.</li></ul>"
    ),
    "assessment_method": "Selbstbewertung",
    "feedback_contact": f"Redaktion BLOK {PLACEHOLDER}",
    "feedback_email": "barrierefreiheit@example.org",
    "enforcement_text": (
        "<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie bei "
        "der Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG) einen Antrag auf "
        "ein Schlichtungsverfahren stellen. Die Schlichtungsstelle ist bei der oder dem Beauftragten "
        "der Bundesregierung für die Belange von Menschen mit Behinderungen angesiedelt; das "
        "Verfahren ist kostenfrei.</p>"
    ),
}
