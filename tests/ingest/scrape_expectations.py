"""What reading each scrape in ``scrapes/`` must give: one complete expected value per input.

Every metadata field (a whole :class:`~renderer.model.Metadata`, so a field the reader
fills by mistake fails too), the body in order (paragraphs, subheads, photo captions),
the reader's notes, and page text that must be found nowhere in the article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from renderer.model import Metadata

FAMILY_CHROME = ["Home >", "Início >", "Vai al contenuto", "Ir para o conteúdo",
                 "Naar de hoofdinhoud", "Condividi", "Stampa", "Partilhar", "Imprimir", "Delen",
                 "Afdrukken", "Leggi anche", "Notícias relacionadas", "Lees ook", "Publicado em",
                 "Di Giulia", "Door Sanne"]  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Expected:
    """What reading one scrape must give: every field, the body in order, the notes."""

    metadata: Metadata
    items: list[tuple[str, ...]]
    notes: tuple[str, ...] = ()
    chrome: tuple[str, ...] = ()  # page text (besides the banners) found nowhere in the article


EXPECTED: dict[str, Expected] = {}


def expect(name: str, **fields) -> None:
    EXPECTED[name] = Expected(**fields)


# ----------------------------- U.S. sites, and French, Spanish and German ones

expect(
    "gov-banner-em-dash.txt",
    metadata=Metadata(
        title="Volunteers map flood routes for rural counties",
        section="Press Release",
        date=dt.date(2019, 1, 3),
        authors=("Jane Doe", "John Roe"),
        organization="Army News Service",
        dateline="WASHINGTON",  # an em dash separates it
        publisher=None,  # "an official government organization" names nobody
    ),
    items=[
        ("p", "Engineers from three districts spent the winter charting how water moves "
              "through the river valleys of the northern plains, the agency said Thursday."),
        ("p", "The maps, drawn with help from county road crews, show which bridges close "
              "first when the river rises and which farm roads stay dry."),
        ("p", "“We wanted a picture a dispatcher can read at two in the morning,” said Lena "
              "Ortiz, a hydrologist who led the survey."),
        ("p", "The counties will receive printed atlases in the spring, and the data will be "
              "posted for public use."),
    ],
    chrome=("Home / News / Stories", "Here’s how you know", "WASHINGTON —"),
)
expect(
    "afns-double-dash.txt",
    metadata=Metadata(
        title="Airmen rebuild a runway light system in 36 hours",
        section="Feature",
        date=dt.date(2021, 9, 9),  # "Sept 9, 2021" without the period
        authors=("Tech. Sgt. Marisol Vance",),
        organization="Secretary of the Air Force Public Affairs",
        dateline="WASHINGTON (AFNS)",
        publisher="U.S. Department of Defense",
    ),
    items=[
        ("p", "A team of 14 electricians replaced every approach light on a damaged runway in a "
              "day and a half, finishing ahead of a scheduled cargo arrival."),
        ("p", "The crew worked in two shifts and borrowed cable from a neighboring wing when "
              "their own stock ran short."),
        ("p", '"Nobody slept much, but nobody had to be told what to do next," said Master Sgt. '
              "Owen Pruitt, the crew chief."),
    ],
    chrome=("--", "AFNS) --", "Facebook"),
)
expect(
    "rank-byline-subheads.txt",
    metadata=Metadata(
        title="Tankers train night gunnery on a frozen range",
        section="News",
        date=dt.date(2018, 2, 27),  # the kicker wins over the dateline's date
        authors=("Sgt. 1st Class Dana Whitfield",),
        organization="1st Armored Division Public Affairs",
        dateline="FORT BLISS, Texas, Feb. 26, 2018",
        publisher="U.S. Department of Defense",
    ),
    items=[
        ("p", "Crews from the division's second brigade fired their qualification tables after "
              "dark this week, with temperatures near freezing."),
        ("p", "Each crew had twelve targets to find and engage, some moving and some hidden "
              "behind berms."),
        ("h2", "SAFETY FIRST"),
        ("p", "Range officers halted firing twice when fog rolled in from the arroyos, resuming "
              "once visibility returned."),
        ("p", "The medics stationed at the tower treated only one minor injury during the week."),
        ("h2", "Lessons From the Range"),
        ("p", "Several gunners said the thermal sights made the cold nights easier than the "
              "dusty days."),
        ("p", "The brigade will run the same tables again in April."),
    ],
    chrome=("RELATED LINKS", "Division completes winter exercise",
            "Brigade welcomes new commander", "Article View"),
)
expect(
    "from-byline-no-kicker.txt",
    metadata=Metadata(
        title="Mountain soldiers test new cold-weather boots",
        date=dt.date(2020, 3, 4),  # from the dateline
        organization="10th Mountain Division Public Affairs",  # "From …": no author
        dateline="FORT DRUM, N.Y., March 4, 2020",
        publisher="U.S. Department of Defense",
    ),
    notes=("no kicker line", "no author in the byline"),
    items=[
        ("p", "Soldiers of the division's light infantry companies spent two weeks wearing "
              "prototype boots on snowshoe marches."),
        ("p", "Testers logged blisters, wet socks and frozen laces in a shared notebook after "
              "every march."),
        ("p", "The results go to the Army's clothing program office at the end of the month."),
    ],
    chrome=("Official websites use .mil", "Secure .mil websites use HTTPS", "From 10th"),
)
expect(
    "two-line-byline.txt",
    metadata=Metadata(
        title="Wing opens a repair shop for bicycles on base",
        date=dt.date(2018, 2, 27),  # "Published Feb. 27, 2018"
        authors=("Staff Sgt. Jane Doe",),
        organization="55th Wing Public Affairs",  # the byline's second line
        publisher="U.S. Department of Defense",
    ),
    notes=("no kicker line", "no dateline"),
    items=[
        ("p", "Airmen who ride to work can now bring a flat tire or a loose chain to a small "
              "shop beside the fitness center."),
        ("p", "The shop is run by volunteers on their lunch breaks, and the tools were donated "
              "by a local club."),
        ("p", "“It started with one pump and a sign,” said Airman 1st Class Theo Marsh, who "
              "keeps the schedule."),
    ],
    chrome=("Published",),
)
expect(
    "single-newline-doubled-by.txt",
    metadata=Metadata(
        title="Sailors restore a historic signal lamp for the museum",
        section="News Release",
        date=dt.date(2019, 11, 8),  # an ISO kicker date
        authors=("Karen Olmstead",),  # "By By"
        organization="Naval Surface Force Atlantic Public Affairs",
        dateline="NORFOLK, Va. (NNS)",
        publisher="U.S. Department of Defense",
    ),
    items=[
        ("p", "Two signalmen spent their off-duty evenings bringing a century-old signal "
              "lamp back to working order."),
        ("p", "The lamp had sat in a storeroom since the 1970s, its shutters rusted shut."),
        ("h2", "Finding Parts"),
        ("p", "Replacement lenses came from a retired machinist who still had the original "
              "molds."),
        ("p", "The museum will display the lamp beside a placard telling its story."),
    ],
    chrome=("By By", "Related Stories", "Museum reopens after renovation"),
)
expect(
    "glued-banner-footer.txt",
    metadata=Metadata(
        title="What a field kitchen taught me about leadership",
        section="Commentary",
        date=dt.date(2019, 10, 1),  # "Tuesday, Oct. 1, 2019"
        authors=("Cpl. Ana Reyes",),  # "Story by"
        organization="Marine Corps Installations East",
        dateline="CAMP LEJEUNE, N.C.",
        publisher="U.S. Department of Defense",  # from the banner glued into one line
    ),
    items=[
        ("p", "The first morning I ran the field kitchen, the burners failed and 200 Marines "
              "were waiting for breakfast."),
        ("p", "I had a plan for everything except the thing that actually happened."),
        ("h2", "WHAT WENT WRONG"),
        ("p", "The fuel line had frozen overnight. Nobody had checked it, including me."),
        ("h2", "WHAT I CHANGED"),
        ("p", "Now the first task of every morning belongs to the newest cook, and the second "
              "task is checking their work."),
    ],
    chrome=("Skip to main content", "Article View", "Share:", "LockA locked padlock",
            "Hosted by Defense Media Activity", "Contact Us", "Privacy Policy"),
)
expect(
    "archive-notice-press-release.txt",
    metadata=Metadata(
        title="Depot finishes overhaul of its last steam crane",
        section="Press Release",
        date=dt.date(2019, 1, 3),
        authors=("Marcus Bell",),
        organization="Defense Logistics Agency Public Affairs",
        dateline="SUSQUEHANNA, Pa.",
        publisher="U.S. Department of Defense",
    ),
    items=[
        (
            "p",
            "Workers at the distribution depot this week lowered the boom of the "
            "installation's last steam-powered crane onto a flatbed bound for a railroad museum.",
        ),
        (
            "p",
            "The crane lifted crates on the depot's north siding from 1943 until 1991, when "
            "diesel equipment replaced it.",
        ),
        (
            "p",
            "Volunteers from the museum spent three weekends removing asbestos lagging under "
            "the supervision of the depot's safety office.",
        ),
        (
            "p",
            '"It is the last thing on this base that remembers coal," said Ruth Adair, the '
            "depot's historian.",
        ),
    ],
    chrome=(
        "ARCHIVED CONTENT",
        "archived content",
        "out of date",
        "historical collection",
        "no longer updated",
        "Newsroom",
        "Press Release | Jan. 3, 2019",
    ),
)
expect(
    "nns-dateline-own-line.txt",
    metadata=Metadata(
        title="Corpsmen teach bleeding control to middle school staff",
        section="News Story",
        date=dt.date(2018, 2, 27),
        authors=("Mass Communication Specialist 2nd Class Erin Castillo",),
        organization="Naval Medical Center Portsmouth Public Affairs",  # second line
        dateline="NORFOLK, Va. (NNS)",
        publisher="U.S. Department of Defense",
    ),
    items=[
        (
            "p",
            "Hospital corpsmen from the medical center spent a teacher workday showing 60 "
            "school employees how to pack a wound and apply a tourniquet.",
        ),
        (
            "p",
            "Each teacher practiced on a foam limb until the instructors were satisfied with "
            "the pressure and placement.",
        ),
        ("h2", "Why Schools"),
        (
            "p",
            "Corpsmen said the idea came from a parent who works in the emergency department "
            "and wanted trained hands in every hallway.",
        ),
        ("p", "The school district plans to repeat the class for bus drivers in the fall."),
    ],
    chrome=(
        "(NNS) --",
        "Navy > News",
        "Photo Details",
        "Download Full Image",
        "Related Links",
        "Corpsmen join community health fair",
        "archived",
    ),
)
expect(
    "army-photo-captions.txt",
    metadata=Metadata(
        title="Reservists clear a backlog of cargo at a Gulf port",
        date=dt.date(2018, 5, 4),  # the bare date line, not the caption's May 3
        authors=("Spc. Jane Roe",),
        organization="311th Expeditionary Sustainment Command",
        dateline="GULFPORT, Miss.",
        publisher="U.S. Department of Defense",
    ),
    notes=("no kicker line",),
    items=[
        (
            "caption",
            "Soldiers unload supplies at the port, May 3, 2018.",
            "U.S. Army photo by Spc. Jane Roe",
        ),
        (
            "p",
            "Reserve Soldiers from three transportation companies moved 400 containers off "
            "the docks in five days, clearing a backlog left by a spring storm.",
        ),
        (
            "p",
            "The units train at the port each year, but this was the first time their work "
            "went straight to relief agencies.",
        ),
        (
            "caption",
            "A forklift operator guides a container onto a trailer during the night shift.",
            "U.S. Army photo by Staff Sgt. Luis Ortega",
        ),
        ("h2", "LONG NIGHTS"),
        (
            "p",
            "Crews worked 12-hour shifts, handing over at dawn and dusk so the cranes never "
            "stopped.",
        ),
        (
            "p",
            '"We counted every box twice, because a missing pallet of water is somebody\'s '
            'missing water," said 1st Lt. Priya Natarajan, a platoon leader.',
        ),
        (
            "caption",
            "Volunteers from a local church served dinner to the night shift on the last "
            "evening.",
            "Courtesy photo",
        ),
    ],
    chrome=(
        "GULFPORT, Miss. --",
        "Photo Details",
        "Download Full Image",
        "RELATED LINKS",
        "Army Reserve at 110 years",
        "May 4, 2018",
    ),
)
expect(
    "french-marine.txt",
    metadata=Metadata(
        title="Un patrouilleur rentre à Brest après quatre mois en mer",
        section="Actualités",
        date=dt.date(2015, 5, 6),  # "6 mai 2015"
        authors=("Jeanne Dupont",),  # "Par", not "By"
        organization="Service de presse de la Marine",
        dateline="BREST, France",
    ),
    items=[
        (
            "p",
            "Le patrouilleur est rentré mercredi matin dans sa base de Brest, après une "
            "mission de quatre mois dans le golfe de Guinée, où il a participé à la lutte "
            "contre la pêche illégale.",
        ),
        (
            "p",
            "L’équipage de 45 marins a contrôlé une trentaine de navires de pêche et a porté "
            "assistance à un cargo en avarie au large des côtes.",
        ),
        (
            "caption",
            "Des familles attendent l’arrivée du bâtiment sur le quai, le 6 mai 2015.",
            "Photo Marine nationale / Paul Martin",
        ),
        ("h2", "UNE MISSION DE LONGUE DURÉE"),
        (
            "p",
            "Pour le commandant, le plus difficile a été la chaleur dans les compartiments "
            "des machines, où la température dépassait souvent les 50 degrés.",
        ),
        (
            "p",
            "« Les marins ont tenu le rythme du début à la fin, et je suis fier de ce qu’ils "
            "ont fait », a déclaré le capitaine de frégate Luc Morel, qui commande le bâtiment.",
        ),
        (
            "p",
            "Le patrouilleur doit reprendre la mer à la fin de l’été, après un arrêt "
            "technique au bassin.",
        ),
    ],
    chrome=(
        "Aller au contenu",
        "Accueil",
        "Partager",
        "Imprimer",
        "Voir aussi",
        "Une frégate en escale à Dakar",
        "Par Jeanne",
        "BREST, France —",
    ),
)
expect(
    "spanish-armada.txt",
    metadata=Metadata(
        title="Un buque escuela zarpa con cadetes de diez países",
        date=dt.date(2019, 3, 12),  # "Publicado el 12 de marzo de 2019"
        authors=("Ana María Ruiz",),
        organization="Oficina de Prensa de la Armada",
        dateline="VALPARAÍSO, Chile",
    ),
    notes=("no kicker line",),
    items=[
        (
            "p",
            "El buque escuela zarpó el martes desde el puerto de Valparaíso con 90 cadetes de "
            "diez países a bordo, para un crucero de instrucción de cinco meses por el "
            "océano Pacífico.",
        ),
        (
            "p",
            "Los cadetes aprenderán navegación astronómica, maniobras con velas y trabajo en "
            "equipo en condiciones de mar abierto.",
        ),
        (
            "caption",
            "Cadetes forman en la cubierta del buque antes de zarpar, el 12 de marzo de 2019.",
            "Foto: Armada / Jorge Soto",
        ),
        (
            "p",
            "La tripulación permanente, de 150 marinos, se encargará de la instrucción "
            "durante la travesía.",
        ),
        (
            "p",
            "El buque hará escala en seis puertos, donde los cadetes participarán en "
            "actividades con las marinas de cada país.",
        ),
    ],
    chrome=(
        "Ir al contenido",
        "Inicio /",
        "Compartir",
        "Imprimir",
        "Publicado el",
        "Noticias relacionadas",
        "La Armada celebra su aniversario",
    ),
)
expect(
    "german-marine-single-newline.txt",
    metadata=Metadata(
        title="Minenjagdboot kehrt nach Kiel zurück",
        section="Aktuelles",
        date=dt.date(2020, 10, 14),  # "14. Oktober 2020"
        authors=("Jana Roth",),  # "Von"
        organization="Presse- und Informationszentrum Marine",
        dateline="KIEL",
    ),
    items=[
        (
            "p",
            "Das Minenjagdboot ist am Mittwoch nach einem halben Jahr im Einsatzverband der "
            "NATO in der Ostsee wieder in den Heimathafen eingelaufen.",
        ),
        (
            "p",
            "Die Besatzung hat in dieser Zeit mehr als 40 Altlasten aus dem Zweiten Weltkrieg "
            "auf dem Meeresboden gefunden und für die Räumung markiert.",
        ),
        (
            "caption",
            "Angehörige warten am Tirpitzhafen auf die Besatzung, 14. Oktober 2020.",
            "Foto: Bundeswehr / Tom Weber",
        ),
        (
            "p",
            "„Die Zusammenarbeit mit den Partnern war hervorragend und sehr eng“, sagte der "
            "Kommandant, Korvettenkapitän Jens Albers.",
        ),
        (
            "p",
            "Das Boot geht nun für zwei Monate in die Werft, bevor die Ausbildung für den "
            "nächsten Einsatz beginnt.",
        ),
    ],
    chrome=(
        "Zum Inhalt springen",
        "Startseite",
        "Teilen",
        "Drucken",
        "Mehr zum Thema",
        "Marine übt mit Partnern in der Nordsee",
        "KIEL –",
    ),
)

# ------------------------------------------------ Italian, Portuguese, Dutch

expect(
    "italian-marina.txt",
    metadata=Metadata(
        title="La Marina prova un nuovo radar costiero",
        section="Notizie",
        date=dt.date(2020, 3, 3),  # "3 marzo 2020"
        authors=("Giulia Rossi",),  # "Di", not "By"
        dateline="LA SPEZIA",
    ),
    items=[
        ("p", "La Marina Militare ha provato lunedì un nuovo radar costiero nella base navale "
              "della città, secondo fonti ufficiali."),
        ("p", "Il sistema rileva piccole imbarcazioni a più di quaranta chilometri di distanza, "
              "anche con il maltempo e il mare grosso."),
        ("caption", "I tecnici controllano l’antenna sulla torre del porto, il 2 marzo 2020.",
         "Foto: Marina Militare / Luca Bianchi"),
        ("h2", "LE PROVE IN MARE"),
        ("p", "Le prove sono durate tre settimane e hanno incluso esercitazioni notturne con "
              "pattugliatori ed elicotteri della flotta."),
        ("p", "«Il radar ha visto tutto quello che doveva vedere», ha detto il capitano di "
              "fregata Marco Neri, che ha guidato le prove."),
    ],
    chrome=(*FAMILY_CHROME, "Una fregata in visita a Napoli", "LA SPEZIA --"),
)  # fmt: skip
expect(
    "portuguese-marinha.txt",
    metadata=Metadata(
        title="Navio-escola parte de Lisboa com cadetes de seis países",
        date=dt.date(2021, 9, 10),  # "Publicado em 10 de setembro de 2021"
        authors=("João Pereira",),
        organization="Gabinete de Imprensa da Marinha",
        dateline="LISBOA, Portugal",
    ),
    notes=("no kicker line",),
    items=[
        ("p", "O navio-escola largou na quarta-feira do porto de Lisboa com 70 cadetes de seis "
              "países a bordo, para uma viagem de instrução de quatro meses pelo oceano "
              "Atlântico."),
        ("p", "Os cadetes vão aprender navegação astronómica, manobra de velas e trabalho de "
              "equipa em mar aberto."),
        ("caption", "Cadetes formam no convés do navio antes da partida, em 10 de setembro de "
                    "2021.", "Foto: Marinha / Rui Costa"),
        ("p", "A guarnição permanente, de 120 militares, fica responsável pela instrução durante "
              "a travessia."),
        ("p", "O navio vai fazer escala em cinco portos, onde os cadetes participam em atividades "
              "com as marinhas de cada país."),
    ],
    chrome=(*FAMILY_CHROME, "A Marinha celebra", "LISBOA, Portugal —"),
)  # fmt: skip
expect(
    "dutch-marine.txt",
    metadata=Metadata(
        title="Mijnenjager keert terug in Den Helder",
        section="Nieuws",
        date=dt.date(2020, 10, 14),  # "14 oktober 2020"
        authors=("Sanne de Vries",),  # "Door"
        organization="Communicatie Koninklijke Marine",
        dateline="DEN HELDER",
    ),
    items=[
        ("p", "De mijnenjager is woensdag na een half jaar bij een eskader van de NAVO op de "
              "Noordzee teruggekeerd in de thuishaven."),
        ("p", "De bemanning vond in die tijd meer dan 30 explosieven uit de Tweede "
              "Wereldoorlog op de zeebodem en markeerde die voor ruiming."),
        ("caption", "Familieleden wachten op de kade op de bemanning, 14 oktober 2020.",
         "Foto: Defensie / Tim Bakker"),
        ("p", "„De samenwerking met de partners was uitstekend en heel nauw”, zei de commandant, "
              "kapitein-luitenant ter zee Joris Visser."),
        ("p", "Het schip gaat nu twee maanden naar de werf, voordat de opleiding voor de "
              "volgende inzet begint."),
    ],
    chrome=(*FAMILY_CHROME, "Marine oefent met partners", "DEN HELDER —"),
)  # fmt: skip


# ------------------------------------------- site name and breadcrumbs above the title

expect(
    "logo-line-above-kicker.txt",  # the site's name as a line of its own (audit 23, var/a)
    metadata=Metadata(
        title="ISIL losing ground, officials say",
        section="News",
        date=dt.date(2015, 5, 6),
        authors=("Army Staff Sgt. Jane Doe",),
        organization="3rd Infantry Division Public Affairs",
        dateline="WASHINGTON",
        publisher="U.S. Department of Defense",
    ),
    items=[
        ("p", "The coalition said “we are winning” -- and the ‘group’ is “on the defensive.”"),
        ("p", "Second paragraph here with more words to make it a paragraph of the story."),
    ],
)
expect(
    "nav-lines-above-kicker.txt",  # "Home", "News", "Releases" one per line (audit 23, var/c)
    metadata=Metadata(
        title="ISIL losing ground, officials say",
        section="News",
        date=dt.date(2015, 5, 6),
        authors=("John Redfield",),
        organization="U.S. Central Command Public Affairs",
        dateline="WASHINGTON",
    ),
    items=[
        ("p", "The coalition said “we are winning” and the group is on the defensive."),
        ("p", "Second paragraph here with more words to make it a paragraph of the story."),
    ],
)
expect(
    "army-breadcrumbs-one-per-line.txt",  # army.mil: crumbs, no kicker (audit 456, in/army)
    metadata=Metadata(
        title="Soldiers train for cold weather operations at Fort Drum",
        date=dt.date(2020, 3, 3),
        authors=("Sgt. 1st Class Maria Lopez",),
        dateline="FORT DRUM, N.Y.",
    ),
    notes=("no kicker line",),
    items=[
        ("caption", "Soldiers from the 10th Mountain Division ski across a frozen field at Fort "
                    "Drum, N.Y., Feb. 27, 2020.", "U.S. Army photo by Spc. Tom Jones"),
        ("p", "Soldiers of the 10th Mountain Division spent two weeks learning to live and fight "
              "in temperatures far below freezing this winter."),
        ("p", "The training included skiing, snowshoeing and building shelters from snow, "
              "instructors said."),
        ("h2", "Lessons From the Cold"),
        ("p", "\"You learn fast when your fingers stop working,\" said Pvt. Sam Ortiz, a rifleman "
              "with the division."),
        ("p", "Instructors said the course will run again next year with more units."),
    ],
    chrome=("10th Mountain Division\n", "Army Cold Weather Training", "RELATED LINKS"),
)  # fmt: skip


# ------------------- real-shaped .mil/.gov scrapes (public-domain sites; our own stories)

# army.mil: the site name and a search box above the breadcrumbs, a byline with the date glued
# to the organization, a photo viewer's chrome (Show/Hide Caption, Photo Credit, VIEW ORIGINAL)
# between the header and the story, a sentence-case subhead.
expect(
    "army-mil-photo-chrome.txt",
    metadata=Metadata(
        title="Engineers bridge the Tanana River in record time",
        date=dt.date(2024, 4, 12),
        authors=("Sgt. 1st Class Maria Delgado",),
        organization="11th Airborne Division Public Affairs",
        dateline="FORT WAINWRIGHT, Alaska",
        publisher="U.S. Department of Defense",
    ),
    notes=("no kicker line", "not the title, dropped as site chrome: 12 lines"),
    items=[
        ("caption", "Soldiers assigned to the 6th Brigade Engineer Battalion lower a bridge "
                    "section into the Tanana River near Fort Wainwright, Alaska, April 9, 2024.",
                    "U.S. Army photo by Sgt. Kyle Benson"),
        ("caption", "A bridge erection boat pushes an interior bay into place during the crossing "
                    "exercise.",
                    "U.S. Army photo by Sgt. Kyle Benson"),
        ("p", "Engineers from the 6th Brigade Engineer Battalion put a 210-meter floating "
              "bridge across the Tanana River on Tuesday, finishing the span in just under "
              "five hours."),
        ("p", "The crossing was the first time the battalion had bridged the river while ice "
              "still ran in the main channel, and crews had to time each bay launch between "
              "floes."),
        ("p", "“The river sets the schedule, not us,” said Capt. Owen Marsh, the bridge "
              "company commander. “We watched the ice for two days before we picked the "
              "window.”"),
        ("h2", "Ice on the river"),
        ("p", "Bridge erection boats pushed the bays into place while spotters on the bank "
              "called out floes large enough to damage the hull."),
        ("p", "Two bays were pulled back to shore and relaunched after a floe struck the "
              "line, adding about forty minutes to the exercise."),
        ("p", "Once the span was complete, a convoy of Stryker vehicles crossed to the far "
              "bank and returned, testing the bridge under its full rated load."),
        ("p", "The battalion plans a second crossing in June, when the river is higher and "
              "faster but free of ice."),
    ],
    chrome=(
        "Show Caption",
        "Hide Caption",
        "VIEW ORIGINAL",
        "Photo Credit",
        "RELATED LINKS",
        "Share on",
        "Search Army.mil",
        "AffairsApril",
    ),
)  # fmt: skip

# DVIDS: the photo above the headline, "Story by", the unit on its own line, "04.12.2024"
# (month first on a U.S. page), the story's facts (Date Posted, News ID, Location) and a place line.
expect(
    "dvids-story.txt",
    metadata=Metadata(
        title="Reserve engineers clear a flooded training area at Camp Ripley",
        date=dt.date(2024, 4, 12),
        authors=("Sgt. Anna Kowalski",),
        organization="416th Theater Engineer Command",
        dateline="CAMP RIPLEY, Minn.",
    ),
    notes=("no kicker line", "not the title, dropped as site chrome: 15 lines"),
    items=[
        ("p", "Army Reserve engineers spent the first week of April reopening a training area "
              "that spring flooding had closed for most of the past year."),
        ("p", "Soldiers from three engineer companies graded more than four miles of trail, "
              "replaced eleven culverts and rebuilt a low-water crossing that had washed out "
              "in March."),
        ("p", "“Most of our Soldiers do this kind of work in their civilian jobs, so the "
              "exercise let them teach each other,” said Lt. Col. Dana Whitmore, the "
              "battalion commander."),
        ("p", "The work was planned with the state’s natural resources office, which asked "
              "the units to keep heavy equipment out of a wetland along the Crow Wing River."),
        ("p", "Range control expects to reopen the area to units in May, in time for the "
              "summer training season."),
    ],
    chrome=(
        "Story by",
        "Date Posted",
        "News ID",
        "Location:",
        "Web Views",
        "PUBLIC DOMAIN",
        "MORE LIKE THIS",
        "Photo By",
        "04.12.2024",
    ),
)  # fmt: skip

# af.mil: "By … / Published DATE", a caption and "Download Full Image", the AFNS dateline alone.
expect(
    "af-mil-afns.txt",
    metadata=Metadata(
        title="Airmen restore a C-130 after a hard landing",
        date=dt.date(2024, 4, 12),
        authors=("Staff Sgt. Lena Ortiz",),
        organization="86th Airlift Wing Public Affairs",
        dateline="RAMSTEIN AIR BASE, Germany (AFNS)",
        publisher="U.S. Department of Defense",
    ),
    notes=("no kicker line", "not the title, dropped as site chrome: 12 lines"),
    items=[
        ("caption", "Maintainers from the 86th Maintenance Group replace a wing panel on a C-130J "
                    "Super Hercules at Ramstein Air Base, Germany, April 3, 2024.",
                    "U.S. Air Force photo by Airman 1st Class Noah Pierce"),
        ("p", "Maintainers at Ramstein Air Base returned a C-130J Super Hercules to flying "
              "status this week, six weeks after a hard landing cracked a wing panel and bent "
              "two flap tracks."),
        ("p", "The repair normally goes to a depot, but a team of structural technicians did "
              "the work on base with parts flown in from the United States."),
        ("p", "“Every day that aircraft sits is a day the wing is short a tail,” said Master "
              "Sgt. Aaron Kimball, the repair team chief. “We had the skills here, so we kept "
              "it here.”"),
        ("p", "Engineers from the Air Force Life Cycle Management Center reviewed each step "
              "by video call, approving the repair plan one panel at a time."),
        ("p", "The aircraft flew a functional check flight on Monday and returned to the "
              "wing’s schedule the next day."),
    ],
    chrome=(
        "Article Display",
        "Download Full Image",
        "/ Published",
        "Related Articles",
        "(AFNS) --",
    ),
)  # fmt: skip

# navy.mil: the date above "From RANK NAME, ORG" (Navy News Service), the NNS dateline alone.
expect(
    "navy-mil-nns.txt",
    metadata=Metadata(
        title="Sailors aboard USS Mason rescue fishermen from a sinking dhow",
        date=dt.date(2024, 4, 15),
        authors=("Mass Communication Specialist 2nd Class Jordan Ellis",),
        organization="USS Mason Public Affairs",
        dateline="ARABIAN SEA (NNS)",
        publisher="U.S. Department of Defense",
    ),
    notes=("no kicker line", "not the title, dropped as site chrome: 7 lines"),
    items=[
        ("p", "Sailors assigned to the guided-missile destroyer USS Mason (DDG 87) rescued "
              "seven fishermen from a sinking dhow in the Arabian Sea, April 13."),
        ("p", "The ship’s lookouts spotted the dhow low in the water shortly after sunrise "
              "and Mason launched a rigid-hull inflatable boat with a boarding team and a "
              "corpsman."),
        ("p", "“The crew had been bailing all night,” said Chief Hospital Corpsman Reyna "
              "Salazar. “They were exhausted, but nobody was hurt.”"),
        ("p", "The fishermen were brought aboard, given food, water and medical checks, and "
              "later transferred to a coast guard vessel of their home country."),
        ("p", "Mason is deployed to the U.S. 5th Fleet area of operations to help ensure "
              "maritime security and stability in the Middle East region."),
        ("p", "For more news from USS Mason, visit the ship’s page."),
    ],
    chrome=("From Mass", "News Stories", "Related Content", "15 April 2024", "(NNS) --"),
)  # fmt: skip

# marines.mil: "By NAME | UNIT | DATE", a photo with its caption after the story.
expect(
    "marines-mil-pipe-byline.txt",
    metadata=Metadata(
        title="Marines practice casualty evacuation from a moving convoy",
        date=dt.date(2024, 4, 12),
        authors=("Lance Cpl. Evan Brooks",),
        organization="2nd Marine Division",
        dateline="CAMP LEJEUNE, N.C.",
        publisher="U.S. Department of Defense",
    ),
    notes=("no kicker line", "not the title, dropped as site chrome: 10 lines"),
    items=[
        ("p", "Marines with 2nd Combat Engineer Battalion practiced evacuating casualties "
              "from a moving convoy during a field exercise at Camp Lejeune, April 8 to 11."),
        ("p", "Each vehicle crew had to treat a simulated casualty, call for a medical "
              "evacuation and move the patient to a landing zone while the convoy kept "
              "moving."),
        ("p", "“In a real fight, stopping the whole convoy for one casualty puts everyone at "
              "risk,” said Gunnery Sgt. Luis Ferreira, the exercise planner."),
        ("p", "Navy corpsmen assigned to the battalion graded each crew and ran a short "
              "review after every iteration."),
        ("p", "The battalion will repeat the exercise at night later this month."),
        ("caption", "Marines and Sailors with 2nd Combat Engineer Battalion load a simulated "
                    "casualty onto a vehicle during a field exercise at Camp Lejeune, N.C., April "
                    "9, 2024.",
                    "U.S. Marine Corps photo by Lance Cpl. Evan Brooks"),
    ],
    chrome=(
        "Photo Details",
        "Related Stories",
        "2nd Marine Division |",
        "Official Website of the United States Marine Corps",
    ),
)  # fmt: skip

# defense.gov: a historical-collection notice above the breadcrumbs, an archive notice
# below the story.
expect(
    "defense-gov-historical.txt",
    metadata=Metadata(
        title="Guard units help towns dig out after a late-winter blizzard",
        section="News",
        date=dt.date(2016, 3, 3),
        authors=("Terri Moon Cronk",),
        organization="DoD News, Defense Media Activity",
        dateline="WASHINGTON, March 3, 2016",
        publisher="U.S. Department of Defense",
    ),
    notes=(),
    items=[
        ("p", "National Guard units in four states spent the week clearing roads and "
              "delivering supplies to towns cut off by a late-winter blizzard, Guard "
              "officials said today."),
        ("p", "More than 1,200 Guard members were on duty at the height of the storm, running "
              "high-axle vehicles to hospitals and carrying fuel to farms that had lost "
              "power."),
        ("p", "“Our Soldiers and Airmen live in these towns,” said Army Maj. Gen. Ellen "
              "Harte, one of the state adjutants general. “They were clearing their "
              "neighbors’ roads.”"),
        ("h2", "Helicopters at Risk"),
        ("p", "Two helicopters flew medical evacuations on the first night, when ground "
              "routes were closed, and crews waited out the worst gusts on the ground at a "
              "county airport."),
        ("p", "Officials said most units would return home by the weekend, once state road "
              "crews had reopened the main highways."),
    ],
    chrome=(
        "historical collection",
        "archived content",
        "Hosted by",
        "Related Links",
        "News | March 3, 2016",
    ),
)  # fmt: skip

# A site's name and its search box above the headline, "Published …" above the byline.
expect(
    "site-name-search-box.txt",
    metadata=Metadata(
        title="Corps reopens the lock at Lake Providence after repairs",
        date=dt.date(2024, 4, 12),
        authors=("Hannah Reyes",),
        organization="Vicksburg District",
        dateline="VICKSBURG, Miss.",
        publisher="U.S. Department of Defense",
    ),
    notes=("no kicker line", "not the title, dropped as site chrome: 12 lines"),
    items=[
        ("p", "The U.S. Army Corps of Engineers Vicksburg District reopened the lock at Lake "
              "Providence to barge traffic on Thursday after three weeks of repairs to its "
              "lower miter gates."),
        ("p", "Divers found that a seal on one gate had worn through, letting water bypass "
              "the gate and scour the concrete beneath it."),
        ("p", "Crews installed a new seal, patched the scoured area and tested the gates "
              "through more than twenty cycles before the lock was reopened."),
        ("p", "“The towboat operators worked with us the whole time,” said Lockmaster Greg "
              "Tillman. “They planned around the closure, and we kept them posted every day.”"),
        ("p", "The district will inspect the upper gates during the next low-water period in "
              "the fall."),
    ],
    chrome=(
        "Search USACE",
        "Published April",
        "Public Affairs Office",
        "601-631-5053",
        "News Releases",
    ),
)  # fmt: skip


# ------------------------------- other sites' shapes (our own stories)

# A news site: menu words above the headline ("Sections", "Premium"), a deck, a byline with
# the date glued to the name, a "Related:" link between paragraphs (dropped, the story goes
# on), then popular stories, a comment thread and a footer.
expect(
    "news-site-related-mid-story.txt",
    metadata=Metadata(
        title="Volunteers count the last wild orchids of a county meadow",
        subtitle=("Counting by hand, a dozen botanists found fewer plants than a decade ago, "
                  "and more of a rare species."),
        date=dt.date(2017, 1, 13),
        authors=("HELEN MARSH",),
    ),
    notes=("no kicker line", "no dateline", "not the title, dropped as site chrome: 13 lines"),
    items=[
        ("p", "The meadow behind the county fairground has been mown twice a year since the "
              "1950s, and every spring it fills with orchids that grow almost nowhere else in "
              "the region."),
        ("p", "On Saturday, a dozen volunteer botanists walked it in a line, arm's length "
              "apart, and counted every flowering stem they could find."),
        ("p", "They found 3,410 stems, about a fifth fewer than the last full count in 2007, "
              "but the rarest of the six species on the site had more than doubled."),
        ("p", '"A meadow like this is a kind of agreement between people and plants," said '
              'Ruth Adair, who has led the count since it began. "The mowing keeps the shrubs '
              'out, and the orchids have learned to live with it."'),
        ("p", "The county plans to keep the mowing schedule and to fence a corner of the site "
              "where deer have been grazing the flower spikes."),
        ("p", "The next full count is planned for 2027."),
    ],
    chrome=("Related:", "How a mowing schedule", "14 comments", "Most Popular", "Jim P. wrote",
            "Sandra K.", "JAN. 13", "Accessibility links", "Premium"),
)  # fmt: skip


# A blog post: "Oct 18, 2019 · 8 min read" and the author's name on its own line under the
# headline, sentence-case subheads, then the next posts with their own dates and authors.
expect(
    "blog-read-time-teasers.txt",
    metadata=Metadata(
        title="How we moved our build from nine minutes to ninety seconds",
        date=dt.date(2019, 10, 18),
        authors=("Priya Natarajan",),
    ),
    notes=(
        "no kicker line",
        "no dateline",
        "not the title, dropped as site chrome: 'Sign up for our newsletter'",
    ),
    items=[
        ("p", "Our continuous integration used to take nine minutes for a change of one line, "
              "and most of that time was spent downloading the same packages again."),
        ("p", "We started by measuring. Each step of the build wrote its start and end time "
              "to a log, and a small script turned the log into a chart we could read at a "
              "glance."),
        ("p", "The chart showed three problems: a cold package cache, tests that ran one "
              "after another although they did not depend on each other, and a documentation "
              "step that rebuilt every page on every change."),
        ("h2", "Caching what does not change"),
        ("p", "We keyed the package cache on the lock file, so a change to the code no longer "
              "threw the cache away. That alone saved four minutes."),
        ("h2", "Running tests side by side"),
        ("p", "We split the tests into four groups of about equal running time and ran the "
              "groups on separate machines. The slowest group now finishes in fifty seconds."),
        ("p", "The documentation step now rebuilds only the pages whose sources changed, and "
              "the full build runs once a night instead."),
        ("p", "None of this was clever, but all of it was measured first, and that is the "
              "part we would do again."),
    ],
    chrome=("8 min read", "More from the blog", "Why we stopped writing", "Tomas Berg",
            "Thanks for reading"),
)  # fmt: skip
