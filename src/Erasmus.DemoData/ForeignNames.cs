using Erasmus.Domain.Entities;

namespace Erasmus.DemoData;

/// <summary>What a generated organisation is, a little finer than <see cref="OrganisationType"/> (vocational or general school).</summary>
internal enum DemoKind
{
    VetSchool,
    GeneralSchool,
    PrimarySchool,
    Kindergarten,
    HigherEducation,
    Company,
    TrainingCompany,
    Chamber,
    SocialPartner,
    Ngo,
    Sport,
    Municipality,
    AdultEducation,
    TrainingOffice,
    CountyAuthority,
    PublicBody,
    VocationalCollege,
}

/// <summary>A programme country with cities, surnames and local naming patterns for its organisations.</summary>
internal sealed record ForeignCountry(
    string Code,
    int Organisations,
    string? BogusLocale,
    string[] Surnames,
    (string City, string Form)[] Cities,
    Dictionary<DemoKind, string[]> Patterns);

/// <summary>
/// Partner organisations abroad, named the way they appear in the Commission's databases:
/// "Berufskolleg Köln", "IES Politécnico de Málaga", "Tampereen ammattiopisto". {city} is the
/// city, {form} its genitive or adjectival form where the language needs one, {surname} a family
/// name and {n} a small number.
/// </summary>
internal static class ForeignNames
{
    public static OrganisationType TypeOf(DemoKind kind) => kind switch
    {
        DemoKind.VetSchool or DemoKind.GeneralSchool => OrganisationType.UpperSecondarySchool,
        DemoKind.PrimarySchool => OrganisationType.PrimaryOrLowerSecondarySchool,
        DemoKind.Kindergarten => OrganisationType.Kindergarten,
        DemoKind.HigherEducation => OrganisationType.HigherEducationInstitution,
        DemoKind.Company => OrganisationType.Company,
        DemoKind.TrainingCompany => OrganisationType.TrainingCompany,
        DemoKind.Chamber => OrganisationType.Chamber,
        DemoKind.SocialPartner => OrganisationType.SocialPartner,
        DemoKind.Ngo => OrganisationType.AssociationOrNgo,
        DemoKind.Sport => OrganisationType.SportOrganisation,
        DemoKind.Municipality => OrganisationType.Municipality,
        DemoKind.AdultEducation => OrganisationType.AdultEducationProvider,
        DemoKind.TrainingOffice => OrganisationType.TrainingOffice,
        DemoKind.CountyAuthority => OrganisationType.CountyAuthority,
        DemoKind.PublicBody => OrganisationType.PublicBody,
        DemoKind.VocationalCollege => OrganisationType.Other,
        _ => OrganisationType.Other,
    };

    /// <summary>How the foreign organisations of a country are spread over kinds.</summary>
    public static readonly (DemoKind Kind, double Share)[] KindShares =
    [
        (DemoKind.VetSchool, 0.21), (DemoKind.GeneralSchool, 0.10), (DemoKind.PrimarySchool, 0.10), (DemoKind.HigherEducation, 0.13),
        (DemoKind.Company, 0.10), (DemoKind.TrainingCompany, 0.05), (DemoKind.Chamber, 0.05), (DemoKind.SocialPartner, 0.02),
        (DemoKind.Ngo, 0.08), (DemoKind.Sport, 0.07), (DemoKind.Municipality, 0.04), (DemoKind.AdultEducation, 0.05),
    ];

