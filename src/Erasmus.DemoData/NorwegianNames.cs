namespace Erasmus.DemoData;

/// <summary>A county of today's structure with a rough share of the population and some of its municipalities.</summary>
internal sealed record DemoCounty(string Number, string Name, double Weight, string[] Municipalities);

/// <summary>
/// Norwegian geography and name patterns for generated organisations: real municipalities per
/// county (2024 structure), and the way schools, kindergartens, training offices, clubs and firms
/// are usually named. Municipalities where nynorsk is the usual written form get nynorsk names.
/// </summary>
internal static class NorwegianNames
{
    public static readonly DemoCounty[] Counties =
    [
        new("03", "Oslo", 13, ["Oslo"]),
        new("11", "Rogaland", 9, ["Stavanger", "Sandnes", "Haugesund", "Karmøy", "Sola", "Time", "Klepp", "Hå", "Eigersund", "Strand", "Tysvær", "Randaberg", "Sauda", "Gjesdal"]),
        new("15", "Møre og Romsdal", 5, ["Ålesund", "Molde", "Kristiansund", "Volda", "Ørsta", "Sula", "Giske", "Ulstein", "Herøy", "Sunndal", "Surnadal", "Rauma", "Hustadvika", "Haram"]),
        new("18", "Nordland", 5, ["Bodø", "Narvik", "Rana", "Vefsn", "Vågan", "Vestvågøy", "Sortland", "Hadsel", "Alstahaug", "Brønnøy", "Fauske", "Meløy", "Andøy", "Saltdal"]),
        new("31", "Østfold", 5.5, ["Fredrikstad", "Sarpsborg", "Moss", "Halden", "Indre Østfold", "Råde", "Våler", "Rakkestad", "Marker", "Hvaler", "Skiptvet"]),
        new("32", "Akershus", 13, ["Bærum", "Asker", "Lillestrøm", "Nordre Follo", "Ullensaker", "Lørenskog", "Eidsvoll", "Nittedal", "Ås", "Frogn", "Vestby", "Nesodden", "Rælingen", "Aurskog-Høland", "Nes", "Enebakk", "Gjerdrum", "Nannestad", "Lunner", "Jevnaker"]),
        new("33", "Buskerud", 5.5, ["Drammen", "Kongsberg", "Ringerike", "Lier", "Øvre Eiker", "Modum", "Hole", "Gol", "Hol", "Nesbyen", "Ål", "Hemsedal", "Sigdal", "Flesberg"]),
        new("34", "Innlandet", 7, ["Hamar", "Lillehammer", "Gjøvik", "Ringsaker", "Elverum", "Kongsvinger", "Østre Toten", "Vestre Toten", "Løten", "Stange", "Nord-Fron", "Sel", "Vågå", "Lom", "Tynset", "Trysil", "Nord-Aurdal", "Gran"]),
        new("39", "Vestfold", 4.5, ["Tønsberg", "Sandefjord", "Larvik", "Horten", "Holmestrand", "Færder"]),
        new("40", "Telemark", 3, ["Skien", "Porsgrunn", "Bamble", "Kragerø", "Notodden", "Midt-Telemark", "Vinje", "Tinn", "Nome", "Seljord"]),
        new("42", "Agder", 6, ["Kristiansand", "Arendal", "Grimstad", "Lillesand", "Lindesnes", "Farsund", "Flekkefjord", "Vennesla", "Tvedestrand", "Risør", "Lyngdal", "Valle", "Bykle", "Evje og Hornnes", "Froland", "Birkenes"]),
        new("46", "Vestland", 12, ["Bergen", "Voss", "Kvinnherad", "Stord", "Sunnfjord", "Bjørnafjorden", "Askøy", "Øygarden", "Alver", "Sogndal", "Kinn", "Stad", "Ullensvang", "Gloppen", "Luster", "Årdal", "Osterøy", "Etne"]),
        new("50", "Trøndelag", 9, ["Trondheim", "Steinkjer", "Levanger", "Verdal", "Stjørdal", "Malvik", "Melhus", "Orkland", "Namsos", "Oppdal", "Røros", "Frøya", "Hitra", "Indre Fosen", "Ørland", "Selbu"]),
        new("55", "Troms", 3, ["Tromsø", "Harstad", "Senja", "Målselv", "Balsfjord", "Lyngen", "Nordreisa", "Skjervøy", "Bardu", "Kvæfjord"]),
        new("56", "Finnmark", 1.5, ["Alta", "Hammerfest", "Sør-Varanger", "Vadsø", "Karasjok", "Kautokeino", "Porsanger", "Vardø", "Nordkapp", "Tana"]),
    ];

    /// <summary>Municipalities whose schools and institutions usually write nynorsk.</summary>
    public static readonly HashSet<string> Nynorsk = new(StringComparer.Ordinal)
    {
        "Voss", "Kvinnherad", "Stord", "Sunnfjord", "Bjørnafjorden", "Alver", "Sogndal", "Kinn", "Stad", "Ullensvang", "Gloppen",
        "Luster", "Årdal", "Osterøy", "Etne", "Volda", "Ørsta", "Ulstein", "Herøy", "Sula", "Vinje", "Seljord", "Vågå", "Lom",
        "Valle", "Bykle", "Hol", "Ål", "Hemsedal", "Nord-Fron", "Surnadal", "Haram",
    };

