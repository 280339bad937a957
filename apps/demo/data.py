"""Exempelkommun: a fictional kommun of about 25 000 inhabitants, for demos and manual tests.

Units are (ansvarskod, kind, name, short name, children); all valid from 2019-01-01 unless
a dict of extra fields says otherwise.
"""

from __future__ import annotations

import datetime as dt

MUNICIPALITY = {"name": "Exempelkommun", "kommunkod": "9999", "population": 25_340}

DEFAULT_VALID_FROM = dt.date(2019, 1, 1)

ORGANISATION = (
    "100", "kf", "Kommunfullmäktige", "KF", {}, [
        ("1000", "ks", "Kommunstyrelsen", "KS", {"position": 10}, [
            ("1100", "forvaltning", "Kommunledningsförvaltningen", "KLF", {}, [
                ("1110", "verksamhet", "Ekonomiavdelningen", "Ekonomi", {}, []),
                ("1120", "verksamhet", "HR-avdelningen", "HR", {}, []),
                ("1130", "verksamhet", "Kansliavdelningen", "Kansli", {}, []),
                ("1140", "verksamhet", "Näringsliv och kommunikation", "Näringsliv", {}, []),
            ]),
        ]),
        ("2000", "namnd", "Barn- och utbildningsnämnden", "BUN", {"position": 20}, [
            ("2100", "forvaltning", "Barn- och utbildningsförvaltningen", "BUF", {}, [
                ("2110", "verksamhet", "Förskola", "Förskola", {}, [
                    ("2111", "enhet", "Förskolan Solrosen", "Solrosen", {}, []),
                    ("2112", "enhet", "Förskolan Lärkan", "Lärkan", {}, []),
                    ("2113", "enhet", "Förskolan Blåklinten", "Blåklinten",
                     {"valid_to": dt.date(2025, 6, 30),
                      "description": "Stängd sommaren 2025; barnen flyttade till Förskolan Lärkan."},
                     []),
                ]),
                ("2120", "verksamhet", "Grundskola", "Grundskola", {}, [
                    ("2121", "enhet", "Norrskolan F–6", "Norrskolan", {}, []),
                    ("2122", "enhet", "Söderskolan F–9", "Söderskolan", {}, []),
                    ("2123", "enhet", "Centralskolan 7–9", "Centralskolan", {}, []),
                ]),
                ("2130", "verksamhet", "Gymnasium och vuxenutbildning", "Gymnasium", {}, [
                    ("2131", "enhet", "Exempelgymnasiet", "Gymnasiet", {}, []),
                    ("2132", "enhet", "Vuxenutbildningen", "Komvux", {}, []),
                ]),
            ]),
        ]),
        ("3000", "namnd", "Socialnämnden", "SN", {"position": 30}, [
            ("3100", "forvaltning", "Socialförvaltningen", "SOF", {}, [
                ("3110", "verksamhet", "Individ- och familjeomsorg", "IFO", {}, [
                    ("3111", "enhet", "Barn och unga", "Barn och unga", {}, []),
                    ("3112", "enhet", "Försörjningsstöd och arbetsmarknad", "Försörjningsstöd", {}, []),
                ]),
                ("3120", "verksamhet", "Äldreomsorg", "Äldreomsorg", {}, [
                    ("3121", "enhet", "Hemtjänsten", "Hemtjänst", {}, []),
                    ("3122", "enhet", "Särskilt boende Linden", "Linden", {}, []),
                    ("3123", "enhet", "Särskilt boende Eken", "Eken", {}, []),
                ]),
                ("3130", "verksamhet", "Stöd och service LSS", "LSS", {}, [
                    ("3131", "enhet", "Gruppbostäder", "Gruppbostäder", {}, []),
                    ("3132", "enhet", "Daglig verksamhet", "Daglig verksamhet", {}, []),
                ]),
            ]),
        ]),
        ("4000", "namnd", "Kultur- och fritidsnämnden", "KFN", {"position": 40}, [
            ("4100", "forvaltning", "Kultur- och fritidsförvaltningen", "KFF", {}, [
                ("4110", "verksamhet", "Bibliotek", "Bibliotek", {}, [
                    ("4111", "enhet", "Huvudbiblioteket", "Huvudbiblioteket", {}, []),
                ]),
                ("4120", "verksamhet", "Fritid och idrott", "Fritid", {}, [
                    ("4121", "enhet", "Sim- och sporthallen", "Sporthallen", {}, []),
                    ("4122", "enhet", "Fritidsgården Ungdomens hus", "Ungdomens hus", {}, []),
                ]),
            ]),
        ]),
        ("5000", "namnd", "Samhällsbyggnadsnämnden", "SBN", {"position": 50}, [
            ("5100", "forvaltning", "Samhällsbyggnadsförvaltningen", "SBF", {}, [
                ("5110", "verksamhet", "Plan och exploatering", "Plan", {}, []),
                ("5120", "verksamhet", "Gata och park", "Gata/park", {}, []),
                ("5130", "verksamhet", "Fastighet", "Fastighet", {}, []),
            ]),
        ]),
        ("6000", "namnd", "Miljö- och byggnämnden", "MBN", {"position": 60}, [
            ("6100", "forvaltning", "Miljö- och byggförvaltningen", "MBF", {}, [
                ("6110", "verksamhet", "Miljö och hälsoskydd", "Miljö", {}, []),
                ("6120", "verksamhet", "Bygglov", "Bygglov", {}, []),
            ]),
        ]),
        ("7000", "namnd", "Tekniska nämnden", "TN", {"position": 70}, [
            ("7100", "forvaltning", "Tekniska förvaltningen", "TF", {}, [
                ("7110", "verksamhet", "Vatten och avlopp", "VA", {}, []),
                ("7120", "verksamhet", "Avfall och återvinning", "Avfall", {}, []),
                ("7130", "verksamhet", "Kost och städ", "Kost/städ", {}, []),
            ]),
        ]),
        ("7500", "namnd", "Valnämnden", "VN", {"position": 80}, []),
        ("8100", "bolag", "Exempelkommun Bostäder AB", "EBAB", {"position": 90}, [
            ("8110", "verksamhet", "Förvaltning och uthyrning", "Uthyrning", {}, []),
        ]),
        ("8200", "bolag", "Exempelkommun Energi AB", "EEAB", {"position": 91}, []),
    ],
)  # fmt: skip

DEMO_PASSWORD = "demo"

# username, first name, last name, role, ansvarskod of the unit (None: the whole kommun), title
USERS = (
    ("admin", "Maria", "Lind", "administrator", None, "systemförvaltare"),
    ("ekonom", "Erik", "Ekström", "ekonom", None, "controller på ekonomiavdelningen"),
    ("politiker", "Pia", "Persson", "lasare", None, "ledamot i kommunfullmäktige"),
    ("redaktor", "Rasmus", "Berg", "redaktor", "2000", "verksamhetscontroller, barn och utbildning"),
    ("redaktor2", "Sara", "Holm", "redaktor", "3000", "verksamhetscontroller, socialtjänst"),
)  # fmt: skip

REASON = "Demodata för Exempelkommun"
