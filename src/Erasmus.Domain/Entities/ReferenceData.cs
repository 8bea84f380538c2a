namespace Erasmus.Domain.Entities;

/// <summary>A county in one of the two structures of the period (2020–2023, or from 2024).</summary>
public sealed class County
{
    public County(string number, string name, DateOnly validFrom, DateOnly? validTo, bool isCountyAuthority, string partOf2020CountyNumber)
    {
        Number = number;
        Name = name;
        ValidFrom = validFrom;
        ValidTo = validTo;
        IsCountyAuthority = isCountyAuthority;
        PartOf2020CountyNumber = partOf2020CountyNumber;
    }

    public string Number { get; private set; }
    public string Name { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }

    /// <summary>A fylkeskommune; Oslo is a municipality with county tasks, not a county authority.</summary>
    public bool IsCountyAuthority { get; private set; }

    /// <summary>The 2020–2023 county this county belongs to (itself for an unchanged county).</summary>
    public string PartOf2020CountyNumber { get; private set; }

    public bool IsInForceOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    public void Update(string name, DateOnly validFrom, DateOnly? validTo, bool isCountyAuthority, string partOf2020CountyNumber)
    {
        Name = name;
        ValidFrom = validFrom;
        ValidTo = validTo;
        IsCountyAuthority = isCountyAuthority;
        PartOf2020CountyNumber = partOf2020CountyNumber;
    }
}

/// <summary>A country (ISO 3166 alpha-2); programme countries take full part in Erasmus+.</summary>
public sealed class Country(string code, string nameNb, string nameEn, bool isProgrammeCountry)
{
    public string Code { get; private set; } = code;
    public string NameNb { get; private set; } = nameNb;
    public string NameEn { get; private set; } = nameEn;
    public bool IsProgrammeCountry { get; private set; } = isProgrammeCountry;

    public void Update(string nameNb, string nameEn, bool isProgrammeCountry)
    {
        NameNb = nameNb;
        NameEn = nameEn;
        IsProgrammeCountry = isProgrammeCountry;
    }
}

/// <summary>A project topic (sustainability, inclusion, digital transformation, …).</summary>
public sealed class Topic(string code, string nameNb, string nameEn)
{
    public string Code { get; private set; } = code;
    public string NameNb { get; private set; } = nameNb;
    public string NameEn { get; private set; } = nameEn;

    public void Update(string nameNb, string nameEn)
    {
        NameNb = nameNb;
        NameEn = nameEn;
    }
}

/// <summary>A mobility activity code of the Commission's beneficiary tools.</summary>
public sealed class ActivityType
{
    private readonly List<ActivityTypeRule> _rules = [];

    public ActivityType(string code, string nameNb, string nameEn, string participantGroup, string[] sectors)
    {
        Code = code;
        NameNb = nameNb;
        NameEn = nameEn;
        ParticipantGroup = participantGroup;
        Sectors = sectors;
    }

    public string Code { get; private set; }
    public string NameNb { get; private set; }
    public string NameEn { get; private set; }

    /// <summary>learner, staff or other, as in activity-types.csv.</summary>
    public string ParticipantGroup { get; private set; }

    /// <summary>The sectors the activity is used in (SCH, VET, ADU, HED, …).</summary>
    public string[] Sectors { get; private set; }

    public IReadOnlyList<ActivityTypeRule> DurationRules => _rules;

    public bool IsGroupActivity => Erasmus.Domain.Rules.MobilityRules.IsGroupActivity(Code);

    public void Update(string nameNb, string nameEn, string participantGroup, string[] sectors)
    {
        NameNb = nameNb;
        NameEn = nameEn;
        ParticipantGroup = participantGroup;
        Sectors = sectors;
    }

    /// <summary>The duration rule in force for a call year: the newest rule valid from that year or earlier.</summary>
    public ActivityTypeRule? RuleFor(int callYear) =>
        _rules.Where(r => r.ValidFromCallYear <= callYear).MaxBy(r => r.ValidFromCallYear);

    public ActivityTypeRule SetRule(int validFromCallYear, int minDays, int maxDays)
    {
        var existing = _rules.FirstOrDefault(r => r.ValidFromCallYear == validFromCallYear);
        if (existing is null)
        {
            existing = new ActivityTypeRule(Code, validFromCallYear, minDays, maxDays);
            _rules.Add(existing);
        }
        else
        {
            existing.Update(minDays, maxDays);
        }

        return existing;
    }
}

/// <summary>Allowed duration of an activity from a call year on: rules change with the calls.</summary>
public sealed class ActivityTypeRule
{
    public ActivityTypeRule(string activityTypeCode, int validFromCallYear, int minDays, int maxDays)
    {
        if (minDays < 1 || maxDays < minDays)
        {
            throw new DomainException($"Ugyldig varighet for {activityTypeCode}: {minDays}–{maxDays} dager.");
        }

        if (validFromCallYear is < Rules.Plausible.FirstCallYear or > Rules.Plausible.LastCallYear)
        {
            throw new DomainException(new Rules.RuleViolation(nameof(ValidFromCallYear), "Utlysningsåret må være mellom 2014 og 2027."));
        }

        ActivityTypeCode = activityTypeCode;
        ValidFromCallYear = validFromCallYear;
        MinDays = minDays;
        MaxDays = maxDays;
    }

    public int Id { get; private set; }
    public string ActivityTypeCode { get; private set; }
    public int ValidFromCallYear { get; private set; }
    public int MinDays { get; private set; }
    public int MaxDays { get; private set; }

    public void Update(int minDays, int maxDays)
    {
        if (minDays < 1 || maxDays < minDays)
        {
            throw new DomainException($"Ugyldig varighet for {ActivityTypeCode}: {minDays}–{maxDays} dager.");
        }

        MinDays = minDays;
        MaxDays = maxDays;
    }
}