    /// <summary>Cities whose schools are named after neighbourhoods rather than the municipality.</summary>
    public static readonly HashSet<string> Cities = new(StringComparer.Ordinal)
    {
        "Oslo", "Bergen", "Trondheim", "Stavanger", "Kristiansand", "Bærum", "Drammen", "Fredrikstad", "Sandnes", "Tromsø", "Asker", "Lillestrøm",
        "Sarpsborg", "Skien", "Bodø", "Ålesund", "Sandefjord", "Larvik", "Tønsberg",
    };

    /// <summary>The county authorities of 2020–2023 (10) and their seats; three were dissolved on 2024-01-01.</summary>
    public static readonly (string County, string Name, string Municipality, int FirstParticipation)[] CountyAuthorities2020 =
    [
        ("11", "Rogaland fylkeskommune", "Stavanger", 1996),
        ("15", "Møre og Romsdal fylkeskommune", "Molde", 1998),
        ("18", "Nordland fylkeskommune", "Bodø", 2002),
        ("30", "Viken fylkeskommune", "Drammen", 2020),
        ("34", "Innlandet fylkeskommune", "Hamar", 2020),
        ("38", "Vestfold og Telemark fylkeskommune", "Skien", 2020),
        ("42", "Agder fylkeskommune", "Kristiansand", 2020),
        ("46", "Vestland fylkeskommune", "Bergen", 2020),
        ("50", "Trøndelag fylkeskommune", "Steinkjer", 2018),
        ("54", "Troms og Finnmark fylkeskommune", "Tromsø", 2020),
    ];

    /// <summary>The seven county authorities created on 2024-01-01 when Viken, Vestfold og Telemark and Troms og Finnmark split.</summary>
    public static readonly (string County, string Name, string Municipality)[] CountyAuthorities2024 =
    [
        ("31", "Østfold fylkeskommune", "Sarpsborg"),
        ("32", "Akershus fylkeskommune", "Oslo"),
        ("33", "Buskerud fylkeskommune", "Drammen"),
        ("39", "Vestfold fylkeskommune", "Tønsberg"),
        ("40", "Telemark fylkeskommune", "Skien"),
        ("55", "Troms fylkeskommune", "Tromsø"),
        ("56", "Finnmark fylkeskommune", "Vadsø"),
    ];

    /// <summary>Municipality and county of the schools in vet-schools-2017-18.csv (the file gives only the county).</summary>
    public static readonly Dictionary<string, string> VetSchoolMunicipalities = new(StringComparer.Ordinal)
    {
        ["Borgund vidaregåande skule"] = "Ålesund",
        ["Charlottenlund videregående skole"] = "Trondheim",
        ["Lier videregående skole"] = "Lier",
        ["Romsdal videregående skole"] = "Molde",
        ["Setesdal vidaregåande skule"] = "Valle",
        ["Strinda videregående skole"] = "Trondheim",
        ["Verdal videregående skole"] = "Verdal",
        ["Voss vidaregåande skule"] = "Voss",
    };

    /// <summary>Seat and relative size (outgoing mobility volume) of the institutions in he-institutions.csv.</summary>
    public static readonly Dictionary<string, (string Municipality, string County, double Size, int FirstParticipation)> HigherEducation =
        new(StringComparer.Ordinal)
        {
            ["INN"] = ("Hamar", "34", 3, 1994),
            ["OsloMet"] = ("Oslo", "03", 6, 1992),
            ["HiØ"] = ("Halden", "31", 2, 1993),
            ["KHiO"] = ("Oslo", "03", 1, 1995),
            ["NMH"] = ("Oslo", "03", 1.5, 1992),
            ["HVL"] = ("Bergen", "46", 5, 1993),
            ["UiA"] = ("Kristiansand", "42", 4, 1992),
            ["NMBU"] = ("Ås", "32", 4, 1992),
            ["USN"] = ("Midt-Telemark", "40", 4, 1994),
            ["HiMolde"] = ("Molde", "15", 1.5, 1995),
            ["NTNU"] = ("Trondheim", "50", 10, 1992),
            ["UiS"] = ("Stavanger", "11", 4, 1992),
            ["Nord"] = ("Bodø", "18", 3, 1994),
            ["NIH"] = ("Oslo", "03", 1, 1996),
            ["UiO"] = ("Oslo", "03", 9, 1992),
            ["UiT"] = ("Tromsø", "55", 5, 1992),
            ["HVO"] = ("Volda", "15", 1, 1996),
            ["UiB"] = ("Bergen", "46", 7, 1992),
            ["NHH"] = ("Bergen", "46", 3, 1992),
            ["AHO"] = ("Oslo", "03", 0.8, 1995),
            ["SA"] = ("Kautokeino", "56", 0.3, 2001),
        };

