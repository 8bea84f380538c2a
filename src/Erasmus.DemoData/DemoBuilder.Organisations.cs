using System.Globalization;
using Bogus;
using Erasmus.Domain.Entities;

namespace Erasmus.DemoData;

internal sealed partial class DemoBuilder
{
    /// <summary>Generated Norwegian organisations per kind at scale 1, with a minimum per county where every county should have some.</summary>
    private static readonly (DemoKind Kind, int Count, int MinPerCounty, double Experienced)[] _norwegianKinds =
    [
        (DemoKind.VetSchool, 40, 2, 0.6),
        (DemoKind.GeneralSchool, 22, 1, 0.4),
        (DemoKind.PrimarySchool, 76, 2, 0.25),
        (DemoKind.Kindergarten, 22, 1, 0.1),
        (DemoKind.Municipality, 35, 1, 0.4),
        (DemoKind.TrainingOffice, 22, 1, 0.6),
        (DemoKind.TrainingCompany, 14, 0, 0.2),
        (DemoKind.Company, 20, 0, 0.15),
        (DemoKind.SocialPartner, 8, 0, 0.3),
        (DemoKind.Chamber, 8, 0, 0.3),
        (DemoKind.Ngo, 22, 0, 0.35),
        (DemoKind.Sport, 34, 0, 0.35),
        (DemoKind.AdultEducation, 22, 1, 0.4),
        (DemoKind.PublicBody, 6, 0, 0.3),
        (DemoKind.VocationalCollege, 5, 0, 0.6),
    ];

    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Bogus.DataSets.Name> _surnames = new(StringComparer.Ordinal);

