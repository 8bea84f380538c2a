using Erasmus.Domain.Entities;

namespace Erasmus.DemoData;

/// <summary>What the generator reads from the database before it starts: reference data, identifiers already taken, and where ids continue.</summary>
internal sealed class DemoReference
{
    public required IReadOnlyDictionary<string, County> Counties { get; init; }

    /// <summary>Tracked entities with their duration rules; the generator adds rules for the 2014–2020 calls.</summary>
    public required IReadOnlyDictionary<string, ActivityType> ActivityTypes { get; init; }

    public required IReadOnlySet<string> CountryCodes { get; init; }
    public required IReadOnlyList<string> TopicCodes { get; init; }
    public required HashSet<string> UsedOrganisationNumbers { get; init; }
    public required HashSet<string> UsedOids { get; init; }
    public required HashSet<string> UsedReferences { get; init; }
    public required HashSet<string> UsedAccreditationCodes { get; init; }
    public required int OrganisationIdBase { get; init; }
    public required int AccreditationIdBase { get; init; }
    public required int ProjectIdBase { get; init; }
    public required int MobilityIdBase { get; init; }
}