    /// <summary>Place and neighbourhood names of the kind schools and kindergartens are named after.</summary>
    public static readonly string[] PlaceStems =
    [
        "Åsen", "Bakkeli", "Bekkestua", "Berg", "Bjerke", "Blystadlia", "Brattås", "Bråten", "Dalen", "Eikenes", "Eikeli", "Engen",
        "Fjellvang", "Fjellsdalen", "Furuly", "Granly", "Grønvoll", "Hagaløkka", "Haugen", "Haukeland", "Heimdal", "Helleland", "Holmen",
        "Holt", "Hovdan", "Høgåsen", "Kirkevoll", "Kjelle", "Kroken", "Lerkendal", "Lia", "Lindeberg", "Lunde", "Lundehaugen", "Løvås",
        "Marienlyst", "Midtbyen", "Moen", "Myra", "Møllevoll", "Nordby", "Nordlys", "Nygård", "Ormåsen", "Rosenvilde", "Rud", "Sagene",
        "Sandvika", "Sentrum", "Skjold", "Skogen", "Solberg", "Solvang", "Stabekk", "Steinerud", "Storhaug", "Strand", "Sundet", "Sørbyen",
        "Tangen", "Tiller", "Torvmyra", "Tveita", "Tveit", "Ulsrud", "Vang", "Vardåsen", "Vestbyen", "Vikane", "Vollan", "Østbyen",
        "Øvre Lia", "Åkerheia", "Blåbærtoppen", "Elvebakken", "Furulund", "Gimle", "Hovseter", "Kvernhuset", "Lilleby", "Nesset",
        "Rønningen", "Sjøskogen", "Skåråsen", "Solbakken", "Sætre", "Tunet", "Varden", "Veståsen", "Ødegården",
    ];

    public static readonly string[] Trades =
    [
        "bygg- og anleggsfag", "elektrofag", "helse- og oppvekstfag", "kjøretøyfag", "reiseliv og restaurantfag", "industrifag",
        "offentlig sektor", "IKT-fag", "maritime fag", "frisør- og hudpleiefag", "transport og logistikk", "naturbruk", "handel og service",
    ];

    public static readonly string[] CompanyLines =
    [
        "Elektro", "Bygg", "Rør", "Maskin", "Bil", "Bakeri", "Mekaniske", "Entreprenør", "Transport", "Sjømat", "Hotell", "Regnskap",
        "Eiendom", "Teknikk", "Vekst", "Havbruk", "Snekkeri", "Anlegg", "Kjøkken", "Data",
    ];

    public static readonly string[] FirmWords =
    [
        "Nordic", "Fjord", "Polar", "Arktis", "Nordlys", "Havbris", "Fjell", "Kyst", "Vest", "Midgard", "Bølge", "Tind", "Skarv", "Lyng",
        "Brygge", "Viking", "Bjørk", "Furu", "Stein", "Tinde",
    ];

    public static readonly string[] SportFederations =
    [
        "Norges Skiforbund", "Norges Håndballforbund", "Norges Friidrettsforbund", "Norges Svømmeforbund", "Norges Orienteringsforbund",
        "Norges Padleforbund", "Norges Bandyforbund", "Norges Basketballforbund", "Norges Klatreforbund", "Norges Bordtennisforbund",
        "Norges Volleyballforbund", "Norges Cykleforbund", "Norges Turnforbund", "Norges Rugbyforbund", "Norges Badmintonforbund",
        "Norges Seilforbund", "Norges Roforbund", "Norges Skiskytterforbund",
    ];

    public static readonly string[] ClubKinds =
    [
        "idrettslag", "IL", "Ballklubb", "Skiklubb", "Svømmeklubb", "Turnforening", "Orienteringslag", "Friidrettsklubb", "Sportsklubb",
        "Håndballklubb",
    ];

    public static readonly string[] NgoPatterns =
    [
        "{m} Røde Kors", "Norsk Folkehjelp {m}", "{m} frivilligsentral", "Stiftelsen {s}", "{s} grendelag", "{m} ungdomsråd",
        "{m} 4H", "Natur og Ungdom {c}", "Mental Helse {m}", "{m} Kirkens Bymisjon", "Foreningen Ungt Entreprenørskap {c}",
        "{m} ungdomshus", "Stiftelsen Kulturskolen {m}", "{m} Husflidslag",
    ];

    public static readonly string[] AdultEducationPatterns =
    [
        "{m} voksenopplæring", "{m} voksenopplæringssenter", "{m} læringssenter", "Folkeuniversitetet {c}", "AOF {c}",
        "Karrieresenteret i {c}", "{s} folkehøgskole", "{m} introduksjonssenter", "Studieforbundet Kultur og tradisjon {c}",
        "{m} kompetansesenter",
    ];

    public static readonly string[] AdultEducationPatternsNynorsk =
    [
        "{m} vaksenopplæring", "{m} læringssenter", "{s} folkehøgskule", "{m} kompetansesenter", "Folkeuniversitetet {c}",
    ];
}
