namespace Erasmus.Domain.Population;

/// <summary>
/// A population group of DOMAIN.md ("Population figures and rates") and the mobility targets it is the
/// denominator of. Two groups together make the pupils' denominator: the pupil target counts pupils of
/// primary, lower secondary and general upper secondary school. The higher-education groups are also
/// loaded per institution (<see cref="PerInstitution"/>), since their mobility is the institutions' own.
/// </summary>
public sealed record PopulationGroup(string Code, string NameNb, string NameEn, IReadOnlyList<string> TargetCodes, bool PerInstitution = false)
{
    public static readonly IReadOnlyList<PopulationGroup> All =
    [
        new("SCH-PUPILS-PRIMARY", "Elever i grunnskolen", "Pupils in primary and lower secondary school", ["MOB-SCH-PUPILS"]),
        new("SCH-PUPILS-GENERAL-UPPER", "Elever i studieforberedende videregående", "Pupils in general upper secondary", ["MOB-SCH-PUPILS"]),
        new("VET-LEARNERS", "Elever og lærlinger i yrkesfag", "VET pupils and apprentices", ["MOB-VET-LEARNERS"]),
        new("ADU-PARTICIPANTS", "Deltakere i voksenopplæringen", "Adult-education participants", ["MOB-ADU-ALL"]),
        new("SCH-STAFF", "Ansatte i skoler og barnehager", "Employees in schools and kindergartens", ["MOB-SCH-STAFF"]),
        new("HED-STAFF", "Ansatte i høyere utdanning", "Employees in higher education", ["MOB-HED-STAFF"], PerInstitution: true),
        new("HED-STUDENTS", "Studenter i høyere utdanning", "Students in higher education", ["MOB-HED-STUDENTS"], PerInstitution: true),
    ];

    public static PopulationGroup? Find(string? code) =>
        All.FirstOrDefault(g => string.Equals(g.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The groups whose figures add up to a target's denominator (empty for a target without one).</summary>
    public static IReadOnlyList<PopulationGroup> DenominatorOf(string targetCode) =>
        All.Where(g => g.TargetCodes.Contains(targetCode, StringComparer.Ordinal)).ToList();
}