    public DemoOrganisation? OsloMunicipality { get; private set; }
    public Dictionary<string, DemoOrganisation> CountyAuthorities { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DemoOrganisation> HigherEducation { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DemoOrganisation> VetSchools { get; } = new(StringComparer.Ordinal);

    private void BuildOrganisations()
    {
        var r = _orgRandom;
        foreach (var (county, name, municipality, first) in NorwegianNames.CountyAuthorities2020)
        {
            var dissolved = _reference.Counties[county].ValidTo is not null;
            CountyAuthorities[county] = AddNorwegian(
                name, DemoKind.CountyAuthority, county, municipality, first, availableUntil: dissolved ? 2023 : DomainVocabulary.LastCallYear, size: 4);
        }

        foreach (var (county, name, municipality) in NorwegianNames.CountyAuthorities2024)
        {
            CountyAuthorities[county] = AddNorwegian(name, DemoKind.CountyAuthority, county, municipality, null, availableFrom: 2024, size: 3);
        }

        // Oslo is a municipality with county tasks, not a county authority; its education agency holds the accreditations.
        OsloMunicipality = AddNorwegian("Oslo kommune, Utdanningsetaten", DemoKind.Municipality, "03", "Oslo", 1995, size: 6);

        foreach (var row in ReferenceFiles.Read("he-institutions.csv"))
        {
            var shortName = row.Text("short_name");
            var (municipality, county, size, first) = NorwegianNames.HigherEducation.TryGetValue(shortName, out var known)
                ? known
                : ("Oslo", "03", 1.0, 2000);
            HigherEducation[shortName] = AddNorwegian(row.Text("name"), DemoKind.HigherEducation, county, municipality, first, size: size);
        }

        var countyByName = _reference.Counties.Values.Where(c => c.ValidTo is null).ToDictionary(c => c.Name, c => c.Number, StringComparer.Ordinal);
        foreach (var row in ReferenceFiles.Read("vet-schools-2017-18.csv"))
        {
            var name = row.Text("school");
            var county = countyByName[row.Text("county_2024")];
            var municipality = NorwegianNames.VetSchoolMunicipalities.TryGetValue(name, out var m) ? m : CountyOf(county).Municipalities[0];
            var mobilities = int.Parse(row.Text("learner_mobilities_2014_2018"), CultureInfo.InvariantCulture);
            var countries = row.Text("partner_countries").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            VetSchools[name] = AddNorwegian(
                name, DemoKind.VetSchool, county, municipality, r.Between(1995, 2005), size: Math.Max(0.6, mobilities / 60.0), preferred: countries);
        }

        for (var copy = 1; copy < _scale; copy++)
        {
            // Larger scales need more institutions to spread higher-education mobility over.
            foreach (var county in NorwegianNames.Counties.Where(c => c.Number != "03").Take(HigherEducation.Count / NorwegianNames.Counties.Length + 2))
            {
                var municipality = r.Pick(county.Municipalities);
                var name = UniqueName(() => $"Høgskolen i {municipality}", r);
                var org = AddNorwegian(name, DemoKind.HigherEducation, county.Number, municipality, r.Between(1995, 2015), size: r.Between(0.5, 3.0));
                HigherEducation[$"{county.Number}-{copy}-{org.Id}"] = org;
            }
        }

        foreach (var (kind, count, minPerCounty, experienced) in _norwegianKinds)
        {
            var total = count * _scale;
            var counties = NorwegianNames.Counties.Where(c => kind != DemoKind.Municipality || c.Number != "03").ToList();
            var placed = new List<DemoCounty>();
            if (total >= counties.Count * minPerCounty)
            {
                foreach (var county in counties)
                {
                    placed.AddRange(Enumerable.Repeat(county, minPerCounty));
                }
            }

            while (placed.Count < total)
            {
                placed.Add(r.PickWeighted(counties, c => c.Weight));
            }

            var federations = kind == DemoKind.Sport ? new Queue<string>(NorwegianNames.SportFederations) : new Queue<string>();
            foreach (var county in placed)
            {
                AddGenerated(kind, county, experienced, federations, r);
            }
        }

        BuildForeignOrganisations();
    }

    private void AddGenerated(DemoKind kind, DemoCounty county, double experiencedShare, Queue<string> federations, DemoRandom r)
    {
        var countyNumber = county.Number;
        string name;
        string municipality;
        if (kind == DemoKind.Sport && federations.Count > 0 && r.Chance(0.25))
        {
            // National federations sit in Oslo.
            name = federations.Dequeue();
            _names.Add(name);
            countyNumber = "03";
            municipality = "Oslo";
        }
        else
        {
            (name, municipality) = UniqueName(() =>
            {
                var m = r.Pick(county.Municipalities);
                return (NorwegianName(kind, county, m, r), m);
            }, r);
        }

        int? experience = r.Chance(experiencedShare) ? r.Between(1996, 2020) : null;
        var availableFrom = experience is not null ? FirstDemoCallYear : r.PickWeighted<int>([(2021, 0.52), (2022, 0.13), (2023, 0.12), (2024, 0.12), (2025, 0.11)]);
        AddNorwegian(name, kind, countyNumber, municipality, experience, availableFrom: availableFrom, size: r.Between(0.5, 2.0));
    }

    private DemoOrganisation AddNorwegian(
        string name, DemoKind kind, string county, string municipality, int? experienceYear, int availableFrom = FirstDemoCallYear,
        int availableUntil = DomainVocabulary.LastCallYear, double size = 1, string[]? preferred = null)
    {
        _names.Add(name);
        var r = _orgRandom;
        var entity = new Organisation(
            name, ForeignNames.TypeOf(kind), Organisation.Norway, NewOrganisationNumber(r), NewOid(r), county, municipality, experienceYear);
        var org = new DemoOrganisation(_nextOrganisationId++, kind, entity)
        {
            County2020 = _reference.Counties[county].PartOf2020CountyNumber,
            ExperienceYear = experienceYear,
            AvailableFrom = availableFrom,
            AvailableUntil = availableUntil,
            Size = size,
            PreferredCountries = preferred ?? [],
        };
        Organisations.Add(org);
        return org;
    }

    private string NorwegianName(DemoKind kind, DemoCounty county, string municipality, DemoRandom r)
    {
        var nn = NorwegianNames.Nynorsk.Contains(municipality);
        var stem = r.Pick(NorwegianNames.PlaceStems);
        // A city has many schools, each named after its neighbourhood; a small municipality's school often carries its name.
        var place = NorwegianNames.Cities.Contains(municipality) ? stem : municipality;
        string Fill(string pattern) => pattern.Replace("{m}", municipality, StringComparison.Ordinal)
            .Replace("{s}", stem, StringComparison.Ordinal).Replace("{c}", county.Name, StringComparison.Ordinal);
        return kind switch
        {
            DemoKind.VetSchool or DemoKind.GeneralSchool => (nn, r.Chance(0.5)) switch
            {
                (true, true) => $"{place} vidaregåande skule",
                (true, false) => $"{stem} vidaregåande skule",
                (false, true) => $"{place} videregående skole",
                _ => $"{stem} videregående skole",
            },
            DemoKind.PrimarySchool => $"{(r.Chance(0.8) ? stem : place)} {r.Pick<string>(nn ? ["skule", "barneskule", "ungdomsskule", "oppvekstsenter"] : ["skole", "barneskole", "ungdomsskole", "skole", "oppvekstsenter"])}",
            DemoKind.Kindergarten => $"{stem} {r.Pick<string>(["barnehage", "barnehage", "naturbarnehage", "gårdsbarnehage", "friluftsbarnehage"])}",
            DemoKind.Municipality => $"{municipality} kommune",
            DemoKind.TrainingOffice => r.Between(0, 2) switch
            {
                0 => $"Opplæringskontoret for {r.Pick(NorwegianNames.Trades)} i {county.Name}",
                1 => $"Opplæringskontoret for {r.Pick(NorwegianNames.Trades)} i {municipality}",
                _ => $"{municipality} Opplæringskontor",
            },
            DemoKind.TrainingCompany => r.Chance(0.6) ? $"{Surname("nb_NO", r)} {r.Pick(NorwegianNames.CompanyLines)} AS" : $"{municipality} {r.Pick(NorwegianNames.CompanyLines)} AS",
            DemoKind.Company => r.Between(0, 2) switch
            {
                0 => $"{Surname("nb_NO", r)} & {Surname("nb_NO", r)} AS",
                1 => $"{r.Pick(NorwegianNames.FirmWords)} {r.Pick<string>(["Teknologi", "Consulting", "Industri", "Solutions", "Maritime", "Seafood", "Energi"])} AS",
                _ => $"{municipality} {r.Pick(NorwegianNames.CompanyLines)} AS",
            },
            DemoKind.SocialPartner => r.Pick<string>([$"NHO {county.Name}", $"LO i {county.Name}", $"Fellesforbundet avdeling {municipality}",
                $"Fagforbundet {municipality}", $"El og IT Forbundet {county.Name}", $"Virke {county.Name}", $"Byggenæringens Landsforening {county.Name}"]),
            DemoKind.Chamber => r.Pick<string>([$"{municipality} Næringsforening", $"Næringsforeningen i {municipality}-regionen", $"{municipality} Handelsstand",
                $"{municipality} Næringsråd"]),
            DemoKind.Ngo => Fill(r.Pick(NorwegianNames.NgoPatterns)),
            DemoKind.Sport => r.Chance(0.12) ? $"{county.Name} idrettskrets" : $"{(r.Chance(0.5) ? stem : place)} {r.Pick(NorwegianNames.ClubKinds)}",
            DemoKind.AdultEducation => Fill(r.Pick(nn ? NorwegianNames.AdultEducationPatternsNynorsk : NorwegianNames.AdultEducationPatterns)),
            DemoKind.PublicBody => r.Pick<string>([$"NAV {municipality}", $"{municipality} folkebibliotek", $"Statsforvalteren i {county.Name}"]),
            DemoKind.VocationalCollege => r.Pick<string>([$"Fagskolen i {county.Name}", $"Fagskolen {county.Name}", $"{municipality} fagskole"]),
            _ => $"{municipality} {kind}",
        };
    }

    private void BuildForeignOrganisations()
    {
        var r = _orgRandom.Fork(11);
        foreach (var country in ForeignNames.Countries.Where(c => _reference.CountryCodes.Contains(c.Code)))
        {
            var kinds = new List<DemoKind>();
            var available = ForeignNames.KindShares.Where(k => country.Patterns.ContainsKey(k.Kind)).ToList();
            foreach (var must in new[] { DemoKind.VetSchool, DemoKind.GeneralSchool, DemoKind.HigherEducation, DemoKind.Company })
            {
                if (country.Patterns.ContainsKey(must) && kinds.Count < country.Organisations * _scale)
                {
                    kinds.Add(must);
                }
            }

            while (kinds.Count < country.Organisations * _scale)
            {
                kinds.Add(r.PickWeighted(available, k => k.Share).Kind);
            }

            foreach (var kind in kinds)
            {
                var surnameLocale = country.BogusLocale;
                var (name, city) = UniqueName(
                    () =>
                    {
                        var (place, form) = r.Pick(country.Cities);
                        var pattern = r.Pick(country.Patterns[kind])
                            .Replace("{city}", place, StringComparison.Ordinal)
                            .Replace("{form}", form.Length > 0 ? form : place, StringComparison.Ordinal)
                            .Replace("{n}", r.Between(1, 12).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                        // Each {surname} gets its own name ("Weber & Krause GmbH").
                        int at;
                        while ((at = pattern.IndexOf("{surname}", StringComparison.Ordinal)) >= 0)
                        {
                            var surname = surnameLocale is null ? r.Pick(country.Surnames) : Surname(surnameLocale, r);
                            pattern = string.Concat(pattern.AsSpan(0, at), surname, pattern.AsSpan(at + "{surname}".Length));
                        }

                        return (pattern, place);
                    },
                    r);
                var entity = new Organisation(name, ForeignNames.TypeOf(kind), country.Code, null, r.Chance(0.85) ? NewOid(r) : null, null, city, null);
                Organisations.Add(new DemoOrganisation(_nextOrganisationId++, kind, entity) { Size = r.Between(0.5, 2.0) });
            }
        }
    }

    /// <summary>A family name from Bogus's locale data, drawn with a seeded randomizer so it is reproducible.</summary>
    private string Surname(string locale, DemoRandom r)
    {
        if (!_surnames.TryGetValue(locale, out var names))
        {
            names = new Bogus.DataSets.Name(locale) { Random = new Randomizer(_seed ^ locale.Length ^ (locale[0] << 8)) };
            _surnames[locale] = names;
        }

        // Draw from Bogus, then let our own stream decide between two candidates, so both streams stay in step.
        var first = names.LastName();
        var second = names.LastName();
        return r.Chance(0.5) ? first : second;
    }

    private string UniqueName(Func<string> generate, DemoRandom r) => UniqueName(() => (generate(), ""), r).Name;

    /// <summary>Draws names until one is new; after many tries a number makes it unique (only at large scales).</summary>
    private (string Name, string Extra) UniqueName(Func<(string Name, string Extra)> generate, DemoRandom r)
    {
        for (var attempt = 0; attempt < 25; attempt++)
        {
            var candidate = generate();
            if (_names.Add(candidate.Name))
            {
                return candidate;
            }
        }

        while (true)
        {
            var (name, extra) = generate();
            var candidate = $"{name} {r.Between(2, 99).ToString(CultureInfo.InvariantCulture)}";
            if (_names.Add(candidate))
            {
                return (candidate, extra);
            }
        }
    }

    private static DemoCounty CountyOf(string number) => NorwegianNames.Counties.First(c => c.Number == number);
}