    private static readonly string[] _danishSurnames = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen"];
    private static readonly string[] _icelandicSurnames = ["Jónsson", "Sigurðsson", "Guðmundsson", "Gunnarsson", "Ólafsson", "Einarsson", "Kristjánsson", "Magnússon", "Stefánsson", "Jóhannsson"];
    private static readonly string[] _hungarianSurnames = ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas"];
    private static readonly string[] _sloveneSurnames = ["Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Mlakar"];
    private static readonly string[] _lithuanianSurnames = ["Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas", "Žukauskas"];
    private static readonly string[] _estonianSurnames = ["Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves"];
    private static readonly string[] _bulgarianSurnames = ["Ivanov", "Georgiev", "Dimitrov", "Petrov", "Nikolov", "Hristov"];
    private static readonly string[] _maltaSurnames = ["Borg", "Camilleri", "Vella", "Farrugia", "Zammit", "Galea", "Micallef", "Grech"];
    private static readonly string[] _britishSurnames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "Roberts", "Hughes"];
    private static readonly string[] _irishSurnames = ["Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "O'Connor", "O'Neill", "Doyle", "McCarthy", "Gallagher"];
    private static readonly string[] _cypriotSurnames = ["Georgiou", "Constantinou", "Christodoulou", "Ioannou", "Charalambous", "Andreou"];

    public static readonly ForeignCountry[] Countries =
    [
        new("DE", 34, "de", [], [("Berlin", ""), ("Hamburg", ""), ("München", ""), ("Köln", ""), ("Frankfurt am Main", ""), ("Stuttgart", ""), ("Düsseldorf", ""), ("Leipzig", ""), ("Dresden", ""), ("Hannover", ""), ("Bremen", ""), ("Nürnberg", ""), ("Freiburg", ""), ("Kiel", ""), ("Rostock", ""), ("Flensburg", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Berufskolleg {city}", "Berufsbildende Schulen {city}", "{surname}-Schule, Berufliches Schulzentrum {city}", "Staatliche Berufsschule {city}", "Regionales Berufsbildungszentrum {city}"],
                [DemoKind.GeneralSchool] = ["{surname}-Gymnasium {city}", "Gesamtschule {city}-Mitte", "Gymnasium am {surname}platz {city}"],
                [DemoKind.PrimarySchool] = ["Grundschule am {surname}weg {city}", "{surname}-Grundschule {city}", "Oberschule {city}-Nord"],
                [DemoKind.HigherEducation] = ["Hochschule {city}", "Technische Hochschule {city}", "Universität {city}", "Pädagogische Hochschule {city}"],
                [DemoKind.Company] = ["{surname} GmbH", "{surname} & {surname} GmbH", "{surname} Technik GmbH & Co. KG"],
                [DemoKind.TrainingCompany] = ["{surname} Bau GmbH", "Autohaus {surname} GmbH", "Hotel {surname} {city}"],
                [DemoKind.Chamber] = ["Handwerkskammer {city}", "Industrie- und Handelskammer {city}"],
                [DemoKind.SocialPartner] = ["DGB Region {city}", "Arbeitgeberverband {city} e.V."],
                [DemoKind.Ngo] = ["Bildungswerk {city} e.V.", "Jugendhilfe {city} e.V.", "Verein für Integration {city} e.V."],
                [DemoKind.Sport] = ["TSV {city} 1860 e.V.", "SV {city} e.V.", "Kreissportbund {city} e.V."],
                [DemoKind.Municipality] = ["Stadt {city}", "Landkreis {city}"],
                [DemoKind.AdultEducation] = ["Volkshochschule {city}", "Bildungszentrum {city} gGmbH"],
            }),
        new("ES", 34, "es", [], [("Madrid", ""), ("Barcelona", ""), ("Valencia", ""), ("Sevilla", ""), ("Málaga", ""), ("Bilbao", ""), ("Zaragoza", ""), ("Granada", ""), ("Murcia", ""), ("Alicante", ""), ("Valladolid", ""), ("Santander", ""), ("Cádiz", ""), ("Palma", "")],
            new()
            {
                [DemoKind.VetSchool] = ["IES Politécnico de {city}", "CIFP {surname} de {city}", "Centro Integrado de Formación Profesional {city}", "IES {surname}"],
                [DemoKind.GeneralSchool] = ["IES {surname}", "Colegio {surname} de {city}"],
                [DemoKind.PrimarySchool] = ["CEIP {surname}", "Colegio Público {surname} de {city}"],
                [DemoKind.HigherEducation] = ["Universidad de {city}", "Universidad Politécnica de {city}"],
                [DemoKind.Company] = ["{surname} y {surname} S.L.", "Grupo {surname} S.A.", "Servicios {surname} S.L."],
                [DemoKind.TrainingCompany] = ["Hotel {surname} {city} S.L.", "Talleres {surname} S.L.", "Construcciones {surname} S.A."],
                [DemoKind.Chamber] = ["Cámara de Comercio de {city}"],
                [DemoKind.SocialPartner] = ["Confederación de Empresarios de {city}", "CCOO {city}"],
                [DemoKind.Ngo] = ["Asociación Juvenil {surname}", "Fundación {surname}", "Asociación Cultural de {city}"],
                [DemoKind.Sport] = ["Club Deportivo {city}", "Club Atletismo {city}"],
                [DemoKind.Municipality] = ["Ayuntamiento de {city}", "Diputación de {city}"],
                [DemoKind.AdultEducation] = ["Centro de Educación de Personas Adultas {city}", "Escuela Oficial de Idiomas de {city}"],
            }),
        new("IT", 26, "it", [], [("Roma", ""), ("Milano", ""), ("Napoli", ""), ("Torino", ""), ("Bologna", ""), ("Firenze", ""), ("Palermo", ""), ("Bari", ""), ("Genova", ""), ("Verona", ""), ("Padova", ""), ("Trieste", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Istituto Tecnico {surname}", "Istituto Professionale {surname} {city}", "IIS {surname}"],
                [DemoKind.GeneralSchool] = ["Liceo Scientifico {surname}", "Liceo Classico {surname} {city}"],
                [DemoKind.PrimarySchool] = ["Istituto Comprensivo {city} {n}", "Istituto Comprensivo {surname}"],
                [DemoKind.HigherEducation] = ["Università degli Studi di {city}", "Politecnico di {city}"],
                [DemoKind.Company] = ["{surname} S.r.l.", "{surname} & {surname} S.p.A."],
                [DemoKind.TrainingCompany] = ["Ristorante {surname} S.r.l.", "Officine {surname} S.r.l."],
                [DemoKind.Chamber] = ["Camera di Commercio di {city}", "Confartigianato {city}"],
                [DemoKind.SocialPartner] = ["Confindustria {city}", "CGIL {city}"],
                [DemoKind.Ngo] = ["Associazione {surname}", "Cooperativa Sociale {surname}"],
                [DemoKind.Sport] = ["ASD {city} Sport", "Polisportiva {city}"],
                [DemoKind.Municipality] = ["Comune di {city}"],
                [DemoKind.AdultEducation] = ["CPIA {city}", "Università Popolare di {city}"],
            }),
        new("FR", 20, "fr", [], [("Paris", ""), ("Lyon", ""), ("Marseille", ""), ("Toulouse", ""), ("Nantes", ""), ("Bordeaux", ""), ("Lille", ""), ("Strasbourg", ""), ("Rennes", ""), ("Montpellier", ""), ("Grenoble", ""), ("Brest", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Lycée professionnel {surname}", "Lycée des métiers {surname} {city}"],
                [DemoKind.GeneralSchool] = ["Lycée {surname}", "Lycée général {surname} {city}"],
                [DemoKind.PrimarySchool] = ["Collège {surname}", "École élémentaire {surname} {city}"],
                [DemoKind.HigherEducation] = ["Université de {city}", "Institut universitaire de technologie de {city}"],
                [DemoKind.Company] = ["{surname} SARL", "{surname} et Fils SAS"],
                [DemoKind.TrainingCompany] = ["Boulangerie {surname}", "Garage {surname} SARL"],
                [DemoKind.Chamber] = ["Chambre de Commerce et d'Industrie de {city}", "Chambre de Métiers et de l'Artisanat de {city}"],
                [DemoKind.SocialPartner] = ["MEDEF {city}", "CFDT {city}"],
                [DemoKind.Ngo] = ["Association {surname}", "Maison des Jeunes de {city}"],
                [DemoKind.Sport] = ["{city} Athlétic Club", "Union Sportive de {city}"],
                [DemoKind.Municipality] = ["Ville de {city}", "Métropole de {city}"],
                [DemoKind.AdultEducation] = ["GRETA {city}", "Université populaire de {city}"],
            }),
        new("FI", 20, "fi", [], [("Helsinki", "Helsingin"), ("Espoo", "Espoon"), ("Tampere", "Tampereen"), ("Vantaa", "Vantaan"), ("Oulu", "Oulun"), ("Turku", "Turun"), ("Jyväskylä", "Jyväskylän"), ("Lahti", "Lahden"), ("Kuopio", "Kuopion"), ("Pori", "Porin"), ("Joensuu", "Joensuun"), ("Rovaniemi", "Rovaniemen")],
            new()
            {
                [DemoKind.VetSchool] = ["{form} ammattiopisto", "{form} seudun koulutuskuntayhtymä"],
                [DemoKind.GeneralSchool] = ["{form} lyseon lukio", "{form} yhteiskoulun lukio"],
                [DemoKind.PrimarySchool] = ["{form} keskuskoulu", "{form} yhtenäiskoulu"],
                [DemoKind.HigherEducation] = ["{form} ammattikorkeakoulu", "{form} yliopisto"],
                [DemoKind.Company] = ["{surname} Oy", "{surname} & {surname} Oy"],
                [DemoKind.TrainingCompany] = ["Rakennus {surname} Oy", "Ravintola {surname} Oy"],
                [DemoKind.Chamber] = ["{form} kauppakamari"],
                [DemoKind.SocialPartner] = ["{form} yrittäjät ry"],
                [DemoKind.Ngo] = ["{form} nuorisoseura ry", "{form} setlementti ry"],
                [DemoKind.Sport] = ["{form} Urheilijat ry", "{form} Palloseura"],
                [DemoKind.Municipality] = ["{form} kaupunki"],
                [DemoKind.AdultEducation] = ["{form} kansalaisopisto", "{form} työväenopisto"],
            }),
        new("DK", 18, null, _danishSurnames, [("København", ""), ("Aarhus", ""), ("Odense", ""), ("Aalborg", ""), ("Esbjerg", ""), ("Randers", ""), ("Kolding", ""), ("Horsens", ""), ("Vejle", ""), ("Roskilde", ""), ("Herning", ""), ("Silkeborg", "")],
            new()
            {
                [DemoKind.VetSchool] = ["{city} Tekniske Skole", "{city} Handelsskole", "Erhvervsskolen {city}", "SOSU {city}"],
                [DemoKind.GeneralSchool] = ["{city} Gymnasium", "{city} Katedralskole"],
                [DemoKind.PrimarySchool] = ["{surname}s Skole {city}", "{city} Friskole"],
                [DemoKind.HigherEducation] = ["Professionshøjskolen {city}", "Erhvervsakademi {city}"],
                [DemoKind.Company] = ["{surname} ApS", "{surname} & {surname} A/S"],
                [DemoKind.TrainingCompany] = ["{surname} Byg ApS", "{surname} Auto ApS"],
                [DemoKind.Chamber] = ["Erhverv {city}"],
                [DemoKind.SocialPartner] = ["3F {city}", "Dansk Industri {city}"],
                [DemoKind.Ngo] = ["Ungdommens Røde Kors {city}", "Foreningen {surname}gården"],
                [DemoKind.Sport] = ["{city} Idrætsforening", "{city} Boldklub"],
                [DemoKind.Municipality] = ["{city} Kommune"],
                [DemoKind.AdultEducation] = ["VUC {city}", "{city} Højskole"],
            }),
        new("SE", 16, "sv", [], [("Stockholm", ""), ("Göteborg", ""), ("Malmö", ""), ("Uppsala", ""), ("Västerås", ""), ("Örebro", ""), ("Linköping", ""), ("Helsingborg", ""), ("Umeå", ""), ("Luleå", ""), ("Jönköping", ""), ("Sundsvall", "")],
            new()
            {
                [DemoKind.VetSchool] = ["{city} Yrkesgymnasium", "{surname}gymnasiet {city}", "Naturbruksgymnasiet {city}"],
                [DemoKind.GeneralSchool] = ["{city} Katedralskola", "{surname}skolan {city}"],
                [DemoKind.PrimarySchool] = ["{surname}skolan", "{city} Montessoriskola"],
                [DemoKind.HigherEducation] = ["Högskolan i {city}", "{city} universitet"],
                [DemoKind.Company] = ["{surname} AB", "{surname} & {surname} AB"],
                [DemoKind.TrainingCompany] = ["{surname} Bygg AB", "{surname} Bil AB"],
                [DemoKind.Chamber] = ["Handelskammaren {city}"],
                [DemoKind.SocialPartner] = ["Byggnads {city}", "Företagarna {city}"],
                [DemoKind.Ngo] = ["Föreningen Ung i {city}", "Studiefrämjandet {city}"],
                [DemoKind.Sport] = ["IFK {city}", "{city} IF"],
                [DemoKind.Municipality] = ["{city} kommun"],
                [DemoKind.AdultEducation] = ["Komvux {city}", "Folkuniversitetet {city}"],
            }),
        new("NL", 16, "nl", [], [("Amsterdam", ""), ("Rotterdam", ""), ("Den Haag", ""), ("Utrecht", ""), ("Eindhoven", ""), ("Groningen", ""), ("Tilburg", ""), ("Almere", ""), ("Breda", ""), ("Nijmegen", ""), ("Leeuwarden", ""), ("Zwolle", "")],
            new()
            {
                [DemoKind.VetSchool] = ["ROC {city}", "{city} College (mbo)", "Vakcollege {city}"],
                [DemoKind.GeneralSchool] = ["Stedelijk Gymnasium {city}", "{surname} Lyceum"],
                [DemoKind.PrimarySchool] = ["Basisschool De {surname}", "Openbare Basisschool {city}"],
                [DemoKind.HigherEducation] = ["Hogeschool {city}", "Universiteit {city}"],
                [DemoKind.Company] = ["{surname} B.V.", "{surname} & {surname} B.V."],
                [DemoKind.TrainingCompany] = ["Bouwbedrijf {surname} B.V.", "Installatiebedrijf {surname} B.V."],
                [DemoKind.Chamber] = ["Ondernemersvereniging {city}"],
                [DemoKind.SocialPartner] = ["FNV Regio {city}", "VNO-NCW {city}"],
                [DemoKind.Ngo] = ["Stichting {surname}", "Stichting Jongerenwerk {city}"],
                [DemoKind.Sport] = ["Sportvereniging {city}", "Atletiekvereniging {city}"],
                [DemoKind.Municipality] = ["Gemeente {city}"],
                [DemoKind.AdultEducation] = ["Volksuniversiteit {city}", "Taalhuis {city}"],
            }),
        new("PL", 14, "pl", [], [("Warszawa", "Warszawie"), ("Kraków", "Krakowie"), ("Łódź", "Łodzi"), ("Wrocław", "Wrocławiu"), ("Poznań", "Poznaniu"), ("Gdańsk", "Gdańsku"), ("Szczecin", "Szczecinie"), ("Lublin", "Lublinie"), ("Katowice", "Katowicach"), ("Rzeszów", "Rzeszowie")],
            new()
            {
                [DemoKind.VetSchool] = ["Zespół Szkół Zawodowych nr {n} w {form}", "Technikum nr {n} w {form}", "Zespół Szkół Technicznych w {form}"],
                [DemoKind.GeneralSchool] = ["Liceum Ogólnokształcące nr {n} w {form}"],
                [DemoKind.PrimarySchool] = ["Szkoła Podstawowa nr {n} w {form}"],
                [DemoKind.HigherEducation] = ["Uniwersytet w {form}", "Akademia Nauk Stosowanych w {form}"],
                [DemoKind.Company] = ["{surname} Sp. z o.o.", "{surname} i Wspólnicy Sp. j."],
                [DemoKind.TrainingCompany] = ["Zakład Usługowy {surname}", "{surname} Budownictwo Sp. z o.o."],
                [DemoKind.Chamber] = ["Izba Rzemieślnicza w {form}", "Izba Przemysłowo-Handlowa w {form}"],
                [DemoKind.SocialPartner] = ["Związek Pracodawców w {form}"],
                [DemoKind.Ngo] = ["Fundacja {surname}", "Stowarzyszenie Młodzieży w {form}"],
                [DemoKind.Sport] = ["Klub Sportowy {city}", "MKS {city}"],
                [DemoKind.Municipality] = ["Urząd Miasta {city}"],
                [DemoKind.AdultEducation] = ["Centrum Kształcenia Ustawicznego w {form}"],
            }),
        new("IE", 12, null, _irishSurnames, [("Dublin", ""), ("Cork", ""), ("Galway", ""), ("Limerick", ""), ("Waterford", ""), ("Kilkenny", ""), ("Sligo", ""), ("Athlone", ""), ("Drogheda", ""), ("Dundalk", "")],
            new()
            {
                [DemoKind.VetSchool] = ["{city} College of Further Education", "{city} Training Centre", "{city} Community College"],
                [DemoKind.GeneralSchool] = ["St {surname}'s Secondary School {city}", "{city} Educate Together Secondary School"],
                [DemoKind.PrimarySchool] = ["Scoil {surname}", "{city} National School"],
                [DemoKind.HigherEducation] = ["Technological University of {city}", "{city} Institute of Technology"],
                [DemoKind.Company] = ["{surname} & {surname} Ltd", "{surname} Solutions Ltd"],
                [DemoKind.TrainingCompany] = ["{surname} Engineering Ltd", "The {surname} Hotel {city}"],
                [DemoKind.Chamber] = ["{city} Chamber of Commerce"],
                [DemoKind.SocialPartner] = ["Ibec {city}", "SIPTU {city}"],
                [DemoKind.Ngo] = ["{city} Youth Service", "{city} Volunteer Centre"],
                [DemoKind.Sport] = ["{city} GAA Club", "{city} Athletic Club"],
                [DemoKind.Municipality] = ["{city} County Council", "{city} City Council"],
                [DemoKind.AdultEducation] = ["{city} Adult Education Centre", "{city} and District Education and Training Board"],
            }),
        new("PT", 12, "pt_PT", [], [("Lisboa", ""), ("Porto", ""), ("Braga", ""), ("Coimbra", ""), ("Aveiro", ""), ("Faro", ""), ("Setúbal", ""), ("Évora", ""), ("Viseu", ""), ("Funchal", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Escola Profissional de {city}", "Escola Profissional {surname}"],
                [DemoKind.GeneralSchool] = ["Escola Secundária de {city}", "Agrupamento de Escolas {surname}"],
                [DemoKind.PrimarySchool] = ["Agrupamento de Escolas de {city}", "Escola Básica {surname}"],
                [DemoKind.HigherEducation] = ["Instituto Politécnico de {city}", "Universidade de {city}"],
                [DemoKind.Company] = ["{surname} & {surname}, Lda.", "{surname} Serviços, Lda."],
                [DemoKind.TrainingCompany] = ["Hotel {surname} {city}", "Oficina {surname}, Lda."],
                [DemoKind.Chamber] = ["Associação Comercial de {city}"],
                [DemoKind.SocialPartner] = ["Associação Empresarial de {city}"],
                [DemoKind.Ngo] = ["Associação Juvenil de {city}", "Fundação {surname}"],
                [DemoKind.Sport] = ["Clube Desportivo de {city}", "Sporting Clube de {city}"],
                [DemoKind.Municipality] = ["Câmara Municipal de {city}"],
                [DemoKind.AdultEducation] = ["Centro Qualifica de {city}"],
            }),
        new("AT", 10, "de_AT", [], [("Wien", ""), ("Graz", ""), ("Linz", ""), ("Salzburg", ""), ("Innsbruck", ""), ("Klagenfurt", ""), ("Villach", ""), ("Wels", ""), ("St. Pölten", ""), ("Bregenz", "")],
            new()
            {
                [DemoKind.VetSchool] = ["HTL {city}", "Berufsschule {city}", "Tourismusschulen {city}"],
                [DemoKind.GeneralSchool] = ["BG/BRG {city}", "Bundesgymnasium {city}"],
                [DemoKind.PrimarySchool] = ["Volksschule {city}-{surname}gasse", "Mittelschule {city}"],
                [DemoKind.HigherEducation] = ["Fachhochschule {city}", "Pädagogische Hochschule {city}"],
                [DemoKind.Company] = ["{surname} GmbH", "{surname} & {surname} KG"],
                [DemoKind.TrainingCompany] = ["Gasthof {surname}", "Tischlerei {surname} GmbH"],
                [DemoKind.Chamber] = ["Wirtschaftskammer {city}"],
                [DemoKind.SocialPartner] = ["Arbeiterkammer {city}"],
                [DemoKind.Ngo] = ["Verein Jugendzentrum {city}"],
                [DemoKind.Sport] = ["Sportunion {city}", "ASKÖ {city}"],
                [DemoKind.Municipality] = ["Stadt {city}"],
                [DemoKind.AdultEducation] = ["Volkshochschule {city}", "BFI {city}"],
            }),
        new("IS", 8, null, _icelandicSurnames, [("Reykjavík", ""), ("Kópavogur", ""), ("Hafnarfjörður", ""), ("Akureyri", ""), ("Reykjanesbær", ""), ("Garðabær", ""), ("Selfoss", ""), ("Ísafjörður", ""), ("Egilsstaðir", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Fjölbrautaskólinn {city}", "Verkmenntaskólinn {city}"],
                [DemoKind.GeneralSchool] = ["Menntaskólinn {city}"],
                [DemoKind.PrimarySchool] = ["Grunnskóli {city}"],
                [DemoKind.HigherEducation] = ["Háskólinn {city}"],
                [DemoKind.Company] = ["{surname} ehf."],
                [DemoKind.TrainingCompany] = ["Hótel {city} ehf."],
                [DemoKind.Chamber] = ["Viðskiptaráð {city}"],
                [DemoKind.SocialPartner] = ["Samtök atvinnulífsins {city}"],
                [DemoKind.Ngo] = ["Ungmennafélagið {city}"],
                [DemoKind.Sport] = ["Íþróttafélagið {city}"],
                [DemoKind.Municipality] = ["Sveitarfélagið {city}"],
                [DemoKind.AdultEducation] = ["Símenntunarmiðstöð {city}"],
            }),
        new("BE", 10, "nl_BE", [], [("Brussel", ""), ("Antwerpen", ""), ("Gent", ""), ("Brugge", ""), ("Leuven", ""), ("Liège", ""), ("Namur", ""), ("Hasselt", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Technisch Instituut {city}", "Institut technique de {city}"],
                [DemoKind.GeneralSchool] = ["Koninklijk Atheneum {city}", "Athénée royal de {city}"],
                [DemoKind.PrimarySchool] = ["Basisschool {surname}", "École communale de {city}"],
                [DemoKind.HigherEducation] = ["Hogeschool {city}", "Haute École de {city}"],
                [DemoKind.Company] = ["{surname} NV", "{surname} SRL"],
                [DemoKind.TrainingCompany] = ["Bouwonderneming {surname} BV"],
                [DemoKind.Chamber] = ["Voka Kamer van Koophandel {city}"],
                [DemoKind.SocialPartner] = ["ACV {city}"],
                [DemoKind.Ngo] = ["vzw Jeugdwerk {city}"],
                [DemoKind.Sport] = ["Sportclub {city}"],
                [DemoKind.Municipality] = ["Stad {city}"],
                [DemoKind.AdultEducation] = ["Centrum voor Volwassenenonderwijs {city}"],
            }),
        new("CZ", 6, "cz", [], [("Praha", ""), ("Brno", ""), ("Ostrava", ""), ("Plzeň", ""), ("Olomouc", ""), ("Liberec", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Střední odborná škola {city}", "Střední průmyslová škola {city}"],
                [DemoKind.GeneralSchool] = ["Gymnázium {city}"],
                [DemoKind.PrimarySchool] = ["Základní škola {city}"],
                [DemoKind.HigherEducation] = ["Univerzita {city}", "Vysoká škola {city}"],
                [DemoKind.Company] = ["{surname} s.r.o."],
            }),
        new("GR", 6, "el", [], [("Athina", ""), ("Thessaloniki", ""), ("Patra", ""), ("Irakleio", ""), ("Larisa", ""), ("Volos", "")],
            new()
            {
                [DemoKind.VetSchool] = ["{n}o EPAL {city}", "IEK {city}"],
                [DemoKind.GeneralSchool] = ["{n}o Geniko Lykeio {city}"],
                [DemoKind.PrimarySchool] = ["{n}o Dimotiko Scholeio {city}"],
                [DemoKind.HigherEducation] = ["University of {city}"],
                [DemoKind.Company] = ["{surname} S.A."],
            }),
        new("HU", 6, null, _hungarianSurnames, [("Budapest", "Budapesti"), ("Debrecen", "Debreceni"), ("Szeged", "Szegedi"), ("Pécs", "Pécsi"), ("Győr", "Győri"), ("Miskolc", "Miskolci")],
            new()
            {
                [DemoKind.VetSchool] = ["{form} Szakképzési Centrum", "{form} Műszaki Technikum"],
                [DemoKind.GeneralSchool] = ["{form} {surname} Gimnázium"],
                [DemoKind.HigherEducation] = ["{form} Egyetem"],
                [DemoKind.Company] = ["{surname} Kft."],
            }),
        new("SI", 4, null, _sloveneSurnames, [("Ljubljana", ""), ("Maribor", ""), ("Celje", ""), ("Kranj", ""), ("Koper", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Šolski center {city}", "Srednja poklicna šola {city}"],
                [DemoKind.GeneralSchool] = ["Gimnazija {city}"],
                [DemoKind.HigherEducation] = ["Univerza v {city}"],
            }),
        new("MT", 4, null, _maltaSurnames, [("Valletta", ""), ("Paola", ""), ("Birkirkara", ""), ("Mosta", ""), ("Sliema", "")],
            new()
            {
                [DemoKind.VetSchool] = ["MCAST Institute {city}", "Institute of Tourism Studies {city}"],
                [DemoKind.GeneralSchool] = ["St {surname} College {city}"],
                [DemoKind.Company] = ["{surname} Ltd"],
                [DemoKind.AdultEducation] = ["{city} English Language School"],
            }),
        new("EE", 4, null, _estonianSurnames, [("Tallinn", "Tallinna"), ("Tartu", "Tartu"), ("Pärnu", "Pärnu"), ("Narva", "Narva")],
            new()
            {
                [DemoKind.VetSchool] = ["{form} Kutsehariduskeskus", "{form} Tööstushariduskeskus"],
                [DemoKind.GeneralSchool] = ["{form} Gümnaasium"],
                [DemoKind.HigherEducation] = ["{form} Ülikool"],
            }),
        new("LT", 4, null, _lithuanianSurnames, [("Vilnius", "Vilniaus"), ("Kaunas", "Kauno"), ("Klaipėda", "Klaipėdos"), ("Šiauliai", "Šiaulių")],
            new()
            {
                [DemoKind.VetSchool] = ["{form} profesinio rengimo centras"],
                [DemoKind.GeneralSchool] = ["{form} gimnazija"],
                [DemoKind.HigherEducation] = ["{form} kolegija"],
            }),
        new("LV", 3, "lv", [], [("Rīga", "Rīgas"), ("Daugavpils", "Daugavpils"), ("Liepāja", "Liepājas")],
            new()
            {
                [DemoKind.VetSchool] = ["{form} Tehnikums", "{form} Valsts tehnikums"],
                [DemoKind.GeneralSchool] = ["{form} Valsts ģimnāzija"],
            }),
        new("HR", 4, "hr", [], [("Zagreb", ""), ("Split", ""), ("Rijeka", ""), ("Osijek", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Strukovna škola {city}", "Turističko-ugostiteljska škola {city}"],
                [DemoKind.GeneralSchool] = ["Gimnazija {city}"],
                [DemoKind.HigherEducation] = ["Sveučilište u {city}"],
            }),
        new("RO", 4, "ro", [], [("București", ""), ("Cluj-Napoca", ""), ("Iași", ""), ("Timișoara", ""), ("Brașov", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Colegiul Tehnic {surname} {city}", "Liceul Tehnologic {city}"],
                [DemoKind.GeneralSchool] = ["Colegiul Național {surname}"],
                [DemoKind.HigherEducation] = ["Universitatea din {city}"],
            }),
        new("SK", 3, "sk", [], [("Bratislava", ""), ("Košice", ""), ("Žilina", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Stredná odborná škola {city}"],
                [DemoKind.GeneralSchool] = ["Gymnázium {city}"],
            }),
        new("BG", 3, null, _bulgarianSurnames, [("Sofia", ""), ("Plovdiv", ""), ("Varna", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Professional High School of Tourism {city}", "Vocational School of Electronics {city}"],
                [DemoKind.GeneralSchool] = ["Foreign Language School {city}"],
            }),
        new("CY", 2, null, _cypriotSurnames, [("Nicosia", ""), ("Limassol", ""), ("Larnaca", "")],
            new()
            {
                [DemoKind.VetSchool] = ["Technical School of {city}"],
                [DemoKind.Ngo] = ["{city} Youth Initiative"],
            }),
        new("TR", 4, "tr", [], [("İstanbul", ""), ("Ankara", ""), ("İzmir", ""), ("Bursa", ""), ("Antalya", "")],
            new()
            {
                [DemoKind.VetSchool] = ["{city} Mesleki ve Teknik Anadolu Lisesi"],
                [DemoKind.GeneralSchool] = ["{city} Anadolu Lisesi"],
                [DemoKind.HigherEducation] = ["{city} Üniversitesi"],
            }),
        new("GB", 10, null, _britishSurnames, [("London", ""), ("Manchester", ""), ("Edinburgh", ""), ("Glasgow", ""), ("Leeds", ""), ("Bristol", ""), ("Cardiff", ""), ("Newcastle", ""), ("Aberdeen", ""), ("Belfast", "")],
            new()
            {
                [DemoKind.VetSchool] = ["{city} College", "{city} College of Further Education"],
                [DemoKind.GeneralSchool] = ["{city} Academy", "{surname} High School"],
                [DemoKind.HigherEducation] = ["University of {city}", "{city} Metropolitan University"],
                [DemoKind.Company] = ["{surname} Ltd"],
                [DemoKind.TrainingCompany] = ["{surname} Engineering Ltd"],
                [DemoKind.Chamber] = ["{city} Chamber of Commerce"],
            }),
    ];
}
